// The analyze pipeline: paths -> evidence -> diagnosis -> report -> rendered text.
// Shared by `analyze` and by `run` (which analyses the bundle it just collected).
import { collectEvidence, type CollectOptions } from './evidence/collect-evidence.js';
import { diagnose } from './rules/engine.js';
import { buildReport } from './report/build.js';
import { renderReport } from './report/render.js';
import { renderVerdictLine } from './report/text.js';
import { createRedactor } from './redact/index.js';
import type { OutputOptions } from './cli/options.js';
import type { Report } from './model/report.js';

export async function analyzePaths(
  paths: string[],
  out: OutputOptions,
  opts: { onProgress?: CollectOptions['onProgress']; redactIdentities?: boolean } = {},
): Promise<{ report: Report; text: string }> {
  const evidence = await collectEvidence(paths, opts.onProgress ? { onProgress: opts.onProgress } : {});
  const diagnosis = diagnose(evidence);
  // Secrets never reach a report, whatever the input (a proxy URL with a password, a pasted
  // Proxy-Authorization header): the report is redacted before any format is rendered from it.
  // Identities are kept unless asked for: this output goes to whoever ran the tool, and its fixes
  // must name the real proxy. (run's bundle zip tokenises them by default: src/bundle.)
  const report = createRedactor({ identities: opts.redactIdentities === true }).json(buildReport(diagnosis, evidence));
  const text = out.quiet && out.format === 'text' ? renderVerdictLine(report, { color: out.color }) : renderReport(report, out.format, { color: out.color });
  return { report, text };
}
