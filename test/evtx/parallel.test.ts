// The .evtx reader's provider pre-filter and its chunk-range (parallel) reading give what the plain
// sequential reader gives, record for record, on every public sample, damaged ones included.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEvtx } from '../../src/evidence/readers/evtx/index.js';
import { readEvtxParallel, readRangeEvents, type EvtxRangeResult } from '../../src/evidence/readers/evtx/parallel.js';
import type { Pool } from '../../src/parallel/pool.js';
import type { WinEvent } from '../../src/evidence/types.js';
import { isRelevantProvider } from '../../src/evidence/relevance.js';
import { readAll, sampleFiles, samplePath } from './samples.js';

const dir = mkdtempSync(join(tmpdir(), 'aadsync-evtx-par-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of a sample cut inside its last chunk (the file ends part way through it). */
function truncated(file: string): string {
  const b = readFileSync(file);
  const out = join(dir, `cut-${basename(file)}`);
  writeFileSync(out, b.subarray(0, b.length - 40_000));
  return out;
}

const files = [...sampleFiles().map(samplePath), truncated(samplePath('security.evtx'))];

interface Task {
  from: number;
  count: number;
}

/** The pool's contract, run in this thread (what the worker would do, without the thread). */
function inlinePool(file: string, filter?: { keepProvider(p: string): boolean }): Pool<Task, EvtxRangeResult<WinEvent[]>> {
  return {
    size: 3,
    threads: false,
    async run(t) {
      const events: WinEvent[] = [];
      const r = await readRangeEvents({ path: file, file: basename(file), verify: true }, t.from, t.count, filter, (e) => events.push(e));
      return { output: events, ...r };
    },
    close: async () => undefined,
  };
}

describe('provider pre-filter', () => {
  for (const file of files) {
    it(`${basename(file)}: the provider read from the bytes is the parsed one, for every record`, async () => {
      const asked: string[] = [];
      const kept = await readAll({ path: file, open: async () => (await import('node:fs')).createReadStream(file) });
      const read = readEvtx(file, { filter: { keepProvider: (p) => (asked.push(p), true) } });
      const events: WinEvent[] = [];
      for await (const e of read) events.push(e);
      expect(events).toEqual(kept.events);
      expect(asked).toEqual(events.map((e) => e.provider));
      // Dropping every record: each is counted, none is read.
      const none = readEvtx(file, { filter: { keepProvider: () => false } });
      let n = 0;
      for await (const _ of none) n++;
      expect(n).toBe(0);
      expect(none.stats.filtered).toBe(kept.read.stats.records);
    });
  }

  it('keeps only the Azure AD Connect providers when given isRelevantProvider (near miss: a sample holding none gives none)', async () => {
    const read = readEvtx(samplePath('system.evtx'), { filter: { keepProvider: isRelevantProvider } });
    const got: WinEvent[] = [];
    for await (const e of read) got.push(e);
    expect(got).toEqual([]);
    expect(read.stats.filtered).toBe(1881);
  });
});

describe('chunk ranges (what worker threads read) equal the sequential read', () => {
  for (const file of files) {
    it(`${basename(file)}: events, notes and counts`, async () => {
      const seq = await readAll(file);
      // One chunk per task: every boundary is a task boundary.
      const par = readEvtxParallel({ path: file, file: basename(file), verify: true }, inlinePool(file), (from, count) => ({ from, count }), { chunksPerTask: 1 });
      const events: WinEvent[] = [];
      for await (const evs of par) events.push(...evs);
      expect(events).toEqual(seq.events.map((e) => ({ ...e, file: basename(file) })));
      expect(par.notes).toEqual(seq.read.notes);
      const { bytes: _b1, ...ps } = par.stats;
      const { bytes: _b2, ...ss } = seq.read.stats;
      expect(ps).toEqual(ss);
    });
  }

  it('with the provider filter, ranges count the same records as the sequential filtered read', async () => {
    const file = samplePath('security.evtx');
    const big = join(dir, 'twice.evtx');
    copyFileSync(file, big);
    const filter = { keepProvider: (p: string) => p === 'Microsoft-Windows-Eventlog' };
    const seq = readEvtx(big, { filter });
    const seqEvents: WinEvent[] = [];
    for await (const e of seq) seqEvents.push(e);
    const par = readEvtxParallel({ path: big, file: big, verify: true }, inlinePool(big, filter), (from, count) => ({ from, count }), { chunksPerTask: 3 });
    const parEvents: WinEvent[] = [];
    for await (const evs of par) parEvents.push(...evs);
    expect(parEvents).toEqual(seqEvents.map((e) => ({ ...e, file: basename(big) })));
    expect(par.stats.filtered).toBe(seq.stats.filtered);
    expect(parEvents.length + par.stats.filtered).toBe(2261);
  });
});
