// Diagnosis + EvidenceSet -> the CONTRACT JSON report (src/model/report.ts), in a deterministic order:
// the same evidence always gives the same report, byte for byte, apart from `generatedAt`.
import type { EvidenceSet } from '../evidence/types.js';
import type { Diagnosis } from '../rules/engine.js';
import { rules } from '../rules/index.js';
import { orderFindings } from '../rules/order.js';
import type { Finding, Report, ReportServer, ReportSyncCycle } from '../model/report.js';
import { TOOL_VERSION } from '../version.js';
import { collectionProblems, isHttpUrl, parseTime, recordCount } from './present.js';
import { buildTimeline } from './timeline.js';

const RULES = new Map(rules.map((r) => [r.meta.code, r]));

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Evidence in time order (untimed quotes such as config excerpts keep their place, after the timed ones). */
function orderEvidence(f: Finding): Finding {
  const evidence = f.evidence
    .map((e, i) => ({ e, i, t: parseTime(e.time) }))
    .sort((x, y) => {
      if (x.t !== undefined && y.t !== undefined && x.t !== y.t) return x.t - y.t;
      if ((x.t === undefined) !== (y.t === undefined)) return x.t === undefined ? 1 : -1;
      return x.i - y.i;
    })
    .map((x) => x.e);
  // References are links in the Markdown and HTML reports: only http(s) URLs are kept.
  return { ...f, evidence, references: f.references.filter(isHttpUrl) };
}

function serverFacts(ev: EvidenceSet): ReportServer | undefined {
  if (ev.adsync.length === 0) return undefined;
  const s: ReportServer = {};
  for (const a of ev.adsync) {
    s.adsyncVersion ??= a.version;
    s.serviceAccount ??= a.serviceAccount;
    s.serviceStatus ??= a.serviceStatus;
    s.serviceStartTime ??= a.serviceStartTime;
    s.stagingMode ??= a.scheduler?.stagingModeEnabled;
    s.schedulerSuspended ??= a.scheduler?.schedulerSuspended;
    s.syncCycleEnabled ??= a.scheduler?.syncCycleEnabled;
  }
  return s;
}

function syncCycles(ev: EvidenceSet): ReportSyncCycle[] {
  return ev.sync.map((c) => ({
    started: c.started,
    skippedReason: c.skippedReason,
    policyType: c.policyType,
    result: c.result,
    runProfiles: c.runProfileResults.map((r) => ({
      connector: r.connectorName,
      runProfile: r.runProfileName,
      result: r.result,
      start: r.startDate,
      end: r.endDate,
      errors: [...r.stepErrors],
    })),
  }));
}

/**
 * A report lists at most this many inputs (issue 15 C4: a folder of 100 000 unrelated files made an
 * 11 MB report listing every one). The ones that were read as evidence or carry a note come first; the
 * rest are counted in `inputsOmitted`, and `summary.inputs` still counts them all.
 */
export const MAX_LISTED_INPUTS = 500;

const PLAIN_FORMATS = new Set(['text', 'binary', 'empty']);


function listedInputs(ev: EvidenceSet): EvidenceSet['inputs'] {
  const all = ev.inputs;
  if (all.length <= MAX_LISTED_INPUTS) return [...all].sort((a, b) => cmp(a.path, b.path));
  const telling = (i: EvidenceSet['inputs'][number]) => !PLAIN_FORMATS.has(i.format) || i.notes.length > 0;
  const chosen = [...all.filter(telling), ...all.filter((i) => !telling(i))].slice(0, MAX_LISTED_INPUTS);
  return chosen.sort((a, b) => cmp(a.path, b.path));
}

function omittedInputs(ev: EvidenceSet, listed: number): NonNullable<Report['inputsOmitted']> {
  const shown = new Set(listedInputs(ev));
  const formats: Record<string, number> = {};
  let bytes = 0;
  for (const i of ev.inputs) {
    if (shown.has(i)) continue;
    formats[i.format] = (formats[i.format] ?? 0) + 1;
    bytes += i.bytes;
  }
  return { count: ev.inputs.length - listed, bytes, formats };
}

/** ISO 8601 UTC to the second: "2026-11-25T10:00:00Z". */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function buildReport(d: Diagnosis, ev: EvidenceSet, now: Date = new Date()): Report {
  // The one order of rules/order.ts, the verdict's too: the finding that decided it comes first, and the
  // same findings give the same report whatever order they came in.
  const findings = orderFindings(d.findings, RULES).ordered.map(orderEvidence);
  const sync = syncCycles(ev);
  const report: Report = {
    schemaVersion: 1,
    tool: { name: 'aadsync-diagnose', version: TOOL_VERSION },
    generatedAt: isoSeconds(now),
    verdict: { code: d.verdict.code, summary: d.verdict.summary },
    findings,
    proxyPaths: d.proxyPaths,
    collection: { steps: ev.collection.map((s) => ({ name: s.name, status: s.status, durationMs: s.durationMs, error: s.error, ...(s.notes?.length ? { notes: [...s.notes] } : {}) })) },
    inputs: listedInputs(ev).map((i) => ({ path: i.path, format: i.format, bytes: i.bytes, notes: [...i.notes] })),
  };
  if (ev.inputs.length > MAX_LISTED_INPUTS) report.inputsOmitted = omittedInputs(ev, report.inputs!.length);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  report.summary = {
    errors: counts.error,
    warnings: counts.warning,
    infos: counts.info,
    records: findings.reduce((n, f) => n + recordCount(f), 0),
    events: ev.counts.events,
    traceRecords: ev.counts.traceRecords,
    textRecords: ev.counts.textRecords,
    inputs: ev.inputs.length,
    collectionProblems: collectionProblems(report),
  };
  const server = serverFacts(ev);
  if (server) report.server = server;
  if (sync.length) report.sync = sync;
  const timeline = buildTimeline(findings, sync);
  if (timeline) report.timeline = timeline;
  // Plain JSON data only: no undefined members, no shared references into the diagnosis.
  return JSON.parse(JSON.stringify(report)) as Report;
}
