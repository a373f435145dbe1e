// Plain text: an error pasted from the wizard, an event's message, a PowerShell error record,
// a support engineer's notes. Records are blank-line-separated blocks, except that a block is
// continued across blank lines when what follows belongs to it: the rest of a PowerShell error
// record (`At line:1 char:1`, `+ CategoryInfo`, `+ FullyQualifiedErrorId`), the inner part of an
// exception chain (`--->`, `Inner Exception`, `[Inner Exception]` as some apps print it), stack lines (`   at …`). Streamed line by line, each record capped.
import { splitLines } from '../decode.js';
import type { MessageRecord } from '../types.js';
import { appendCapped, chunksOfString, joinLines, lineRange, withDroppedNote, type RecordLines } from './record-lines.js';

export interface TextOptions {
  /** Display path: the `source` of every record. */
  file: string;
  /** Characters kept per record (default 64 KiB); the rest is counted in a marker. */
  maxRecordChars?: number;
  onNote?: (note: string) => void;
  /** Filled in while reading. */
  stats?: TextStats;
}

export interface TextStats {
  records: number;
  /** Records that are one line longer than the cap (a file without line breaks, a blob). */
  overlongRecords: number;
  /** Characters of the longest line. */
  longestLine: number;
}

/** Lines that continue the record before them even after a blank line. */
const CONTINUES = /^\s*(?:at\s+\S|--->|--- End of|\+ (?:CategoryInfo|FullyQualifiedErrorId|PSComputerName)\b|\+\s*~|At line:\d|At \S.*:\d+ char:\d+|Exception Data \(Raw\):|\[?Inner ?Exception\b)/i;
/** Lines only a PowerShell error record has (5.1 and 7 views). */
const PS_RECORD = /^\s*(?:At line:\d+ char:\d+|At \S.*:\d+ char:\d+|\+ CategoryInfo\s*:|\+\s*~+)/;
const PS_END = /^\s*\+ FullyQualifiedErrorId\s*:/;
const PS_TAIL = /^\s*\+ \w+\s*:/;

interface Block extends RecordLines {
  /** Inside a PowerShell error record, before its FullyQualifiedErrorId. */
  inPsRecord: boolean;
  /** Saw FullyQualifiedErrorId: the record is complete except `+ Name : value` tail lines. */
  psDone: boolean;
}

/** Records in plain text, in order. */
export async function* readText(source: AsyncIterable<string> | string, opts: TextOptions): AsyncGenerator<MessageRecord, void, undefined> {
  const maxChars = opts.maxRecordChars ?? 64 * 1024;
  const stats: TextStats = opts.stats ?? { records: 0, overlongRecords: 0, longestLine: 0 };
  let overlongNotes = 0;
  let cur: Block | null = null;
  let blankSeen = false;

  const start = (n: number): Block => ({ lines: [], chars: 0, dropped: 0, startLine: n, endLine: n, inPsRecord: false, psDone: false });
  const flush = (b: Block): MessageRecord | null => {
    const kept = joinLines(b);
    if (!/\p{L}/u.test(kept)) return null; // separators, numbers only
    const text = withDroppedNote(kept, b.dropped);
    stats.records++;
    if (b.startLine === b.endLine && b.dropped > 0) stats.overlongRecords++;
    return {
      kind: 'text',
      source: opts.file,
      location: lineRange(b.startLine, b.endLine),
      text,
    };
  };

  const chunks = typeof source === 'string' ? chunksOfString(source) : source;
  for await (const line of splitLines(chunks, maxChars)) {
    const length = line.text.length + line.droppedChars;
    if (length > stats.longestLine) stats.longestLine = length;
    if (line.droppedChars > 0 && overlongNotes++ < 3) {
      opts.onNote?.(`line ${line.number}: ${length} characters without a line break (the first ${line.text.length} kept)`);
    }
    const raw = line.text.replace(/\s+$/, '');
    if (raw === '') {
      if (cur) blankSeen = true;
      continue;
    }
    if (cur) {
      const last = cur.lines[cur.lines.length - 1] ?? '';
      const chainOpen = /--->\s*$/.test(last);
      let breakHere = false;
      if (cur.psDone && !PS_TAIL.test(raw)) breakHere = true;
      else if (blankSeen && !cur.inPsRecord && !chainOpen && !CONTINUES.test(raw)) breakHere = true;
      if (breakHere) {
        const rec = flush(cur);
        if (rec) yield rec;
        cur = null;
      } else if (blankSeen) {
        appendCapped(cur, '', maxChars);
      }
    }
    blankSeen = false;
    cur ??= start(line.number);
    appendCapped(cur, raw, maxChars);
    cur.dropped += line.droppedChars;
    cur.endLine = line.number;
    if (PS_RECORD.test(raw)) cur.inPsRecord = true;
    if (PS_END.test(raw)) {
      cur.inPsRecord = false;
      cur.psDone = true;
    }
    // A PowerShell record that never reaches its FullyQualifiedErrorId must not swallow the file.
    if (cur.inPsRecord && line.number - cur.startLine > 60) cur.inPsRecord = false;
  }
  if (cur) {
    const rec = flush(cur);
    if (rec) yield rec;
  }
}
