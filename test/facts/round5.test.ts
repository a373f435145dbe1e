// Facts added after the corpus's fifth round (corpus/round5/, scored once before anyone read it): each from
// a part of the error that does not change with the wording; the case id names the public source, the
// comment in src/facts (or src/evidence/readers/text.ts) the specification.
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/facts/extract.js';
import { readText } from '../../src/evidence/readers/text.js';
import { diagnoseText } from '../rules/helpers.js';

const diagnosis = diagnoseText;

describe('TLS failing on this side', () => {
  const chain = (inner: string) =>
    `System.Net.Http.HttpRequestException: The SSL connection could not be established, see inner exception.\n\n[Inner Exception]\nSystem.Security.Authentication.AuthenticationException: Authentication failed, see inner exception.\n\n[Inner Exception]\nSystem.ComponentModel.Win32Exception: ${inner}`;

  it('an SSPI status under the handshake\'s AuthenticationException is the protocol, in any language (r5-proxies-0051, r5-localized-0019)', () => {
    for (const inner of ['The requested security package does not exist.', 'Não há suporte para a função solicitada']) {
      const d = diagnosis(chain(inner));
      expect(d.codes).toContain('tls12-not-enabled');
      expect(d.verdict).toBe('tls-failure');
    }
    // A certificate that fails validation is not reported as a Win32Exception: no protocol fact.
    const cert = 'System.Security.Authentication.AuthenticationException: The remote certificate is invalid according to the validation procedure: RemoteCertificateChainErrors';
    expect(diagnosis(cert).codes).not.toContain('tls12-not-enabled');
  });

  it('a pasted "[Inner Exception]" block continues the record across blank lines', async () => {
    const recs = [];
    for await (const r of readText(chain('The requested security package does not exist.'), { file: 'pasted.txt' })) recs.push(r);
    expect(recs).toHaveLength(1);
    expect(recs[0]!.text).toContain('Win32Exception');
  });

  it('rustls\' "invalid peer certificate: UnknownIssuer" is an untrusted chain (r5-proxies-0042)', () => {
    expect(diagnosis('Connection Failed: tls connection init failed: invalid peer certificate: UnknownIssuer').codes).toContain('proxy-tls-interception');
  });
});

describe('who answered', () => {
  it('curl -x <proxy> https://…: the first status shown is the proxy\'s answer to CONNECT (r5-proxies-0038)', () => {
    const t = "$ curl -o - -I -x 'http://x:y@localhost:1234' https://ipinfo.io/ip\nHTTP/1.1 503 Service Unavailable\nContent-Type: application/problem+json";
    const d = diagnosis(t);
    expect(d.codes).toContain('proxy-denied');
    expect(d.verdict).toBe('proxy-rejected');
    // Without a proxy on the command line the status is the server's.
    expect(diagnosis('$ curl -I https://ipinfo.io/ip\nHTTP/1.1 503 Service Unavailable').codes).not.toContain('proxy-denied');
  });

  it('"authenticationrequired", a proxy\'s reason phrase for 407, which Go returns alone for a refused CONNECT (r5-clients-0012)', () => {
    expect(diagnosis('Put https://myblobacct.blob.core.windows.net/c/f.csv?timeout=901: authenticationrequired').codes).toContain('proxy-auth-required');
  });

  it('ISA Server names its own error pages (r5-proxies-0028)', () => {
    expect(diagnosis('ISA Server Error 502 - Error Code 87: The parameter is incorrect.').codes).toContain('proxy-denied');
  });

  it('a destination\'s own VPN portal or web application firewall is not the proxy (r5-proxies-0034, r5-proxies-0002)', () => {
    const cp = 'GET http://88.255.55.194 HTTP/1.1\nStatus code: 403\nServer: CPWS\n<title>Check Point Mobile - Access denied. The destination of your request has not been configured (403)</title>\n<link href="/sslvpn/Login/Login.css" rel="stylesheet"/>';
    const sucuri = 'Code: 403 Forbidden\nRaw: <!DOCTYPE html>\n<link rel="stylesheet" href="https://cdn.sucuri.net/sucuri-firewall-block.css" />\n<title>Sucuri WebSite Firewall - Access Denied</title>';
    for (const t of [cp, sucuri]) {
      const d = diagnosis(t);
      expect(d.codes).not.toContain('proxy-denied');
      expect(d.codes).toContain('remote-service-error');
    }
    // Check Point's web gateway (UserCheck) still is the proxy.
    expect(extractFacts('Check Point UserCheck: access to this site is blocked').facts.some((f) => f.answeredBy === 'proxy')).toBe(true);
  });
});

describe('Entra Connect and its server', () => {
  it('a service that cannot log on as its account is this server\'s (r5-aadc-0001: Win32 1069)', () => {
    const d = diagnosis('Windows could not start the Microsoft Entra ID Sync service on Local Computer. Error 1069: The service did not start due to a logon failure.');
    expect(d.codes).toContain('not-network-local');
    expect(d.verdict).toBe('not-network');
  });

  it('Entra refusing exports of cloud-only objects is an object error (r5-aadc-0005, 0009, 0010)', () => {
    for (const t of [
      "The password change request can't be executed because it contains changes to one or more cloud-only user objects, which isn't supported.",
      "Unable to process this update because one or more cloud-only users' credential update is included in the current request.",
      "Deleting a cloud-only object isn't supported. Contact Microsoft Customer Support.",
    ]) expect(diagnosis(t).codes).toContain('sync-object-errors');
  });

  it('AADSTS700027 (the app\'s signing certificate is not registered) is a credentials problem (r5-clients-0015)', () => {
    const t = 'adal: Refresh request failed. Status Code = \'401\'. Response body: {"error":"invalid_client","error_description":"AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application.';
    expect(diagnosis(t).codes).toContain('not-network-credentials');
  });
});

describe('clients', () => {
  it('node-fetch\'s FetchError is a request that got no answer (r5-clients-0020)', () => {
    const t = 'Error: FetchError\nError Description: request to https://login.microsoftonline.com/common/discovery/instance failed';
    expect(diagnosis(t).codes).toContain('network-send-failure');
  });

  it('PackageManagement\'s bootstrap download in French (r5-clients-0031)', () => {
    const t = "AVERTISSEMENT : Impossible de télécharger à partir de l'URI 'https://go.microsoft.com/fwlink/?LinkID=627338&clcid=0x409' dans ''.\nAVERTISSEMENT : Impossible de télécharger la liste des fournisseurs disponibles. Vérifiez votre connexion Internet.";
    expect(diagnosis(t).codes).toContain('network-send-failure');
  });

  it('Winsock texts in Turkish (10013) and Chinese (11004) with the endpoint (r5-localized-0016, 0022)', () => {
    expect(diagnosis('System.Net.Http.HttpRequestException: Erişim izinlerince izin verilmeyen bir şekilde bir yuvaya erişilmeye çalışıldı. (setup.rbxcdn.com:80)').codes).toContain('proxy-bypass-connect');
    expect(diagnosis('update check failed WebException > 请求的名称有效，但是找不到请求的类型的数据。 (raw.githubusercontent.com:443)').codes).toContain('proxy-bypass-dns');
  });
});
