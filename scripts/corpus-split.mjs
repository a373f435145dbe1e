#!/usr/bin/env node
// Splits corpus/incoming/<theme>.jsonl into corpus/tuning/ (three quarters) and corpus/held-out/ (one
// quarter). A case is held out when the first byte of SHA-256(id) is divisible by 4: the choice depends
// on nothing but the id, so it can be checked and never drifts. Run once per batch of new cases, before
// anyone tunes on them; cases already split stay where they are.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'corpus');
export function isHeldOut(id) {
  return createHash('sha256').update(id).digest()[0] % 4 === 0;
}

const incoming = join(root, 'incoming');
if (!existsSync(incoming)) {
  console.log('nothing in corpus/incoming');
  process.exit(0);
}
for (const part of ['tuning', 'held-out']) mkdirSync(join(root, part), { recursive: true });
let held = 0;
let tuned = 0;
for (const f of readdirSync(incoming).filter((n) => n.endsWith('.jsonl'))) {
  const lines = readFileSync(join(incoming, f), 'utf8').split('\n').filter((l) => l.trim());
  const out = { tuning: [], 'held-out': [] };
  for (const l of lines) {
    const c = JSON.parse(l);
    out[isHeldOut(c.id) ? 'held-out' : 'tuning'].push(l);
  }
  for (const part of ['tuning', 'held-out']) {
    const file = join(root, part, f);
    const before = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()) : [];
    if (out[part].length) writeFileSync(file, [...before, ...out[part]].join('\n') + '\n');
  }
  held += out['held-out'].length;
  tuned += out.tuning.length;
}
rmSync(incoming, { recursive: true });
console.log(`tuning: ${tuned}, held-out: ${held}`);
