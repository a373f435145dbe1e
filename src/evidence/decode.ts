// Bytes -> text. Windows evidence arrives as UTF-16 LE with BOM (PowerShell 5.1 `>`/Out-File,
// wevtutil /uni:true), UTF-8 with or without BOM (pwsh 7, our collector), UTF-16 without BOM
// (some tools write raw wide strings) or ANSI (Set-Content in 5.1). Nothing else is normalised
// here: CRLF, trailing spaces and the like are the readers' business.
//
// This is the ONE encoding sniffer: the readers (what the analyzer sees) and the redactor (what goes
// into a bundle, src/redact) both decide a file's encoding here, from the same first bytes, so a file
// is never read in one encoding and redacted in another.

import { TextDecoder } from 'node:util';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface EncodingGuess {
  encoding: TextEncodingName;
  /** Bytes of byte-order mark at the start (0 when none). TextDecoder strips it by itself. */
  bomLength: number;
}

/** The NUL pattern of UTF-16 is read from this many leading bytes. */
const SNIFF_BYTES = 1024;
/**
 * The encoding is decided from at most this many leading bytes, whoever asks (a reader's 64 KiB
 * head, a stream's first chunks, the redactor's whole buffer): the same bytes give the same answer.
 */
export const SNIFF_HEAD_BYTES = 64 * 1024;

/**
 * Guess the encoding from the first bytes: a BOM wins; otherwise the NUL pattern of ASCII text in
 * UTF-16 (every other byte is 0) tells LE from BE; otherwise UTF-8 when the bytes are valid UTF-8,
 * else Windows-1252 (what Windows PowerShell 5.1 `Set-Content` writes on western systems).
 * Pairs of NUL bytes are left out of the UTF-16 count: they are padding (what NTFS leaves in a log
 * after a crash), not characters, and a padded UTF-16 log is still UTF-16.
 */
export function detectEncoding(headIn: Uint8Array): EncodingGuess {
  const head = headIn.length > SNIFF_HEAD_BYTES ? headIn.subarray(0, SNIFF_HEAD_BYTES) : headIn;
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };

  const n = Math.min(head.length, SNIFF_BYTES) & ~1;
  if (n >= 2) {
    let evenZeros = 0;
    let oddZeros = 0;
    let pairs = 0;
    for (let i = 0; i < n; i += 2) {
      const even = head[i] === 0;
      const odd = head[i + 1] === 0;
      if (even && odd) continue;
      pairs++;
      if (even) evenZeros++;
      if (odd) oddZeros++;
    }
    // ASCII in UTF-16 LE: low byte first, so the zero is the odd byte. Allow some non-ASCII text.
    if (pairs >= 2) {
      if (oddZeros / pairs >= 0.3 && evenZeros / pairs <= 0.05) return { encoding: 'utf-16le', bomLength: 0 };
      if (evenZeros / pairs >= 0.3 && oddZeros / pairs <= 0.05) return { encoding: 'utf-16be', bomLength: 0 };
    }
  }
  if (isValidUtf8Prefix(head)) return { encoding: 'utf-8', bomLength: 0 };
  return { encoding: 'windows-1252', bomLength: 0 };
}

/** Valid UTF-8, allowing the buffer to end in the middle of a character (a head is cut anywhere). */
function isValidUtf8Prefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Decode a whole buffer (BOM stripped). A cut character at the end is dropped, not replaced. */
export function decodeBuffer(buf: Uint8Array, guess: EncodingGuess = detectEncoding(buf)): string {
  return new TextDecoder(guess.encoding).decode(buf, { stream: true });
}

/**
 * Decode a whole buffer including a character cut at the end (shown as U+FFFD). NUL characters are
 * dropped: they are padding (stripNul), never text a reader wants.
 */
export function decodeComplete(buf: Uint8Array, guess: EncodingGuess = detectEncoding(buf)): string {
  return stripNul(new TextDecoder(guess.encoding).decode(buf));
}

/**
 * Text without its NUL characters. A log that was being written when the server went down is often
 * padded with zeros (NTFS had extended the file, the data never reached the disk), and the writer
 * goes on after them when it is restarted: exactly the log of the outage. No Windows text format
 * holds a NUL, so the zeros are dropped and the text around them is read (issue 15 C6).
 */
export function stripNul(s: string, stats?: { nulChars: number }): string {
  if (s.indexOf('\0') === -1) return s;
  const out = s.replace(/\0+/g, '');
  if (stats) stats.nulChars += s.length - out.length;
  return out;
}

/** How many leading bytes of `b` (no BOM) end on a character boundary of `encoding`. */
export function completeLength(b: Uint8Array, encoding: TextEncodingName): number {
  if (encoding === 'windows-1252') return b.length;
  if (encoding !== 'utf-8') return b.length - (b.length % 2);
  for (let i = b.length - 1; i >= 0 && i >= b.length - 4; i--) {
    const c = b[i]!;
    if ((c & 0xc0) === 0x80) continue;
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return b.length - i >= need ? b.length : i;
  }
  return b.length;
}

/**
 * A buffer as text that can be written back byte for byte where it was not changed: the BOM, the
 * decoded text of the whole characters, and the bytes of a character cut at the end (an odd last
 * byte of UTF-16, a partial UTF-8 sequence), which are no text and are kept as they are.
 */
export interface ExactText {
  text: string;
  guess: EncodingGuess;
  bom: Uint8Array;
  tail: Uint8Array;
}

export function decodeExact(buf: Uint8Array, guess: EncodingGuess = detectEncoding(buf)): ExactText {
  const bom = buf.subarray(0, guess.bomLength);
  const body = buf.subarray(guess.bomLength);
  const n = completeLength(body, guess.encoding);
  const text = new TextDecoder(guess.encoding, { ignoreBOM: true }).decode(body.subarray(0, n));
  return { text, guess, bom, tail: body.subarray(n) };
}

/** The inverse of decodeExact: text in the encoding it was read in, with its BOM and tail. */
export function encodeExact(x: Pick<ExactText, 'text' | 'guess' | 'bom' | 'tail'>): Buffer {
  return Buffer.concat([x.bom, encodeText(x.text, x.guess.encoding), x.tail]);
}

/** Text -> bytes in one of the sniffer's encodings (no BOM). */
export function encodeText(s: string, encoding: TextEncodingName): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(s, 'utf8');
    case 'utf-16le':
      return Buffer.from(s, 'utf16le');
    case 'utf-16be': {
      const b = Buffer.from(s, 'utf16le');
      b.swap16();
      return b;
    }
    case 'windows-1252':
      return encodeWindows1252(s);
  }
}

/** Windows-1252 bytes 0x80-0x9F and the characters TextDecoder gives for them (WHATWG index). */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const CP1252_REVERSE = new Map<number, number>([...CP1252_HIGH].map((c, i) => [c.charCodeAt(0), 0x80 + i]));

function encodeWindows1252(s: string): Buffer {
  const out = Buffer.allocUnsafe(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out[i] = c;
    else out[i] = CP1252_REVERSE.get(c) ?? 0x3f; // '?': only for characters the file never held
  }
  return out;
}

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  throw new TypeError('stream chunk is neither a Buffer nor a string');
}

/**
 * Stream bytes into string chunks. The encoding is sniffed from the first bytes unless given.
 * Uses TextDecoder in stream mode, so a character split between two chunks is decoded whole.
 * NUL padding is dropped (stripNul). Memory: one input chunk at a time.
 */
export async function* decodeStream(
  source: AsyncIterable<unknown>,
  guess?: EncodingGuess,
  /** Counts the NUL characters dropped (stripNul): a reader may say that a padded gap was skipped. */
  stats?: { nulChars: number },
): AsyncGenerator<string, void, undefined> {
  for await (const text of decodeRaw(source, guess)) {
    const t = stripNul(text, stats);
    if (t) yield t;
  }
}

async function* decodeRaw(source: AsyncIterable<unknown>, guess?: EncodingGuess): AsyncGenerator<string, void, undefined> {
  let decoder: TextDecoder | undefined = guess ? new TextDecoder(guess.encoding) : undefined;
  // Until we know the encoding, hold the first bytes (at most SNIFF_HEAD_BYTES plus one chunk): the
  // encoding is decided from the same head whatever the chunk sizes.
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  for await (const raw of source) {
    const chunk = toBytes(raw);
    if (!decoder) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes < SNIFF_HEAD_BYTES) continue;
      const head = Buffer.concat(pending);
      pending = [];
      decoder = new TextDecoder(detectEncoding(head).encoding);
      const text = decoder.decode(head, { stream: true });
      if (text) yield text;
      continue;
    }
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  if (!decoder) {
    const head = Buffer.concat(pending);
    decoder = new TextDecoder(detectEncoding(head).encoding);
    const text = decoder.decode(head, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

export interface Line {
  /** The line without its end of line (`\n` or `\r\n`), at most `maxChars` characters. */
  text: string;
  /** 1-based line number. */
  number: number;
  /** Characters dropped because the line was longer than `maxChars`. */
  droppedChars: number;
}

/**
 * Split decoded chunks into lines. A line longer than `maxChars` keeps its first `maxChars`
 * characters and counts the rest, so a 200 MB file without a newline costs `maxChars` of memory.
 * A lone `\r` is not a line break (Windows writes CRLF; a bare CR inside a message stays text).
 */
export async function* splitLines(
  chunks: AsyncIterable<string>,
  maxChars = 64 * 1024,
): AsyncGenerator<Line, void, undefined> {
  let parts: string[] = [];
  let kept = 0;
  let dropped = 0;
  let number = 0;
  const take = (s: string) => {
    if (!s) return;
    const room = maxChars - kept;
    if (room <= 0) {
      dropped += s.length;
    } else if (s.length <= room) {
      parts.push(s);
      kept += s.length;
    } else {
      parts.push(s.slice(0, room));
      kept += room;
      dropped += s.length - room;
    }
  };
  const finish = (): Line => {
    let text = parts.length === 1 ? parts[0]! : parts.join('');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    const line = { text, number: ++number, droppedChars: dropped };
    parts = [];
    kept = 0;
    dropped = 0;
    return line;
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', start);
      if (nl < 0) {
        take(chunk.slice(start));
        break;
      }
      take(chunk.slice(start, nl));
      yield finish();
      start = nl + 1;
    }
  }
  if (parts.length > 0 || dropped > 0) yield finish();
}
