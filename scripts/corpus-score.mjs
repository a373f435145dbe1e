#!/usr/bin/env node
// Scores `analyze` on the real-error corpus (corpus/README.md): each case's text is written to a file
// and analysed in this process through the built tool (dist/analyze.js, or the dist folder given with
// --dist, so an older build can be scored the same way). Prints accuracy, verdict accuracy, precision
// and recall per code, wrong blame and overclaims; --json prints the whole result.
//
//   node scripts/corpus-score.mjs [--part tuning|held-out|fresh|all] [--dist <dir>] [--json] [--list]
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The parts of the corpus (corpus/README.md, "Layout"). */
export const PARTS = ['tuning', 'held-out', 'fresh', 'fresh-held-out', 'round3', 'round3-held-out', 'round4', 'round4-held-out', 'round5', 'round5-held-out', 'round6', 'round6-held-out', 'round7'];

/** The cases of one part of the corpus (`tuning`, `held-out`, `fresh`) or of all of them (`all`). */
export function loadCases(part = 'all') {
  const parts = part === 'all' ? PARTS : [part];
  const out = [];
  for (const p of parts) {
    const dir = join(ROOT, 'corpus', p);
    if (part === 'all' && !existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort()) {
      for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
        if (line.trim()) out.push({ ...JSON.parse(line), part: p });
      }
    }
  }
  return out;
}

/**
 * What a verdict blames: the path around the proxy, the proxy, the server's TLS settings, something
 * that is not the network, or nothing (inconclusive). Healthy blames nothing but claims success.
 */
export function blameOf(verdict) {
  switch (verdict) {
    case 'proxy-bypassed': return 'direct';
    case 'proxy-rejected':
    case 'proxy-unreachable': return 'proxy';
    case 'tls-failure': return 'tls';
    case 'not-network': return 'not-network';
    case 'healthy': return 'healthy';
    default: return 'none';
  }
}

/** One case against one report: right, wrong blame, overclaim, and the codes seen. */
export function judge(c, report) {
  const found = report.findings.map((f) => f.code);
  const verdict = report.verdict.code;
  const expected = c.expect;
  const codesOk = expected.codes.every((k) => found.includes(k));
  const blameExpected = blameOf(expected.verdict);
  const blameGot = blameOf(verdict);
  return {
    id: c.id,
    part: c.part,
    expected: expected.verdict,
    expectedCodes: expected.codes,
    verdict,
    found,
    right: verdict === expected.verdict && codesOk,
    verdictRight: verdict === expected.verdict,
    // Both name a cause (or success) and the causes differ: the admin is sent to the wrong place.
    wrongBlame: blameExpected !== 'none' && blameGot !== 'none' && blameExpected !== blameGot,
    // The text does not show the route, and the tool claims one.
    overclaim: blameExpected === 'none' && blameGot !== 'none',
  };
}

export function summarise(judged, cases) {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const n = judged.length;
  const count = (pred) => judged.filter(pred).length;
  const codes = new Map();
  const stat = (k) => {
    if (!codes.has(k)) codes.set(k, { code: k, tp: 0, fp: 0, fn: 0 });
    return codes.get(k);
  };
  for (const j of judged) {
    const c = byId.get(j.id);
    const expected = new Set(c.expect.codes);
    const allowed = new Set([...(c.expect.also ?? []), ...expected]);
    for (const k of expected) (j.found.includes(k) ? stat(k).tp++ : stat(k).fn++);
    for (const k of new Set(j.found)) if (!allowed.has(k)) stat(k).fp++;
  }
  const perCode = [...codes.values()]
    .map((s) => ({ ...s, precision: s.tp + s.fp ? s.tp / (s.tp + s.fp) : null, recall: s.tp + s.fn ? s.tp / (s.tp + s.fn) : null }))
    .sort((a, b) => a.code.localeCompare(b.code));
  return {
    cases: n,
    right: count((j) => j.right),
    verdictRight: count((j) => j.verdictRight),
    wrongBlame: count((j) => j.wrongBlame),
    overclaim: count((j) => j.overclaim),
    accuracy: n ? count((j) => j.right) / n : 0,
    perCode,
  };
}

/** Analyses every case with the analyze pipeline of `distDir` and judges it. */
export async function scoreCases(cases, distDir = join(ROOT, 'dist')) {
  const { analyzePaths } = await import(pathToFileURL(join(resolve(distDir), 'analyze.js')).href);
  const tmp = mkdtempSync(join(tmpdir(), 'aadsync-corpus-'));
  const judged = [];
  try {
    for (const c of cases) {
      const file = join(tmp, `${c.id}.txt`);
      writeFileSync(file, c.text);
      let report;
      try {
        ({ report } = await analyzePaths([file], { format: 'json', color: false, quiet: false }));
      } catch (e) {
        // The tool refused the text (exit 2 for a user): a miss, with the reason as its verdict.
        report = { verdict: { code: `refused: ${e instanceof Error ? e.message.replace(/^.*?\.txt: /, '') : String(e)}` }, findings: [] };
      }
      judged.push(judge(c, report));
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { judged, summary: summarise(judged, cases) };
}

export function formatSummary(title, s) {
  const pct = (x) => (x === null ? '  -  ' : `${(x * 100).toFixed(0).padStart(3)}%`);
  const lines = [
    `${title}: ${s.right}/${s.cases} right (${(s.accuracy * 100).toFixed(1)}%), verdict right ${s.verdictRight}/${s.cases}, wrong blame ${s.wrongBlame}, overclaims ${s.overclaim}`,
    '  code                              tp  fp  fn  precision  recall',
  ];
  for (const c of s.perCode) lines.push(`  ${c.code.padEnd(32)} ${String(c.tp).padStart(3)} ${String(c.fp).padStart(3)} ${String(c.fn).padStart(3)}     ${pct(c.precision)}     ${pct(c.recall)}`);
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : dflt;
  };
  const part = arg('--part', 'all');
  const cases = loadCases(part);
  const { judged, summary } = await scoreCases(cases, arg('--dist', join(ROOT, 'dist')));
  if (process.argv.includes('--json')) console.log(JSON.stringify({ part, summary, judged }, null, 2));
  else {
    console.log(formatSummary(`corpus (${part})`, summary));
    if (process.argv.includes('--list')) for (const j of judged.filter((x) => !x.right)) console.log(`  MISS ${j.id}: expected ${j.expected} [${j.expectedCodes}] got ${j.verdict} [${j.found}]${j.wrongBlame ? ' WRONG BLAME' : ''}`);
  }
}
