// The fast path for big event exports (issue 6): most of a busy server's Application log is not
// Azure AD Connect. Instead of running the XML parser over every byte, find each event's end with
// Buffer.indexOf (memchr speed), read its provider name from the bytes, and hand only the events of
// relevant providers to the real parser. Everything else is counted, never parsed.
//
// Correctness rule: an event is dropped here ONLY when its provider name was read unambiguously and
// is not relevant — exactly the events the full parser would drop too. Anything unusual (no
// provider, an entity in the name, a huge event) is passed through to the parser to decide.
// test/evidence/event-splitter.test.ts proves both paths give the same findings.

export interface SplitStats {
  /** Every `</Event>` seen. */
  events: number;
  /** Events passed on to the parser. */
  passed: number;
  /** Bytes left after the last complete event that still held an `<Event` start (a cut export). */
  trailingBytes: number;
}

type FastEncoding = 'utf-8' | 'utf-16le';

const MAX_CARRY = 64 * 1024 * 1024;

export function fastPathSupports(encoding: string): encoding is FastEncoding {
  return encoding === 'utf-8' || encoding === 'utf-16le';
}

/**
 * Splits a byte stream of event XML (rootless, `<Events>` root, with or without a declaration and
 * BOM) and yields, per input chunk, the text of the relevant events (rootless, in input order).
 */
export async function* splitRelevantEvents(
  source: AsyncIterable<unknown>,
  encoding: FastEncoding,
  isRelevantProvider: (name: string) => boolean,
  stats: SplitStats,
): AsyncGenerator<string, void, undefined> {
  for await (const pieces of splitRelevantEventList(source, encoding, isRelevantProvider, stats)) yield pieces.join('\n');
}

/**
 * The same, one string per piece: each is a whole event (`<Event …>…</Event>`), except that an event
 * over 64 MiB and the cut end of a truncated export come as they are (concatenated, the pieces are
 * the parser's input).
 */
export async function* splitRelevantEventList(
  source: AsyncIterable<unknown>,
  encoding: FastEncoding,
  isRelevantProvider: (name: string) => boolean,
  stats: SplitStats,
): AsyncGenerator<string[], void, undefined> {
  const enc: BufferEncoding = encoding === 'utf-8' ? 'utf8' : 'utf16le';
  const unit = encoding === 'utf-8' ? 1 : 2;
  const END = Buffer.from('</Event>', enc);
  const PROVIDER = Buffer.from('<Provider Name=', enc);
  const START = Buffer.from('<Event', enc);
  const SQ = Buffer.from("'", enc);
  const DQ = Buffer.from('"', enc);
  const AMP = Buffer.from('&', enc);

  // Indices must fall on a character boundary: in UTF-16 an ASCII needle could match at an odd
  // offset across two unrelated characters. `base` is the offset of buf[0] from a character boundary
  // (the start of the pending event), so a match counts only where base + i is a boundary.
  const find = (buf: Buffer, needle: Buffer, from: number, limit = buf.length, base = 0): number => {
    let i = buf.indexOf(needle, from);
    while (i !== -1 && i < limit && (base + i) % unit !== 0) i = buf.indexOf(needle, i + 1);
    return i !== -1 && i < limit ? i : -1;
  };

  /** The first `<Event` followed by space, `>` or newline (not `<Events`) in [from, limit). */
  const findStart = (buf: Buffer, from: number, limit: number): number => {
    let i = find(buf, START, from, limit);
    while (i !== -1) {
      const next = buf.toString(enc, i + START.length, Math.min(i + START.length + unit, buf.length));
      if (next === ' ' || next === '>' || next === '\r' || next === '\n' || next === '\t') return i;
      i = find(buf, START, i + unit, limit);
    }
    return -1;
  };

  // The bytes of an event not yet complete, as the chunks they came in (never concatenated again and
  // again: one event with a 100 MB <Data> value costs one copy of it, not one per chunk). They start
  // on a character boundary.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let bomChecked = false;
  let head: Buffer = Buffer.alloc(0);
  for await (const raw of source) {
    let chunk = raw instanceof Uint8Array ? Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength) : Buffer.from(String(raw), 'utf8');
    if (!bomChecked) {
      // The BOM check needs 3 bytes; a stream that starts with 1- or 2-byte chunks is held until then.
      head = head.length ? Buffer.concat([head, chunk]) : chunk;
      if (head.length < 3) continue;
      bomChecked = true;
      if (encoding === 'utf-8' && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) chunk = head.subarray(3);
      else if (encoding === 'utf-16le' && head[0] === 0xff && head[1] === 0xfe) chunk = head.subarray(2);
      else chunk = head;
      head = Buffer.alloc(0);
    }
    const out: string[] = [];
    let buf = chunk;
    let pos = 0;
    if (pendingBytes > 0) {
      // Does the pending event end in this chunk? Look only at the new bytes, and at the few pending
      // bytes an END straddling the two could start in.
      const keepBack = Math.min(pendingBytes, END.length - 1);
      const tail = lastBytes(pending, keepBack);
      const joint = Buffer.concat([tail, chunk.subarray(0, Math.min(chunk.length, END.length - 1))]);
      let at = find(joint, END, 0, joint.length, pendingBytes - keepBack);
      let endInChunk: number;
      if (at !== -1 && at < keepBack) {
        endInChunk = at - keepBack + END.length; // the END began in the pending bytes
      } else {
        at = find(chunk, END, 0, chunk.length, pendingBytes);
        endInChunk = at === -1 ? -1 : at + END.length;
      }
      if (endInChunk === -1) {
        pending.push(Buffer.from(chunk)); // a copy: the chunk's own buffer may be a big pooled one
        pendingBytes += chunk.length;
        if (pendingBytes > MAX_CARRY) {
          // One "event" larger than 64 MiB is not an event: let the parser see it and complain.
          const all = Buffer.concat(pending, pendingBytes);
          const whole = all.length - (all.length % unit);
          yield [all.toString(enc, 0, whole)];
          pending = whole < all.length ? [Buffer.from(all.subarray(whole))] : [];
          pendingBytes = all.length - whole;
        }
        continue;
      }
      const event = Buffer.concat([...pending, chunk.subarray(0, endInChunk)]);
      pending = [];
      pendingBytes = 0;
      stats.events++;
      if (keep(event, 0, event.length - END.length)) {
        const start = findStart(event, 0, event.length - END.length);
        out.push(event.toString(enc, start === -1 ? 0 : start));
        stats.passed++;
      }
      // The rest of the chunk starts where the event ended: a character boundary.
      buf = chunk.subarray(endInChunk);
    }
    // buf starts on a character boundary here (the chunk started on one, or an event just ended there).
    for (;;) {
      const end = find(buf, END, pos);
      if (end === -1) break;
      const evEnd = end + END.length;
      stats.events++;
      if (keep(buf, pos, end)) {
        const start = findStart(buf, pos, end);
        out.push(buf.toString(enc, start === -1 ? pos : start, evEnd));
        stats.passed++;
      }
      pos = evEnd;
    }
    // Keep the incomplete tail, copied so the big chunk can be freed. Starts on a character boundary.
    if (pos < buf.length) {
      pending = [Buffer.from(buf.subarray(pos))];
      pendingBytes = buf.length - pos;
    }
    if (out.length) yield out;
  }
  if (!bomChecked && head.length > 0) {
    pending = [head];
    pendingBytes = head.length;
  }
  const carry = pendingBytes > 0 ? Buffer.concat(pending, pendingBytes) : Buffer.alloc(0);
  if (carry.length && findStart(carry, 0, carry.length) !== -1) {
    stats.trailingBytes = carry.length;
    // The parser reports the cut event as a truncation, exactly as on the slow path.
    yield [carry.toString(enc)];
  }

  /** The last n bytes of the pending chunks. */
  function lastBytes(parts: Buffer[], n: number): Buffer {
    if (n === 0) return Buffer.alloc(0);
    const out: Buffer[] = [];
    let need = n;
    for (let k = parts.length - 1; k >= 0 && need > 0; k--) {
      const p = parts[k]!;
      const take = Math.min(need, p.length);
      out.unshift(p.subarray(p.length - take));
      need -= take;
    }
    return Buffer.concat(out);
  }

  function keep(buf: Buffer, from: number, end: number): boolean {
    const p = find(buf, PROVIDER, from, end);
    if (p === -1) return true;
    const qAt = p + PROVIDER.length;
    const quote = buf.subarray(qAt, qAt + unit);
    const q = quote.equals(SQ) ? SQ : quote.equals(DQ) ? DQ : null;
    if (!q) return true;
    const close = find(buf, q, qAt + unit, end);
    if (close === -1) return true;
    if (find(buf, AMP, qAt + unit, close) !== -1) return true;
    return isRelevantProvider(buf.toString(enc, qAt + unit, close));
  }
}
