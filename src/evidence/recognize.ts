// What is this file? Decided from its content, never its name: customers rename, zip and paste.
// The one exception: a file that is binary throughout and named *.evtx goes to the evtx reader,
// which can recover chunks from a log whose file header is damaged.
import { decodeBuffer, detectEncoding, stripNul } from './decode.js';
import type { InputFormat } from './types.js';

/** How much of a file recognition looks at. */
export const HEAD_BYTES = 64 * 1024;

const EVTX_FILE_MAGIC = Buffer.from('ElfFile\0', 'latin1');
const EVTX_CHUNK_MAGIC = Buffer.from('ElfChnk\0', 'latin1');
const ZIP_MAGICS = [Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from([0x50, 0x4b, 0x05, 0x06])];

/** Wizard trace line: `[12:09:02.743] [  1] [INFO ] message`. */
export const WIZARD_TRACE_LINE = /^\[(\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d{1,7}))?\]\s*\[\s*\d+\]\s*\[\s*([A-Za-z]+)\s*\]/;
/** Other timestamped line logs: `2026-11-25 10:00:00,123 ERROR …`, `2026-11-25T10:00:00.123Z [WARN] …`, `[2026-11-25 10:00:00] …`. */
export const ISO_LINE = /^\[?(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?\]?(?=[\s|,;\]])/;

export function isTimestampedLine(line: string): boolean {
  return WIZARD_TRACE_LINE.test(line) || ISO_LINE.test(line);
}

/** Look at the first bytes (up to HEAD_BYTES) and say what the file is. */
export function recognizeFormat(head: Buffer, path?: string): InputFormat {
  if (head.length === 0) return 'empty';
  if (startsWith(head, EVTX_FILE_MAGIC)) return 'evtx';
  if (ZIP_MAGICS.some((m) => startsWith(head, m))) return 'zip';
  // An .evtx whose 4 KiB file header was damaged or zeroed still has its chunks at 64 KiB steps from 4096.
  if (head.length >= 4096 + 8 && head.subarray(4096, 4104).equals(EVTX_CHUNK_MAGIC)) return 'evtx';

  const guess = detectEncoding(head);
  const text = decodeBuffer(head, guess);
  // NUL padding (a log cut by a crash, then written on) is not what makes a file binary: the readers
  // drop it (decode.ts stripNul), so recognition looks at the text around it.
  const raw = text.replace(/^\uFEFF/, '');
  const body = stripNul(raw);
  if (raw.trim() === '') return 'empty';
  // Nothing but zeros: no text to read around (a wiped or preallocated file).
  if (body.trim() === '') return path && /\.evtx$/i.test(path) ? 'evtx' : 'binary';
  if (looksBinary(body)) return path && /\.evtx$/i.test(path) ? 'evtx' : 'binary';

  const trimmed = body.trimStart();
  if (trimmed.startsWith('<')) {
    const root = firstElementName(trimmed);
    if (root === 'Event' || root === 'Events') return 'event-xml';
    if (root === 'configuration') return 'dotnet-config';
    return 'text';
  }
  if (/^(?:\{|\[\s*\{)/.test(trimmed)) {
    const schema = /"schema"\s*:\s*"aadsync-diagnose\/([A-Za-z0-9._-]+)/.exec(trimmed.slice(0, 4096));
    if (schema) return schema[1] === 'manifest' || schema[1]!.startsWith('manifest@') ? 'bundle-manifest' : 'bundle-json';
    // Get-ADSyncRunProfileResult | ConvertTo-Json, as an admin exports run history by hand.
    if (/"RunHistoryId"\s*:/.test(trimmed.slice(0, 4096)) && /"Result"\s*:/.test(trimmed.slice(0, 4096))) return 'run-history';
    return 'text';
  }
  if (/^(?:Windows Registry Editor Version 5\.00|REGEDIT4)\b/.test(trimmed)) return 'reg-export';

  const lines = firstLines(trimmed, 200);
  // "Current WinHTTP proxy settings:" in English; localised netsh keeps the word WinHTTP and "prox".
  if (lines.length > 0 && /WinHTTP/.test(lines[0]!) && /prox/i.test(lines[0]!)) return 'netsh-winhttp';
  // Get-ADSyncRunProfileResult | Format-List.
  if (lines.some((l) => /^RunHistoryId\s+:/.test(l)) && lines.some((l) => /^Result\s+:/.test(l))) return 'run-history';

  if (lines.length > 0) {
    const stamped = lines.filter(isTimestampedLine).length;
    const firstStamped = isTimestampedLine(lines[0]!);
    if ((firstStamped && (stamped >= 2 || lines.length === 1)) || stamped / lines.length >= 0.5) return 'trace-log';
  }
  return 'text';
}

function startsWith(buf: Buffer, magic: Buffer): boolean {
  return buf.length >= magic.length && buf.subarray(0, magic.length).equals(magic);
}

/**
 * Text decodes to few control characters. NULs and C0 controls (other than tab, CR, LF, FF, VT, ESC)
 * above 2% mean binary; UTF-16 was decoded already, so its NULs are gone. Replacement characters alone
 * do not: a message whose characters a code page lost (a Chinese error pasted through the wrong one is
 * mostly U+FFFD) is still text. Random bytes decode to about one C0 control in eight, so binary is still
 * caught by its controls; only a body that is more than half U+FFFD is taken for binary by them.
 */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 16 * 1024);
  if (n === 0) return false;
  let bad = 0;
  let nul = 0;
  let replaced = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) {
      nul++;
      bad++;
    } else if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 11 && c !== 27) {
      bad++;
    } else if (c === 0xfffd) {
      replaced++;
    }
  }
  return bad / n > 0.02 || nul / n > 0.002 || replaced / n > 0.5;
}

/** Name of the first element after the prolog (XML declaration, comments, PIs, DOCTYPE). */
function firstElementName(s: string): string | undefined {
  let i = 0;
  for (let guard = 0; guard < 100; guard++) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (s.startsWith('<?', i)) {
      const end = s.indexOf('?>', i);
      if (end < 0) return undefined;
      i = end + 2;
    } else if (s.startsWith('<!--', i)) {
      const end = s.indexOf('-->', i);
      if (end < 0) return undefined;
      i = end + 3;
    } else if (s.startsWith('<!', i)) {
      const end = s.indexOf('>', i);
      if (end < 0) return undefined;
      i = end + 1;
    } else break;
  }
  const m = /^<([A-Za-z_][\w.:-]*)[\s/>]/.exec(s.slice(i, i + 256));
  if (!m) return undefined;
  const name = m[1]!;
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : name;
}

function firstLines(text: string, max: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (out.length < max && start < text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    const line = text.slice(start, Math.min(nl, start + 4096)).replace(/\r$/, '');
    if (line.trim() !== '') out.push(line);
    start = nl + 1;
  }
  return out;
}

/**
 * Our own report (report.json/.md/.html in a bundle) quotes evidence; reading it again would count
 * every excerpt twice and keep stale findings alive. Recognised by content.
 */
export function isOwnReport(headText: string): boolean {
  const s = headText.slice(0, 8192);
  if (/^\s*\{/.test(s)) return /"schemaVersion"\s*:/.test(s) && /"name"\s*:\s*"aadsync-diagnose"/.test(s) && /"verdict"/.test(s);
  if (/^\s*(?:<!doctype html|<html)/i.test(s)) return /aadsync-diagnose/.test(s);
  return false;
}
