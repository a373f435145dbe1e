// Runs every rule over the evidence, collapses repeats and picks the verdict. Names no finding code.
// Record rules claim record groups in the order of their bands (types.ts CLAIM_BANDS; each group yields
// at most one finding, so the proxy is never blamed for a record a not-network rule explained);
// evidence rules read configuration, sync state and probes. Matches of the same code merge into one
// finding; the findings are put in the one order (order.ts) the verdict and the reports share.
import { isFailureGroup } from '../evidence/group.js';
import type { EvidenceSet, MessageRecord, RecordGroup } from '../evidence/types.js';
import type { ActorId } from '../model/actors.js';
import type { Confidence, EvidenceQuote, Finding, ProxyPath, VerdictCode } from '../model/report.js';
import { actorOf, actorOfGroup, buildContext } from './context.js';
import { toFindingFacts } from '../facts/extract.js';
import { rules as registry } from './index.js';
import { orderFindings } from './order.js';
import { CLAIM_BANDS, FIX_COMMAND_STEP, type FixKind, type Rule, type RuleContext, type RuleMatch } from './types.js';
import { pickVerdict } from './verdict.js';

export interface Diagnosis {
  findings: Finding[];
  verdict: { code: VerdictCode; summary: string };
  proxyPaths: ProxyPath[];
}

const MAX_QUOTES = 5;
const MAX_FACTS = 6;
const CONFIDENCE_RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };
const BAND_RANK = new Map<string, number>(CLAIM_BANDS.map((b, i) => [b.band, i]));
const SYNC_PROVIDERS = /^(ADSync|Directory Synchronization|PasswordResetService|FIMSynchronizationService)$/i;

/** Run results that are not failures. */
const QUIET_RESULTS = /^(?:success|completed-no-objects|completed-warnings|in-progress|)$/i;

/**
 * Run-profile step errors become record groups so the record rules read them like events, unless the
 * evidence readers already turned that file into records.
 */
function stepErrorGroups(ev: EvidenceSet): RecordGroup[] {
  const out = new Map<string, RecordGroup>();
  for (const s of ev.sync) {
    if (ev.groups.some((g) => g.samples.some((r) => r.source === s.file))) continue;
    for (const r of s.runProfileResults) {
      // The run's connector and result go with each error (whether the connector is the Entra one decides
      // what a connection failure means); a failed run with no step detail is read from its result alone.
      const run = `Run profile '${r.runProfileName}' on connector '${r.connectorName}' ended with status ${r.result}.`;
      const errors = r.stepErrors.filter((t) => t.trim());
      const texts = errors.length ? errors.map((t) => `${run} ${t}`) : QUIET_RESULTS.test(r.result) ? [] : [run];
      for (const text of texts) {
        const rec: MessageRecord = { kind: 'text', source: s.file, location: `${r.connectorName} / ${r.runProfileName} (${r.result})`, text };
        const time = r.endDate ?? r.startDate;
        if (time) rec.time = time;
        const key = `step|${text.replace(/\s+/g, ' ').trim().slice(0, 500)}`;
        const g = out.get(key);
        if (g) {
          g.count++;
          if (time && (!g.firstTime || time < g.firstTime)) g.firstTime = time;
          if (time && (!g.lastTime || time > g.lastTime)) g.lastTime = time;
          if (g.samples.length < 3) g.samples.push(rec);
        } else {
          const ng: RecordGroup = { key, kind: 'text', count: 1, samples: [rec] };
          if (time) ng.firstTime = ng.lastTime = time;
          out.set(key, ng);
        }
      }
    }
  }
  return [...out.values()];
}

function isErrorGroup(g: RecordGroup): boolean {
  if (g.kind === 'event') return g.level !== undefined && g.level >= 1 && g.level <= 2 && SYNC_PROVIDERS.test(g.provider ?? '');
  if (g.kind === 'text') return g.samples.some((s) => /run-profile-results/i.test(s.source));
  return false;
}

interface Collected {
  rule: Rule;
  matches: RuleMatch[];
}

function minTime(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(b) < Date.parse(a) ? b : a;
}
function maxTime(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/** Up to MAX_QUOTES quotes, taking one from each match in turn so every group is represented. */
function mergeQuotes(matches: RuleMatch[]): EvidenceQuote[] {
  const out: EvidenceQuote[] = [];
  const seen = new Set<string>();
  const queues = matches.map((m) => [...m.evidence]);
  while (out.length < MAX_QUOTES && queues.some((q) => q.length)) {
    for (const q of queues) {
      const e = q.shift();
      if (!e) continue;
      const k = `${e.source}|${e.location}|${e.excerpt}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(e);
      if (out.length >= MAX_QUOTES) break;
    }
  }
  return out;
}

/** The steps of a finding `aadsync-diagnose fix` can answer end with the command. */
function withFixCommand(steps: string[], kind: FixKind | null | undefined): string[] {
  return kind ? [...steps, FIX_COMMAND_STEP] : steps;
}

function toFinding({ rule, matches }: Collected): Finding {
  const m = rule.meta;
  const best = [...matches].sort(
    (a, b) =>
      CONFIDENCE_RANK[b.confidence ?? 'medium'] - CONFIDENCE_RANK[a.confidence ?? 'medium'] ||
      (b.groups ?? []).reduce((s, g) => s + g.count, 0) - (a.groups ?? []).reduce((s, g) => s + g.count, 0),
  )[0]!;
  const groups = [...new Set(matches.flatMap((x) => x.groups ?? []))];
  const f: Finding = {
    code: m.code,
    severity: m.severity,
    route: m.route,
    confidence: best.confidence ?? 'medium',
    title: m.title,
    explanation: best.explanation ?? m.explanation,
    evidence: mergeQuotes(matches),
    fix: withFixCommand(best.fix ?? matches.find((x) => x.fix)?.fix ?? m.fix, best.fixedBy !== undefined ? best.fixedBy : m.fixedBy),
    references: m.references,
  };
  if (m.verdict) f.supports = m.verdict;
  // The same fact read from several record groups (repeats of one failure) is shown once.
  const shown = toFindingFacts([...new Set(matches.flatMap((x) => x.facts ?? []))]);
  const decidedFrom = shown.filter((x, i) => shown.findIndex((y) => JSON.stringify(y) === JSON.stringify(x)) === i).slice(0, MAX_FACTS);
  if (decidedFrom.length) f.facts = decidedFrom;
  let first: string | undefined;
  let last: string | undefined;
  if (groups.length) {
    f.count = groups.reduce((s, g) => s + g.count, 0);
    for (const g of groups) {
      first = minTime(first, g.firstTime ?? g.lastTime);
      last = maxTime(last, g.lastTime ?? g.firstTime);
    }
  } else {
    for (const e of f.evidence) {
      first = minTime(first, e.time);
      last = maxTime(last, e.time);
    }
  }
  if (first) f.firstTime = first;
  if (last) f.lastTime = last;
  return f;
}

function groupSource(g: RecordGroup): string {
  return g.samples[0]?.source ?? g.key;
}

/** See RuleMeta.fallback: a fallback's records from a source a decisive finding explains are left out. */
function dropExplainedFallbacks(collected: Map<string, Collected>): void {
  const explained = new Set<string>();
  for (const c of collected.values()) {
    if (!c.rule.meta.verdict) continue;
    for (const m of c.matches) for (const g of m.groups ?? []) explained.add(groupSource(g));
  }
  if (explained.size === 0) return;
  for (const [code, c] of collected) {
    if (!c.rule.meta.fallback) continue;
    c.matches = c.matches.filter((m) => !(m.groups ?? []).length || (m.groups ?? []).some((g) => !explained.has(groupSource(g))));
    for (const m of c.matches) if (m.groups) m.groups = m.groups.filter((g) => !explained.has(groupSource(g)));
    if (c.matches.length === 0) collected.delete(code);
  }
}

export function diagnoseWith(ev: EvidenceSet, rules: Rule[], ctx: RuleContext = buildContext(ev)): Diagnosis {
  const collected = new Map<string, Collected>();
  const add = (rule: Rule, match: RuleMatch) => {
    const c = collected.get(rule.meta.code) ?? { rule, matches: [] };
    c.matches.push(match);
    collected.set(rule.meta.code, c);
  };

  // Array.prototype.sort is stable: within a band, the registry's order decides.
  const recordRules = rules.filter((r) => r.matchGroup).sort((a, b) => band(a) - band(b));
  const unclaimedErrors: RecordGroup[] = [];
  // Facts are read from failure records only: informational events and trace lines are success or noise.
  for (const g of [...ev.groups.filter(isFailureGroup), ...stepErrorGroups(ev)]) {
    let claimed = false;
    for (const rule of recordRules) {
      const m = rule.matchGroup!(g, ctx, ev);
      if (!m) continue;
      add(rule, { ...m, groups: m.groups ?? [g] });
      claimed = true;
      break;
    }
    if (!claimed && isErrorGroup(g)) unclaimedErrors.push(g);
  }

  for (const rule of rules) {
    if (!rule.matchEvidence) continue;
    for (const m of rule.matchEvidence(ev, ctx)) if (m.evidence.length) add(rule, m);
  }

  dropExplainedFallbacks(collected);
  const actors = new Map<string, ActorId>();
  const byFinding = new Map<Collected, Finding>();
  for (const c of collected.values()) {
    byFinding.set(c, toFinding(c));
    const g = c.matches.flatMap((m) => m.groups ?? [])[0];
    if (g) actors.set(c.rule.meta.code, actorOfGroup(g).id);
    else if (c.rule.meta.configOnly) actors.set(c.rule.meta.code, 'sync-service');
  }
  const unordered = [...byFinding.values()];
  const ruleMap = new Map(rules.map((r) => [r.meta.code, r]));
  const { ordered: findings, decisive } = orderFindings(unordered, ruleMap);
  for (const f of findings) if (!actors.has(f.code)) actors.set(f.code, actorOfQuotes(f));
  return { findings, verdict: pickVerdict({ findings, decisive, rules: ruleMap, ev, ctx, unclaimedErrors, actors }), proxyPaths: ctx.proxy.paths };
}

function band(r: Rule): number {
  return r.band ? BAND_RANK.get(r.band)! : CLAIM_BANDS.length;
}

/** The process behind a finding that came from no record group: the sync service for run results, else whoever wrote the first quote. */
function actorOfQuotes(f: Finding): ActorId {
  const q = f.evidence.find((e) => e.kind === 'event' || e.kind === 'trace' || e.kind === 'text');
  if (!q) return f.evidence.some((e) => e.kind === 'sync') ? 'sync-service' : 'unknown';
  return actorOf({ kind: q.kind as 'event' | 'trace' | 'text', source: q.source, text: q.excerpt }).id;
}

export function diagnose(ev: EvidenceSet): Diagnosis {
  return diagnoseWith(ev, registry);
}
