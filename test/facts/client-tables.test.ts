// The client tables of src/facts/signatures/clients.ts, each read from the client's own source or
// documentation: texts in the shape that source prints them -> the fact, and the finding a user sees.
// Near-misses (the same words in another sense, a longer name that contains a shorter one) must not match.
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/facts/extract.js';
import type { Fact } from '../../src/facts/types.js';
import { codes, group, run } from '../rules/helpers.js';

const facts = (t: string): Fact[] => extractFacts(t).facts;
const withCode = (t: string, code: string): Fact | undefined => facts(t).find((f) => f.codes.includes(code));
const found = (t: string): string[] => codes(run({ groups: [group(t)] }));

describe('libcurl error codes (docs/libcurl/libcurl-errors.md, lib/strerror.c)', () => {
  it('reads the number in the curl tool\'s, PHP\'s and Git\'s forms', () => {
    expect(withCode('curl: (56) Recv failure: Connection reset by peer', 'curl:56')).toMatchObject({ op: 'transfer', kind: 'reset' });
    expect(withCode('cURL error 52: Empty reply from server (see https://curl.haxx.se/libcurl/c/libcurl-errors.html)', 'curl:52')).toMatchObject({ op: 'transfer', kind: 'closed' });
    expect(withCode('error: RPC failed; curl 56 OpenSSL SSL_read: Connection was reset, errno 10054', 'curl:56')).toMatchObject({ op: 'transfer', kind: 'reset' });
    expect(withCode('curl: (83) Issuer check against peer certificate failed', 'curl:83')).toMatchObject({ op: 'tls', kind: 'untrusted' });
    expect(withCode('curl: (97) proxy handshake error', 'curl:97')).toMatchObject({ op: 'tunnel', answeredBy: 'proxy', target: { role: 'proxy' } });
    expect(withCode('curl_easy_perform() failed: CURLE_SSL_PINNEDPUBKEYNOTMATCH', 'curl:90')).toMatchObject({ op: 'tls', kind: 'untrusted' });
  });

  it('does not read a version number or another code as an exit code', () => {
    expect(withCode('curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1', 'curl:7')).toBeUndefined();
    expect(withCode('curl: (77) Problem with the SSL CA cert (path? access rights?)', 'curl:7')).toBeUndefined();
    expect(withCode('cURL error 60: SSL certificate problem', 'curl:6')).toBeUndefined();
  });

  it('curl 8\'s "Failed to connect to <origin> over proxy <proxy>" is the proxy that could not be reached', () => {
    const t = "curl: (7) Failed to connect to login.microsoftonline.com:443 over proxy proxy.contoso.local after 2045 ms: Could not connect to server";
    const connects = facts(t).filter((f) => f.op === 'connect');
    expect(connects).toHaveLength(1);
    expect(connects[0]!.target).toMatchObject({ host: 'proxy.contoso.local', role: 'proxy' });
    expect(found(t)).toContain('proxy-unreachable');
    expect(found(t)).not.toContain('proxy-bypass-connect');
  });

  it('tells its timeouts apart by its own lines (lib/multi.c)', () => {
    expect(facts('curl: (28) Connection timed out after 10001 milliseconds').find((f) => f.codes.includes('curl:28'))).toMatchObject({ op: 'connect', kind: 'timed-out' });
    const op = facts('curl: (28) Operation timed out after 30000 milliseconds with 0 bytes received');
    expect(op.some((f) => f.op === 'transfer' && f.kind === 'timed-out')).toBe(true);
    expect(op.some((f) => f.op === 'connect')).toBe(false);
    expect(facts('curl: (28) Resolving timed out after 5000 milliseconds').some((f) => f.op === 'dns')).toBe(true);
  });

  it('reads the host of OpenSSL\'s SSL_connect line and of a name mismatch', () => {
    expect(withCode('curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to login.microsoftonline.com:443 ', 'curl:35')?.target).toMatchObject({ host: 'login.microsoftonline.com', port: 443 });
    const mm = "curl: (60) SSL: no alternative certificate subject name matches target host name 'login.microsoftonline.com'";
    expect(facts(mm).find((f) => f.kind === 'name-mismatch')?.target?.host).toBe('login.microsoftonline.com');
  });

  it('the status curl and Git report for a failed request', () => {
    expect(found("error: RPC failed; HTTP 407 curl 22 The requested URL returned error: 407")).toContain('proxy-auth-required');
    expect(withCode('curl: (22) The requested URL returned error: 404', 'http:404')).toMatchObject({ op: 'http', status: 404 });
  });

  it('curl\'s Schannel verify lines (vtls/schannel_verify.c)', () => {
    expect(found('curl: (60) schannel: the certificate or certificate chain is based on an untrusted root')).toContain('proxy-tls-interception');
    expect(found('curl: (35) schannel: the revocation status is unknown')).toContain('crl-unreachable');
    expect(facts('schannel: this certificate or one of the certificates in the certificate chain is not time valid').some((f) => f.kind === 'expired')).toBe(true);
  });

  it('a SOCKS proxy that refused is the proxy answering (lib/socks.c)', () => {
    expect(withCode('curl: (97) Can\'t complete SOCKS5 connection to login.microsoftonline.com. (4)', 'curl:97')).toMatchObject({ op: 'tunnel', answeredBy: 'proxy' });
  });
});

describe('Chromium net errors (net/base/net_error_list.h)', () => {
  it('maps each name to its step', () => {
    expect(withCode('net::ERR_NAME_RESOLUTION_FAILED', 'chromium:ERR_NAME_RESOLUTION_FAILED')).toMatchObject({ op: 'dns', kind: 'not-found' });
    expect(withCode('Failed to load: ERR_ADDRESS_UNREACHABLE (-109)', 'chromium:ERR_ADDRESS_UNREACHABLE')).toMatchObject({ op: 'connect', kind: 'unreachable' });
    expect(withCode('net::ERR_CERT_COMMON_NAME_INVALID', 'chromium:ERR_CERT_COMMON_NAME_INVALID')).toMatchObject({ op: 'tls', kind: 'name-mismatch' });
    expect(withCode('net::ERR_CERT_UNABLE_TO_CHECK_REVOCATION', 'chromium:ERR_CERT_UNABLE_TO_CHECK_REVOCATION')).toMatchObject({ op: 'tls', kind: 'revocation' });
    expect(withCode('net::ERR_SOCKS_CONNECTION_FAILED', 'chromium:ERR_SOCKS_CONNECTION_FAILED')?.target?.role).toBe('proxy');
  });

  it('a 407 from a proxy the browser was not told about is a proxy asking for credentials', () => {
    expect(found('Navigation failed: net::ERR_UNEXPECTED_PROXY_AUTH')).toContain('proxy-auth-required');
  });

  it('the untrusted chain and the proxy\'s own certificate are interception', () => {
    expect(found('WebView2 navigation failed: net::ERR_CERT_AUTHORITY_INVALID')).toContain('proxy-tls-interception');
    expect(found('net::ERR_PROXY_CERTIFICATE_INVALID')).toContain('proxy-tls-interception');
  });

  it('does not read a shorter name inside a longer one', () => {
    expect(withCode('net::ERR_CONNECTION_TIMED_OUT', 'chromium:ERR_TIMED_OUT')).toBeUndefined();
    expect(withCode('net::ERR_DNS_TIMED_OUT', 'chromium:ERR_TIMED_OUT')).toBeUndefined();
    expect(withCode('ERR_CERT_INVALID_SOMETHING', 'chromium:ERR_CERT_INVALID')).toBeUndefined();
  });

  it('WebView2\'s CoreWebView2WebErrorStatus names', () => {
    expect(withCode('WebErrorStatus: CoreWebView2WebErrorStatus.HostNameNotResolved', 'webview2:HOST_NAME_NOT_RESOLVED')).toMatchObject({ op: 'dns' });
    expect(found('NavigationCompleted IsSuccess=False COREWEBVIEW2_WEB_ERROR_STATUS_VALID_PROXY_AUTHENTICATION_REQUIRED')).toContain('proxy-auth-required');
  });
});

describe('OpenSSL verify results and reason codes (x509_txt.c; Node tls; Python ssl)', () => {
  it('an expired or misnamed certificate is read as such, not as CERTIFICATE_VERIFY_FAILED', () => {
    const expired = "requests.exceptions.SSLError: HTTPSConnectionPool(host='pypi.org', port=443): Max retries exceeded with url: /simple/pip/ (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1006)')))";
    expect(facts(expired).some((f) => f.op === 'tls' && f.kind === 'expired')).toBe(true);
    // The signature names the verify result, not a generic verify failure (phrases.ts still reads "certificate verify failed").
    expect(facts(expired).some((f) => f.codes.includes('openssl:CERTIFICATE_VERIFY_FAILED'))).toBe(false);
    const mismatch = "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, certificate is not valid for 'login.microsoftonline.com'. (_ssl.c:1006)";
    expect(facts(mismatch).some((f) => f.kind === 'name-mismatch')).toBe(true);
    expect(facts(mismatch).some((f) => f.codes.includes('openssl:CERTIFICATE_VERIFY_FAILED'))).toBe(false);
    expect(withCode('Error: certificate has expired\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1674:34) { code: \'CERT_HAS_EXPIRED\' }', 'openssl:CERT_HAS_EXPIRED')).toMatchObject({ kind: 'expired' });
  });

  it('the untrusted chain still is, with or without the X509_V_ERR_ prefix', () => {
    expect(found("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1129)")).toContain('proxy-tls-interception');
    expect(withCode('verify error: X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'openssl:UNABLE_TO_GET_ISSUER_CERT_LOCALLY')).toMatchObject({ kind: 'untrusted' });
  });

  it('a handshake that never reached a certificate: OpenSSL\'s reason code', () => {
    const t = "pip._vendor.urllib3.exceptions.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1129)";
    expect(withCode(t, 'openssl:WRONG_VERSION_NUMBER')).toMatchObject({ op: 'tls', kind: 'handshake' });
    expect(withCode('[SSL: UNEXPECTED_EOF_WHILE_READING] EOF occurred in violation of protocol (_ssl.c:1006)', 'openssl:UNEXPECTED_EOF_WHILE_READING')).toMatchObject({ op: 'tls', kind: 'reset' });
  });
});

describe('Node and undici (lib/core/errors.js, lib/core/util.js, lib/dispatcher/proxy-agent.js)', () => {
  it('undici\'s ConnectTimeoutError names the address it tried', () => {
    const t = 'TypeError: fetch failed\n  [cause]: ConnectTimeoutError: Connect Timeout Error (attempted address: login.microsoftonline.com:443, timeout: 10000ms)\n  code: \'UND_ERR_CONNECT_TIMEOUT\'';
    expect(facts(t).filter((f) => f.op === 'connect')).toHaveLength(1);
    expect(facts(t).find((f) => f.op === 'connect')).toMatchObject({ kind: 'timed-out', target: { host: 'login.microsoftonline.com', port: 443 } });
    expect(found(t)).toContain('proxy-bypass-connect');
  });

  it('ProxyAgent\'s tunnel status is the proxy\'s answer', () => {
    expect(found('RequestAbortedError [AbortError]: Proxy response (407) !== 200 when HTTP Tunneling')).toContain('proxy-auth-required');
    expect(found('RequestAbortedError [AbortError]: Proxy response (403) !== 200 when HTTP Tunneling')).toContain('proxy-denied');
  });

  it('the other side closing and the headers timeout are transfer failures', () => {
    expect(withCode("SocketError: other side closed\n  code: 'UND_ERR_SOCKET'", 'undici:UND_ERR_SOCKET')).toMatchObject({ op: 'transfer', kind: 'closed' });
    expect(withCode("HeadersTimeoutError: Headers Timeout Error\n  code: 'UND_ERR_HEADERS_TIMEOUT'", 'undici:UND_ERR_HEADERS_TIMEOUT')).toMatchObject({ op: 'transfer', kind: 'timed-out' });
  });

  it('Node\'s altname mismatch is a name mismatch, unless the certificate is a security vendor\'s own (lib/tls.js)', () => {
    const vendor = "FetchError: request to https://registry.npmjs.org/express failed, reason: Hostname/IP does not match certificate's altnames: Host: registry.npmjs.org. is not in the cert's altnames: DNS:*.zscaler.net";
    expect(found(vendor)).toContain('proxy-tls-interception');
    const own = "Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: Host: api.contoso.com. is not in the cert's altnames: DNS:*.contoso.net";
    expect(facts(own).find((f) => f.op === 'tls')).toMatchObject({ kind: 'name-mismatch' });
    expect(found(own)).not.toContain('proxy-tls-interception');
  });

  it('curl 56 after a refused CONNECT is the tunnel, not a reset', () => {
    expect(facts('curl: (56) CONNECT tunnel failed, response 403').some((f) => f.op === 'transfer')).toBe(false);
    expect(facts('curl: (56) Received HTTP code 407 from proxy after CONNECT').some((f) => f.op === 'transfer')).toBe(false);
  });

  it('Node\'s own proxy support names the proxy and its status (ERR_PROXY_TUNNEL)', () => {
    const t = 'Error [ERR_PROXY_TUNNEL]: Failed to establish tunnel to login.microsoftonline.com:443 via http://proxy.contoso.local:3128/: HTTP/1.1 407 Proxy Authentication Required';
    expect(facts(t).find((f) => f.op === 'tunnel' && f.kind === 'status')).toMatchObject({ status: 407, target: { host: 'proxy.contoso.local', port: 3128, role: 'proxy' } });
    expect(found(t)).toContain('proxy-auth-required');
  });

  it('npm\'s E<status> code', () => {
    expect(found('npm ERR! code E407\nnpm ERR! 407 Proxy Authentication Required - GET https://registry.npmjs.org/azure-cli')).toContain('proxy-auth-required');
    expect(withCode('npm error code E404', 'http:404')).toMatchObject({ status: 404 });
    expect(withCode('npm ERR! code EE407', 'http:407')).toBeUndefined();
  });

  it('Go\'s "net/http: TLS handshake timeout" is not read as Node\'s', () => {
    expect(withCode('Get "https://login.microsoftonline.com/": net/http: TLS handshake timeout', 'node:ERR_TLS_HANDSHAKE_TIMEOUT')).toBeUndefined();
  });
});

describe('Python: urllib3 and aiohttp', () => {
  it('aiohttp\'s ClientConnectorError names host and port; its proxy variant names the proxy', () => {
    const direct = 'aiohttp.client_exceptions.ClientConnectorError: Cannot connect to host login.microsoftonline.com:443 ssl:default [Connect call failed (\'20.190.159.2\', 443)]';
    expect(withCode(direct, 'python:ClientConnectorError')?.target).toMatchObject({ host: 'login.microsoftonline.com', port: 443 });
    const proxy = 'aiohttp.client_exceptions.ClientProxyConnectionError: Cannot connect to host 10.1.2.3:8080 ssl:default [Connect call failed (\'10.1.2.3\', 8080)]';
    expect(withCode(proxy, 'python:ClientProxyConnectionError')?.target).toMatchObject({ host: '10.1.2.3', port: 8080, role: 'proxy' });
    expect(withCode(proxy, 'python:ClientConnectorError')).toBeUndefined();
    expect(found(proxy)).toContain('proxy-unreachable');
  });

  it('httpx/httpcore\'s ProxyError carries the CONNECT status; CPython\'s ssl timeouts say which step', () => {
    expect(found('httpx.ProxyError: 403 Forbidden')).toContain('proxy-denied');
    expect(found("httpcore.ProxyError: 407 Proxy Authentication Required")).toContain('proxy-auth-required');
    // requests' ProxyError carries words, not a status.
    expect(facts("requests.exceptions.ProxyError: HTTPSConnectionPool(host='pypi.org', port=443): Max retries exceeded").some((f) => f.op === 'tunnel')).toBe(false);
    expect(withCode('ssl.SSLError: _ssl.c:980: The handshake operation timed out', 'python:ssl.timeout')).toMatchObject({ op: 'tls', kind: 'timed-out' });
    expect(withCode('TimeoutError: The read operation timed out', 'python:ssl.timeout')).toMatchObject({ op: 'transfer' });
  });

  it('urllib3\'s "Your proxy appears to only use HTTP and not HTTPS" is the proxy hop\'s TLS', () => {
    const t = "ProxyError('Unable to connect to proxy. Your proxy appears to only use HTTP and not HTTPS, try changing your proxy URL to be HTTP. See: https://urllib3.readthedocs.io/en/latest/advanced-usage.html#https-proxy-error-http-proxy', SSLError(SSLError(1, '[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1091)')))";
    expect(facts(t).some((f) => f.op === 'tls' && f.target?.role === 'proxy')).toBe(true);
  });
});

describe('Java: JDK, Apache HttpClient, OkHttp, Netty', () => {
  it('the status a proxy gave the CONNECT, in each library\'s words', () => {
    expect(found('org.apache.http.impl.execchain.TunnelRefusedException: CONNECT refused by proxy: HTTP/1.1 407 Proxy Authentication Required')).toContain('proxy-auth-required');
    expect(found('java.io.IOException: Unexpected response code for CONNECT: 403')).toContain('proxy-denied');
    expect(found('io.netty.handler.proxy.HttpProxyHandler$HttpProxyConnectException: http, none, /10.0.0.5:3128 => login.microsoftonline.com:443, status: 403 Forbidden')).toContain('proxy-denied');
    expect(found('java.net.ProtocolException: Failed to authenticate with proxy')).toContain('proxy-auth-required');
  });

  it('java.net.http\'s "Tunnel failed, got: N" is the proxy\'s answer', () => {
    expect(found('java.io.IOException: Tunnel failed, got: 403')).toContain('proxy-denied');
    expect(found('java.io.IOException: Tunnel failed, got: 407')).toContain('proxy-auth-required');
  });

  it('HttpURLConnection\'s "Server returned HTTP response code: 407" is the proxy asking', () => {
    expect(found('java.io.IOException: Server returned HTTP response code: 407 for URL: https://login.microsoftonline.com/common/discovery/instance')).toContain('proxy-auth-required');
  });

  it('a certificate for another name is not an untrusted chain', () => {
    const t = 'javax.net.ssl.SSLHandshakeException: No subject alternative DNS name matching login.microsoftonline.com found.';
    expect(withCode(t, 'java:CertificateException')).toMatchObject({ kind: 'name-mismatch', target: { host: 'login.microsoftonline.com' } });
    expect(found(t)).not.toContain('proxy-tls-interception');
  });

  it('HttpClient\'s and OkHttp\'s name checks, and the JDK\'s cert-path reasons', () => {
    const hc = 'javax.net.ssl.SSLPeerUnverifiedException: Certificate for <login.microsoftonline.com> doesn\'t match any of the subject alternative names: [*.contoso.com]';
    expect(withCode(hc, 'java:SSLPeerUnverifiedException')).toMatchObject({ kind: 'name-mismatch', target: { host: 'login.microsoftonline.com' } });
    expect(found(hc)).not.toContain('proxy-tls-interception');
    expect(found('javax.net.ssl.SSLPeerUnverifiedException: Certificate for <login.microsoftonline.com> doesn\'t match any of the subject alternative names: [*.zscaler.net, zscaler.net]')).toContain('proxy-tls-interception');
    const revocation = 'sun.security.validator.ValidatorException: PKIX path validation failed: java.security.cert.CertPathValidatorException: Could not determine revocation status';
    expect(found(revocation)).toContain('crl-unreachable');
    expect(facts(revocation).some((f) => f.kind === 'untrusted')).toBe(false);
    expect(facts('sun.security.validator.ValidatorException: PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed').map((f) => f.kind)).toEqual(['expired']);
    // PKIX path building (no chain to a trusted root) is still the untrusted chain.
    expect(found('sun.security.validator.ValidatorException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target')).toContain('proxy-tls-interception');
  });

  it('read timeouts and resets are transfer failures, not connect failures', () => {
    expect(withCode('java.net.SocketTimeoutException: Read timed out', 'java:SocketTimeoutException')).toMatchObject({ op: 'transfer' });
    expect(withCode('java.net.SocketException: Connection reset', 'java:SocketException')).toMatchObject({ op: 'transfer', kind: 'reset' });
    expect(withCode('java.net.SocketTimeoutException: connect timed out', 'java:SocketTimeoutException')).toBeUndefined();
  });
});

describe('Go: net/http, crypto/x509, crypto/tls', () => {
  it('a bare reason phrase after an https URL is the proxy\'s answer to CONNECT (transport.go)', () => {
    expect(found('Error: Failed to request discovery document: Get "https://registry.terraform.io/.well-known/terraform.json": Forbidden')).toContain('proxy-denied');
    expect(found('error: Get "https://management.azure.com/subscriptions": Proxy Authentication Required')).toContain('proxy-auth-required');
    // A status with its number, or a reason phrase inside a longer sentence, is some other program's wording.
    expect(facts('Get "https://x.example.com/": Forbidden by policy of the server').some((f) => f.op === 'tunnel')).toBe(false);
    expect(facts('GET "http://x.example.com/": Forbidden').some((f) => f.op === 'tunnel')).toBe(false);
  });

  it('kubectl\'s "Unable to connect to the server: <reason>" and the macOS verifier', () => {
    expect(found('Unable to connect to the server: Forbidden')).toContain('proxy-denied');
    expect(facts('Unable to connect to the server: dial tcp 10.0.0.4:6443: i/o timeout').some((f) => f.op === 'tunnel')).toBe(false);
    expect(withCode('x509: “Zscaler Root CA” certificate is not trusted', 'go:x509.UnknownAuthorityError')).toMatchObject({ op: 'tls', kind: 'untrusted' });
  });

  it('a SOCKS proxy Go could not reach is the proxy (x/net/internal/socks)', () => {
    const t = 'socks connect tcp 10.20.30.40:1080->login.microsoftonline.com:443: dial tcp 10.20.30.40:1080: connect: connection refused';
    expect(facts(t).find((f) => f.codes.includes('go:socks connect'))?.target).toMatchObject({ host: '10.20.30.40', port: 1080, role: 'proxy' });
    expect(found(t)).toContain('proxy-unreachable');
  });

  it('which Client.Timeout it was', () => {
    expect(facts('Get "https://dl.k8s.io/release/stable-1.txt": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)').filter((f) => f.codes.some((c) => c.startsWith('go:'))).map((f) => f.op)).toEqual(['connect']);
    expect(withCode('Post "https://login.microsoftonline.com/x/oauth2/v2.0/token": context deadline exceeded (Client.Timeout exceeded while awaiting headers)', 'go:Client.Timeout')).toMatchObject({ op: 'transfer', kind: 'timed-out' });
  });

  it('x509 name and date errors, and a port that did not speak TLS', () => {
    expect(withCode('tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2026-01-01T00:00:00Z is after 2025-12-01T00:00:00Z', 'go:x509.CertificateInvalidError')).toMatchObject({ kind: 'expired' });
    expect(withCode('x509: certificate is valid for *.contoso.com, contoso.com, not login.microsoftonline.com', 'go:x509.HostnameError')?.target?.host).toBe('login.microsoftonline.com');
    expect(withCode('proxyconnect tcp: tls: first record does not look like a TLS handshake', 'go:tls.RecordHeaderError')).toMatchObject({ op: 'tls', kind: 'handshake' });
  });
});

describe('wget (src/http.c, src/openssl.c)', () => {
  it('the proxy refusing the tunnel, and a name it could not resolve', () => {
    expect(found('Proxy tunneling failed: ForbiddenUnable to establish SSL connection.')).toContain('proxy-denied');
    expect(withCode("wget: unable to resolve host address 'login.microsoftonline.com'", 'wget:resolve')?.target?.host).toBe('login.microsoftonline.com');
    expect(found("wget: unable to resolve host address 'login.microsoftonline.com'")).toContain('proxy-bypass-dns');
  });
});
