// A record of a line-based file (plain text, a timestamped trace log) while it is read: its lines,
// capped in characters so one record of a huge or broken file cannot grow without bound, and the
// count of what was not kept, which the record's text then states. Shared by text.ts and trace-log.ts.

export interface RecordLines {
  lines: string[];
  /** Characters kept, each line counted with its line break. */
  chars: number;
  /** Characters not kept (over the cap, or cut from an overlong line by splitLines). */
  dropped: number;
  startLine: number;
  endLine: number;
}

/** Adds a line, keeping at most `maxChars` characters in the record; the rest is counted in `dropped`. */
export function appendCapped(b: RecordLines, s: string, maxChars: number): void {
  const room = maxChars - b.chars;
  if (room <= 0) {
    b.dropped += s.length + 1;
    return;
  }
  const piece = s.length > room ? s.slice(0, room) : s;
  b.dropped += s.length - piece.length;
  b.lines.push(piece);
  b.chars += piece.length + 1;
}

/** The kept lines joined, without trailing blank lines (they are removed from `b.lines`). */
export function joinLines(b: RecordLines): string {
  while (b.lines.length > 0 && b.lines[b.lines.length - 1]!.trim() === '') b.lines.pop();
  return b.lines.join('\n');
}

/** `text` with the count of characters not kept, when there are any. */
export function withDroppedNote(text: string, dropped: number): string {
  return dropped > 0 ? `${text}\n… [${dropped} more characters not kept]` : text;
}

/** `line 7` or `lines 7-12`: where a record (or a block of lines) sits in its file. */
export function lineRange(startLine: number, endLine: number): string {
  return endLine > startLine ? `lines ${startLine}-${endLine}` : `line ${startLine}`;
}

/** A string as 64 KiB chunks, for readers that take a stream of chunks. */
export async function* chunksOfString(s: string): AsyncGenerator<string> {
  for (let i = 0; i < s.length; i += 64 * 1024) yield s.slice(i, i + 64 * 1024);
}
