// One unit of fleet work, run in a worker thread (worker.ts) or in this thread: read the evidence of one
// server (or of several read together), diagnose each, and hand back their reports. The messages are
// plain data (structured clone): paths and display-path maps in, reports out.
import { collectEvidence, collectEvidenceByUnit, type CollectOptions } from '../evidence/collect-evidence.js';
import type { EvidenceSet } from '../evidence/types.js';
import type { Report } from '../model/report.js';
import { InputError } from '../model/errors.js';
import { routerFor } from './plan.js';
import type { ServerUnit } from './identify.js';

export type Task =
  /** One server whose inputs are all under one file or folder: read alone. */
  | { kind: 'alone'; key: string; root: string }
  /** The other servers, read in one walk of the given paths, each input routed to its server. */
  | {
      kind: 'together';
      paths: string[];
      unitOf: [string, string][];
      byComputer: [string, string][];
      eventUnits: [string, string][];
      units: Pick<ServerUnit, 'key' | 'standaloneRoot'>[];
    };

export interface ServerOutcome {
  key: string;
  report?: Report;
  /** Nothing readable: the one-line reason (an InputError's message). */
  error?: string;
  inputs: string[];
  firstTime?: string;
  lastTime?: string;
}

export interface TaskOptions {
  stdin?: NodeJS.ReadableStream;
  onProgress?: CollectOptions['onProgress'];
}

export async function runTask(task: Task, opts: TaskOptions = {}): Promise<ServerOutcome[]> {
  const { reportOf } = await import('../analyze.js');
  const collect: CollectOptions = opts.onProgress ? { onProgress: opts.onProgress } : {};
  if (task.kind === 'alone') {
    try {
      const ev = await collectEvidence([task.root], collect);
      return [outcome(task.key, ev, reportOf(ev))];
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      return [{ key: task.key, error: err.message, inputs: [task.root] }];
    }
  }
  const router = routerFor(
    { unitOf: new Map(task.unitOf), byComputer: new Map(task.byComputer), eventUnits: new Map(task.eventUnits), units: task.units as ServerUnit[] },
    { skipStandalone: true },
  );
  const sets = await collectEvidenceByUnit(task.paths, router, { ...collect, ...(opts.stdin ? { stdin: opts.stdin } : {}) });
  const out: ServerOutcome[] = [];
  for (const [key, ev] of sets) {
    if (ev instanceof InputError) out.push({ key, error: ev.message, inputs: [] });
    else out.push(outcome(key, ev, reportOf(ev)));
  }
  return out;
}

function outcome(key: string, ev: EvidenceSet, report: Report): ServerOutcome {
  const o: ServerOutcome = { key, report, inputs: ev.inputs.map((i) => i.path) };
  const span = timeSpan(ev);
  if (span.first) o.firstTime = span.first;
  if (span.last) o.lastTime = span.last;
  return o;
}

/** The first and last time of the timed evidence (event and trace record groups). */
export function timeSpan(ev: EvidenceSet): { first?: string; last?: string } {
  let first: string | undefined;
  let firstMs = Infinity;
  let last: string | undefined;
  let lastMs = -Infinity;
  for (const g of ev.groups) {
    for (const t of [g.firstTime, g.lastTime]) {
      if (!t) continue;
      const ms = Date.parse(t);
      if (Number.isNaN(ms)) continue;
      if (ms < firstMs) {
        firstMs = ms;
        first = t;
      }
      if (ms > lastMs) {
        lastMs = ms;
        last = t;
      }
    }
  }
  return { first, last };
}
