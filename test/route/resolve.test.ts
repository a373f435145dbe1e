import { describe, expect, it } from 'vitest';
import { resolveProxyPaths, resolveRouteMatrix, type RouteDecision } from '../../src/route/resolve.js';
import { adminWinInet, evidence, machineConfig, miiserverConfig, PROXY } from './helpers.js';

function at(ds: RouteDecision[], actor: string, host = 'login.microsoftonline.com'): RouteDecision {
  const d = ds.find((x) => x.actor === actor && x.endpoint.host === host);
  if (!d) throw new Error(`no decision for ${actor} -> ${host}`);
  return d;
}

describe('route resolution', () => {
  it('nothing proxy-related in the evidence: no matrix', () => {
    expect(resolveProxyPaths(evidence({}))).toEqual([]);
  });

  it('the classic mismatch: machine.config empty, admin has a WinINET proxy, the service goes direct', () => {
    const ev = evidence({
      dotNetProxy: [machineConfig(null)],
      winInet: [adminWinInet({ proxyEnable: true, proxyServer: 'proxy.contoso.com:8080', proxyOverride: '*.contoso.com;<local>' })],
      adsync: [{ file: 'config/adsync.json', serviceAccount: 'NT SERVICE\\ADSync' }],
    });
    const ds = resolveRouteMatrix(ev);
    expect(at(ds, 'sync-service')).toMatchObject({ route: 'direct', effective: 'direct', proxy: null });
    expect(at(ds, 'sync-service').reasons.join(' ')).toMatch(/virtual account/);
    expect(at(ds, 'wizard-signin')).toMatchObject({ route: 'proxy', proxy: 'proxy.contoso.com:8080', layer: 'wininet', credentials: false });
    expect(at(ds, 'wizard-configure')).toMatchObject({ route: 'direct' });
    expect(at(ds, 'admin-powershell')).toMatchObject({ route: 'proxy' });
    // the compact matrix groups the service's endpoints into one row
    const rows = resolveProxyPaths(ev).filter((r) => r.actor === 'sync-service');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.endpoint).toMatch(/login\.microsoftonline\.com.*more/);
  });

  it('explicit proxyaddress wins over usesystemdefault and sends credentials when configured', () => {
    const ev = evidence({
      dotNetProxy: [machineConfig({ usesystemdefault: true, proxyaddress: PROXY, bypassonlocal: true }, { useDefaultCredentials: true })],
      winInet: [adminWinInet({ proxyEnable: true, proxyServer: 'other:3128' })],
    });
    const ds = resolveRouteMatrix(ev);
    expect(at(ds, 'sync-service')).toMatchObject({ route: 'proxy', proxy: 'proxy.contoso.com:8080', credentials: true, layer: 'machine.config' });
    expect(at(ds, 'wizard-signin')).toMatchObject({ route: 'proxy', proxy: 'proxy.contoso.com:8080' });
  });

  it('miiserver.exe.config overrides machine.config for the service only', () => {
    const ev = evidence({
      dotNetProxy: [machineConfig(null), miiserverConfig({ proxyaddress: 'http://10.0.0.5:3128' })],
    });
    const ds = resolveRouteMatrix(ev);
    expect(at(ds, 'sync-service')).toMatchObject({ route: 'proxy', proxy: '10.0.0.5:3128', layer: 'miiserver.exe.config' });
    expect(at(ds, 'wizard-signin').route).not.toBe('proxy');
  });

  it('enabled="false" turns the proxy off, usesystemdefault="false" without an address means direct', () => {
    let ds = resolveRouteMatrix(evidence({ dotNetProxy: [machineConfig({ proxyaddress: PROXY }, { enabled: false })] }));
    expect(at(ds, 'sync-service')).toMatchObject({ route: 'direct', source: expect.stringMatching(/enabled="false"/) });
    ds = resolveRouteMatrix(evidence({
      dotNetProxy: [machineConfig({ usesystemdefault: false })],
      winInet: [adminWinInet({ proxyEnable: true, proxyServer: 'p:1' })],
    }));
    expect(at(ds, 'wizard-signin').route).toBe('direct');
  });

  it('a bypasslist regex sends a matching endpoint direct, a wildcard entry is called out', () => {
    let ds = resolveRouteMatrix(evidence({ dotNetProxy: [machineConfig({ proxyaddress: PROXY }, { bypassList: ['microsoftonline\\.com'] })] }));
    expect(at(ds, 'sync-service')).toMatchObject({ route: 'bypassed', effective: 'direct', bypassRule: 'microsoftonline\\.com' });
    expect(at(ds, 'sync-service', 'ssprdedicatedsbprodncu.servicebus.windows.net').route).toBe('proxy');
    ds = resolveRouteMatrix(evidence({ dotNetProxy: [machineConfig({ proxyaddress: PROXY }, { bypassList: ['*.microsoftonline.com'] })] }));
    const d = at(ds, 'sync-service');
    expect(d.route).toBe('proxy');
    expect(d.reasons.join(' ')).toMatch(/not a valid regular expression/);
  });

  it('WinINET per-protocol ProxyServer without https= sends HTTPS direct', () => {
    const ds = resolveRouteMatrix(evidence({
      dotNetProxy: [machineConfig(null)],
      winInet: [adminWinInet({ proxyEnable: true, proxyServer: 'http=web:80;ftp=ftp:21' })],
    }));
    expect(at(ds, 'wizard-signin')).toMatchObject({ route: 'direct', source: expect.stringMatching(/no https= proxy/) });
  });

  it('ProxyOverride bypasses the admin proxy for a matching endpoint', () => {
    const ds = resolveRouteMatrix(evidence({
      dotNetProxy: [machineConfig({ usesystemdefault: true })],
      winInet: [adminWinInet({ proxyEnable: true, proxyServer: 'proxy:8080', proxyOverride: '*.microsoftonline.com;<local>' })],
    }));
    expect(at(ds, 'wizard-signin')).toMatchObject({ route: 'bypassed', bypassRule: '*.microsoftonline.com', proxy: 'proxy:8080' });
    expect(at(ds, 'wizard-signin', 'login.windows.net').route).toBe('proxy');
  });

  it('PAC: evaluated when its text is known, unknown when not', () => {
    const pacUrl = 'http://wpad.contoso.com/proxy.pac';
    const base = {
      dotNetProxy: [machineConfig(null)],
      winInet: [adminWinInet({ autoConfigUrl: pacUrl })],
    };
    let ds = resolveRouteMatrix(evidence(base));
    expect(at(ds, 'wizard-signin')).toMatchObject({ route: 'pac', pac: pacUrl, effective: 'unknown' });
    const text = 'function FindProxyForURL(url, host) { if (dnsDomainIs(host, ".windows.net")) return "DIRECT"; return "PROXY pac-proxy.contoso.com:8080"; }';
    ds = resolveRouteMatrix(evidence({ ...base, pacScripts: [{ file: 'proxy.pac', url: pacUrl, text }] }));
    expect(at(ds, 'wizard-signin')).toMatchObject({ route: 'pac', effective: 'proxy', proxy: 'pac-proxy.contoso.com:8080' });
    expect(at(ds, 'wizard-signin', 'login.windows.net')).toMatchObject({ route: 'pac', effective: 'direct', bypassRule: expect.stringMatching(/dnsDomainIs/) });
    // the service account has no PAC: direct
    expect(at(ds, 'sync-service').route).toBe('direct');
  });

  it('machine-wide WinINET (ProxySettingsPerUser=0) reaches the service too', () => {
    const ds = resolveRouteMatrix(evidence({
      dotNetProxy: [machineConfig(null)],
      winInet: [
        { file: 'config/wininet.json', hive: 'HKLM policy', proxySettingsPerUser: false, proxyEnable: true, proxyServer: 'proxy:8080' },
      ],
    }));
    expect(at(ds, 'sync-service')).toMatchObject({ route: 'proxy', proxy: 'proxy:8080' });
  });

  it('machine-wide WinINET as the collector writes it (wininet.json hive "machine") reaches the service too', () => {
    const ds = resolveRouteMatrix(evidence({
      dotNetProxy: [machineConfig(null)],
      winInet: [
        { file: 'config/wininet.json', hive: 'machine', proxySettingsPerUser: false, proxyEnable: true, proxyServer: 'proxy:8080' },
        { file: 'config/wininet.json', hive: 'current-user', proxySettingsPerUser: false, proxyEnable: false },
      ],
    }));
    expect(at(ds, 'sync-service')).toMatchObject({ route: 'proxy', proxy: 'proxy:8080' });
  });

  it('the decoded DefaultConnectionSettings blob is what .NET reads', () => {
    const ds = resolveRouteMatrix(evidence({
      dotNetProxy: [machineConfig(null)],
      winInet: [adminWinInet({
        proxyEnable: false, proxyServer: 'stale:1',
        connectionSettings: { flags: 3, direct: true, proxyEnabled: true, autoConfigUrlEnabled: false, autoDetect: false, proxyServer: 'blob:8080', bypassList: '', autoConfigUrl: '', usable: true },
      })],
    }));
    expect(at(ds, 'wizard-signin')).toMatchObject({ route: 'proxy', proxy: 'blob:8080' });
  });

  it('a domain service account whose hive was not collected is unknown, not assumed direct', () => {
    const ds = resolveRouteMatrix(evidence({
      dotNetProxy: [machineConfig(null)],
      adsync: [{ file: 'config/adsync.json', serviceAccount: 'CONTOSO\\svc-adsync' }],
    }));
    expect(at(ds, 'sync-service').route).toBe('unknown');
  });

  it('a not-well-formed machine.config is unknown with the reason', () => {
    const ds = resolveRouteMatrix(evidence({
      dotNetProxy: [machineConfig(null, { problems: [{ kind: 'not-well-formed', message: 'unclosed tag at line 12' }] })],
    }));
    expect(at(ds, 'sync-service')).toMatchObject({ route: 'unknown' });
    expect(at(ds, 'sync-service').reasons[0]).toMatch(/not well-formed/);
  });

  it('WinHTTP: CRL downloads follow netsh, Health is never decided by WinHTTP', () => {
    const ds = resolveRouteMatrix(evidence({
      dotNetProxy: [machineConfig(null)],
      winHttp: [{ file: 'config/winhttp.txt', direct: false, proxyServer: 'proxy:8080', bypassList: '*.digicert.com;<local>' }],
    }));
    expect(at(ds, 'winhttp-clients', 'mscrl.microsoft.com')).toMatchObject({ route: 'proxy', proxy: 'proxy:8080' });
    expect(at(ds, 'winhttp-clients', 'crl3.digicert.com')).toMatchObject({ route: 'bypassed', bypassRule: '*.digicert.com' });
    expect(at(ds, 'health-agent', 'management.azure.com').route).toBe('unknown');
    expect(at(ds, 'sync-service').route).toBe('direct');
  });

  it('falls back to what the wizard trace says machine.config holds', () => {
    const ds = resolveRouteMatrix(evidence({
      traceProxy: [{ file: 'trace-20261125-100000.log', location: 'line 9', proxyAddress: 'http://proxy.contoso.com:8080/', useSystemDefault: 'True', enabled: 'True', useDefaultCredentials: 'False' }],
    }));
    expect(at(ds, 'sync-service')).toMatchObject({ route: 'proxy', proxy: 'proxy.contoso.com:8080' });
  });

  it('the 32-bit machine.config decides x86 PowerShell', () => {
    const ds = resolveRouteMatrix(evidence({
      dotNetProxy: [
        machineConfig({ proxyaddress: PROXY }),
        machineConfig(null, { scope: 'machine.config (Framework)', file: 'config/Framework/machine.config' }),
      ],
    }));
    expect(at(ds, 'admin-powershell').route).toBe('proxy');
    expect(at(ds, 'admin-powershell-x86').route).not.toBe('proxy');
  });
});
