#!/usr/bin/env node
// `npm run release [-- --out <dir>] [--skip-exe]`: what a release ships, in release/ (git-ignored):
//   aadsync-diagnose-<v>.tgz              the npm package, dependencies bundled (installs with no
//                                         registry: npm install -g --offline ./aadsync-diagnose-<v>.tgz)
//   aadsync-diagnose-<v>-win-x64.zip      the Windows single executable and the ps/ it runs beside it
//                                         (scripts/build-exe.mjs); no Node on the server
//   AADSyncDiagnose-<v>.zip               the PowerShell module folder (AADSyncDiagnose/ with its .psd1
//                                         and the single-file .psm1 of scripts/build-ps.mjs), the layout
//                                         Install-Module and the PowerShell Gallery use; no Node at all
//   SHA256SUMS                            `sha256sum -c` format: "<hex>  <file name>"
// Everything is built from the committed sources (git archive HEAD) in a staging folder, dist/ from
// nothing; the working tree is not touched. A type error stops the release, and the module's version
// must be the package's. Zips are deterministic (fixed
// times, sorted entries): the same sources give the same bytes.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import yazl from 'yazl';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const outDir = resolve(opt('--out', join(root, 'release')));
const skipExe = argv.includes('--skip-exe');
const FIXED_TIME = new Date('2026-01-01T00:00:00Z');

function log(msg) {
  process.stderr.write(`release: ${msg}\n`);
}
function fail(msg) {
  process.stderr.write(`release: ${msg}\n`);
  process.exit(2);
}


/** Every file under dir, relative, with / separators, sorted. */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)).split(sep).join('/'))
    .sort();
}

/** A zip of `entries` ([name in zip, absolute path]) with fixed times, in the given order. */
function writeZip(path, entries) {
  return new Promise((resolvePromise, reject) => {
    const zip = new yazl.ZipFile();
    const ws = createWriteStream(path);
    ws.on('close', resolvePromise);
    ws.on('error', reject);
    zip.outputStream.pipe(ws);
    for (const [name, abs] of entries) zip.addBuffer(readFileSync(abs), name, { mtime: FIXED_TIME, mode: 0o100644 });
    zip.end();
  });
}

function sha256(path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const work = join(outDir, '.work');
mkdirSync(work, { recursive: true });

// 1. The committed sources (git archive HEAD) in a staging folder, dist/ built there from nothing: what
// ships is what is committed, never the working tree's uncommitted edits or its dist/ (a stale module
// of an earlier layout must not ship), and the working tree is not touched.
log('building dist/ from nothing in a copy of HEAD');
const stage = join(work, 'package');
mkdirSync(stage, { recursive: true });
execFileSync('sh', ['-c', 'git archive --format=tar HEAD | tar -x -C "$1"', 'sh', stage], { cwd: root, stdio: 'inherit' });
symlinkSync(join(root, 'node_modules'), join(stage, 'node_modules'), 'junction');
if (existsSync(join(root, '.tools'))) symlinkSync(join(root, '.tools'), join(stage, '.tools'), 'junction');
try {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(stage, 'tsconfig.json')], { cwd: stage, stdio: 'inherit' });
} catch {
  fail('the TypeScript build failed: nothing released');
}

const pkg = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8'));
const version = pkg.version;
const psd1 = readFileSync(join(stage, 'ps', 'AADSyncDiagnose', 'AADSyncDiagnose.psd1'), 'utf8');
const moduleVersion = /ModuleVersion\s*=\s*'([^']+)'/.exec(psd1)?.[1];
if (moduleVersion !== version) fail(`ps/AADSyncDiagnose/AADSyncDiagnose.psd1 has ModuleVersion '${moduleVersion}', package.json has '${version}': make them the same`);

const artifacts = [];

// 2. The Windows single executable and the ps/ beside it.
if (skipExe) log('--skip-exe: no Windows executable in this release');
else {
  log('building the Windows single executable');
  const exeDir = join(work, 'exe');
  try {
    execFileSync(process.execPath, [join(stage, 'scripts', 'build-exe.mjs'), '--out', exeDir], { cwd: stage, stdio: 'inherit' });
  } catch {
    fail('the Windows executable could not be built (scripts/build-exe.mjs said why); --skip-exe releases without it');
  }
  const name = `aadsync-diagnose-${version}-win-x64.zip`;
  const entries = filesUnder(exeDir)
    .filter((f) => f === 'aadsync-diagnose.exe' || f.startsWith('ps/'))
    .map((f) => [`aadsync-diagnose-${version}/${f}`, join(exeDir, f)]);
  if (!entries.some(([n]) => n.endsWith('/aadsync-diagnose.exe'))) fail('build-exe.mjs wrote no aadsync-diagnose.exe');
  await writeZip(join(outDir, name), entries);
  artifacts.push(name);
}

// 3. The PowerShell module: AADSyncDiagnose/ with its manifest and the single-file module.
log('building the PowerShell module');
const psDir = join(work, 'ps');
const { buildPs } = await import(pathToFileURL(join(stage, 'scripts', 'build-ps.mjs')).href);
buildPs(psDir, join(stage, 'ps'));
const moduleFiles = filesUnder(join(psDir, 'AADSyncDiagnose'));
for (const f of ['AADSyncDiagnose.psd1', 'AADSyncDiagnose.psm1']) if (!moduleFiles.includes(f)) fail(`the module build has no ${f}`);
const moduleZip = `AADSyncDiagnose-${version}.zip`;
await writeZip(
  join(outDir, moduleZip),
  moduleFiles.map((f) => [`AADSyncDiagnose/${f}`, join(psDir, 'AADSyncDiagnose', f)]),
);
artifacts.push(moduleZip);

// 4. The npm package (files and bundled dependencies: package.json), last: its node_modules swap takes
// the build tools away. npm bundles what it finds in the package's own node_modules: the production tree only (npm ls --omit=dev), copied in real files (a
// linked node_modules bundled the six direct dependencies without theirs, and the offline install
// then failed on saxes' xmlchars).
rmSync(join(stage, 'node_modules'));
const prod = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && l !== root && l.startsWith(join(root, 'node_modules')));
for (const abs of prod) cpSync(abs, join(stage, relative(root, abs)), { recursive: true, dereference: true });
log(`npm pack (${prod.length} production packages bundled)`);
const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', outDir], { cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
const tarball = packed[0].filename.replace(/^.*[\\/]/, '');
artifacts.unshift(tarball);

// 5. SHA256SUMS.
rmSync(work, { recursive: true, force: true });
const sums = artifacts.map((a) => `${sha256(join(outDir, a))}  ${a}`).join('\n') + '\n';
writeFileSync(join(outDir, 'SHA256SUMS'), sums);
for (const a of artifacts) log(`${a}  ${(statSync(join(outDir, a)).size / 1024).toFixed(0)} KiB`);
log(`SHA256SUMS in ${outDir}`);
if (!existsSync(join(outDir, tarball))) fail('npm pack wrote no tarball');
