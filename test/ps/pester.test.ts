// Runs the Pester suites (test/ps/*.Tests.ps1) under pwsh and fails on any failed Pester test.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pesterPath, repoRoot, requirePwsh, shouldRun } from './pwsh.js';

describe.runIf(shouldRun('Pester tests of ps/', true))('Pester: ps/AADSyncDiagnose.psm1', () => {
  it('passes every Pester test', () => {
    const pwsh = requirePwsh(true);
    const out = mkdtempSync(join(tmpdir(), 'pester-'));
    const resultFile = join(out, 'result.xml');
    // Paths travel as arguments ($args), not inside the command text.
    const script = [
      'param($pester, $tests, $result)',
      'Import-Module $pester',
      '$c = New-PesterConfiguration',
      '$c.Run.Path = $tests',
      '$c.Run.Exit = $true',
      '$c.Output.Verbosity = "Normal"',
      '$c.TestResult.Enabled = $true',
      '$c.TestResult.OutputFormat = "NUnitXml"',
      '$c.TestResult.OutputPath = $result',
      'Invoke-Pester -Configuration $c',
    ].join('\n');
    const scriptFile = join(out, 'run-pester.ps1');
    writeFileSync(scriptFile, script, 'utf8');
    const r = spawnSync(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', scriptFile, pesterPath, join(repoRoot, 'test', 'ps'), resultFile], {
      encoding: 'utf8',
      timeout: 600_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    try {
      const xml = readFileSync(resultFile, 'utf8');
      const total = Number(/total="(\d+)"/.exec(xml)?.[1] ?? 0);
      const failures = Number(/failures="(\d+)"/.exec(xml)?.[1] ?? -1);
      const failed = [...xml.matchAll(/<test-case[^>]*name="([^"]*)"[^>]*result="Failure"/g)].map((m) => m[1]);
      expect(failed, `${r.stdout}\n${r.stderr}`).toEqual([]);
      expect(failures).toBe(0);
      expect(total).toBeGreaterThanOrEqual(25);
      expect(r.status).toBe(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 600_000);
});
