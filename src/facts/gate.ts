// A cheap pre-test for a regular expression: the literal text that any match of it must contain. Most
// signatures cannot match a given error (a curl exit code in a .NET stack trace), and on a short input
// compiling each of several hundred expressions costs far more than the search itself: V8 compiles a
// RegExp the first time it runs and again, to machine code, the second time. `includes` of a literal
// needs no compilation, so an expression whose literals are all absent is never run.
//
// The literal is read from the expression's source, conservatively: for each top-level alternative,
// the longest run of plain characters that every match of that alternative contains; anything the
// reader does not fully understand (a group, a class, an escape that is not a plain character, a
// quantifier that may repeat zero times) ends a run. An expression with an alternative that has no such
// run of at least MIN_LITERAL characters gets no gate and always runs. test/facts/gate.test.ts checks,
// over every text of the corpus and the fixtures, that no expression that matches is ever gated out.

import { readFileSync } from 'node:fs';

export interface Gate {
  /** One literal per top-level alternative; the expression can match only if the text holds one of them. */
  literals: string[];
  /** Compare case-insensitively (the expression has the `i` flag): literals are lower-case ASCII. */
  caseless: boolean;
}

const MIN_LITERAL = 3;

/** Escapes after a backslash that stand for the character itself (identity escapes of punctuation). */
function isIdentityEscape(code: number): boolean {
  return !((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a));
}

/** Splits `source` at its top-level `|`, leaving groups and classes whole (skipped by skipGroup and skipClass). */
function topLevelAlternatives(source: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') i += 2;
    else if (c === '(') i = skipGroup(source, i);
    else if (c === '[') i = skipClass(source, i);
    else {
      if (c === '|') {
        out.push(source.slice(start, i));
        start = i + 1;
      }
      i++;
    }
  }
  out.push(source.slice(start));
  return out;
}

/** The index just past the group that opens at `i` (source[i] === '('). */
function skipGroup(s: string, i: number): number {
  let depth = 0;
  let inClass = false;
  for (let j = i; j < s.length; j++) {
    const c = s[j]!;
    if (c === '\\') {
      j++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j + 1;
  }
  return s.length;
}

/** The index just past the class that opens at `i` (source[i] === '['). */
function skipClass(s: string, i: number): number {
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (s[j] === ']') return j + 1;
  }
  return s.length;
}

const BRACE_QUANTIFIER = /\{(\d+)(?:,(\d*))?\}/y;

/** A quantifier at `i`: its length and whether it allows zero repetitions; null when there is none. */
function quantifierAt(s: string, i: number): { length: number; optional: boolean } | null {
  const c = s[i];
  let length = 0;
  let optional = false;
  if (c === '?' || c === '*') {
    length = 1;
    optional = true;
  } else if (c === '+') {
    length = 1;
  } else if (c === '{') {
    BRACE_QUANTIFIER.lastIndex = i;
    const m = BRACE_QUANTIFIER.exec(s);
    if (!m) return null; // a literal '{' (no valid quantifier follows)
    length = m[0].length;
    optional = Number(m[1]) === 0;
  } else {
    return null;
  }
  if (s[i + length] === '?') length++; // lazy
  return { length, optional };
}

/** The longest literal every match of one alternative contains ('' when there is none). */
function requiredLiteral(alt: string, caseless: boolean): string {
  const state = { best: '', run: '' };
  walk(alt, caseless, state);
  endRun(state);
  return state.best;
}

function endRun(state: { best: string; run: string }): void {
  if (state.run.length > state.best.length) state.best = state.run;
  state.run = '';
}

/**
 * Reads one alternative token by token, extending the current run with each plain character every
 * match must contain. A plain group — `(…)`, `(?:…)`, `(?<name>…)` with no `|` at its own top level — is
 * read inline (its characters are adjacent to what surrounds it); any other group ends the run.
 */
function walk(alt: string, caseless: boolean, state: { best: string; run: string }): void {
  let i = 0;
  while (i < alt.length) {
    const c = alt[i]!;
    let literal: string | null = null;
    let inner: string | null = null;
    let next = i + 1;
    if (c === '\\') {
      const e = alt[i + 1];
      if (e !== undefined && isIdentityEscape(e.charCodeAt(0))) literal = e;
      // \d \w \s \b \n \u… \x… \p{…} \k<…> \1 …: not a plain character.
      next = i + 2;
      if (e === 'u' && alt[i + 2] === '{') next = alt.indexOf('}', i) + 1 || alt.length;
      else if (e === 'u') next = i + 6;
      else if (e === 'x') next = i + 4;
      else if (e === 'p' || e === 'P') next = alt.indexOf('}', i) + 1 || alt.length;
      else if (e === 'k') next = alt.indexOf('>', i) + 1 || alt.length;
      else if (e === 'c') next = i + 3;
    } else if (c === '(') {
      next = skipGroup(alt, i);
      const body = alt.slice(i + 1, next - 1);
      const plain = /^(?:\?:|\?<[A-Za-z_$][\w$]*>)?/.exec(body)![0];
      const isLookaround = body.startsWith('?=') || body.startsWith('?!') || body.startsWith('?<=') || body.startsWith('?<!');
      const content = body.slice(plain.length);
      if (!isLookaround && (plain !== '' || !body.startsWith('?')) && topLevelAlternatives(content).length === 1) inner = content;
    } else if (c === '[') {
      next = skipClass(alt, i);
    } else if ('.^$'.includes(c)) {
      // not a plain character
    } else {
      literal = c;
    }
    const q = quantifierAt(alt, next);
    if (q) next += q.length;
    if (literal !== null && caseless && literal.charCodeAt(0) > 0x7f) literal = null; // case folding beyond ASCII: not comparable
    if (literal !== null && literal.charCodeAt(0) >= 0xd800 && literal.charCodeAt(0) <= 0xdfff) literal = null; // half of an astral character: a quantifier may take both halves
    if (q?.optional) {
      endRun(state);
    } else if (inner !== null) {
      walk(inner, caseless, state);
      if (q) endRun(state); // repeated: what follows is not adjacent to a single copy
    } else if (literal === null) {
      endRun(state);
    } else {
      state.run += caseless ? literal.toLowerCase() : literal;
      if (q) endRun(state);
    }
    i = next;
  }
}

/** The gate of an expression, or null when it must always run. */
export function gateOf(re: RegExp): Gate | null {
  const caseless = re.flags.includes('i');
  if (re.flags.includes('v') || re.flags.includes('x')) return null;
  const literals: string[] = [];
  for (const alt of topLevelAlternatives(re.source)) {
    const lit = requiredLiteral(alt, caseless);
    if (lit.length < MIN_LITERAL) return null;
    if (!literals.includes(lit)) literals.push(lit);
  }
  return { literals, caseless };
}

/** A text prepared once for many gate tests: itself, and lower-cased for the caseless gates. */
export interface GateText {
  text: string;
  lower(): string;
}

export function gateText(text: string): GateText {
  let lower: string | undefined;
  return {
    text,
    // U+212A (Kelvin) and U+017F (long s) fold to k and s under the `iu` flags; lower-casing keeps them.
    lower: () => (lower ??= text.toLowerCase().replace(/\u212a/g, 'k').replace(/\u017f/g, 's')),
  };
}

/** Whether the expression behind `gate` may match `t` (true for no gate). */
export function mayMatch(gate: Gate | null, t: GateText): boolean {
  if (!gate) return true;
  const hay = gate.caseless ? t.lower() : t.text;
  return gate.literals.some((l) => hay.includes(l));
}

const cache = new WeakMap<RegExp, Gate | null>();

/** gateOf, remembered per expression (read from gates.json when the build wrote the same one). */
export function gateFor(re: RegExp): Gate | null {
  let g = cache.get(re);
  if (g === undefined) {
    const stored = precomputed()?.[gateKey(re)];
    g = stored === undefined ? gateOf(re) : stored;
    cache.set(re, g);
  }
  return g;
}

// The gates precomputed at build time (`npm run build` runs scripts/gen-gates.mjs after tsc, which writes
// dist/facts/gates.json beside this file): reading ~900 expressions' sources costs a short run more than
// the rest of its fact extraction. An entry is used only when its key — the expression's flags and source —
// is exactly the expression's, and the file only when it was written by this very reader (GATE_READER:
// the text of the reader's functions); anything else is read from the source as before. Running src/
// (the tests), a stale or missing file, the single executable (no file beside it): computed.

/** The key of an expression in gates.json. */
export function gateKey(re: RegExp): string {
  return `${re.flags}/${re.source}`;
}

// Set by scripts/bundle-cli.mjs in the bundled CLI: there esbuild has reprinted the functions below, so their
// text differs from dist/facts/gate.js's; the bundle is built from the same sources in the same build and
// carries the fingerprint of dist/facts/gate.js instead.
declare const __AADSYNC_GATE_READER__: string | undefined;

/** A fingerprint of the reader: changes whenever any function that derives a gate changes. */
export function gateReader(): string {
  if (typeof __AADSYNC_GATE_READER__ === 'string') return __AADSYNC_GATE_READER__;
  const text = [MIN_LITERAL, isIdentityEscape, topLevelAlternatives, skipGroup, skipClass, BRACE_QUANTIFIER, quantifierAt, requiredLiteral, endRun, walk, gateOf].map(String).join('\n');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${text.length}:${(h >>> 0).toString(16)}`;
}

/** The document scripts/gen-gates.mjs writes. */
export interface GatesFile {
  reader: string;
  gates: Record<string, Gate | null>;
}

export const GATES_FILE = 'gates.json';

let stored: Record<string, Gate | null> | null | undefined;

function precomputed(): Record<string, Gate | null> | null {
  if (stored !== undefined) return stored;
  stored = null;
  if (process.env.AADSYNC_DIAGNOSE_NO_STORED_GATES) return stored;
  try {
    const doc = JSON.parse(readFileSync(new URL(`./${GATES_FILE}`, import.meta.url), 'utf8')) as GatesFile;
    if (doc && doc.reader === gateReader() && doc.gates && typeof doc.gates === 'object') stored = Object.assign(Object.create(null) as Record<string, Gate | null>, doc.gates);
  } catch {
    // no file (src/, the single executable) or an unreadable one: every gate is computed
  }
  return stored;
}
