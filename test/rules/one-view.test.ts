// Issue 11: one parser of proxy strings, one view of the service's proxy that every fix reads, and one
// order shared by the verdict and the report. The two wrong answers seen in reports are the first tests.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.js';
import { parseProxyList } from '../../src/route/match.js';
import { buildProxyView } from '../../src/route/proxy-view.js';
import { machineConfig as routeMachineConfig, miiserverConfig } from '../route/helpers.js';
import { e906, evidence, group, machineConfig, run, trace } from './helpers.js';

const SPLIT = 'http=proxy-http.contoso.com:80;https=proxy-sec.contoso.com:8443';
const BYPASS = e906("System.Net.WebException: The remote name could not be resolved: 'login.windows.net'");

describe('one parser of proxy strings', () => {
  it('reads the per-protocol list, IPv6, an impossible port, <Unspecified> and socks= the same way everywhere', () => {
    expect(parseProxyList('http=a:1;https=b:2').map((p) => [p.scheme, p.hostPort])).toEqual([['http', 'a:1'], ['https', 'b:2']]);
    expect(parseProxyList('[::1]:3128')).toEqual([{ host: '::1', port: 3128, hostPort: '[::1]:3128' }]);
    expect(parseProxyList('proxy:99999')).toEqual([]);
    expect(parseProxyList('<Unspecified>')).toEqual([]);
    expect(parseProxyList('socks=s:1080').map((p) => [p.scheme, p.hostPort])).toEqual([['socks', 's:1080']]);
    expect(parseProxyList('svc:P@ssw0rd-FAKE-9@proxy:8080').map((p) => p.hostPort)).toEqual(['proxy:8080']);
  });

  it('the view names every configured proxy through that parser (so "is this the proxy?" agrees with the matrix)', () => {
    const view = buildProxyView(evidence({ winInet: [{ file: 'w.reg', hive: 'current-user', proxyEnable: true, proxyServer: 'http=a:1;https=[::1]:3128;socks=s:1080;ftp=bad:99999' }] }));
    expect(view.configured.map((p) => p.hostPort)).toEqual(['a:1', '[::1]:3128', 's:1080']);
  });
});

describe('one view of the service proxy', () => {
  it('with Internet Options http=…:80;https=…:8443 and no machine.config proxy, every fix writes the HTTPS proxy', () => {
    const d = run({
      groups: [group(BYPASS)],
      dotNetProxy: [machineConfig(null)],
      winInet: [{ file: 'config/wininet.json', hive: 'current-user', user: 'CONTOSO\\admin', proxyEnable: true, proxyServer: SPLIT }],
    });
    const withAddress = d.findings.flatMap((f) => f.fix).filter((s) => /proxyaddress=/.test(s));
    expect(withAddress.length).toBeGreaterThan(0);
    for (const step of withAddress) {
      expect(step).toContain('proxyaddress="http://proxy-sec.contoso.com:8443"');
      expect(step).not.toContain('proxy-http.contoso.com');
    }
  });

  it('machine.config and miiserver.exe.config merge attribute by attribute, as .NET merges them', () => {
    const view = buildProxyView(evidence({
      dotNetProxy: [
        routeMachineConfig({ proxyaddress: 'http://proxy.contoso.com:8080' }),
        miiserverConfig({}, { useDefaultCredentials: true }),
      ],
    }));
    expect(view.service).toMatchObject({ address: 'proxy.contoso.com:8080', credentials: true, disabled: false });
    const off = buildProxyView(evidence({ dotNetProxy: [routeMachineConfig({ proxyaddress: 'http://proxy.contoso.com:8080' }), miiserverConfig(null, { present: true, enabled: false })] }));
    expect(off.service).toMatchObject({ disabled: true, offAddress: 'proxy.contoso.com:8080', file: 'miiserver.exe.config' });
    expect(off.service.address).toBeUndefined();
  });
});

describe('one order for the verdict and the report', () => {
  it('a low-confidence "user realm discovery failed" beside a firm 407: the verdict and the first finding agree', () => {
    const ev = evidence({
      groups: [
        trace('[ERROR] User realm discovery failed'),
        group(e906('System.Net.WebException: The remote server returned an error: (407) Proxy Authentication Required.')),
      ],
    });
    const d = run(ev);
    expect(d.verdict.code).toBe('proxy-rejected');
    expect(d.findings[0]!.code).toBe('proxy-auth-required');
    const report = buildReport(d, ev);
    expect(report.findings[0]!.code).toBe('proxy-auth-required');
    expect(report.findings.map((f) => f.code)).toContain('proxy-bypass-dns');
  });
});
