// The file-system edge of the evidence pipeline: the paths a user gave become InputEntry objects
// (files, files under folders, stdin, entries of a zip). Nothing here looks at the content.
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { lstatSync, readFileSync, type Stats } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { InputError } from '../model/errors.js';

export interface InputEntry {
  /** Path to open (for zip entries: the logical path inside the archive). */
  path: string;
  /** What a person sees: relative to the folder given when walked, `(stdin)`, `x.zip!/events/a.xml`. */
  displayPath: string;
  /** Bytes (for stdin: bytes read so far, 0 before reading). */
  size: number;
  mtime?: Date;
  /** A fresh stream of the bytes (stdin: the one stream, replaying what readHead took). */
  open(): Promise<NodeJS.ReadableStream>;
  /** Up to n first bytes. */
  readHead(n: number): Promise<Buffer>;
}

/**
 * Files up to this size are read whole, once, as soon as the walk finds them (a few ahead of the one
 * being read): a folder of 100 000 small files is then one read per file instead of two opens, two
 * reads and two closes, each waiting its turn (issue 15 C4). Only the most recent ones keep their bytes.
 */
export const SMALL_FILE_BYTES = 64 * 1024;

/**
 * The bytes of the small files read most recently, at most this many: an entry whose bytes were
 * dropped reads its file again if asked. Whoever keeps entries (a walk that plans before it reads)
 * then never keeps their contents: memory is bounded by this, not by the number of files.
 */
const SMALL_FILES_KEPT = 96;
const kept: { drop(): void }[] = [];

function keep(holder: { drop(): void }): void {
  const at = kept.indexOf(holder);
  if (at !== -1) kept.splice(at, 1);
  kept.push(holder);
  if (kept.length > SMALL_FILES_KEPT) kept.shift()!.drop();
}

/** A small file on disk, read whole at most once while it is among the recent ones (`ahead`: that read, already started). */
export function smallFileEntry(path: string, displayPath: string, size: number, mtime: Date | undefined, ahead?: Promise<Buffer>): InputEntry {
  let bytes: Promise<Buffer> | null = ahead ?? null;
  // A failed read must not be an unhandled rejection before anyone asks for the bytes.
  bytes?.catch(() => undefined);
  const holder = { drop: () => (bytes = null) };
  if (bytes) keep(holder);
  const get = (): Promise<Buffer> => {
    bytes ??= readNow(path);
    keep(holder);
    return bytes;
  };
  return {
    path,
    displayPath,
    size,
    mtime,
    async open() {
      const b = await get();
      return Readable.from(b.length > 0 ? [b] : []);
    },
    async readHead(n: number) {
      const b = await get();
      return b.length > n ? b.subarray(0, n) : b;
    },
  };
}

/** A file on disk. */
export function fileEntry(path: string, displayPath: string, size: number, mtime?: Date): InputEntry {
  return {
    path,
    displayPath,
    size,
    mtime,
    async open() {
      // Fail here (not on the first read) so an unreadable file is reported by the caller of open().
      const fh = await open(path, 'r');
      return fh.createReadStream({ highWaterMark: 64 * 1024 });
    },
    async readHead(n: number) {
      const fh = await open(path, 'r');
      try {
        // Not more than the file holds: a 64 KiB zeroed buffer per small file was most of the garbage.
        const buf = Buffer.alloc(size > 0 ? Math.min(n, size) : n);
        const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
        return buf.subarray(0, bytesRead);
      } finally {
        await fh.close();
      }
    },
  };
}

/**
 * A one-shot stream (stdin) made to look like a file: readHead() buffers the first bytes, and
 * open() returns a stream that replays them and continues with the rest.
 */
export function streamEntry(stream: NodeJS.ReadableStream, displayPath: string): InputEntry {
  const iterator = (stream as Readable)[Symbol.asyncIterator]();
  const buffered: Buffer[] = [];
  let bufferedBytes = 0;
  let ended = false;
  let opened = false;
  const entry: InputEntry = {
    path: '-',
    displayPath,
    size: 0,
    async readHead(n: number) {
      while (!ended && bufferedBytes < n) {
        const r = await iterator.next();
        if (r.done) {
          ended = true;
          break;
        }
        const chunk = typeof r.value === 'string' ? Buffer.from(r.value) : Buffer.from(r.value as Uint8Array);
        buffered.push(chunk);
        bufferedBytes += chunk.length;
        entry.size = bufferedBytes;
      }
      return Buffer.concat(buffered).subarray(0, n);
    },
    async open() {
      if (opened) throw new InputError(`${displayPath}: can be read only once`);
      opened = true;
      async function* replay(): AsyncGenerator<Buffer> {
        for (const b of buffered.splice(0)) yield b;
        while (!ended) {
          const r = await iterator.next();
          if (r.done) break;
          const chunk = typeof r.value === 'string' ? Buffer.from(r.value) : Buffer.from(r.value as Uint8Array);
          entry.size += chunk.length;
          yield chunk;
        }
        ended = true;
      }
      return Readable.from(replay(), { objectMode: false });
    },
  };
  return entry;
}

function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  if (code === 'EISDIR') return 'is a folder';
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
}

function isInside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..' && !/^[A-Za-z]:/.test(rel));
}

/**
 * Every input file, in a deterministic order: the given paths in order, each folder walked
 * recursively with names sorted. `-` is standard input. Symbolic links are followed only when
 * they point inside the folder being walked, and each real file/folder is visited once, so
 * links can neither leak files from elsewhere nor loop.
 *
 * A missing path throws InputError; a folder holding no files throws InputError "no files in <dir>".
 */
export async function* walkInputs(paths: string[], stdin: NodeJS.ReadableStream = process.stdin): AsyncGenerator<InputEntry> {
  if (paths.length === 0) throw new InputError('no input given');
  let stdinUsed = false;
  for (const given of paths) {
    if (given === '-') {
      if (stdinUsed) throw new InputError('standard input (-) given twice');
      stdinUsed = true;
      yield streamEntry(stdin, '(stdin)');
      continue;
    }
    let st;
    try {
      st = await stat(given);
    } catch (err) {
      throw new InputError(`${given}: ${describe(err)}`);
    }
    if (st.isDirectory()) {
      let found = 0;
      const root = await realpath(given);
      const seen = new Set<string>([await identity(root, st)]);
      for await (const entry of walkDir(given, root, given, seen)) {
        found++;
        yield entry;
      }
      if (found === 0) throw new InputError(`no files in ${given}`);
    } else if (st.isFile()) {
      yield fileEntry(given, given, st.size, st.mtime);
    } else {
      throw new InputError(`${given}: not a file or folder`);
    }
  }
}

/** How many directory entries are looked at (lstat) together, and small files read ahead. */
const WALK_BATCH = 32;

function readNow(path: string): Promise<Buffer> {
  try {
    return Promise.resolve(readFileSync(path));
  } catch (err) {
    return Promise.reject(err);
  }
}

/**
 * What makes a file or folder the same one whatever path reaches it: device and inode from the stat
 * the walk already made (a realpath per file cost a second system call); the real path where the file
 * system has no inode numbers.
 */
async function identity(full: string, st: Stats): Promise<string> {
  if (st.ino) return `${st.dev}:${st.ino}`;
  return `path:${await realpath(full)}`;
}

async function* walkDir(dir: string, root: string, given: string, seen: Set<string>): AsyncGenerator<InputEntry> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort(compareNames);
  } catch (err) {
    // An unreadable sub-folder is reported as an entry that fails to open, so it gets a note.
    if (dir !== given) {
      yield unreadableEntry(dir, displayOf(given, dir), err);
      return;
    }
    throw new InputError(`${given}: ${describe(err)}`);
  }
  for (let b = 0; b < names.length; b += WALK_BATCH) {
    const batch = names.slice(b, b + WALK_BATCH).map((name) => join(dir, name));
    // Synchronous on purpose: for small files the promise machinery around each system call cost more
    // than the call (100 000 files: 88 s, of which most was waiting on the thread pool); a CLI has
    // nothing else to do meanwhile.
    const stats = batch.map((full) => {
      try {
        return { st: lstatSync(full) };
      } catch (err) {
        return { err };
      }
    });
    // Small regular files of the batch are read whole, now, while their directory entry is warm.
    const ahead = stats.map((x, k) => ('st' in x && x.st!.isFile() && x.st!.size <= SMALL_FILE_BYTES ? readNow(batch[k]!) : null));
    for (let k = 0; k < batch.length; k++) {
      const full = batch[k]!;
      const x = stats[k]!;
      if (x.st === undefined) {
        yield unreadableEntry(full, displayOf(given, full), x.err);
        continue;
      }
      const lst = x.st;
      let st = lst;
      if (lst.isSymbolicLink()) {
        let target: string;
        try {
          target = await realpath(full);
          st = await stat(target);
        } catch {
          continue; // dangling link: nothing to read
        }
        if (!isInside(root, target)) continue;
        const id = await identity(target, st);
        if (seen.has(id)) continue;
        seen.add(id);
      } else {
        // Real entries are recorded too, so a link to them elsewhere in the tree is not read twice.
        try {
          const id = await identity(full, lst);
          if (seen.has(id) && !lst.isDirectory()) continue;
          seen.add(id);
        } catch {
          // keep going with the path as it is
        }
      }
      if (st.isDirectory()) {
        yield* walkDir(full, root, given, seen);
      } else if (st.isFile()) {
        const read = ahead[k];
        yield read ? smallFileEntry(full, displayOf(given, full), st.size, st.mtime, read) : fileEntry(full, displayOf(given, full), st.size, st.mtime);
      }
    }
  }
}

function displayOf(given: string, full: string): string {
  const rel = relative(given, full).split(sep).join('/');
  return `${basename(given) || given}/${rel}`;
}

/** Ordinal order (not locale): the same on every machine. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function unreadableEntry(path: string, displayPath: string, err: unknown): InputEntry {
  const fail = async (): Promise<never> => {
    throw Object.assign(new Error(describe(err)), { code: (err as NodeJS.ErrnoException).code });
  };
  return { path, displayPath, size: 0, open: fail, readHead: fail };
}

/** The error of open()/readHead() as one short phrase ("permission denied"). */
export function describeReadError(err: unknown): string {
  return describe(err);
}
