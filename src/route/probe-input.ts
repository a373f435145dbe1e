// The JSON input of ps/Invoke-AADSyncProbes.ps1 (-ProxyJson), built from the evidence collected so far:
// the proxy the sync service would use, or — when it has none — the proxy people use, so that the probes
// show whether adding that proxy to machine.config would work ("direct fails, through the proxy works").
import type { EvidenceSet } from '../evidence/types.js';
import { probeEndpoints } from './endpoints.js';
import { parseProxyAddress, proxyForScheme } from './match.js';
import { resolveRouteMatrix } from './resolve.js';

export interface ProbeInput {
  proxy?: { address: string; useDefaultCredentials: boolean; bypassOnLocal: boolean; bypassList: string[]; source: string };
  endpoints: { host: string; port: number }[];
  loginHost: string;
  realmUser?: string;
  timeoutMs: number;
}

export function buildProbeInput(ev: EvidenceSet, opts: { realmUser?: string; timeoutMs?: number } = {}): ProbeInput {
  const input: ProbeInput = {
    endpoints: probeEndpoints().map(({ host, port }) => ({ host, port })),
    loginHost: 'login.microsoftonline.com',
    timeoutMs: opts.timeoutMs ?? 10_000,
    ...(opts.realmUser ? { realmUser: opts.realmUser } : {}),
  };
  const svc = resolveRouteMatrix(ev).filter((d) => d.actor === 'sync-service');
  const withProxy = svc.find((d) => d.proxy && (d.effective === 'proxy' || d.route === 'bypassed'));
  const cfgs = ev.dotNetProxy.filter((c) => c.scope === 'machine.config (Framework64)' || c.scope === 'machine.config' || c.scope === 'miiserver.exe.config');
  const credentials = cfgs.some((c) => c.present && c.useDefaultCredentials);
  const bypassList = cfgs.flatMap((c) => (c.present ? c.bypassList : []));
  const bypassOnLocal = cfgs.some((c) => c.present && c.proxy?.bypassonlocal === true);
  if (withProxy?.proxy) {
    input.proxy = { address: `http://${withProxy.proxy}`, useDefaultCredentials: credentials, bypassOnLocal, bypassList, source: withProxy.source };
    return input;
  }
  // Candidate: the proxy people use (WinINET), else WinHTTP. Probed without the service's bypass rules.
  for (const w of ev.winInet) {
    if (w.hive === 'service-account') continue;
    const server = w.connectionSettings?.usable ? (w.connectionSettings.proxyEnabled ? w.connectionSettings.proxyServer : '') : w.proxyEnable ? w.proxyServer : '';
    const hp = server ? proxyForScheme(server, 'https').proxy : null;
    if (hp) {
      input.proxy = { address: `http://${hp.hostPort}`, useDefaultCredentials: credentials, bypassOnLocal: false, bypassList: [], source: `candidate: ${w.user ?? w.hive} Internet Options (the service has no proxy)` };
      return input;
    }
  }
  for (const h of ev.winHttp) {
    const hp = !h.direct && h.proxyServer ? proxyForScheme(h.proxyServer, 'https').proxy : null;
    if (hp) {
      input.proxy = { address: `http://${hp.hostPort}`, useDefaultCredentials: credentials, bypassOnLocal: false, bypassList: [], source: 'candidate: WinHTTP (the service has no proxy)' };
      return input;
    }
  }
  const trace = ev.traceProxy.find((t) => t.proxyAddress && parseProxyAddress(t.proxyAddress));
  if (trace?.proxyAddress) {
    input.proxy = { address: `http://${parseProxyAddress(trace.proxyAddress)!.hostPort}`, useDefaultCredentials: credentials, bypassOnLocal: false, bypassList: [], source: 'machine.config as the wizard read it' };
  }
  return input;
}
