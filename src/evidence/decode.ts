// Bytes -> text. Windows evidence arrives as UTF-16 LE with BOM (PowerShell 5.1 `>`/Out-File,
// wevtutil /uni:true), UTF-8 with or without BOM (pwsh 7, our collector), UTF-16 without BOM
// (some tools write raw wide strings) or ANSI (Set-Content in 5.1). Nothing else is normalised
// here: CRLF, trailing spaces and the like are the readers' business.

import { TextDecoder } from 'node:util';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface EncodingGuess {
  encoding: TextEncodingName;
  /** Bytes of byte-order mark at the start (0 when none). TextDecoder strips it by itself. */
  bomLength: number;
}

/** How many leading bytes are enough to tell the encoding apart. */
const SNIFF_BYTES = 1024;

/**
 * Guess the encoding from the first bytes: a BOM wins; otherwise the NUL pattern of ASCII text in
 * UTF-16 (every other byte is 0) tells LE from BE; otherwise UTF-8 when the bytes are valid UTF-8,
 * else Windows-1252 (what Windows PowerShell 5.1 `Set-Content` writes on western systems).
 */
export function detectEncoding(head: Uint8Array): EncodingGuess {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };

  const n = Math.min(head.length, SNIFF_BYTES) & ~1;
  if (n >= 2) {
    let evenZeros = 0;
    let oddZeros = 0;
    for (let i = 0; i < n; i += 2) {
      if (head[i] === 0) evenZeros++;
      if (head[i + 1] === 0) oddZeros++;
    }
    const pairs = n / 2;
    // ASCII in UTF-16 LE: low byte first, so the zero is the odd byte. Allow some non-ASCII text.
    if (oddZeros / pairs >= 0.3 && evenZeros / pairs <= 0.05) return { encoding: 'utf-16le', bomLength: 0 };
    if (evenZeros / pairs >= 0.3 && oddZeros / pairs <= 0.05) return { encoding: 'utf-16be', bomLength: 0 };
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

/** Decode a whole buffer including a character cut at the end (shown as U+FFFD). */
export function decodeComplete(buf: Uint8Array, guess: EncodingGuess = detectEncoding(buf)): string {
  return new TextDecoder(guess.encoding).decode(buf);
}

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  throw new TypeError('stream chunk is neither a Buffer nor a string');
}

/**
 * Stream bytes into string chunks. The encoding is sniffed from the first bytes unless given.
 * Uses TextDecoder in stream mode, so a character split between two chunks is decoded whole.
 * Memory: one input chunk at a time.
 */
export async function* decodeStream(
  source: AsyncIterable<unknown>,
  guess?: EncodingGuess,
): AsyncGenerator<string, void, undefined> {
  let decoder: TextDecoder | undefined = guess ? new TextDecoder(guess.encoding) : undefined;
  // Until we know the encoding, hold the first bytes (at most SNIFF_BYTES plus one chunk).
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  for await (const raw of source) {
    const chunk = toBytes(raw);
    if (!decoder) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes < SNIFF_BYTES) continue;
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
