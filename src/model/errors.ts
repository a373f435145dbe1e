// Errors the CLI turns into one line on stderr and exit code 2 (docs/report-contract.md "Exit codes"); any layer may throw them.

/** Bad usage: an unknown option value, a missing argument, a conflicting combination. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Unreadable input: a missing path, an empty folder, a binary or hostile file. */
export class InputError extends Error {
  override name = 'InputError';
}

export const EXIT = { ok: 0, errorFindings: 1, usage: 2, partial: 3 } as const;
