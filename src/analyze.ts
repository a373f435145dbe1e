// The analyze pipeline: paths -> evidence -> diagnosis -> report -> rendered text.
// Shared by `analyze` and by `run` (which analyses the bundle it just collected).
import { collectEvidence, type CollectOptions } from './evidence/collect-evidence.js';
import { diagnose } from './rules/engine.js';
import { buildReport } from './report/build.js';
import { renderReport } from './report/render.js';
import type { OutputOptions } from './cli/options.js';
import type { Report } from './report/types.js';

export async function analyzePaths(
  paths: string[],
  out: OutputOptions,
  opts: { onProgress?: CollectOptions['onProgress'] } = {},
): Promise<{ report: Report; text: string }> {
  const evidence = await collectEvidence(paths, opts.onProgress ? { onProgress: opts.onProgress } : {});
  const diagnosis = diagnose(evidence);
  const report = buildReport(diagnosis, evidence);
  const text = renderReport(report, out.format, { color: out.color });
  return { report, text };
}
