// One .evtx file on disk read on every core (issue 14): its chunks are independent 64 KiB units (each
// holds its own string and template tables), so runs of chunks are handed to worker threads
// (src/parallel/pool.ts), each reading its byte range itself; this thread reads the file header,
// hands out the ranges, and takes the results back in file order. Notes and stats are those the
// sequential reader (index.ts) gives for the same file, in the same order and under the same cap.
import { open } from 'node:fs/promises';
import type { Pool } from '../../../parallel/pool.js';
import type { WinEvent } from '../../types.js';
import { checkFileHeader, emptyStats, NoteSink, trailerNotes, type EvtxStats } from './index.js';

const HEADER_BLOCK = 4096;
const CHUNK_SIZE = 65536;
/** Chunks per task: 2 MiB, enough work to outweigh a message, small enough to keep every core busy. */
export const CHUNKS_PER_TASK = 32;
/** Files smaller than this are read in one thread: starting workers would cost more than it saves. */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;

/** What every task of one file shares. */
export interface EvtxRangeBase {
  /** The file on disk (opened by the worker). */
  path: string;
  /** WinEvent.file of its events, and the name in notes. */
  file: string;
  verify: boolean;
}

/** What a task gives back: its own output, and the notes and counts of its chunks. */
export interface EvtxRangeResult<T> {
  output: T;
  notes: string[];
  dropped: number;
  stats: EvtxStats;
}

/** Reads `count` chunks from chunk `from` of the file (the last range may end inside a chunk). */
export async function readRange(path: string, from: number, count: number, buf?: Buffer): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const want = count * CHUNK_SIZE;
    const b = buf && buf.length >= want ? buf : Buffer.allocUnsafe(want);
    let got = 0;
    while (got < want) {
      const { bytesRead } = await fh.read(b, got, want - got, HEADER_BLOCK + from * CHUNK_SIZE + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return b.subarray(0, got);
  } finally {
    await fh.close();
  }
}

function addStats(into: EvtxStats, s: EvtxStats): void {
  into.chunks += s.chunks;
  into.emptyChunks += s.emptyChunks;
  into.skippedChunks += s.skippedChunks;
  into.records += s.records;
  into.filtered += s.filtered;
  into.skippedRecords += s.skippedRecords;
  into.incompleteRecords += s.incompleteRecords;
}

export interface ParallelRead<T> extends AsyncIterable<T> {
  /** Final once iteration has ended. */
  readonly notes: string[];
  readonly stats: EvtxStats;
}

/**
 * The file's ranges run on `pool` (task = makeTask(from, count)); yields each task's output in file
 * order, at most `window` tasks in flight (memory: that many results). Throws when the file cannot
 * be read; damage is only ever noted.
 */
export function readEvtxParallel<T, Task>(
  base: EvtxRangeBase,
  pool: Pool<Task, EvtxRangeResult<T>>,
  makeTask: (from: number, count: number) => Task,
  opts: { window?: number; chunksPerTask?: number; onProgress?: (bytesDone: number) => void } = {},
): ParallelRead<T> {
  const notesOut: string[] = [];
  const stats = emptyStats();
  async function* run(): AsyncGenerator<T> {
    const sink = new NoteSink(notesOut);
    const fh = await open(base.path, 'r');
    let size: number;
    const header = Buffer.alloc(HEADER_BLOCK);
    let headerLen: number;
    try {
      size = (await fh.stat()).size;
      headerLen = (await fh.read(header, 0, HEADER_BLOCK, 0)).bytesRead;
    } finally {
      await fh.close();
    }
    stats.bytes = size;
    const headerOk = checkFileHeader(header, headerLen, stats, sink, base.verify);
    const chunks = Math.ceil(Math.max(0, size - HEADER_BLOCK) / CHUNK_SIZE);
    const window = Math.max(2, opts.window ?? 2 * pool.size);
    const per = Math.max(1, opts.chunksPerTask ?? CHUNKS_PER_TASK);
    const pending: Promise<EvtxRangeResult<T>>[] = [];
    let next = 0;
    const submit = () => {
      while (pending.length < window && next < chunks) {
        const count = Math.min(per, chunks - next);
        pending.push(pool.run(makeTask(next, count)));
        next += count;
      }
    };
    submit();
    let done = HEADER_BLOCK;
    try {
      while (pending.length > 0) {
        const r = await pending.shift()!;
        submit();
        for (const n of r.notes) sink.add(n);
        sink.dropped += r.dropped;
        addStats(stats, r.stats);
        done = Math.min(size, done + per * CHUNK_SIZE);
        opts.onProgress?.(done);
        yield r.output;
      }
    } finally {
      // A consumer that stops early (events … | head) leaves the tasks in flight to finish unread.
      for (const p of pending) p.catch(() => undefined);
    }
    trailerNotes(headerOk, stats, sink);
    sink.finish();
  }
  const it = run();
  return { [Symbol.asyncIterator]: () => it, notes: notesOut, stats };
}

/** The worker's side: one range of chunks, read and handed to `each` event by event. */
export async function readRangeEvents(
  base: EvtxRangeBase,
  from: number,
  count: number,
  filter: import('./index.js').EvtxFilter | undefined,
  each: (ev: WinEvent) => void,
): Promise<Omit<EvtxRangeResult<never>, 'output'>> {
  const { readChunks } = await import('./index.js');
  const data = await readRange(base.path, from, count);
  const notes: string[] = [];
  const sink = new NoteSink(notes);
  const stats = emptyStats();
  for (const ev of readChunks(data, from, base.file, { verifyChecksums: base.verify, ...(filter ? { filter } : {}) }, sink, stats)) each(ev);
  return { notes, dropped: sink.dropped, stats };
}
