// Wires the commands. Holds no diagnosis logic: each command lives in its own module and
// imports its heavy dependencies lazily, so `--version` and `--help` stay fast.
import { Command, CommanderError } from 'commander';
import { TOOL_VERSION } from '../version.js';
import { EXIT, InputError, OutputLostError, UsageError } from '../model/errors.js';
import { guardOutput, outputLost, settleOutput } from './io.js';
import { addHelpTexts, nearestCommand } from './help.js';
import { createRedactor } from '../redact/index.js';
import { registerAnalyze } from './analyze.js';
import { registerCodes, registerExplain } from './knowledge.js';
import { registerRun } from './run.js';
import { registerEvents } from './events.js';
import { registerSelfTest } from './self-test.js';
import { registerFix } from './fix.js';

export function buildProgram(): Command {
  const program = new Command('aadsync-diagnose');
  program
    .description(
      'Explains whether and why Azure AD Connect (Entra Connect Sync) traffic went around the proxy, ' +
        'with the evidence quoted and the exact fix.',
    )
    .version(TOOL_VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(safeLine(str)) });
  registerRun(program);
  registerAnalyze(program);
  registerEvents(program);
  registerExplain(program);
  registerCodes(program);
  registerSelfTest(program);
  registerFix(program);
  addHelpTexts(program);
  return program;
}

function oneLine(s: string): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > 0 ? `${line}\n` : '';
}

/**
 * The one-line error, secrets removed: a path or an option value may carry one (a file named
 * `trace-Password=….log`, `--out http://svc:pw@…`). Identities stay: the line goes to whoever ran it.
 */
function safeLine(s: string): string {
  return oneLine(createRedactor({ identities: false }).text(s));
}

export async function main(argv: string[]): Promise<number> {
  guardOutput();
  const code = await mainInner(argv);
  await settleOutput();
  // Output lost after the command thought it had written it: that is what the exit code says.
  if (outputLost() && code !== EXIT.outputLost && code !== EXIT.usage) return handleError(new OutputLostError(outputLost()!), argv[2], readerMayStop(argv));
  return code;
}

async function mainInner(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    const args = argv.slice(2);
    // The front door (issue 15 D1): no command shows the help and does nothing (it used to run `run`,
    // which on a server starts a sync cycle without asking); an unknown word names the nearest command.
    if (args.length === 0) {
      program.outputHelp();
      return outputLost() ? handleError(new OutputLostError(outputLost()!), undefined, true) : EXIT.ok;
    }
    const first = args[0]!;
    if (!first.startsWith('-')) {
      const known = program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
      if (!known.includes(first) && first !== 'help') {
        throw new UsageError(`unknown command '${first}' (nearest: ${nearestCommand(first, known)}); the commands are ${known.join(', ')}; aadsync-diagnose --help shows them`);
      }
    }
    await program.parseAsync(argv);
    if (outputLost()) return handleError(new OutputLostError(outputLost()!), first, readerMayStop(argv));
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    return handleError(err, argv[2], readerMayStop(argv));
  }
}

/** A reader that closed the pipe (`… | head`). */
const CLOSED_PIPE = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);

/**
 * Output a reader may stop reading without anything being lost: an `events` listing and the help
 * (`… | head`). A closed pipe is then its normal end: exit 0, nothing on stderr.
 */
export function readerMayStop(argv: string[]): boolean {
  const args = argv.slice(2);
  return args.length === 0 || args[0] === 'events' || args[0] === 'help' || args.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-V');
}

export function handleError(err: unknown, command?: string, readerMayStop = command === 'events'): number {
  // Whatever failed after stdout did (a writer's own ENOSPC, a stream closed under it) is that failure.
  if (!(err instanceof OutputLostError) && !(err instanceof UsageError) && !(err instanceof InputError) && outputLost()) {
    err = new OutputLostError(outputLost()!);
  }
  if (err instanceof OutputLostError) {
    // `events` is a listing: a reader that stops reading (`events … | head`) is its normal end.
    if (readerMayStop && CLOSED_PIPE.has(err.code)) return EXIT.ok;
    process.stderr.write(`aadsync-diagnose: ${safeLine(err.message)}`);
    return EXIT.outputLost;
  }
  if (err instanceof CommanderError) {
    // --help and --version exit through here with code 0; usage errors were already printed.
    if (err.exitCode === 0) return outputLost() ? handleError(new OutputLostError(outputLost()!), command, readerMayStop) : EXIT.ok;
    return EXIT.usage;
  }
  if (err instanceof UsageError || err instanceof InputError) {
    process.stderr.write(`aadsync-diagnose: ${safeLine(err.message)}`);
    return EXIT.usage;
  }
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e === 'object' && typeof e.code === 'string' && typeof e.message === 'string') {
    // File-system errors that escaped a reader: still one line, still exit 2.
    process.stderr.write(`aadsync-diagnose: ${safeLine(e.message)}`);
    return EXIT.usage;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`aadsync-diagnose: internal error: ${safeLine(message)}`);
  if (process.env.AADSYNC_DIAGNOSE_DEBUG && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n');
  return EXIT.usage;
}
