// `events <path...>`: lists the events in any evidence (.evtx, event XML, bundles, collector
// folders and zips), filtered, as JSON lines, event XML or one line of text each (docs/report-contract.md, "What analyze and events read").
// Streams: each event is written as it is read, so memory does not grow with the logs.
import type { Command } from 'commander';
import { UsageError } from '../model/errors.js';
import { parseJobs, parseTimeOrDuration } from './options.js';
import type { WinEvent } from '../evidence/types.js';

const FORMATS = ['jsonl', 'xml', 'text'] as const;
type EventsFormat = (typeof FORMATS)[number];

/** --level is a minimum severity, as Event Viewer's filter: error = Critical + Error, … */
const LEVELS: Record<string, ReadonlySet<number>> = {
  error: new Set([1, 2]),
  warning: new Set([1, 2, 3]),
  info: new Set([0, 1, 2, 3, 4]),
};
const LEVEL_NAMES: Record<number, string> = { 0: 'Info', 1: 'Critical', 2: 'Error', 3: 'Warning', 4: 'Info', 5: 'Verbose' };

export interface EventFilter {
  providers?: Set<string>;
  ids?: Set<number>;
  levels?: ReadonlySet<number>;
  sinceMs?: number;
  untilMs?: number;
}

interface EventsCliOptions {
  provider?: string[];
  id?: string[];
  level?: string;
  since?: string;
  until?: string;
  format?: string;
  redact?: boolean;
  jobs?: string;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function buildFilter(o: EventsCliOptions, now: Date = new Date()): EventFilter {
  const f: EventFilter = {};
  if (o.provider && o.provider.length > 0) f.providers = new Set(o.provider.map((p) => p.trim().toLowerCase()));
  if (o.id && o.id.length > 0) {
    f.ids = new Set(
      o.id.flatMap((s) => s.split(',')).map((s) => {
        const t = s.trim();
        if (!/^\d+$/.test(t) || Number(t) > 65535) throw new UsageError(`--id takes an event id (0-65535), got '${s}'`);
        return Number(t);
      }),
    );
  }
  if (o.level !== undefined) {
    const levels = LEVELS[o.level.toLowerCase()];
    if (!levels) throw new UsageError(`--level must be one of error, warning, info (got '${o.level}')`);
    f.levels = levels;
  }
  if (o.since !== undefined) f.sinceMs = parseTimeOrDuration(o.since, '--since', now);
  if (o.until !== undefined) f.untilMs = parseTimeOrDuration(o.until, '--until', now);
  if (f.sinceMs !== undefined && f.untilMs !== undefined && f.sinceMs > f.untilMs) {
    throw new UsageError('--since is after --until: no event can match');
  }
  return f;
}

/** Event time in epoch ms (fractions beyond milliseconds dropped), NaN when absent or invalid. */
export function eventTimeMs(time: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/.exec(time.trim());
  if (!m) return NaN;
  return Date.parse(`${m[1]}.${(m[2] ?? '').padEnd(3, '0').slice(0, 3)}${m[3] ?? 'Z'}`);
}

export function matches(e: WinEvent, f: EventFilter): boolean {
  if (f.providers && !f.providers.has(e.provider.toLowerCase())) return false;
  if (f.ids && !f.ids.has(e.eventId)) return false;
  if (f.levels && !f.levels.has(e.level)) return false;
  if (f.sinceMs !== undefined || f.untilMs !== undefined) {
    const t = eventTimeMs(e.time);
    if (Number.isNaN(t)) return false;
    if (f.sinceMs !== undefined && t < f.sinceMs) return false;
    if (f.untilMs !== undefined && t > f.untilMs) return false;
  }
  return true;
}

/** The `events --format jsonl` object (docs/report-contract.md, "What analyze and events read"). */
export function eventJson(e: WinEvent): Record<string, unknown> {
  const named = Object.keys(e.namedData).length > 0;
  let data: Record<string, string> | string[];
  if (named && e.unnamedData.length > 0) {
    // Both kinds in one event (rare): unnamed values keep their position as "#1", "#2", …
    data = { ...e.namedData };
    e.unnamedData.forEach((v, i) => ((data as Record<string, string>)[`#${i + 1}`] = v));
  } else data = named ? e.namedData : e.unnamedData;
  const o: Record<string, unknown> = {
    recordId: e.recordId,
    eventId: e.eventId,
    provider: e.provider,
    level: e.level,
    time: e.time,
    computer: e.computer,
    channel: e.channel,
    data,
  };
  if (e.message !== undefined) o.message = e.message;
  if (e.userData !== undefined) o.userData = e.userData;
  if (e.binary !== undefined) o.binary = e.binary;
  o.file = e.file;
  o.location = e.location;
  return o;
}

export function eventText(e: WinEvent): string {
  const level = LEVEL_NAMES[e.level] ?? `Level ${e.level}`;
  const body = e.message ?? [...Object.entries(e.namedData).map(([k, v]) => `${k}=${v}`), ...e.unnamedData].join(' | ');
  const oneLine = body.replace(/\s+/g, ' ').trim();
  const clipped = oneLine.length > 400 ? `${oneLine.slice(0, 400)}…` : oneLine;
  return `${e.time || '(no time)'}  ${level.padEnd(8)} ${e.provider}/${e.eventId}  ${e.location}  ${e.computer}  ${clipped}`;
}

export function registerEvents(program: Command): void {
  program
    .command('events')
    .description('list the events in any evidence (.evtx, event XML, bundles, collector folders), filtered')
    .argument('<path...>', 'files, folders or zips (- for standard input)')
    .option('--provider <name>', 'only events of this provider (repeatable)', collect)
    .option('--id <n>', 'only events with this event id (repeatable)', collect)
    .option('--level <level>', 'error, warning or info: this level or more severe')
    .option('--since <time>', 'ISO time, or a duration back from now (24h, 7d)')
    .option('--until <time>', 'ISO time, or a duration back from now')
    .option('--format <format>', 'jsonl (default), xml or text')
    .option('--redact', 'also replace identities (users, domains, hosts, LAN addresses) by tokens; secrets are always removed')
    .option('--jobs <n>', 'worker threads for a large .evtx (default: the number of cores)')
    .action(async (paths: string[], o: EventsCliOptions) => {
      const format = (o.format ?? 'jsonl') as EventsFormat;
      if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got '${o.format}')`);
      const filter = buildFilter(o);
      const jobs = parseJobs(o.jobs) ?? (await import('../parallel/pool.js')).defaultJobs();
      // Batched writes, redaction (secrets always) and large .evtx files on every core: events-output.ts.
      const { writeEvents } = await import('./events-output.js');
      const notes: string[] = [];
      const { redactor } = await writeEvents(paths, {
        format,
        filter,
        redactIdentities: o.redact === true,
        jobs,
        out: process.stdout,
        onNote: (p, m) => notes.push(`${p}: ${m}`),
      });
      // Damage and skipped data go to stderr, so the output stays clean for scripts.
      for (const n of notes) process.stderr.write(`aadsync-diagnose: note: ${redactor.text(n).replace(/\s+/g, ' ')}\n`);
    });
}
