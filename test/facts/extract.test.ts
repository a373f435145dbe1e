// Facts from error texts: the exception chain unfolded, the never-translated parts (types, enums,
// frames, numbers), the localized phrases, and the hosts and ports with the hop they belong to.
import { describe, expect, it } from 'vitest';
import { unfoldChain, innermostCause } from '../../src/evidence/chain.js';
import { extractFacts } from '../../src/facts/extract.js';
import type { Fact } from '../../src/facts/types.js';

const facts = (t: string): Fact[] => extractFacts(t).facts;
const has = (t: string, op: string, kind?: string): Fact | undefined => facts(t).find((f) => f.op === op && (kind === undefined || f.kind === kind));
const codes = (t: string): string[] => facts(t).flatMap((f) => f.codes);

const FIDDLER = `Microsoft.Azure.Commands.Common.Authentication.AadAuthenticationFailedException: Service returned error. Check InnerException for more details: Unable to connect to the remote server ---> Microsoft.IdentityModel.Clients.ActiveDirectory.AdalServiceException: Service returned error. Check InnerException for more details ---> System.Net.WebException: Unable to connect to the remote server ---> System.Net.Sockets.SocketException: No connection could be made because the target machine actively refused it 127.0.0.1:8888
   at System.Net.Sockets.Socket.DoConnect(EndPoint endPointSnapshot, SocketAddress socketAddress)
   at System.Net.ServicePoint.ConnectSocketInternal(Boolean connectFailure, Socket s4, Socket s6, Socket& socket, IPAddress& address, ConnectSocketState state, IAsyncResult asyncResult, Exception& exception)
   --- End of inner exception stack trace ---
   at System.Net.HttpWebRequest.GetRequestStream(TransportContext& context)`;

describe('exception chain (src/evidence/chain.ts, shared by grouping and facts)', () => {
  it('unfolds ---> outermost first, drops stack lines, and keeps "Check InnerException for more details" inside its link', () => {
    const chain = unfoldChain(FIDDLER);
    expect(chain).toHaveLength(4);
    expect(chain[0]).toMatch(/^Microsoft\.Azure.*Check InnerException for more details: Unable to connect/);
    expect(innermostCause(FIDDLER)).toBe('System.Net.Sockets.SocketException: No connection could be made because the target machine actively refused it 127.0.0.1:8888');
    expect(chain.join(' ')).not.toMatch(/DoConnect|End of inner exception/);
    const refused = has(FIDDLER, 'connect', 'refused')!;
    expect(refused.target).toMatchObject({ host: '127.0.0.1', port: 8888 });
    expect(refused.codes).toContain('winsock:10061');
  });

  it('takes the cause out of "(ExtendedMessage: …)" as the next link', () => {
    const t = 'Unable to validate credentials due to an unexpected error. Restart Azure AD Connect with the /InteractiveAuth option to further diagnose the issue. (ExtendedMessage: An error occurred while sending the request. ---> The underlying connection was closed: An unexpected error occurred on a send. ---> Unable to read data from the transport connection: An existing connection was forcibly closed by the remote host.)';
    const chain = unfoldChain(t);
    expect(chain[0]).toMatch(/^Unable to validate credentials/);
    expect(chain[0]).not.toMatch(/ExtendedMessage/);
    expect(chain[1]).toBe('An error occurred while sending the request.');
    expect(innermostCause(t)).toMatch(/forcibly closed by the remote host\.$/);
    expect(has(t, 'transfer', 'reset')?.codes).toContain('winsock:10054');
  });

  it('unfolds PowerShell "InnerException :", AggregateException "(Inner Exception #0)", Java "Caused by:" and Python "(Caused by"', () => {
    expect(innermostCause("Exception : System.AggregateException: One or more errors occurred.\nInnerException : System.Net.WebException: The remote name could not be resolved: 'login.microsoftonline.com'")).toMatch(/^System\.Net\.WebException/);
    const agg = 'System.AggregateException: One or more errors occurred. ---> (Inner Exception #0) System.Net.Http.HttpRequestException: No such host is known. (login.microsoftonline.com:443)';
    expect(innermostCause(agg)).toMatch(/^System\.Net\.Http\.HttpRequestException/);
    expect(has(agg, 'dns', 'not-found')?.target).toMatchObject({ host: 'login.microsoftonline.com', port: 443 });
    expect(unfoldChain('java.lang.RuntimeException: x\nCaused by: java.net.UnknownHostException: login.microsoftonline.com\n\tat java.net.Socket.connect(Socket.java:589)')).toEqual(['java.lang.RuntimeException: x', 'java.net.UnknownHostException: login.microsoftonline.com']);
  });

  it('strips localised stack frames (German "bei", French "à", Japanese "場所")', () => {
    expect(innermostCause('System.Net.WebException: Die Verbindung mit dem Remoteserver kann nicht hergestellt werden.\n   bei System.Net.HttpWebRequest.GetResponse()\n   à System.Net.HttpWebRequest.GetResponse()\n   場所 System.Net.HttpWebRequest.GetResponse()')).toBe('System.Net.WebException: Die Verbindung mit dem Remoteserver kann nicht hergestellt werden.');
  });
});

describe('"remote name could not be resolved" in every language, with the quoted host', () => {
  const cases: [string, string][] = [
    ['en', "System.Net.WebException: The remote name could not be resolved: 'login.windows.net'"],
    ['de', "System.Net.WebException: Der Remotename konnte nicht aufgelöst werden: 'login.windows.net'"],
    ['fr', "System.Net.WebException: Le nom distant n'a pas pu être résolu : 'login.windows.net'"],
    ['fr (no space)', "System.Net.WebException: Le nom distant n'a pas pu être résolu: 'login.windows.net'"],
    ['es', "System.Net.WebException: No se puede resolver el nombre remoto: 'login.windows.net'"],
    ['it', "System.Net.WebException: Impossibile risolvere il nome remoto: 'login.windows.net'"],
    ['pt-BR', "System.Net.WebException: O nome remoto não pôde ser resolvido: 'login.windows.net'"],
    ['ja', "System.Net.WebException: リモート名を解決できませんでした。: 'login.windows.net'"],
    ['ja (no 。)', "System.Net.WebException: リモート名を解決できませんでした: 'login.windows.net'"],
    ['nl', "System.Net.WebException: De externe naam kan niet worden omgezet: 'login.windows.net'"],
    ['zh', "System.Net.WebException: 未能解析此远程名称: 'login.windows.net'"],
    ['tr', "System.Net.WebException: Uzak ad çözülemedi: 'login.windows.net'"],
    ['a language no table knows: the WebException shape decides', "System.Net.WebException: Vzdálený název nelze přeložit: 'login.windows.net'"],
    ['mojibake: UTF-8 read as Windows-1252', "System.Net.WebException: Der Remotename konnte nicht aufgelÃ¶st werden: 'login.windows.net'"],
  ];
  for (const [lang, text] of cases) {
    it(lang, () => {
      const f = has(text, 'dns', 'not-found');
      expect(f, lang).toBeDefined();
      expect(f!.target?.host).toBe('login.windows.net');
    });
  }

  it('tells the proxy name apart from the remote name', () => {
    const f = has("System.Net.WebException: The proxy name could not be resolved: 'proxy.contoso.com'", 'dns', 'not-found')!;
    expect(f.target).toMatchObject({ host: 'proxy.contoso.com', role: 'proxy' });
    expect(has('Status: ProxyNameResolutionFailure', 'dns')?.target?.role).toBe('proxy');
  });

  it('a blank name is flagged, not taken for a host', () => {
    expect(codes('System.Net.WebException: The remote name could not be resolved: ]')).toContain('dns:empty-name');
  });
});

describe('the same failure from other clients, decided without a phrase', () => {
  it('Python: ProxyError around a getaddrinfo failure is the proxy\'s name, not the destination\'s', () => {
    const t = "HTTPSConnectionPool(host='login.microsoftonline.com', port=443): Max retries exceeded with url: /common/oauth2/token (Caused by ProxyError('Cannot connect to proxy.', NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x04A4B2E0>: Failed to establish a new connection: [Errno 11001] getaddrinfo failed')))";
    expect(has(t, 'dns', 'not-found')?.target?.role).toBe('proxy');
    const direct = "HTTPSConnectionPool(host='login.microsoftonline.com', port=443): Max retries exceeded (Caused by ConnectTimeoutError(<urllib3.connection.HTTPSConnection object at 0x0505E748>, 'Connection to login.microsoftonline.com timed out. (connect timeout=None)'))";
    expect(has(direct, 'connect', 'timed-out')?.target).toMatchObject({ host: 'login.microsoftonline.com', port: 443, role: 'destination' });
  });
  it('Node, Go, Java and curl', () => {
    expect(has('Error: tunneling socket could not be established, statusCode=407', 'tunnel')).toMatchObject({ status: 407, answeredBy: 'proxy' });
    expect(has('request to https://management.azure.com/x failed, reason: getaddrinfo ENOTFOUND management.azure.com', 'dns')?.target?.host).toBe('management.azure.com');
    expect(has("proxyconnect tcp: dial tcp 10.1.2.3:8080: connect: connection refused", 'connect', 'refused')?.target).toMatchObject({ host: '10.1.2.3', port: 8080, role: 'proxy' });
    expect(has('dial tcp: lookup x.blob.core.windows.net on 168.63.129.16:53:no such host', 'dns')?.target?.host).toBe('x.blob.core.windows.net');
    expect(has('java.net.UnknownHostException: login.microsoftonline.com\n\tat java.net.AbstractPlainSocketImpl.connect(AbstractPlainSocketImpl.java:184)', 'dns')?.target?.host).toBe('login.microsoftonline.com');
    expect(has('Max retries 3 times exceeded. Error Details: connection timed out: login.microsoftonline.com/20.190.155.131:443 at com.microsoft.aad.msal4j.HttpHelper.executeHttpRequest(HttpHelper.java:68)', 'connect', 'timed-out')?.target).toMatchObject({ host: 'login.microsoftonline.com', port: 443 });
    expect(has('curl: (56) Received HTTP code 407 from proxy after CONNECT', 'tunnel')).toMatchObject({ status: 407, answeredBy: 'proxy' });
    expect(has('curl: (5) Could not resolve proxy: proxy.corp', 'dns')?.target).toMatchObject({ host: 'proxy.corp', role: 'proxy' });
    expect(has('x509: certificate signed by unknown authority', 'tls', 'untrusted')).toBeDefined();
  });
});

describe('language-neutral codes', () => {
  it('HTTP statuses in parentheses (also full-width) and in .NET Core wording, 4xx/5xx only', () => {
    expect(has('The remote server returned an error: (403) Forbidden.', 'http')?.status).toBe(403);
    expect(has('远程服务器返回错误；（403）已禁止', 'http')?.status).toBe(403);
    expect(has('Response status code does not indicate success: 407 (Proxy Authentication Required).', 'http')?.status).toBe(407);
    expect(facts('unable to retrieve a security token for the provisioning web service (AWS) (200)').some((f) => f.status !== undefined)).toBe(false);
  });
  it('407 is the proxy\'s answer; 502/504 a gateway\'s; 400/500 the server\'s', () => {
    expect(has('(407) Proxy Authentication Required', 'http')?.answeredBy).toBe('proxy');
    expect(has('The remote server returned an error: (502) Bad Gateway.', 'http')?.answeredBy).toBe('proxy');
    expect(has('The remote server returned an error: (500) Internal Server Error.', 'http')?.answeredBy).toBe('server');
  });
  it('AADSTS numbers', () => {
    expect(codes('AADSTS53003: Access has been blocked by Conditional Access policies.')).toContain('aadsts:53003');
  });
  it('WinHTTP codes from HRESULTs (hex and signed decimal), names and "error 12029"', () => {
    expect(has('WinHttpSendRequest failed: 0x80072EE7', 'dns')?.codes).toContain('winhttp:12007');
    expect(has('HRESULT: -2147012889', 'dns')?.codes).toContain('winhttp:12007');
    expect(has('ERROR_WINHTTP_CANNOT_CONNECT', 'connect')?.codes).toContain('winhttp:12029');
    expect(has('WinHttp error 12175 (secure failure)', 'tls')?.codes).toContain('winhttp:12175');
    expect(has('Exception from HRESULT: 0x80072F8F', 'tls')?.codes).toContain('winhttp:12175');
    expect(codes('Processed 12007 objects')).toEqual([]);
  });
  it('WebExceptionStatus names, with "Timeout" only as a status', () => {
    expect(codes('Status: ProxyNameResolutionFailure')).toContain('webstatus:ProxyNameResolutionFailure');
    expect(codes('Status = Timeout')).toContain('webstatus:Timeout');
    expect(codes('Scheduler wizard mutex wait Timeout: 00:00:05')).toEqual([]);
  });
  it('socket codes printed as numbers or SocketErrorCode names', () => {
    expect(codes('SocketException (0x80004005): 11001')).toContain('winsock:11001');
    expect(codes('SocketErrorCode: ConnectionRefused')).toContain('winsock:10061');
    expect(codes('[WinError 10060] A connection attempt failed')).toContain('winsock:10060');
  });
  it('the not-network signatures', () => {
    expect(has('Showing a modal dialog box or form when the application is not running in UserInteractive mode is not a valid operation.', 'auth', 'policy')).toBeDefined();
    expect(has('An error occurred. Error Code: 106. Error Description: Sync from on-premise is not supported for this tenant.', 'auth', 'tenant')).toBeDefined();
    expect(has('Update your password and try again. GetAuthState() failed with -2147186688 state. (0x80048831)', 'auth', 'credentials')).toBeDefined();
    expect(has("Unexpected character encountered while parsing value: <. Path '', line 0, position 0.", 'http', 'html')).toBeDefined();
  });
});

describe('proxies\' own words and Microsoft\'s', () => {
  it('a proxy\'s page or log line is the proxy answering, with its product', () => {
    expect(has('ERROR: The requested URL could not be retrieved ... ERR_ACCESS_DENIED ... Generated Tue, 01 Dec 2026 by proxy.corp (squid/5.7)', 'http', 'blocked')).toMatchObject({ answeredBy: 'proxy', product: 'Squid' });
    expect(has('1605009543.005 0 172.17.0.1 TCP_DENIED/407 3933 CONNECT login.microsoftonline.com:443 - HIER_NONE/- text/html', 'http')).toMatchObject({ status: 407, answeredBy: 'proxy' });
  });
  it('an inspecting CA named as the issuer', () => {
    const f = has('SSL certificate problem: self signed certificate in certificate chain\n issuer: CN=Zscaler Root CA, OU=Zscaler Inc.', 'tls', 'untrusted')!;
    expect(facts('SSL certificate problem: self signed certificate in certificate chain\n issuer: CN=Zscaler Root CA, OU=Zscaler Inc.').some((x) => x.issuer?.startsWith('Zscaler'))).toBe(true);
    expect(f).toBeDefined();
  });
  it('a product named in a block page is not a certificate issuer', () => {
    expect(facts("Sorry, you don't have permission to visit this site. Internet Security by Zscaler").some((f) => f.op === 'tls')).toBe(false);
  });
  it('Microsoft\'s edge answering is Microsoft, not the proxy', () => {
    expect(has('Our services aren\'t available right now ... Ref A: 7F3 Ref B: AMS x-azure-ref', 'http')?.answeredBy).toBe('entra');
  });
});
