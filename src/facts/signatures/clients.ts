// Clients other than .NET that run on these servers and end up in tickets: Python requests/urllib3
// (Azure CLI, pip), Node (npm, Azure SDK, msal-node), Java (MSAL4J, Azure SDK, Maven), Go (terraform,
// azcopy, kubectl) and curl. Their exception/error names are never translated. Sources: urllib3
// exceptions (https://urllib3.readthedocs.io/en/stable/reference/urllib3.exceptions.html), requests
// exceptions (https://requests.readthedocs.io/en/latest/api/#exceptions), Node system errors
// (https://nodejs.org/api/errors.html#common-system-errors) and OpenSSL verify codes
// (https://docs.openssl.org/master/man1/openssl-verification-options/), java.net exceptions
// (https://docs.oracle.com/javase/8/docs/api/java/net/package-summary.html), Go net/http and crypto/x509
// messages (https://pkg.go.dev/crypto/x509#UnknownAuthorityError), libcurl error codes
// (https://curl.se/libcurl/c/libcurl-errors.html).
import { HOST, num, type Signature } from '../signature.js';

const errno = (name: string) => `errno:${name}`;

type Op = Signature['op'];
type Answerer = Signature['answeredBy'];
type Sure = Signature['sure'];

/** One numbered or named error of a client's own table and the fact it stands for. */
interface TableRow {
  /** The number (curl) or the name (Chromium) the table gives it. */
  key: string;
  op: Op;
  kind: string;
  answeredBy?: Answerer;
  sure?: Sure;
  role?: 'proxy' | 'destination';
  status?: number;
  /** Further fixed texts the client prints for it (regular-expression source). */
  words?: string;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// libcurl's error codes: number, CURLE_ name and curl_easy_strerror() text, from
// https://github.com/curl/curl/blob/master/docs/libcurl/libcurl-errors.md (https://curl.se/libcurl/c/libcurl-errors.html) and lib/strerror.c of curl/curl. They reach a ticket as
// the curl tool's "curl: (N) <message>", PHP's "cURL error N: <message>", Git's "RPC failed; curl N
// <message>", and libcurl's own CURLE_ name. Only the codes that say something about the network path are
// listed; a code about the local program (bad option, out of memory) says nothing about a proxy.
// Older strerror texts ("Couldn't …") are kept beside the newer ones ("Could not …", curl 7.86+).
const CURL_CODES: (TableRow & { name: string; text: string })[] = [
  { key: '5', name: 'CURLE_COULDNT_RESOLVE_PROXY', text: 'Could not resolve proxy name', op: 'dns', kind: 'not-found', answeredBy: 'nobody', role: 'proxy', words: String.raw`Could(?: no|n)'?t resolve proxy` },
  { key: '6', name: 'CURLE_COULDNT_RESOLVE_HOST', text: 'Could not resolve hostname', op: 'dns', kind: 'not-found', answeredBy: 'nobody', words: String.raw`Could(?: no|n)'?t resolve host` },
  // "Failed to connect to <origin>:<port> over proxy <proxy> after N ms" (lib/cf-ip-happy.c) is read below, with the proxy's name.
  { key: '7', name: 'CURLE_COULDNT_CONNECT', text: 'Could not connect to server', op: 'connect', kind: 'failed', answeredBy: 'nobody', words: String.raw`Failed(?: to)? connect to (?![^\n]*? over proxy )` },
  { key: '16', name: 'CURLE_HTTP2', text: 'Error in the HTTP2 framing layer', op: 'transfer', kind: 'failed', sure: 'medium' },
  { key: '18', name: 'CURLE_PARTIAL_FILE', text: 'Transferred a partial file', op: 'transfer', kind: 'closed', sure: 'medium' },
  // 28 is any timeout; its own lines ("Connection timed out after", "Operation timed out after") are read below.
  { key: '28', name: 'CURLE_OPERATION_TIMEDOUT', text: 'Timeout was reached', op: 'connect', kind: 'timed-out', answeredBy: 'nobody', sure: 'medium' },
  { key: '35', name: 'CURLE_SSL_CONNECT_ERROR', text: 'SSL connect error', op: 'tls', kind: 'failed', sure: 'medium' },
  // Before 7.62 CURLE_PEER_FAILED_VERIFICATION was 51: the certificate did not name the host.
  { key: '51', name: 'CURLE_PEER_FAILED_VERIFICATION_OLD', text: 'SSL peer certificate or SSH remote key was not OK', op: 'tls', kind: 'name-mismatch', sure: 'medium' },
  { key: '52', name: 'CURLE_GOT_NOTHING', text: 'Server returned nothing (no headers, no data)', op: 'transfer', kind: 'closed', sure: 'medium', words: 'Empty reply from server' },
  { key: '55', name: 'CURLE_SEND_ERROR', text: 'Failed sending data to the peer', op: 'transfer', kind: 'reset', sure: 'medium' },
  { key: '56', name: 'CURLE_RECV_ERROR', text: 'Failure when receiving data from the peer', op: 'transfer', kind: 'reset', sure: 'medium' },
  { key: '58', name: 'CURLE_SSL_CERTPROBLEM', text: 'Problem with the local SSL certificate', op: 'tls', kind: 'client-certificate', answeredBy: 'local', sure: 'medium' },
  { key: '59', name: 'CURLE_SSL_CIPHER', text: 'Could not use specified SSL cipher', op: 'tls', kind: 'handshake', sure: 'medium' },
  { key: '60', name: 'CURLE_PEER_FAILED_VERIFICATION', text: 'SSL peer certificate or SSH remote key was not OK', op: 'tls', kind: 'untrusted', words: String.raw`SSL certificate problem|SSL certificate OpenSSL verify result|Peer.s Certificate issuer is not recognized|Peer certificate cannot be authenticated with given CA certificates` },
  { key: '77', name: 'CURLE_SSL_CACERT_BADFILE', text: 'Problem with the SSL CA cert (path? access rights?)', op: 'local', kind: 'file', answeredBy: 'local', sure: 'medium' },
  { key: '83', name: 'CURLE_SSL_ISSUER_ERROR', text: 'Issuer check against peer certificate failed', op: 'tls', kind: 'untrusted' },
  // A pinned public key that does not match: the certificate shown is not the one expected (a re-signing inspector shows its own key).
  { key: '90', name: 'CURLE_SSL_PINNEDPUBKEYNOTMATCH', text: 'SSL public key does not match pinned public key', op: 'tls', kind: 'untrusted', sure: 'medium' },
  { key: '91', name: 'CURLE_SSL_INVALIDCERTSTATUS', text: 'SSL server certificate status verification FAILED', op: 'tls', kind: 'revocation', sure: 'medium' },
  { key: '92', name: 'CURLE_HTTP2_STREAM', text: 'Stream error in the HTTP/2 framing layer', op: 'transfer', kind: 'failed', sure: 'medium' },
  // CURLE_PROXY: the SOCKS or HAProxy handshake with the proxy failed (the proxy refused or broke it).
  { key: '97', name: 'CURLE_PROXY', text: 'proxy handshake error', op: 'tunnel', kind: 'failed', answeredBy: 'proxy', sure: 'medium', role: 'proxy' },
  { key: '98', name: 'CURLE_SSL_CLIENTCERT', text: 'SSL Client Certificate required', op: 'tls', kind: 'client-certificate', sure: 'medium' },
];

/** The exit code's number in the forms the curl tool, PHP and Git print it; 28 only when no more specific line of curl's says which timeout. */
function curlCodeRe(c: (typeof CURL_CODES)[number]): RegExp {
  // 56 is also what older curl returned for a refused CONNECT: the status line says more (http.ts reads it).
  const tail =
    c.key === '28' ? String.raw`(?![^\n]*?(?:Operation|Resolving|Connection) timed out after)`
    : c.key === '7' ? String.raw`(?![^\n]*? over proxy )`
    : c.key === '56' ? String.raw`(?![^\n]*?(?:CONNECT tunnel failed|from proxy after CONNECT|Proxy CONNECT aborted))`
    : '';
  const forms = [String.raw`curl: \(${c.key}\)${tail}`, String.raw`cURL error ${c.key}\b${tail}`, String.raw`RPC failed; curl ${c.key}(?![\d.])${tail}`];
  // The CURLE_ names (PEER_FAILED_VERIFICATION_OLD is only a label here) and the strerror texts.
  if (!c.name.endsWith('_OLD')) forms.push(String.raw`\b${c.name}\b`);
  // curl 8's "… over proxy <name> after N ms: Could not connect to server" is read with the proxy's name (CURL_LINES).
  if (c.key === '7') forms.push(String.raw`(?<!over proxy [^\n]{1,300})` + escapeRe(c.text));
  else if (c.key !== '51' && c.key !== '28') forms.push(escapeRe(c.text));
  if (c.words) forms.push(c.words);
  return new RegExp(forms.join('|'), 'i');
}

const CURL_SIGNATURES: Signature[] = CURL_CODES.map((c) => ({
  id: `curl-${c.key}`,
  re: curlCodeRe(c),
  op: c.op,
  kind: c.kind,
  answeredBy: c.answeredBy ?? 'unknown',
  via: 'number',
  sure: c.sure ?? 'high',
  code: `curl:${c.key}`,
  ...(c.role ? { role: c.role } : {}),
}));

// Chromium's net errors (net/base/net_error_list.h of chromium/chromium, https://source.chromium.org/chromium/chromium/src/+/main:net/base/net_error_list.h):
// Edge, WebView2, Electron and CEF apps print them as "net::ERR_NAME" or "ERR_NAME (-105)". Only the
// errors about name resolution, connecting, proxies, tunnels, TLS and certificates; each with its number.
// The proxy-named ones (ERR_TUNNEL_CONNECTION_FAILED, ERR_PROXY_CONNECTION_FAILED, ERR_PROXY_AUTH_*) follow the table.
const CHROMIUM_ERRORS: TableRow[] = [
  { key: 'NAME_NOT_RESOLVED', status: -105, op: 'dns', kind: 'not-found', answeredBy: 'nobody' },
  { key: 'NAME_RESOLUTION_FAILED', status: -137, op: 'dns', kind: 'not-found', answeredBy: 'nobody' },
  { key: 'ICANN_NAME_COLLISION', status: -166, op: 'dns', kind: 'not-found', answeredBy: 'nobody', sure: 'medium' },
  { key: 'DNS_SERVER_FAILED', status: -802, op: 'dns', kind: 'not-found', answeredBy: 'nobody', sure: 'medium' },
  { key: 'DNS_TIMED_OUT', status: -803, op: 'dns', kind: 'not-found', answeredBy: 'nobody', sure: 'medium' },
  { key: 'CONNECTION_TIMED_OUT', status: -118, op: 'connect', kind: 'timed-out', answeredBy: 'nobody' },
  { key: 'CONNECTION_REFUSED', status: -102, op: 'connect', kind: 'refused', answeredBy: 'nobody' },
  { key: 'CONNECTION_FAILED', status: -104, op: 'connect', kind: 'failed', answeredBy: 'nobody' },
  { key: 'ADDRESS_UNREACHABLE', status: -109, op: 'connect', kind: 'unreachable', answeredBy: 'nobody' },
  { key: 'INTERNET_DISCONNECTED', status: -106, op: 'connect', kind: 'unreachable', answeredBy: 'local', sure: 'medium' },
  // "Permission to access the network was denied … most likely caused by a firewall."
  { key: 'NETWORK_ACCESS_DENIED', status: -138, op: 'connect', kind: 'failed', answeredBy: 'local', sure: 'medium' },
  { key: 'SOCKS_CONNECTION_FAILED', status: -120, op: 'connect', kind: 'failed', answeredBy: 'nobody', role: 'proxy' },
  { key: 'SOCKS_CONNECTION_HOST_UNREACHABLE', status: -121, op: 'tunnel', kind: 'failed', answeredBy: 'proxy', role: 'proxy' },
  { key: 'HTTPS_PROXY_TUNNEL_RESPONSE_REDIRECT', status: -140, op: 'tunnel', kind: 'status', answeredBy: 'proxy', role: 'proxy' },
  // "The response was 407 (Proxy Authentication Required), yet we did not send the request to a proxy": a proxy the client does not know of.
  { key: 'UNEXPECTED_PROXY_AUTH', status: -323, op: 'http', kind: 'status', answeredBy: 'proxy' },
  { key: 'PROXY_CERTIFICATE_INVALID', status: -136, op: 'tls', kind: 'untrusted', answeredBy: 'proxy', role: 'proxy' },
  { key: 'MANDATORY_PROXY_CONFIGURATION_FAILED', status: -131, op: 'http', kind: 'pac', answeredBy: 'nobody', sure: 'medium' },
  { key: 'PAC_NOT_IN_DHCP', status: -348, op: 'http', kind: 'pac', answeredBy: 'nobody', sure: 'medium' },
  { key: 'PAC_SCRIPT_FAILED', status: -327, op: 'local', kind: 'pac', answeredBy: 'local', sure: 'medium' },
  { key: 'CONNECTION_CLOSED', status: -100, op: 'transfer', kind: 'closed', sure: 'medium' },
  { key: 'CONNECTION_RESET', status: -101, op: 'transfer', kind: 'reset', sure: 'medium' },
  { key: 'CONNECTION_ABORTED', status: -103, op: 'transfer', kind: 'reset', sure: 'medium' },
  { key: 'EMPTY_RESPONSE', status: -324, op: 'transfer', kind: 'closed', sure: 'medium' },
  { key: 'TIMED_OUT', status: -7, op: 'transfer', kind: 'timed-out', sure: 'low' },
  { key: 'INVALID_RESPONSE', status: -320, op: 'http', kind: 'invalid-response', sure: 'medium' },
  { key: 'INVALID_HTTP_RESPONSE', status: -370, op: 'http', kind: 'invalid-response', sure: 'medium' },
  { key: 'SSL_PROTOCOL_ERROR', status: -107, op: 'tls', kind: 'handshake', sure: 'medium' },
  { key: 'SSL_VERSION_OR_CIPHER_MISMATCH', status: -113, op: 'tls', kind: 'handshake', sure: 'medium' },
  // "may also indicate the user is behind a buggy TLS-terminating proxy" (the list's own comment).
  { key: 'TLS13_DOWNGRADE_DETECTED', status: -180, op: 'tls', kind: 'handshake', sure: 'medium' },
  { key: 'SSL_CLIENT_AUTH_CERT_NEEDED', status: -110, op: 'tls', kind: 'client-certificate', sure: 'medium' },
  { key: 'BAD_SSL_CLIENT_AUTH_CERT', status: -117, op: 'tls', kind: 'client-certificate', sure: 'medium' },
  { key: 'SSL_PINNED_KEY_NOT_IN_CERT_CHAIN', status: -150, op: 'tls', kind: 'untrusted' },
  { key: 'CERT_COMMON_NAME_INVALID', status: -200, op: 'tls', kind: 'name-mismatch' },
  { key: 'CERT_DATE_INVALID', status: -201, op: 'tls', kind: 'expired' },
  { key: 'CERT_AUTHORITY_INVALID', status: -202, op: 'tls', kind: 'untrusted' },
  { key: 'CERT_UNABLE_TO_CHECK_REVOCATION', status: -205, op: 'tls', kind: 'revocation', answeredBy: 'nobody' },
  { key: 'CERT_REVOKED', status: -206, op: 'tls', kind: 'revoked' },
  { key: 'CERT_INVALID', status: -207, op: 'tls', kind: 'certificate', sure: 'medium' },
  { key: 'CERT_WEAK_SIGNATURE_ALGORITHM', status: -208, op: 'tls', kind: 'certificate', sure: 'medium' },
  // "The certificate is known to be used for interception by an entity other than the device owner."
  { key: 'CERT_KNOWN_INTERCEPTION_BLOCKED', status: -217, op: 'tls', kind: 'untrusted' },
];

const CHROMIUM_SIGNATURES: Signature[] = CHROMIUM_ERRORS.map((c) => ({
  id: `chromium-${c.key.toLowerCase().replace(/_/g, '-')}`,
  // "net::ERR_CONNECTION_TIMED_OUT", "ERR_CONNECTION_TIMED_OUT (-118)"; never inside a longer name (ERR_TIMED_OUT is not ERR_DNS_TIMED_OUT).
  re: new RegExp(String.raw`(?<![A-Z_])ERR_${c.key}\b`),
  op: c.op,
  kind: c.kind,
  answeredBy: c.answeredBy ?? 'unknown',
  via: 'enum',
  sure: c.sure ?? 'high',
  code: `chromium:ERR_${c.key}`,
  ...(c.key === 'UNEXPECTED_PROXY_AUTH' ? { status: () => 407 } : c.key === 'HTTPS_PROXY_TUNNEL_RESPONSE_REDIRECT' ? { status: () => 302 } : {}),
  ...(c.role ? { role: c.role } : {}),
}));

// WebView2's CoreWebView2WebErrorStatus (https://learn.microsoft.com/microsoft-edge/webview2/reference/win32/webview2-idl#corewebview2_web_error_status),
// as the C enum (COREWEBVIEW2_WEB_ERROR_STATUS_HOST_NAME_NOT_RESOLVED) or the .NET one (CoreWebView2WebErrorStatus.HostNameNotResolved).
const WEBVIEW2_STATUS: (TableRow & { pascal: string })[] = [
  { key: 'HOST_NAME_NOT_RESOLVED', pascal: 'HostNameNotResolved', op: 'dns', kind: 'not-found', answeredBy: 'nobody' },
  { key: 'CANNOT_CONNECT', pascal: 'CannotConnect', op: 'connect', kind: 'failed', answeredBy: 'nobody' },
  { key: 'SERVER_UNREACHABLE', pascal: 'ServerUnreachable', op: 'connect', kind: 'unreachable', answeredBy: 'nobody' },
  { key: 'TIMEOUT', pascal: 'Timeout', op: 'connect', kind: 'timed-out', answeredBy: 'nobody', sure: 'medium' },
  { key: 'CONNECTION_RESET', pascal: 'ConnectionReset', op: 'transfer', kind: 'reset', sure: 'medium' },
  { key: 'CONNECTION_ABORTED', pascal: 'ConnectionAborted', op: 'transfer', kind: 'reset', sure: 'medium' },
  { key: 'VALID_PROXY_AUTHENTICATION_REQUIRED', pascal: 'ValidProxyAuthenticationRequired', op: 'http', kind: 'status', answeredBy: 'proxy', status: 407 },
  { key: 'CERTIFICATE_COMMON_NAME_IS_INCORRECT', pascal: 'CertificateCommonNameIsIncorrect', op: 'tls', kind: 'name-mismatch' },
  { key: 'CERTIFICATE_EXPIRED', pascal: 'CertificateExpired', op: 'tls', kind: 'expired' },
  { key: 'CERTIFICATE_REVOKED', pascal: 'CertificateRevoked', op: 'tls', kind: 'revoked' },
  { key: 'CERTIFICATE_IS_INVALID', pascal: 'CertificateIsInvalid', op: 'tls', kind: 'certificate', sure: 'medium' },
];

const WEBVIEW2_SIGNATURES: Signature[] = WEBVIEW2_STATUS.map((c) => ({
  id: `webview2-${c.key.toLowerCase().replace(/_/g, '-')}`,
  re: new RegExp(String.raw`\bCOREWEBVIEW2_WEB_ERROR_STATUS_${c.key}\b|\bCoreWebView2WebErrorStatus\.${c.pascal}\b`),
  op: c.op,
  kind: c.kind,
  answeredBy: c.answeredBy ?? 'unknown',
  via: 'enum',
  sure: c.sure ?? 'high',
  code: `webview2:${c.key}`,
  ...(c.status ? { status: () => c.status, code: `http:${c.status}` } : {}),
}));

// OpenSSL's X509_V_ERR_* verify results (crypto/x509/x509_txt.c of openssl/openssl,
// https://docs.openssl.org/master/man1/openssl-verification-options/#diagnostic-messages): Node's error
// codes are these names without the prefix (https://nodejs.org/api/tls.html#x509-certificate-error-codes),
// Python's ssl and curl print the text. The untrusted-chain ones are read in 'tls-untrusted-codes' above.
const OPENSSL_VERIFY: TableRow[] = [
  { key: 'CERT_HAS_EXPIRED', words: 'certificate has expired', op: 'tls', kind: 'expired' },
  { key: 'CERT_NOT_YET_VALID', words: 'certificate is not yet valid', op: 'tls', kind: 'expired' },
  { key: 'CERT_REVOKED', words: 'certificate revoked', op: 'tls', kind: 'revoked' },
  { key: 'UNABLE_TO_GET_CRL', words: 'unable to get certificate CRL', op: 'tls', kind: 'revocation', sure: 'medium' },
  { key: 'CRL_HAS_EXPIRED', words: 'CRL has expired', op: 'tls', kind: 'revocation', sure: 'medium' },
  { key: 'HOSTNAME_MISMATCH', words: 'Hostname mismatch|IP address mismatch', op: 'tls', kind: 'name-mismatch' },
];

const OPENSSL_SIGNATURES: Signature[] = [
  ...OPENSSL_VERIFY.map((c): Signature => ({
    id: `openssl-${c.key.toLowerCase().replace(/_/g, '-')}`,
    re: new RegExp(String.raw`(?<![A-Z])(?:X509_V_ERR_)?${c.key}\b|${c.words!}`),
    op: c.op,
    kind: c.kind,
    answeredBy: 'unknown',
    via: 'number',
    sure: c.sure ?? 'high',
    code: `openssl:${c.key}`,
  })),
  // The chain names with OpenSSL's X509_V_ERR_ prefix (the bare names are in 'tls-untrusted-codes').
  { id: 'openssl-untrusted-prefixed', re: /\bX509_V_ERR_(UNABLE_TO_GET_ISSUER_CERT_LOCALLY|UNABLE_TO_GET_ISSUER_CERT|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_UNTRUSTED)\b/, op: 'tls', kind: 'untrusted', answeredBy: 'unknown', via: 'number', sure: 'high', code: (m) => `openssl:${m[1]}` },
  // OpenSSL's reason codes as Python's ssl prints them ("[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)")
  // and Node's ERR_SSL_<reason> codes (https://nodejs.org/api/errors.html): a handshake that did not get as far as a
  // certificate. WRONG_VERSION_NUMBER is what a TLS client reads from a port that answered in plain HTTP
  // (an http:// proxy given as https://, or a proxy's plain error page).
  { id: 'openssl-handshake-reason', re: /\[SSL: (WRONG_VERSION_NUMBER|TLSV1_ALERT_PROTOCOL_VERSION|SSLV3_ALERT_HANDSHAKE_FAILURE|UNSUPPORTED_PROTOCOL|UNSAFE_LEGACY_RENEGOTIATION_DISABLED|DH_KEY_TOO_SMALL|NO_PROTOCOLS_AVAILABLE|TLSV1_ALERT_INTERNAL_ERROR|HTTP_REQUEST|RECORD_LAYER_FAILURE)\]|\bERR_SSL_(WRONG_VERSION_NUMBER|TLSV1_ALERT_PROTOCOL_VERSION|SSLV3_ALERT_HANDSHAKE_FAILURE|UNSUPPORTED_PROTOCOL|UNSAFE_LEGACY_RENEGOTIATION_DISABLED|DH_KEY_TOO_SMALL|NO_PROTOCOLS_AVAILABLE|TLSV1_ALERT_INTERNAL_ERROR|HTTP_REQUEST)\b/, op: 'tls', kind: 'handshake', answeredBy: 'unknown', via: 'enum', sure: 'medium', code: (m) => `openssl:${m[1] ?? m[2]}` },
  // "[SSL: UNEXPECTED_EOF_WHILE_READING] EOF occurred in violation of protocol": the peer closed the handshake.
  { id: 'openssl-unexpected-eof', re: /\bUNEXPECTED_EOF_WHILE_READING\b|EOF occurred in violation of protocol/, op: 'tls', kind: 'reset', answeredBy: 'unknown', via: 'enum', sure: 'medium', code: 'openssl:UNEXPECTED_EOF_WHILE_READING' },
];

// Node's TLS and socket error codes not in the first section (https://nodejs.org/api/errors.html#node-error-codes,
// https://nodejs.org/api/errors.html#common-system-errors) and undici's error classes with their fixed
// messages and codes (lib/core/errors.js, lib/core/util.js onConnectTimeout, lib/dispatcher/proxy-agent.js of nodejs/undici): fetch() in Node 18+.
const NODE_SIGNATURES: Signature[] = [
  { id: 'node-tls-handshake-timeout', re: /\bERR_TLS_HANDSHAKE_TIMEOUT\b|(?<!net\/http: )TLS handshake timeout/, op: 'tls', kind: 'timed-out', answeredBy: 'unknown', via: 'number', sure: 'medium', code: 'node:ERR_TLS_HANDSHAKE_TIMEOUT' },
  { id: 'node-epipe', re: /\bEPIPE\b|\bECONNABORTED\b/, op: 'transfer', kind: 'reset', answeredBy: 'unknown', via: 'number', sure: 'medium', code: (m) => errno(m[0]) },
  { id: 'node-enetdown', re: /\bENETDOWN\b/, op: 'connect', kind: 'unreachable', answeredBy: 'local', via: 'number', sure: 'medium', code: errno('ENETDOWN') },
  // net.connect with autoSelectFamily (Node 20+): ERR_SOCKET_CONNECTION_TIMEOUT "Socket connection timeout".
  { id: 'node-socket-connection-timeout', re: /\bERR_SOCKET_CONNECTION_TIMEOUT\b/, op: 'connect', kind: 'timed-out', answeredBy: 'nobody', via: 'number', sure: 'high', code: 'node:ERR_SOCKET_CONNECTION_TIMEOUT' },
  // npm-registry-fetch's HttpErrorGeneral: code `E${status}` ("npm ERR! code E407", npm 10 "npm error code E403"); who answered is read later.
  { id: 'npm-http-code', re: /\bnpm (?:ERR!|error) code E(\d{3})\b/, op: 'http', kind: 'status', answeredBy: 'unknown', via: 'number', sure: 'high', status: (m) => num(m[1]), code: (m) => `http:${m[1]}` },
  // The request package's read timeout.
  { id: 'node-esockettimedout', re: /\bESOCKETTIMEDOUT\b/, op: 'transfer', kind: 'timed-out', answeredBy: 'unknown', via: 'number', sure: 'medium', code: errno('ESOCKETTIMEDOUT') },
  // undici ConnectTimeoutError: "Connect Timeout Error (attempted address: login.microsoftonline.com:443, timeout: 10000ms)"
  // or "(attempted addresses: 1.2.3.4:443, …": the address is the socket's, the proxy's when a ProxyAgent is used.
  // undici ConnectTimeoutError: "Connect Timeout Error (attempted address: login.microsoftonline.com:443, timeout: 10000ms)"
  // or "(attempted addresses: 1.2.3.4:443, …": the address is the socket's, the proxy's when a ProxyAgent is used.
  { id: 'undici-connect-timeout', re: new RegExp(String.raw`Connect Timeout Error(?: \(attempted address(?:es)?: (${HOST}):(\d{1,5})(?=[,)\s]))?|\bUND_ERR_CONNECT_TIMEOUT\b`), op: 'connect', kind: 'timed-out', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'undici:UND_ERR_CONNECT_TIMEOUT', host: (m) => m[1], port: (m) => num(m[2]) },
  { id: 'undici-headers-timeout', re: /\bUND_ERR_HEADERS_TIMEOUT\b|\bHeadersTimeoutError\b|Headers Timeout Error/, op: 'transfer', kind: 'timed-out', answeredBy: 'unknown', via: 'type', sure: 'medium', code: 'undici:UND_ERR_HEADERS_TIMEOUT' },
  { id: 'undici-body-timeout', re: /\bUND_ERR_BODY_TIMEOUT\b|\bBodyTimeoutError\b|Body Timeout Error/, op: 'transfer', kind: 'timed-out', answeredBy: 'unknown', via: 'type', sure: 'medium', code: 'undici:UND_ERR_BODY_TIMEOUT' },
  // SocketError('other side closed'): the far end of the socket (the proxy's, through one) closed it.
  { id: 'undici-other-side-closed', re: /\bUND_ERR_SOCKET\b|SocketError: other side closed/, op: 'transfer', kind: 'closed', answeredBy: 'unknown', via: 'type', sure: 'medium', code: 'undici:UND_ERR_SOCKET' },
  // ProxyAgent: "Proxy response (407) !== 200 when HTTP Tunneling": the status the proxy gave the CONNECT.
  { id: 'undici-proxy-tunnel-status', re: /Proxy response \((\d{3})\) !== 200 when HTTP Tunneling/, op: 'tunnel', kind: 'status', answeredBy: 'proxy', via: 'number', sure: 'high', status: (m) => num(m[1]), code: (m) => `http:${m[1]}`, role: 'proxy' },
  // Node's own proxy support (NODE_USE_ENV_PROXY, lib/internal/http.js and lib/_http_agent.js of nodejs/node, ERR_PROXY_TUNNEL in
  // https://nodejs.org/api/errors.html): "Failed to establish tunnel to login.microsoftonline.com:443 via http://proxy:3128/: HTTP/1.1 407 …".
  { id: 'node-proxy-tunnel-status', re: new RegExp(String.raw`Failed to establish tunnel to \S+ via https?:\/\/(?:[^@\s/]+@)?(${HOST})(?::(\d{1,5}))?\/?: HTTP\/\d(?:\.\d)? (\d{3})`), op: 'tunnel', kind: 'status', answeredBy: 'proxy', via: 'number', sure: 'high', status: (m) => num(m[3]), code: (m) => `http:${m[3]}`, host: (m) => m[1], port: (m) => num(m[2]), role: 'proxy' },
  { id: 'node-proxy-tunnel', re: /\bERR_PROXY_TUNNEL\b|Connection to establish proxy tunnel ended unexpectedly/, op: 'tunnel', kind: 'failed', answeredBy: 'unknown', via: 'number', sure: 'medium', code: 'node:ERR_PROXY_TUNNEL', role: 'proxy' },
  { id: 'undici-proxy-connection', re: /\bUND_ERR_PRX_CONN\b|Proxy Connection failed/, op: 'connect', kind: 'failed', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'undici:UND_ERR_PRX_CONN', role: 'proxy' },
  { id: 'undici-proxy-tls', re: /\bUND_ERR_PRX_TLS\b|Secure Proxy Connection failed/, op: 'tls', kind: 'failed', answeredBy: 'unknown', via: 'type', sure: 'high', code: 'undici:UND_ERR_PRX_TLS', role: 'proxy' },
];

// Python: urllib3 (src/urllib3/connection.py, connectionpool.py, exceptions.py of urllib3/urllib3), aiohttp's
// ClientConnectorError "Cannot connect to host {host}:{port} ssl:{ssl} [{strerror}]" (https://docs.aiohttp.org/en/stable/client_reference.html#client-exceptions)
// and socket errors (https://docs.python.org/3/library/socket.html#socket.gaierror).
const PYTHON_SIGNATURES: Signature[] = [
  // urllib3 ProxyError for an https:// proxy URL that answers in plain HTTP (connection.py _wrap_proxy_error).
  { id: 'py-proxy-http-only', re: /Your proxy appears to only use HTTP and not HTTPS/, op: 'tls', kind: 'handshake', answeredBy: 'unknown', via: 'type', sure: 'high', code: 'python:ProxyError', role: 'proxy' },
  // ProtocolError("Connection aborted.", …) (connectionpool.py): the connection closed under the request.
  { id: 'py-connection-aborted', re: /ProtocolError\(\s*['"]Connection aborted\./, op: 'transfer', kind: 'closed', answeredBy: 'unknown', via: 'type', sure: 'medium', code: 'python:ProtocolError' },
  // httpcore (httpx): a CONNECT answered with anything but 2xx raises ProxyError("%d %s" % (status, reason)) (httpcore/_async/http_proxy.py).
  { id: 'httpx-proxy-status', re: /\b(?:httpx\.|httpcore\.)?ProxyError: (\d{3}) [A-Z]/, op: 'tunnel', kind: 'status', answeredBy: 'proxy', via: 'type', sure: 'high', status: (m) => num(m[1]), code: (m) => `http:${m[1]}`, role: 'proxy' },
  // CPython's ssl module (Modules/_ssl.c): the socket timeout struck during the handshake, or during a read of the answer.
  { id: 'py-ssl-handshake-timeout', re: /The handshake operation timed out/, op: 'tls', kind: 'timed-out', answeredBy: 'unknown', via: 'type', sure: 'medium', code: 'python:ssl.timeout' },
  { id: 'py-ssl-read-timeout', re: /The (?:read|write) operation timed out/, op: 'transfer', kind: 'timed-out', answeredBy: 'unknown', via: 'type', sure: 'medium', code: 'python:ssl.timeout' },
  { id: 'aiohttp-proxy-connect', re: new RegExp(String.raw`ClientProxyConnectionError: Cannot connect to host (${HOST}):(\d{1,5})`), op: 'connect', kind: 'failed', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'python:ClientProxyConnectionError', host: (m) => m[1], port: (m) => num(m[2]), role: 'proxy' },
  { id: 'aiohttp-connect', re: new RegExp(String.raw`(?<!Proxy\w{0,20}: )Cannot connect to host (${HOST}):(\d{1,5}) ssl:`), op: 'connect', kind: 'failed', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'python:ClientConnectorError', host: (m) => m[1], port: (m) => num(m[2]) },
];

// Java: java.net / javax.net.ssl (JDK sun.security.ssl and sun.security.util.HostnameChecker messages,
// https://docs.oracle.com/en/java/javase/21/docs/api/java.base/javax/net/ssl/SSLHandshakeException.html), Apache
// HttpClient (org.apache.http.impl.execchain.TunnelRefusedException "CONNECT refused by proxy: <status line>",
// NoHttpResponseException "<host> failed to respond"), OkHttp (okhttp3 RealConnection "Unexpected response code
// for CONNECT: N", "Failed to authenticate with proxy", "Too many tunnel connections attempted"), Netty/Reactor
// Netty (io.netty.handler.proxy.ProxyConnectException "<proto>, <auth>, <proxy> => <dest>, status: N",
// reactor.netty.http.client.PrematureCloseException).
const JAVA_SIGNATURES: Signature[] = [
  { id: 'java-tunnel-refused', re: /\bTunnelRefusedException\b[^\n]{0,40}?CONNECT refused by proxy: HTTP\/\d(?:\.\d)? (\d{3})|CONNECT refused by proxy: HTTP\/\d(?:\.\d)? (\d{3})/, op: 'tunnel', kind: 'status', answeredBy: 'proxy', via: 'type', sure: 'high', status: (m) => num(m[1] ?? m[2]), code: (m) => `http:${m[1] ?? m[2]}`, role: 'proxy' },
  // java.net.http.HttpClient (jdk.internal.net.http): "Tunnel failed, got: 403".
  { id: 'jdk-httpclient-tunnel', re: /Tunnel failed, got: (\d{3})/, op: 'tunnel', kind: 'status', answeredBy: 'proxy', via: 'type', sure: 'high', status: (m) => num(m[1]), code: (m) => `http:${m[1]}`, role: 'proxy' },
  { id: 'okhttp-connect-status', re: /Unexpected response code for CONNECT: (\d{3})/, op: 'tunnel', kind: 'status', answeredBy: 'proxy', via: 'type', sure: 'high', status: (m) => num(m[1]), code: (m) => `http:${m[1]}`, role: 'proxy' },
  { id: 'okhttp-proxy-auth', re: /Failed to authenticate with proxy/, op: 'http', kind: 'status', answeredBy: 'proxy', via: 'type', sure: 'high', status: () => 407, code: 'http:407' },
  { id: 'okhttp-tunnel-attempts', re: /Too many tunnel connections attempted/, op: 'tunnel', kind: 'failed', answeredBy: 'proxy', via: 'type', sure: 'medium', code: 'okhttp:tunnel', role: 'proxy' },
  { id: 'netty-proxy-status', re: /\bProxyConnectException: [^\n]{0,200}?, status: (\d{3})/, op: 'tunnel', kind: 'status', answeredBy: 'proxy', via: 'type', sure: 'high', status: (m) => num(m[1]), code: (m) => `http:${m[1]}`, role: 'proxy' },
  { id: 'netty-proxy-timeout', re: /\bProxyConnectException: [^\n]{0,200}?, timeout\b/, op: 'tunnel', kind: 'timed-out', answeredBy: 'unknown', via: 'type', sure: 'medium', code: 'netty:ProxyConnectException', role: 'proxy' },
  // sun.net.www.protocol.http.HttpURLConnection: "Server returned HTTP response code: 407 for URL: …" (who answered is read later; 407 is the proxy's).
  { id: 'java-response-code', re: /Server returned HTTP response code: (\d{3}) for URL/, op: 'http', kind: 'status', answeredBy: 'unknown', via: 'number', sure: 'high', status: (m) => num(m[1]), code: (m) => `http:${m[1]}` },
  { id: 'java-read-timeout', re: /SocketTimeoutException: Read timed out|\bReadTimeoutException\b/, op: 'transfer', kind: 'timed-out', answeredBy: 'unknown', via: 'type', sure: 'medium', code: 'java:SocketTimeoutException' },
  { id: 'java-connection-reset', re: /SocketException: Connection reset\b|SSLException: Connection reset\b/, op: 'transfer', kind: 'reset', answeredBy: 'unknown', via: 'type', sure: 'medium', code: 'java:SocketException' },
  { id: 'java-unexpected-eof', re: /Unexpected end of file from server|\bPrematureCloseException\b|unexpected end of stream on\b/, op: 'transfer', kind: 'closed', answeredBy: 'unknown', via: 'type', sure: 'medium', code: 'java:EOF' },
  { id: 'java-nohttpresponse', re: new RegExp(String.raw`NoHttpResponseException: (${HOST})(?::(\d{1,5}))? failed to respond`), op: 'transfer', kind: 'closed', answeredBy: 'unknown', via: 'type', sure: 'medium', code: 'java:NoHttpResponseException', host: (m) => m[1], port: (m) => num(m[2]) },
  { id: 'java-network-unreachable', re: /Network is unreachable(?: \(connect failed\)|: connect)/, op: 'connect', kind: 'unreachable', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'java:ConnectException' },
  { id: 'java-name-mismatch', re: new RegExp(String.raw`No subject alternative (?:DNS name|names) matching (?:IP address )?(${HOST}|[\d.]+) found|No name matching (${HOST}) found|No subject alternative names present`), op: 'tls', kind: 'name-mismatch', answeredBy: 'unknown', via: 'type', sure: 'high', code: 'java:CertificateException', host: (m) => m[1] ?? m[2] },
  // Apache HttpClient 4.x/5.x (SSLConnectionSocketFactory / DefaultHostnameVerifier): "Certificate for <x> doesn't match any of the
  // subject alternative names: [...]"; OkHttp (OkHostnameVerifier in RealConnection): "Hostname x not verified:".
  { id: 'httpclient-name-mismatch', re: new RegExp(String.raw`Certificate for <(${HOST})> doesn't match (?:any of the subject alternative names|common name of the certificate subject)|SSLPeerUnverifiedException: Hostname (${HOST}) not verified`), op: 'tls', kind: 'name-mismatch', answeredBy: 'unknown', via: 'type', sure: 'high', code: 'java:SSLPeerUnverifiedException', host: (m) => m[1] ?? m[2] },
  // sun.security.provider.certpath (CertPathValidatorException reasons): expired, revoked, or revocation not checkable.
  { id: 'java-certpath-validity', re: /CertPathValidatorException: (?:validity check failed|timestamp check failed)/, op: 'tls', kind: 'expired', answeredBy: 'unknown', via: 'type', sure: 'high', code: 'java:CertPathValidatorException' },
  { id: 'java-certpath-revoked', re: /CertPathValidatorException: Certificate has been revoked|CertificateRevokedException/, op: 'tls', kind: 'revoked', answeredBy: 'unknown', via: 'type', sure: 'high', code: 'java:CertPathValidatorException' },
  { id: 'java-certpath-revocation', re: /CertPathValidatorException: Could not determine revocation status/, op: 'tls', kind: 'revocation', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'java:CertPathValidatorException' },
  { id: 'java-cert-expired', re: /\bCertificateExpiredException\b|\bCertificateNotYetValidException\b/, op: 'tls', kind: 'expired', answeredBy: 'unknown', via: 'type', sure: 'high', code: 'java:CertificateExpiredException' },
  { id: 'java-handshake-closed', re: /Remote host (?:terminated|closed connection during) the handshake|Remote host closed connection during handshake/, op: 'tls', kind: 'reset', answeredBy: 'unknown', via: 'type', sure: 'medium', code: 'java:SSLHandshakeException' },
  // "Unrecognized SSL message, plaintext connection?": the port answered in plain text (an HTTP proxy port, a proxy's error page).
  { id: 'java-handshake-protocol', re: /Received fatal alert: (?:handshake_failure|protocol_version|insufficient_security)|No appropriate protocol \(protocol is disabled or cipher suites are inappropriate\)|Unrecognized SSL message, plaintext connection\?|Unsupported or unrecognized SSL message|\bNotSslRecordException\b/, op: 'tls', kind: 'handshake', answeredBy: 'unknown', via: 'type', sure: 'medium', code: 'java:SSLHandshakeException' },
];

// Go: net, net/http, crypto/x509 and crypto/tls error strings (src/net/http/transport.go, src/net/http/client.go,
// src/crypto/x509/verify.go, src/crypto/tls/conn.go of golang/go; https://pkg.go.dev/crypto/x509#CertificateInvalidError).
const GO_REASON: Record<string, number> = {
  'Bad Request': 400, Unauthorized: 401, Forbidden: 403, 'Not Found': 404, 'Method Not Allowed': 405, 'Proxy Authentication Required': 407,
  'Request Timeout': 408, 'Too Many Requests': 429, 'Internal Server Error': 500, 'Bad Gateway': 502, 'Service Unavailable': 503, 'Gateway Timeout': 504,
};
const GO_SIGNATURES: Signature[] = [
  // kubectl prints the url.Error's inner error alone: "Unable to connect to the server: Forbidden" (staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go).
  // Transport.dialConn: a CONNECT answered with anything but 200 returns errors.New(<reason phrase>), which
  // url.Error prints as `Get "https://host/": Forbidden`. A direct request returns its response instead, so a
  // bare reason phrase after an https URL is the proxy's answer to the tunnel.
  { id: 'go-connect-reason', re: new RegExp(String.raw`(?:\b(?:Get|Post|Put|Patch|Delete|Head|Options) "?https://[^\s"]+"?|Unable to connect to the server): (${Object.keys(GO_REASON).join('|')})\s*(?:$|\n|\r)`, 'm'), op: 'tunnel', kind: 'status', answeredBy: 'proxy', via: 'type', sure: 'high', status: (m) => GO_REASON[m[1]!], code: (m) => `http:${GO_REASON[m[1]!]}`, role: 'proxy' },
  // client.go: a Client.Timeout that ended while the transport was still dialing (or tunnelling) …
  { id: 'go-waiting-for-connection', re: /net\/http: request canceled while waiting for connection/, op: 'connect', kind: 'timed-out', answeredBy: 'nobody', via: 'type', sure: 'medium', code: 'go:request canceled while waiting for connection' },
  // … and one that ended after the request was sent, before the response headers.
  { id: 'go-awaiting-headers', re: /(?<!waiting for connection )\(Client\.Timeout exceeded while awaiting headers\)/, op: 'transfer', kind: 'timed-out', answeredBy: 'unknown', via: 'type', sure: 'medium', code: 'go:Client.Timeout' },
  // macOS verifier (crypto/x509/root_darwin.go): x509: “Zscaler Root CA” certificate is not trusted.
  { id: 'go-x509-darwin-untrusted', re: /x509: “[^”\n]{1,120}” certificate is not trusted/, op: 'tls', kind: 'untrusted', answeredBy: 'unknown', via: 'type', sure: 'high', code: 'go:x509.UnknownAuthorityError' },
  // Transport.ResponseHeaderTimeout, and an answer that was not HTTP (transport.go).
  { id: 'go-response-header-timeout', re: /net\/http: timeout awaiting response headers/, op: 'transfer', kind: 'timed-out', answeredBy: 'unknown', via: 'type', sure: 'medium', code: 'go:ResponseHeaderTimeout' },
  { id: 'go-malformed-response', re: /net\/http: HTTP\/1\.x transport connection broken: malformed HTTP (?:response|status code)/, op: 'http', kind: 'invalid-response', answeredBy: 'unknown', via: 'type', sure: 'medium', code: 'go:malformed HTTP response' },
  // golang.org/x/net/internal/socks: "socks connect tcp 127.0.0.1:1080->login.microsoftonline.com:443: …": the first address is the SOCKS proxy.
  { id: 'go-socks-connect', re: new RegExp(String.raw`socks connect tcp (${HOST}):(\d{1,5})->`), op: 'connect', kind: 'failed', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'go:socks connect', host: (m) => m[1], port: (m) => num(m[2]), role: 'proxy' },
  { id: 'go-x509-expired', re: /x509: certificate has expired or is not yet valid/, op: 'tls', kind: 'expired', answeredBy: 'unknown', via: 'type', sure: 'high', code: 'go:x509.CertificateInvalidError' },
  { id: 'go-x509-name', re: new RegExp(String.raw`x509: certificate is (?:not )?valid for [^\n]{1,300}?,? not (${HOST})`), op: 'tls', kind: 'name-mismatch', answeredBy: 'unknown', via: 'type', sure: 'high', code: 'go:x509.HostnameError', host: (m) => m[1] },
  // crypto/tls: the first bytes back were not TLS (a plain-HTTP port); net/http: an HTTP answer to a TLS hello.
  { id: 'go-not-tls', re: /tls: first record does not look like a TLS handshake|http: server gave HTTP response to HTTPS client/, op: 'tls', kind: 'handshake', answeredBy: 'unknown', via: 'type', sure: 'medium', code: 'go:tls.RecordHeaderError' },
  { id: 'go-tls-alert', re: /remote error: tls: (?:handshake failure|protocol version not supported|internal error)/, op: 'tls', kind: 'handshake', answeredBy: 'unknown', via: 'type', sure: 'medium', code: 'go:tls.alert' },
  { id: 'go-net-unreachable', re: /connect: network is unreachable|connectex: A socket operation was attempted to an unreachable (?:network|host)/, op: 'connect', kind: 'unreachable', answeredBy: 'nobody', via: 'type', sure: 'high', code: errno('ENETUNREACH') },
  // Windows resolver through Go's cgo-free path: "lookup x: getaddrinfow: …".
  { id: 'go-getaddrinfow', re: /\bgetaddrinfow: /, op: 'dns', kind: 'not-found', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'go:getaddrinfow' },
];

// curl's own lines (lib/cf-ip-happy.c, lib/multi.c, lib/http_proxy.c, lib/cf-h1-proxy.c, lib/socks.c, lib/vtls/openssl.c,
// lib/vtls/gtls.c of curl/curl), as curl -v, Git and PHP print them.
const CURL_LINES: Signature[] = [
  // curl 8.x: "Failed to connect to login.microsoftonline.com:443 over proxy proxy.contoso.com after 21045 ms: …": the hop that failed was the proxy.
  { id: 'curl-connect-over-proxy', re: new RegExp(String.raw`Failed to connect to \S+ over proxy (${HOST}) after`), op: 'connect', kind: 'failed', answeredBy: 'nobody', via: 'number', sure: 'high', code: 'curl:7', host: (m) => m[1], role: 'proxy' },
  // multi.c: "Connection timed out after N milliseconds" (still connecting), "Resolving timed out after N milliseconds".
  { id: 'curl-connect-timed-out', re: /\bConnection timed out after \d+ milli/, op: 'connect', kind: 'timed-out', answeredBy: 'nobody', via: 'number', sure: 'high', code: 'curl:28' },
  { id: 'curl-resolve-timed-out', re: /\bResolving timed out after \d+ milli/, op: 'dns', kind: 'not-found', answeredBy: 'nobody', via: 'number', sure: 'medium', code: 'curl:28' },
  // "Operation timed out after N milliseconds with N bytes received": connected, then no (complete) answer.
  { id: 'curl-transfer-timed-out', re: /\bOperation timed out after \d+ milli\w* with \d+ (?:out of -?\d+ )?bytes received/, op: 'transfer', kind: 'timed-out', answeredBy: 'unknown', via: 'number', sure: 'medium', code: 'curl:28' },
  // http_proxy.c: the proxy closed the connection while curl waited for its answer to CONNECT.
  { id: 'curl-proxy-connect-aborted', re: /Proxy CONNECT aborted(?! due to timeout)/, op: 'tunnel', kind: 'failed', answeredBy: 'proxy', via: 'number', sure: 'medium', code: 'curl:56', role: 'proxy' },
  { id: 'curl-proxy-connect-timeout', re: /Proxy CONNECT aborted due to timeout/, op: 'tunnel', kind: 'timed-out', answeredBy: 'unknown', via: 'number', sure: 'medium', code: 'curl:28', role: 'proxy' },
  // socks.c: the SOCKS proxy refused or could not reach the destination.
  { id: 'curl-socks', re: /(?:Can't|cannot) complete SOCKS5 connection to|Failed to receive SOCKS[45a]? (?:connect request ack|response)|User was rejected by the SOCKS5 server|SOCKS4 connection to \S+ (?:rejected|failed)/i, op: 'tunnel', kind: 'failed', answeredBy: 'proxy', via: 'number', sure: 'medium', code: 'curl:97', role: 'proxy' },
  // lib/http.c CURLE_HTTP_RETURNED_ERROR: "The requested URL returned error: 407"; Git's "RPC failed; HTTP 407".
  { id: 'curl-returned-error', re: /The requested URL returned error: (\d{3})|RPC failed; HTTP (\d{3})/, op: 'http', kind: 'status', answeredBy: 'unknown', via: 'number', sure: 'high', status: (m) => num(m[1] ?? m[2]), code: (m) => `http:${m[1] ?? m[2]}` },
  // vtls/openssl.c: "OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to login.microsoftonline.com:443" — the handshake's connection closed.
  { id: 'curl-ssl-connect-syscall', re: new RegExp(String.raw`SSL_connect: (?:SSL_ERROR_SYSCALL|Connection reset by peer|Connection was reset) in connection to (${HOST}):(\d{1,5})`), op: 'tls', kind: 'reset', answeredBy: 'unknown', via: 'number', sure: 'medium', code: 'curl:35', host: (m) => m[1], port: (m) => num(m[2]) },
  // vtls/*.c: the certificate does not name the host.
  { id: 'curl-name-mismatch', re: new RegExp(String.raw`SSL: no alternative certificate subject name matches target host ?name '(${HOST})'|SSL: certificate subject name [('][^\n]{1,120}?[)'] does not match target host ?name '(${HOST})'`), op: 'tls', kind: 'name-mismatch', answeredBy: 'unknown', via: 'number', sure: 'high', code: 'curl:60', host: (m) => m[1] ?? m[2] },
  // vtls/schannel.c and schannel_verify.c (curl on Windows, Git for Windows with http.sslBackend=schannel).
  { id: 'curl-schannel-untrusted', re: /schannel: (?:the certificate or certificate chain is based on an untrusted root|the certificate chain is incomplete)/, op: 'tls', kind: 'untrusted', answeredBy: 'unknown', via: 'number', sure: 'high', code: 'curl:60' },
  { id: 'curl-schannel-revoked', re: /schannel: trust for this certificate or one of the certificates in the certificate chain has been revoked/, op: 'tls', kind: 'revoked', answeredBy: 'unknown', via: 'number', sure: 'high', code: 'curl:60' },
  { id: 'curl-schannel-time', re: /schannel: this certificate or one of the certificates in the certificate chain is not time valid/, op: 'tls', kind: 'expired', answeredBy: 'unknown', via: 'number', sure: 'high', code: 'curl:60' },
  { id: 'curl-schannel-revocation-unknown', re: /schannel: the revocation status is unknown/, op: 'tls', kind: 'revocation', answeredBy: 'nobody', via: 'number', sure: 'high', code: 'curl:60' },
  { id: 'curl-schannel-handshake', re: /schannel: failed to receive handshake, SSL\/TLS connection failed/, op: 'tls', kind: 'reset', answeredBy: 'unknown', via: 'number', sure: 'medium', code: 'curl:35' },
  // Git over GnuTLS: "gnutls_handshake() failed: The TLS connection was non-properly terminated."
  { id: 'curl-gnutls-handshake', re: /gnutls_handshake\(\) failed: (?:The TLS connection was non-properly terminated|Error in the pull function)/, op: 'tls', kind: 'reset', answeredBy: 'unknown', via: 'number', sure: 'medium', code: 'curl:35' },
];

// wget's messages (src/http.c, src/connect.c, src/openssl.c, src/gnutls.c of GNU Wget, https://git.savannah.gnu.org/cgit/wget.git/tree/src).
const WGET_SIGNATURES: Signature[] = [
  { id: 'wget-proxy-tunnel', re: /Proxy tunneling failed:/, op: 'tunnel', kind: 'failed', answeredBy: 'proxy', via: 'phrase', sure: 'high', code: 'wget:proxy-tunnel', role: 'proxy' },
  { id: 'wget-unresolved', re: new RegExp(String.raw`unable to resolve host address [‘'"](${HOST})[’'"]`), op: 'dns', kind: 'not-found', answeredBy: 'nobody', via: 'phrase', sure: 'high', code: 'wget:resolve', host: (m) => m[1] },
  { id: 'wget-ssl-failed', re: /Unable to establish SSL connection\./, op: 'tls', kind: 'failed', answeredBy: 'unknown', via: 'phrase', sure: 'medium', code: 'wget:ssl' },
  { id: 'wget-cert-expired', re: /The certificate of [^\n]{1,80} has expired/, op: 'tls', kind: 'expired', answeredBy: 'unknown', via: 'phrase', sure: 'high', code: 'wget:certificate' },
  { id: 'wget-name-mismatch', re: new RegExp(String.raw`no certificate subject alternative name matches\s+requested host name [‘'"](${HOST})[’'"]|certificate common name [^\n]{1,120} doesn't match requested host name [‘'"](${HOST})[’'"]`), op: 'tls', kind: 'name-mismatch', answeredBy: 'unknown', via: 'phrase', sure: 'high', code: 'wget:certificate', host: (m) => m[1] ?? m[2] },
  { id: 'wget-read-error', re: /Read error \([^)\n]{1,80}\) in headers/, op: 'transfer', kind: 'reset', answeredBy: 'unknown', via: 'phrase', sure: 'medium', code: 'wget:read' },
];


export const CLIENT_SIGNATURES: Signature[] = [
  // ---- Python requests / urllib3
  { id: 'py-proxyerror', re: /\bProxyError\b[^\n]{0,60}(?:Cannot connect to proxy|Unable to connect to proxy)|requests\.exceptions\.ProxyError/, op: 'connect', kind: 'failed', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'python:ProxyError', role: 'proxy' },
  // The words of any client that names the proxy as what it could not connect to (aiohttp/python-socks
  // "Can not connect to proxy 1.2.3.4:4145", Java/Go wrappers): the hop was the proxy.
  { id: 'cannot-connect-proxy', re: /\b(?:Can ?not|Unable to|Could not|Failed to) connect to (?:the )?(?:HTTP |HTTPS |SOCKS5? )?proxy\b/i, op: 'connect', kind: 'failed', answeredBy: 'nobody', via: 'phrase', sure: 'high', code: 'client:cannot-connect-proxy', role: 'proxy' },
  // winget's APPINSTALLER_CLI_ERROR_PINNED_CERTIFICATE_MISMATCH: the store's certificate is not the one
  // Microsoft pins (https://github.com/microsoft/winget-cli/blob/master/doc/windows/package-manager/winget/returnCodes.md).
  { id: 'winget-pinned-cert', re: /0x8a15005e\b|The server certificate did not match any of the expected values/i, op: 'tls', kind: 'untrusted', answeredBy: 'unknown', via: 'number', sure: 'high', code: 'winget:0x8a15005e' },
  { id: 'py-newconnection', re: /\bNewConnectionError\b/, op: 'connect', kind: 'failed', answeredBy: 'nobody', via: 'type', sure: 'medium', code: 'python:NewConnectionError' },
  { id: 'py-connecttimeout', re: /\bConnectTimeoutError\b(?!: Connect Timeout Error| \[UND_ERR)|\bConnectTimeout\b/, op: 'connect', kind: 'timed-out', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'python:ConnectTimeoutError' },
  // urllib3's ConnectTimeoutError message, printed without its type name when a caller re-raises the
  // args tuple: f"Connection to {host} timed out. (connect timeout={timeout})" (urllib3/connection.py).
  // The host is the one the socket was opened to: the proxy's when urllib3 was given one.
  { id: 'py-urllib3-connect-timeout', re: new RegExp(String.raw`Connection to (${HOST}) timed out\. \(connect timeout=`), op: 'connect', kind: 'timed-out', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'python:ConnectTimeoutError', host: (m) => m[1] },
  { id: 'py-nameresolution', re: /\[Errno -[235]\]|\[Errno 1100[124]\]|\bNameResolutionError\b|getaddrinfo failed|\bfailed to resolve\b|Search domain query failed|Temporary failure in name resolution|Name or service not known|nodename nor servname provided/, op: 'dns', kind: 'not-found', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'python:NameResolutionError' },
  { id: 'py-readtimeout', re: /\bReadTimeoutError\b|Read timed out/, op: 'transfer', kind: 'timed-out', answeredBy: 'unknown', via: 'type', sure: 'medium', code: 'python:ReadTimeoutError' },
  { id: 'py-sslerror', re: /(?:CERTIFICATE_VERIFY_FAILED|SSLCertVerificationError|certificate verify failed)(?![^\n]{0,120}?(?:Hostname mismatch|IP address mismatch|certificate has expired|certificate is not yet valid))/i, op: 'tls', kind: 'untrusted', answeredBy: 'unknown', via: 'type', sure: 'high', code: 'openssl:CERTIFICATE_VERIFY_FAILED' },
  { id: 'py-errno-refused', re: /\[Errno 111\]|\[Errno 61\]|ConnectionRefusedError/, op: 'connect', kind: 'refused', answeredBy: 'nobody', via: 'number', sure: 'high', code: errno('ECONNREFUSED') },
  { id: 'py-errno-timeout', re: /\[Errno 110\]|\[Errno 60\]/, op: 'connect', kind: 'timed-out', answeredBy: 'nobody', via: 'number', sure: 'high', code: errno('ETIMEDOUT') },
  { id: 'py-errno-noroute', re: /\[Errno 113\]|\[Errno 101\]|No route to host/, op: 'connect', kind: 'unreachable', answeredBy: 'nobody', via: 'number', sure: 'high', code: errno('EHOSTUNREACH') },
  { id: 'py-reset', re: /ConnectionResetError|\[Errno 104\]|Connection reset by peer/, op: 'transfer', kind: 'reset', answeredBy: 'unknown', via: 'type', sure: 'medium', code: errno('ECONNRESET') },
  { id: 'py-badstatus', re: /\bBadStatusLine\b|RemoteDisconnected/, op: 'transfer', kind: 'closed', answeredBy: 'unknown', via: 'type', sure: 'medium' },

  { id: 'py-socks', re: /\bSOCKSHTTPS?ConnectionPool\b|\bSOCKSConnection\b|socks\.ProxyConnectionError|\[proxychains\]/, op: 'connect', kind: 'failed', answeredBy: 'unknown', via: 'type', sure: 'medium', code: 'socks:proxy', role: 'proxy' },
  // ---- Node
  { id: 'node-econnrefused', re: /\bECONNREFUSED\b/, op: 'connect', kind: 'refused', answeredBy: 'nobody', via: 'number', sure: 'high', code: errno('ECONNREFUSED') },
  { id: 'node-etimedout', re: /connect ETIMEDOUT|\bETIMEDOUT\b/, op: 'connect', kind: 'timed-out', answeredBy: 'nobody', via: 'number', sure: 'high', code: errno('ETIMEDOUT') },
  { id: 'node-enotfound', re: /\bENOTFOUND\b|\bEAI_AGAIN\b|\bEAI_NONAME\b|\bEAI_FAIL\b/, op: 'dns', kind: 'not-found', answeredBy: 'nobody', via: 'number', sure: 'high', code: (m) => errno(m[0]) },
  { id: 'node-unreach', re: /\bEHOSTUNREACH\b|\bENETUNREACH\b/, op: 'connect', kind: 'unreachable', answeredBy: 'nobody', via: 'number', sure: 'high', code: (m) => errno(m[0]) },
  { id: 'node-econnreset', re: /\bECONNRESET\b|socket hang up|Client network socket disconnected before secure TLS connection was established/, op: 'transfer', kind: 'reset', answeredBy: 'unknown', via: 'number', sure: 'medium', code: errno('ECONNRESET') },
  { id: 'tls-untrusted-codes', re: /\b(?:SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|UNABLE_TO_GET_ISSUER_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_UNTRUSTED)\b|self[- ]signed certificate in certificate chain|unable to get local issuer certificate|unable to verify the first certificate|self[- ]signed certificate\b/i, op: 'tls', kind: 'untrusted', answeredBy: 'unknown', via: 'number', sure: 'high', code: (m) => `openssl:${m[0]}` },
  // Node's checkServerIdentity (lib/tls.js): "Host: x. is not in the cert's altnames: DNS:*.zscaler.net" (and Apache HttpClient's and
  // OkHttp's lists of the names, below in the Java section) — a certificate
  // for a security vendor's own domain served for another host is its inspection (or block page), as in proxies.ts 'vendor-cert-name'.
  { id: 'tls-altname-vendor', re: /(?:is not in the cert's altnames|doesn't match any of the subject alternative names|subjectAltNames): [^\n]{0,200}?\b(?:zscaler|mcafee|skyhigh|fortinet|fortiguard|bluecoat|paloaltonetworks|netskope|sophos|checkpoint|websense|forcepoint|umbrella|opendns|menlosecurity|iboss)\.(?:com|net|org)\b/i, op: 'tls', kind: 'untrusted', answeredBy: 'proxy', via: 'page', sure: 'high', code: 'openssl:ERR_TLS_CERT_ALTNAME_INVALID' },
  { id: 'tls-altname', re: /ERR_TLS_CERT_ALTNAME_INVALID|Hostname\/IP does not match certificate/i, op: 'tls', kind: 'name-mismatch', answeredBy: 'unknown', via: 'number', sure: 'high', code: 'openssl:ERR_TLS_CERT_ALTNAME_INVALID' },

  // ---- Java
  { id: 'java-unknownhost', re: /\bjava\.net\.UnknownHostException\b|\bUnknownHostException:/, op: 'dns', kind: 'not-found', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'java:UnknownHostException' },
  { id: 'java-connect', re: /\bjava\.net\.ConnectException\b|\bHttpHostConnectException\b|Connection refused: connect/, op: 'connect', kind: 'failed', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'java:ConnectException' },
  { id: 'java-connect-timeout', re: /\bConnectTimeoutException\b|connect timed out|Connection timed out: connect|failed: Connection timed o/i, op: 'connect', kind: 'timed-out', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'java:ConnectTimeoutException' },
  { id: 'java-noroute', re: /\bNoRouteToHostException\b/, op: 'connect', kind: 'unreachable', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'java:NoRouteToHostException' },
  { id: 'java-pkix', re: /PKIX path building failed|SunCertPathBuilderException|unable to find valid certification path to requested target|ValidatorException(?![^\n]{0,160}?(?:validity check failed|Certificate has been revoked|Could not determine revocation status|timestamp check failed))/, op: 'tls', kind: 'untrusted', answeredBy: 'unknown', via: 'type', sure: 'high', code: 'java:SunCertPathBuilderException' },

  // Apache HttpClient 4.x: RequestProxyAuthentication adds Proxy-Authorization only once the proxy has
  // challenged (a 407 set the proxy's auth state); its "<scheme> authentication error" means the
  // proxy demanded credentials the client could not give (org.apache.http.client.protocol).
  { id: 'java-proxy-auth-interceptor', re: /\bRequestProxyAuthentication\b[^\n]{0,120}\bauthentication error\b/i, op: 'http', kind: 'status', answeredBy: 'proxy', via: 'type', sure: 'high', status: () => 407, code: 'http:407' },

  // Apache HttpClient 4.x HttpHostConnectException: "Connection to http://10.0.0.1:8080 refused".
  { id: 'java-httpclient-refused', re: new RegExp(String.raw`Connection to https?://(${HOST}):(\d{1,5}) refused`), op: 'connect', kind: 'refused', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'java:ConnectException', host: (m) => m[1], port: (m) => Number(m[2]) },

  // ---- Chromium's net errors (Edge, WebView2, Electron apps; net/base/net_error_list.h): names, never translated.
  ...CHROMIUM_SIGNATURES,
  { id: 'chromium-tunnel', re: /\bERR_TUNNEL_CONNECTION_FAILED\b/, op: 'tunnel', kind: 'failed', answeredBy: 'proxy', via: 'enum', sure: 'high', code: 'chromium:ERR_TUNNEL_CONNECTION_FAILED', role: 'proxy' },
  { id: 'chromium-proxy-connect', re: /\bERR_PROXY_CONNECTION_FAILED\b/, op: 'connect', kind: 'failed', answeredBy: 'nobody', via: 'enum', sure: 'high', code: 'chromium:ERR_PROXY_CONNECTION_FAILED', role: 'proxy' },
  { id: 'chromium-proxy-auth', re: /\bERR_PROXY_AUTH_(?:REQUESTED|UNSUPPORTED|REQUESTED_WITH_NO_CONNECTION)\b/, op: 'http', kind: 'status', answeredBy: 'proxy', via: 'enum', sure: 'high', status: () => 407, code: 'http:407' },

  // rustls (Rust clients: uv, deno, many CLIs): Error::InvalidCertificate(CertificateError::<variant>) prints
  // "invalid peer certificate: UnknownIssuer" (https://docs.rs/rustls/latest/rustls/enum.CertificateError.html).
  { id: 'rustls-unknown-issuer', re: /invalid peer certificate:\s*(?:UnknownIssuer|BadSignature)\b|CertificateError::UnknownIssuer/, op: 'tls', kind: 'untrusted', answeredBy: 'unknown', via: 'enum', sure: 'high', code: 'rustls:UnknownIssuer' },
  // curl asked to use a proxy (-x/--proxy) for an https:// URL first sends CONNECT: a status other than
  // 200 shown before any other is the proxy's answer to the tunnel (RFC 9110 §9.3.6).
  { id: 'curl-proxy-first-status', re: /\bcurl\b[^\n]*\s(?:-x|--proxy)\s+\S+[^\n]*\shttps:\/\/[^\n]*\n(?:(?!(?:< )?HTTP\/)[^\n]*\n){0,20}?(?:< )?HTTP\/(?:1\.[01]|2) (?!200\b)(\d{3})\b/, op: 'tunnel', kind: 'status', answeredBy: 'proxy', via: 'number', sure: 'high', status: (m) => Number(m[1]), code: (m) => `http:${m[1]}`, role: 'proxy' },
  // NSS (Firefox, Thunderbird) error names (https://firefox-source-docs.mozilla.org/security/nss/legacy/nss_tech_notes/nss_tech_note6/ and
  // security/nss/lib/ssl/sslerr.h): untranslated in every localized error page.
  { id: 'nss-unknown-issuer', re: /\b(?:SEC_ERROR_UNKNOWN_ISSUER|MOZILLA_PKIX_ERROR_MITM_DETECTED|SEC_ERROR_UNTRUSTED_ISSUER|MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT)\b/, op: 'tls', kind: 'untrusted', answeredBy: 'unknown', via: 'enum', sure: 'high', code: 'nss:unknown-issuer' },
  { id: 'nss-handshake', re: /\bSSL_ERROR_(?:RX_MALFORMED_\w+|RX_RECORD_TOO_LONG|HANDSHAKE_FAILURE_ALERT|PROTOCOL_VERSION_ALERT|NO_CYPHER_OVERLAP)\b/, op: 'tls', kind: 'handshake', answeredBy: 'unknown', via: 'enum', sure: 'medium', code: 'nss:handshake' },
  // ---- Go
  { id: 'go-nosuchhost', re: /lookup \S+(?: on \S+?)?:\s?(?:no such host|server misbehaving)|:\s?no such host\b/, op: 'dns', kind: 'not-found', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'go:no such host' },
  { id: 'go-lookup-timeout', re: new RegExp(String.raw`lookup (${HOST})(?: on \S+?)?:\s?i\/o timeout`), op: 'dns', kind: 'not-found', answeredBy: 'nobody', via: 'type', sure: 'medium', code: 'go:lookup timeout' },
  // golang.org/x/net/proxy-based forwarders log "proxy dialer is unable to make connection: resolving "x"": x is the next proxy.
  { id: 'go-proxy-dialer-resolve', re: new RegExp(String.raw`proxy dialer is unable to make connection: resolving "(${HOST})"`), op: 'dns', kind: 'not-found', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'go:proxy dialer', host: (m) => m[1], role: 'proxy' },
  { id: 'go-proxyconnect', re: /\bproxyconnect tcp\b/, op: 'connect', kind: 'failed', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'go:proxyconnect', role: 'proxy' },
  { id: 'go-dial-timeout', re: /dial tcp [^\n]{0,60}?: (?:i\/o timeout|connect: connection timed out|getsockopt: operation timed out|connectex: A connection attempt failed)/, op: 'connect', kind: 'timed-out', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'go:dial timeout' },
  { id: 'go-dial-refused', re: /connect: connection refused|connectex: No connection could be made/, op: 'connect', kind: 'refused', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'go:connection refused' },
  { id: 'go-x509', re: /x509: certificate signed by unknown authority|x509: certificate is not trusted|tls: failed to verify certificate/, op: 'tls', kind: 'untrusted', answeredBy: 'unknown', via: 'type', sure: 'high', code: 'go:x509.UnknownAuthorityError' },
  { id: 'go-tls-timeout', re: /net\/http: TLS handshake timeout/, op: 'tls', kind: 'timed-out', answeredBy: 'unknown', via: 'type', sure: 'medium', code: 'go:TLS handshake timeout' },

  // ---- curl (exit codes, https://curl.se/libcurl/c/libcurl-errors.html): the table below, then curl's own lines.
  ...CURL_SIGNATURES,
  { id: 'curl-connect-line', re: new RegExp(String.raw`\bconnect to (${HOST}) port (\d{1,5})(?: from \S+ port \d+)? failed: (Timed out|Connection timed out|Connection refused|No route to host)`, 'i'), op: 'connect', kind: 'failed', answeredBy: 'nobody', via: 'number', sure: 'high', code: 'curl:7', host: (m) => m[1], port: (m) => Number(m[2]) },
  // Node's NODE_DEBUG=net trace (lib/net.js, happy eyeballs): "connect/multiple: connection to 1.2.3.4:443 timed out".
  { id: 'node-debug-connect-timeout', re: new RegExp(String.raw`connect\/multiple: connection to (${HOST}):(\d{1,5}) timed out`), op: 'connect', kind: 'timed-out', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'errno:ETIMEDOUT', host: (m) => m[1], port: (m) => Number(m[2]) },
  { id: 'connect-words-refused', re: /Connection refused|Couldn't connect to server/i, op: 'connect', kind: 'refused', answeredBy: 'nobody', via: 'phrase', sure: 'medium' },
  { id: 'connect-words-timeout', re: /(?:connect(?:ion)?|Failed to connect[^\n]{0,60}):?\s*(?:Timed out|Connection timed out)/i, op: 'connect', kind: 'timed-out', answeredBy: 'nobody', via: 'phrase', sure: 'medium' },
  // wget: "ERROR: The certificate of 'x' is not trusted."
  ...CURL_LINES,
  ...WEBVIEW2_SIGNATURES,
  ...OPENSSL_SIGNATURES,
  ...NODE_SIGNATURES,
  ...PYTHON_SIGNATURES,
  ...JAVA_SIGNATURES,
  ...GO_SIGNATURES,
  ...WGET_SIGNATURES,
  { id: 'wget-cert', re: /The certificate of .{1,80} is not trusted|cannot verify [^\n]{0,80} certificate|Unable to locally verify the issuer's authority|Self-signed certificate encountered/i, op: 'tls', kind: 'untrusted', answeredBy: 'unknown', via: 'phrase', sure: 'high', code: 'wget:certificate' },
];
