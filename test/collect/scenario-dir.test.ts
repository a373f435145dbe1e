// `--simulate <name>`: names only, found in the package's scenarios/ and test/scenarios/, then in the
// folders of AADSYNC_DIAGNOSE_SCENARIO_PATH (benchmarks and tests: the bench's generated 100k-event
// server). The variable adds places to look for a name; it never lets a path through.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { packageRoot, scenarioDir } from '../../src/collect/powershell.js';

function extraFolder(...names: string[]): string {
  const base = mkdtempSync(join(tmpdir(), 'aadsync-scenarios-'));
  for (const n of names) {
    mkdirSync(join(base, n), { recursive: true });
    writeFileSync(join(base, n, 'scenario.json'), '{"now":"2026-11-25T10:00:00Z"}');
  }
  return base;
}

describe('scenarioDir', () => {
  it('finds a shipped scenario by name, with or without the variable', () => {
    expect(scenarioDir('healthy', {})).toBe(join(packageRoot(), 'scenarios', 'healthy'));
    expect(scenarioDir('healthy', { AADSYNC_DIAGNOSE_SCENARIO_PATH: extraFolder('healthy') })).toBe(join(packageRoot(), 'scenarios', 'healthy'));
  });

  it('finds a name in a folder of AADSYNC_DIAGNOSE_SCENARIO_PATH (a list, like PATH)', () => {
    const a = extraFolder();
    const b = extraFolder('bench-100k');
    expect(scenarioDir('bench-100k', {})).toBeNull();
    expect(scenarioDir('bench-100k', { AADSYNC_DIAGNOSE_SCENARIO_PATH: `${a}${delimiter}${b}` })).toBe(join(b, 'bench-100k'));
  });

  it('still takes names only: paths and traversal are refused even when the variable is set', () => {
    const b = extraFolder('bench-100k');
    const env = { AADSYNC_DIAGNOSE_SCENARIO_PATH: b };
    for (const bad of [join(b, 'bench-100k'), '../bench-100k', 'bench-100k/', '.', 'Bench-100k']) {
      expect(scenarioDir(bad, env)).toBeNull();
    }
  });

  it('ignores a folder without scenario.json', () => {
    const b = extraFolder();
    mkdirSync(join(b, 'empty-one'));
    expect(scenarioDir('empty-one', { AADSYNC_DIAGNOSE_SCENARIO_PATH: b })).toBeNull();
  });
});
