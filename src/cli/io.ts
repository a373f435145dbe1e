// Writing to stdout without losing output when the process exits right after (pipes, large reports),
// and saying so when it is lost (issue 15 C5): a full disk (ENOSPC) or a reader that went away (EPIPE)
// is one line on stderr and exit code 4, never a stack trace and exit 1 (which reads as "error finding").
import { OutputLostError } from '../model/errors.js';

let lost: string | null = null;
let guarded = false;

/** Catches stdout's (and stderr's) error events, which would otherwise end the process with a stack trace. */
export function guardOutput(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    lost ??= err.code ?? 'EIO';
  });
  // stderr broken too (the whole terminal gone): nothing left to tell, and no crash either.
  process.stderr.on('error', () => undefined);
}

/** The error code with which stdout failed, or null. */
export function outputLost(): string | null {
  return lost;
}

export function writeOut(text: string): Promise<void> {
  if (lost) return Promise.reject(new OutputLostError(lost));
  return new Promise((resolve, reject) => {
    try {
      process.stdout.write(text, (err) => {
        if (!err) return resolve();
        lost ??= (err as NodeJS.ErrnoException).code ?? 'EIO';
        reject(new OutputLostError(lost));
      });
    } catch (err) {
      lost ??= (err as NodeJS.ErrnoException).code ?? 'EIO';
      reject(new OutputLostError(lost));
    }
  });
}

/**
 * Waits until what was written to stdout has been handed over (or has failed): an error of a write
 * made without a callback (commander's --help, a synchronous file stream) is reported a tick later.
 */
export function settleOutput(): Promise<void> {
  if (lost) return Promise.resolve();
  return new Promise((resolve) => {
    try {
      process.stdout.write('', () => setImmediate(resolve));
    } catch {
      resolve();
    }
  });
}
