// Issue 15 B: redaction applies to evidence, never to the tool's own words. Every finding code's title,
// explanation and fix (the registry, src/rules/index.ts) is rendered in every format, redacted and not,
// and arrives intact; for the bundled examples, a redacted report differs from the plain one only in
// the customer's names (turned back by the token map, the two are equal).
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { rules } from '../../src/rules/index.js';
import { renderReport, type ReportFormat } from '../../src/report/render.js';
import { createRedactor } from '../../src/redact/index.js';
import { redactReport } from '../../src/redact/report.js';
import { ownWords } from '../../src/report/own-words.js';
import type { Report } from '../../src/model/report.js';
import { collectEvidence } from '../../src/evidence/collect-evidence.js';
import { diagnose } from '../../src/rules/engine.js';
import { buildReport } from '../../src/report/build.js';

const FORMATS: ReportFormat[] = ['text', 'markdown', 'json', 'html'];

/** A report with one finding per code, as the registry states it, and no customer value in it. */
function registryReport(): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'aadsync-diagnose', version: '0.0.0-test' },
    generatedAt: '2026-11-25T10:00:00Z',
    verdict: { code: 'inconclusive', summary: 'Every finding code of the registry, as the registry states it.' },
    findings: rules.map((r) => ({
      code: r.meta.code,
      severity: r.meta.severity,
      route: r.meta.route,
      confidence: 'high' as const,
      title: r.meta.title,
      explanation: r.meta.explanation,
      evidence: [],
      fix: r.meta.fix,
      references: r.meta.references,
    })),
    proxyPaths: [],
    collection: { steps: [] },
  };
}

/** A redactor that knows the names of a typical server (so learned bare words are in play). */
function primed(identities: boolean) {
  const r = createRedactor({ identities });
  r.learnIdentities({ hosts: ['AADC01'], users: ['CONTOSO\\svc-adsync', 'CONTOSO\\adm-jdoe'], domains: ['contoso.com'] });
  r.text('<Computer>AADC01.corp.contoso.com</Computer> proxy.contoso.com:8080 alice@contoso.com 10.20.30.40');
  return r;
}

describe("every finding code's words survive redaction, in every format", () => {
  const plain = registryReport();
  it('the registry has codes, and each has a fix', () => {
    expect(rules.length).toBeGreaterThan(20);
    for (const r of rules) expect(r.meta.fix.length, r.meta.code).toBeGreaterThan(0);
  });
  for (const identities of [true, false]) {
    for (const exempt of [true, false]) {
      it(`identities ${identities ? 'redacted' : 'kept'}, ${exempt ? 'own words exempt' : 'by shape alone'}: rendered output identical`, () => {
        const r = primed(identities);
        const redacted = redactReport(plain, r, exempt ? { ownWords: ownWords() } : {});
        expect(redacted.findings.map((f) => f.fix)).toEqual(plain.findings.map((f) => f.fix));
        for (const format of FORMATS) {
          expect(renderReport(redacted, format, { color: false }), format).toBe(renderReport(plain, format, { color: false }));
        }
        expect(r.counts().secrets).toBe(0);
      });
    }
  }
});

describe('the examples: a redacted report differs from the plain one only in the names', () => {
  const examples = ['proxy-auth-407', 'proxy-bypass', 'conditional-access', 'bundle-proxy-bypass', 'healthy'];
  for (const name of examples) {
    it(name, async () => {
      const ev = await collectEvidence([resolve(import.meta.dirname, '..', '..', 'examples', name)]);
      const report = buildReport(diagnose(ev), ev, new Date('2026-11-25T10:00:00Z'));
      // Secrets only: the examples hold none, so nothing at all changes.
      const kept = redactReport(report, createRedactor({ identities: false }), { ownWords: ownWords() });
      expect(kept).toEqual(report);
      // Identities: turned back through the map, the tool's sentences are what they were.
      const r = createRedactor({ identities: true });
      const red = redactReport(report, r, { ownWords: ownWords() });
      const map = Object.entries(r.map()).sort((a, b) => b[0].length - a[0].length);
      const back = (s: string) => map.reduce((t, [tok, orig]) => t.replace(new RegExp(`${tok.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9])`, 'g'), orig), s);
      const norm = (s: string) => s.toLowerCase();
      for (let i = 0; i < report.findings.length; i++) {
        const a = report.findings[i]!;
        const b = red.findings[i]!;
        expect(b.code).toBe(a.code);
        expect(b.title).toBe(a.title);
        expect(norm(back(b.explanation))).toBe(norm(a.explanation));
        expect(b.fix.map((f) => norm(back(f)))).toEqual(a.fix.map(norm));
      }
      expect(norm(back(red.verdict.summary))).toBe(norm(report.verdict.summary));
    });
  }
});
