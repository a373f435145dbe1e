// The one exception-chain unfolder: a message text (an event, a wizard trace block, a pasted error, a
// Python traceback, a Java "Caused by" list) becomes its chain of causes, outermost first, with stack
// frames and markers removed. The grouping key (group.ts) and the facts (src/facts) both read it.

// Stack frames in the languages .NET writes them ("at", de "bei", fr "à", es "en", it "in", pt "em",
// ja "場所", ru "в", pl "w", nl "bij", tr "konum:", zh "位置", ko "위치"): an indented keyword, then a
// dotted method name with its argument list. Java ("\tat x.y(File.java:1)") and Python ("  File "…", line
// 12, in f") frames too.
const STACK_LINE = /^\s*(?:(?:at|bei|à|en|in|em|場所|в|w|bij|konum:|位置|위치)\s+[\w.`$<>[\],+|:\\/-]+\s*\(.*\)(?:\s*(?:in|場所|в|位置)\s.*)?|File\s+".*",\s+line\s+\d+.*|\.\.\.\s*\d+\s+more)\s*$/u;
// "--- End of inner exception stack trace ---" and its translations; also "--- End of stack trace from previous location ---".
const STACK_MARKER = /^\s*---\s.*\s---\s*$/;

/** Pull "(ExtendedMessage: …)" out of a message: its content is the real cause. */
function splitExtendedMessage(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  for (;;) {
    const m = /\(\s*ExtendedMessage\s*:/i.exec(rest);
    if (!m) break;
    const start = m.index + m[0].length;
    let depth = 1;
    let i = start;
    for (; i < rest.length && depth > 0; i++) {
      if (rest[i] === '(') depth++;
      else if (rest[i] === ')') depth--;
    }
    const inner = rest.slice(start, depth === 0 ? i - 1 : rest.length);
    out.push(rest.slice(0, m.index) + rest.slice(depth === 0 ? i : rest.length));
    rest = inner;
  }
  out.push(rest);
  return out;
}

/** A link of the chain without its stack frames, on one line. */
export function stripStack(segment: string): string {
  return segment
    .split(/\r?\n/)
    .filter((line) => !STACK_LINE.test(line) && !STACK_MARKER.test(line))
    .join('\n')
    .replace(/^\s*\(Inner Exception #\d+\)\s*/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}

// Between .NET exceptions "--->"; PowerShell error records and ToString() dumps "InnerException : X"
// (not "Check InnerException for more details": no colon right after the word); Java "Caused by:";
// Python "During handling of the above exception, another exception occurred:" and "(Caused by X(".
const LINK = /\s*--->\s*|(?:^|\r?\n|(?<=[.。]))\s*Inner\s?Exception(?:\s*#?\d+)?\s*[:=]\s*|(?:^|\r?\n)\s*Caused by:\s*|\r?\n\s*During handling of the above exception, another exception occurred:\s*|\(Caused by\s+/i;

const EMPTY_LINK = /^[.。:;,\s()-]*$/;

/** Unfold a message into its chain of causes, outermost first, stack frames removed. */
export function unfoldChain(text: string): string[] {
  const parts: string[] = [];
  for (const piece of splitExtendedMessage(text ?? '')) {
    for (const link of piece.split(LINK)) {
      const cleaned = stripStack(link);
      if (cleaned && !EMPTY_LINK.test(cleaned)) parts.push(cleaned);
    }
  }
  return parts;
}

/**
 * The innermost cause of a message: the last link of its chain (the whole text when it has no chain).
 * On the grouping hot path: only the links from the end are cleaned, until one is not empty.
 */
export function innermostCause(text: string): string {
  const pieces = splitExtendedMessage(text ?? '');
  for (let p = pieces.length - 1; p >= 0; p--) {
    const links = pieces[p]!.split(LINK);
    for (let i = links.length - 1; i >= 0; i--) {
      const cleaned = stripStack(links[i]!);
      if (cleaned && !EMPTY_LINK.test(cleaned)) return cleaned;
    }
  }
  return (text ?? '').trim();
}
