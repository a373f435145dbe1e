// `fix`: options only; the work is in src/fix/run.ts (which fixes apply, the preview, the apply, the proof,
// the undo) and in the PowerShell functions it drives (ps/AADSyncDiagnose/Public/Invoke-AADSyncFix.ps1).
import type { Command } from 'commander';
import { addOutputOptions, parseDuration, resolveOutputOptions } from './options.js';
import { UsageError } from '../model/errors.js';
import { writeOut } from './io.js';

export function registerFix(program: Command): void {
  const cmd = program
    .command('fix')
    .description('on the Azure AD Connect server: apply the fix the diagnosis found (machine.config proxy, .NET TLS 1.2) - a preview unless --apply')
    .option('--apply', 'make the changes (elevated prompt only); without it, only the preview: each change as an exact diff')
    .option('--undo [journal]', 'take back the newest fix of --out (or this journal.json / fix folder) exactly; with --apply, restore, else preview')
    .option('--from <bundle>', 'decide from this bundle (folder or .zip, not redacted) instead of collecting now')
    .option('--proxy <host:port>', 'the proxy to write (default: the one the diagnosis names)')
    .option('--restart', 'restart ADSync afterwards, only when no sync cycle runs (it reads machine.config at start)')
    .option('--restart-timeout <duration>', 'how long --restart waits for a running sync cycle to end, e.g. 10m', '10m')
    .option('--out <dir>', 'folder for the bundles before and after, the journal (and a simulated server) (default: the current folder)')
    .option('--since <duration>', 'look-back of the diagnosis collected now, e.g. 24h, 3d', '24h')
    .option('--no-probe', 'no live network probes before and after (the proof then rests on the configuration alone)')
    .option('--as-service', 'after the change, also probe as the ADSync service account')
    .option('--plan-out <file>', 'also write the plan (JSON) for Invoke-AADSyncDiagnose.ps1 -Fix -FixPlan on a server without Node')
    .option('--powershell <path>', 'the PowerShell to use (default: Windows PowerShell 5.1; pwsh for --simulate)')
    .option('--simulate <scenario>', 'work on a simulated server (a copy of the scenario in --out): proxy-bypass, proxy-auth, healthy, ...');
  addOutputOptions(cmd, 'text or json (default: text)');
  cmd.action(async (opts: Record<string, unknown>) => {
    const output = resolveOutputOptions<'text' | 'json'>(opts, process.stdout, process.env, ['text', 'json']);
    const { normaliseProxyOption } = await import('../fix/plan.js');
    for (const k of ['out', 'powershell', 'simulate', 'from', 'planOut'] as const) {
      const v = opts[k];
      if (typeof v === 'string' && (v.length === 0 || /[\0\r\n]/.test(v))) throw new UsageError(`--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: not a usable value`);
    }
    let proxy: string | undefined;
    if (typeof opts.proxy === 'string') {
      proxy = normaliseProxyOption(opts.proxy) ?? undefined;
      if (!proxy) throw new UsageError(`--proxy takes host:port or http://host:port, no user or password (got '${opts.proxy}')`);
    }
    const undo = opts.undo === true ? true : typeof opts.undo === 'string' ? opts.undo : undefined;
    if (undo !== undefined && (opts.from !== undefined || proxy !== undefined || opts.planOut !== undefined)) {
      throw new UsageError('--undo takes back a fix from its journal: --from, --proxy and --plan-out do not go with it');
    }
    const restartTimeoutMs = parseDuration(String(opts.restartTimeout ?? '10m'), '--restart-timeout');
    if (restartTimeoutMs > 86_400_000) throw new UsageError(`--restart-timeout: at most 24h (got '${String(opts.restartTimeout)}')`);
    const sinceMs = parseDuration(String(opts.since ?? '24h'), '--since');
    if (sinceMs > 366 * 86_400_000) throw new UsageError(`--since: at most 366 days (got '${String(opts.since)}')`);
    const { runFix } = await import('../fix/run.js');
    const r = await runFix({
      apply: opts.apply === true,
      ...(undo !== undefined ? { undo } : {}),
      ...(typeof opts.from === 'string' ? { from: opts.from } : {}),
      ...(proxy ? { proxy } : {}),
      restart: opts.restart === true,
      restartTimeoutMs,
      ...(typeof opts.out === 'string' ? { out: opts.out } : {}),
      sinceMs,
      probe: opts.probe !== false,
      asService: opts.asService === true,
      ...(typeof opts.powershell === 'string' ? { powershell: opts.powershell } : {}),
      ...(typeof opts.simulate === 'string' ? { simulate: opts.simulate } : {}),
      ...(typeof opts.planOut === 'string' ? { planOut: opts.planOut } : {}),
      json: output.format === 'json',
      progress: process.stderr.isTTY === true && !output.quiet && output.format !== 'json',
    });
    // Secrets never reach the output (a diff's context lines could hold a connection string); the tool's
    // identities stay: this goes to whoever ran it, on the server.
    const { createRedactor } = await import('../redact/index.js');
    const redactor = createRedactor({ identities: false });
    if (output.format === 'json') await writeOut(redactor.text(JSON.stringify(r.json, null, 2)) + '\n');
    else if (output.quiet) await writeOut(redactor.text(quietLine(r.json)) + '\n');
    else await writeOut(redactor.text(r.text));
    process.exitCode = r.exitCode;
  });
}

/** -q: one line: what was done and how it ended. */
function quietLine(j: Record<string, unknown>): string {
  const status = (x: unknown) => (x && typeof x === 'object' ? String((x as { status?: unknown }).status ?? '') : '');
  const proof = j.proof as { expected?: { ok?: boolean } } | null;
  const parts = [`fix ${String(j.mode)}`];
  for (const k of ['preview', 'apply', 'undo'] as const) if (j[k]) parts.push(`${k}: ${status(j[k])}`);
  if (proof?.expected) parts.push(proof.expected.ok ? 'proof: as planned' : 'proof: NOT as planned');
  const undo = j.undo as { journalPath?: string } | null;
  const apply = j.apply as { journalPath?: string } | null;
  const journal = apply?.journalPath ?? undo?.journalPath;
  if (journal) parts.push(`journal: ${journal}`);
  return parts.join(' | ');
}
