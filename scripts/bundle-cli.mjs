#!/usr/bin/env node
// Run by `npm run build` after tsc and scripts/gen-gates.mjs: writes dist/cli.bundle.cjs, the program of
// the command line bundled by esbuild into one CommonJS file, and dist/cli.bundle.cjs.cache, V8's code cache
// of it after one `analyze` of an example (docs/performance.md, start-up). dist/cli.js (tsc's) runs the
// bundle through src/cli/bundled.ts when it is there and newer than tsc's modules, else those modules.
//
// Why: Node 20 resolves, reads and compiles each of the ~120 modules an `analyze` of one file loads one by
// one, CommonJS packages through a second parser, and has no compile cache for them (module.enableCompileCache
// is Node 22). One script compiled from a code cache skips all of it. V8 accepts a cache only for the same V8
// version and flags, and checks the source only by its length: so the bundle's first line names its content
// (a SHA-256), the cache starts with the same line, and src/cli/bundled.ts uses it only under that line (npm
// pack resets modification times, so they cannot serve); a rejected cache just compiles. Every other file of dist/ stays as tsc wrote it (the worker threads, the bench, library users).
//
// The sources use import.meta.url to find files beside themselves (the worker script, ps/, the gates): in
// the bundle each use becomes the URL of that module's own file in dist/, so they find the same files.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');
const bundle = join(dist, 'cli.bundle.cjs');
const cache = `${bundle}.cache`;

function fail(msg) {
  // No bundle rather than a wrong one: dist/cli.js then runs tsc's modules.
  rmSync(bundle, { force: true });
  rmSync(cache, { force: true });
  process.stderr.write(`bundle-cli: ${msg}\n`);
  process.exit(2);
}

/** import.meta.url in src/x/y.ts → the URL of dist/x/y.js (the bundle lives in dist/). */
const importMetaUrl = {
  name: 'import-meta-url-of-dist',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta')) return undefined;
      const rel = relative(src, args.path).replace(/\\/g, '/').replace(/\.ts$/, '.js');
      if (rel.startsWith('..')) fail(`import.meta outside src/: ${args.path}`);
      const contents = text.replaceAll('import.meta.url', `__aadsyncDistUrl(${JSON.stringify(rel)})`);
      if (contents.includes('import.meta')) fail(`${rel}: import.meta other than import.meta.url is not bundled`);
      return { contents, loader: 'ts' };
    });
  },
};

// The reader fingerprint of the gates (src/facts/gate.ts) is that of dist/facts/gate.js, which tsc has just
// written from the same source (checked by time): the bundle's reprinted functions read differently.
const gateJs = join(dist, 'facts', 'gate.js');
if (statSync(gateJs).mtimeMs < statSync(join(src, 'facts', 'gate.ts')).mtimeMs) fail('dist/ is older than src/: run npm run build (tsc first)');
const { gateReader } = await import(pathToFileURL(gateJs).href);

rmSync(cache, { force: true });
const esbuild = await import('esbuild');
await esbuild.build({
  stdin: { contents: "export { main } from './src/cli/main.ts';\n", resolveDir: root, sourcefile: 'cli-bundle-entry.ts', loader: 'ts' },
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // import() of Node's own modules as require(): the bundle runs as a vm.Script, without a module loader.
  supported: { 'dynamic-import': false },
  banner: { js: "var __aadsyncDistUrl = (rel) => require('node:url').pathToFileURL(require('node:path').join(__dirname, rel)).href;" },
  define: { __AADSYNC_GATE_READER__: JSON.stringify(gateReader()) },
  // Relative ESM imports end in .js but the files are .ts.
  resolveExtensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
  plugins: [importMetaUrl],
  logLevel: 'warning',
  legalComments: 'none',
});
const text = readFileSync(bundle, 'utf8');
if (/[^\w$.]import\(/.test(text)) fail('the bundle still holds a dynamic import(): src/cli/bundled.ts runs it without a module loader');
// Its first line names its content: the code cache is stamped with that line and used only under it. The
// file is the CommonJS wrapper function itself, so the loader compiles it as read, without a copy.
writeFileSync(
  bundle,
  `// aadsync-diagnose bundle sha256:${createHash('sha256').update(text).digest('hex')}\n(function (exports, require, module, __filename, __dirname) {${text}\n})`,
);

// The code cache, after one analyze of an example (so it holds the functions that run compiled too).
const example = join(root, 'examples', 'proxy-bypass', 'Application-DirectorySynchronization.xml');
const r = spawnSync(process.execPath, [join(dist, 'cli.js'), 'analyze', example, '--json'], {
  env: { ...process.env, AADSYNC_DIAGNOSE_WRITE_CODE_CACHE: cache },
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (r.status !== 1 && r.status !== 0) fail(`the analyze that writes the code cache exited ${r.status}`);
if (!statSync(cache, { throwIfNoEntry: false })) fail('no code cache was written');
