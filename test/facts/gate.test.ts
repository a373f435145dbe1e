// The literal pre-test of the fact tables (src/facts/gate.ts) may skip an expression only when it cannot
// match: checked for every signature, phrase and target expression over every text of the real-error
// corpus and every text fixture and example, and on hand-made expressions of each construct the reader
// understands or refuses.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIGNATURES } from '../../src/facts/extract.js';
import { gateOf, gateText, mayMatch } from '../../src/facts/gate.js';
import { PHRASES } from '../../src/facts/phrases.js';
import { TARGET_PATTERNS } from '../../src/facts/targets.js';
import { decodeExact, detectEncoding } from '../../src/evidence/decode.js';

const root = join(import.meta.dirname, '..', '..');

function corpusTexts(): string[] {
  const out: string[] = [];
  const dir = join(root, 'corpus');
  for (const part of readdirSync(dir)) {
    const p = join(dir, part);
    if (!statSync(p).isDirectory()) continue;
    for (const f of readdirSync(p).filter((n) => n.endsWith('.jsonl'))) {
      for (const line of readFileSync(join(p, f), 'utf8').split('\n')) if (line.trim()) out.push((JSON.parse(line) as { text: string }).text);
    }
  }
  return out;
}

/** Text files (logs, event exports, configs, JSON) under a folder, decoded as the tool decodes them. */
function fixtureTexts(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) fixtureTexts(p, out);
    else if (st.size < 2_000_000 && /\.(?:log|txt|xml|json|config|md)$/i.test(name)) {
      const bytes = readFileSync(p);
      try {
        out.push(decodeExact(bytes, detectEncoding(bytes)).text);
      } catch {
        out.push(bytes.toString('utf8'));
      }
    }
  }
  return out;
}

const expressions: [string, RegExp][] = [
  ...SIGNATURES.map((s): [string, RegExp] => [`signature ${s.id}`, s.re]),
  ...PHRASES.flatMap((p) => p.patterns.map((re): [string, RegExp] => [`phrase ${p.id}`, re])),
  ...TARGET_PATTERNS.map((t): [string, RegExp] => [`target ${t.id}`, t.re]),
];

describe('the literal pre-test of the fact tables', () => {
  it('never skips an expression that matches a real text (corpus, fixtures, examples)', () => {
    const texts = [...corpusTexts(), ...fixtureTexts(join(root, 'test', 'fixtures')), ...fixtureTexts(join(root, 'examples')), ...fixtureTexts(join(root, 'scenarios'))];
    expect(texts.length).toBeGreaterThan(800);
    const wrong: string[] = [];
    let matched = 0;
    for (const text of texts) {
      const gt = gateText(text);
      for (const [id, re] of expressions) {
        re.lastIndex = 0;
        const m = re.test(text);
        re.lastIndex = 0;
        if (!m) continue;
        matched++;
        if (!mayMatch(gateOf(re), gt)) wrong.push(`${id} on ${JSON.stringify(text.slice(0, 80))}`);
      }
    }
    expect(matched).toBeGreaterThan(1000);
    expect(wrong).toEqual([]);
  });

  it('gates most expressions, so a short error compiles few of them', () => {
    const gated = expressions.filter(([, re]) => gateOf(re)).length;
    expect(gated / expressions.length).toBeGreaterThan(0.8);
    const gt = gateText("System.Net.WebException: The remote name could not be resolved: 'login.windows.net'");
    const run = expressions.filter(([, re]) => mayMatch(gateOf(re), gt)).length;
    expect(run / expressions.length).toBeLessThan(0.25);
  });

  it('reads the literal every match needs, and refuses what it cannot read', () => {
    const lits = (re: RegExp) => gateOf(re)?.literals;
    expect(lits(/The remote name could not be resolved/i)).toEqual(['the remote name could not be resolved']);
    // An optional character splits the run; a repeated one ends it after itself.
    expect(lits(/abcdX?efghij/)).toEqual(['efghij']);
    expect(lits(/abcdefg+hij/)).toEqual(['abcdefg']);
    expect(lits(/abc{0,2}defghi/)).toEqual(['defghi']);
    // One literal per top-level alternative; an alternative without one removes the gate.
    expect(lits(/curl: \(6\)|Could not resolve host/i)).toEqual(['curl: (6)', 'could not resolve host']);
    expect(gateOf(/abcdef|\d+/)).toBeNull();
    // A plain group is read inline; a group with alternatives, a lookaround or a class ends the run.
    expect(lits(/Error (10060)\b/)).toEqual(['Error 10060']);
    expect(lits(/(?:SocketException|WinError) 10060/)).toEqual([' 10060']);
    expect(lits(/abc(?=def)ghijk/)).toEqual(['ghijk']);
    expect(lits(/ab[cd]efgh/)).toEqual(['efgh']);
    // Case-insensitive: lower-case ASCII only; a letter beyond ASCII ends the run.
    expect(lits(/Remotename konnte nicht aufgelöst/i)).toEqual(['remotename konnte nicht aufgel']);
    expect(gateText('K\u212a').lower()).toBe('kk');
    // Case-sensitive: any character, compared as it is.
    expect(lits(/未能解析此远程名称/u)).toEqual(['未能解析此远程名称']);
  });
});
