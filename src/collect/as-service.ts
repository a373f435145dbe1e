// `run --as-service`: the live probes again, as the ADSync service account (Windows only).
// Starts ps/Invoke-AADSyncProbesAsService.ps1, which runs ps/Invoke-AADSyncProbes.ps1 through a one-shot
// scheduled task under that account and removes the task afterwards. Everything is passed as -File
// parameters (data), never as code. This module interprets nothing: it reports the step's status.
//
// Cleanup never depends on that PowerShell surviving (issue 13.4): this side chooses the task id, and
// when PowerShell has to be killed (it did not answer in time) or ended without its outcome line, a
// second, short PowerShell runs the same script with -Cleanup -TaskId: task, folder and ACE are removed.
import { execa } from 'execa';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { psDir } from './powershell.js';
import { killTree } from './collector.js';

export interface AsServiceOptions {
  /** powershell.exe (Windows PowerShell 5.1): `--powershell` or the System32 default. */
  powershell: string;
  /** The bundle's probes/ folder. */
  outDir: string;
  /** The service account (adsync.json service.account), e.g. `NT SERVICE\ADSync`. */
  serviceAccount: string;
  /** The same JSON input the admin probes got (proxy, endpoints). */
  proxyJson?: string;
  timeoutMs: number;
  /** Where ps/ is (defaults to the package's own ps/). */
  psDir?: string;
  platform?: NodeJS.Platform;
  /** How much longer than timeoutMs PowerShell itself may take before it is killed (default 60 s; tests). */
  graceMs?: number;
  /** 12 hex digits; default: a new random one. */
  taskId?: string;
}

export interface AsServiceOutcome {
  /** The manifest step `probes-as-service`. */
  status: 'ok' | 'failed' | 'skipped' | 'timeout';
  error: string | null;
  durationMs: number;
  file?: string;
  /** What the separate cleanup run removed (after a kill), or why it could not. */
  cleanup?: string;
}

/** 12 hex digits: the name of the task (aadsync-diagnose-probe-<id>) and of its folder (probe-<id>). */
export function newTaskId(): string {
  return randomBytes(6).toString('hex');
}

export function defaultPsDir(): string {
  // The package's ps/ (beside the exe in the single executable): one definition, in powershell.ts.
  return psDir();
}

/** The command line, as an argument vector (no shell, no string building). Exported for tests. */
export function asServiceCommand(o: AsServiceOptions, taskId: string = o.taskId ?? newTaskId()): { file: string; args: string[] } {
  const dir = o.psDir ?? defaultPsDir();
  const args = [
    '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass',
    '-File', join(dir, 'Invoke-AADSyncProbesAsService.ps1'),
    '-ProbeScript', join(dir, 'Invoke-AADSyncProbes.ps1'),
    '-OutDir', o.outDir,
    '-ServiceAccount', o.serviceAccount,
    '-TimeoutSeconds', String(Math.max(10, Math.min(3600, Math.round(o.timeoutMs / 1000)))),
    '-TaskId', taskId,
  ];
  if (o.proxyJson) args.push('-ProxyJson', o.proxyJson);
  return { file: o.powershell, args };
}

/** The cleanup run: the same script with -Cleanup -TaskId (nothing else). Exported for tests. */
export function cleanupCommand(o: AsServiceOptions, taskId: string): { file: string; args: string[] } {
  const dir = o.psDir ?? defaultPsDir();
  return {
    file: o.powershell,
    args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', join(dir, 'Invoke-AADSyncProbesAsService.ps1'), '-Cleanup', '-TaskId', taskId],
  };
}

/** Runs the cleanup and says in a few words what it removed (never throws). */
async function cleanupTask(o: AsServiceOptions, taskId: string): Promise<string> {
  const { file, args } = cleanupCommand(o, taskId);
  try {
    const r = await execa(file, args, { timeout: 120_000, reject: false, windowsHide: true, stdin: 'ignore' });
    const line = String(r.stdout).trim().split(/\r?\n/).filter((l) => l.startsWith('{')).pop();
    if (!line) return `cleanup of task ${taskId} printed nothing (exit code ${r.exitCode})`;
    const c = JSON.parse(line) as { removed?: string[]; error?: string | null };
    const removed = c.removed && c.removed.length > 0 ? `removed ${c.removed.join(', ')}` : 'nothing left to remove';
    return c.error ? `cleanup of task ${taskId}: ${removed}; ${c.error}` : `cleanup of task ${taskId}: ${removed}`;
  } catch (e) {
    return `cleanup of task ${taskId} failed: ${(e as Error).message.split('\n')[0]}`;
  }
}

export async function probeAsService(o: AsServiceOptions): Promise<AsServiceOutcome> {
  const started = Date.now();
  const platform = o.platform ?? process.platform;
  if (platform !== 'win32') {
    return { status: 'skipped', error: '--as-service needs Windows (a scheduled task under the service account)', durationMs: 0 };
  }
  // Paths end up inside a task's command line in double quotes: refuse a quote rather than escape it.
  for (const p of [o.outDir, o.proxyJson ?? '', o.psDir ?? '']) {
    if (p.includes('"')) return { status: 'failed', error: `a path contains a double quote: ${p}`, durationMs: 0 };
  }
  const taskId = o.taskId ?? newTaskId();
  if (!/^[0-9a-f]{12}$/.test(taskId)) return { status: 'failed', error: `bad task id: ${taskId}`, durationMs: 0 };
  const { file, args } = asServiceCommand(o, taskId);
  try {
    // The PS side bounds its own wait; this outer bound covers PowerShell itself hanging. A killed
    // PowerShell never reaches its finally: the cleanup runs separately.
    // Own process group + killTree (POSIX): a .NET-tool pwsh is a launcher with the real pwsh as its child.
    const child = execa(file, args, { reject: false, windowsHide: true, stdin: 'ignore', encoding: 'utf8', detached: process.platform !== 'win32' });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child.pid);
    }, o.timeoutMs + (o.graceMs ?? 60_000));
    const r = await child;
    clearTimeout(timer);
    const durationMs = Date.now() - started;
    if (timedOut) {
      const cleanup = await cleanupTask(o, taskId);
      return { status: 'timeout', error: `powershell did not return in time and was stopped; ${cleanup}`, durationMs, cleanup };
    }
    const line = String(r.stdout).trim().split(/\r?\n/).filter((l) => l.startsWith('{')).pop();
    if (!line) {
      const cleanup = await cleanupTask(o, taskId);
      const why = (String(r.stderr).trim().split(/\r?\n/)[0] ?? '') || `exit code ${r.exitCode}`;
      return { status: 'failed', error: `${why}; ${cleanup}`, durationMs, cleanup };
    }
    const out = JSON.parse(line) as { status?: string; error?: string | null; file?: string | null };
    const status = out.status === 'ok' || out.status === 'skipped' || out.status === 'timeout' ? out.status : 'failed';
    return { status, error: out.error ?? null, durationMs, ...(out.file ? { file: out.file } : {}) };
  } catch (e) {
    const cleanup = await cleanupTask(o, taskId);
    return { status: 'failed', error: `${(e as Error).message.split('\n')[0] ?? 'failed'}; ${cleanup}`, durationMs: Date.now() - started, cleanup };
  }
}
