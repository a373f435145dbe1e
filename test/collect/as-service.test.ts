// --as-service cleanup does not depend on the PowerShell that registered the task (issue 13.4): when it
// has to be killed (execa's timeout ends powershell.exe before its finally), the driver runs the same
// script again with -Cleanup -TaskId, naming the task it chose itself.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asServiceCommand, cleanupCommand, probeAsService } from '../../src/collect/as-service.js';
import { requirePwsh, shouldRun } from '../ps/pwsh.js';

describe('--as-service command lines', () => {
  it('name the task id the driver chose, in the run and in the cleanup', () => {
    const o = { powershell: 'powershell.exe', outDir: 'C:\\b\\probes', serviceAccount: 'CONTOSO\\gmsa-adsync$', timeoutMs: 120_000, psDir: 'C:\\tool\\ps' };
    const run = asServiceCommand(o, '0123456789ab');
    expect(run.args[run.args.indexOf('-TaskId') + 1]).toBe('0123456789ab');
    const clean = cleanupCommand(o, '0123456789ab');
    expect(clean.args.slice(-3)).toEqual(['-Cleanup', '-TaskId', '0123456789ab']);
    expect(clean.args).not.toContain('-Command');
  });
});

describe.runIf(shouldRun('--as-service cleanup after a kill (pwsh)'))('--as-service after PowerShell was killed', () => {
  it('runs -Cleanup with the same task id, and says so in the step error', async () => {
    const pwsh = requirePwsh();
    const dir = mkdtempSync(join(tmpdir(), 'asvc-'));
    const log = join(dir, 'calls.log');
    // A stand-in for the script: the run never answers (like a powershell.exe stuck in Task Scheduler
    // calls); the cleanup records what it was asked to remove.
    writeFileSync(join(dir, 'Invoke-AADSyncProbesAsService.ps1'), [
      'param([string]$ProbeScript, [string]$OutDir, [string]$ServiceAccount, [string]$ProxyJson, [int]$TimeoutSeconds, [string]$TaskId, [switch]$Cleanup)',
      'if ($Cleanup) { Add-Content -LiteralPath $env:AADSYNC_TEST_LOG -Value "cleanup $TaskId"; \'{"status":"cleaned","removed":["task aadsync-diagnose-probe-\' + $TaskId + \'"],"error":null}\'; exit 0 }',
      'Add-Content -LiteralPath $env:AADSYNC_TEST_LOG -Value "run $TaskId"',
      'Start-Sleep -Seconds 120',
    ].join('\n'));
    process.env.AADSYNC_TEST_LOG = log;
    try {
      const r = await probeAsService({ powershell: pwsh, psDir: dir, outDir: join(dir, 'probes'), serviceAccount: 'NT SERVICE\\ADSync', timeoutMs: 1000, graceMs: 15_000, platform: 'win32', taskId: 'a1b2c3d4e5f6' });
      expect(r.status).toBe('timeout');
      expect(r.error).toMatch(/cleanup of task a1b2c3d4e5f6: removed task aadsync-diagnose-probe-a1b2c3d4e5f6/);
      expect(readFileSync(log, 'utf8').trim().split(/\r?\n/)).toEqual(['run a1b2c3d4e5f6', 'cleanup a1b2c3d4e5f6']);
    } finally {
      delete process.env.AADSYNC_TEST_LOG;
    }
  }, 60_000);
});
