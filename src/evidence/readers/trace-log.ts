// Timestamped line logs: the Azure AD Connect wizard trace (`[12:09:13.711] [  1] [ERROR] …`,
// docs/windows-facts.md §5) and other line logs (`2026-11-25 10:00:00,123 ERROR …`).
// A record is one timestamped line plus the lines without a timestamp that follow it (the
// `Exception Data (Raw): …` block, `   at …` stack lines, `--- End of inner exception stack
// trace ---`, wrapped text). WARN/ERROR records are yielded; INFO/VERB records only when they carry
// failure text. Everything else is counted. Lines are streamed; one record is held at a time.
import { basename } from 'node:path';
import { splitLines, type Line } from '../decode.js';
import { ISO_LINE, WIZARD_TRACE_LINE } from '../recognize.js';
import type { MessageRecord, TraceProxyFacts } from '../types.js';
import { appendCapped, chunksOfString, joinLines, lineRange, withDroppedNote, type RecordLines } from './record-lines.js';

export interface TraceLogStats {
  lines: number;
  /** Lines starting with a timestamp. */
  stampedLines: number;
  /** Records yielded (WARN/ERROR, or INFO with failure text). */
  records: number;
  /** INFO/VERB records counted and not kept. */
  plainRecords: number;
}

export interface TraceLogOptions {
  /** Display path: the `source` of every record. */
  file: string;
  /** File name carrying the date (`trace-20231116-120902.log`); default: the base name of `file`. */
  fileName?: string;
  onNote?: (note: string) => void;
  /** Called once per proxy block the wizard logged (`machine.config path: …`, `Default Proxy […]: …`). */
  onProxyFacts?: (facts: TraceProxyFacts) => void;
  /** Filled in while reading. */
  stats?: TraceLogStats;
  /** Characters kept per record (default 64 KiB); the rest is counted. */
  maxRecordChars?: number;
}

/**
 * INFO/VERB text that is still evidence: failures the wizard logs as INFO, and the line it logs once its
 * cloud calls worked ("Successfully retrieved company information", docs/windows-facts.md §5.4).
 */
const FAILURE_TEXT =
  /exception|--->|AADSTS\d{4,}|could not be resolved|unable to connect|error occurred|\((?:4\d\d|5\d\d)\)|\bfail(?:ed|ure)\b|timed out|forcibly closed|SSL\/TLS|0x8\d{7}\b|Successfully retrieved company information/i;

/**
 * FAILURE_TEXT.test, remembered for short texts: a wizard trace repeats the same INFO lines
 * thousands of times, and this test runs on every INFO record. Bounded (cleared when full).
 */
const failureSeen = new Map<string, boolean>();
function isFailureText(text: string): boolean {
  if (text.length > 256) return FAILURE_TEXT.test(text);
  let v = failureSeen.get(text);
  if (v === undefined) {
    v = FAILURE_TEXT.test(text);
    if (failureSeen.size >= 4096) failureSeen.clear();
    failureSeen.set(text, v);
  }
  return v;
}

const LEVEL_WORD = /\b(ERROR|ERR|FATAL|CRITICAL|CRIT|WARN|WARNING|INFO|INFORMATION|INF|VERB|VERBOSE|DEBUG|DBG|TRACE)\b/i;

function normaliseLevel(word: string | undefined): string {
  const w = (word ?? '').toUpperCase();
  if (w === 'ERROR' || w === 'ERR' || w === 'FATAL' || w === 'CRITICAL' || w === 'CRIT') return 'ERROR';
  if (w === 'WARN' || w === 'WARNING') return 'WARN';
  if (w === 'VERB' || w === 'VERBOSE') return 'VERB';
  if (w === 'DEBUG' || w === 'DBG' || w === 'TRACE') return 'DEBUG';
  return 'INFO';
}

interface Stamp {
  level: string;
  message: string;
  /** Local or UTC time, as parsed. */
  time:
    | { kind: 'time-of-day'; seconds: number; ms: number }
    | { kind: 'full'; y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number; zone?: string };
}

function parseStamp(line: string): Stamp | null {
  const w = WIZARD_TRACE_LINE.exec(line);
  if (w) {
    const [all, h, m, s, frac, level] = w;
    return {
      level: normaliseLevel(level),
      message: line.charCodeAt(all.length) === 0x20 ? line.slice(all.length + 1) : line.slice(all.length),
      time: { kind: 'time-of-day', seconds: Number(h) * 3600 + Number(m) * 60 + Number(s), ms: fracToMs(frac) },
    };
  }
  const iso = ISO_LINE.exec(line);
  if (iso) {
    const [all, y, mo, d, h, mi, s, frac, zone] = iso;
    const rest = line.slice(all.length);
    // The level word sits near the start of the rest: `ERROR`, `[WARN]`, `| Error |`, `[  7] INFO`.
    const lw = LEVEL_WORD.exec(rest.slice(0, 48));
    let message = rest;
    if (lw) message = rest.slice(lw.index + lw[0].length).replace(/^[\s\]|:-]+/, '');
    else message = rest.replace(/^[\s\]|:-]+/, '');
    return {
      level: normaliseLevel(lw?.[1]),
      message,
      time: { kind: 'full', y: +y!, mo: +mo!, d: +d!, h: +h!, mi: +mi!, s: +s!, ms: fracToMs(frac), zone },
    };
  }
  return null;
}

function fracToMs(frac: string | undefined): number {
  if (!frac) return 0;
  return Number((frac + '000').slice(0, 3));
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Start of a wizard run: `Start Time (Local): Thu, 16 Nov 2023 12:09:02 GMT` (the GMT is not true). */
const START_LOCAL = /^Start Time \(Local\):\s*(.+?)\s*$/;
const START_UTC = /^Start Time \(UTC\):\s*(.+?)\s*$/;

interface Block extends RecordLines {
  level: string;
  /** When the record was logged, formatted only if the record is kept (most INFO records are not). */
  time?: LazyTime;
}

/** A time as ms: UTC (`utc`, printed with Z) or local wall-clock time of an unknown zone. */
interface LazyTime {
  ms: number;
  utc: boolean;
}

function formatTime(t: LazyTime): string {
  return t.utc ? new Date(t.ms).toISOString() : localIso(t.ms);
}

interface ProxyBlock {
  facts: TraceProxyFacts;
  startLine: number;
  endLine: number;
}

/** Records worth reading in a timestamped line log. */
export async function* readTraceLog(
  source: AsyncIterable<string> | string,
  opts: TraceLogOptions,
): AsyncGenerator<MessageRecord, void, undefined> {
  const maxChars = opts.maxRecordChars ?? 64 * 1024;
  const stats: TraceLogStats = opts.stats ?? { lines: 0, stampedLines: 0, records: 0, plainRecords: 0 };
  const name = opts.fileName ?? basename(opts.file.replace(/\\/g, '/'));

  // Date of the first line: from the file name (local time of the wizard start), else from the
  // "Start Time (Local)" line. Days are added when the time of day jumps back (midnight).
  let baseDay: number | undefined; // ms of local midnight, as if it were UTC
  let prevSeconds: number | undefined;
  let dayOffset = 0;
  const fromName = /(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})/.exec(name);
  if (fromName) {
    const [, y, mo, d, h, mi, s] = fromName;
    const day = Date.UTC(+y!, +mo! - 1, +d!);
    if (!Number.isNaN(day) && +mo! >= 1 && +mo! <= 12 && +d! >= 1 && +d! <= 31) {
      baseDay = day;
      prevSeconds = +h! * 3600 + +mi! * 60 + +s!;
    }
  }
  /** local - UTC in ms, when the log states both start times. */
  let utcOffsetMs: number | undefined;
  let startLocalMs: number | undefined;

  // Called for every stamped line (it tracks midnight); the text form is made only for kept records.
  const timeOf = (st: Stamp): LazyTime | undefined => {
    const t = st.time;
    if (t.kind === 'full') {
      const local = Date.UTC(t.y, t.mo - 1, t.d, t.h, t.mi, t.s, t.ms);
      if (Number.isNaN(local)) return undefined;
      if (t.zone) {
        const off = t.zone === 'Z' ? 0 : zoneMs(t.zone);
        return { ms: local - off, utc: true };
      }
      return utcOffsetMs !== undefined ? { ms: local - utcOffsetMs, utc: true } : { ms: local, utc: false };
    }
    if (prevSeconds !== undefined && t.seconds < prevSeconds - 12 * 3600) dayOffset++;
    prevSeconds = t.seconds;
    if (baseDay === undefined) return undefined;
    const local = baseDay + dayOffset * 86_400_000 + t.seconds * 1000 + t.ms;
    return utcOffsetMs !== undefined ? { ms: local - utcOffsetMs, utc: true } : { ms: local, utc: false };
  };

  let cur: Block | null = null;
  const proxyBlocks: ProxyBlock[] = [];
  let proxy: ProxyBlock | null = null;
  const proxyBlock = (lineNo: number): ProxyBlock => {
    if (!proxy) {
      proxy = { facts: { file: opts.file, location: '' }, startLine: lineNo, endLine: lineNo };
      proxyBlocks.push(proxy);
    }
    proxy.endLine = lineNo;
    return proxy;
  };

  const flush = (b: Block): MessageRecord | null => {
    const text = withDroppedNote(joinLines(b), b.dropped);
    const serious = b.level === 'ERROR' || b.level === 'WARN';
    if (!serious && !isFailureText(text)) {
      stats.plainRecords++;
      return null;
    }
    if (!text.trim()) {
      stats.plainRecords++;
      return null;
    }
    stats.records++;
    const rec: MessageRecord = {
      kind: 'trace',
      source: opts.file,
      location: lineRange(b.startLine, b.endLine),
      text,
      traceLevel: b.level,
    };
    if (b.time) rec.time = formatTime(b.time);
    return rec;
  };

  const lines: AsyncIterable<Line> =
    typeof source === 'string' ? splitLines(chunksOfString(source), maxChars) : splitLines(source, maxChars);
  for await (const line of lines) {
    stats.lines++;
    const raw = line.text.trimEnd(); // = replace(/\s+$/, ''): the same white space, without a regex
    const st = parseStamp(raw);
    if (st) {
      stats.stampedLines++;
      const msg = st.message;
      noteProxyFacts(msg, line.number);
      // Both start-time patterns begin with "Start Time": most lines are rejected on their first letter.
      const startLine = msg.charCodeAt(0) === 0x53; /* S */
      const sl = startLine ? START_LOCAL.exec(msg) : null;
      if (sl) startLocalMs = Date.parse(sl[1]!.replace(/\s*GMT$/i, '') + ' UTC');
      const su = startLine ? START_UTC.exec(msg) : null;
      if (su && startLocalMs !== undefined && !Number.isNaN(startLocalMs)) {
        const utc = Date.parse(su[1]!);
        if (!Number.isNaN(utc)) {
          // Offsets are whole quarter hours; rounding absorbs the second between the two lines.
          utcOffsetMs = Math.round((startLocalMs - utc) / 900_000) * 900_000;
          if (baseDay === undefined) {
            const d = new Date(startLocalMs);
            baseDay = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
          }
        }
      }
      // Some writers prefix the exception block's lines too: keep them with their ERROR line.
      const continuation =
        cur !== null &&
        (cur.level === 'ERROR' || cur.level === 'WARN') &&
        /^(?:Exception Data \(Raw\):|\s+at |at [\w.`]+[.(]|--- End of|--->)/.test(msg);
      if (continuation && cur) {
        appendCapped(cur, msg, maxChars);
        cur.endLine = line.number;
        timeOf(st);
        continue;
      }
      if (cur) {
        const rec = flush(cur);
        if (rec) yield rec;
      }
      cur = { lines: [], chars: 0, dropped: 0, startLine: line.number, endLine: line.number, level: st.level, time: timeOf(st) };
      appendCapped(cur, msg, maxChars);
      if (line.droppedChars) cur.dropped += line.droppedChars;
    } else {
      if (!cur) {
        // Text before the first timestamp: a header, or a log cut at the start.
        cur = { lines: [], chars: 0, dropped: 0, startLine: line.number, endLine: line.number, level: 'INFO' };
      }
      appendCapped(cur, raw, maxChars);
      if (line.droppedChars) cur.dropped += line.droppedChars;
      if (raw.trim() !== '') cur.endLine = line.number;
    }
  }
  if (cur) {
    const rec = flush(cur);
    if (rec) yield rec;
  }
  for (const b of proxyBlocks) {
    b.facts.location = lineRange(b.startLine, b.endLine);
    opts.onProxyFacts?.(b.facts);
  }

  function noteProxyFacts(msg: string, lineNo: number): void {
    // Cheap rejections first (this runs for every stamped line): the patterns below start with
    // "machine.config" or "Default Proxy" (any case), or contain "1.2".
    const c0 = msg.charCodeAt(0) | 0x20;
    if (c0 !== 0x6d /* m */ && c0 !== 0x64 /* d */ && !msg.includes('1.2')) return;
    const mc = /^machine\.config path:\s*(.*?)\.?\s*$/i.exec(msg);
    if (mc) {
      proxy = null; // each wizard start logs a new block
      proxyBlock(lineNo).facts.machineConfigPath = mc[1]!;
      return;
    }
    const dp = /^Default Proxy \[(\w+)\]:\s*(.*?)\s*$/i.exec(msg);
    if (dp) {
      const f = proxyBlock(lineNo).facts;
      const key = dp[1]!.toLowerCase();
      const value = dp[2]!;
      const unspecified = /^<?unspecified>?$/i.test(value);
      switch (key) {
        case 'proxyaddress':
          f.proxyAddress = unspecified || value === '' ? null : value;
          break;
        case 'usesystemdefault':
          f.useSystemDefault = value;
          break;
        case 'bypassonlocal':
          f.bypassOnLocal = value;
          break;
        case 'enabled':
          f.enabled = value;
          break;
        case 'autodetect':
          f.autoDetect = value;
          break;
        case 'usedefaultcredentials':
          f.useDefaultCredentials = value;
          break;
      }
      return;
    }
    if (/TLS 1\.2 is properly configured/i.test(msg)) proxyBlock(lineNo).facts.tls12Configured = true;
    else if (/TLS 1\.2 (?:is not|isn't|needs to be|must be|has not been)\b/i.test(msg)) proxyBlock(lineNo).facts.tls12Configured = false;
  }
}

function zoneMs(zone: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return 0;
  const v = (+m[2]! * 60 + +m[3]!) * 60_000;
  return m[1] === '-' ? -v : v;
}

/** ISO 8601 without a zone: local time of the machine that wrote the log (its offset is unknown). */
function localIso(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}
