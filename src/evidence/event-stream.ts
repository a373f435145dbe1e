// Events, and only events, from any evidence: .evtx files, event XML exports, and both inside
// folders, bundles and zips (Microsoft's collectors included). Streams: one event at a time, so
// `events` can list a multi-gigabyte log without holding it. Used by the `events` command.
import { InputError } from '../model/errors.js';
import { decodeStream } from './decode.js';
import { describeReadError, walkInputs, type InputEntry } from './input.js';
import { readEventXml } from './readers/event-xml.js';
import { readEvtx, type EvtxFilter } from './readers/evtx/index.js';
import { HEAD_BYTES, recognizeFormat } from './recognize.js';
import type { WinEvent } from './types.js';
import { zipEntries } from './zip.js';

export interface EventStreamOptions {
  stdin?: NodeJS.ReadableStream;
  /** One line per damaged or skipped input (path: message). */
  onNote?: (path: string, message: string) => void;
  /** .evtx: only these providers' records are read (the others are never parsed: readers/evtx EvtxFilter). */
  evtxFilter?: EvtxFilter;
  /**
   * An .evtx file on disk, offered whole before it is read here: true when the caller has dealt with
   * it (events-output.ts renders a large one on every core); its events are then not yielded.
   */
  takeEvtxFile?: (path: string, displayPath: string, size: number) => Promise<boolean>;
}

export interface EventStreamSummary {
  /** Inputs that held events (evtx or event XML). */
  eventInputs: number;
  files: number;
}

/**
 * Every event in the inputs, in input order. Throws InputError when a path is missing, or when
 * none of the inputs is an event log or event XML.
 */
export async function* eventsFromInputs(
  paths: string[],
  opts: EventStreamOptions = {},
  summary: EventStreamSummary = { eventInputs: 0, files: 0 },
): AsyncGenerator<WinEvent> {
  const note = opts.onNote ?? (() => undefined);
  for await (const entry of walkInputs(paths, opts.stdin)) {
    yield* fromEntry(entry, false, note, summary, opts);
  }
  if (summary.eventInputs === 0) {
    throw new InputError(
      summary.files === 1
        ? `${paths[0]}: not an event log (.evtx) or event XML`
        : `none of the ${summary.files} input files is an event log (.evtx) or event XML`,
    );
  }
}

async function* fromEntry(
  entry: InputEntry,
  insideZip: boolean,
  note: (path: string, message: string) => void,
  summary: EventStreamSummary,
  opts: EventStreamOptions = {},
): AsyncGenerator<WinEvent> {
  summary.files++;
  let head: Buffer;
  try {
    head = await entry.readHead(HEAD_BYTES);
  } catch (err) {
    note(entry.displayPath, `cannot be read: ${describeReadError(err)}`);
    return;
  }
  const format = recognizeFormat(head, entry.displayPath);
  try {
    if (format === 'evtx') {
      summary.eventInputs++;
      if (opts.takeEvtxFile && !insideZip && entry.path !== '-' && (await opts.takeEvtxFile(entry.path, entry.displayPath, entry.size))) return;
      const read = readEvtx({ path: entry.path, open: () => entry.open() }, { file: entry.displayPath, ...(opts.evtxFilter ? { filter: opts.evtxFilter } : {}) });
      try {
        yield* read;
      } finally {
        for (const n of read.notes) note(entry.displayPath, n);
      }
    } else if (format === 'event-xml') {
      summary.eventInputs++;
      const stream = await entry.open();
      yield* readEventXml(decodeStream(stream as AsyncIterable<Buffer>), {
        file: entry.displayPath,
        onNote: (n) => note(entry.displayPath, n),
      });
    } else if (format === 'zip' && !insideZip && entry.path !== '-') {
      summary.files--; // the zip's entries are counted instead
      for await (const inner of zipEntries(entry.path, {
        displayName: entry.displayPath,
        onNote: (n) => note(n.path, n.message),
      })) {
        yield* fromEntry(inner, true, note, summary, opts);
      }
    }
  } catch (err) {
    if (err instanceof InputError && !insideZip && format === 'zip') throw err;
    note(entry.displayPath, `reading stopped: ${describeReadError(err)}`);
  }
}
