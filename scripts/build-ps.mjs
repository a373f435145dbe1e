#!/usr/bin/env node
// node scripts/build-ps.mjs [outDir]: the PowerShell side as it ships, in dist-exe/ps/ (default: where
// the Windows executable ships it; git-ignored) with the same layout as ps/:
//   AADSyncDiagnose/AADSyncDiagnose.psd1   the manifest, unchanged
//   AADSyncDiagnose/AADSyncDiagnose.psm1   ONE file: schema/redaction-rules.json as a literal here-string
//                                          (the secret rules, issue 15 A6; the source loader reads the
//                                          file instead), Private/*.ps1 then Public/*.ps1 inlined, in the
//                                          order the source loader dot-sources them, and an explicit
//                                          Export-ModuleMember of the manifest's FunctionsToExport
//   Invoke-AADSyncDiagnose.ps1, Test-AADSyncDiagnose.ps1, Invoke-AADSyncProbes.ps1,
//   Invoke-AADSyncProbesAsService.ps1      the entry scripts, unchanged
//   simulator/                             for --simulate (test and demo only)
// Why one file: a Tier-0 server signs every script it allows (AllSigned) and lists them in AppLocker
// rules; one module file instead of twenty is what an admin can review and sign. The build refuses
// non-ASCII bytes and a manifest whose exports differ from Public/*.ps1. build-exe.mjs ships exactly
// this output beside the executable; test/ps/build.test.ts checks both.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ENTRY_SCRIPTS = ['Invoke-AADSyncDiagnose.ps1', 'Test-AADSyncDiagnose.ps1', 'Invoke-AADSyncProbes.ps1', 'Invoke-AADSyncProbesAsService.ps1'];

/** PowerShell's Sort-Object Name order for our ASCII file names (case-insensitive). */
function byName(a, b) {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function assertAscii(file, text) {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) throw new Error(`${file}: non-ASCII character at offset ${i} (ps/ must be ASCII for Windows PowerShell 5.1)`);
  }
}

/** schema/redaction-rules.json beside a ps/ folder (the repository's, or a release's staged copy). */
export function redactionRulesPath(psRoot = join(root, 'ps')) {
  return join(psRoot, '..', 'schema', 'redaction-rules.json');
}

/**
 * The rules file as the lines of a single-quoted here-string. Data, not code: PowerShell takes a
 * single-quoted here-string literally up to a line that starts with '@, which JSON text cannot hold
 * (a line of it starts with a space, a bracket or a quote); refused anyway, as is anything but ASCII
 * JSON that parses.
 */
export function redactionRulesHereString(jsonText) {
  const text = jsonText.replace(/\r\n/g, '\n').replace(/\n+$/, '');
  assertAscii('schema/redaction-rules.json', text);
  JSON.parse(text);
  if (/^'@/m.test(text)) throw new Error("schema/redaction-rules.json: a line starts with '@ (it would end the here-string)");
  return ["$script:AdsRedactionRulesJson = @'", text, "'@"].join('\n');
}

/** FunctionsToExport of the manifest (an explicit list of quoted names; a wildcard is refused). */
export function manifestExports(psd1Text) {
  const m = /FunctionsToExport\s*=\s*@\(([^)]*)\)/.exec(psd1Text);
  if (!m) throw new Error('AADSyncDiagnose.psd1: FunctionsToExport = @(...) not found');
  const names = [...m[1].matchAll(/'([^']*)'/g)].map((x) => x[1]);
  if (names.some((n) => n.includes('*'))) throw new Error('AADSyncDiagnose.psd1: FunctionsToExport must list names, not wildcards');
  return names;
}

/** The single-file module text built from ps/AADSyncDiagnose (deterministic: same input, same bytes). */
export function buildModuleText(psRoot = join(root, 'ps')) {
  const mod = join(psRoot, 'AADSyncDiagnose');
  const manifest = readFileSync(join(mod, 'AADSyncDiagnose.psd1'), 'utf8');
  const exports = manifestExports(manifest);
  const publicFiles = readdirSync(join(mod, 'Public')).filter((f) => f.endsWith('.ps1')).sort(byName);
  const publicNames = publicFiles.map((f) => f.replace(/\.ps1$/, ''));
  if ([...exports].sort().join(',') !== [...publicNames].sort().join(',')) {
    throw new Error(`AADSyncDiagnose.psd1 exports ${exports.join(', ')} but Public/ holds ${publicNames.join(', ')}`);
  }
  const parts = [
    '# AADSyncDiagnose.psm1 - BUILT by scripts/build-ps.mjs from ps/AADSyncDiagnose (Private/*.ps1, then',
    '# Public/*.ps1, inlined in the order the source loader dot-sources them). Do not edit: edit the',
    '# source files and rebuild. One file so that a Tier-0 server can review, sign and allow-list it.',
    '',
    'Set-StrictMode -Version 2.0',
    '$script:ModuleRoot = $PSScriptRoot',
    '',
    '# ----- schema/redaction-rules.json (generated from src/redact/secrets.ts; read by Private/Redaction.ps1) -----',
    "$script:AdsRedactionRulesSource = 'inline'",
    redactionRulesHereString(readFileSync(redactionRulesPath(psRoot), 'utf8')),
    '',
  ];
  for (const folder of ['Private', 'Public']) {
    for (const f of readdirSync(join(mod, folder)).filter((x) => x.endsWith('.ps1')).sort(byName)) {
      const text = readFileSync(join(mod, folder, f), 'utf8').replace(/\r\n/g, '\n').replace(/\n+$/, '');
      assertAscii(`${folder}/${f}`, text);
      parts.push(`# ----- ${folder}/${f} -----`, text, '');
    }
  }
  parts.push(`Export-ModuleMember -Verbose:$false -Function ${exports.map((n) => `'${n}'`).join(', ')}`, '');
  return parts.join('\n');
}

/** Writes the shipped layout into outDir (replaced). Returns the list of files written (relative). */
export function buildPs(outDir, psRoot = join(root, 'ps')) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'AADSyncDiagnose'), { recursive: true });
  const written = [];
  const write = (rel, text) => {
    writeFileSync(join(outDir, rel), text);
    written.push(rel);
  };
  write('AADSyncDiagnose/AADSyncDiagnose.psm1', buildModuleText(psRoot));
  const psd1 = readFileSync(join(psRoot, 'AADSyncDiagnose', 'AADSyncDiagnose.psd1'), 'utf8');
  assertAscii('AADSyncDiagnose.psd1', psd1);
  write('AADSyncDiagnose/AADSyncDiagnose.psd1', psd1);
  for (const f of ENTRY_SCRIPTS) {
    const text = readFileSync(join(psRoot, f), 'utf8');
    assertAscii(f, text);
    write(f, text);
  }
  if (existsSync(join(psRoot, 'simulator'))) {
    cpSync(join(psRoot, 'simulator'), join(outDir, 'simulator'), { recursive: true });
    for (const f of readdirSync(join(outDir, 'simulator'), { recursive: true, withFileTypes: true })) {
      if (f.isFile()) written.push(relative(outDir, join(f.parentPath ?? f.path, f.name)));
    }
  }
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? join(root, 'dist-exe', 'ps'));
  try {
    const files = buildPs(out);
    process.stderr.write(`build:ps: ${files.length} files in ${out}\n`);
  } catch (e) {
    process.stderr.write(`build:ps: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
}
