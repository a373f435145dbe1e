// The proof of a fix: the diagnosis before and the one collected again after the change, compared per
// actor and endpoint (the route matrix of src/route, ungrouped), per live probe (run as the service would:
// through the proxy its configuration names), and per finding. Then the one question that matters:
// does the sync service now take the path the plan asked for? Pure: no I/O.
import type { ProbeResult } from '../evidence/types.js';
import type { Report } from '../model/report.js';
import { parseProxyAddress } from '../route/match.js';
import type { RouteDecision } from '../route/resolve.js';
import type { FixPlan } from './plan.js';

/** What the proof needs of one diagnosis. */
export interface Snapshot {
  report: Pick<Report, 'findings' | 'verdict'>;
  decisions: RouteDecision[];
  probes: ProbeResult[];
}

export interface RouteChange {
  actor: string;
  /** The endpoints (as the documentation writes them) that made this same change. */
  endpoints: string[];
  before: string;
  after: string;
}

export interface ProbeChange {
  as: string;
  endpoint: string;
  test: string;
  before: string | null;
  after: string | null;
}

export interface Proof {
  /** Actors whose route changed, grouped by change; the sync service is always listed. */
  routes: RouteChange[];
  probes: ProbeChange[];
  findings: { resolved: string[]; remaining: string[]; added: string[] };
  /** Whether the sync service now goes where the plan said, and the lines that say so or why not. */
  expected: { ok: boolean; lines: string[] };
  /** The running service still has the old setting: ADSync was not restarted since machine.config changed. */
  restartPending: boolean;
}

function routeWords(d: RouteDecision | undefined): string {
  if (!d) return 'unknown';
  switch (d.route) {
    case 'proxy':
      return `proxy ${d.proxy ?? '?'}`;
    case 'bypassed':
      return `direct (bypass rule ${d.bypassRule ?? '?'})`;
    case 'pac':
      return d.effective === 'proxy' && d.proxy ? `PAC -> proxy ${d.proxy}` : `PAC -> ${d.effective}`;
    default:
      return d.route;
  }
}

function probeWords(p: ProbeResult | undefined): string | null {
  if (!p) return null;
  const via = p.proxy ? ` via ${parseProxyAddress(p.proxy)?.hostPort ?? p.proxy}` : '';
  if (p.ok) return `ok${p.httpStatus ? ` (HTTP ${p.httpStatus})` : ''}${via}`;
  return `failed${p.errorClass ? ` (${p.errorClass})` : ''}${via}`;
}

const key = (d: RouteDecision) => `${d.actor}|${d.endpoint.pattern}`;

export function buildProof(before: Snapshot, after: Snapshot, plan: FixPlan | null): Proof {
  // Routes: every actor x endpoint, before -> after; same changes of one actor grouped.
  const was = new Map(before.decisions.map((d) => [key(d), d]));
  const groups = new Map<string, RouteChange>();
  for (const d of after.decisions) {
    const b = routeWords(was.get(key(d)));
    const a = routeWords(d);
    if (b === a && d.actor !== 'sync-service') continue;
    const k = `${d.actor}|${b}|${a}`;
    const g = groups.get(k) ?? { actor: d.actor, endpoints: [], before: b, after: a };
    g.endpoints.push(d.endpoint.pattern);
    groups.set(k, g);
  }
  const routes = [...groups.values()].sort((x, y) => (x.actor === 'sync-service' ? -1 : 0) - (y.actor === 'sync-service' ? -1 : 0));

  // Probes: the same test of the same endpoint by the same account, before -> after.
  const pkey = (p: ProbeResult) => `${p.as}|${p.endpoint}:${p.port}|${p.test}`;
  const pb = new Map(before.probes.map((p) => [pkey(p), p]));
  const pa = new Map(after.probes.map((p) => [pkey(p), p]));
  const probes: ProbeChange[] = [];
  for (const k of [...new Set([...pb.keys(), ...pa.keys()])]) {
    const b = pb.get(k);
    const a = pa.get(k);
    const p = (a ?? b)!;
    const bw = probeWords(b);
    const aw = probeWords(a);
    if (bw === aw) continue;
    probes.push({ as: p.as, endpoint: `${p.endpoint}:${p.port}`, test: p.test, before: bw, after: aw });
  }

  const bc = new Set(before.report.findings.map((f) => f.code));
  const ac = new Set(after.report.findings.map((f) => f.code));
  const findings = {
    resolved: [...bc].filter((c) => !ac.has(c)),
    remaining: [...bc].filter((c) => ac.has(c)),
    added: [...ac].filter((c) => !bc.has(c)),
  };
  const restartPending = ac.has('machine-config-restart-needed');

  // Expected: the sync service's HTTPS endpoints through the planned proxy; TLS 1.2 no longer missing.
  const lines: string[] = [];
  let ok = true;
  if (plan?.machineConfig) {
    const want = parseProxyAddress(plan.machineConfig.proxyAddress)?.hostPort ?? plan.machineConfig.proxyAddress;
    const svc = after.decisions.filter((d) => d.actor === 'sync-service' && d.endpoint.port === 443);
    const off = svc.filter((d) => !(d.effective === 'proxy' && d.proxy === want));
    if (svc.length === 0) {
      ok = false;
      lines.push('The collection after the change does not show what the sync service reads (machine.config was not read): the path cannot be confirmed.');
    } else if (off.length > 0) {
      ok = false;
      const how = [...new Set(off.map((d) => `${routeWords(d)} (${d.source})`))].slice(0, 3).join('; ');
      lines.push(`The sync service does NOT go through ${want} for ${off.map((d) => d.endpoint.pattern).slice(0, 4).join(', ')}${off.length > 4 ? ` +${off.length - 4} more` : ''}: ${how}.`);
    } else {
      lines.push(`The sync service now sends all ${svc.length} HTTPS endpoints through ${want}, as planned.`);
    }
    const failed = after.probes.filter((p) => p.test === 'https-proxy' && !p.ok);
    if (failed.length > 0 && off.length === 0) {
      lines.push(`The path is the planned one, but the proxy did not let every probe through (${[...new Set(failed.map((p) => `${p.endpoint}: ${p.errorClass ?? 'failed'}`))].slice(0, 3).join('; ')}): that is for the proxy's rules, not this file.`);
    }
  }
  if (plan?.tls12) {
    if (ac.has('tls12-not-enabled')) {
      ok = false;
      lines.push('The TLS 1.2 values are set (see the journal), but the diagnosis after the change still finds TLS 1.2 not enabled for .NET.');
    } else {
      lines.push('TLS 1.2 for .NET: the values are set in both registry views and the diagnosis after the change no longer finds it missing.');
    }
  }
  if (restartPending) {
    lines.push('ADSync has not restarted since machine.config changed: the running service still uses the old setting (it reads machine.config only when it starts). Restart it when no sync cycle runs: aadsync-diagnose fix --restart --apply, or Restart-Service ADSync.');
  }
  return { routes, probes, findings, expected: { ok, lines }, restartPending };
}
