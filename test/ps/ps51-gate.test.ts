// Every ps/ script must run on Windows PowerShell 5.1: the AST gate (test/ps/Test-PS51Compat.ps1) finds
// PS7-only syntax, cmdlets and parameters, Get-WinEvent | Where-Object, and non-ASCII files without BOM.
// A planted violation of each kind proves the gate can fail.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, requirePwsh, shouldRun } from './pwsh.js';

const gate = join(repoRoot, 'test', 'ps', 'Test-PS51Compat.ps1');

function runGate(...paths: string[]) {
  const r = spawnSync(requirePwsh(), ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', gate, ...paths], { encoding: 'utf8', timeout: 150_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe.runIf(shouldRun('PowerShell 5.1 gate'))('PowerShell 5.1 compatibility gate', () => {
  it('passes every script and module under ps/', () => {
    const r = runGate(join(repoRoot, 'ps'));
    expect(r.out).toMatch(/checked (\d+) file/);
    expect(Number(/checked (\d+) file/.exec(r.out)![1])).toBeGreaterThanOrEqual(6);
    expect(r.out.split('\n').filter((l) => l.includes(': ')).join('\n')).toBe('');
    expect(r.code).toBe(0);
    // ps/ has 40+ files: parsing them all takes more than the default 30 s on a loaded 2-core machine.
  }, 180_000);

  const planted: [string, string, RegExp][] = [
    ['ternary', '$a = $true ? 1 : 2', /TernaryExpressionAst/],
    ['null-coalescing', '$a = $null ?? 1', /QuestionQuestion/],
    ['pipeline chain', 'Get-Date && Get-Date', /PipelineChainAst|AndAnd/],
    ['null-conditional member', '$b = ${a}?.Length', /QuestionDot|NullConditional|MemberExpressionAst/],
    ['ForEach-Object -Parallel', '1..2 | ForEach-Object -Parallel { $_ }', /-Parallel/],
    ['ConvertFrom-Json -AsHashtable', "'{}' | ConvertFrom-Json -AsHashtable", /ConvertFrom-Json/],
    ['utf8NoBOM encoding', "Set-Content -Path x -Value 1 -Encoding utf8NoBOM", /-Encoding utf8NoBOM/],
    ['Join-String', "'a','b' | Join-String", /Join-String/],
    ['Get-WinEvent | Where-Object', "Get-WinEvent -LogName Application | Where-Object { $_.Id -eq 1 }", /piped into Where-Object/],
    ['background operator', 'Get-Date &', /PipelineAst/],
  ];
  for (const [what, code, expected] of planted) {
    it(`catches a planted ${what}`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'ps51-'));
      try {
        writeFileSync(join(dir, 'ok.ps1'), "$x = 1\r\nWrite-Output $x\r\n");
        writeFileSync(join(dir, 'bad.ps1'), `# planted\r\n${code}\r\n`);
        const r = runGate(dir);
        expect(r.code).toBe(1);
        expect(r.out).toMatch(expected);
        expect(r.out).toMatch(/bad\.ps1:2/);
        expect(r.out).not.toMatch(/ok\.ps1/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('catches non-ASCII without a BOM, and accepts it with a BOM', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ps51-'));
    try {
      writeFileSync(join(dir, 'nobom.ps1'), Buffer.from("Write-Output 'caf\u00e9'\r\n", 'utf8'));
      writeFileSync(join(dir, 'bom.ps1'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Write-Output 'caf\u00e9'\r\n", 'utf8')]));
      const r = runGate(dir);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/nobom\.ps1: non-ASCII byte/);
      expect(r.out).not.toMatch(/[^o]bom\.ps1: non-ASCII/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
