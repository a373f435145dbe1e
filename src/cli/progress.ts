// One progress line on stderr for long reads (issue 6): only on a terminal, never with -q, never
// before the work has taken a second, redrawn at most every PROGRESS_REDRAW_MS and erased at the
// end, so a report on stdout (text or --json) and piped stderr never contain progress text.
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

export interface ProgressUpdate {
  file: string;
  bytesDone: number;
  bytesTotal?: number;
}

export interface ProgressReporter {
  update(p: ProgressUpdate): void;
  /** Several servers (the fleet view): how many are done, of how many. */
  servers(done: number, total: number): void;
  /** Erase the line (call before anything else is written to the terminal). */
  done(): void;
}

const PROGRESS_REDRAW_MS = 200;
const MB = 1024 * 1024;

export function createProgress(opts: {
  stream?: ProgressStream;
  quiet?: boolean;
  /** Nothing is shown before this much time has passed (default 1000 ms). */
  afterMs?: number;
  now?: () => number;
}): ProgressReporter {
  const stream = opts.stream ?? process.stderr;
  const now = opts.now ?? (() => performance.now());
  if (opts.quiet || stream.isTTY !== true) return { update() {}, servers() {}, done() {} };
  const afterMs = opts.afterMs ?? 1000;
  const start = now();
  let lastDraw = -Infinity;
  let shown = false;
  // Bytes of the files finished before the current one, for the overall rate.
  let current = '';
  let currentDone = 0;
  let before = 0;
  return {
    update(p) {
      if (p.file !== current) {
        before += currentDone;
        current = p.file;
      }
      currentDone = p.bytesDone;
      const t = now();
      if (t - start < afterMs || t - lastDraw < PROGRESS_REDRAW_MS) return;
      lastDraw = t;
      const mb = (n: number) => (n / MB).toFixed(n >= 10 * MB ? 0 : 1);
      const amount = p.bytesTotal
        ? `${mb(p.bytesDone)} of ${mb(p.bytesTotal)} MB (${Math.min(100, Math.floor((p.bytesDone / p.bytesTotal) * 100))}%)`
        : `${mb(p.bytesDone)} MB`;
      const rate = `${mb(((before + p.bytesDone) / Math.max(1, t - start)) * 1000)} MB/s`;
      let line = `reading ${p.file}: ${amount}, ${rate}`;
      const width = Math.max(20, (stream.columns || 80) - 1);
      if (line.length > width) line = `…${line.slice(line.length - width + 1)}`;
      stream.write(`\r\x1b[K${line}`);
      shown = true;
    },
    servers(done, total) {
      // Shown at once (each server may be quick); redrawn at most every PROGRESS_REDRAW_MS, and always at the end.
      const t = now();
      if (t - start < afterMs || (done < total && t - lastDraw < PROGRESS_REDRAW_MS)) return;
      lastDraw = t;
      stream.write(`\r\x1b[Kservers analysed: ${done} of ${total}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
