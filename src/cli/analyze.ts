// `analyze <path...>`: diagnose evidence offline, on any OS.
import type { Command } from 'commander';
import { addOutputOptions, parseJobs, resolveOutputOptions } from './options.js';
import { EXIT } from '../model/errors.js';
import { writeOut } from './io.js';
import { recap } from './recap.js';
import { createProgress } from './progress.js';

export const ANALYZE_FORMATS = ['text', 'markdown', 'json', 'html', 'jsonl', 'csv'] as const;

export function registerAnalyze(program: Command): void {
  const cmd = program
    .command('analyze')
    .description('diagnose evidence offline: a bundle (folder or .zip), event exports, trace logs, configs, pasted text; several servers get one diagnosis each')
    .argument('<path...>', 'files, folders or zips; "-" reads pasted text from standard input');
  addOutputOptions(cmd, 'text, markdown, json, html, jsonl (one report a line) or csv (the summary of the servers) (default: text)');
  cmd.option('--redact', 'also replace identities (users, tenant, domains, hosts, LAN addresses) by tokens, for a public ticket; secrets are always removed');
  cmd.option('--summary-only', 'several servers: only the summary table (one row a server)');
  cmd.option('--jobs <n>', 'worker threads for several servers (default: the number of cores)');
  cmd.action(async (paths: string[], opts: Record<string, unknown>) => {
    const out = resolveOutputOptions<(typeof ANALYZE_FORMATS)[number]>(opts, process.stdout, process.env, ANALYZE_FORMATS);
    const jobs = parseJobs(opts.jobs);
    const { analyzeInputs } = await import('../fleet/run.js');
    // Progress on stderr, only on a terminal and not with -q (progress.ts). The delay is a knob for tests.
    const afterMs = Number(process.env.AADSYNC_DIAGNOSE_PROGRESS_AFTER_MS);
    const progress = createProgress({ quiet: out.quiet, ...(Number.isFinite(afterMs) && process.env.AADSYNC_DIAGNOSE_PROGRESS_AFTER_MS ? { afterMs } : {}) });
    let result: Awaited<ReturnType<typeof analyzeInputs>>;
    try {
      result = await analyzeInputs(paths, {
        ...out,
        summaryOnly: opts.summaryOnly === true,
        jobs: jobs ?? (await import('../parallel/pool.js')).defaultJobs(),
        redactIdentities: opts.redact === true,
        onProgress: (p) => progress.update(p),
        onServers: (done, total) => progress.servers(done, total),
      });
    } finally {
      progress.done();
    }
    // One server on a terminal: a long report ends with the verdict and the next step again (issue 15 D2).
    const tail = result.reports.length === 1 ? recap(result.reports[0]!, out, { text: result.text }) : '';
    await writeOut(result.text + tail);
    // Several servers: the worst server's code.
    process.exitCode = result.exitCode === 1 ? EXIT.errorFindings : EXIT.ok;
  });
}
