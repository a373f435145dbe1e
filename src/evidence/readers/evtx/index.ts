// Streaming .evtx reader (MS-EVEN6 "BinXml" event log files).
//
// Exports:
//   readEvtx(entry, opts?)  -> EvtxRead: an AsyncIterable<WinEvent> that is also an object with
//                              `events()` (the same iterable) and `notes` (what was damaged or skipped,
//                              complete once iteration ends) and `stats` (counts for tests and --verbose).
//   isEvtxHeader(bytes)     -> whether the first bytes are an `ElfFile\0` file header.
//   EvtxReadOptions, EvtxRead, EvtxStats (types).
//
// `entry` is a path or `{ path, open() }` (a file, or a zip entry's stream). The file is read from a
// stream in 64 KiB chunks into one reused buffer, so memory does not grow with the file size.
// Damage is normal in event logs: bad checksums are read anyway, a chunk without `ElfChnk\0` is
// skipped, records that do not parse are skipped; each is said once in `notes`. Chunks past the
// header's count (dirty files) are read too. Nothing here throws on damaged data; it throws only
// when the stream itself fails.
import { createReadStream } from 'node:fs';
import { crc32 } from 'node:zlib';
import type { WinEvent } from '../../types.js';
import { ChunkParser, EvtxDataError } from './binxml.js';
import { mapRecord, recordProvider } from './map.js';
import { filetimeIso } from './values.js';

export interface EvtxReadOptions {
  /** Name put in WinEvent.file (default: the path). */
  file?: string;
  /** Called after each chunk with the bytes read so far. */
  onProgress?: (bytesDone: number) => void;
  /** Verify header and record checksums (default true; damage is noted, never fatal). */
  verifyChecksums?: boolean;
  /** Only records of some providers (analyze reads only Azure AD Connect's): the others are counted, not read. */
  filter?: EvtxFilter;
}

/**
 * Which records to read. A record of another provider is counted in `stats.filtered` and never parsed
 * or mapped: its provider's name is read from its bytes first (providerOf: the template, cached per
 * chunk, says where the name is; a substitution's value is read in place). A record whose template
 * does not say it plainly is parsed, and dropped after.
 */
export interface EvtxFilter {
  keepProvider(name: string): boolean;
}

export interface EvtxStats {
  bytes: number;
  chunks: number;
  /** Chunks that were all zero (pre-allocated, never written). */
  emptyChunks: number;
  skippedChunks: number;
  records: number;
  /** Records counted but not read: another provider's (EvtxReadOptions.filter). */
  filtered: number;
  skippedRecords: number;
  /** Records kept although their trailing size copy is missing (written part way). */
  incompleteRecords: number;
  /** Chunk count the file header declares. */
  headerChunkCount: number;
  dirty: boolean;
  full: boolean;
}

export interface EvtxRead extends AsyncIterable<WinEvent> {
  events(): AsyncIterable<WinEvent>;
  /** Notes about damage and skipped data; final once iteration has finished. */
  readonly notes: string[];
  readonly stats: EvtxStats;
}

export type EvtxEntry = string | { path: string; open(): Promise<NodeJS.ReadableStream> };

export const FILE_MAGIC = Buffer.from('ElfFile\0', 'latin1');
const CHUNK_MAGIC = Buffer.from('ElfChnk\0', 'latin1');
const RECORD_MAGIC = Buffer.from([0x2a, 0x2a, 0, 0]);
const HEADER_BLOCK = 4096;
const CHUNK_SIZE = 65536;
const CHUNK_HEADER = 512;
const RECORD_HEADER = 24;
const MAX_NOTES = 40;
/** Pre-allocated, never written chunks are all zero; compared natively rather than byte by byte. */
const ZERO_CHUNK = Buffer.alloc(CHUNK_SIZE);

export function isEvtxHeader(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  for (let i = 0; i < 8; i++) if (bytes[i] !== FILE_MAGIC[i]) return false;
  return true;
}

export function emptyStats(): EvtxStats {
  return { bytes: 0, chunks: 0, emptyChunks: 0, skippedChunks: 0, records: 0, filtered: 0, skippedRecords: 0, incompleteRecords: 0, headerChunkCount: 0, dirty: false, full: false };
}

export function readEvtx(entry: EvtxEntry, opts: EvtxReadOptions = {}): EvtxRead {
  const path = typeof entry === 'string' ? entry : entry.path;
  const open =
    typeof entry === 'string'
      ? async (): Promise<NodeJS.ReadableStream> => createReadStream(entry, { highWaterMark: CHUNK_SIZE })
      : () => entry.open();
  const notes: string[] = [];
  const stats: EvtxStats = emptyStats();
  let started = false;
  const iterable: AsyncIterable<WinEvent> = {
    [Symbol.asyncIterator]() {
      if (started) throw new Error('readEvtx: events can be iterated once');
      started = true;
      return run(open, opts.file ?? path, opts, notes, stats)[Symbol.asyncIterator]();
    },
  };
  return {
    [Symbol.asyncIterator]: () => iterable[Symbol.asyncIterator](),
    events: () => iterable,
    notes,
    stats,
  };
}

/** Notes, capped: after MAX_NOTES, further notes are only counted. */
export class NoteSink {
  dropped = 0;
  constructor(private readonly notes: string[]) {}
  add(s: string): void {
    if (this.notes.length < MAX_NOTES) this.notes.push(s);
    else this.dropped++;
  }
  finish(): void {
    if (this.dropped > 0) this.notes.push(`${this.dropped} more notes not shown`);
  }
}

async function* run(
  open: () => Promise<NodeJS.ReadableStream>,
  file: string,
  opts: EvtxReadOptions,
  notesOut: string[],
  stats: EvtxStats,
): AsyncGenerator<WinEvent> {
  const verify = opts.verifyChecksums !== false;
  const notes = new NoteSink(notesOut);
  const stream = await open();
  // One buffer for the file header, one for the current chunk: reused for the whole file.
  const header = Buffer.alloc(HEADER_BLOCK);
  const chunk = Buffer.alloc(CHUNK_SIZE);
  const parser = new ChunkParser(chunk);
  let headerFill = 0;
  let chunkFill = 0;
  let chunkIndex = 0;
  let headerDone = false;
  let headerOk = false;
  try {
    for await (const piece of stream as AsyncIterable<Buffer | string>) {
      const data = typeof piece === 'string' ? Buffer.from(piece, 'latin1') : piece;
      stats.bytes += data.length;
      let pos = 0;
      while (pos < data.length) {
        if (!headerDone) {
          const n = Math.min(HEADER_BLOCK - headerFill, data.length - pos);
          data.copy(header, headerFill, pos, pos + n);
          headerFill += n;
          pos += n;
          if (headerFill === HEADER_BLOCK) {
            headerDone = true;
            headerOk = checkFileHeader(header, HEADER_BLOCK, stats, notes, verify);
          }
          continue;
        }
        const n = Math.min(CHUNK_SIZE - chunkFill, data.length - pos);
        data.copy(chunk, chunkFill, pos, pos + n);
        chunkFill += n;
        pos += n;
        if (chunkFill === CHUNK_SIZE) {
          yield* readChunk(parser, CHUNK_SIZE, chunkIndex, file, stats, notes, verify, opts.filter);
          chunkIndex++;
          chunkFill = 0;
        }
      }
      opts.onProgress?.(stats.bytes);
    }
    if (!headerDone) {
      if (headerFill > 0) headerOk = checkFileHeader(header, headerFill, stats, notes, verify);
      if (headerFill === 0) notes.add('empty file');
      else notes.add(`file ends inside the ${HEADER_BLOCK}-byte file header (${headerFill} bytes): no chunks`);
    } else if (chunkFill > 0) {
      yield* readShortChunk(parser, chunkFill, chunkIndex, file, stats, notes, verify, opts.filter);
      chunkIndex++;
    }
    trailerNotes(headerOk, stats, notes);
  } finally {
    notes.finish();
    // Stop reading when the consumer stops early (break out of for-await).
    const s = stream as NodeJS.ReadableStream & { destroy?: () => void };
    if (typeof s.destroy === 'function') s.destroy();
  }
}

/** The last chunk, cut short by the end of the file. */
function* readShortChunk(parser: ChunkParser, len: number, index: number, file: string, stats: EvtxStats, notes: NoteSink, verify: boolean, filter: EvtxFilter | undefined): Generator<WinEvent> {
  notes.add(`file ends inside chunk ${index} (${len} of ${CHUNK_SIZE} bytes): truncated, read what is complete`);
  if (len >= CHUNK_HEADER) yield* readChunk(parser, len, index, file, stats, notes, verify, filter);
}

/** What only the whole file shows, said once its chunks are read. */
export function trailerNotes(headerOk: boolean, stats: EvtxStats, notes: NoteSink): void {
  if (headerOk && stats.headerChunkCount > 0 && stats.chunks > stats.headerChunkCount) {
    notes.add(
      `header declares ${stats.headerChunkCount} chunks, ${stats.chunks} hold data` +
        (stats.dirty ? ' (dirty file: not closed cleanly), all read' : ', all read'),
    );
  }
  if (stats.skippedRecords > 0) notes.add(`${stats.skippedRecords} records skipped (unreadable)`);
}

/**
 * The chunks of `data` (a run of whole 64 KiB chunks read from the file, the last one possibly cut by
 * the end of the file), numbered from `firstIndex`: what a worker thread reads (parallel.ts). Notes and
 * stats are those the sequential reader gives for the same chunks.
 */
export function* readChunks(data: Buffer, firstIndex: number, file: string, opts: EvtxReadOptions, notes: NoteSink, stats: EvtxStats): Generator<WinEvent> {
  const verify = opts.verifyChecksums !== false;
  const parser = new ChunkParser(data.subarray(0, Math.min(CHUNK_SIZE, data.length)));
  for (let off = 0, index = firstIndex; off < data.length; off += CHUNK_SIZE, index++) {
    const len = Math.min(CHUNK_SIZE, data.length - off);
    parser.buf = data.subarray(off, off + len);
    if (len === CHUNK_SIZE) yield* readChunk(parser, CHUNK_SIZE, index, file, stats, notes, verify, opts.filter);
    else yield* readShortChunk(parser, len, index, file, stats, notes, verify, opts.filter);
  }
}

/** The file header: its checks, its notes and the header fields in stats; false when it is not one. */
export function checkFileHeader(h: Buffer, len: number, stats: EvtxStats, notes: NoteSink, verify: boolean): boolean {
  if (len < 128 || !isEvtxHeader(h)) {
    notes.add('no ElfFile file header: reading chunks anyway');
    return false;
  }
  stats.headerChunkCount = h.readUInt16LE(42);
  const flags = h.readUInt32LE(120);
  stats.dirty = (flags & 1) !== 0;
  stats.full = (flags & 2) !== 0;
  if (verify && crc32(h.subarray(0, 120)) !== h.readUInt32LE(124)) notes.add('file header checksum mismatch (read anyway)');
  const block = h.readUInt16LE(40);
  if (block !== HEADER_BLOCK) notes.add(`file header block size ${block}, expected ${HEADER_BLOCK} (read as ${HEADER_BLOCK})`);
  return true;
}

function resync(b: Buffer, from: number, limit: number, firstId: number, lastId: number): number {
  let p = from;
  while (p + RECORD_HEADER <= limit) {
    const at = b.indexOf(RECORD_MAGIC, p);
    if (at < 0 || at + RECORD_HEADER > limit) return -1;
    const size = b.readUInt32LE(at + 4);
    if (size >= RECORD_HEADER + 4 && at + size <= limit && b.readUInt32LE(at + size - 4) === size) {
      const id = b.readUInt32LE(at + 8) + b.readUInt32LE(at + 12) * 4294967296;
      if (lastId < firstId || (id >= firstId && id <= lastId)) return at;
    }
    p = at + 1;
  }
  return -1;
}

function isZero(b: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (b[i] !== 0) return false;
  return true;
}

function* readChunk(
  parser: ChunkParser,
  len: number,
  index: number,
  file: string,
  stats: EvtxStats,
  notes: NoteSink,
  verify: boolean,
  filter?: EvtxFilter,
): Generator<WinEvent> {
  const b = parser.buf;
  if (len < 8 || b.compare(CHUNK_MAGIC, 0, 8, 0, 8) !== 0) {
    if (b.compare(ZERO_CHUNK, 0, len, 0, len) === 0) {
      stats.emptyChunks++;
      return;
    }
    stats.skippedChunks++;
    notes.add(`chunk ${index}: bad magic, skipped`);
    return;
  }
  stats.chunks++;
  parser.reset(len);
  const free = b.readUInt32LE(48);
  if (verify && len === CHUNK_SIZE) {
    const hcrc = crc32(b.subarray(128, 512), crc32(b.subarray(0, 120)));
    if (hcrc !== b.readUInt32LE(124)) notes.add(`chunk ${index}: header checksum mismatch (read anyway)`);
    if (free >= CHUNK_HEADER && free <= CHUNK_SIZE && crc32(b.subarray(CHUNK_HEADER, free)) !== b.readUInt32LE(52)) {
      notes.add(`chunk ${index}: records checksum mismatch (read anyway)`);
    }
  }
  // Records end at the free-space offset; when that is damaged, walk to the end of the chunk.
  const limit = free > CHUNK_HEADER && free <= len ? free : len;
  if (free > len && len === CHUNK_SIZE) notes.add(`chunk ${index}: free-space offset ${free} is past the chunk, records read to its end`);
  const firstId = b.readUInt32LE(24) + b.readUInt32LE(28) * 4294967296;
  const lastId = b.readUInt32LE(32) + b.readUInt32LE(36) * 4294967296;
  let p = CHUNK_HEADER;
  while (p + RECORD_HEADER <= limit) {
    let bad = '';
    const size = b.readUInt32LE(p + 4);
    if (b[p] !== 0x2a || b[p + 1] !== 0x2a || b[p + 2] !== 0 || b[p + 3] !== 0) {
      if (isZero(b, p, Math.min(p + 32, limit))) break; // slack after the last record
      bad = `no record at offset ${p}`;
    } else if (size < RECORD_HEADER + 4 || p + size > len) {
      bad = `record at offset ${p} has a damaged size (${size})`;
      stats.skippedRecords++;
    }
    if (bad !== '') {
      // Find the next record that looks whole (magic, size, trailing size copy, id in the chunk's range).
      const next = resync(b, p + 4, limit, firstId, lastId);
      notes.add(`chunk ${index}: ${bad}, ` + (next < 0 ? 'rest of chunk skipped' : `resumed at offset ${next}`));
      if (next < 0) break;
      p = next;
      continue;
    }
    // The size is repeated at the record's end; a missing copy means the writer stopped part way
    // (the tail is often zeros): the record is kept, marked incomplete, since its start still holds
    // the time and usually the provider and event id.
    const incomplete = b.readUInt32LE(p + size - 4) !== size;
    // The pre-filter: another provider's record is counted from its bytes, never parsed.
    let decided = !filter;
    if (filter) {
      const provider = providerOf(parser, p + RECORD_HEADER, p + size - 4);
      if (provider !== null) {
        if (!filter.keepProvider(provider)) {
          stats.filtered++;
          p += size;
          continue;
        }
        decided = true;
      }
    }
    const lo = b.readUInt32LE(p + 8);
    const hi = b.readUInt32LE(p + 12);
    const recordId = hi * 4294967296 + lo;
    let ev: WinEvent | null = null;
    try {
      parser.beginRecord();
      const nodes = parser.parseFragment(p + RECORD_HEADER, p + size - 4, false, 0);
      if (!decided && !filter!.keepProvider(recordProvider(parser, nodes))) {
        stats.filtered++;
        p += size;
        continue;
      }
      ev = mapRecord(parser, nodes, { recordId, written: filetimeIso(b, p + 16) }, file);
    } catch (e) {
      if (!(e instanceof EvtxDataError) && !(e instanceof RangeError)) throw e;
      stats.skippedRecords++;
      notes.add(`chunk ${index} record ${recordId}: unreadable (${e.message}), skipped`);
    }
    if (ev) {
      if (incomplete) {
        ev.location += ' (incomplete: written part way)';
        stats.incompleteRecords++;
        notes.add(`chunk ${index} record ${recordId}: incomplete (written part way), read what is there`);
      }
      stats.records++;
      yield ev;
    }
    p += size;
  }
}

const VT_STRING = 0x01;
const VT_NULL = 0x00;

/**
 * A record's provider name read from its bytes, without parsing it: the record is a fragment header
 * and a template instance; the template (compiled once per chunk) says whether the name is literal or
 * which substitution holds it, and that value is read in place. null when the bytes do not follow that
 * shape (the record is then parsed to find out).
 */
export function providerOf(parser: ChunkParser, from: number, end: number): string | null {
  const b = parser.buf;
  if (from + 18 > end || b[from] !== 0x0f || (b[from + 4]! & 0x0f) !== 0x0c) return null;
  const defOff = b.readUInt32LE(from + 10);
  let v = from + 14;
  if (defOff === v) {
    if (v + 24 > end) return null;
    v += 24 + b.readUInt32LE(v + 20);
  }
  if (defOff < CHUNK_HEADER || defOff + 24 > parser.len) return null;
  const tp = parser.templateProvider(defOff);
  if (tp === null) return null;
  if (tp.literal !== undefined) return tp.literal;
  if (v + 4 > end) return null;
  const count = b.readUInt32LE(v);
  if (tp.sub >= count || v + 4 + count * 4 > end) return null;
  let at = v + 4 + count * 4;
  for (let i = 0; i < tp.sub; i++) at += b.readUInt16LE(v + 4 + i * 4);
  const size = b.readUInt16LE(v + 4 + tp.sub * 4);
  const type = b[v + 4 + tp.sub * 4 + 2]!;
  if (at + size > end) return null;
  if (type === VT_NULL || size === 0) return '';
  if (type !== VT_STRING) return null;
  let n = size;
  while (n >= 2 && b[at + n - 2] === 0 && b[at + n - 1] === 0) n -= 2; // a trailing NUL
  return b.toString('utf16le', at, at + n);
}
