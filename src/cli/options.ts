// Option parsing shared by the commands: formats, durations, times. Pure functions, no I/O.
import type { Command } from 'commander';
import { UsageError } from '../model/errors.js';
import type { ReportFormat } from '../report/render.js';

/** Shared output options, added to every command that prints a report. */
export function addOutputOptions(cmd: Command, formatHelp = 'text, markdown, json or html (default: text)'): Command {
  return cmd
    .option('--format <format>', formatHelp)
    .option('--json', 'same as --format json')
    .option('--no-color', 'no colours (also when NO_COLOR is set or output is not a terminal)')
    .option('-q, --quiet', 'print only the verdict line (text) and no progress');
}

const FORMATS: ReportFormat[] = ['text', 'markdown', 'json', 'html'];

export interface OutputOptions {
  format: ReportFormat;
  color: boolean;
  quiet: boolean;
}

export function resolveOutputOptions<F extends string = ReportFormat>(
  o: { format?: string; json?: boolean; color?: boolean; quiet?: boolean },
  stream: { isTTY?: boolean } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
  /** The formats this command prints (analyze adds jsonl and csv). */
  formats: readonly string[] = FORMATS,
): Omit<OutputOptions, 'format'> & { format: F } {
  let format = 'text' as F;
  if (o.json) format = 'json' as F;
  if (o.format !== undefined) {
    if (!formats.includes(o.format)) {
      throw new UsageError(`--format must be one of ${formats.join(', ')} (got '${o.format}')`);
    }
    if (o.json && o.format !== 'json') throw new UsageError(`--json conflicts with --format ${o.format}`);
    format = o.format as F;
  }
  const noColorEnv = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const color = format === 'text' && o.color !== false && !noColorEnv && stream.isTTY === true;
  return { format, color, quiet: o.quiet === true };
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "24h", "90m", "7d", "1h30m", "45s", "500ms" -> milliseconds. */
export function parseDuration(text: string, optionName: string): number {
  const t = text.trim().toLowerCase();
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gy;
  let total = 0;
  let consumed = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t)) !== null) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    consumed = re.lastIndex;
  }
  if (t.length === 0 || consumed !== t.length || total <= 0 || !Number.isFinite(total)) {
    throw new UsageError(`${optionName} takes a duration such as 24h, 90m or 7d (got '${text}')`);
  }
  return total;
}

/** An ISO 8601 time, or a duration meaning "that long before now". Returns epoch ms. */
export function parseTimeOrDuration(text: string, optionName: string, now: Date = new Date()): number {
  if (/^\d{4}-\d{2}-\d{2}/.test(text.trim())) {
    const ms = Date.parse(text.trim());
    if (Number.isNaN(ms)) throw new UsageError(`${optionName}: '${text}' is not a valid ISO 8601 time`);
    return ms;
  }
  return now.getTime() - parseDuration(text, optionName);
}

/** `--jobs <n>`: worker threads, 1 to 256; undefined when not given. */
export function parseJobs(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const s = String(v).trim();
  if (!/^\d+$/.test(s) || Number(s) < 1 || Number(s) > 256) throw new UsageError(`--jobs takes a number of worker threads from 1 to 256 (got '${String(v)}')`);
  return Number(s);
}
