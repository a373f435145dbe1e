// The fleet summary: one row a server (name, verdict, top finding, the proxy the sync service uses, sync
// version, evidence time span) and what was kept apart, built from the servers' reports. Pure.
import type { FleetReport, FleetRow, FleetSummary, ProxyPath, Report, VerdictCode } from '../model/report.js';
import { TOOL_VERSION } from '../version.js';

/** The contract's verdict order (docs/report-contract.md "Verdicts"): the first is the worst. */
export const VERDICT_ORDER: readonly VerdictCode[] = ['proxy-bypassed', 'proxy-rejected', 'proxy-unreachable', 'tls-failure', 'not-network', 'inconclusive', 'healthy'];

export function verdictRank(code: VerdictCode): number {
  const i = VERDICT_ORDER.indexOf(code);
  return i < 0 ? VERDICT_ORDER.length : i;
}

/** What a server's report says for the exit code: 1 when any finding is an error. */
export function exitCodeOf(report: Report): 0 | 1 {
  return report.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

/** The route the sync service (miiserver.exe) takes, in a few words. */
export function serviceProxy(paths: ProxyPath[]): string {
  const words = new Set<string>();
  for (const p of paths) {
    if (p.actor !== 'sync-service') continue;
    if (p.route === 'proxy') words.add(p.proxy ?? 'a proxy');
    else if (p.route === 'pac') words.add(p.pac ? `PAC ${p.pac}` : 'PAC');
    else if (p.route === 'bypassed') words.add(p.bypassRule ? `bypassed (${p.bypassRule})` : 'bypassed');
    else words.add(p.route);
  }
  return words.size === 0 ? 'unknown' : [...words].join('; ');
}

export function rowOf(report: Report): FleetRow {
  const top = report.findings[0];
  return {
    server: report.host?.name ?? 'unknown server',
    from: report.host?.sources[0] ?? '',
    identifiedBy: report.host?.identifiedBy ?? 'none',
    verdict: report.verdict.code,
    topFinding: top ? { code: top.code, severity: top.severity, title: top.title } : null,
    serviceProxy: serviceProxy(report.proxyPaths),
    syncVersion: report.server?.adsyncVersion ?? null,
    firstTime: report.host?.firstTime ?? null,
    lastTime: report.host?.lastTime ?? null,
    errors: report.findings.filter((f) => f.severity === 'error').length,
    warnings: report.findings.filter((f) => f.severity === 'warning').length,
  };
}

/** Worst verdict first, then by name: the servers to look at come first. */
export function orderServers(reports: Report[]): Report[] {
  return [...reports].sort((a, b) => {
    const d = verdictRank(a.verdict.code) - verdictRank(b.verdict.code);
    if (d !== 0) return d;
    const an = a.host?.name ?? '';
    const bn = b.host?.name ?? '';
    return an < bn ? -1 : an > bn ? 1 : 0;
  });
}

export function summarize(reports: Report[], keptApart: FleetSummary['keptApart'], unreadable: FleetSummary['unreadable']): FleetSummary {
  const ordered = orderServers(reports);
  const verdicts: FleetSummary['verdicts'] = {};
  for (const r of ordered) verdicts[r.verdict.code] = (verdicts[r.verdict.code] ?? 0) + 1;
  const worst = ordered[0]?.verdict.code ?? 'inconclusive';
  return {
    servers: ordered.length,
    worstVerdict: worst,
    exitCode: ordered.some((r) => exitCodeOf(r) === 1) ? 1 : 0,
    verdicts,
    rows: ordered.map(rowOf),
    keptApart,
    unreadable,
  };
}

export function fleetReport(reports: Report[], summary: FleetSummary, opts: { summaryOnly?: boolean; now?: Date } = {}): FleetReport {
  const doc: FleetReport = {
    schemaVersion: 1,
    tool: { name: 'aadsync-diagnose', version: TOOL_VERSION },
    generatedAt: (opts.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    summary,
  };
  if (!opts.summaryOnly) doc.servers = orderServers(reports);
  return doc;
}
