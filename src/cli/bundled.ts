// Runs the command line from dist/cli.bundle.cjs, the whole program in one file with V8's code cache of it
// (scripts/bundle-cli.mjs, run by `npm run build`): Node 20 then neither resolves nor compiles ~120
// modules one by one (docs/performance.md, start-up). Returns null — and the caller imports the modules
// tsc wrote — when there is no bundle, when tsc wrote the modules after it (a build that stopped after
// tsc, so the bundle may hold older code), or when running src/. The cache is used only when it starts with
// the bundle's first line, which names the bundle's content (V8 itself checks only the source's length, and
// its own version and flags); a cache V8 rejects costs a normal compile, never a wrong answer.
import { readFileSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

type Main = (argv: string[]) => Promise<number>;

export const BUNDLE_FILE = 'cli.bundle.cjs';

function stat(file: string): Stats | undefined {
  return statSync(file, { throwIfNoEntry: false });
}

export function bundledMain(): Main | null {
  if (process.env.AADSYNC_DIAGNOSE_NO_BUNDLE) return null;
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.js')) return null; // src/ (tests): the modules themselves
  const dist = join(dirname(here), '..');
  const file = join(dist, BUNDLE_FILE);
  const st = stat(file);
  const modules = stat(join(dist, 'cli', 'main.js'));
  if (!st || !modules || modules.mtimeMs > st.mtimeMs) return null;

  const source = readFileSync(file, 'utf8');
  // The bundle's first line names its content (scripts/bundle-cli.mjs); its cache starts with the same line.
  const stamp = source.slice(0, source.indexOf('\n'));
  const writeCache = process.env.AADSYNC_DIAGNOSE_WRITE_CODE_CACHE;
  let cachedData: Buffer | undefined;
  if (!writeCache && stamp.startsWith('// aadsync-diagnose bundle sha256:')) {
    try {
      const c = readFileSync(`${file}.cache`);
      const nl = c.indexOf(10);
      if (nl === stamp.length && c.toString('latin1', 0, nl) === stamp) cachedData = c.subarray(nl + 1);
    } catch {
      // no cache: compiled as any script
    }
  }
  // The file is a CommonJS wrapper function (scripts/bundle-cli.mjs), compiled as it was read.
  const script = new Script(source, { filename: file, cachedData });
  const mod = { exports: {} as { main?: Main } };
  (script.runInThisContext() as (...a: unknown[]) => void).call(mod.exports, mod.exports, createRequire(file), mod, file, dist);
  const main = mod.exports.main;
  if (typeof main !== 'function') return null;
  if (!writeCache) return main;
  // scripts/bundle-cli.mjs: after the run, so the cache holds the functions that ran, compiled.
  return async (argv) => {
    const code = await main(argv);
    writeFileSync(writeCache, Buffer.concat([Buffer.from(`${stamp}\n`, 'latin1'), script.createCachedData()]));
    return code;
  };
}
