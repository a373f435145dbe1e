// scripts/build-ps.mjs: the module inlined into one file for servers that sign and allow-list what they
// run. The built module must be the source module: same exports, same help, same collection.
// (test/exe/exe.test.ts checks that the executable ships exactly this build beside it.)
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { buildModuleText, buildPs, manifestExports, ENTRY_SCRIPTS } from '../../scripts/build-ps.mjs';
import { repoRoot, requirePwsh, shouldRun } from './pwsh.js';

const mod = join(repoRoot, 'ps', 'AADSyncDiagnose');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
}

describe('build-ps: the single-file module', () => {
  it('inlines every Private and Public file once, in loader order, with the manifest exports and no dot-sourcing', () => {
    const text: string = buildModuleText();
    expect(buildModuleText()).toBe(text);
    const markers = [...text.matchAll(/^# ----- (Private|Public)\/(.+) -----$/gm)].map((m) => `${m[1]}/${m[2]}`);
    const expected = ['Private', 'Public'].flatMap((f) =>
      readdirSync(join(mod, f)).filter((n) => n.endsWith('.ps1')).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())).map((n) => `${f}/${n}`),
    );
    expect(markers).toEqual(expected);
    for (const m of expected) {
      const body = readFileSync(join(mod, m), 'utf8').replace(/\r\n/g, '\n').replace(/\n+$/, '');
      expect(text.includes(body), m).toBe(true);
    }
    expect(text).not.toMatch(/^\s*\.\s+\$file/m);
    const exports = manifestExports(readFileSync(join(mod, 'AADSyncDiagnose.psd1'), 'utf8'));
    expect(exports).toEqual(['Invoke-AADSyncDiagnose', 'Invoke-AADSyncFix', 'New-AADSyncFixPlan', 'Restart-AADSyncService', 'Test-AADSyncDiagnose', 'Undo-AADSyncFix']);
    expect(text.trimEnd().split('\n').pop()).toBe(
      "Export-ModuleMember -Verbose:$false -Function 'Invoke-AADSyncDiagnose', 'Invoke-AADSyncFix', 'New-AADSyncFixPlan', 'Restart-AADSyncService', 'Test-AADSyncDiagnose', 'Undo-AADSyncFix'",
    );
    expect(/[^\x00-\x7f]/.test(text)).toBe(false);
  });

  it('refuses a wildcard export in the manifest', () => {
    expect(() => manifestExports("@{ FunctionsToExport = @('*') }")).toThrow(/not wildcards/);
  });

  it('writes the shipped layout: the module, the four entry scripts, the simulator', () => {
    const out = mkdtempSync(join(tmpdir(), 'build-ps-'));
    buildPs(out);
    const files = walk(out).map((f) => relative(out, f).replace(/\\/g, '/')).sort();
    expect(files).toEqual(
      ['AADSyncDiagnose/AADSyncDiagnose.psd1', 'AADSyncDiagnose/AADSyncDiagnose.psm1', ...ENTRY_SCRIPTS, ...walk(join(repoRoot, 'ps', 'simulator')).map((f) => `simulator/${relative(join(repoRoot, 'ps', 'simulator'), f).replace(/\\/g, '/')}`)].sort(),
    );
    for (const f of ENTRY_SCRIPTS) expect(readFileSync(join(out, f), 'utf8')).toBe(readFileSync(join(repoRoot, 'ps', f), 'utf8'));
  });

  describe.runIf(shouldRun('built module under pwsh'))('under pwsh', () => {
    it('the built module exports the same functions with the same help, and collects the same bundle as the source', () => {
      const pwsh = requirePwsh();
      const out = mkdtempSync(join(tmpdir(), 'build-ps-run-'));
      const built = join(out, 'ps');
      buildPs(built);
      const probe = (manifest: string) =>
        spawnSync(pwsh, ['-NoProfile', '-NonInteractive', '-Command', '& { param($m) Import-Module $m; $g = Get-Module AADSyncDiagnose; ($g.ExportedFunctions.Keys | Sort-Object) -join ","; (Get-Help Invoke-AADSyncDiagnose).Synopsis }', manifest], { encoding: 'utf8' }).stdout;
      const fromBuilt = probe(join(built, 'AADSyncDiagnose', 'AADSyncDiagnose.psd1'));
      expect(fromBuilt).toBe(probe(join(mod, 'AADSyncDiagnose.psd1')));
      expect(fromBuilt).toMatch(/^Invoke-AADSyncDiagnose,Invoke-AADSyncFix,New-AADSyncFixPlan,Restart-AADSyncService,Test-AADSyncDiagnose,Undo-AADSyncFix\nCollects the evidence/);

      const collect = (entry: string, bundle: string) => {
        const r = spawnSync(pwsh, ['-NoProfile', '-NonInteractive', '-File', entry, '-OutDir', bundle, '-SimulationPath', join(repoRoot, 'scenarios', 'staging-mode'), '-StepTimeoutSeconds', '60'], { encoding: 'utf8', timeout: 120_000 });
        expect(r.status, r.stderr).toBe(0);
        const m = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8'));
        return { steps: m.steps.map((s: { name: string; status: string }) => `${s.name}:${s.status}`), files: m.files.map((f: { path: string }) => f.path) };
      };
      expect(collect(join(built, 'Invoke-AADSyncDiagnose.ps1'), join(out, 'b1'))).toEqual(collect(join(repoRoot, 'ps', 'Invoke-AADSyncDiagnose.ps1'), join(out, 'b2')));
    }, 240_000);
  });
});
