// `analyze` over inputs that may hold several servers (issue 14): plan which input is whose
// (plan.ts, identify.ts), read and diagnose each server (tasks.ts; in worker threads when there are
// several and --jobs allows), then print one report (one server, as before) or the fleet view.
import { isAbsolute, relative } from 'node:path';
import { collectEvidenceByUnit, type CollectOptions } from '../evidence/collect-evidence.js';
import { InputError } from '../model/errors.js';
import type { Report } from '../model/report.js';
import type { Pool } from '../parallel/pool.js';
import type { ServerUnit } from './identify.js';
import { planServers, routerFor, type Plan } from './plan.js';
import type { FleetFormat } from './render.js';
import { exitCodeOf, fleetReport, summarize } from './summary.js';
import { runTask, timeSpan, type ServerOutcome, type Task } from './tasks.js';

export interface AnalyzeOptions {
  format: FleetFormat;
  color: boolean;
  quiet: boolean;
  summaryOnly?: boolean;
  /** Worker threads for several servers (1: all in this thread). */
  jobs: number;
  redactIdentities?: boolean;
  stdin?: NodeJS.ReadableStream;
  /** Bytes read (one server, read in this thread). */
  onProgress?: CollectOptions['onProgress'];
  /** Servers finished, of how many. */
  onServers?: (done: number, total: number) => void;
}

export interface AnalyzeOutcome {
  text: string;
  exitCode: 0 | 1;
  servers: number;
  /** The one report (one server), or every server's. */
  reports: Report[];
}

const SINGLE_FORMATS = new Set<FleetFormat>(['text', 'markdown', 'json', 'html']);

export async function analyzeInputs(paths: string[], o: AnalyzeOptions): Promise<AnalyzeOutcome> {
  const { reportOf, renderOne, redactIdentitiesOfAll } = await import('../analyze.js');
  const plan = await planServers(paths, o.stdin ? { stdin: o.stdin } : {});
  let outcomes: ServerOutcome[];
  // Servers named only as the other computer of a file (routing targets) may get no event at all.
  if (plan.units.filter((u) => u.entries.length > 0).length <= 1) {
    // One server: read in this thread, as analyze always has (byte progress, exact same report).
    const sets = await collectEvidenceByUnit(plan.paths, routerFor(plan, { skipStandalone: false }), {
      jobs: o.jobs,
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
      ...(plan.stdin ? { stdin: plan.stdin } : {}),
    });
    if (sets.size === 1 && SINGLE_FORMATS.has(o.format) && !o.summaryOnly) {
      const ev = [...sets.values()][0]!;
      if (ev instanceof InputError) throw ev;
      const report = reportOf(ev, { redactIdentities: o.redactIdentities === true });
      return { text: renderOne(report, { format: o.format as 'text', color: o.color, quiet: o.quiet }), exitCode: exitCodeOf(report), servers: 1, reports: [report] };
    }
    outcomes = [];
    for (const [key, ev] of sets) {
      if (ev instanceof InputError) outcomes.push({ key, error: ev.message, inputs: [] });
      else {
        const span = timeSpan(ev);
        outcomes.push({ key, report: reportOf(ev), inputs: ev.inputs.map((i) => i.path), ...(span.first ? { firstTime: span.first } : {}), ...(span.last ? { lastTime: span.last } : {}) });
      }
    }
    o.onServers?.(outcomes.length, outcomes.length);
  } else {
    outcomes = await runServers(plan, o);
  }
  return present(plan, outcomes, o, redactIdentitiesOfAll);
}

/** The work: a task per server read alone, one for those read together; threads when there are several. */
async function runServers(plan: Plan, o: AnalyzeOptions): Promise<ServerOutcome[]> {
  const tasks: Task[] = [];
  // A root inside the current folder is given relative to it, as a person would type it (the report's paths).
  const rel = (p: string) => {
    const r = relative(process.cwd(), p);
    return r === '' || r.startsWith('..') || isAbsolute(r) ? p : r;
  };
  for (const u of plan.units) if (u.standaloneRoot) tasks.push({ kind: 'alone', key: u.key, root: rel(u.standaloneRoot) });
  const together = plan.units.filter((u) => !u.standaloneRoot);
  if (together.length > 0) {
    tasks.push({
      kind: 'together',
      paths: plan.paths,
      unitOf: [...plan.unitOf],
      byComputer: [...plan.byComputer],
      eventUnits: [...plan.eventUnits],
      units: plan.units.map((u) => ({ key: u.key, ...(u.standaloneRoot ? { standaloneRoot: u.standaloneRoot } : {}) })),
    });
  }
  // Standard input can be read only here, in this thread.
  const inlineOnly = (t: Task) => t.kind === 'together' && plan.stdin !== undefined;
  const { createPool, WORKER_FILE } = await import('../parallel/pool.js');
  const pool: Pool<Task, ServerOutcome[]> = createPool<Task, ServerOutcome[]>(Math.min(o.jobs, tasks.length), WORKER_FILE, (t) => runTask(t, plan.stdin ? { stdin: plan.stdin } : {}));
  const total = plan.units.length;
  let done = 0;
  o.onServers?.(0, total);
  const settle = async (t: Task): Promise<ServerOutcome[]> => {
    try {
      const r = inlineOnly(t) ? await runTask(t, { stdin: plan.stdin! }) : await pool.run(t);
      done += r.length;
      o.onServers?.(Math.min(done, total), Math.max(total, done));
      return r;
    } catch (err) {
      // A worker that failed (its heap cap, a crash) costs its servers, not the run.
      const keys = t.kind === 'alone' ? [t.key] : plan.units.filter((u) => !u.standaloneRoot).map((u) => u.key);
      done += keys.length;
      o.onServers?.(Math.min(done, total), total);
      const msg = err instanceof Error ? err.message : String(err);
      return keys.map((key) => ({ key, error: `could not be analysed: ${msg}`, inputs: t.kind === 'alone' ? [t.root] : [] }));
    }
  };
  try {
    if (pool.threads) return (await Promise.all(tasks.map(settle))).flat();
    // In one thread, one server at a time: memory stays that of one.
    const out: ServerOutcome[] = [];
    for (const t of tasks) out.push(...(await settle(t)));
    return out;
  } finally {
    await pool.close();
  }
}

type RedactAll = (reports: Report[], hosts: string[]) => { reports: Report[]; text(s: string): string };

async function present(plan: Plan, outcomes: ServerOutcome[], o: AnalyzeOptions, redactAll: RedactAll): Promise<AnalyzeOutcome> {
  const units = new Map(plan.units.map((u) => [u.key, u]));
  let reports: Report[] = [];
  let unreadable: { server: string; inputs: string[]; error: string }[] = [];
  let keptApart = plan.keptApart;
  for (const oc of outcomes) {
    const u = units.get(oc.key) ?? lateUnit(oc.key);
    if (!oc.report) {
      unreadable.push({ server: u.name, inputs: oc.inputs.length ? oc.inputs : u.entries, error: oc.error ?? 'nothing readable' });
      continue;
    }
    reports.push({
      ...oc.report,
      host: {
        name: u.name,
        identifiedBy: u.identifiedBy,
        sources: u.sources,
        notes: u.notes,
        ...(oc.firstTime ? { firstTime: oc.firstTime } : {}),
        ...(oc.lastTime ? { lastTime: oc.lastTime } : {}),
      },
    });
  }
  if (reports.length === 0) {
    if (unreadable.length === 1) throw new InputError(unreadable[0]!.error);
    throw new InputError(`none of the inputs of the ${unreadable.length} servers is readable evidence (${unreadable.map((u) => `${u.server}: ${u.error}`).join('; ')})`);
  }
  if (o.redactIdentities) {
    // --redact: one token map over every server and the summary, so a name is the same token throughout.
    const hosts = reports.map((r) => r.host!.name).filter((n) => /^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(n));
    const red = redactAll(
      reports.map(({ host: _host, ...r }) => r as Report),
      hosts,
    );
    reports = red.reports.map((r, i) => {
      const h = reports[i]!.host!;
      return { ...r, host: { ...h, name: red.text(h.name), sources: h.sources.map(red.text), notes: h.notes.map(red.text) } };
    });
    keptApart = keptApart.map((k) => ({ inputs: k.inputs.map(red.text), server: red.text(k.server), reason: red.text(k.reason) }));
    unreadable = unreadable.map((u) => ({ server: red.text(u.server), inputs: u.inputs.map(red.text), error: red.text(u.error) }));
  }
  const summary = summarize(reports, keptApart, unreadable);
  const doc = fleetReport(reports, summary, { summaryOnly: o.summaryOnly === true });
  const { renderFleet } = await import('./render.js');
  const text = renderFleet(doc, o.format, { color: o.color, quiet: o.quiet, summaryOnly: o.summaryOnly === true });
  return { text, exitCode: summary.exitCode, servers: reports.length, reports: doc.servers ?? reports };
}

/** A server named only by events found deep inside a file that names another computer first. */
function lateUnit(key: string): ServerUnit {
  const name = key.startsWith('host:') ? key.slice(5) : key;
  return {
    key,
    name,
    identifiedBy: 'events',
    entries: [],
    sources: [],
    notes: [`named by events of computer ${name} inside a file whose first events name another computer: those events only (see its inputs)`],
  };
}
