// Facts added after the corpus's fourth round (corpus/round4/, gathered after the round-3 tuning and scored
// once before anyone read it): each from a part of the error that does not change with the wording — a
// number and its documented table, a type or enum name, a program's fixed output format, a product's own
// page; the case id names the public source, the comment in src/facts the specification.
import { describe, expect, it } from 'vitest';
import { extractFacts, joinBoxedLines } from '../../src/facts/extract.js';
import type { Fact } from '../../src/facts/types.js';
import { diagnoseText } from '../rules/helpers.js';

const facts = (t: string): Fact[] => extractFacts(t).facts;
const diagnosis = diagnoseText;

describe('the route from a program\'s own output format', () => {
  it('curl\'s verbose "connect to <ip> port <n> failed" to a Microsoft address went direct (r4-clients-0003)', () => {
    const d = diagnosis('* Trying 20.190.159.138:443...\n* connect to 20.190.159.138 port 443 failed: Timed out');
    expect(d.codes).toContain('proxy-bypass-connect');
    expect(d.verdict).toBe('proxy-bypassed');
  });

  it('Node\'s NODE_DEBUG=net "connection to <ip>:<port> timed out" went direct (r4-clients-0002)', () => {
    const d = diagnosis('NET 8280: connect/multiple: connection to 40.126.31.130:443 timed out');
    expect(d.codes).toContain('proxy-bypass-connect');
  });

  it('an endpoint followed by an ellipsis ("Connecting to 1.2.3.4:443...") names the target of a later 10060 (r4-localized-0019)', () => {
    const t = 'Connecting to 149.154.167.50:443...\nSystem.Net.Sockets.SocketException (10060): 由于连接方在一段时间后没有正确答复或连接的主机没有反应，连接尝试失败。';
    expect(facts(t).find((f) => f.op === 'connect')?.target?.host).toBe('149.154.167.50');
    expect(diagnosis(t).codes).toContain('proxy-bypass-connect');
    // A version number is still not an endpoint.
    expect(facts('SocketException (10060) in build 10.0.0.1:2.5').find((f) => f.op === 'connect')?.target?.host).not.toBe('10.0.0.1');
  });

  it('Apache HttpClient\'s "Connection to http://<private ip>:8080 refused" is the proxy that is down (r4-proxies-0048)', () => {
    const d = diagnosis('Error:Connection refused: connect\nConnection to http://10.3.100.207:8080 refused');
    expect(d.codes).toContain('proxy-unreachable');
    expect(d.verdict).toBe('proxy-unreachable');
  });

  it('a Go forwarder that cannot resolve its next proxy (r4-clients-0027)', () => {
    const t = 'ERROR    Can\'t satisfy CONNECT request: proxy dialer is unable to make connection: resolving "upstream.example.net" (tcp) failed: lookup upstream.example.net: i/o timeout';
    expect(diagnosis(t).codes).toContain('proxy-name-unresolved');
  });
});

describe('proxies and TLS', () => {
  it('Chromium\'s ERR_TUNNEL_CONNECTION_FAILED is the proxy refusing the tunnel (r4-proxies-0017)', () => {
    expect(diagnosis('ERR_TUNNEL_CONNECTION_FAILED').codes).toContain('proxy-denied');
    expect(facts('net::ERR_NAME_NOT_RESOLVED').some((f) => f.op === 'dns')).toBe(true);
  });

  it('any client\'s words for the status of its CONNECT (r4-proxies-0036)', () => {
    const d = diagnosis('ERROR balancer: balancer.go:99 Unable to dial tcp://login.example.com:443: Bad status code on CONNECT response: 502 on pass 0...continuing');
    expect(d.codes).toContain('proxy-denied');
    expect(d.verdict).toBe('proxy-rejected');
  });

  it('Zscaler\'s category block, Privoxy\'s titled errors and Web Safety\'s block report (r4-proxies-0001, 0012, 0018)', () => {
    expect(diagnosis('Access Blocked\nContoso currently blocks access to this website.\nNot allowed to browse FileHost category').codes).toContain('proxy-denied');
    expect(diagnosis('DEBUG: Got http://example.onion/ (503 - Forwarding failure (Privoxy@localhost))').codes).toContain('proxy-denied');
    expect(diagnosis('Application | Web Safety for Squid Proxy, version 6.2.0.4570\nDetection Results | Blocked').codes).toContain('proxy-denied');
  });

  it('a certificate for a security vendor\'s own domain served for another host is interception (r4-proxies-0015)', () => {
    const t = 'failed to request quick Tunnel: Post "https://api.trycloudflare.com/tunnel": x509: certificate is valid for *.safezone.mcafee.com, safezone.mcafee.com, not api.trycloudflare.com';
    expect(diagnosis(t).codes).toContain('proxy-tls-interception');
    // A name mismatch with the destination's own certificate is not.
    expect(diagnosis('x509: certificate is valid for *.contoso.com, not api.example.com').codes).not.toContain('proxy-tls-interception');
  });

  it('a terminal box wrapping the message does not hide it (r4-proxies-0003)', () => {
    const t = 'Failed to login. Message: request to https://oauth2.googleapis.com/token failed, reason: self-signed     │\n│ certificate in certificate chain';
    expect(joinBoxedLines(t)).toContain('self-signed certificate in certificate chain');
    expect(diagnosis(t).codes).toContain('proxy-tls-interception');
  });

  it('Cloudflare\'s 5xx pages are the destination\'s CDN, not a proxy (r4-proxies-0031)', () => {
    const t = '<span class="cf-footer-item">Cloudflare Ray ID: <strong>a01d9c7dfd02cf6c</strong></span>\n<a href="https://www.cloudflare.com/5xx-error-landing?utm_source=errorcode_502">Cloudflare</a>';
    expect(diagnosis(t).verdict).not.toMatch(/^proxy-/);
  });

  it('Korean "could not create SSL/TLS secure channel" with its first word split by a paste (r4-localized-0011)', () => {
    const t = 'System.Net.WebException: 요 청이 중단되었습니다. SSL/TLS 보안 채널을 만들 수 없습니다.\n위치: System.Net.HttpWebRequest.EndGetResponse(IAsyncResult asyncResult)';
    expect(diagnosis(t).codes).toContain('tls12-not-enabled');
  });
});

describe('numbers with a documented table', () => {
  it('Windows logon errors after "error": 1326 is the credentials, 1935 the authentication firewall (r4-aadc-0019, 0002)', () => {
    expect(diagnosis('error 1326 (invalid username or password)').codes).toContain('not-network-credentials');
    const fw = diagnosis('error 1935: The computer you are signing into is protected by an authentication firewall.');
    expect(fw.codes).toContain('ad-refused');
    expect(fw.verdict).toBe('not-network');
    // A bare 1326 elsewhere (a line number, a count) is nothing.
    expect(facts('processed 1326 objects').some((f) => f.op === 'directory')).toBe(false);
  });

  it('BITS BG_E_HTTP_ERROR_* is the HTTP status in the low word (r4-clients-0025)', () => {
    expect(facts('The status code is 0x801901F5.').find((f) => f.op === 'http')?.status).toBe(501);
    expect(facts('The status code is 0x80190197.').find((f) => f.op === 'http')?.status).toBe(407);
  });

  it('LDAP result 49 with AD\'s "AcceptSecurityContext error, data 52e" is a wrong password (r4-clients-0032)', () => {
    const t = '{"code":49,"name":"InvalidCredentialsError","message":"80090308: LdapErr: DSID-0C09042F, comment: AcceptSecurityContext error, data 52e, v2580"}';
    expect(diagnosis(t).codes).toContain('not-network-credentials');
  });

  it('Negotiate that cannot reach a domain controller is AD, even under a 401 (r4-clients-0007)', () => {
    const t = 'System.Net.WebException: The remote server returned an error: (401) Unauthorized. ---> System.ComponentModel.Win32Exception: The system cannot contact a domain controller to service the authentication request. Please try again later\n   at System.Net.NTAuthentication.GetOutgoingBlob(Byte[] incomingBlob, Boolean throwOnError, SecurityStatus& statusCode)';
    expect(diagnosis(t).codes).toContain('ad-connectivity');
  });
});

describe('Entra Connect\'s own failures', () => {
  it('Entra\'s duplicate-attribute errors in English and French are object errors (r4-aadc-0009, 0010)', () => {
    expect(diagnosis('Un objet synchronisé avec la même adresse proxy existe déjà dans votre répertoire Microsoft Online Services.').codes).toContain('sync-object-errors');
    expect(diagnosis('Unable to update this object because the following attributes associated with this object have values that may already be associated with another object in your local directory services: [ProxyAddresses SMTP:a@contoso.com;]').codes).toContain('sync-object-errors');
  });

  it('setup error 25009 and SQL Server\'s "ALTER DATABASE statement failed" are the database (r4-aadc-0022)', () => {
    expect(diagnosis('Error 25009.The Microsoft Azure AD Connect synchronization services setup wizard cannot configure the specified database. Error: ALTER DATABASE statement failed.').codes).toContain('sync-database-error');
  });

  it('the sign-in log\'s failure reason for a wrong password, and PowerShell\'s missing local path (r4-aadc-0018, 0021)', () => {
    expect(diagnosis('Result Detail: Invalid username or password or Invalid on-premise username or password.').codes).toContain('not-network-credentials');
    expect(diagnosis("Cannot find path 'C:\\Users\\Administrator\\Documents\\PowerShell\\Modules\\X\\tool.exe'").codes).toContain('not-network-local');
  });

  it('the AzureAD module\'s ApiException is Azure AD Graph answering (r4-clients-0012)', () => {
    const t = 'Set-AzureADApplication : Error occurred while executing SetApplication\nCode: Request_BadRequest\nHttpStatusCode: BadRequest\n    + FullyQualifiedErrorId : Microsoft.Open.AzureAD16.Client.ApiException,Microsoft.Open.AzureAD16.PowerShell.SetApplication';
    const d = diagnosis(t);
    expect(d.codes).toContain('remote-service-error');
    expect(d.verdict).toBe('not-network');
  });
});

describe('curl\'s older words', () => {
  it('"Could not resolve proxy name" names no host; "Could not resolve proxy: x" names the proxy', async () => {
    const { findTargets } = await import('../../src/facts/targets.js');
    expect(findTargets('curl: (5) Could not resolve proxy name\nat line 3').map((t) => t.host)).not.toContain('name');
    expect(findTargets('curl: (5) Could not resolve proxy: proxy.contoso.com').find((t) => t.role === 'proxy')?.host).toBe('proxy.contoso.com');
  });
});
