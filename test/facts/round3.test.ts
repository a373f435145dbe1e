// Facts added after the corpus's third round (corpus/round3/, gathered after the round-2 tuning): each from
// a part of the error that does not change with the wording; the case id names the public source.
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/facts/extract.js';
import type { Fact } from '../../src/facts/types.js';
import { codes, group, run } from '../rules/helpers.js';

const facts = (t: string): Fact[] => extractFacts(t).facts;
const one = (t: string, op: string, kind: string): Fact | undefined => facts(t).find((f) => f.op === op && f.kind === kind);

describe('who sent the status', () => {
  it('a 407 is the proxy\'s whatever the client calls it (r3-proxies-0024: NuGet, Blue Coat\'s reason phrase)', () => {
    const t = "Response status code does not indicate success: 407 (authenticationrequired).";
    expect(facts(t).find((f) => f.status === 407)?.answeredBy).toBe('proxy');
    expect(codes(run({ groups: [group(t)] }))).toContain('proxy-auth-required');
  });

  it('a 401 sent with the proxy\'s own headers is the proxy asking for credentials (r3-proxies-0026: cntlm and Blue Coat)', () => {
    const t = 'Proxy-Authorization => NTLM x\nReading auth response...\nHEAD: HTTP/1.1 401 Unauthorized\nWWW-Authenticate => NTLM\nProxy-Connection => close\nSet-Cookie => BCSI-CS-9999999999999999=2;';
    expect(codes(run({ groups: [group(t)] }))).toContain('proxy-auth-required');
    // A 401 with nothing of a proxy is the server's.
    expect(codes(run({ groups: [group('HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer')] }))).not.toContain('proxy-auth-required');
  });

  it('IIS\'s sub-status page is the destination\'s server, not a forward proxy (r3-proxies-0040)', () => {
    const t = 'HTTP Error 502.3 - Bad Gateway\nThere was a connection error while trying to route the request.';
    const c = codes(run({ groups: [group(t)] }));
    expect(c).toContain('remote-service-error');
    expect(c).not.toContain('proxy-denied');
  });
});

describe('proxies in their own words', () => {
  it('Squid\'s footer "(squid/x.y)" in any language, and X-Squid-Error however a client prints headers (r3-proxies-0015, 0017)', () => {
    const ru = 'Запрошенный URL не может быть получен\nСистема вернула: (110) Connection timed out\nСоздано Thu, 26 Oct 2017 11:55:42 GMT на gw1 (squid/3.5.24)';
    expect(facts(ru).some((f) => f.answeredBy === 'proxy' && f.product === 'Squid')).toBe(true);
    const axios = "status: 501,\n headers: {\n server: 'squid/3.5.12',\n 'x-squid-error': 'ERR_UNSUP_REQ 0',";
    expect(facts(axios).some((f) => f.answeredBy === 'proxy' && f.product === 'Squid')).toBe(true);
  });

  it('libcurl\'s "Proxy CONNECT aborted" is a refused tunnel; "Can not connect to proxy" names the proxy hop (r3-proxies-0005, r3-clients-0013)', () => {
    expect(one("fatal: unable to access 'https://github.com/x.git/': Proxy CONNECT aborted", 'tunnel', 'failed')).toBeDefined();
    const f = one('Error: [Errno 22] Can not connect to proxy 199.187.210.54:4145 [Удаленный компьютер отклонил это сетевое подключение]', 'connect', 'failed');
    expect(f?.target).toMatchObject({ host: '199.187.210.54', port: 4145, role: 'proxy' });
  });

  it('winget\'s pinned-certificate error is an untrusted chain (r3-clients-0041)', () => {
    expect(one('0x8a15005e : The server certificate did not match any of the expected values.', 'tls', 'untrusted')?.codes).toContain('winget:0x8a15005e');
  });
});

describe('the hop', () => {
  it('a public address on a port below 1024 is the destination, on a proxy port it is not (r3-clients-0039)', () => {
    const t = 'System.Net.Http.HttpRequestException: A connection attempt failed because the connected party did not properly respond after a period of time (143.254.251.243:444)\n ---> System.Net.Sockets.SocketException (10060)';
    expect(codes(run({ groups: [group(t)] }))).toContain('proxy-bypass-connect');
    expect(codes(run({ groups: [group(t.replace(/:444/, ':8080'))] }))).not.toContain('proxy-bypass-connect');
  });
});

describe('Active Directory answered', () => {
  it('a bare DirectoryServicesCOMException is not "AD unreachable" when its HRESULT says AD answered (r3-aadc-0015)', () => {
    const t = 'Exception creating gmsa. Exception: System.DirectoryServices.DirectoryServicesCOMException (0x80072030): There is no such object on the server.';
    const c = codes(run({ groups: [group(t)] }));
    expect(c).toContain('ad-refused');
    expect(c).not.toContain('ad-connectivity');
  });

  it('the connector\'s failed-authentication incident is AD refusing the account, across line breaks (r3-aadc-0019)', () => {
    const t = '<incident><connection-result>failed-authentication</connection-result><server>dc1:389</server><cd-error><error-code>0x31</error-code> \n<error-literal>Invalid Credentials</error-literal>';
    expect(one(t, 'directory', 'credentials')?.codes).toContain('ad:credentials');
  });

  it('the PTA agent\'s Reason 1328 (logon hours) is AD refusing the user (r3-aadc-0007)', () => {
    const t = "AzureADConnectAuthenticationAgentService.exe Error: 0 : Passthrough Authentication request failed. RequestId: 'x'. Reason: '1328'.";
    expect(one(t, 'directory', 'refused')?.codes).toContain('pta:1328');
  });
});
