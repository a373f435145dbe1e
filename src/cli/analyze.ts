// `analyze <path...>`: diagnose evidence offline, on any OS.
import type { Command } from 'commander';
import { addOutputOptions, resolveOutputOptions } from './options.js';
import { EXIT } from '../model/errors.js';
import { writeOut } from './io.js';
import { createProgress } from './progress.js';

export function registerAnalyze(program: Command): void {
  const cmd = program
    .command('analyze')
    .description('diagnose evidence offline: a bundle (folder or .zip), event exports, trace logs, configs, pasted text')
    .argument('<path...>', 'files, folders or zips; "-" reads pasted text from standard input');
  addOutputOptions(cmd);
  cmd.option('--redact', 'also replace identities (users, tenant, domains, hosts, LAN addresses) by tokens, for a public ticket; secrets are always removed');
  cmd.action(async (paths: string[], opts: Record<string, unknown>) => {
    const out = resolveOutputOptions(opts);
    const { analyzePaths } = await import('../analyze.js');
    // Progress on stderr, only on a terminal and not with -q (progress.ts). The delay is a knob for tests.
    const afterMs = Number(process.env.AADSYNC_DIAGNOSE_PROGRESS_AFTER_MS);
    const progress = createProgress({ quiet: out.quiet, ...(Number.isFinite(afterMs) && process.env.AADSYNC_DIAGNOSE_PROGRESS_AFTER_MS ? { afterMs } : {}) });
    let result: Awaited<ReturnType<typeof analyzePaths>>;
    try {
      result = await analyzePaths(paths, out, { onProgress: (p) => progress.update(p), redactIdentities: opts.redact === true });
    } finally {
      progress.done();
    }
    const { report, text } = result;
    await writeOut(text);
    process.exitCode = report.findings.some((f) => f.severity === 'error') ? EXIT.errorFindings : EXIT.ok;
  });
}
