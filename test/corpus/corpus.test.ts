// The real-error corpus (corpus/README.md): every case must come out right, or be named in
// corpus/known-misses.json with the reason. Prints accuracy, precision and recall per code, wrong blame
// (a cause named that is not the case's) and overclaims (a route claimed the text does not show).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ESM script shared with `npm run corpus`
import { PARTS, formatSummary, loadCases, scoreCases, summarise } from '../../scripts/corpus-score.mjs';
import { repoRoot } from '../helpers/cli.js';

interface Judged { id: string; part: string; expected: string; expectedCodes: string[]; verdict: string; found: string[]; right: boolean; wrongBlame: boolean }

const known = JSON.parse(readFileSync(join(repoRoot, 'corpus/known-misses.json'), 'utf8')) as { misses: Record<string, string> };
let judged: Judged[] = [];

describe('the real-error corpus', () => {
  beforeAll(async () => {
    const cases = loadCases('all');
    const r = await scoreCases(cases, join(repoRoot, 'dist'));
    judged = r.judged as Judged[];
    for (const part of PARTS as string[]) {
      const sub = cases.filter((c: { part: string }) => c.part === part);
      if (!sub.length) continue;
      console.log(formatSummary(`corpus (${part})`, summarise(judged.filter((j) => j.part === part), sub)));
    }
  }, 300_000);

  it('has enough real cases, each with a public source', () => {
    const cases = loadCases('all') as { id: string; source: string; text: string }[];
    expect(cases.length).toBeGreaterThanOrEqual(200);
    for (const c of cases) {
      expect(c.source, c.id).toMatch(/^https?:\/\//);
      expect(c.text.trim().length, c.id).toBeGreaterThan(10);
    }
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it('every case is right, or a known miss with its reason', () => {
    const wrong = judged.filter((j) => !j.right && !(j.id in known.misses));
    expect(wrong.map((j) => `${j.id}: expected ${j.expected} [${j.expectedCodes}] got ${j.verdict} [${j.found}]`)).toEqual([]);
  });

  it('the known-misses list is honest: every case on it still misses, and every reason is said', () => {
    for (const [id, reason] of Object.entries(known.misses)) {
      const j = judged.find((x) => x.id === id);
      expect(j, `${id} is not in the corpus`).toBeDefined();
      expect(j!.right, `${id} is right now: take it off corpus/known-misses.json`).toBe(false);
      expect(reason.length, id).toBeGreaterThan(40);
    }
  });
});
