// The analyze pipeline: paths -> evidence -> diagnosis -> report -> rendered text.
// Shared by `analyze` and by `run` (which analyses the bundle it just collected).
import { collectEvidence, type CollectOptions } from './evidence/collect-evidence.js';
import { diagnose } from './rules/engine.js';
import { buildReport } from './report/build.js';
import { renderReport } from './report/render.js';
import { renderVerdictLine } from './report/text.js';
import { createRedactor } from './redact/index.js';
import { redactReport } from './redact/report.js';
import { ownWords } from './report/own-words.js';
import type { OutputOptions } from './cli/options.js';
import type { Report } from './model/report.js';
import type { EvidenceSet } from './evidence/types.js';

export async function analyzePaths(
  paths: string[],
  out: OutputOptions,
  opts: { onProgress?: CollectOptions['onProgress']; redactIdentities?: boolean } = {},
): Promise<{ report: Report; text: string }> {
  const evidence = await collectEvidence(paths, opts.onProgress ? { onProgress: opts.onProgress } : {});
  const diagnosis = diagnose(evidence);
  // Secrets never reach a report, whatever the input (a proxy URL with a password, a pasted
  // Proxy-Authorization header): the report's evidence is redacted before any format is rendered from
  // it; the tool's own words are not (src/redact/report.ts). Identities are kept unless asked for:
  // this output goes to whoever ran the tool, and its fixes must name the real proxy. (run's bundle
  // zip tokenises them by default: src/bundle.)
  const report = redactReport(buildReport(diagnosis, evidence), createRedactor({ identities: opts.redactIdentities === true }), { ownWords: ownWords() });
  const text = out.quiet && out.format === 'text' ? renderVerdictLine(report, { color: out.color }) : renderReport(report, out.format, { color: out.color });
  return { report, text };
}

// ---- The same steps for the fleet view (src/fleet: one report per server, issue 14). ----

/** Evidence -> diagnosis -> report, redacted as analyzePaths does it. */
export function reportOf(evidence: EvidenceSet, opts: { redactIdentities?: boolean } = {}): Report {
  return redactReport(buildReport(diagnose(evidence), evidence), createRedactor({ identities: opts.redactIdentities === true }), { ownWords: ownWords() });
}

/**
 * `--redact` over several servers at once (src/fleet): one token map for all of them, so a host is the
 * same token in every report and in the summary. The servers' names are learned first (a short name is
 * a token wherever it appears); `text` redacts the fleet's own strings (names, paths, reasons).
 */
export function redactIdentitiesOfAll(reports: Report[], hosts: string[]): { reports: Report[]; text(s: string): string } {
  const r = createRedactor({ identities: true });
  r.learnIdentities({ hosts });
  const own = ownWords();
  return { reports: reports.map((rep) => redactReport(rep, r, { ownWords: own })), text: (s) => r.text(s) };
}

/** One report in the format asked for (-q: the verdict line), as analyzePaths renders it. */
export function renderOne(report: Report, out: OutputOptions): string {
  return out.quiet && out.format === 'text' ? renderVerdictLine(report, { color: out.color }) : renderReport(report, out.format, { color: out.color });
}
