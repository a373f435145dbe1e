import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.js';
import { emptyEvidence } from '../../src/evidence/types.js';
import { bypassDiagnosis, bypassEvidence, hostileReportBuilt, NOW } from './fixtures.js';

describe('buildReport', () => {
  it('keeps every CONTRACT field and stamps generatedAt in ISO UTC to the second', () => {
    const r = buildReport(bypassDiagnosis(), bypassEvidence(), NOW);
    expect(r.schemaVersion).toBe(1);
    expect(r.tool.name).toBe('aadsync-diagnose');
    expect(r.generatedAt).toBe('2026-11-25T10:04:31Z');
    expect(r.verdict.code).toBe('proxy-bypassed');
    expect(r.proxyPaths).toHaveLength(9);
    expect(r.collection.steps.map((s) => s.name)).toEqual(['preflight', 'events', 'traces', 'config', 'sync-cycle', 'probes-as-service']);
  });

  it('puts the finding that decided the verdict first, warnings after errors', () => {
    const r = buildReport(bypassDiagnosis(), bypassEvidence(), NOW);
    expect(r.findings.map((f) => f.code)).toEqual(['proxy-bypass-dns', 'service-proxy-missing', 'machine-config-restart-needed']);
  });

  it('orders the quoted records of a finding by time, and inputs by path', () => {
    const r = buildReport(bypassDiagnosis(), bypassEvidence(), NOW);
    expect(r.findings[0]!.evidence.map((e) => e.location)).toEqual(['record 47914', 'lines 120-126', 'record 48213']);
    expect(r.inputs!.map((i) => i.path)).toEqual([...r.inputs!.map((i) => i.path)].sort());
  });

  it('gives the same report for the same evidence whatever order the engine listed findings in', () => {
    const a = buildReport(bypassDiagnosis(), bypassEvidence(), NOW);
    const d = bypassDiagnosis();
    d.findings.reverse();
    const ev = bypassEvidence();
    ev.inputs.reverse();
    const b = buildReport(d, ev, NOW);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('adds counts, server facts, the sync cycle and a timeline that leaves config times out', () => {
    const r = buildReport(bypassDiagnosis(), bypassEvidence(), NOW);
    expect(r.summary).toMatchObject({ errors: 2, warnings: 1, infos: 0, records: 304, events: 1942, inputs: 5, collectionProblems: 1 });
    expect(r.server).toMatchObject({ adsyncVersion: '2.4.27.0', serviceAccount: 'NT SERVICE\\ADSync', stagingMode: false });
    expect(r.sync![0]!.runProfiles[1]).toMatchObject({ connector: 'contoso.onmicrosoft.com - AAD', result: 'stopped-extension-dll-exception' });
    const tl = r.timeline!;
    // The restart-needed finding quotes only config facts (a service start 5 days earlier): no lane.
    expect(tl.lanes.map((l) => l.label)).toEqual(['corp.contoso.com: Delta Import', 'contoso.onmicrosoft.com - AAD: Export', 'proxy-bypass-dns']);
    expect(tl.start).toBe('2026-11-25T09:12:03.551Z');
    expect(tl.end).toBe('2026-11-25T09:58:13Z');
    const dns = tl.lanes.find((l) => l.label === 'proxy-bypass-dns')!;
    expect(dns).toMatchObject({ finding: 1, count: 300, severity: 'error' });
    expect(dns.marks).toHaveLength(3);
  });

  it('keeps only http(s) references (they become links in Markdown and HTML)', () => {
    const r = hostileReportBuilt();
    expect(r.findings[0]!.references).toEqual(['https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-connectivity']);
  });

  it('is plain JSON: no undefined members, no shared objects with the diagnosis', () => {
    const d = bypassDiagnosis();
    const r = buildReport(d, bypassEvidence(), NOW);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    r.findings[0]!.evidence[0]!.excerpt = 'changed';
    expect(d.findings.some((f) => f.evidence.some((e) => e.excerpt === 'changed'))).toBe(false);
  });

  it('makes a minimal report from empty evidence (loose text with nothing recognisable)', () => {
    const r = buildReport(
      { verdict: { code: 'inconclusive', summary: 'Nothing recognisable was found in the input.' }, findings: [], proxyPaths: [] },
      emptyEvidence(),
      NOW,
    );
    expect(r.findings).toEqual([]);
    expect(r.timeline).toBeUndefined();
    expect(r.server).toBeUndefined();
    expect(r.sync).toBeUndefined();
    expect(r.inputs).toEqual([]);
  });
});
