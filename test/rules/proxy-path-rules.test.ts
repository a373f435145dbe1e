// The four proxy-path rules, from configuration and live-probe evidence: positive cases and near misses.
import { describe, expect, it } from 'vitest';
import type { EvidenceSet, ProbeResult } from '../../src/evidence/types.js';
import type { Rule, RuleMatch } from '../../src/rules/types.js';
import { buildContext } from '../../src/rules/context.js';
import { serviceProxyMissing } from '../../src/rules/codes/service-proxy-missing.js';
import { pacNotUsedByService } from '../../src/rules/codes/pac-not-used-by-service.js';
import { miiserverConfigOverride } from '../../src/rules/codes/miiserver-config-override.js';
import { machineConfigRestartNeeded } from '../../src/rules/codes/machine-config-restart-needed.js';
import { adminWinInet, evidence, machineConfig, miiserverConfig, PROXY } from '../route/helpers.js';

/** A rule's evidence matcher with the context the engine derives from the same evidence. */
function run(rule: Rule, ev: EvidenceSet): RuleMatch[] {
  return rule.matchEvidence!(ev, buildContext(ev));
}
const ADSYNC = { file: 'config/adsync.json', serviceAccount: 'NT SERVICE\\ADSync', serviceStatus: 'Running', serviceStartTime: '2026-11-20T07:12:00.0000000Z' };

function probe(p: Partial<ProbeResult>): ProbeResult {
  return { file: 'probes/probes-service.json', endpoint: 'login.microsoftonline.com', port: 443, test: 'tcp-direct', as: 'service', ok: false, ...p };
}

function mismatch(extra: Partial<EvidenceSet> = {}): EvidenceSet {
  return evidence({
    dotNetProxy: [machineConfig(null)],
    winInet: [adminWinInet({ proxyEnable: true, proxyServer: 'proxy.contoso.com:8080' })],
    adsync: [ADSYNC],
    ...extra,
  });
}

describe('service-proxy-missing', () => {
  it('fires when machine.config is empty and the admin has a proxy; the fix names that proxy', () => {
    const [m, ...rest] = run(serviceProxyMissing, mismatch());
    expect(rest).toHaveLength(0);
    expect(m!.confidence).toBe('medium');
    expect(m!.explanation).toMatch(/proxy\.contoso\.com:8080/);
    expect(m!.fix!.join('\n')).toContain('proxyaddress="http://proxy.contoso.com:8080"');
    expect(m!.evidence.map((e) => e.kind)).toEqual(['config', 'config']);
  });

  it('fires for a WinHTTP proxy too', () => {
    const ev = evidence({ dotNetProxy: [machineConfig(null)], winHttp: [{ file: 'config/winhttp.txt', direct: false, proxyServer: '10.0.0.1:3128' }], adsync: [ADSYNC] });
    const [m] = run(serviceProxyMissing, ev);
    expect(m!.fix!.join('\n')).toContain('http://10.0.0.1:3128');
  });

  it('probes that show direct failing and the proxy working raise confidence and are quoted', () => {
    const ev = mismatch({
      probes: [
        probe({ test: 'tcp-direct', ok: false, errorClass: 'timeout' }),
        probe({ test: 'https-proxy', ok: true, proxy: 'http://proxy.contoso.com:8080', httpStatus: 200 }),
      ],
    });
    const [m] = run(serviceProxyMissing, ev);
    expect(m!.confidence).toBe('high');
    expect(m!.evidence.filter((e) => e.kind === 'probe')).toHaveLength(2);
    expect(m!.explanation).toMatch(/direct connection to login\.microsoftonline\.com failed \(timeout\)/);
  });

  it('a proxy that answers 407 to the probe puts useDefaultCredentials into the fix', () => {
    const ev = mismatch({ probes: [probe({ test: 'https-proxy', ok: false, errorClass: 'proxy-auth', httpStatus: 407, proxy: 'http://proxy.contoso.com:8080' })] });
    const [m] = run(serviceProxyMissing, ev);
    expect(m!.fix!.join('\n')).toContain('useDefaultCredentials="true"');
  });

  it('direct access working today lowers confidence', () => {
    const [m] = run(serviceProxyMissing, mismatch({ probes: [probe({ test: 'tcp-direct', ok: true })] }));
    expect(m!.confidence).toBe('low');
  });

  it('near misses: machine.config names a proxy; nobody has a proxy; only a PAC; machine.config not collected; machine-wide WinINET', () => {
    expect(run(serviceProxyMissing, mismatch({ dotNetProxy: [machineConfig({ proxyaddress: PROXY })] }))).toEqual([]);
    expect(run(serviceProxyMissing, mismatch({ winInet: [adminWinInet({ proxyEnable: false, proxyServer: 'old:8080' })] }))).toEqual([]);
    expect(run(serviceProxyMissing, mismatch({ winInet: [adminWinInet({ autoConfigUrl: 'http://wpad/proxy.pac' })] }))).toEqual([]);
    expect(run(serviceProxyMissing, mismatch({ dotNetProxy: [] }))).toEqual([]);
    const machineWide = mismatch({ winInet: [{ file: 'w', hive: 'HKLM policy', proxySettingsPerUser: false, proxyEnable: true, proxyServer: 'proxy:8080' }] });
    expect(run(serviceProxyMissing, machineWide)).toEqual([]);
  });

  it('the proxy only in miiserver.exe.config still counts as the service having one', () => {
    expect(run(serviceProxyMissing, mismatch({ dotNetProxy: [machineConfig(null), miiserverConfig({ proxyaddress: PROXY })] }))).toEqual([]);
  });
});

describe('pac-not-used-by-service', () => {
  const pacUrl = 'http://wpad.contoso.com/proxy.pac';
  it('fires when the admin only has an AutoConfigURL', () => {
    const [m] = run(pacNotUsedByService, mismatch({ winInet: [adminWinInet({ autoConfigUrl: pacUrl })] }));
    expect(m!.explanation).toContain(pacUrl);
    expect(m!.fix![0]).toMatch(/Find the proxy the PAC script returns/);
  });
  it('fills the fix with the proxy the PAC returns when its text is known', () => {
    const text = 'function FindProxyForURL(url, host) { if (isPlainHostName(host)) return "DIRECT"; return "PROXY pac-proxy.contoso.com:3128; DIRECT"; }';
    const [m] = run(pacNotUsedByService, mismatch({ winInet: [adminWinInet({ autoConfigUrl: pacUrl })], pacScripts: [{ file: 'p.pac', url: pacUrl, text }] }));
    expect(m!.fix!.join('\n')).toContain('proxyaddress="http://pac-proxy.contoso.com:3128"');
    expect(m!.explanation).toMatch(/sends login\.microsoftonline\.com to pac-proxy\.contoso\.com:3128/);
  });
  it('fires for WPAD auto-detect and for a machine.config that relies on scriptLocation', () => {
    expect(run(pacNotUsedByService, mismatch({ winInet: [adminWinInet({ autoDetect: true })] }))).toHaveLength(1);
    expect(run(pacNotUsedByService, mismatch({ winInet: [], dotNetProxy: [machineConfig({ scriptLocation: pacUrl })] }))).toHaveLength(1);
  });
  it('near misses: a manual proxy is known too; machine.config names the proxy; nobody uses a PAC', () => {
    expect(run(pacNotUsedByService, mismatch({ winInet: [adminWinInet({ autoConfigUrl: pacUrl, proxyEnable: true, proxyServer: 'p:8080' })] }))).toEqual([]);
    expect(run(pacNotUsedByService, mismatch({ winInet: [adminWinInet({ autoConfigUrl: pacUrl })], dotNetProxy: [machineConfig({ proxyaddress: PROXY })] }))).toEqual([]);
    expect(run(pacNotUsedByService, mismatch())).toEqual([]);
  });
});

describe('miiserver-config-override', () => {
  it('fires when miiserver.exe.config sets the proxy, with the snippet for machine.config', () => {
    const [m] = run(miiserverConfigOverride, evidence({ dotNetProxy: [machineConfig(null), miiserverConfig({ proxyaddress: 'http://10.0.0.5:3128' })] }));
    expect(m!.explanation).toMatch(/10\.0\.0\.5:3128.*machine\.config names none/);
    expect(m!.fix![0]).toContain('proxyaddress="http://10.0.0.5:3128"');
  });
  it('enabled="false" in miiserver.exe.config is called out as turning the proxy off', () => {
    const [m] = run(miiserverConfigOverride, evidence({ dotNetProxy: [machineConfig({ proxyaddress: PROXY }), miiserverConfig(null, { present: true, enabled: false })] }));
    expect(m!.explanation).toMatch(/enabled="false"/);
    expect(m!.fix![0]).toContain('proxy.contoso.com:8080');
  });
  it('near misses: no section in miiserver.exe.config; proxy only in machine.config', () => {
    expect(run(miiserverConfigOverride, evidence({ dotNetProxy: [machineConfig({ proxyaddress: PROXY }), miiserverConfig(null)] }))).toEqual([]);
    expect(run(miiserverConfigOverride, evidence({ dotNetProxy: [machineConfig({ proxyaddress: PROXY })] }))).toEqual([]);
  });
});

describe('machine-config-restart-needed', () => {
  const file64 = { path: 'C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\Config\\machine.config', bundlePath: 'config/Framework64/machine.config' };
  it('fires when machine.config (Framework64) was written after the service started', () => {
    const ev = evidence({ adsync: [{ ...ADSYNC, configFiles: [{ ...file64, lastWriteTimeUtc: '2026-11-24T16:00:00.0000000Z' }] }] });
    const [m] = run(machineConfigRestartNeeded, ev);
    expect(m!.explanation).toMatch(/written at 2026-11-24T16:00:00.0000000Z, after the ADSync service started at 2026-11-20T07:12:00/);
    expect(m!.evidence).toHaveLength(2);
  });
  it('a copied file\'s own modification time is not the server\'s edit time: not used', () => {
    const ev = evidence({ adsync: [ADSYNC], dotNetProxy: [machineConfig({ proxyaddress: PROXY }, { modifiedAt: '2026-11-25T09:13:23.187Z' })] });
    expect(run(machineConfigRestartNeeded, ev)).toEqual([]);
  });
  it('near misses: written before the start; only the 32-bit file changed; service stopped; no start time', () => {
    const before = evidence({ adsync: [{ ...ADSYNC, configFiles: [{ ...file64, lastWriteTimeUtc: '2026-11-19T16:00:00.0000000Z' }] }] });
    expect(run(machineConfigRestartNeeded, before)).toEqual([]);
    const x86 = evidence({ adsync: [{ ...ADSYNC, configFiles: [{ path: 'C:\\Windows\\Microsoft.NET\\Framework\\v4.0.30319\\Config\\machine.config', lastWriteTimeUtc: '2026-11-24T16:00:00Z' }] }] });
    expect(run(machineConfigRestartNeeded, x86)).toEqual([]);
    const stopped = evidence({ adsync: [{ ...ADSYNC, serviceStatus: 'Stopped', configFiles: [{ ...file64, lastWriteTimeUtc: '2026-11-24T16:00:00Z' }] }] });
    expect(run(machineConfigRestartNeeded, stopped)).toEqual([]);
    const noStart = evidence({ adsync: [{ file: 'a', configFiles: [{ ...file64, lastWriteTimeUtc: '2026-11-24T16:00:00Z' }] }] });
    expect(run(machineConfigRestartNeeded, noStart)).toEqual([]);
  });
});
