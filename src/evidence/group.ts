// Repeated evidence collapsed: a server logs the same 906 every 30 minutes for weeks, each with a
// new TrackingId and time. Records with the same kind, provider, event id and innermost cause
// (numbers, GUIDs, times and hex normalised away, except the codes that change the meaning) become
// one RecordGroup with a count, first/last time and the first three records as samples.
import { innermostCause } from './chain.js';
import type { MessageRecord, RecordGroup } from './types.js';

export interface GrouperOptions {
  /** Distinct groups kept; records of new kinds after that are counted in `overflow`. */
  maxGroups?: number;
  /** Samples kept per group. */
  maxSamples?: number;
}

const GUID = /\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?/gi;
const ISO_TIME = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g;
const US_TIME = /\d{1,2}\/\d{1,2}\/\d{2,4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?/gi;
const CLOCK = /\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g;
/**
 * Numbers that decide what a failure is are kept: AADSTS codes, HRESULTs (0x8…), HTTP statuses in
 * parentheses, Winsock (100xx/110xx) and WinHTTP (120xx/121xx) codes. Everything else numeric
 * (ports, IPs, tracking numbers, counts, long hex) becomes a placeholder.
 */
const NUMBERISH = /\bAADSTS\d+\b|\b0x[0-9a-f]+\b|\(\d{3}\)|\b[0-9a-f]*\d[0-9a-f]*\b/gi;

/**
 * An IPv4 address (with its port) becomes its class and keeps the port: 10061 to the proxy at
 * 10.0.0.5:8080 and 10061 to 40.126.1.1:443 are different failures (proxy-unreachable versus a
 * bypass) and must not collapse into one group, while 40.126.7.9:443 and 40.126.3.2:443 should.
 * The port is written as `port_N` so NUMBERISH (which needs a word boundary) leaves it alone.
 */
const IPV4_ENDPOINT = /\b(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?::(\d{1,5}))?\b/g;

function ipClass(a: number, b: number): string {
  if (a === 127) return 'loopback-ip';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)) return 'private-ip';
  return 'public-ip';
}

function classifyEndpoint(_m: string, a: string, b: string, _c: string, _d: string, port?: string): string {
  return `<${ipClass(Number(a), Number(b))}>${port ? `:port_${port}` : ''}`;
}

function keepNumber(tok: string): string {
  if (/^AADSTS\d+$/i.test(tok)) return tok.toUpperCase();
  if (/^0x8[0-9a-f]{7}$/i.test(tok)) return tok.toLowerCase();
  if (/^0x/i.test(tok)) return '<hex>';
  if (/^\(\d{3}\)$/.test(tok)) return tok;
  if (/^(?:100\d\d|110\d\d|120\d\d|121\d\d)$/.test(tok)) return tok;
  if (/^\d+$/.test(tok)) return '#';
  return '<hex>';
}

/**
 * Whether a group is failure evidence: an error or warning event (or one with no level), a trace record
 * (the reader keeps only those that carry failure or success text), any pasted text. Informational events
 * are not: facts are read only from failure records (src/facts); success is read from any record cheaply.
 */
export function isFailureGroup(g: RecordGroup): boolean {
  // Trace records are kept by the reader only when serious or carrying failure (or success) text.
  if (g.kind !== 'event') return true;
  return g.level === undefined || g.level === 0 || g.level <= 3;
}

/** Text with what differs between repeats of the same failure replaced by placeholders. */
export function normaliseForGrouping(text: string): string {
  return text
    .slice(0, 4000)
    .replace(GUID, '<guid>')
    .replace(ISO_TIME, '<time>')
    .replace(US_TIME, '<time>')
    .replace(CLOCK, '<time>')
    .replace(IPV4_ENDPOINT, classifyEndpoint)
    .replace(NUMBERISH, keepNumber)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 1000);
}

export function groupKey(r: MessageRecord): string {
  const cause = innermostCause(r.text);
  // Only an inner cause cut from a longer chain is likely to repeat word for word; caching texts
  // that carry their own TrackingId would only churn the cache (and the old generation of the heap).
  const normalised = cause.length < r.text.length - 8 ? normaliseCached(cause) : normaliseForGrouping(cause);
  return [r.kind, r.provider ?? '', r.eventId ?? '', normalised].join('|');
}

/**
 * normaliseForGrouping is the costliest step per record (six regex passes). A chain's innermost cause
 * repeats word for word across a month of 906s (the TrackingId is in the outer text), so recent
 * results are remembered. Bounded: cleared when full, so memory does not grow with the input.
 */
const normalisedCauses = new Map<string, string>();
const NORMALISED_MAX = 512;
function normaliseCached(cause: string): string {
  const hit = normalisedCauses.get(cause);
  if (hit !== undefined) return hit;
  const n = normaliseForGrouping(cause);
  if (cause.length <= 2000) {
    if (normalisedCauses.size >= NORMALISED_MAX) normalisedCauses.clear();
    normalisedCauses.set(cause, n);
  }
  return n;
}

function timeValue(t: string): number {
  const v = Date.parse(t);
  return Number.isNaN(v) ? Number.NaN : v;
}

/** True when a is earlier than b (ISO strings; ties and unparsable times fall back to text order). */
function earlierMs(a: string, va: number, b: string, vb: number): boolean {
  if (!Number.isNaN(va) && !Number.isNaN(vb) && va !== vb) return va < vb;
  return a < b;
}

export class RecordGrouper {
  private readonly groups = new Map<string, RecordGroup>();
  /** Parsed firstTime/lastTime per group, so each record's time is parsed once, not four times. */
  private readonly times = new Map<RecordGroup, { first: number; last: number }>();
  private readonly maxGroups: number;
  private readonly maxSamples: number;
  /** Records not grouped because the group limit was reached. */
  overflow = 0;
  /** Records added (grouped or overflowed). */
  total = 0;

  constructor(opts: GrouperOptions = {}) {
    this.maxGroups = opts.maxGroups ?? 5000;
    this.maxSamples = opts.maxSamples ?? 3;
  }

  /** Add one record. Returns false when it was not kept because of the group limit. */
  add(r: MessageRecord): boolean {
    this.total++;
    const key = groupKey(r);
    let g = this.groups.get(key);
    if (!g) {
      if (this.groups.size >= this.maxGroups) {
        this.overflow++;
        return false;
      }
      g = {
        key,
        kind: r.kind,
        count: 0,
        samples: [],
      };
      if (r.provider !== undefined) g.provider = r.provider;
      if (r.eventId !== undefined) g.eventId = r.eventId;
      if (r.level !== undefined) g.level = r.level;
      this.groups.set(key, g);
    }
    g.count++;
    if (r.time) {
      const v = timeValue(r.time);
      let t = this.times.get(g);
      if (!t) this.times.set(g, (t = { first: Number.NaN, last: Number.NaN }));
      if (g.firstTime === undefined || earlierMs(r.time, v, g.firstTime, t.first)) {
        g.firstTime = r.time;
        t.first = v;
      }
      if (g.lastTime === undefined || earlierMs(g.lastTime, t.last, r.time, v)) {
        g.lastTime = r.time;
        t.last = v;
      }
    }
    if (g.samples.length < this.maxSamples) g.samples.push(r);
    return true;
  }

  get size(): number {
    return this.groups.size;
  }

  /** Groups in the order their first record was seen. */
  result(): RecordGroup[] {
    return [...this.groups.values()];
  }
}
