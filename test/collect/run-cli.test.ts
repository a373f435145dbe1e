// `run` and `self-test` as a user calls them: option validation (exit 2, one line), hostile option
// values that must stay data (a canary file proves nothing ran), the non-Windows message, self-test.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { requirePwsh, shouldRun } from '../ps/pwsh.js';

describe('run without a server', () => {
  it.runIf(process.platform !== 'win32')('says it needs the Azure AD Connect server and points to analyze, exit 2', () => {
    const r = runCli(['run']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/needs the Azure AD Connect server.*analyze/);
    expect(r.stdout).toBe('');
  });
  it.runIf(process.platform !== 'win32')('self-test says it needs Windows, exit 2', () => {
    const r = runCli(['self-test']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs Windows/);
  });
});

describe('option validation (exit 2, one line, nothing written)', () => {
  const cases: [string, string[], RegExp][] = [
    ['--sync', ['--sync', 'delta; New-Item canary'], /--sync must be one of delta, initial, none/],
    ['--since', ['--since', '$(New-Item canary)'], /--since takes a duration/],
    ['--since with a backtick', ['--since', '24h`n'], /--since takes a duration/],
    ['--timeout', ['--timeout', "10m'; calc; '"], /--timeout takes a duration/],
    ['--timeout too short', ['--timeout', '10ms'], /--timeout: between 1s and 24h/],
    ['--simulate path', ['--simulate', '../../etc'], /unknown scenario/],
    ['--simulate unknown', ['--simulate', 'nope'], /unknown scenario 'nope'/],
    ['--format', ['--format', 'pdf'], /--format must be one of/],
    ['--out with a newline', ['--out', 'a\nb', '--simulate', 'healthy'], /--out: not a usable value/],
    ['--out with ..', ['--out', '../x', '--simulate', 'healthy'], /contains '\.\.'/],
  ];
  for (const [what, args, msg] of cases) {
    it(`rejects ${what}`, () => {
      const cwd = mkdtempSync(join(tmpdir(), 'runopt-'));
      const r = runCli(['run', ...args], { cwd });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(readdirSync(cwd)).toEqual([]);
    });
  }
});

describe.runIf(shouldRun('run/self-test --simulate CLI tests'))('hostile values stay data (real pwsh)', () => {
  it('an --out full of PowerShell metacharacters is a folder name, never code', () => {
    const pwsh = requirePwsh();
    const base = mkdtempSync(join(tmpdir(), 'inject-'));
    const canary = join(base, 'CANARY');
    // Relative canary paths (no '/': the value must stay one folder name); PowerShell runs in `base`.
    const evil = `out $(New-Item -ItemType File -Path 'CANARY1') ; New-Item -ItemType File -Path "CANARY2" \`; "q" 'q' & ${'`'}(x)`;
    const r = runCli(['run', '--simulate', 'healthy', '--sync', 'none', '--json', '--keep-raw', '--out', evil, '--powershell', pwsh], { cwd: base, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(`${canary}1`)).toBe(false);
    expect(existsSync(`${canary}2`)).toBe(false);
    const inside = readdirSync(join(base, evil));
    expect(inside.some((n) => n.startsWith('aadsync-diagnose-') && n.endsWith('.zip'))).toBe(true);
    const folder = inside.find((n) => n.startsWith('aadsync-diagnose-') && !n.endsWith('.zip'))!;
    expect(existsSync(join(base, evil, folder, 'manifest.json'))).toBe(true);
    expect(readdirSync(base).sort()).toEqual([evil]);
  }, 120_000);

  it('self-test --simulate healthy runs every read-only check, all ok', () => {
    const r = runCli(['self-test', '--simulate', 'healthy', '--powershell', requirePwsh(), '--json'], { timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.simulated).toBe(true);
    const byName = Object.fromEntries(out.checks.map((c: any) => [c.name, c]));
    for (const name of ['elevation', 'ADSync service (Win32_Service)', 'ADSync module', 'netsh winhttp show proxy', 'WinINET (current user)', 'Get-WinEvent (ADSync, last 24h)', 'wizard trace logs', 'stoppable worker runspace']) {
      expect(byName[name]?.status, name).toBe('ok');
    }
    expect(byName['netsh winhttp show proxy'].detail).toBe('Direct access (no proxy server).');
  }, 120_000);

  it('self-test --simulate module-missing reports the module and service as absent, not failed', () => {
    const r = runCli(['self-test', '--simulate', 'module-missing', '--powershell', requirePwsh(), '--json'], { timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    const byName = Object.fromEntries(JSON.parse(r.stdout).checks.map((c: any) => [c.name, c.status]));
    expect(byName['ADSync module']).toBe('absent');
    expect(byName['ADSync service (Win32_Service)']).toBe('absent');
  }, 120_000);
});
