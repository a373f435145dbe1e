// `analyze <path...>`: diagnose evidence offline, on any OS.
import type { Command } from 'commander';
import { addOutputOptions } from './main.js';
import { resolveOutputOptions } from './options.js';
import { EXIT } from './errors.js';
import { writeOut } from './io.js';

export function registerAnalyze(program: Command): void {
  const cmd = program
    .command('analyze')
    .description('diagnose evidence offline: a bundle (folder or .zip), event exports, trace logs, configs, pasted text')
    .argument('<path...>', 'files, folders or zips; "-" reads pasted text from standard input');
  addOutputOptions(cmd);
  cmd.action(async (paths: string[], opts: Record<string, unknown>) => {
    const out = resolveOutputOptions(opts);
    const { analyzePaths } = await import('../analyze.js');
    const { report, text } = await analyzePaths(paths, out);
    await writeOut(text);
    process.exitCode = report.findings.some((f) => f.severity === 'error') ? EXIT.errorFindings : EXIT.ok;
  });
}
