// On a terminal, a report longer than the screen ends with a two-line recap (issue 15 D2), so the
// verdict has not scrolled away when the prompt comes back: the verdict, then where the bundle is (run)
// and the first thing to do. Never in a pipe, a file, -q, or a format other than text.
import type { Report } from '../model/report.js';

export interface RecapTerminal {
  isTTY?: boolean;
  rows?: number;
  columns?: number;
}

function clip(s: string, width: number): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length <= width ? line : `${line.slice(0, Math.max(10, width - 1))}…`;
}

/** The recap to print after `text`, or '' when none is due. */
export function recap(
  report: Report,
  output: { format: string; quiet: boolean },
  opts: { bundle?: string | null; text?: string; terminal?: RecapTerminal } = {},
): string {
  const term = opts.terminal ?? process.stdout;
  if (term.isTTY !== true || output.quiet || output.format !== 'text') return '';
  const rows = term.rows && term.rows > 0 ? term.rows : 40;
  const lines = opts.text === undefined ? Infinity : opts.text.split('\n').length;
  if (lines <= rows - 2) return '';
  const width = Math.max(40, (term.columns && term.columns > 0 ? term.columns : 100) - 4);
  const first = report.findings[0];
  const next = first?.fix[0] !== undefined ? first.fix[0].split('\n')[0]! : 'nothing to fix';
  const where = opts.bundle ? `bundle: ${opts.bundle} · ` : '';
  return `\n── ${clip(`${report.verdict.code}: ${report.verdict.summary}`, width)}\n── ${clip(`${where}next: ${next}`, width)}\n`;
}
