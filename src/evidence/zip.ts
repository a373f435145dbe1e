// Reads a .zip the customer sent (a support bundle, a ticket zip holding a bundle zip, Microsoft's
// collector zips) WITHOUT extracting it: every entry is streamed straight from the archive.
//
// The archive is untrusted. A hostile zip must not be able to make us write a file, escape a
// folder, exhaust memory or CPU, or pass a lie through to the readers:
// - names with `..`, absolute paths, drive letters, UNC / backslash traversal, NUL: entry skipped
// - symlinks and other special files (Unix mode or Windows reparse-point attribute): entry skipped
// - encrypted entries, unsupported compression methods (Deflate64, bzip2, LZMA…): entry skipped
// - declared sizes over the per-entry cap or an absurd declared ratio: entry skipped, never inflated
// - the ACTUAL inflated bytes are counted while streaming (headers are not trusted): more than the
//   header declares (which bounds the actual ratio), more than the per-entry cap, or more than the
//   archive-wide budget stops the stream with a ZipEntryError; a CRC-32 mismatch or a short entry
//   fails it at the end
// - entries whose data overlaps another entry's (the non-recursive zip bomb: one highly compressed
//   block listed many times by the central directory, or each entry's data holding the next entry's
//   header): the second one is refused, so every byte of the archive inflates at most once
// - too many entries, or a central directory that cannot be read at all: InputError (exit 2)
// Per-entry problems are reported through `onNote` (one line each) and the entry is not yielded.
//
// Nested zips (a bundle zip inside a ticket zip) are read up to `maxNesting` levels. A stored
// (uncompressed) inner zip is read in place from the outer file; a deflated one is inflated into
// memory, capped by `maxNestedZipBytes`. Nothing is ever written to disk.
import { open as fsOpen, type FileHandle } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import yauzl from 'yauzl';
import { InputError } from '../model/errors.js';
import type { InputEntry } from './input.js';

/**
 * One file found in the input: an `InputEntry` (the evidence walker's interface), so zip entries
 * and files on disk are read the same way. For a zip entry, `path` is the logical path (the entry
 * name, nested zips as folders: `bundle.zip/events/x.xml`, always `/`); `displayPath` is
 * `ticket.zip!/bundle.zip!/events/x.xml`; `size` is the uncompressed size the archive declares
 * (the stream enforces it); `open()` gives a fresh stream each call, which errors with ZipEntryError
 * on a limit or corruption; `readHead(n)` may give fewer bytes when the entry is shorter.
 */
export interface ZipInputEntry extends InputEntry {
  /** The zip files this entry sits in, outermost first (display names). */
  zipChain: string[];
}

export interface ZipLimits {
  /** How many zips deep to descend below the given one (1 = a zip inside the zip). */
  maxNesting: number;
  /** Entries per archive, and in all nested archives together. */
  maxEntries: number;
  /** Inflated bytes of one entry (declared and actual). */
  maxEntryBytes: number;
  /** Inflated bytes read from the whole archive, nested ones and re-reads included. */
  maxTotalBytes: number;
  /** uncompressed:compressed above this is refused for entries larger than `ratioMinBytes`. */
  maxRatio: number;
  ratioMinBytes: number;
  /** A deflated inner zip is held in memory to be read; larger ones are skipped. */
  maxNestedZipBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxNesting: 2,
  maxEntries: 20_000,
  maxEntryBytes: 1024 * 1024 * 1024,
  maxTotalBytes: 4 * 1024 * 1024 * 1024,
  // Repetitive event XML (the same 906 every 30 minutes) compresses well past 20:1 and must still be
  // read; a deflate bomb sits near deflate's ceiling of ~1000:1. The real guard is the byte caps below,
  // enforced on what actually inflates.
  maxRatio: 250,
  ratioMinBytes: 1024 * 1024,
  maxNestedZipBytes: 128 * 1024 * 1024,
};

export interface ZipNote {
  /** displayPath of the entry (or of the zip itself). */
  path: string;
  message: string;
}

export interface ZipEntriesOptions {
  limits?: Partial<ZipLimits>;
  /** Called once per skipped or failed entry, with a one-line reason. */
  onNote?: (note: ZipNote) => void;
  /** Name shown for the outermost zip (default: its base name). */
  displayName?: string;
}

/** A problem with one entry found while streaming it. The rest of the archive stays usable. */
export class ZipEntryError extends InputError {
  override name = 'ZipEntryError';
  constructor(
    readonly entryPath: string,
    readonly reason: string,
  ) {
    super(`${entryPath}: ${reason}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Byte sources: the outer file (opened on demand), a slice of another source, or memory.

interface ByteSource {
  readonly size: number;
  read(buf: Buffer, offset: number, length: number, position: number): Promise<number>;
  stream(start: number, end: number): Readable;
  /** Keep the underlying file open while a stream or the iteration needs it. */
  acquire(): void;
  release(): void;
}

class FileSource implements ByteSource {
  private handle: Promise<FileHandle> | null = null;
  private refs = 0;
  constructor(
    readonly path: string,
    readonly size: number,
  ) {}
  private fh(): Promise<FileHandle> {
    if (!this.handle) {
      const p = fsOpen(this.path, 'r');
      this.handle = p;
      // A failed open must not be cached.
      p.catch(() => {
        if (this.handle === p) this.handle = null;
      });
    }
    return this.handle;
  }
  async read(buf: Buffer, offset: number, length: number, position: number): Promise<number> {
    const fh = await this.fh();
    const { bytesRead } = await fh.read(buf, offset, length, position);
    return bytesRead;
  }
  stream(start: number, end: number): Readable {
    // A plain read stream per range (its own descriptor): streams may outlive the iteration.
    if (end <= start) return Readable.from([]);
    return createReadStream(this.path, { start, end: end - 1, highWaterMark: 64 * 1024 });
  }
  acquire(): void {
    this.refs++;
  }
  release(): void {
    this.refs = Math.max(0, this.refs - 1);
    if (this.refs === 0 && this.handle) {
      const h = this.handle;
      this.handle = null;
      void h.then((fh) => fh.close()).catch(() => undefined);
    }
  }
}

class SliceSource implements ByteSource {
  constructor(
    private readonly parent: ByteSource,
    private readonly base: number,
    readonly size: number,
  ) {}
  read(buf: Buffer, offset: number, length: number, position: number): Promise<number> {
    const len = Math.max(0, Math.min(length, this.size - position));
    return this.parent.read(buf, offset, len, this.base + position);
  }
  stream(start: number, end: number): Readable {
    return this.parent.stream(this.base + start, this.base + Math.min(end, this.size));
  }
  acquire(): void {
    this.parent.acquire();
  }
  release(): void {
    this.parent.release();
  }
}

class MemorySource implements ByteSource {
  constructor(private readonly buf: Buffer) {}
  get size(): number {
    return this.buf.length;
  }
  async read(buf: Buffer, offset: number, length: number, position: number): Promise<number> {
    return this.buf.copy(buf, offset, position, Math.min(position + length, this.buf.length));
  }
  stream(start: number, end: number): Readable {
    return Readable.from([this.buf.subarray(start, end)]);
  }
  acquire(): void {}
  release(): void {}
}

/** yauzl reads through this, so every level (file, slice, memory) is read the same way. */
class SourceReader extends yauzl.RandomAccessReader {
  constructor(private readonly source: ByteSource) {
    super();
  }
  override _readStreamForRange(start: number, end: number): Readable {
    return this.source.stream(start, end);
  }
  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null) => void): void {
    this.source.read(buffer, offset, length, position).then(
      (n) => callback(n < length ? new Error('unexpected end of file') : null),
      (err: Error) => callback(err),
    );
  }
  override close(callback: (err: Error | null) => void): void {
    // The source's lifetime is managed by acquire/release, not by yauzl.
    setImmediate(() => callback(null));
  }
}

// ---------------------------------------------------------------------------------------------

/** CRC-32 (IEEE), the one zip uses: yauzl does not check it, we do. */
const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

export function crc32Update(crc: number, buf: Uint8Array): number {
  let c = ~crc;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

const COMPRESSION_NAMES: Record<number, string> = {
  1: 'Shrink',
  6: 'Implode',
  9: 'Deflate64',
  12: 'bzip2',
  14: 'LZMA',
  93: 'Zstandard',
  95: 'XZ',
  98: 'PPMd',
  99: 'AES encryption',
};

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const FILE_ATTRIBUTE_DIRECTORY = 0x10;
const FILE_ATTRIBUTE_REPARSE_POINT = 0x400;
// "version made by" host systems whose external attributes carry a Unix mode in the high 16 bits.
const UNIX_HOSTS = new Set([3 /* Unix */, 19 /* OS X */]);

/** Why an entry name is refused, or null when it is a safe relative path. */
export function unsafeEntryName(name: string): string | null {
  if (name.length === 0) return 'empty name';
  if (name.includes('\0')) return 'NUL character in the name';
  if (/^[a-zA-Z]:/.test(name)) return 'absolute path with a drive letter';
  if (name.startsWith('/')) return 'absolute path';
  if (name.split('/').includes('..')) return 'path traversal (..)';
  return null;
}

function humanBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / (1024 * 1024 * 1024)).toFixed(1)} GiB`;
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

interface Budget {
  used: number;
  entries: number;
}

interface Level {
  source: ByteSource;
  /** Display names of the zips, outermost first. */
  chain: string[];
  /** Logical folder prefix for entries of this level ('' at the top, 'inner.zip/' below). */
  prefix: string;
  depth: number;
}

function openZip(source: ByteSource): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromRandomAccessReader(
      new SourceReader(source),
      source.size,
      // decodeStrings:false so a bad name skips ONE entry (yauzl would fail the whole archive);
      // validateEntrySizes:false because we count the actual bytes ourselves.
      { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: false, strictFileNames: false },
      (err, zf) => (err ? reject(err) : resolve(zf)),
    );
  });
}

function nextEntry(zf: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const onEntry = (e: yauzl.Entry) => done(() => resolve(e));
    const onEnd = () => done(() => resolve(null));
    const onError = (err: Error) => done(() => reject(err));
    const done = (f: () => void) => {
      zf.off('entry', onEntry);
      zf.off('end', onEnd);
      zf.off('error', onError);
      f();
    };
    zf.on('entry', onEntry);
    zf.on('end', onEnd);
    zf.on('error', onError);
    zf.readEntry();
  });
}

function openRaw(zf: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zf.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream)));
  });
}

/** Whether the entry is a symlink, device or other non-regular file; null when regular. */
function specialFileKind(e: yauzl.Entry): string | null {
  const host = e.versionMadeBy >>> 8;
  if (UNIX_HOSTS.has(host)) {
    const mode = (e.externalFileAttributes >>> 16) & S_IFMT;
    if (mode === S_IFLNK) return 'symbolic link';
    if (mode !== 0 && mode !== S_IFREG && mode !== S_IFDIR) return `special file (mode 0${mode.toString(8)})`;
  }
  // Windows attributes sit in the low byte whatever the host says (Info-ZIP keeps them there too).
  if (e.externalFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) return 'reparse point (symbolic link or junction)';
  return null;
}

function isDirectoryEntry(name: string, e: yauzl.Entry): boolean {
  if (name.endsWith('/')) return true;
  const host = e.versionMadeBy >>> 8;
  if (UNIX_HOSTS.has(host) && ((e.externalFileAttributes >>> 16) & S_IFMT) === S_IFDIR) return true;
  return (e.externalFileAttributes & FILE_ATTRIBUTE_DIRECTORY) !== 0 && e.uncompressedSize === 0;
}

/**
 * Counts and checks the inflated bytes as they pass: per-entry cap, declared size,
 * archive budget, and at the end the length and the CRC-32.
 */
class EntryGuard extends Transform {
  private seen = 0;
  private crc = 0;
  constructor(
    private readonly display: string,
    private readonly entry: yauzl.Entry,
    private readonly limits: ZipLimits,
    private readonly budget: Budget,
    /** readHead stops early: the length and CRC cannot be checked then. */
    private readonly partial: boolean,
  ) {
    super();
  }
  // No separate ratio check here: the stream never passes more than the declared size, and the
  // declared size was already held to the ratio limit, so the actual ratio is bounded too.
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.seen += chunk.length;
    this.budget.used += chunk.length;
    const e = this.entry;
    if (this.seen > e.uncompressedSize) {
      return cb(this.fail(`holds more data than its header declares (${e.uncompressedSize} bytes): refused as a possible zip bomb`));
    }
    if (this.seen > this.limits.maxEntryBytes) {
      return cb(this.fail(`inflates to more than ${humanBytes(this.limits.maxEntryBytes)}: refused`));
    }
    if (this.budget.used > this.limits.maxTotalBytes) {
      return cb(this.fail(`the archive inflates to more than ${humanBytes(this.limits.maxTotalBytes)} in total: refused`));
    }
    if (!this.partial) this.crc = crc32Update(this.crc, chunk);
    cb(null, chunk);
  }
  override _flush(cb: TransformCallback): void {
    if (this.partial) return cb();
    if (this.seen !== this.entry.uncompressedSize) {
      return cb(this.fail(`truncated: ${this.seen} of ${this.entry.uncompressedSize} bytes`));
    }
    if (this.crc !== this.entry.crc32 >>> 0) return cb(this.fail('CRC-32 mismatch: the entry is corrupt'));
    cb();
  }
  private fail(reason: string): ZipEntryError {
    return new ZipEntryError(this.display, reason);
  }
}

/**
 * The byte ranges of the entries accepted so far, sorted and disjoint: `add` refuses a range that
 * meets one of them. O(log n) to find the neighbours; the insert is a memmove of at most
 * `maxEntries` numbers.
 */
class Spans {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  add(start: number, end: number): boolean {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! < start) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && this.ends[lo - 1]! > start) return false;
    if (lo < this.starts.length && this.starts[lo]! < end) return false;
    this.starts.splice(lo, 0, start);
    this.ends.splice(lo, 0, end);
    return true;
  }
}

/** Short, one-line text for errors coming out of yauzl or zlib. */
function describe(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return m.replace(/\s+/g, ' ').trim();
}

/**
 * Every regular file in the zip at `path` (and in zips inside it), streamed from the archive.
 * Entries can be opened during and after the iteration; each `open()` is a fresh stream.
 */
export async function* zipEntries(path: string, opts: ZipEntriesOptions = {}): AsyncGenerator<ZipInputEntry> {
  const limits: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...opts.limits };
  const note = (p: string, message: string) => opts.onNote?.({ path: p, message });
  const display = opts.displayName ?? basename(path);

  let size: number;
  let fh: FileHandle;
  try {
    fh = await fsOpen(path, 'r');
  } catch (err) {
    throw new InputError(`${display}: cannot open the zip (${describe(err)})`);
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new InputError(`${display}: not a file`);
    size = st.size;
  } finally {
    await fh.close();
  }

  const source = new FileSource(path, size);
  const budget: Budget = { used: 0, entries: 0 };
  source.acquire();
  try {
    yield* readLevel({ source, chain: [display], prefix: '', depth: 0 }, limits, budget, note, true);
  } finally {
    source.release();
  }
}

async function* readLevel(
  level: Level,
  limits: ZipLimits,
  budget: Budget,
  note: (p: string, m: string) => void,
  top: boolean,
): AsyncGenerator<ZipInputEntry> {
  const zipDisplay = level.chain.join('!/');
  // At the top an unusable zip is an input error; below, the inner zip is one skipped entry.
  const refuse = (message: string): never => {
    throw new InputError(`${zipDisplay}: ${message}`);
  };

  let zf: yauzl.ZipFile;
  try {
    zf = await openZip(level.source);
  } catch (err) {
    if (top) refuse(`not a readable zip (${describe(err)})`);
    note(zipDisplay, `inner zip not read: ${describe(err)}`);
    return;
  }
  if (zf.entryCount > limits.maxEntries || budget.entries + zf.entryCount > limits.maxEntries) {
    const msg = `has ${zf.entryCount} entries, more than the ${limits.maxEntries} this tool reads: refused`;
    if (top) refuse(msg);
    note(zipDisplay, `inner zip ${msg}`);
    return;
  }
  // Each central directory record takes at least 46 bytes: a count the file cannot hold is a lie.
  if (zf.entryCount * 46 > level.source.size) {
    const msg = `corrupt central directory (declares ${zf.entryCount} entries, too many for its size)`;
    if (top) refuse(msg);
    note(zipDisplay, `inner zip ${msg}`);
    return;
  }
  budget.entries += zf.entryCount;

  const seenNames = new Set<string>();
  const spans = new Spans();
  let yielded = 0;
  for (;;) {
    let e: yauzl.Entry | null;
    try {
      e = await nextEntry(zf);
    } catch (err) {
      const msg = `corrupt central directory (${describe(err)})`;
      if (top && yielded === 0) refuse(msg);
      note(zipDisplay, `${msg}; entries after the first ${yielded} were not read`);
      return;
    }
    if (e === null) return;

    let name: string;
    try {
      name = yauzl.getFileNameLowLevel(e.generalPurposeBitFlag, e.fileNameRaw, e.extraFields, false);
    } catch (err) {
      note(zipDisplay, `entry with an undecodable name skipped (${describe(err)})`);
      continue;
    }
    const entryDisplay = `${zipDisplay}!/${name}`;
    const bad = unsafeEntryName(name);
    if (bad) {
      note(entryDisplay, `entry refused: ${bad}`);
      continue;
    }
    if (isDirectoryEntry(name, e)) continue;
    const special = specialFileKind(e);
    if (special) {
      note(entryDisplay, `entry refused: ${special}`);
      continue;
    }
    // Normalise `./` and `//` so two spellings of one name are one name.
    const clean = name.split('/').filter((s) => s !== '' && s !== '.').join('/');
    const key = clean.toLowerCase();
    if (seenNames.has(key)) {
      note(entryDisplay, 'entry refused: a second entry with the same name');
      continue;
    }
    seenNames.add(key);
    if (e.isEncrypted()) {
      note(entryDisplay, 'entry refused: encrypted (password-protected zips cannot be read)');
      continue;
    }
    if (e.compressionMethod !== 0 && e.compressionMethod !== 8) {
      const m = COMPRESSION_NAMES[e.compressionMethod] ?? `method ${e.compressionMethod}`;
      note(entryDisplay, `entry refused: compression ${m} is not supported (re-zip it with standard Deflate)`);
      continue;
    }
    if (e.compressionMethod === 0 && e.compressedSize !== e.uncompressedSize) {
      note(entryDisplay, `entry refused: stored entry with sizes that disagree (${e.compressedSize} != ${e.uncompressedSize})`);
      continue;
    }
    if (e.uncompressedSize > limits.maxEntryBytes) {
      note(entryDisplay, `entry refused: ${humanBytes(e.uncompressedSize)}, more than the ${humanBytes(limits.maxEntryBytes)} per-file limit`);
      continue;
    }
    if (e.uncompressedSize > limits.ratioMinBytes && e.uncompressedSize > limits.maxRatio * Math.max(1, e.compressedSize)) {
      const ratio = Math.round(e.uncompressedSize / Math.max(1, e.compressedSize));
      note(entryDisplay, `entry refused: compression ratio ${ratio}:1 (over ${limits.maxRatio}:1), a possible zip bomb; extract it and pass the file itself`);
      continue;
    }
    if (e.relativeOffsetOfLocalHeader + 30 + e.compressedSize > level.source.size) {
      note(entryDisplay, 'entry refused: its data lies beyond the end of the archive (truncated zip)');
      continue;
    }
    // At least its 30-byte local header and its compressed data lie in [start, end); the name and extra
    // field only make it longer, so no honest archive has two such spans that meet.
    const start = e.relativeOffsetOfLocalHeader;
    if (!spans.add(start, start + 30 + e.compressedSize)) {
      note(entryDisplay, 'entry refused: its data overlaps another entry\'s (overlapping entries are a zip bomb)');
      continue;
    }

    const entry = e;
    const logicalPath = level.prefix + clean;
    const displayPath = `${zipDisplay}!/${clean}`;
    const source = level.source;
    const openGuarded = async (partial: boolean): Promise<Readable> => {
      source.acquire();
      let raw: Readable;
      try {
        raw = await openRaw(zf, entry);
      } catch (err) {
        source.release();
        throw new ZipEntryError(displayPath, `cannot be read (${describe(err)})`);
      }
      const guard = new EntryGuard(displayPath, entry, limits, budget, partial);
      let released = false;
      const release = () => {
        if (!released) {
          released = true;
          source.release();
        }
      };
      raw.on('error', (err: Error) => {
        guard.destroy(err instanceof ZipEntryError ? err : new ZipEntryError(displayPath, `corrupt data (${describe(err)})`));
      });
      guard.on('close', release);
      guard.on('error', (err: Error) => {
        raw.destroy();
        release();
        if (!partial) note(displayPath, err instanceof ZipEntryError ? err.reason : describe(err));
      });
      raw.pipe(guard);
      return guard;
    };
    const readHead = async (n: number): Promise<Buffer> => {
      if (n <= 0) return Buffer.alloc(0);
      const s = await openGuarded(true);
      const parts: Buffer[] = [];
      let got = 0;
      try {
        for await (const chunk of s) {
          const b = chunk as Buffer;
          parts.push(b);
          got += b.length;
          if (got >= n) break;
        }
      } finally {
        s.destroy();
      }
      return Buffer.concat(parts).subarray(0, n);
    };

    // A zip inside: descend (by content, whatever the name says).
    if (entry.uncompressedSize >= 22) {
      let head: Buffer;
      try {
        head = await readHead(4);
      } catch (err) {
        note(displayPath, err instanceof ZipEntryError ? err.reason : describe(err));
        continue;
      }
      if (head.length === 4 && head.readUInt32LE(0) === 0x04034b50) {
        if (level.depth >= limits.maxNesting) {
          note(displayPath, `inner zip not read: nested deeper than ${limits.maxNesting} levels`);
          continue;
        }
        let inner: ByteSource | null = null;
        if (entry.compressionMethod === 0) {
          try {
            const lh = await zf.readLocalFileHeaderPromise(entry, { minimal: true });
            inner = new SliceSource(source, lh.fileDataStart, entry.compressedSize);
          } catch (err) {
            note(displayPath, `inner zip not read: ${describe(err)}`);
            continue;
          }
        } else {
          if (entry.uncompressedSize > limits.maxNestedZipBytes) {
            note(displayPath, `inner zip not read: ${humanBytes(entry.uncompressedSize)} compressed inside the outer zip, more than ${humanBytes(limits.maxNestedZipBytes)}; extract it and pass it directly`);
            continue;
          }
          try {
            inner = new MemorySource(await readAll(await openGuarded(false)));
          } catch (err) {
            note(displayPath, `inner zip not read: ${err instanceof ZipEntryError ? err.reason : describe(err)}`);
            continue;
          }
        }
        yield* readLevel(
          { source: inner, chain: [...level.chain, clean], prefix: `${logicalPath}/`, depth: level.depth + 1 },
          limits,
          budget,
          note,
          false,
        );
        continue;
      }
    }

    let mtime: Date | undefined;
    try {
      mtime = entry.getLastModDate();
      if (Number.isNaN(mtime.getTime())) mtime = undefined;
    } catch {
      mtime = undefined;
    }
    yielded++;
    yield {
      path: logicalPath,
      displayPath,
      size: entry.uncompressedSize,
      mtime,
      zipChain: level.chain.slice(),
      open: () => openGuarded(false),
      readHead,
    };
  }
}

async function readAll(s: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of s) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}
