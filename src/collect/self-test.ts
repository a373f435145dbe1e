// `self-test`: runs ps/Test-AADSyncDiagnose.ps1 (the collector's read-only parts) and reports each check.
import { execa } from 'execa';
import { selfTestScript } from './powershell.js';
import { killTree } from './collector.js';

export interface SelfTestCheck {
  name: string;
  /** skipped: not tried (the detail says why and how to try it). */
  status: 'ok' | 'absent' | 'skipped' | 'failed';
  detail: string | null;
}

export interface SelfTestResult {
  checks: SelfTestCheck[];
  exitCode: number | null;
  stderr: string;
}

export async function runSelfTest(o: {
  powershell: string;
  simulationPath?: string;
  timeoutMs?: number;
  /** Register and remove one disabled scheduled task with the service account (self-test --as-service). */
  tryTaskPrincipal?: boolean;
  /** tests only: another script in place of ps/Test-AADSyncDiagnose.ps1 */
  script?: string;
}): Promise<SelfTestResult> {
  const args = ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', o.script ?? selfTestScript()];
  if (o.simulationPath) args.push('-SimulationPath', o.simulationPath);
  if (o.tryTaskPrincipal) args.push('-TryTaskPrincipal');
  // Own process group + killTree: a .NET-tool pwsh is a launcher with the real pwsh as its child.
  const child = execa(o.powershell, args, { reject: false, windowsHide: true, detached: process.platform !== 'win32', stdin: 'ignore', encoding: 'utf8' });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killTree(child.pid);
  }, o.timeoutMs ?? 300_000);
  const r = await child;
  clearTimeout(timer);
  const checks: SelfTestCheck[] = [];
  for (const line of String(r.stdout ?? '').split(/\r?\n/)) {
    if (!line.startsWith('##aadsync ')) continue;
    try {
      const e = JSON.parse(line.slice('##aadsync '.length)) as Record<string, unknown>;
      if (e.event !== 'check' || typeof e.name !== 'string') continue;
      const status = e.status === 'ok' || e.status === 'absent' || e.status === 'skipped' ? e.status : 'failed';
      checks.push({ name: e.name, status, detail: typeof e.detail === 'string' ? e.detail : null });
    } catch {
      // not ours
    }
  }
  if (r.failed && r.exitCode === undefined && !timedOut) {
    const code = (r as { code?: string }).code;
    throw new Error(`cannot start PowerShell '${o.powershell}': ${code ?? r.shortMessage}`);
  }
  if (timedOut) checks.push({ name: 'self-test', status: 'failed', detail: 'did not finish in time' });
  return { checks, exitCode: r.exitCode ?? null, stderr: String(r.stderr ?? '').trim() };
}
