// Errors the CLI turns into one line on stderr and exit code 2 (docs/report-contract.md "Exit codes"); any layer may throw them.

/** Bad usage: an unknown option value, a missing argument, a conflicting combination. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Unreadable input: a missing path, an empty folder, a binary or hostile file. */
export class InputError extends Error {
  override name = 'InputError';
}

/**
 * The output was lost: standard output could not be written (a full disk, ENOSPC; a reader that went
 * away, EPIPE). Exit code 4, so a script never reads a lost report as "no error finding".
 */
export class OutputLostError extends Error {
  override name = 'OutputLostError';
  constructor(readonly code: string) {
    super(
      code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED'
        ? 'output lost: the program reading standard output closed it (EPIPE) before the output was written'
        : code === 'ENOSPC'
          ? 'output lost: standard output could not be written, the disk is full (ENOSPC)'
          : `output lost: standard output could not be written (${code})`,
    );
  }
}

export const EXIT = { ok: 0, errorFindings: 1, usage: 2, partial: 3, outputLost: 4 } as const;
