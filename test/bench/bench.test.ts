// The benchmark lives in bench/, outside src/ and outside the npm package, and measures the built tool
// in dist/. Nothing here times anything (speed is measured by `npm run bench` only): these tests check
// that the bench still type-checks against src/, still loads the built tool and still parses its
// options, and that `npm pack` ships none of it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

const TSC = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
const ESBUILD = join(repoRoot, 'node_modules', '.bin', 'esbuild');

function run(cmd: string, args: string[], timeout = 120_000) {
  const r = spawnSync(cmd, args, { cwd: repoRoot, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

describe('bench/', () => {
  beforeAll(() => {
    // What `npm run build:bench` does after its type check (the check is its own test below).
    const r = run(ESBUILD, ['bench/*.ts', '--outdir=dist-bench', '--platform=node', '--format=esm', '--target=node20', '--log-level=warning']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('type-checks against the modules of src/ it loads (a moved or changed module fails here, not at bench time)', () => {
    const r = run(process.execPath, [TSC, '-p', 'bench/tsconfig.json']);
    // Errors inside src/ belong to `npm run build`, which reports them; only the bench's own are ours.
    const benchErrors = r.stdout.split('\n').filter((l) => /^bench[\\/]/.test(l));
    expect(benchErrors).toEqual([]);
  });

  it("the 'tool' measurement runs the built analyze pipeline of dist/ on a real input", () => {
    const file = join(repoRoot, 'examples', 'proxy-bypass', 'Application-DirectorySynchronization.xml');
    const r = run(process.execPath, [join(repoRoot, 'dist-bench', 'child.js'), 'tool', file]);
    expect(r.code, r.stderr).toBe(0);
    const line = JSON.parse(r.stdout.trim().split('\n').pop()!) as { bytes: number; events: number; findings?: string[]; error?: string };
    expect(line.error).toBeUndefined();
    expect(line.bytes).toBe(statSync(file).size);
    expect(line.events).toBeGreaterThan(0);
    // The example's README promises a bypass; the bench must see the same diagnosis analyze gives.
    expect(line.findings?.some((f) => f.startsWith('proxy-bypass-'))).toBe(true);
  });

  it('npm run bench -- --quick --json --case <name>: only that case, as one JSON document', () => {
    const out = mkdtempSync(join(tmpdir(), 'aadsync-bench-test-'));
    try {
      const r = run(process.execPath, [join(repoRoot, 'dist-bench', 'run.js'), '--quick', '--json', '--case', 'cli-version', '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      const doc = JSON.parse(r.stdout) as { quick: boolean; cases: { name: string; tool: { medianMs?: number; runsMs?: number[] } }[] };
      expect(doc.quick).toBe(true);
      expect(doc.cases.map((c) => c.name)).toEqual(['cli-version']);
      expect(doc.cases[0]!.tool.runsMs).toHaveLength(9);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('npm pack', () => {
  it('ships the tool and no file of the bench, even when an old build left dist/bench/ behind', () => {
    // Builds made before the bench moved out of src/ left dist/bench/*.js (tsc never deletes): the
    // package.json "files" list must keep them out. Make one if this checkout has none; remove only that.
    const stale = join(repoRoot, 'dist', 'bench');
    const made = !existsSync(stale);
    if (made) {
      mkdirSync(stale, { recursive: true });
      writeFileSync(join(stale, 'run.js'), '// stale bench build (test/bench/bench.test.ts)\n');
    }
    try {
      const r = run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], 120_000);
      expect(r.code, r.stderr).toBe(0);
      const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
      expect(files).toContain('dist/cli.js');
      expect(files.some((p) => p.startsWith('ps/'))).toBe(true);
      expect(files.filter((p) => /(^|\/)(bench|dist-bench|bench-out)\//.test(p))).toEqual([]);
    } finally {
      if (made) rmSync(stale, { recursive: true, force: true });
    }
  });
});
