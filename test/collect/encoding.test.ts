// Issue 13.6: encodings on the wire. Under Windows PowerShell 5.1 a script's redirected stdout is
// bound to the console's OEM code page before the script runs, and setting [Console]::OutputEncoding
// then no longer reaches it (.NET Framework's Console.OutputEncoding setter only recreates Console.Out
// when stdout is NOT redirected: referencesource mscorlib/system/console.cs). Emulated here under pwsh:
// a wrapper binds stdout to code page 932 (Japanese) before it runs the real script, as 5.1 on a
// Japanese server would. The driver decodes UTF-8, so every JSON line must be pure ASCII: German
// and Japanese text has to arrive intact, and a cp932 trail byte 0x5C (the second byte of 'ソ' and
// '表') must not turn into a JSON backslash.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCollector, type ProgressEvent } from '../../src/collect/collector.js';
import { runSelfTest } from '../../src/collect/self-test.js';
import { repoRoot, requirePwsh, shouldRun } from '../ps/pwsh.js';

const JP_USER = 'KONTOSO\\山田ソフト表';
// netsh's Japanese wording is UNVERIFIED (no public capture; the shape follows the English text).
const JP_NETSH = '\r\n現在の WinHTTP プロキシ設定:\r\n\r\n    直接アクセス (プロキシ サーバーなし)。\r\n\r\n';

/** A wrapper that binds stdout to code page 932, then runs the script named in AADSYNC_TEST_TARGET with the same arguments. */
function cp932Wrapper(dir: string): string {
  const wrapper = join(dir, 'as-windows-powershell-932.ps1');
  writeFileSync(
    wrapper,
    [
      '$out = New-Object System.IO.StreamWriter ([Console]::OpenStandardOutput()), ([Text.Encoding]::GetEncoding(932))',
      '$out.AutoFlush = $true',
      '[Console]::SetOut($out)',
      '& $env:AADSYNC_TEST_TARGET @args',
      'exit $LASTEXITCODE',
    ].join('\r\n'),
  );
  return wrapper;
}

/** scenarios/healthy with a Japanese user name and Japanese netsh output. */
function japaneseScenario(dir: string): string {
  const scn = join(dir, 'scenario-ja');
  cpSync(join(repoRoot, 'scenarios', 'healthy'), scn, { recursive: true });
  const path = join(scn, 'scenario.json');
  const s = JSON.parse(readFileSync(path, 'utf8'));
  const sid = s.currentUser.sid;
  s.currentUser.name = JP_USER;
  s.accounts[JP_USER] = sid;
  writeFileSync(path, JSON.stringify(s, null, 2));
  writeFileSync(join(scn, 'netsh-winhttp.txt'), JP_NETSH);
  return scn;
}

describe.runIf(shouldRun('encoding tests (pwsh)'))('JSON on stdout survives an OEM code page (German and Japanese text)', () => {
  it('self-test: the Japanese user name and netsh text arrive intact', async () => {
    const pwsh = requirePwsh();
    const dir = mkdtempSync(join(tmpdir(), 'enc-'));
    const prev = process.env.AADSYNC_TEST_TARGET;
    process.env.AADSYNC_TEST_TARGET = join(repoRoot, 'ps', 'Test-AADSyncDiagnose.ps1');
    try {
      const r = await runSelfTest({ powershell: pwsh, script: cp932Wrapper(dir), simulationPath: japaneseScenario(dir), timeoutMs: 120_000 });
      const byName = Object.fromEntries(r.checks.map((c) => [c.name, c]));
      expect(byName['current identity']?.detail, JSON.stringify(r.checks)).toBe(`${JP_USER} (S-1-5-21-3623811015-3361044348-30300820-1104)`);
      expect(byName['netsh winhttp show proxy']?.detail).toBe('直接アクセス (プロキシ サーバーなし)。');
      expect(byName['netsh winhttp show proxy']?.status).toBe('ok');
    } finally {
      if (prev === undefined) delete process.env.AADSYNC_TEST_TARGET;
      else process.env.AADSYNC_TEST_TARGET = prev;
    }
  }, 180_000);

  it('collector: a German folder name in the progress lines arrives intact', async () => {
    const pwsh = requirePwsh();
    const dir = mkdtempSync(join(tmpdir(), 'enc-'));
    const bundleDir = join(dir, 'Prüfung-Größe-表');
    const events: ProgressEvent[] = [];
    const prev = process.env.AADSYNC_TEST_TARGET;
    process.env.AADSYNC_TEST_TARGET = join(repoRoot, 'ps', 'Invoke-AADSyncDiagnose.ps1');
    try {
      const r = await runCollector({
        powershell: pwsh, script: cp932Wrapper(dir), bundleDir, sync: 'None', sinceHours: 24, stepTimeoutSeconds: 60,
        noProbe: true, toolVersion: '0.0.0-test', simulationPath: japaneseScenario(dir), onProgress: (e) => events.push(e),
      });
      expect(r.exitCode, r.stderr).toBe(0);
      const start = events.find((e) => e.event === 'start');
      expect(start && 'outDir' in start ? start.outDir : null).toBe(bundleDir);
      expect(events.filter((e) => e.event === 'step-end').length).toBe(6);
    } finally {
      if (prev === undefined) delete process.env.AADSYNC_TEST_TARGET;
      else process.env.AADSYNC_TEST_TARGET = prev;
    }
  }, 180_000);
});
