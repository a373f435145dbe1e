// What a collection step says about what it collected reaches the report (a cut event window must show).
import { describe, expect, it } from 'vitest';
import { readConfigLike } from '../../src/evidence/readers/config.js';
import { emptyEvidence } from '../../src/evidence/types.js';
import { buildReport } from '../../src/report/build.js';
import { renderReport } from '../../src/report/render.js';

const manifest = JSON.stringify({
  schema: 'aadsync-diagnose/manifest@1',
  steps: [
    { name: 'events', status: 'ok', durationMs: 812, error: null, notes: ['ADSync: only the newest 20000 events of the look-back window were collected; older ones exist', 'PasswordResetService: none'] },
    { name: 'traces', status: 'ok', durationMs: 12, error: null },
  ],
});

describe('collection step notes', () => {
  it('are read from manifest.json, kept in report.json and shown under the step in the text report', () => {
    const part = readConfigLike('bundle-manifest', manifest, 'bundle/manifest.json');
    const ev = { ...emptyEvidence(), collection: part.collection ?? [] };
    expect(ev.collection[0]!.notes).toHaveLength(2);
    const report = buildReport({ findings: [], verdict: { code: 'inconclusive', summary: 'x' }, proxyPaths: [] }, ev);
    expect(report.collection.steps[0]!.notes![0]).toMatch(/only the newest 20000/);
    expect(report.collection.steps[1]!.notes).toBeUndefined();
    const text = renderReport(report, 'text', { color: false }).replace(/\s+/g, ' ');
    expect(text).toContain('ADSync: only the newest 20000 events of the look-back window were collected');
  });
});
