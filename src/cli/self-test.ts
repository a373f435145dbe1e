// `self-test`: the PowerShell layer's read-only checks against the real powershell.exe on this server.
// With --powershell <pwsh> --simulate <scenario> it runs anywhere (for its own tests and for trying it).
import type { Command } from 'commander';
import { EXIT, UsageError } from '../model/errors.js';
import { writeOut } from './io.js';

export function registerSelfTest(program: Command): void {
  program
    .command('self-test')
    .description("Windows: run the PowerShell layer's read-only checks against the real powershell.exe")
    .option('--powershell <path>', 'the PowerShell to test (default: Windows PowerShell 5.1)')
    .option('--simulate <scenario>', 'answer every read from a simulated server (needs --powershell <pwsh> off Windows)')
    .option('--as-service', 'also register and remove one disabled scheduled task with the ADSync service account (what run --as-service needs)')
    .option('--json', 'print the checks as JSON')
    .action(async (opts: { powershell?: string; simulate?: string; json?: boolean; asService?: boolean }) => {
      const { findPwsh, scenarioDir, SCENARIOS, windowsPowerShell } = await import('../collect/powershell.js');
      let simulationPath: string | undefined;
      if (opts.simulate !== undefined) {
        const dir = scenarioDir(opts.simulate);
        if (!dir) throw new UsageError(`--simulate: unknown scenario '${opts.simulate}' (one of ${SCENARIOS.join(', ')})`);
        simulationPath = dir;
      } else if (process.platform !== 'win32') {
        throw new UsageError('self-test needs Windows (Windows PowerShell 5.1 on the Azure AD Connect server); elsewhere try: self-test --simulate healthy');
      }
      const powershell = opts.powershell ?? (simulationPath ? findPwsh() : windowsPowerShell());
      if (!powershell) throw new UsageError('--simulate needs PowerShell 7 (pwsh): pass --powershell <path to pwsh>');
      const { runSelfTest } = await import('../collect/self-test.js');
      let r;
      try {
        r = await runSelfTest({ powershell, ...(simulationPath ? { simulationPath } : {}), ...(opts.asService ? { tryTaskPrincipal: true } : {}) });
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      if (r.checks.length === 0) throw new UsageError(`the self-test script printed nothing (exit code ${r.exitCode}): ${r.stderr.split('\n')[0] ?? ''}`);
      if (opts.json) {
        await writeOut(JSON.stringify({ powershell, simulated: simulationPath !== undefined, checks: r.checks }, null, 2) + '\n');
      } else {
        const w = Math.max(...r.checks.map((c) => c.name.length));
        const mark = { ok: 'ok     ', absent: 'absent ', skipped: 'skipped', failed: 'FAILED ' } as const;
        const lines = r.checks.map((c) => `${mark[c.status]}  ${c.name.padEnd(w)}  ${c.detail ?? ''}`.trimEnd());
        await writeOut(`self-test of the PowerShell layer with ${powershell}${simulationPath ? ` (simulated: ${opts.simulate})` : ''}\n${lines.join('\n')}\n`);
      }
      process.exitCode = r.checks.some((c) => c.status === 'failed') ? EXIT.errorFindings : EXIT.ok;
    });
}
