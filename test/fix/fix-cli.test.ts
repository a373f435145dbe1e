// End to end: `node dist/cli.js fix --simulate <scenario>` through real pwsh, against a simulated server
// (a copy of the scenario in --out that the fix really writes to): the preview is the default and writes
// nothing; the preview's diff is exactly what --apply writes; the proof shows before -> after; the undo
// is byte for byte; a session that is not elevated and a failure in the middle leave the server as it was.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { repoRoot, requirePwsh, shouldRun } from '../ps/pwsh.js';
import { zipEntries } from '../../src/evidence/zip.js';

const cli = join(repoRoot, 'dist', 'cli.js');
const MC64 = ['fs', 'C', 'Windows', 'Microsoft.NET', 'Framework64', 'v4.0.30319', 'Config', 'machine.config'];
const MC32 = ['fs', 'C', 'Windows', 'Microsoft.NET', 'Framework', 'v4.0.30319', 'Config', 'machine.config'];

function run(args: string[], timeoutMs = 240_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [cli, ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const t = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('close', (code) => {
      clearTimeout(t);
      resolve({ code, stdout, stderr });
    });
  });
}

const fix = (out: string, ...args: string[]) => run(['fix', '--simulate', 'proxy-bypass', '--out', out, '--powershell', requirePwsh(), ...args]);

function treeHash(dir: string): string {
  const lines: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else lines.push(`${relative(dir, p)}=${createHash('sha256').update(readFileSync(p)).digest('hex')}`);
    }
  };
  walk(dir);
  return lines.join('\n');
}

/** A simulated server the test prepares itself: the copy fix would make, changed as the case needs. */
function server(out: string, edit: (dir: string, scenario: Record<string, unknown>) => void = () => undefined): string {
  const dir = join(out, 'aadsync-simulated-proxy-bypass');
  cpSync(join(repoRoot, 'scenarios', 'proxy-bypass'), dir, { recursive: true });
  writeFileSync(join(dir, '.aadsync-simulated-server'), '');
  const scenario = JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8')) as Record<string, unknown>;
  edit(dir, scenario);
  writeFileSync(join(dir, 'scenario.json'), JSON.stringify(scenario, null, 2));
  return dir;
}

/** Applies a unified diff (one file, as `diff -u` writes it) to a text: an independent check of its headers and lines. */
function applyUnifiedDiff(old: string, diff: string): string {
  const lines = old.split(/(?<=\n)/);
  const d = diff.replace(/\n$/, '').split('\n');
  expect(d[0]).toMatch(/^--- /);
  expect(d[1]).toMatch(/^\+\+\+ /);
  const out: string[] = [];
  let at = 0;
  let i = 2;
  while (i < d.length) {
    const h = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$/.exec(d[i]!);
    expect(h, d[i]).not.toBeNull();
    const start = Number(h![1]);
    const oldCount = h![2] === undefined ? 1 : Number(h![2]);
    const newCount = h![4] === undefined ? 1 : Number(h![4]);
    const from = oldCount === 0 ? start : start - 1;
    out.push(...lines.slice(at, from));
    at = from;
    let seenOld = 0;
    let seenNew = 0;
    i++;
    while (i < d.length && !d[i]!.startsWith('@@')) {
      const l = d[i]!;
      const next = d[i + 1];
      const eol = next === '\\ No newline at end of file' ? '' : '\n';
      if (l.startsWith(' ') || l.startsWith('-')) {
        expect(lines[at], `line ${at + 1}`).toBe(l.slice(1) + eol);
        if (l.startsWith(' ')) out.push(lines[at]!);
        at++;
        seenOld++;
        if (l.startsWith(' ')) seenNew++;
      } else if (l.startsWith('+')) {
        out.push(l.slice(1) + eol);
        seenNew++;
      }
      i += eol === '' ? 2 : 1;
    }
    expect([seenOld, seenNew]).toEqual([oldCount, newCount]);
  }
  out.push(...lines.slice(at));
  return out.join('');
}

describe.runIf(shouldRun('fix --simulate (pwsh)'))('aadsync-diagnose fix --simulate', () => {
  it('previews by default: exact diffs, nothing written on the server, no journal; the diff is what --apply then writes; the proof; the undo, byte for byte', async () => {
    const out = mkdtempSync(join(tmpdir(), 'fix-e2e-'));
    const shipped = treeHash(join(repoRoot, 'scenarios', 'proxy-bypass'));

    const p = await fix(out, '--json');
    expect(p.code, p.stderr).toBe(0);
    const preview = JSON.parse(p.stdout);
    expect(preview.mode).toBe('preview');
    expect(preview.plan.machineConfig.proxyAddress).toBe('http://proxy.contoso.com:8080');
    expect(preview.preview.changes.map((c: { target: string; status: string }) => `${c.target}:${c.status}`)).toEqual(['machine.config (Framework64):pending', 'machine.config (Framework):pending']);
    // Nothing written: no simulated server copy, no journal, the shipped scenario untouched.
    expect(readdirSync(out).filter((n) => !n.endsWith('.zip') && n !== 'redaction-map.json')).toEqual([]);
    expect(treeHash(join(repoRoot, 'scenarios', 'proxy-bypass'))).toBe(shipped);

    const a = await fix(out, '--apply', '--json');
    expect(a.code, a.stderr).toBe(0);
    const applied = JSON.parse(a.stdout);
    expect(applied.apply.status).toBe('applied');
    const srv = join(out, 'aadsync-simulated-proxy-bypass');
    const original = readFileSync(join(repoRoot, 'scenarios', 'proxy-bypass', ...MC64), 'utf8');
    // The preview's diff, applied to the original, is byte for byte the file --apply wrote.
    expect(applyUnifiedDiff(original, preview.preview.changes[0].diff)).toBe(readFileSync(join(srv, ...MC64), 'utf8'));
    expect(readFileSync(join(srv, ...MC64), 'utf8').match(/<system\.net>/g)).toHaveLength(1);
    // Proof: the sync service before -> after, the bypass findings gone, the restart still owed.
    const svc = applied.proof.routes.find((r: { actor: string }) => r.actor === 'sync-service');
    expect(svc).toMatchObject({ before: 'direct', after: 'proxy proxy.contoso.com:8080' });
    expect(applied.proof.expected.ok).toBe(true);
    expect(applied.proof.findings.resolved).toEqual(expect.arrayContaining(['service-proxy-missing']));
    expect(applied.proof.restartPending).toBe(true);
    // The journal is in --out, and in the bundle collected after the change.
    const journal = JSON.parse(readFileSync(applied.apply.journalPath, 'utf8'));
    expect(journal).toMatchObject({ schema: 'aadsync-diagnose/fix-journal@1', status: 'applied', simulated: true });
    const inZip: string[] = [];
    for await (const e of zipEntries(applied.afterBundle)) inZip.push(e.path);
    expect(inZip.some((n) => /^fix\/aadsync-fix-.*\.json$/.test(n))).toBe(true);

    const u = await fix(out, '--undo', '--apply');
    expect(u.code, u.stderr).toBe(0);
    expect(u.stdout).toMatch(/restored/);
    for (const f of [MC64, MC32]) expect(readFileSync(join(srv, ...f)).equals(readFileSync(join(repoRoot, 'scenarios', 'proxy-bypass', ...f)))).toBe(true);
    expect(JSON.parse(readFileSync(applied.apply.journalPath, 'utf8')).status).toBe('undone');
  }, 300_000);

  it('is what the README shows: the preview of the proxy-bypass scenario, as printed', async () => {
    const out = mkdtempSync(join(tmpdir(), 'fix-readme-'));
    const r = await fix(out);
    expect(r.code, r.stderr).toBe(0);
    const printed = r.stdout.split(out).join('/tmp/aadsync').replace(/aadsync-diagnose-sim-proxy-bypass-\d{8}T\d{6}Z\.zip/, 'aadsync-diagnose-sim-proxy-bypass-…Z.zip');
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const shown = /`proxy-bypass` scenario \(`aadsync-diagnose fix --simulate proxy-bypass --out \/tmp\/aadsync`\):\n\n```\n([\s\S]*?)```\n/.exec(readme)?.[1];
    expect(shown).toBe(printed);
  }, 180_000);

  it('refuses --apply in a session that is not elevated, in one line, and changes nothing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'fix-noadmin-'));
    const srv = server(out, (_d, s) => {
      s.elevated = false;
    });
    const before = treeHash(srv);
    const r = await fix(out, '--apply');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual(['aadsync-diagnose: fix --apply needs an elevated prompt (Run as administrator); nothing was changed']);
    expect(treeHash(srv)).toBe(before);
    expect(readdirSync(out).some((n) => n.startsWith('aadsync-fix-'))).toBe(false);
  }, 180_000);

  it('leaves nothing half-written when the second file cannot be replaced: both configs as they were, exit 3', async () => {
    const out = mkdtempSync(join(tmpdir(), 'fix-fault-'));
    const srv = server(out, (_d, s) => {
      s.fixFaults = [{ op: 'replace', path: 'C:\\Windows\\Microsoft.NET\\Framework\\v4.0.30319\\Config\\machine.config' }];
    });
    const fs = treeHash(join(srv, 'fs'));
    const r = await fix(out, '--apply', '--json');
    expect(r.code).toBe(3);
    const j = JSON.parse(r.stdout);
    expect(j.apply.status).toBe('rolled-back');
    expect(j.apply.changes.map((c: { status: string }) => c.status)).toEqual(['rolled-back', 'failed']);
    expect(treeHash(join(srv, 'fs'))).toBe(fs);
    expect(JSON.parse(readFileSync(j.apply.journalPath, 'utf8')).status).toBe('rolled-back');
  }, 180_000);

  it('says when the path did not change as planned (miiserver.exe.config switches the proxy off) and offers the undo, exit 1', async () => {
    const out = mkdtempSync(join(tmpdir(), 'fix-override-'));
    server(out, (d) => {
      const f = join(d, 'fs', 'C', 'Program Files', 'Microsoft Azure AD Sync', 'Bin', 'miiserver.exe.config');
      writeFileSync(f, readFileSync(f, 'utf8').replace('</configuration>', '  <system.net>\r\n    <defaultProxy enabled="false" />\r\n  </system.net>\r\n</configuration>'));
    });
    const r = await fix(out, '--apply');
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/miiserver\.exe\.config has its own <defaultProxy> \(enabled="false"\)/);
    expect(r.stdout).toMatch(/does NOT go through proxy\.contoso\.com:8080/);
    expect(r.stdout).toMatch(/did not give the sync service the planned path\. To take it back exactly[^\n]*\n(?: {2}\S[^\n]*\n)*? {2}aadsync-diagnose fix --undo --apply --simulate proxy-bypass/);
  }, 180_000);

  it('sets the .NET TLS 1.2 values when the diagnosis finds them missing, and the proof finds them set', async () => {
    const out = mkdtempSync(join(tmpdir(), 'fix-tls-'));
    const srv = server(out, (_d, s) => {
      // A server before 2.4.131.0 without the values: tls12-not-enabled from its configuration.
      s.productVersion = '2.3.20.0';
      (s.registry as Record<string, unknown>)['HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319'] = { SchUseStrongCrypto: 0 };
    });
    const r = await fix(out, '--apply', '--json');
    const j = JSON.parse(r.stdout);
    expect(j.diagnosis.findings).toContain('tls12-not-enabled');
    expect(j.plan.tls12).toEqual({ views: ['64', '32'] });
    expect(j.apply.changes.filter((c: { kind: string }) => c.kind === 'registry').map((c: { status: string }) => c.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(j.proof.findings.resolved).toContain('tls12-not-enabled');
    expect(r.code, r.stderr).toBe(0);
    const reg = JSON.parse(readFileSync(join(srv, 'scenario.json'), 'utf8')).registry;
    expect(reg['HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319']).toEqual({ SchUseStrongCrypto: 1, SystemDefaultTlsVersions: 1 });
    const u = await fix(out, '--undo', '--apply');
    expect(u.code, u.stderr).toBe(0);
    const back = JSON.parse(readFileSync(join(srv, 'scenario.json'), 'utf8')).registry;
    expect(back['HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319']).toEqual({ SchUseStrongCrypto: 0 });
    expect(back['HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319']).toBeUndefined();
  }, 300_000);
});

describe('aadsync-diagnose fix: usage', () => {
  it('writes a plan from a bundle anywhere, without PowerShell', async () => {
    const out = mkdtempSync(join(tmpdir(), 'fix-plan-'));
    const r = await run(['fix', '--from', join(repoRoot, 'examples', 'bundle-proxy-bypass'), '--plan-out', join(out, 'plan.json')]);
    if (process.platform === 'win32') return;
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8'))).toMatchObject({ schema: 'aadsync-diagnose/fix-plan@1', machineConfig: { proxyAddress: 'http://proxy.contoso.com:8080' } });
    expect(r.stdout).toMatch(/-Fix -ProxyAddress proxy\.contoso\.com:8080 -WhatIf/);
  });
  it.each([
    [['fix', '--proxy', 'http://u:P@ssw0rd-FAKE-3@proxy:8080'], /--proxy takes host:port/],
    [['fix', '--undo', '--from', 'x'], /--undo takes back a fix/],
    [['fix', '--restart-timeout', 'soon'], /--restart-timeout takes a duration/],
    [['fix', '--format', 'html'], /--format must be one of text, json/],
  ])('refuses %j with one line, exit 2', async (args, why) => {
    const r = await run(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(why as RegExp);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/P@ssw0rd-FAKE-3/);
  });
  it.runIf(process.platform !== 'win32')('says it needs the server (or --simulate) off Windows', async () => {
    const r = await run(['fix']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/fix changes the Azure AD Connect server: run it there/);
  });
  it('refuses a bundle whose names are tokens', async () => {
    const out = mkdtempSync(join(tmpdir(), 'fix-tok-'));
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ schema: 'aadsync-diagnose/manifest@1', steps: [], files: [], redaction: { secrets: 0, identities: 4 } }));
    const r = await run(['fix', '--from', out, '--plan-out', join(out, 'plan.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/names are tokens/);
    expect(existsSync(join(out, 'plan.json'))).toBe(false);
  });
});
