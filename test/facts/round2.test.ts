// Facts added after the corpus's second round (corpus/fresh/, gathered after the first tuning ended):
// each from a part of the error that does not change with the wording, with the real text it was seen in
// (the case id names the public source in corpus/fresh/*.jsonl).
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/facts/extract.js';
import type { Fact } from '../../src/facts/types.js';

const facts = (t: string): Fact[] => extractFacts(t).facts;
const one = (t: string, op: string, kind: string): Fact | undefined => facts(t).find((f) => f.op === op && f.kind === kind);

describe('the program failed in its own code', () => {
  it('an exception type no network step throws is a local program fault (fresh-aadc-0022, 0029)', () => {
    expect(one('Exception Data (Raw): System.IndexOutOfRangeException: Index was outside the bounds of the array.', 'local', 'program')?.codes).toContain('dotnet:program-fault');
    expect(one('Password synchronization failed for domain: Contoso.com.\n\nSystem.ArgumentException: An item with the same key has already been added.', 'local', 'program')).toBeDefined();
  });

  it('a DLL entry point missing (GetLastError 127) is local, whatever the sentence around it (fresh-aadc-0006)', () => {
    const f = one('Failed to get address for method: CreateIdentityHandle2 from library C:\\Program Files\\Common Files\\Microsoft Shared\\Microsoft Online Services\\msoidcli.dll. GetLastError code: 127', 'local', 'program');
    expect(f?.codes).toContain('win32:module');
  });

  it('a network failure in the same record is not hidden by the wrapper exception', () => {
    const t = 'System.InvalidOperationException: request failed ---> System.Net.WebException: The remote name could not be resolved: \'login.windows.net\'';
    expect(one(t, 'dns', 'not-found')).toBeDefined();
  });
});

describe('Windows numbers by their symbolic names', () => {
  it('WININET_E_NAME_NOT_RESOLVED is WinINet 12007 with the URL\'s host (fresh-clients-0006, zh)', () => {
    const t = '无法从“https://raw.githubusercontent.com/microsoft/WSL/master/distributions/DistributionInfo.json”中提取列表分发。无法解析服务器的名称或地址\n错误代码: Wsl/WININET_E_NAME_NOT_RESOLVED';
    const f = one(t, 'dns', 'not-found');
    expect(f?.codes).toContain('winhttp:12007');
    expect(f?.target?.host).toBe('raw.githubusercontent.com');
  });

  it('WSAEACCES in words, dialing a public address, is a connection this server blocked (fresh-clients-0028)', () => {
    const t = 'Error installing provider "azurerm": Get https://releases.hashicorp.com/terraform-provider-azurerm/: dial tcp 151.101.153.183:443: connectex: An attempt was made to access a socket in a way forbidden by its access permissions..';
    const f = one(t, 'connect', 'access-denied');
    expect(f?.codes).toContain('winsock:10013');
    expect(f?.target).toMatchObject({ host: '151.101.153.183', port: 443 });
  });

  it('"The specified domain does not exist or cannot be contacted" and a failed LDAP port are AD unreachable (fresh-aadc-0021, 0023)', () => {
    expect(one('The specified domain does not exist or cannot be contacted', 'directory', 'unavailable')).toBeDefined();
    expect(one('Cannot connect on port 389.', 'directory', 'unavailable')).toBeDefined();
    expect(one('Cannot connect on port 8080.', 'directory', 'unavailable')).toBeUndefined();
  });
});

describe('proxies in their own words', () => {
  it('Privoxy\'s own pages are the proxy answering (fresh-proxies-0018)', () => {
    const f = one('503\nThis is Privoxy 3.0.26 on localhost (127.0.0.1), port 8118, enabled\nForwarding failure', 'http', 'upstream');
    expect(f).toMatchObject({ answeredBy: 'proxy', product: 'Privoxy' });
  });

  it('a Squid access log line TCP_DENIED with any status, and NONE_NONE/403, are the proxy refusing (fresh-proxies-0046)', () => {
    const t = '1737828256.273   5027 192.168.10.101 TCP_DENIED/200 0 CONNECT duckduckgo.com:443 - HIER_NONE/- -\n1737828256.273      0 192.168.10.101 NONE_NONE/403 3898 GET https://duckduckgo.com/ - HIER_NONE/- text/html';
    expect(one(t, 'http', 'blocked')).toMatchObject({ answeredBy: 'proxy', product: 'Squid' });
    expect(one('1 2 10.0.0.1 TCP_DENIED/407 0 CONNECT login.microsoftonline.com:443', 'http', 'blocked')).toBeUndefined();
  });

  it('a Squid error page that belongs to the destination\'s own cache is the destination answering (fresh-proxies-0039)', () => {
    const t = 'HTTP/1.1 504 Gateway Time-out\nServer: squid/2.7.STABLE9\nX-Squid-Error: ERR_CANNOT_FORWARD 11\nX-Cache: MISS from longma.openstreetmap.org\nVia: 1.0 longma.openstreetmap.org:3128 (squid/2.7.STABLE9)\n<p>The following error was encountered while trying to retrieve the URL: <a href="http://tile.openstreetmap.org/18/219188/112899.png">';
    expect(facts(t).some((f) => f.answeredBy === 'proxy')).toBe(false);
    expect(facts(t).some((f) => f.answeredBy === 'server' && f.status === 504)).toBe(true);
    // The same page from a cache of another site is the customer's proxy.
    const other = t.replace(/longma\.openstreetmap\.org/g, 'proxy1.contoso.com');
    expect(facts(other).some((f) => f.answeredBy === 'proxy')).toBe(true);
  });
});

describe('Entra Connect\'s own answers', () => {
  it('any AADSTS530xx is Conditional Access; the provisioning service\'s "Error Code: 81" is Entra answering (fresh-proxies-0028, fresh-aadc-0027)', () => {
    expect(facts('MsalInteractionRequiredException: AADSTS53005: access has been blocked by conditional access policies.').flatMap((f) => f.codes)).toContain('aadsts:53005');
    const busy = one('ProvisionRetryException: An error occurred. Error Code: 81. Error Description: Windows Azure Active Directory is currently busy.', 'auth', 'error-code');
    expect(busy).toMatchObject({ answeredBy: 'entra', codes: ['provisioning:81'] });
  });

  it('a password-policy refusal and the AD connector\'s own error are AD answering (fresh-aadc-0015, 0034)', () => {
    expect(one('A restriction prevents the password from being changed to the current one specified.', 'directory', 'refused')).toBeDefined();
    expect(one("6329 MMS(3040): admaexport.cpp(2837): The server doesn't contain the LDAP password policy control.", 'directory', 'refused')).toBeDefined();
    expect(one('6329 MMS(3040): admaexport.cpp(2837): Server Down', 'directory', 'refused')).toBeUndefined();
  });

  it('PasswordResetSuccess is success (fresh-aadc-0014)', () => {
    expect(one('TrackingId: x, PasswordResetSuccess, Details: Context: cloudAnchor: User_x', 'sync', 'success')).toBeDefined();
  });
});
