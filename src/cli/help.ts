// What every --help ends with (issue 15 D2): examples a person can paste, and the exit codes a script
// can test (docs/report-contract.md "Exit codes"). And the nearest command to a mistyped one (D1).
import type { Command } from 'commander';

export const EXIT_CODES_HELP = `Exit codes:
  0  diagnosis done, no finding of severity error
  1  diagnosis done, at least one finding of severity error
  2  bad usage or unreadable input (one line on stderr, nothing half-written)
  3  run could not collect part of the evidence (the report and the bundle say what failed)
  4  the output was lost: standard output could not be written (disk full, closed pipe)`;

/** fix has its own meaning of the codes (docs/report-contract.md, "fix"). */
export const FIX_EXIT_CODES_HELP = `Exit codes:
  0  preview shown, nothing to change, or changed and the proof shows the planned path (undo: restored)
  1  changed, but the proof does not show the planned path (it says so and offers fix --undo --apply)
  2  bad usage, not elevated, or a change that needs a human: nothing was changed (one line on stderr)
  3  a change failed and was rolled back, or an undo left something as it was (the journal says what)
  4  the output was lost: standard output could not be written (disk full, closed pipe)`;

const EXAMPLES: Record<string, string[]> = {
  '': [
    'aadsync-diagnose run                                  # on the Azure AD Connect server (elevated)',
    'aadsync-diagnose analyze ticket-12345.zip             # anywhere: whatever the customer sent',
    'aadsync-diagnose events Application.evtx --level error --since 7d',
    'aadsync-diagnose explain proxy-bypass-dns',
  ],
  run: [
    'aadsync-diagnose run                                  # collect, delta sync, diagnose, write the bundle here',
    'aadsync-diagnose run --sync none --out C:\\Temp\\aadsync  # no sync cycle; bundle in C:\\Temp\\aadsync',
    'aadsync-diagnose run --no-probe --since 3d            # no network probes, three days of events',
    'aadsync-diagnose run -q                               # only the verdict line, with the bundle path and SHA-256',
    'aadsync-diagnose run --simulate proxy-bypass --out /tmp/aadsync   # try it anywhere (needs pwsh)',
  ],
  analyze: [
    'aadsync-diagnose analyze ticket-12345.zip',
    'aadsync-diagnose analyze Application.evtx machine.config trace-20261124-154210.log',
    'Get-Clipboard | aadsync-diagnose analyze -            # a pasted error (PowerShell)',
    'aadsync-diagnose analyze bundle.zip --format markdown --redact > ticket-comment.md',
  ],
  events: [
    'aadsync-diagnose events MECLOG.zip --provider "Directory Synchronization" --level error --since 7d',
    'aadsync-diagnose events Application.evtx --id 906 --format text',
    'aadsync-diagnose events bundle.zip --redact > events.jsonl',
  ],
  explain: ['aadsync-diagnose explain proxy-auth-required', 'aadsync-diagnose explain service-proxy-missing --json'],
  codes: ['aadsync-diagnose codes', 'aadsync-diagnose codes --json'],
  fix: [
    'aadsync-diagnose fix                                  # on the server: what it would change, as exact diffs',
    'aadsync-diagnose fix --apply --restart                # elevated: change, restart ADSync when idle, prove it',
    'aadsync-diagnose fix --undo --apply                   # take the last fix back, byte for byte',
    'aadsync-diagnose fix --from bundle-folder --plan-out plan.json   # anywhere: a plan for Invoke-AADSyncDiagnose.ps1 -Fix',
    'aadsync-diagnose fix --simulate proxy-bypass --out /tmp/aadsync  # try it anywhere (needs pwsh)',
  ],
  'self-test': ['aadsync-diagnose self-test                            # on the server, read-only', 'aadsync-diagnose self-test --simulate healthy --powershell pwsh'],
};

function block(examples: string[], exitCodes = EXIT_CODES_HELP): string {
  return `\nExamples:\n${examples.map((e) => `  ${e}`).join('\n')}\n\n${exitCodes}\n`;
}

/** Examples and exit codes after the help of the program and of every command. */
export function addHelpTexts(program: Command): void {
  program.addHelpText(
    'after',
    `${block(EXAMPLES['']!)}\nWith no command, this help. Run 'aadsync-diagnose <command> --help' for a command's options.\n`,
  );
  for (const cmd of program.commands) {
    const ex = EXAMPLES[cmd.name()] ?? [`aadsync-diagnose ${cmd.name()} --help`];
    cmd.addHelpText('after', block(ex, cmd.name() === 'fix' ? FIX_EXIT_CODES_HELP : EXIT_CODES_HELP));
  }
}

/** Damerau-Levenshtein (optimal string alignment) distance, case-insensitive. */
function distance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [i, ...new Array<number>(t.length).fill(0)]);
  for (let j = 1; j <= t.length; j++) d[0]![j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[s.length]![t.length]!;
}

/** The known command closest to `word` ('analyse' -> 'analyze', 'event' -> 'events'), quoted. */
export function nearestCommand(word: string, known: string[]): string {
  let best = known[0] ?? '';
  let bestScore = Infinity;
  for (const k of known) {
    // A prefix is as near as it gets ('exp' -> 'explain').
    const score = k.toLowerCase().startsWith(word.toLowerCase()) ? 0 : distance(word, k);
    if (score < bestScore) {
      best = k;
      bestScore = score;
    }
  }
  return `'${best}'`;
}
