// How `events` writes (issue 14): lines are batched into 64 KiB writes (one write call a line was most
// of the time), back-pressure is awaited with one listener at a time (a listener added per wait was
// the MaxListenersExceededWarning when piped), and a large .evtx on disk is read, filtered, redacted and
// rendered on every core (events-task.ts in worker threads), its pieces written in file order.
import type { WinEvent } from '../evidence/types.js';
import type { Redactor } from '../redact/index.js';
import type { EventFilter } from './events.js';

export type EventsFormat = 'jsonl' | 'xml' | 'text';

/** EventFilter as plain data, for a worker thread. */
export interface FilterSpec {
  providers?: string[];
  ids?: number[];
  levels?: number[];
  sinceMs?: number;
  untilMs?: number;
}

export function filterSpec(f: EventFilter): FilterSpec {
  const s: FilterSpec = {};
  if (f.providers) s.providers = [...f.providers];
  if (f.ids) s.ids = [...f.ids];
  if (f.levels) s.levels = [...f.levels];
  if (f.sinceMs !== undefined) s.sinceMs = f.sinceMs;
  if (f.untilMs !== undefined) s.untilMs = f.untilMs;
  return s;
}

export function filterOf(s: FilterSpec): EventFilter {
  const f: EventFilter = {};
  if (s.providers) f.providers = new Set(s.providers);
  if (s.ids) f.ids = new Set(s.ids);
  if (s.levels) f.levels = new Set(s.levels);
  if (s.sinceMs !== undefined) f.sinceMs = s.sinceMs;
  if (s.untilMs !== undefined) f.untilMs = s.untilMs;
  return f;
}

/**
 * The redactor with its answers remembered, for secrets only: then text() is a function of its input
 * alone (no identity is learned), and an event log repeats its values (SIDs, account and process names,
 * logon types) endlessly. Bounded: cleared when full. With --redact the redactor learns as it goes and
 * is used as it is.
 */
export function rememberingRedactor(r: Redactor, isSecretKeyName: (k: string) => boolean, redacted: string): Redactor {
  if (r.identities) return r;
  const texts = new Memo();
  const paths = new Memo();
  const secretKeys = new Map<string, boolean>();
  const text = (s: string): string => (s.length > 4096 ? r.text(s) : texts.get(s, r.text));
  const secretKey = (k: string): boolean => {
    let v = secretKeys.get(k);
    if (v === undefined) {
      if (secretKeys.size >= 10_000) secretKeys.clear();
      secretKeys.set(k, (v = isSecretKeyName(k)));
    }
    return v;
  };
  // The same walk as Redactor.json: a value under a secret-looking key goes whole.
  const json = <T>(value: T): T => {
    const walk = (v: unknown, key: string | null): unknown => {
      if (typeof v === 'string') return key !== null && v.length > 0 && v !== redacted && secretKey(key) ? redacted : text(v);
      if (Array.isArray(v)) return v.map((x) => walk(x, null));
      if (v && typeof v === 'object') {
        const o: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v as Record<string, unknown>)) o[text(k)] = walk(x, k);
        return o;
      }
      return v;
    };
    return walk(value, null) as T;
  };
  return { ...r, text, json, path: (p: string) => paths.get(p, r.path) };
}

/**
 * A bounded memo in two generations: the values in use stay (a lookup in the old one moves it to the
 * new), values seen once (a record number) pass through and age out, and memory stays bounded.
 */
class Memo {
  private young = new Map<string, string>();
  private old = new Map<string, string>();
  constructor(private readonly max = 20_000) {}
  get(k: string, compute: (k: string) => string): string {
    let v = this.young.get(k);
    if (v !== undefined) return v;
    v = this.old.get(k);
    if (v === undefined) v = compute(k);
    if (this.young.size >= this.max) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(k, v);
    return v;
  }
}

/** Writes text and bytes to a stream in batches, with back-pressure; stops quietly when the reader goes away. */
export class BatchedWriter {
  private parts: string[] = [];
  private chars = 0;
  private closed = false;
  private failure: Error | null = null;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly batchChars = 64 * 1024,
  ) {
    out.on('error', (err: NodeJS.ErrnoException) => {
      // A closed pipe (`events … | head`) ends the listing quietly; anything else is a real failure.
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') this.closed = true;
      else this.failure = err;
    });
  }

  /** False once the reader has gone away: stop producing. */
  get open(): boolean {
    return !this.closed;
  }

  /** One line (without its newline). */
  async line(s: string): Promise<boolean> {
    this.parts.push(s, '\n');
    this.chars += s.length + 1;
    if (this.chars >= this.batchChars) await this.flush();
    return this.open;
  }

  /** Bytes rendered elsewhere (a worker), after what is batched. */
  async bytes(b: Uint8Array): Promise<boolean> {
    await this.flush();
    if (b.length > 0) await this.write(b);
    return this.open;
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.chars = 0;
    await this.write(text);
  }

  private async write(chunk: string | Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.closed) return;
    if (!this.out.write(chunk)) await this.drain();
    if (this.failure) throw this.failure;
  }

  /** Waits for 'drain' (or the end of the stream) with listeners that are removed again. */
  private drain(): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        this.out.off('drain', done);
        this.out.off('close', done);
        this.out.off('error', done);
        resolve();
      };
      this.out.on('drain', done);
      this.out.on('close', done);
      this.out.on('error', done);
    });
  }
}

export interface WriteEventsOptions {
  format: EventsFormat;
  filter: EventFilter;
  redactIdentities: boolean;
  /** Worker threads for a large .evtx on disk (1: all in this thread). */
  jobs: number;
  out: NodeJS.WritableStream;
  onNote: (path: string, message: string) => void;
}

/** The events of the inputs, filtered, redacted and rendered, written in input order. */
export async function writeEvents(paths: string[], o: WriteEventsOptions): Promise<{ redactor: Redactor }> {
  const { eventsFromInputs } = await import('../evidence/event-stream.js');
  const { createRedactor, isSecretKeyName, REDACTED } = await import('../redact/index.js');
  const render = await renderer(o.format);
  const { matches } = await import('./events.js');
  // Every event is redacted before it is written (secrets always), like analyze's report.
  const redactor = createRedactor({ identities: o.redactIdentities });
  const r = rememberingRedactor(redactor, isSecretKeyName, REDACTED);
  const out = new BatchedWriter(o.out);
  const providers = o.filter.providers;
  const evtxFilter = providers ? { keepProvider: (p: string) => providers.has(p.toLowerCase()) } : undefined;
  for await (const e of eventsFromInputs(paths, {
    onNote: o.onNote,
    ...(evtxFilter ? { evtxFilter } : {}),
    // With --redact the token map is one for the whole listing: one thread.
    ...(o.jobs > 1 && !o.redactIdentities ? { takeEvtxFile: (path: string, file: string, size: number) => writeEvtxParallel(path, file, size, o, out) } : {}),
  })) {
    if (!matches(e, o.filter)) continue;
    if (!(await out.line(render(r, e)))) break;
  }
  await out.flush();
  return { redactor };
}

type Render = (r: Redactor, e: WinEvent) => string;

export async function renderer(format: EventsFormat): Promise<Render> {
  const { redactEvent } = await import('../redact/event.js');
  const { eventJson, eventText } = await import('./events.js');
  if (format === 'jsonl') return (r, e) => JSON.stringify(eventJson(redactEvent(e, r)));
  if (format === 'text') return (r, e) => eventText(redactEvent(e, r));
  const { renderEventXml } = await import('../evidence/readers/evtx-render.js');
  return (r, e) => renderEventXml(redactEvent(e, r));
}

/** A large .evtx on disk, rendered on every core; false when it is small or threads are not available. */
async function writeEvtxParallel(path: string, file: string, size: number, o: WriteEventsOptions, out: BatchedWriter): Promise<boolean> {
  const { PARALLEL_MIN_BYTES, readEvtxParallel } = await import('../evidence/readers/evtx/parallel.js');
  if (size < PARALLEL_MIN_BYTES) return false;
  const { createPool, WORKER_FILE } = await import('../parallel/pool.js');
  const { runEventsRender } = await import('./events-task.js');
  type Task = Parameters<typeof runEventsRender>[0];
  const pool = createPool<Task, Awaited<ReturnType<typeof runEventsRender>>>(o.jobs, WORKER_FILE, runEventsRender);
  if (!pool.threads) return false;
  try {
    const base = { path, file, verify: true };
    const spec = filterSpec(o.filter);
    const read = readEvtxParallel(base, pool, (from, count): Task => ({ kind: 'events-render', ...base, from, count, format: o.format, filter: spec }));
    for await (const bytes of read) if (!(await out.bytes(bytes))) break;
    for (const n of read.notes) o.onNote(file, n);
  } finally {
    await pool.close();
  }
  return true;
}
