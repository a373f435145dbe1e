// collectEvidence on a bundle folder joins what the bundle's files say together: machine.config's
// edit time comes from adsync.json's configFiles (the server's LastWriteTimeUtc), never from the
// copy's file-system time, and sync/cycle.json + sync/run-profile-results.json are one cycle.
import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectEvidence } from '../../src/evidence/collect-evidence.js';
import { diagnose } from '../../src/rules/engine.js';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'bundle-proxy-bypass');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aadsync-bundle-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the example bundle whose copied files all have today's file-system time. */
function copyBundle(name: string, lastWriteTimeUtc?: string): string {
  const to = join(dir, name);
  cpSync(EXAMPLE, to, { recursive: true });
  const now = new Date();
  for (const f of ['config/Framework64/machine.config', 'config/Framework/machine.config']) utimesSync(join(to, f), now, now);
  if (lastWriteTimeUtc) {
    const file = join(to, 'config', 'adsync.json');
    const j = JSON.parse(readFileSync(file, 'utf8')) as { configFiles: { lastWriteTimeUtc: string }[] };
    for (const cf of j.configFiles) cf.lastWriteTimeUtc = lastWriteTimeUtc;
    writeFileSync(file, JSON.stringify(j));
  }
  return to;
}

describe('collectEvidence on a bundle', () => {
  it('examples/bundle-proxy-bypass: one sync cycle with its run-profile results, machine.config times from adsync.json', async () => {
    const ev = await collectEvidence([copyBundle('as-collected')]);
    expect(ev.sync).toHaveLength(1);
    expect(ev.sync[0]!.fileKind).toBe('cycle');
    expect(ev.sync[0]!.started).toBe(true);
    expect(ev.sync[0]!.runProfileResults.length).toBeGreaterThan(0);
    expect(ev.sync[0]!.runProfileResults[0]!.connectorName).toBe('contoso.local');
    const machineConfigs = ev.dotNetProxy.filter((d) => /machine\.config$/i.test(d.file));
    expect(machineConfigs.length).toBe(2);
    // Written on the server in 2025, copied today: the server's time wins.
    for (const m of machineConfigs) expect(m.modifiedAt).toBe('2025-06-11T02:14:37.0000000Z');
    const codes = diagnose(ev).findings.map((f) => f.code);
    expect(codes).toContain('proxy-bypass-dns');
    expect(codes).not.toContain('machine-config-restart-needed');
  });

  it('near miss: machine.config written after the ADSync service started needs a restart', async () => {
    // The service started 2026-11-20T07:12:04Z (adsync.json); the config was written a day later.
    const ev = await collectEvidence([copyBundle('written-after-start', '2026-11-21T08:00:00.0000000Z')]);
    for (const m of ev.dotNetProxy.filter((d) => /machine\.config$/i.test(d.file))) expect(m.modifiedAt).toBe('2026-11-21T08:00:00.0000000Z');
    const restart = diagnose(ev).findings.find((f) => f.code === 'machine-config-restart-needed');
    expect(restart).toBeDefined();
    expect(restart!.evidence.map((e) => e.excerpt).join('\n')).toContain('2026-11-21T08:00:00');
  });
});
