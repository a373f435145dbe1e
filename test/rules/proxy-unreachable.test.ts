import { describe, expect, it } from 'vitest';
import { adminWinInet, codes, e906, finding, group, machineConfig, run } from './helpers.js';

describe('proxy-unreachable', () => {
  it('10061 to the configured proxy address and port', () => {
    const d = run({
      groups: [group(e906('System.Net.WebException: Unable to connect to the remote server ---> System.Net.Sockets.SocketException: No connection could be made because the target machine actively refused it 10.0.0.5:8080'))],
      winInet: [adminWinInet('http=10.0.0.5:8080;https=10.0.0.5:8080')],
    });
    const f = finding(d, 'proxy-unreachable');
    expect(f.confidence).toBe('high');
    expect(f.explanation).toMatch(/10\.0\.0\.5:8080 is the proxy configured in Internet Options/);
    expect(f.fix[0]).toContain('Test-NetConnection 10.0.0.5 -Port 8080');
    expect(d.verdict.code).toBe('proxy-unreachable');
    expect(d.verdict.summary).toMatch(/could not reach the proxy/);
  });

  it('without configuration: loopback on a proxy port (a stopped Fiddler/CNTLM) is the proxy', () => {
    const d = run({ groups: [group('System.Net.WebException: Unable to connect to the remote server ---> System.Net.Sockets.SocketException: No connection could be made because the target machine actively refused it 127.0.0.1:8888', { kind: 'text' })] });
    const f = finding(d, 'proxy-unreachable');
    expect(f.confidence).toBe('medium');
    expect(f.fix.join(' ')).toMatch(/on this server itself/);
  });

  it('the message itself says it could not connect to the proxy', () => {
    expect(codes(run({ groups: [group('Cannot connect to proxy.', { kind: 'text' })] }))).toEqual(['proxy-unreachable']);
  });

  it('near miss: port 8080 on a Microsoft host is not a proxy', () => {
    const d = run({ groups: [group('No connection could be made because the target machine actively refused it (login.microsoftonline.com:8080)', { kind: 'text' })] });
    expect(codes(d)).not.toContain('proxy-unreachable');
  });

  it('"Unable to connect" from the service, naming nothing, while machine.config names a proxy', () => {
    const d = run({ groups: [group(e906('System.Net.WebException: Unable to connect to the remote server'))], dotNetProxy: [machineConfig('http://proxy.contoso.com:8080')] });
    expect(finding(d, 'proxy-unreachable').explanation).toMatch(/proxy\.contoso\.com:8080/);
  });
});
