// The CLI as built (npm run build, and the tests' global setup): dist/cli.js runs the program from
// dist/cli.bundle.cjs with V8's code cache of it (src/cli/bundled.ts), and the fact tables' gates come from
// dist/facts/gates.json (src/facts/gate.ts). Both are only ever a faster way to the same answer: checked
// here against tsc's modules and the gates computed from the sources. No timing: speed is the bench's.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';

const dist = join(repoRoot, 'dist');
const example = join(repoRoot, 'examples', 'proxy-bypass', 'Application-DirectorySynchronization.xml');
const withoutTime = (json: string) => json.replace(/"generatedAt": "[^"]*"/, '');

describe('the bundled CLI and the precomputed gates', () => {
  it('the bundle names its content on its first line, and V8 accepts its code cache', () => {
    const source = readFileSync(join(dist, 'cli.bundle.cjs'), 'utf8');
    const stamp = source.slice(0, source.indexOf('\n'));
    expect(stamp).toMatch(/^\/\/ aadsync-diagnose bundle sha256:[0-9a-f]{64}$/);
    const cache = readFileSync(join(dist, 'cli.bundle.cjs.cache'));
    const nl = cache.indexOf(10);
    expect(cache.toString('latin1', 0, nl)).toBe(stamp);
    const script = new Script(source, { filename: join(dist, 'cli.bundle.cjs'), cachedData: cache.subarray(nl + 1) });
    expect(script.cachedDataRejected).toBe(false);
  });

  it('analyze gives the same report from the bundle, from the modules and with every gate computed', () => {
    const bundled = runCli(['analyze', example, '--json']);
    const modules = runCli(['analyze', example, '--json'], { env: { AADSYNC_DIAGNOSE_NO_BUNDLE: '1' } });
    const computed = runCli(['analyze', example, '--json'], { env: { AADSYNC_DIAGNOSE_NO_BUNDLE: '1', AADSYNC_DIAGNOSE_NO_STORED_GATES: '1' } });
    expect(bundled.code).toBe(1); // findings
    expect(withoutTime(bundled.stdout)).toBe(withoutTime(modules.stdout));
    expect(withoutTime(bundled.stdout)).toBe(withoutTime(computed.stdout));
    expect(bundled.stderr).toBe(modules.stderr);
  });

  it('gates.json holds, for every expression of the built tables, the gate the reader computes', async () => {
    const load = (p: string) => import(pathToFileURL(join(dist, 'facts', p)).href);
    const { gateKey, gateOf } = await load('gate.js');
    const { SIGNATURES } = await load('extract.js');
    const { PHRASES } = await load('phrases.js');
    const { TARGET_PATTERNS } = await load('targets.js');
    const doc = JSON.parse(readFileSync(join(dist, 'facts', 'gates.json'), 'utf8')) as { reader: string; gates: Record<string, unknown> };
    // The reader's fingerprint is the text of its functions, which vitest's module runner rewrites: asked of plain Node.
    const reader = spawnSync(process.execPath, ['--input-type=module', '-e', `import { gateReader } from ${JSON.stringify(pathToFileURL(join(dist, 'facts', 'gate.js')).href)}; process.stdout.write(gateReader());`], { encoding: 'utf8' });
    expect(doc.reader).toBe(reader.stdout);
    const expressions: RegExp[] = [
      ...SIGNATURES.map((s: { re: RegExp }) => s.re),
      ...PHRASES.flatMap((p: { patterns: RegExp[] }) => p.patterns),
      ...TARGET_PATTERNS.map((t: { re: RegExp }) => t.re),
    ];
    expect(expressions.length).toBeGreaterThan(500);
    for (const re of expressions) expect(doc.gates[gateKey(re)], String(re)).toEqual(gateOf(re));
  });
});
