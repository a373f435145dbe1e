// `run` on the Azure AD Connect server (or `--simulate <scenario>` anywhere): options only; the work is
// in src/collect/run.ts.
import type { Command } from 'commander';
import { addOutputOptions, parseDuration, resolveOutputOptions } from './options.js';
import { UsageError } from '../model/errors.js';
import { writeOut } from './io.js';
import { recap } from './recap.js';

const SYNC = ['delta', 'initial', 'none'] as const;

/** What run leaves in --out, which file is safe to attach, and what stays on the server. */
export function bundleLines(r: { zipPath: string | null; zipSha256: string | null; mapPath: string | null; bundleDir: string; rawKept: boolean }): string {
  const lines: string[] = [];
  if (r.zipPath) {
    const what = r.mapPath ? 'redacted: safe to attach to the ticket' : 'secrets removed, identities kept (--no-redact)';
    lines.push(`bundle: ${r.zipPath} (${what}; SHA-256 ${r.zipSha256})`);
  }
  if (r.mapPath) lines.push(`keep on this server, never attach: ${r.mapPath} (turns the tokens in the bundle back into names)`);
  if (r.rawKept) lines.push(`raw collector folder, NOT redacted, never attach: ${r.bundleDir}`);
  else lines.push('the raw collector folder (unredacted) was removed; --keep-raw keeps it');
  return lines.join('\n') + '\n';
}

export function registerRun(program: Command): void {
  const cmd = program
    .command('run')
    .description('on the Azure AD Connect server: collect, run a sync cycle, diagnose, write a support bundle')
    .option('--sync <type>', 'delta, initial or none (no cycle is started in staging mode or while one runs)', 'delta')
    .option('--since <duration>', 'look-back for events and trace logs, e.g. 24h, 3d', '24h')
    .option('--out <dir>', 'folder that receives the bundle folder and its .zip (default: the current folder)')
    .option('--timeout <duration>', 'time limit of each collection step, e.g. 10m', '10m')
    .option('--no-probe', 'do not run the live network probes')
    .option('--as-service', 'also probe as the ADSync service account')
    .option('--no-redact', 'keep identities in the zip (secrets are always removed)')
    .option('--keep-raw', 'keep the collector\'s raw folder (NOT redacted: never attach it) beside the zip; by default it is removed')
    .option('--powershell <path>', 'the PowerShell to use (default: Windows PowerShell 5.1; pwsh for --simulate)')
    .option('--simulate <scenario>', 'run the same collector against a simulated server (proxy-bypass, proxy-auth, healthy, staging-mode, sync-in-progress, module-missing, step-hang)');
  addOutputOptions(cmd);
  cmd.action(async (opts: Record<string, unknown>) => {
    const output = resolveOutputOptions(opts);
    const sync = String(opts.sync ?? 'delta').toLowerCase();
    if (!(SYNC as readonly string[]).includes(sync)) throw new UsageError(`--sync must be one of ${SYNC.join(', ')} (got '${String(opts.sync)}')`);
    const sinceMs = parseDuration(String(opts.since ?? '24h'), '--since');
    if (sinceMs > 366 * 86_400_000) throw new UsageError(`--since: at most 366 days (got '${String(opts.since)}')`);
    const stepTimeoutMs = parseDuration(String(opts.timeout ?? '10m'), '--timeout');
    if (stepTimeoutMs < 1000 || stepTimeoutMs > 86_400_000) throw new UsageError(`--timeout: between 1s and 24h (got '${String(opts.timeout)}')`);
    for (const k of ['out', 'powershell', 'simulate'] as const) {
      const v = opts[k];
      if (typeof v === 'string' && (v.length === 0 || /[\0\r\n]/.test(v))) throw new UsageError(`--${k}: not a usable value`);
    }
    const { runDiagnose } = await import('../collect/run.js');
    const progress = process.stderr.isTTY === true && !output.quiet && output.format !== 'json' && !opts.json;
    const r = await runDiagnose({
      sync: sync as (typeof SYNC)[number],
      sinceMs,
      stepTimeoutMs,
      ...(typeof opts.out === 'string' ? { out: opts.out } : {}),
      probe: opts.probe !== false,
      asService: opts.asService === true,
      redact: opts.redact !== false,
      keepRaw: opts.keepRaw === true,
      ...(typeof opts.powershell === 'string' ? { powershell: opts.powershell } : {}),
      ...(typeof opts.simulate === 'string' ? { simulate: opts.simulate } : {}),
      output,
      progress,
    });
    try {
      if (output.quiet && output.format === 'text') {
        // The quiet line says where the bundle is too (issue 15 D3).
        const where = r.zipPath ? ` | bundle: ${r.zipPath} sha256: ${r.zipSha256}` : '';
        await writeOut(`${r.report.verdict.code}: ${r.report.verdict.summary}${where}\n`);
      } else {
        await writeOut(r.text + recap(r.report, output, { bundle: r.zipPath, text: r.text }));
      }
    } finally {
      // Said even when stdout was lost: the bundle is on disk either way.
      if (!output.quiet && output.format !== 'json') process.stderr.write(bundleLines(r));
    }
    process.exitCode = r.exitCode;
  });
}
