// The one order of findings, used by the verdict and by every report. First the findings that may
// decide the verdict — firm ones, then low-confidence guesses — in the contract's verdict order; then
// the rest, most severe first. Ties: confidence, how many records, then stable keys. The verdict is the
// first decisive finding, so the report's first finding is always the one that decided it.
import type { Confidence, Finding, Severity } from '../model/report.js';
import type { Rule } from './types.js';
import { decisiveFindings, verdictWeight } from './verdict.js';

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const CONFIDENCE_RANK: Record<Confidence, number> = { high: 0, medium: 1, low: 2 };

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareFindings(a: Finding, b: Finding, decisive: ReadonlySet<Finding>): number {
  const tier = (f: Finding) => (decisive.has(f) ? (f.confidence === 'low' ? 1 : 0) : 2);
  const bySeverity = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  const byVerdict = verdictWeight(a) - verdictWeight(b);
  return (
    tier(a) - tier(b) ||
    (tier(a) < 2 ? byVerdict || bySeverity : bySeverity || byVerdict) ||
    CONFIDENCE_RANK[a.confidence] - CONFIDENCE_RANK[b.confidence] ||
    (b.count ?? 1) - (a.count ?? 1) ||
    cmp(a.code, b.code) ||
    cmp(a.firstTime ?? '', b.firstTime ?? '') ||
    cmp(a.title, b.title)
  );
}

export function rankFindings(findings: Finding[], decisive: ReadonlySet<Finding>): Finding[] {
  return [...findings].sort((a, b) => compareFindings(a, b, decisive));
}

/** The findings in the one order, deciding which may decide the verdict from the rules' own metadata. */
export function orderFindings(findings: Finding[], rules: ReadonlyMap<string, Rule>): { ordered: Finding[]; decisive: Set<Finding> } {
  const decisive = decisiveFindings(findings, rules);
  return { ordered: rankFindings(findings, decisive), decisive };
}
