// The verdict (docs/report-contract.md "Verdicts"): the highest that applies, in this order —
// proxy-bypassed · proxy-rejected · proxy-unreachable · tls-failure · not-network · inconclusive · healthy —
// and one sentence a person can read that names the process and the proxy layer. The sentence is the
// deciding rule's own (Rule.verdictSentence); this file names no finding code.
import type { EvidenceSet, RecordGroup } from '../evidence/types.js';
import { isFailureGroup } from '../evidence/group.js';
import { factsOf, successOf } from '../facts/extract.js';
import { ACTORS, type ActorId } from '../model/actors.js';
import type { Finding, VerdictCode } from '../model/report.js';
import type { Rule, RuleContext } from './types.js';

export const VERDICT_ORDER: VerdictCode[] = ['proxy-bypassed', 'proxy-rejected', 'proxy-unreachable', 'tls-failure', 'not-network', 'inconclusive', 'healthy'];

/** Sort weight of a finding by the verdict it supports (lower = more important). */
export function verdictWeight(f: Finding): number {
  return VERDICT_ORDER.indexOf(f.supports ?? 'inconclusive');
}

/** " (35 times, 2026-11-24 to 2026-11-25)" for a finding that stands for repeats. */
export function timesWords(f: Finding): string {
  if (!f.count || f.count < 2) return '';
  const a = f.firstTime?.slice(0, 10);
  const b = f.lastTime?.slice(0, 10);
  const when = a && b ? (a === b ? ` on ${a}` : `, ${a} to ${b}`) : '';
  return ` (${f.count} times${when})`;
}

/**
 * Which findings may decide the verdict: an error (or a warning its rule says decides) that argues for
 * a verdict. A configuration-only finding decides unless every failure seen is a non-network one: then
 * the admin must not be sent to the proxy for a Conditional Access policy.
 */
export function decisiveFindings(findings: Finding[], rules: ReadonlyMap<string, Rule>): Set<Finding> {
  const meta = (f: Finding) => rules.get(f.code)?.meta;
  const observedFailures = findings.filter((f) => f.supports !== 'not-network' && f.evidence.some((e) => e.kind !== 'config'));
  const notNetwork = findings.filter((f) => f.supports === 'not-network');
  const out = new Set<Finding>();
  for (const f of findings) {
    const m = meta(f);
    if (!f.supports || !m) continue;
    if (f.severity !== 'error' && !m.decidesAsWarning) continue;
    if (m.configOnly && !(observedFailures.some((o) => !meta(o)?.configOnly) || notNetwork.length === 0)) continue;
    out.add(f);
  }
  return out;
}

/** Evidence of a working sync: successful run profiles or cycle, password sync heartbeats/batches (654/651). */
export function healthyEvidence(ev: EvidenceSet): string | undefined {
  for (const s of ev.sync) {
    const runs = s.runProfileResults;
    if (runs.length && runs.every((r) => /^success$/i.test(r.result))) return `${runs.length} run profile${runs.length > 1 ? 's' : ''} completed with success`;
    if (s.started && /success/i.test(s.result ?? '') && !runs.some((r) => !/^success$/i.test(r.result))) return 'the sync cycle completed with success';
  }
  const beats = ev.groups.filter((g) => (/Directory Synchronization/i.test(g.provider ?? '') && (g.eventId === 654 || g.eventId === 651)) || successOf(g).some((f) => f.codes.includes('sync:heartbeat')));
  if (beats.length) {
    const n = beats.reduce((a, g) => a + g.count, 0);
    return `${n} password hash sync heartbeat/batch event${n > 1 ? 's' : ''} (654/651) were logged`;
  }
  const reached = ev.groups.find((g) => successOf(g).some((f) => f.op === 'auth'));
  if (reached) return 'the wizard reached Entra ID ("Successfully retrieved company information")';
  // A request the proxy let through (its access log, a CONNECT answered 200): the path works.
  const through = ev.groups.find((g) => successOf(g).some((f) => f.op === 'tunnel'));
  if (through) {
    const f = successOf(through).find((x) => x.op === 'tunnel')!;
    return `the proxy${f.product ? ` (${f.product})` : ''} let the request through ("${f.seen[0]}")`;
  }
  // Any other success the sync service logged (password writeback's PasswordResetSuccess).
  const logged = ev.groups.map((g) => successOf(g).find((x) => x.op === 'sync')).find((x) => x !== undefined);
  if (logged) return `the sync service logged success ("${logged.seen[0]}")`;
  return undefined;
}

export interface VerdictInput {
  /** The findings in report order (rules/order.ts): the first decisive one decides. */
  findings: Finding[];
  decisive: ReadonlySet<Finding>;
  rules: ReadonlyMap<string, Rule>;
  ev: EvidenceSet;
  ctx: RuleContext;
  /** Error records no rule recognised. */
  unclaimedErrors: RecordGroup[];
  /** Which process each finding's records came from, when known. */
  actors: ReadonlyMap<string, ActorId>;
}

export function pickVerdict({ findings, decisive, rules, ev, ctx, unclaimedErrors, actors }: VerdictInput): { code: VerdictCode; summary: string } {
  const top = findings.find((f) => decisive.has(f));
  if (top?.supports) {
    const rule = rules.get(top.code)!;
    const actor = ACTORS[actors.get(top.code) ?? 'unknown'];
    const summary = rule.verdictSentence ? rule.verdictSentence({ finding: top, actor, ev, ctx, times: timesWords(top) }) : `${top.title}${timesWords(top)}.`;
    // A verdict resting on a guess must not read as firmly as one the evidence decides.
    if (top.confidence !== 'low') return { code: top.supports, summary };
    return {
      code: top.supports,
      summary: `${summary} (Low confidence: the evidence does not show the failing request's route directly; add machine.config and the Application event log, or run aadsync-diagnose run on the server, to confirm.)`,
    };
  }

  const errors = findings.filter((f) => f.severity === 'error' || rules.get(f.code)?.meta.fallback);
  if (errors.length || unclaimedErrors.length) {
    const what = errors.length
      ? `${errors[0]!.title}${timesWords(errors[0]!)}`
      : `${unclaimedErrors.reduce((a, g) => a + g.count, 0)} error record(s) that match no known signature (first: ${unclaimedErrors[0]!.provider ?? unclaimedErrors[0]!.samples[0]?.source ?? 'unknown source'}${unclaimedErrors[0]!.eventId !== undefined ? ` ${unclaimedErrors[0]!.eventId}` : ''})`;
    return { code: 'inconclusive', summary: `Errors were found, but none shows which way the traffic went: ${what}.${missingWords(ev)}` };
  }
  const healthy = healthyEvidence(ev);
  // "Healthy" needs the whole picture: when a collection step failed or hung, what is missing may be
  // exactly the failure (a sync cycle that never returned is not a working sync).
  const incomplete = ev.collection.filter((s) => s.status === 'failed' || s.status === 'timeout');
  if (healthy && incomplete.length) {
    const what = incomplete.map((s) => `${s.name} ${s.status === 'timeout' ? 'timed out' : 'failed'}`).join(', ');
    return {
      code: 'inconclusive',
      summary: `No errors were found in what was collected, but the collection is incomplete (${what}), so sync cannot be called healthy; run it again or collect that part by hand.`,
    };
  }
  if (healthy) {
    const notes = findings.filter((f) => f.severity === 'warning').map((f) => f.title);
    return { code: 'healthy', summary: `Sync works: ${healthy}, and no errors were found${notes.length ? ` (warning: ${notes[0]})` : ''}.` };
  }
  const info = findings.find((f) => f.severity !== 'error');
  if (info) return { code: 'inconclusive', summary: `No errors and no evidence of a working sync were found; ${info.title.charAt(0).toLowerCase()}${info.title.slice(1)}.${missingWords(ev)}` };
  const edge = ev.groups.filter(isFailureGroup).map((g) => factsOf(g).facts.find((f) => f.answeredBy === 'entra' && (f.kind === 'edge' || f.kind === 'page'))).find(Boolean);
  if (edge) {
    return { code: 'inconclusive', summary: `Microsoft's own service answered (${edge.product ?? 'its error page'}), so the request reached Microsoft through the network and the proxy; the page says nothing more than that the service was not available.${missingWords(ev)}` };
  }
  return { code: 'inconclusive', summary: `Nothing recognisable was found in what was read (${readWords(ev)}): no Azure AD Connect error, proxy configuration or sync result.${missingWords(ev)}` };
}

/** "3 files: 1,942 events, 12 trace records" — what was read, for an inconclusive verdict. */
function readWords(ev: EvidenceSet): string {
  const n = ev.inputs.length;
  const parts = [`${n} file${n === 1 ? '' : 's'}`];
  if (ev.counts.events) parts.push(`${ev.counts.events} event${ev.counts.events === 1 ? '' : 's'}`);
  if (ev.counts.traceRecords) parts.push(`${ev.counts.traceRecords} trace record${ev.counts.traceRecords === 1 ? '' : 's'}`);
  if (ev.counts.textRecords) parts.push(`${ev.counts.textRecords} text block${ev.counts.textRecords === 1 ? '' : 's'}`);
  return parts.join(', ');
}

/** What evidence would decide it, from what is missing. */
function missingWords(ev: EvidenceSet): string {
  const want: string[] = [];
  if (!ev.groups.some((g) => g.kind === 'event')) want.push('the Application event log of the server (Directory Synchronization and ADSync events)');
  if (!ev.dotNetProxy.length && !ev.traceProxy.length) want.push('machine.config (Framework64)');
  if (!ev.winInet.length && !ev.winHttp.length) want.push("the admin's Internet Options and `netsh winhttp show proxy`");
  if (!want.length) return '';
  return ` To decide, send ${want.join(', ')} — or run \`aadsync-diagnose run\` on the server, which collects them all.`;
}
