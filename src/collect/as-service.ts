// `run --as-service`: the live probes again, as the ADSync service account (Windows only).
// Starts ps/Invoke-AADSyncProbesAsService.ps1, which runs ps/Invoke-AADSyncProbes.ps1 through a one-shot
// scheduled task under that account and removes the task afterwards. Everything is passed as -File
// parameters (data), never as code. This module interprets nothing: it reports the step's status.
import { execa } from 'execa';
import { join } from 'node:path';
import { psDir } from './powershell.js';

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
}

export interface AsServiceOutcome {
  /** The manifest step `probes-as-service`. */
  status: 'ok' | 'failed' | 'skipped' | 'timeout';
  error: string | null;
  durationMs: number;
  file?: string;
}

export function defaultPsDir(): string {
  // The package's ps/ (beside the exe in the single executable): one definition, in powershell.ts.
  return psDir();
}

/** The command line, as an argument vector (no shell, no string building). Exported for tests. */
export function asServiceCommand(o: AsServiceOptions): { file: string; args: string[] } {
  const dir = o.psDir ?? defaultPsDir();
  const args = [
    '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass',
    '-File', join(dir, 'Invoke-AADSyncProbesAsService.ps1'),
    '-ProbeScript', join(dir, 'Invoke-AADSyncProbes.ps1'),
    '-OutDir', o.outDir,
    '-ServiceAccount', o.serviceAccount,
    '-TimeoutSeconds', String(Math.max(10, Math.min(3600, Math.round(o.timeoutMs / 1000)))),
  ];
  if (o.proxyJson) args.push('-ProxyJson', o.proxyJson);
  return { file: o.powershell, args };
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
  const { file, args } = asServiceCommand(o);
  try {
    // The PS side bounds its own wait; this outer bound covers PowerShell itself hanging.
    const r = await execa(file, args, { timeout: o.timeoutMs + 60_000, reject: false, windowsHide: true, stdin: 'ignore' });
    const durationMs = Date.now() - started;
    if (r.timedOut) return { status: 'timeout', error: 'powershell did not return', durationMs };
    const line = String(r.stdout).trim().split(/\r?\n/).filter((l) => l.startsWith('{')).pop();
    if (!line) return { status: 'failed', error: (String(r.stderr).trim().split(/\r?\n/)[0] ?? '') || `exit code ${r.exitCode}`, durationMs };
    const out = JSON.parse(line) as { status?: string; error?: string | null; file?: string | null };
    const status = out.status === 'ok' || out.status === 'skipped' || out.status === 'timeout' ? out.status : 'failed';
    return { status, error: out.error ?? null, durationMs, ...(out.file ? { file: out.file } : {}) };
  } catch (e) {
    return { status: 'failed', error: (e as Error).message.split('\n')[0] ?? 'failed', durationMs: Date.now() - started };
  }
}
