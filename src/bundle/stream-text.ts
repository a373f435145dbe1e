// Large bundle files (event XML, trace logs of tens of MB) streamed through redaction in pieces, so the
// zip writer's memory does not grow with file size. Small files keep the whole-file path
// (Redactor.bytes) in write-bundle.ts.
//
// A file is read in blocks, each block cut at a character boundary (UTF-8: before an incomplete
// sequence; UTF-16: an even byte count, a surrogate pair split across blocks is rejoined in the JS
// string), decoded, and the text is cut into pieces of about PIECE_CHARS at a LINE boundary, so a
// secret or a name never straddles two pieces. Of the line boundaries in the window, the cut prefers
// the start of an event record (`\n<Event`), then a line that is not an indented continuation (the
// `   at System.Net…` lines of a multi-line message), then any line end; a piece without any line end
// is cut at MAX_PIECE_CHARS (a binary file), still on a character boundary.
import { open } from 'node:fs/promises';
import { constants } from 'node:fs';
import { completeLength, detectEncoding, encodeText, SNIFF_HEAD_BYTES, type EncodingGuess, type TextEncodingName } from '../evidence/decode.js';

/** Files above this size are streamed in pieces; at or below it, redacted whole (Redactor.bytes). */
export const STREAM_THRESHOLD_BYTES = 4 * 1024 * 1024;
// Small pieces on purpose: each Redactor.text call makes a few dozen whole-piece copies of the text,
// and V8 frees such large strings lazily. Measured on a 150 MB bundle (baseline process 57 MB):
// 1 Mi-character pieces peaked at 150-245 MB of RSS, 64 Ki at 100-115 MB, and ran no slower.
/** Bytes per read. */
export const READ_BLOCK_BYTES = 64 * 1024;
/** A piece ends at the last preferred line boundary at or before this many characters. */
export const PIECE_CHARS = 64 * 1024;
/** A piece with no line end at all is cut here. */
export const MAX_PIECE_CHARS = 8 * 1024 * 1024;

/** A large file's encoding: the one sniffer's guess (src/evidence/decode.ts), as the readers make it. */
export type StreamEncoding = EncodingGuess;

/** Never follow a symlink swapped in after the folder walk (O_NOFOLLOW where the OS has it). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

async function* readBlocks(abs: string, from: number): AsyncGenerator<Buffer> {
  const fh = await open(abs, OPEN_FLAGS);
  try {
    let pos = from;
    for (;;) {
      const buf = Buffer.allocUnsafe(READ_BLOCK_BYTES);
      const { bytesRead } = await fh.read(buf, 0, READ_BLOCK_BYTES, pos);
      if (bytesRead === 0) return;
      pos += bytesRead;
      yield bytesRead === buf.length ? buf : buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

async function readHead(abs: string, n: number): Promise<Buffer> {
  const fh = await open(abs, OPEN_FLAGS);
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function decode(b: Buffer, encoding: TextEncodingName): string {
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(b);
}

interface DecodeState {
  /** Bytes after the last whole character at the end of the file (an odd byte of UTF-16, a cut UTF-8 sequence). */
  trailing: Buffer;
}

async function* decodedBlocks(abs: string, enc: StreamEncoding, state: DecodeState): AsyncGenerator<string> {
  let carry = Buffer.alloc(0);
  for await (const block of readBlocks(abs, enc.bomLength)) {
    const b = carry.length > 0 ? Buffer.concat([carry, block]) : block;
    const n = completeLength(b, enc.encoding);
    carry = Buffer.from(b.subarray(n));
    yield decode(b.subarray(0, n), enc.encoding);
  }
  // No character: kept as it was (decodeExact does the same for a small file).
  if (carry.length > 0) state.trailing = carry;
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a;
}

/** Where to end the next piece of `s` (s.length > PIECE_CHARS), or -1 when more text is needed. */
export function findCut(s: string): number {
  const last = PIECE_CHARS - 1;
  const event = s.lastIndexOf('\n<Event', last);
  if (event >= 0) return event + 1;
  for (let p = s.lastIndexOf('\n', last); p >= 0; p = p === 0 ? -1 : s.lastIndexOf('\n', p - 1)) {
    if (!isBlank(s.charCodeAt(p + 1))) return p + 1;
  }
  const anyLine = s.lastIndexOf('\n', last);
  if (anyLine >= 0) return anyLine + 1;
  const later = s.indexOf('\n', PIECE_CHARS);
  if (later >= 0 && later < MAX_PIECE_CHARS) return later + 1;
  if (s.length < MAX_PIECE_CHARS) return -1;
  // No line end in MAX_PIECE_CHARS: cut anyway, never between the halves of a surrogate pair.
  const hi = s.charCodeAt(MAX_PIECE_CHARS - 1);
  return hi >= 0xd800 && hi <= 0xdbff ? MAX_PIECE_CHARS - 1 : MAX_PIECE_CHARS;
}

/** The decoded text cut into pieces at line boundaries (see findCut). */
export async function* textPieces(blocks: AsyncIterable<string>): AsyncGenerator<string> {
  let acc = '';
  for await (const s of blocks) {
    acc += s;
    while (acc.length > PIECE_CHARS) {
      const cut = findCut(acc);
      if (cut < 0) break;
      yield acc.slice(0, cut);
      acc = acc.slice(cut);
    }
  }
  if (acc.length > 0) yield acc;
}

/**
 * First pass over a large file: its encoding (the one sniffer, src/evidence/decode.ts, from the same
 * first bytes the readers look at) and, when `learn` is given, every identity it names, piece by piece.
 */
export async function scanLargeFile(abs: string, learn: ((text: string) => void) | null): Promise<StreamEncoding> {
  const enc = detectEncoding(await readHead(abs, SNIFF_HEAD_BYTES));
  if (!learn) return enc;
  const state: DecodeState = { trailing: Buffer.alloc(0) };
  for await (const piece of textPieces(decodedBlocks(abs, enc, state))) learn(piece);
  return enc;
}

/**
 * Second pass: the file's bytes redacted piece by piece (`redact` = Redactor.text), re-encoded in the
 * file's own encoding, the BOM once at the start.
 */
export async function* redactLargeFile(abs: string, enc: StreamEncoding, redact: (text: string) => string): AsyncGenerator<Buffer> {
  if (enc.bomLength > 0) yield await readHead(abs, enc.bomLength);
  const state: DecodeState = { trailing: Buffer.alloc(0) };
  for await (const piece of textPieces(decodedBlocks(abs, enc, state))) yield encodeText(redact(piece), enc.encoding);
  // The bytes of a character cut at the end are no text: kept as they were.
  if (state.trailing.length > 0) yield state.trailing;
}
