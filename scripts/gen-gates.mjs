#!/usr/bin/env node
// Run by `npm run build` after tsc: writes dist/facts/gates.json, the literal pre-test of every expression
// of the fact tables (signatures, phrases, targets), so that a run does not read ~900 sources at start-up
// (docs/performance.md, start-up). src/facts/gate.ts uses an entry only when its key (flags and source)
// is exactly an expression's and the file's reader fingerprint is its own; otherwise it computes the gate.
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist', 'facts');
const load = (name) => import(pathToFileURL(join(dist, name)).href);
const { GATES_FILE, gateKey, gateOf, gateReader } = await load('gate.js');
const { SIGNATURES } = await load('extract.js');
const { PHRASES } = await load('phrases.js');
const { TARGET_PATTERNS } = await load('targets.js');

const expressions = [...SIGNATURES.map((s) => s.re), ...PHRASES.flatMap((p) => p.patterns), ...TARGET_PATTERNS.map((t) => t.re)];
const gates = {};
for (const re of expressions) gates[gateKey(re)] = gateOf(re);
writeFileSync(join(dist, GATES_FILE), JSON.stringify({ reader: gateReader(), gates }));
