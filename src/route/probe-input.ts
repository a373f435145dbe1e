// The JSON input of ps/Invoke-AADSyncProbes.ps1 (-ProxyJson), built from the evidence collected so far:
// the proxy the sync service would use, or — when it has none — the proxy people use, so that the probes
// show whether adding that proxy to machine.config would work ("direct fails, through the proxy works").
import type { EvidenceSet } from '../evidence/types.js';
import { probeEndpoints } from './endpoints.js';
import { buildProxyView } from './proxy-view.js';

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
  const view = buildProxyView(ev);
  const svc = view.service;
  const withProxy = svc.decisions.find((d) => d.proxy && (d.effective === 'proxy' || d.route === 'bypassed'));
  if (withProxy?.proxy) {
    input.proxy = { address: `http://${withProxy.proxy}`, useDefaultCredentials: svc.credentials, bypassOnLocal: svc.bypassOnLocal, bypassList: svc.bypassList, source: withProxy.source };
    return input;
  }
  // Candidate: the proxy people use (WinINET, else WinHTTP), probed without the service's bypass rules;
  // else what the wizard read from machine.config.
  if (view.people) {
    input.proxy = { address: `http://${view.people.address}`, useDefaultCredentials: svc.credentials, bypassOnLocal: false, bypassList: [], source: `candidate: ${view.people.who} (the service has no proxy)` };
    return input;
  }
  const trace = view.configured.find((p) => /trace log/.test(p.layer));
  if (trace) input.proxy = { address: `http://${trace.hostPort}`, useDefaultCredentials: svc.credentials, bypassOnLocal: false, bypassList: [], source: 'machine.config as the wizard read it' };
  return input;
}
