import { describe, expect, it } from 'vitest';
import { codes, e906, finding, group, machineConfig, run } from './helpers.js';

const refused = (ep: string) => e906(`System.Net.WebException: Unable to connect to the remote server ---> System.Net.Sockets.SocketException: No connection could be made because the target machine actively refused it ${ep}`);

describe('proxy-bypass-connect', () => {
  it('10061 to a public Microsoft address on 443 is a direct connection', () => {
    const d = run({ groups: [group(refused('40.126.1.1:443'))] });
    const f = finding(d, 'proxy-bypass-connect');
    expect(f.confidence).toBe('high');
    expect(f.explanation).toMatch(/40\.126\.1\.1:443/);
    expect(f.evidence[0]!.excerpt).toMatch(/actively refused it 40\.126\.1\.1:443$/);
    expect(d.verdict.code).toBe('proxy-bypassed');
  });

  it('10060 timeout to a Microsoft IP in German', () => {
    const d = run({ groups: [group('System.Net.WebException: Die Verbindung mit dem Remoteserver kann nicht hergestellt werden. ---> System.Net.Sockets.SocketException: Ein Verbindungsversuch ist fehlgeschlagen, da die Gegenstelle nach einer bestimmten Zeitspanne nicht richtig reagiert hat 20.190.151.7:443')] });
    expect(codes(d)).toEqual(['proxy-bypass-connect']);
    expect(finding(d, 'proxy-bypass-connect').explanation).toMatch(/timed out \(10060\)/);
  });

  it('.NET Core form "(login.microsoftonline.com:443)"', () => {
    expect(codes(run({ groups: [group('System.Net.Http.HttpRequestException: A connection attempt failed because the connected party did not properly respond after a period of time (login.microsoftonline.com:443)')] }))).toEqual(['proxy-bypass-connect']);
  });

  it('near miss: 10061 to 10.0.0.5:8080 configured as the proxy is proxy-unreachable', () => {
    const d = run({ groups: [group(refused('10.0.0.5:8080'))], dotNetProxy: [machineConfig('http://10.0.0.5:8080')] });
    expect(codes(d)).toEqual(['proxy-unreachable']);
  });

  it('near miss: "Unable to connect" with no endpoint while the service has a proxy is not a bypass', () => {
    const d = run({ groups: [group(e906('System.Net.WebException: Unable to connect to the remote server'))], dotNetProxy: [machineConfig('http://proxy.contoso.com:8080')] });
    expect(codes(d)).not.toContain('proxy-bypass-connect');
  });

  it('"Unable to connect" with no endpoint and no proxy in machine.config is a (medium) bypass', () => {
    const d = run({ groups: [group(e906('System.Net.WebException: Unable to connect to the remote server'))], dotNetProxy: [machineConfig(null)] });
    expect(finding(d, 'proxy-bypass-connect').confidence).toBe('medium');
  });
});
