// Paths -> EvidenceSet. Walks the inputs (files, folders, zips, stdin), recognises each by its
// content, streams it through its reader and merges everything: message records go through the
// grouper (so a month of identical 906s is one group), configuration-like files through
// readConfigLike. Every input is listed in `inputs` with what it was taken for and any notes.
// A damaged file gets a note, never a stack trace; only "nothing usable at all" is an InputError.
// Readers a given input does not need are not loaded (.evtx, trace, text, config, zip: imported when
// one is met), so analyze of one small file starts fast (docs/performance.md, start-up).
import { InputError } from '../model/errors.js';
import { collectorFileHint, parseSchedulerList, RegExportFilter, type CollectorFileHint } from './collectors.js';
import { decodeComplete, decodeStream, detectEncoding, splitLines } from './decode.js';
import { RecordGrouper } from './group.js';
import { describeReadError, walkInputs, type InputEntry } from './input.js';
import { applyConfigFileTimes, mergeSyncEvidence } from './readers/bundle-json.js';
import type { ConfigLikeFormat } from './readers/config.js';
import { createEventXmlParser, readEventXml, winEventToRecord } from './readers/event-xml.js';
import { tokenizeEvent } from './readers/event-quick.js';
import { fastPathSupports, splitRelevantEventList, type SplitStats } from './readers/event-splitter.js';
import type { TextStats } from './readers/text.js';
import { HEAD_BYTES, isOwnReport, recognizeFormat } from './recognize.js';
import { isRelevantProvider } from './relevance.js';
import { emptyEvidence, type EvidenceSet, type InputFile, type MessageRecord, type WinEvent } from './types.js';

export interface CollectOptions {
  /** Called now and then during long reads (bytes done, total when known) for a progress display. */
  onProgress?: (p: { file: string; bytesDone: number; bytesTotal?: number }) => void;
  /** Standard input, for the path `-` (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
  /** Distinct record groups kept (default 5000). */
  maxGroups?: number;
  /** Configuration-like files are read whole up to this size (default 16 MiB). */
  maxConfigBytes?: number;
  /**
   * The byte-level fast path for UTF-8 and UTF-16 LE event XML (default on). Off: every event goes
   * through saxes, the straightforward path the fast one is tested against. The environment variable
   * AADSYNC_DIAGNOSE_NO_FAST_PATH=1 turns it off too (bench `tool-slow`, comparisons by hand).
   */
  fastPath?: boolean;
  /**
   * Worker threads for one large .evtx file on disk (its chunks parsed on every core: readers/evtx/
   * parallel.ts). Default 1: read in this thread (as inside a fleet worker, which is one already).
   */
  jobs?: number;
}

function fastPathEnabled(opts: CollectOptions): boolean {
  if (opts.fastPath !== undefined) return opts.fastPath;
  const off = process.env.AADSYNC_DIAGNOSE_NO_FAST_PATH;
  return off === undefined || off === '' || off === '0';
}

const CONFIG_FORMATS = new Set<string>(['dotnet-config', 'netsh-winhttp', 'reg-export', 'bundle-json', 'bundle-manifest', 'run-history']);
/** Configuration-like files are read whole up to this size unless CollectOptions.maxConfigBytes says otherwise. */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;
const maxConfigBytes = (ctx: Ctx): number => ctx.opts.maxConfigBytes ?? MAX_CONFIG_BYTES;
/** Report progress at most this often (bytes). */
const PROGRESS_STEP = 4 * 1024 * 1024;

type MergeKey = 'dotNetProxy' | 'winInet' | 'winHttp' | 'environment' | 'traceProxy' | 'adsync' | 'sync' | 'probes' | 'tls' | 'collection';

const MERGE_KEYS: MergeKey[] = ['dotNetProxy', 'winInet', 'winHttp', 'environment', 'traceProxy', 'adsync', 'sync', 'probes', 'tls', 'collection'];

export async function collectEvidence(paths: string[], opts: CollectOptions = {}): Promise<EvidenceSet> {
  const run = newRun(opts);
  for await (const entry of walkInputs(paths, opts.stdin)) await readRouted(entry, run);
  return finish(run.ctxOf(''));
}

/**
 * Several servers in one walk (src/fleet/plan.ts decides): which unit each input, and each event of an
 * input naming several computers, belongs to. Without a router everything is one unit.
 */
export interface EvidenceRouter {
  /**
   * The unit of a file, zip or zip member, by its display path; null: not read in this walk. A zip
   * whose members go to several units answers SHARED: it is listed with each unit its members go to.
   */
  unitOf(displayPath: string): string | null;
  /**
   * For an input whose events go by computer: the unit of an event's computer, or null to leave the
   * event out (its server is diagnosed from other evidence). undefined: this input is not routed by computer.
   */
  unitOfEvent?(displayPath: string, computer: string): string | null | undefined;
}

/** EvidenceRouter.unitOf of a zip whose members belong to several units. */
export const SHARED = '*';

/** Each unit's evidence, or the InputError that unit alone would have raised (nothing readable). */
export async function collectEvidenceByUnit(paths: string[], router: EvidenceRouter, opts: CollectOptions = {}): Promise<Map<string, EvidenceSet | InputError>> {
  const run = newRun(opts, router);
  for await (const entry of walkInputs(paths, opts.stdin)) await readRouted(entry, run);
  const out = new Map<string, EvidenceSet | InputError>();
  for (const [key, ctx] of run.units) {
    try {
      out.set(key, finish(ctx));
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      out.set(key, err);
    }
  }
  return out;
}

function newRun(opts: CollectOptions, router?: EvidenceRouter): Run {
  const units = new Map<string, Ctx>();
  const run: Run = {
    opts,
    router,
    units,
    ctxOf(key) {
      let ctx = units.get(key);
      if (!ctx) {
        ctx = { evidence: emptyEvidence(), grouper: new RecordGrouper({ maxGroups: opts.maxGroups ?? 5000 }), opts, overflowNoted: false, taken: 0, usable: 0, run, key };
        units.set(key, ctx);
      }
      return ctx;
    },
  };
  return run;
}

/** A top-level input, read into the unit the router gives it (or skipped). */
async function readRouted(entry: InputEntry, run: Run): Promise<void> {
  const key = run.router ? run.router.unitOf(entry.displayPath) : '';
  if (key === null) return;
  if (key === SHARED) {
    await readOne(entry, run.ctxOf(SHARED), false);
    run.units.delete(SHARED);
    return;
  }
  const ctx = run.ctxOf(key);
  const outcome = await readOne(entry, ctx);
  if (outcome === 'unreadable') ctx.unreadable ??= entry.displayPath;
}

function finish(ctx: Ctx): EvidenceSet {
  const { evidence, grouper } = ctx;
  if (ctx.usable === 0) {
    const only = evidence.inputs.length === 1 ? evidence.inputs[0] : undefined;
    if (only && ctx.unreadable) throw new InputError(`${only.path}: cannot be read (${only.notes[0] ?? 'unreadable'})`);
    if (only && only.format === 'binary') throw new InputError(`${only.path}: binary file, not evidence this tool reads`);
    if (only && only.format === 'empty') throw new InputError(`${only.path}: empty file`);
    if (only && only.notes.includes('not text evidence: no line breaks')) {
      throw new InputError(`${only.path}: not text evidence (${only.bytes} bytes without a line break)`);
    }
    throw new InputError(
      `none of the ${evidence.inputs.length} input files is readable evidence (${summariseFormats(evidence.inputs)})`,
    );
  }
  // A bundle's files are read one at a time; what joins them is settled once all are in.
  // machine.config's edit time is the collector's LastWriteTimeUtc (adsync.json configFiles), not
  // the copy's file-system time; sync/cycle.json and sync/run-profile-results.json are one cycle.
  applyConfigFileTimes(evidence.dotNetProxy, evidence.adsync);
  evidence.sync = mergeSyncEvidence(evidence.sync);
  evidence.groups = grouper.result();
  return evidence;
}

interface Run {
  opts: CollectOptions;
  router: EvidenceRouter | undefined;
  units: Map<string, Ctx>;
  ctxOf(key: string): Ctx;
}

interface Ctx {
  evidence: EvidenceSet;
  grouper: RecordGrouper;
  opts: CollectOptions;
  overflowNoted: boolean;
  /** Events, records and configuration items taken so far (tells whether a failed input gave anything). */
  taken: number;
  /** Inputs (files and zip members) that gave evidence. */
  usable: number;
  /** The first top-level input that could not be read. */
  unreadable?: string;
  run: Run;
  key: string;
}

/** 'container': a zip, whose members count for themselves. */
type Outcome = 'usable' | 'unusable' | 'unreadable' | 'container';

function summariseFormats(inputs: InputFile[]): string {
  const counts = new Map<string, number>();
  for (const i of inputs) counts.set(i.format, (counts.get(i.format) ?? 0) + 1);
  return [...counts].map(([f, n]) => `${n} ${f}`).join(', ');
}

async function readOne(entry: InputEntry, ctx: Ctx, insideZip = false): Promise<Outcome> {
  const outcome = await readEntry(entry, ctx, insideZip);
  if (outcome === 'usable') ctx.usable++;
  return outcome;
}

async function readEntry(entry: InputEntry, ctx: Ctx, insideZip: boolean): Promise<Outcome> {
  let head: Buffer;
  try {
    head = await entry.readHead(HEAD_BYTES);
  } catch (err) {
    addInput(ctx, entry, 'empty', [`cannot be read: ${describeReadError(err)}`]);
    return 'unreadable';
  }
  const format = recognizeFormat(head, entry.displayPath);
  const input = addInput(ctx, entry, format, []);
  const takenBefore = ctx.taken;
  const note = (s: string) => addNote(input, s);

  try {
    // Microsoft's collector folders: what the file's place in the layout adds (collectors.ts).
    const hint = collectorFileHint(entry.displayPath);
    const byHint = hint ? await readCollectorFile(entry, input, format, hint, ctx, note) : undefined;
    if (byHint) return byHint;
    switch (format) {
      case 'empty':
        note('empty file');
        return 'unusable';
      case 'binary':
        note('binary file: not evidence this tool reads (skipped)');
        return 'unusable';
      case 'zip':
        if (insideZip) {
          // zipEntries already descends into nested zips up to its limit; deeper ones stop here.
          note('zip nested too deep: not read');
          return 'unusable';
        }
        return await readZip(entry, input, ctx);
      case 'evtx':
        await readEvtxInput(entry, input, ctx, note);
        return 'usable';
      case 'event-xml':
        await readEventXmlInput(entry, input, head, ctx, note);
        return 'usable';
      case 'trace-log':
        await readTraceInput(entry, input, ctx, note);
        return 'usable';
      case 'text': {
        if (isOwnReport(decodeComplete(head.subarray(0, 16 * 1024)))) {
          note('a report written by aadsync-diagnose: not read as evidence');
          return 'unusable';
        }
        return await readTextInput(entry, input, ctx, note);
      }
      default:
        if (CONFIG_FORMATS.has(format)) {
          await readConfigInput(entry, input, format as ConfigLikeFormat, ctx, note);
          return 'usable';
        }
        note(`format ${format} is not read`);
        return 'unusable';
    }
  } catch (err) {
    // Stream failures (a file vanishing, a zip entry over its limits) cost this input, not the run.
    note(`reading stopped: ${describeReadError(err)}`);
    return ctx.taken > takenBefore ? 'usable' : 'unreadable';
  } finally {
    noteOverflow(ctx, input);
  }
}

function addInput(ctx: Ctx, entry: InputEntry, format: InputFile['format'], notes: string[]): InputFile {
  const input: InputFile = { path: entry.displayPath, format, bytes: entry.size, notes };
  ctx.evidence.inputs.push(input);
  return input;
}

function noteOverflow(ctx: Ctx, input: InputFile): void {
  if (ctx.grouper.overflow > 0 && !ctx.overflowNoted) {
    ctx.overflowNoted = true;
    input.notes.push(`more than ${ctx.grouper.size} distinct kinds of records: the rest are counted, not kept`);
  }
}

/** The entry's bytes, counted for progress and for stdin's size. */
async function* counted(entry: InputEntry, input: InputFile, ctx: Ctx): AsyncGenerator<Buffer> {
  const stream = await entry.open();
  let done = 0;
  let nextReport = PROGRESS_STEP;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    done += buf.length;
    if (ctx.opts.onProgress && done >= nextReport) {
      nextReport = done + PROGRESS_STEP;
      ctx.opts.onProgress({ file: entry.displayPath, bytesDone: done, bytesTotal: entry.size || undefined });
    }
    yield buf;
  }
  if (done > input.bytes) input.bytes = done;
  ctx.opts.onProgress?.({ file: entry.displayPath, bytesDone: done, bytesTotal: entry.size || undefined });
}

function addRecord(ctx: Ctx, r: MessageRecord): void {
  ctx.taken++;
  ctx.grouper.add(r);
}

async function readEventXmlInput(
  entry: InputEntry,
  input: InputFile,
  head: Buffer,
  ctx: Ctx,
  note: (s: string) => void,
): Promise<void> {
  const counts = ctx.evidence.counts;
  const guess = detectEncoding(head);
  if (fastPathSupports(guess.encoding) && fastPathEnabled(ctx.opts)) {
    // Fast path (event-splitter.ts): irrelevant providers' events are counted from the bytes and
    // never parsed. Each relevant event is tokenised by event-quick.ts when it has Windows' plain
    // shape (nearly always) and otherwise fed to saxes; both drive the same event builder. The
    // parser sees only the relevant events, so its ordinals and line:column positions are not the
    // file's: notes are restated in the file's terms.
    const stats: SplitStats = { events: 0, passed: 0, trailingBytes: 0 };
    const parserNotes: string[] = [];
    const parser = createEventXmlParser({ file: entry.displayPath, onNote: (n) => parserNotes.push(n), keepProvider: isRelevantProvider });
    const routing = EventRouting.for(ctx, entry, input);
    const take = (evs: WinEvent[]) => {
      for (const ev of evs) {
        counts.relevantEvents++;
        takeEvent(ctx, routing, ev);
      }
    };
    try {
      for await (const pieces of splitRelevantEventList(counted(entry, input, ctx), guess.encoding, isRelevantProvider, stats)) {
        for (const piece of pieces) {
          const tokens = parser.between() ? tokenizeEvent(piece) : null;
          take(tokens ? parser.replay(tokens) : parser.write(piece));
        }
      }
      take(parser.end());
    } finally {
      counts.events += stats.events;
      ctx.taken += stats.events;
      routing?.finish();
      for (const n of parserNotes) {
        if (/^truncated after event \d+$/.test(n)) note(`truncated after event ${stats.events}`);
        else if (n === 'no <Event> element found') {
          if (stats.events === 0) note(n);
        } else note(n.replace(/^malformed XML at \d+:\d+: (.*?)(?: \(event \d+ skipped\))?$/, 'malformed XML: $1 (an event skipped)'));
      }
    }
    return;
  }
  const events = readEventXml(decodeStream(counted(entry, input, ctx), guess), {
    file: entry.displayPath,
    onNote: note,
    keepProvider: isRelevantProvider,
    onDropped: () => {
      counts.events++;
      ctx.taken++;
    },
  });
  const routing = EventRouting.for(ctx, entry, input);
  try {
    for await (const ev of events) {
      counts.events++;
      counts.relevantEvents++;
      takeEvent(ctx, routing, ev);
    }
  } finally {
    routing?.finish();
  }
}

async function readEvtxInput(entry: InputEntry, input: InputFile, ctx: Ctx, note: (s: string) => void): Promise<void> {
  const counts = ctx.evidence.counts;
  if ((ctx.opts.jobs ?? 1) > 1 && entry.path !== '-' && !('zipChain' in entry)) {
    const { PARALLEL_MIN_BYTES } = await import('./readers/evtx/parallel.js');
    if (entry.size >= PARALLEL_MIN_BYTES && (await readEvtxInputParallel(entry, input, ctx, note))) return;
  }
  const { readEvtx } = await import('./readers/evtx/index.js');
  const read = readEvtx(
    { path: entry.path, open: () => entry.open() },
    {
      file: entry.displayPath,
      onProgress: (bytesDone) => ctx.opts.onProgress?.({ file: entry.displayPath, bytesDone, bytesTotal: entry.size || undefined }),
      // Other providers' records are counted from their bytes, never parsed (readers/evtx EvtxFilter).
      filter: { keepProvider: isRelevantProvider },
    },
  );
  const routing = EventRouting.for(ctx, entry, input);
  try {
    for await (const ev of read as AsyncIterable<WinEvent>) {
      counts.events++;
      ctx.taken++;
      if (!isRelevantProvider(ev.provider)) continue;
      counts.relevantEvents++;
      takeEvent(ctx, routing, ev);
    }
  } finally {
    counts.events += read.stats.filtered;
    ctx.taken += read.stats.filtered;
    for (const n of read.notes) note(n);
    routing?.finish();
  }
}

/** readEvtxInput on every core (a file on disk); false when threads are not available here. */
async function readEvtxInputParallel(entry: InputEntry, input: InputFile, ctx: Ctx, note: (s: string) => void): Promise<boolean> {
  const { createPool, WORKER_FILE } = await import('../parallel/pool.js');
  const { readEvtxParallel } = await import('./readers/evtx/parallel.js');
  const { runEvtxChunks } = await import('./readers/evtx/chunks-task.js');
  type Task = Parameters<typeof runEvtxChunks>[0];
  const pool = createPool<Task, Awaited<ReturnType<typeof runEvtxChunks>>>(ctx.opts.jobs ?? 1, WORKER_FILE, runEvtxChunks);
  if (!pool.threads) return false;
  const counts = ctx.evidence.counts;
  const base = { path: entry.path, file: entry.displayPath, verify: true };
  const read = readEvtxParallel(base, pool, (from, count): Task => ({ kind: 'evtx-chunks', ...base, from, count }), {
    onProgress: (bytesDone) => ctx.opts.onProgress?.({ file: entry.displayPath, bytesDone, bytesTotal: entry.size || undefined }),
  });
  const routing = EventRouting.for(ctx, entry, input);
  try {
    for await (const events of read) {
      for (const ev of events) {
        counts.events++;
        ctx.taken++;
        counts.relevantEvents++;
        takeEvent(ctx, routing, ev);
      }
    }
  } finally {
    counts.events += read.stats.filtered;
    ctx.taken += read.stats.filtered;
    for (const n of read.notes) note(n);
    routing?.finish();
    await pool.close();
  }
  return true;
}

async function readTraceInput(entry: InputEntry, input: InputFile, ctx: Ctx, note: (s: string) => void): Promise<void> {
  const { readTraceLog } = await import('./readers/trace-log.js');
  const padding = { nulChars: 0 };
  const records = readTraceLog(decodeStream(counted(entry, input, ctx), undefined, padding), {
    file: entry.displayPath,
    fileName: entry.displayPath.split('/').pop(),
    onNote: note,
    onProxyFacts: (f) => {
      ctx.taken++;
      ctx.evidence.traceProxy.push(f);
    },
  });
  for await (const r of records) {
    ctx.evidence.counts.traceRecords++;
    addRecord(ctx, r);
  }
  notePadding(padding, note);
}

/** Says that NUL padding was skipped (decode.ts stripNul): the log has a gap there, usually a crash. */
function notePadding(padding: { nulChars: number }, note: (s: string) => void): void {
  if (padding.nulChars > 0) note(`${padding.nulChars} NUL characters of padding skipped (what a crash leaves in a log being written); the text around them was read`);
}

async function readTextInput(entry: InputEntry, input: InputFile, ctx: Ctx, note: (s: string) => void): Promise<Outcome> {
  const { readText } = await import('./readers/text.js');
  const stats: TextStats = { records: 0, overlongRecords: 0, longestLine: 0 };
  const records: MessageRecord[] = [];
  const padding = { nulChars: 0 };
  for await (const r of readText(decodeStream(counted(entry, input, ctx), undefined, padding), { file: entry.displayPath, onNote: note, stats })) {
    // Held back while every record so far is one over-long line (a blob, not text): see below.
    // Only the first few are held; more of them are not evidence either way.
    if (stats.records === stats.overlongRecords) {
      if (records.length < 4) records.push(r);
      continue;
    }
    for (const held of records.splice(0)) take(held);
    take(r);
  }
  // Nothing but a few lines of tens of megabytes without a line break: not something a person wrote
  // or a program logged. Memory stayed bounded; what it holds is not evidence.
  if (stats.records > 0 && stats.records === stats.overlongRecords) {
    note('not text evidence: no line breaks');
    return 'unusable';
  }
  for (const held of records) take(held);
  notePadding(padding, note);
  return 'usable';

  function take(r: MessageRecord): void {
    ctx.evidence.counts.textRecords++;
    addRecord(ctx, r);
  }
}

async function readConfigInput(
  entry: InputEntry,
  input: InputFile,
  format: ConfigLikeFormat,
  ctx: Ctx,
  note: (s: string) => void,
): Promise<void> {
  const max = maxConfigBytes(ctx);
  const parts: Buffer[] = [];
  let kept = 0;
  let total = 0;
  for await (const buf of counted(entry, input, ctx)) {
    total += buf.length;
    if (kept < max) {
      const piece = buf.length > max - kept ? buf.subarray(0, max - kept) : buf;
      parts.push(piece);
      kept += piece.length;
    }
  }
  if (total > kept) note(`only the first ${Math.round(max / 1024 / 1024)} MiB read (${total} bytes in all)`);
  const bytes = Buffer.concat(parts);
  const text = decodeComplete(bytes, detectEncoding(bytes));
  const { readConfigLike } = await import('./readers/config.js');
  const part = readConfigLike(format, text, entry.displayPath, entry.mtime ? { mtime: entry.mtime } : undefined);
  for (const n of part.notes ?? []) note(stripFilePrefix(n, entry.displayPath));
  mergeEvidence(ctx.evidence, part);
  // A config file is evidence even when it defines nothing (no defaultProxy is itself a fact).
  ctx.taken++;
}

/** Collector-specific reading (owned by the collectors work); undefined = read as usual. */
async function readCollectorFile(
  entry: InputEntry,
  input: InputFile,
  format: InputFile['format'],
  hint: CollectorFileHint,
  ctx: Ctx,
  note: (s: string) => void,
): Promise<Outcome | undefined> {
  if (hint.kind === 'registry-hive' || hint.kind === 'not-proxy-evidence') {
    note(hint.note ?? 'not read');
    return 'unusable';
  }
  if (hint.kind === 'scheduler' && format === 'text') {
    const parts: Buffer[] = [];
    for await (const b of counted(entry, input, ctx)) parts.push(b);
    const bytes = Buffer.concat(parts);
    const info = parseSchedulerList(decodeComplete(bytes, detectEncoding(bytes)), entry.displayPath);
    if (!info) return undefined;
    ctx.taken++;
    ctx.evidence.adsync.push(info);
    return 'usable';
  }
  if (hint.kind === 'machine-config' && format === 'dotnet-config') {
    const before = ctx.evidence.dotNetProxy.length;
    await readConfigInput(entry, input, format, ctx, note);
    for (const cfg of ctx.evidence.dotNetProxy.slice(before)) if (hint.scope) cfg.scope = hint.scope;
    return 'usable';
  }
  if (hint.kind === 'registry-export' && format === 'reg-export' && entry.size > maxConfigBytes(ctx)) {
    // REG_HKLM_Software_Hive.log can be hundreds of MB: keep only the proxy-relevant keys, streamed.
    const filter = new RegExportFilter();
    const kept: string[] = [];
    for await (const line of splitLines(decodeStream(counted(entry, input, ctx)))) {
      const k = filter.line(line.text);
      if (k !== null) kept.push(k);
    }
    note(`large registry export: only proxy, environment and TLS keys read (${kept.length} lines)`);
    const { readConfigLike } = await import('./readers/config.js');
    const part = readConfigLike('reg-export', kept.join('\r\n'), entry.displayPath);
    for (const n of part.notes ?? []) note(stripFilePrefix(n, entry.displayPath));
    mergeEvidence(ctx.evidence, part);
    ctx.taken++;
    return 'usable';
  }
  return undefined;
}

/** Notes are listed under their input already: "x.config: line 3 …" reads better as "line 3 …". */
function stripFilePrefix(n: string, file: string): string {
  return n.startsWith(`${file}: `) ? n.slice(file.length + 2) : n;
}

function mergeEvidence(into: EvidenceSet, part: Partial<EvidenceSet>): void {
  for (const key of MERGE_KEYS) {
    const items = part[key] as unknown[] | undefined;
    if (items && items.length > 0) for (const item of items) (into[key] as unknown[]).push(item);
  }
}

const MAX_NOTES = 50;

/** An input's notes, at most MAX_NOTES of them and then one line saying more were not shown. */
function addNote(input: InputFile, s: string): void {
  if (input.notes.length < MAX_NOTES) input.notes.push(s);
  else if (input.notes.length === MAX_NOTES) input.notes.push('more notes not shown');
}

async function readZip(entry: InputEntry, input: InputFile, ctx: Ctx): Promise<Outcome> {
  if (entry.path === '-') {
    input.notes.push('a zip on standard input is not read: save it to a file and give its path');
    return 'unusable';
  }
  let count = 0;
  const { zipEntries } = await import('./zip.js');
  // With a router, each member goes to its own unit, and the zip is listed with every unit it feeds.
  const router = ctx.run.router;
  const listed = new Set<Ctx>(ctx.key === SHARED ? [] : [ctx]);
  const entries = zipEntries(entry.path, {
    displayName: entry.displayPath,
    // Capped like every input's notes: a hostile zip of 20 000 bad entries must not make 20 000 lines.
    onNote: (n) => addNote(input, n.path === entry.displayPath ? n.message : `${n.path}: ${n.message}`),
  });
  for await (const inner of entries) {
    count++;
    let target = ctx;
    if (router) {
      const key = router.unitOf(inner.displayPath);
      if (key === null || key === SHARED) continue;
      target = ctx.run.ctxOf(key);
      if (!listed.has(target)) {
        listed.add(target);
        target.evidence.inputs.push(input);
      }
    }
    await readOne(inner, target, true);
  }
  if (count === 0) input.notes.push('no files in this zip');
  return 'container';
}

/**
 * The events of an input that names several computers (loose files: src/fleet/plan.ts) go to their
 * computer's unit; an event of a computer diagnosed from other evidence is left out and counted.
 * Both are said in the input's notes.
 */
class EventRouting {
  private readonly copies = new Map<Ctx, { input: InputFile; events: number; computer: string }>();
  private readonly leftOut = new Map<string, number>();
  constructor(
    private readonly ctx: Ctx,
    private readonly entry: InputEntry,
    private readonly input: InputFile,
  ) {}

  static for(ctx: Ctx, entry: InputEntry, input: InputFile): EventRouting | null {
    return ctx.run.router?.unitOfEvent && ctx.run.router.unitOfEvent(entry.displayPath, '') !== undefined ? new EventRouting(ctx, entry, input) : null;
  }

  /** The unit this event goes to, or null when it is left out. */
  target(ev: WinEvent): Ctx | null {
    const key = this.ctx.run.router!.unitOfEvent!(this.entry.displayPath, ev.computer);
    if (key === undefined || key === this.ctx.key) return this.ctx;
    if (key === null) {
      this.leftOut.set(ev.computer, (this.leftOut.get(ev.computer) ?? 0) + 1);
      return null;
    }
    const target = this.ctx.run.ctxOf(key);
    let copy = this.copies.get(target);
    if (!copy) {
      copy = { input: { path: this.input.path, format: this.input.format, bytes: this.input.bytes, notes: [] }, events: 0, computer: ev.computer };
      target.evidence.inputs.push(copy.input);
      target.usable++;
      this.copies.set(target, copy);
    }
    copy.events++;
    return target;
  }

  /** Notes on both sides; the events moved out no longer count for this input's unit. */
  finish(): void {
    let moved = 0;
    for (const { input, events, computer } of this.copies.values()) {
      moved += events;
      input.notes.unshift(`only the ${events} Azure AD Connect events of computer ${computer}: the file holds events of other computers, diagnosed apart`);
      addNote(this.input, `${events} Azure AD Connect events of computer ${computer} diagnosed apart, as that server's`);
    }
    for (const [computer, n] of this.leftOut) {
      moved += n;
      addNote(this.input, `${n} Azure AD Connect events of computer ${computer} left out: that server is diagnosed from its own evidence`);
    }
    this.ctx.evidence.counts.events -= moved;
    this.ctx.evidence.counts.relevantEvents -= moved;
  }
}

/** One relevant event into its unit (the input's own, or its computer's when routed). */
function takeEvent(ctx: Ctx, routing: EventRouting | null, ev: WinEvent): void {
  const target = routing ? routing.target(ev) : ctx;
  if (target === null) return;
  if (target !== ctx) {
    target.evidence.counts.events++;
    target.evidence.counts.relevantEvents++;
  }
  addRecord(target, winEventToRecord(ev));
}
