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
import { HOST, type Signature } from '../signature.js';

const errno = (name: string) => `errno:${name}`;

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
  { id: 'py-connecttimeout', re: /\bConnectTimeoutError\b|\bConnectTimeout\b/, op: 'connect', kind: 'timed-out', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'python:ConnectTimeoutError' },
  // urllib3's ConnectTimeoutError message, printed without its type name when a caller re-raises the
  // args tuple: f"Connection to {host} timed out. (connect timeout={timeout})" (urllib3/connection.py).
  // The host is the one the socket was opened to: the proxy's when urllib3 was given one.
  { id: 'py-urllib3-connect-timeout', re: new RegExp(String.raw`Connection to (${HOST}) timed out\. \(connect timeout=`), op: 'connect', kind: 'timed-out', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'python:ConnectTimeoutError', host: (m) => m[1] },
  { id: 'py-nameresolution', re: /\[Errno -[235]\]|\[Errno 1100[14]\]|\bNameResolutionError\b|getaddrinfo failed|\bfailed to resolve\b|Search domain query failed|Temporary failure in name resolution|Name or service not known|nodename nor servname provided/, op: 'dns', kind: 'not-found', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'python:NameResolutionError' },
  { id: 'py-readtimeout', re: /\bReadTimeoutError\b|Read timed out/, op: 'transfer', kind: 'timed-out', answeredBy: 'unknown', via: 'type', sure: 'medium', code: 'python:ReadTimeoutError' },
  { id: 'py-sslerror', re: /CERTIFICATE_VERIFY_FAILED|SSLCertVerificationError|certificate verify failed/i, op: 'tls', kind: 'untrusted', answeredBy: 'unknown', via: 'type', sure: 'high', code: 'openssl:CERTIFICATE_VERIFY_FAILED' },
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
  { id: 'tls-altname', re: /ERR_TLS_CERT_ALTNAME_INVALID|Hostname\/IP does not match certificate/i, op: 'tls', kind: 'untrusted', answeredBy: 'unknown', via: 'number', sure: 'high', code: 'openssl:ERR_TLS_CERT_ALTNAME_INVALID' },

  // ---- Java
  { id: 'java-unknownhost', re: /\bjava\.net\.UnknownHostException\b|\bUnknownHostException:/, op: 'dns', kind: 'not-found', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'java:UnknownHostException' },
  { id: 'java-connect', re: /\bjava\.net\.ConnectException\b|\bHttpHostConnectException\b|Connection refused: connect/, op: 'connect', kind: 'failed', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'java:ConnectException' },
  { id: 'java-connect-timeout', re: /\bConnectTimeoutException\b|connect timed out|Connection timed out: connect|failed: Connection timed o/i, op: 'connect', kind: 'timed-out', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'java:ConnectTimeoutException' },
  { id: 'java-noroute', re: /\bNoRouteToHostException\b/, op: 'connect', kind: 'unreachable', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'java:NoRouteToHostException' },
  { id: 'java-pkix', re: /PKIX path building failed|SunCertPathBuilderException|unable to find valid certification path to requested target|ValidatorException/, op: 'tls', kind: 'untrusted', answeredBy: 'unknown', via: 'type', sure: 'high', code: 'java:SunCertPathBuilderException' },

  // Apache HttpClient 4.x: RequestProxyAuthentication adds Proxy-Authorization only once the proxy has
  // challenged (a 407 set the proxy's auth state); its "<scheme> authentication error" means the
  // proxy demanded credentials the client could not give (org.apache.http.client.protocol).
  { id: 'java-proxy-auth-interceptor', re: /\bRequestProxyAuthentication\b[^\n]{0,120}\bauthentication error\b/i, op: 'http', kind: 'status', answeredBy: 'proxy', via: 'type', sure: 'high', status: () => 407, code: 'http:407' },

  // Apache HttpClient 4.x HttpHostConnectException: "Connection to http://10.0.0.1:8080 refused".
  { id: 'java-httpclient-refused', re: new RegExp(String.raw`Connection to https?://(${HOST}):(\d{1,5}) refused`), op: 'connect', kind: 'refused', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'java:ConnectException', host: (m) => m[1], port: (m) => Number(m[2]) },

  // ---- Chromium's net errors (Edge, WebView2, Electron apps; net/base/net_error_list.h): names, never translated.
  { id: 'chromium-tunnel', re: /\bERR_TUNNEL_CONNECTION_FAILED\b/, op: 'tunnel', kind: 'failed', answeredBy: 'proxy', via: 'enum', sure: 'high', code: 'chromium:ERR_TUNNEL_CONNECTION_FAILED', role: 'proxy' },
  { id: 'chromium-proxy-connect', re: /\bERR_PROXY_CONNECTION_FAILED\b/, op: 'connect', kind: 'failed', answeredBy: 'nobody', via: 'enum', sure: 'high', code: 'chromium:ERR_PROXY_CONNECTION_FAILED', role: 'proxy' },
  { id: 'chromium-proxy-auth', re: /\bERR_PROXY_AUTH_(?:REQUESTED|UNSUPPORTED|REQUESTED_WITH_NO_CONNECTION)\b/, op: 'http', kind: 'status', answeredBy: 'proxy', via: 'enum', sure: 'high', status: () => 407, code: 'http:407' },
  { id: 'chromium-name', re: /\bERR_NAME_NOT_RESOLVED\b/, op: 'dns', kind: 'not-found', answeredBy: 'nobody', via: 'enum', sure: 'high', code: 'chromium:ERR_NAME_NOT_RESOLVED' },
  { id: 'chromium-timeout', re: /\bERR_CONNECTION_TIMED_OUT\b/, op: 'connect', kind: 'timed-out', answeredBy: 'nobody', via: 'enum', sure: 'high', code: 'chromium:ERR_CONNECTION_TIMED_OUT' },
  { id: 'chromium-refused', re: /\bERR_CONNECTION_REFUSED\b/, op: 'connect', kind: 'refused', answeredBy: 'nobody', via: 'enum', sure: 'high', code: 'chromium:ERR_CONNECTION_REFUSED' },
  { id: 'chromium-cert', re: /\bERR_CERT_AUTHORITY_INVALID\b/, op: 'tls', kind: 'untrusted', answeredBy: 'unknown', via: 'enum', sure: 'high', code: 'chromium:ERR_CERT_AUTHORITY_INVALID' },

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

  // ---- curl (exit codes, https://curl.se/libcurl/c/libcurl-errors.html)
  { id: 'curl-5', re: /curl: \(5\)|cURL error 5\b|Could not resolve proxy/i, op: 'dns', kind: 'not-found', answeredBy: 'nobody', via: 'number', sure: 'high', code: 'curl:5', role: 'proxy' },
  { id: 'curl-6', re: /curl: \(6\)|cURL error 6\b|Could not resolve host/i, op: 'dns', kind: 'not-found', answeredBy: 'nobody', via: 'number', sure: 'high', code: 'curl:6' },
  { id: 'curl-7', re: /curl: \(7\)|cURL error 7\b|Failed(?: to)? connect to /i, op: 'connect', kind: 'failed', answeredBy: 'nobody', via: 'number', sure: 'high', code: 'curl:7' },
  { id: 'curl-28', re: /curl: \(28\)|cURL error 28\b/i, op: 'connect', kind: 'timed-out', answeredBy: 'nobody', via: 'number', sure: 'medium', code: 'curl:28' },
  { id: 'curl-35', re: /curl: \(35\)|cURL error 35\b/i, op: 'tls', kind: 'failed', answeredBy: 'unknown', via: 'number', sure: 'medium', code: 'curl:35' },
  { id: 'curl-60', re: /curl: \(60\)|cURL error 60\b|SSL certificate problem|Peer.s Certificate issuer is not recognized|Peer certificate cannot be authenticated with given CA certificates/i, op: 'tls', kind: 'untrusted', answeredBy: 'unknown', via: 'number', sure: 'high', code: 'curl:60' },
  { id: 'curl-connect-line', re: new RegExp(String.raw`\bconnect to (${HOST}) port (\d{1,5})(?: from \S+ port \d+)? failed: (Timed out|Connection timed out|Connection refused|No route to host)`, 'i'), op: 'connect', kind: 'failed', answeredBy: 'nobody', via: 'number', sure: 'high', code: 'curl:7', host: (m) => m[1], port: (m) => Number(m[2]) },
  // Node's NODE_DEBUG=net trace (lib/net.js, happy eyeballs): "connect/multiple: connection to 1.2.3.4:443 timed out".
  { id: 'node-debug-connect-timeout', re: new RegExp(String.raw`connect\/multiple: connection to (${HOST}):(\d{1,5}) timed out`), op: 'connect', kind: 'timed-out', answeredBy: 'nobody', via: 'type', sure: 'high', code: 'errno:ETIMEDOUT', host: (m) => m[1], port: (m) => Number(m[2]) },
  { id: 'connect-words-refused', re: /Connection refused|Couldn't connect to server/i, op: 'connect', kind: 'refused', answeredBy: 'nobody', via: 'phrase', sure: 'medium' },
  { id: 'connect-words-timeout', re: /(?:connect(?:ion)?|Failed to connect[^\n]{0,60}):?\s*(?:Timed out|Connection timed out)/i, op: 'connect', kind: 'timed-out', answeredBy: 'nobody', via: 'phrase', sure: 'medium' },
  // wget: "ERROR: The certificate of 'x' is not trusted."
  { id: 'wget-cert', re: /The certificate of .{1,80} is not trusted|cannot verify [^\n]{0,80} certificate/i, op: 'tls', kind: 'untrusted', answeredBy: 'unknown', via: 'phrase', sure: 'high', code: 'wget:certificate' },
];
