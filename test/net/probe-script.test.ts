// The probe scripts without a network: Windows PowerShell 5.1 compatibility (AST), ASCII, input validation
// (the JSON is data: a host name carrying code is refused), and the --as-service helper off Windows.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { asServiceCommand, probeAsService } from '../../src/collect/as-service.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const pwsh = join(repo, '.tools/pwsh/pwsh');
const scripts = ['ps/Invoke-AADSyncProbes.ps1', 'ps/Invoke-AADSyncProbesAsService.ps1'].map((s) => join(repo, s));
const work = mkdtempSync(join(tmpdir(), 'aadd-probe-script-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function pwshRun(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) => {
    execFile(pwsh, ['-NoProfile', '-NonInteractive', ...args], { timeout: 60_000, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      res({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

// The same gate as test/ps/Test-PS51Compat.ps1 (docs/DEVELOPING.md, Standards): syntax and cmdlets that Windows PowerShell 5.1 does not have.
const GATE = `
param([string[]]$Files)
$L = [System.Management.Automation.Language.Parser]
foreach ($f in $Files) {
  $tok = $null; $err = $null
  $ast = $L::ParseFile($f, [ref]$tok, [ref]$err)
  foreach ($e in $err) { "parse: $($e.Message)" }
  foreach ($t in $tok) { if ($t.Kind -in 'QuestionQuestion','QuestionQuestionEquals','QuestionDot','QuestionLBracket','AndAnd','OrOr','Clean') { "PS7 token $($t.Kind) line $($t.Extent.StartLineNumber)" } }
  $ast.FindAll({ param($n)
    $n -is [System.Management.Automation.Language.TernaryExpressionAst] -or
    $n -is [System.Management.Automation.Language.PipelineChainAst] -or
    ($n -is [System.Management.Automation.Language.PipelineAst] -and $n.Background) -or
    ($n -is [System.Management.Automation.Language.MemberExpressionAst] -and $n.NullConditional) }, $true) | ForEach-Object { "PS7 syntax $($_.GetType().Name) line $($_.Extent.StartLineNumber)" }
  $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true) | ForEach-Object {
    $name = $_.GetCommandName()
    $params = @($_.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] } | ForEach-Object ParameterName)
    if ($name -in 'Join-String','Get-Error','Test-Json','Start-ThreadJob','Get-Uptime','Remove-Service') { "PS7 cmdlet $name" }
    if ($name -in 'ForEach-Object','%' -and ($params -contains 'Parallel')) { 'ForEach-Object -Parallel' }
    if ($name -eq 'ConvertFrom-Json' -and ($params -match '^(AsHashtable|Depth|NoEnumerate)$')) { 'ConvertFrom-Json PS7 parameter' }
    if ($name -eq 'ConvertTo-Json' -and ($params -match '^(AsArray|EnumsAsStrings|EscapeHandling)$')) { 'ConvertTo-Json PS7 parameter' }
  }
}`;

describe.skipIf(!existsSync(pwsh))('probe scripts (no network)', () => {
  it('are ASCII and use nothing Windows PowerShell 5.1 lacks', async () => {
    for (const s of scripts) expect([...readFileSync(s)].every((b) => b < 128), s).toBe(true);
    const gate = join(work, 'gate.ps1');
    writeFileSync(gate, GATE);
    for (const s of scripts) {
      const r = await pwshRun(['-File', gate, '-Files', s]);
      expect(r.stderr, s).toBe('');
      expect(r.stdout.trim(), s).toBe('');
    }
  });

  it('refuses input that is not plain data, with exit code 2 and one clear line', async () => {
    const bad: [string, RegExp][] = [
      ['{ not json', /not valid JSON/],
      [JSON.stringify({ endpoints: [{ host: 'login.microsoftonline.com; Remove-Item C:\\ -Recurse' }] }), /not a host name/],
      [JSON.stringify({ endpoints: [{ host: '$(Write-Output pwned)' }] }), /not a host name/],
      [JSON.stringify({ loginHost: 'a b' }), /loginHost is not a host name/],
      [JSON.stringify({ realmUser: "x'; Write-Output 1; '" }), /realmUser must look like/],
      [JSON.stringify({ proxy: { address: 'socks5://p:1080' } }), /must be an http:\/\/ URI/],
      [JSON.stringify({ endpoints: [{ host: 'a.example', port: 70000 }] }), /port out of range/],
      [JSON.stringify({ endpoints: [{ host: 'a.example', port: 'abc' }] }), /port out of range/],
      [JSON.stringify({ timeoutMs: 'soon' }), /timeoutMs must be/],
    ];
    for (const [i, [text, re]] of bad.entries()) {
      const input = join(work, `bad-${i}.json`);
      writeFileSync(input, text);
      const r = await pwshRun(['-File', scripts[0]!, '-OutDir', join(work, `out-${i}`), '-As', 'admin', '-ProxyJson', input]);
      expect(r.code, text).toBe(2);
      expect(r.stderr, text).toMatch(re);
      expect(existsSync(join(work, `out-${i}`, 'probes-admin.json'))).toBe(false);
    }
    // Nine pwsh start-ups one after another: ~15 s on an idle 2-core machine, past 30 s under load. The
    // limit is there to catch a hang, not slowness (each run has its own 60 s kill above).
  }, 180_000);

  it('the --as-service helper says skipped where there is no Task Scheduler', async () => {
    const r = await pwshRun(['-File', scripts[1]!, '-ProbeScript', scripts[0]!, '-OutDir', join(work, 'svc'), '-ServiceAccount', 'NT SERVICE\\ADSync']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ status: 'skipped', error: expect.stringMatching(/ScheduledTasks/) });
  });
});

describe('--as-service from TypeScript', () => {
  it('is skipped off Windows, without starting anything', async () => {
    const r = await probeAsService({ powershell: 'powershell.exe', outDir: '/tmp/x', serviceAccount: 'NT SERVICE\\ADSync', timeoutMs: 60_000, platform: 'linux' });
    expect(r).toMatchObject({ status: 'skipped' });
  });
  it('passes everything as separate -File parameters', () => {
    const c = asServiceCommand({ powershell: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', outDir: 'C:\\b\\probes', serviceAccount: 'NT SERVICE\\ADSync', proxyJson: 'C:\\b\\in.json', timeoutMs: 120_000, psDir: 'C:\\tool\\ps' });
    expect(c.args).toContain('-File');
    expect(c.args[c.args.indexOf('-ServiceAccount') + 1]).toBe('NT SERVICE\\ADSync');
    expect(c.args[c.args.indexOf('-ProxyJson') + 1]).toBe('C:\\b\\in.json');
    expect(c.args[c.args.indexOf('-TimeoutSeconds') + 1]).toBe('120');
    expect(c.args).not.toContain('-Command');
  });
  it('refuses a path with a double quote (it would end up in the task command line)', async () => {
    const r = await probeAsService({ powershell: 'powershell.exe', outDir: 'C:\\a"b', serviceAccount: 'NT SERVICE\\ADSync', timeoutMs: 60_000, platform: 'win32' });
    expect(r).toMatchObject({ status: 'failed', error: expect.stringMatching(/double quote/) });
  });
});
