// Windows event XML, streamed: `Get-WinEvent | % ToXml()`, `wevtutil qe /f:xml` (concatenated
// <Event> elements with no root), `/f:RenderedXml /e:Events` (with RenderingInfo/Message), our
// bundle's events/*.xml. saxes in fragment mode (`{ fragment: true }`, https://github.com/lddubeau/saxes#readme)
// takes all of them; the shapes are in docs/windows-facts.md §4.2. One event object
// is built at a time and handed out as soon as its </Event> is seen: memory does not grow with
// the file. Damage is reported as notes, never thrown: a truncated export yields every complete
// event, a malformed event is skipped and the parser carries on with the next one.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { MessageRecord, WinEvent } from '../types.js';

export interface EventXmlOptions {
  /** File name to put in each WinEvent (display path). */
  file: string;
  /** One-line notes about the input: truncation, malformed XML. */
  onNote?: (note: string) => void;
  /**
   * Decide from the provider name whether an event is wanted. Unwanted events are not built
   * (their data is not even collected) and are reported to `onDropped`.
   */
  keepProvider?: (provider: string) => boolean;
  onDropped?: (provider: string) => void;
  /** Characters kept per Data/Message value (the rest is dropped, with a marker). Default 64 KiB. */
  maxValueChars?: number;
}

const MAX_ERROR_NOTES = 5;
/**
 * Elements deeper than this inside one event end that event (issue 15 C3: a million nested elements in
 * one 7 MB event took 470 MB, in our stack and saxes' own). Windows events nest 3 to 8 deep.
 */
export const MAX_EVENT_DEPTH = 64;
/** Thrown from the open-tag handler to stop saxes in the middle of a chunk. */
const TOO_DEEP = Symbol('too deep');
/** String input is fed to the parser in slices this size, so the consumer gets events early. */
const SLICE = 64 * 1024;

interface Building {
  ev: WinEvent;
  /** Depth (stack length) of the <Event> element itself. */
  depth: number;
  damaged: boolean;
  dropped: boolean;
  providerChecked: boolean;
  ordinal: number;
  recordIdSeen: boolean;
}

function localName(name: string): string {
  const i = name.indexOf(':');
  return i >= 0 ? name.slice(i + 1) : name;
}

function toInt(s: string): number | undefined {
  const t = s.trim();
  if (!/^-?\d+$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** The tag shape the handlers read (saxes' SaxesTagPlain, or a tag from a pre-validated tokenizer). */
export interface PlainTag {
  name: string;
  attributes: Record<string, string>;
}

/**
 * The streaming reader as a synchronous object: `write` text, get the events completed so far.
 * `replay` drives the same handlers from tags a caller has already tokenised and validated (the
 * fast path's quick tokenizer, event-quick.ts), so both build events with this one piece of code.
 */
export interface EventXmlParser {
  write(chunk: string): WinEvent[];
  /** Feed one complete, well-formed event as tokens; only between events (see `between`). */
  replay(tokens: readonly EventToken[]): WinEvent[];
  /** True when no element is open: a whole event may be replayed. */
  between(): boolean;
  /** End of input: truncation and summary notes. */
  end(): WinEvent[];
}

export type EventToken =
  | { t: 'open'; tag: PlainTag }
  | { t: 'text'; text: string }
  | { t: 'close'; tag: PlainTag };

/** Events in event XML text, in document order. */
export async function* readEventXml(
  source: AsyncIterable<string> | string,
  opts: EventXmlOptions,
): AsyncGenerator<WinEvent, void, undefined> {
  const p = createEventXmlParser(opts);
  if (typeof source === 'string') {
    for (let i = 0; i < source.length; i += SLICE) yield* p.write(source.slice(i, i + SLICE));
  } else {
    for await (const chunk of source) yield* p.write(chunk);
  }
  yield* p.end();
}

export function createEventXmlParser(opts: EventXmlOptions): EventXmlParser {
  const maxValue = opts.maxValueChars ?? 64 * 1024;
  let parser = new SaxesParser({ fragment: true, xmlns: false, position: true });
  /** Characters written to the current parser before the chunk being written. */
  let fed = 0;
  /** Skipping the rest of an event that nested too deep, up to its </Event>. */
  let skipping = false;
  /** The last characters seen while skipping (a </Event> cut between two chunks). */
  let skipTail = '';
  const ready: WinEvent[] = [];
  const stack: string[] = [];
  /** Whether the element at each stack level has had a child element (leaf detection). */
  const hadChild: boolean[] = [];
  let cur: Building | null = null;
  let ordinal = 0;
  let complete = 0;
  /** Ordinal of the last event whose </Event> was read (kept or dropped). */
  let lastCompleteOrdinal = 0;
  /** One bad spot makes saxes report several errors; note only the first until the next <Event>. */
  let errorNotedSinceEventStart = false;
  let errorCount = 0;
  /** Set while closing a truncated input: saxes' end-of-input errors are replaced by one note. */
  let closing = false;
  let dataName: string | undefined;
  // Text of the innermost open element since it was opened, capped.
  let text = '';
  let textDropped = 0;

  const note = (s: string) => opts.onNote?.(s);

  const appendText = (t: string) => {
    if (!cur || cur.dropped) return;
    const room = maxValue - text.length;
    if (room >= t.length) text += t;
    else {
      if (room > 0) text += t.slice(0, room);
      textDropped += t.length - Math.max(room, 0);
    }
  };
  const takeText = (): string => {
    const t = textDropped > 0 ? `${text}… [${textDropped} more characters not kept]` : text;
    text = '';
    textDropped = 0;
    return t;
  };

  const onOpen = (tag: PlainTag | SaxesTagPlain) => {
    if (stack.length >= MAX_EVENT_DEPTH) {
      const which = cur ? `event ${cur.ordinal}` : 'an element';
      errorCount++;
      if (errorCount <= MAX_ERROR_NOTES) note(`${which}: elements nested deeper than ${MAX_EVENT_DEPTH} levels: skipped`);
      throw TOO_DEEP;
    }
    const name = localName(tag.name);
    if (hadChild.length > 0) hadChild[hadChild.length - 1] = true;
    stack.push(name);
    hadChild.push(false);
    text = '';
    textDropped = 0;
    const attr = (n: string): string | undefined => {
      const v = tag.attributes[n];
      return typeof v === 'string' ? v : undefined;
    };
    if (!cur) {
      if (name === 'Event') {
        ordinal++;
        errorNotedSinceEventStart = false;
        cur = {
          ev: {
            file: opts.file,
            provider: '',
            eventId: 0,
            level: 0,
            time: '',
            recordId: 0,
            channel: '',
            computer: '',
            namedData: {},
            unnamedData: [],
            location: `event ${ordinal}`,
          },
          depth: stack.length,
          damaged: false,
          dropped: false,
          providerChecked: false,
          ordinal,
          recordIdSeen: false,
        };
      }
      return;
    }
    if (cur.dropped) return;
    const rel = stack.length - cur.depth; // 1 = section (System, EventData, ...), 2 = its child
    const section = stack[cur.depth];
    if (section === 'System' && rel === 2) {
      if (name === 'Provider') {
        const p = attr('Name') ?? attr('EventSourceName') ?? '';
        cur.ev.provider = p;
        if (opts.keepProvider && !opts.keepProvider(p)) cur.dropped = true;
        cur.providerChecked = true;
      } else if (name === 'EventID') {
        const q = attr('Qualifiers');
        const qn = q !== undefined ? toInt(q) : undefined;
        if (qn !== undefined) cur.ev.qualifiers = qn;
      } else if (name === 'TimeCreated') {
        cur.ev.time = attr('SystemTime') ?? '';
      }
    } else if (section === 'EventData' && rel === 2 && name === 'Data') {
      dataName = attr('Name');
    }
  };

  const onClose = (tag: PlainTag | SaxesTagPlain) => {
    const name = localName(tag.name);
    const leaf = hadChild.pop() === false;
    const depthBefore = stack.length;
    stack.pop();
    if (!cur) return;
    if (depthBefore === cur.depth) {
      // </Event>
      const done = cur;
      cur = null;
      text = '';
      textDropped = 0;
      if (!done.damaged) lastCompleteOrdinal = done.ordinal;
      if (done.dropped) {
        if (!done.damaged) opts.onDropped?.(done.ev.provider);
        return;
      }
      if (done.damaged) return;
      if (opts.keepProvider && !done.providerChecked && !opts.keepProvider(done.ev.provider)) {
        opts.onDropped?.(done.ev.provider);
        return;
      }
      complete++;
      ready.push(done.ev);
      return;
    }
    if (cur.dropped) return;
    const rel = depthBefore - cur.depth;
    const section = stack[cur.depth];
    const ev = cur.ev;
    if (rel === 2 && section === 'System') {
      const value = takeText().trim();
      switch (name) {
        case 'EventID':
          ev.eventId = toInt(value) ?? 0;
          break;
        case 'Level':
          ev.level = toInt(value) ?? 0;
          break;
        case 'Task': {
          const t = toInt(value);
          if (t !== undefined) ev.task = t;
          break;
        }
        case 'Keywords':
          if (value) ev.keywords = value;
          break;
        case 'EventRecordID': {
          const r = toInt(value);
          if (r !== undefined) {
            ev.recordId = r;
            ev.location = `record ${r}`;
            cur.recordIdSeen = true;
          }
          break;
        }
        case 'Channel':
          ev.channel = value;
          break;
        case 'Computer':
          ev.computer = value;
          break;
      }
    } else if (section === 'EventData' || section === 'BinaryEventData') {
      if (rel === 2 && name === 'Data') {
        const value = takeText();
        if (dataName !== undefined && dataName !== '') ev.namedData[dataName] = value;
        else ev.unnamedData.push(value);
        dataName = undefined;
      } else if (rel === 2 && name === 'Binary') {
        const hex = takeText().trim();
        if (hex) ev.binary = hex;
      } else if (rel === 1 && name === 'BinaryEventData') {
        const hex = takeText().trim();
        if (hex) ev.binary = hex;
      }
    } else if (section === 'RenderingInfo') {
      if (rel === 2 && name === 'Message') {
        const m = takeText();
        if (m.trim()) ev.message = m;
      }
    } else if (section === 'UserData' || section === 'ProcessingErrorData' || section === 'DebugData') {
      if (rel >= 2 && leaf) {
        (ev.userData ??= {})[name] = takeText();
      }
    }
  };
  const onError = (err: Error) => {
    // In fragment mode saxes objects to any XML declaration; Windows writes one at the top.
    if (/XML declaration/i.test(err.message)) return;
    if (closing) return;
    const where = cur ? ` (event ${cur.ordinal} skipped)` : '';
    if (cur) cur.damaged = true;
    if (errorNotedSinceEventStart) return;
    errorNotedSinceEventStart = true;
    errorCount++;
    if (errorCount <= MAX_ERROR_NOTES) note(`malformed XML at ${oneLine(err.message)}${where}`);
  };

  const listen = (p: SaxesParser) => {
    p.on('opentag', onOpen);
    p.on('text', appendText);
    p.on('cdata', appendText);
    p.on('closetag', onClose);
    p.on('error', onError);
  };
  listen(parser);

  /**
   * Drops the event that nested too deep: a fresh parser (saxes' own stack of a million tags goes with
   * the old one), and the input is skipped up to that event's </Event>.
   */
  const abandonEvent = (): void => {
    parser = new SaxesParser({ fragment: true, xmlns: false, position: true });
    listen(parser);
    fed = 0;
    stack.length = 0;
    hadChild.length = 0;
    cur = null;
    text = '';
    textDropped = 0;
    dataName = undefined;
    skipping = true;
    skipTail = '';
  };

  /** While skipping: the text after the abandoned event's </Event>, or null when it is not in `chunk`. */
  const skipTo = (chunk: string): string | null => {
    const s = skipTail + chunk;
    const at = s.indexOf('</Event>');
    if (at === -1) {
      skipTail = s.slice(-7);
      return null;
    }
    skipping = false;
    skipTail = '';
    return s.slice(at + '</Event>'.length);
  };

  const drain = (): WinEvent[] => {
    if (ready.length === 0) return NONE;
    const out = ready.splice(0);
    return out;
  };
  const feed = (chunk: string | null): WinEvent[] => {
    let rest: string | null = chunk;
    for (;;) {
      if (rest !== null && skipping) {
        rest = skipTo(rest);
        if (rest === null) break;
      }
      const before = fed;
      try {
        if (rest === null) {
          if (!skipping) parser.close();
        } else {
          fed += rest.length;
          parser.write(rest);
        }
        break;
      } catch (err) {
        if (err === TOO_DEEP && rest !== null) {
          // saxes stopped just after the open tag that went too deep: skip from there.
          const at = Math.max(0, parser.position - before);
          abandonEvent();
          rest = rest.slice(at);
          continue;
        }
        // saxes throws only when misused (write after close) or from a handler bug: keep what we have.
        errorCount++;
        if (errorCount <= MAX_ERROR_NOTES) note(`XML reader stopped: ${oneLine((err as Error).message)}`);
        break;
      }
    }
    return drain();
  };

  return {
    write: (chunk) => feed(chunk),
    between: () => stack.length === 0 && !skipping,
    replay(tokens) {
      try {
        for (const tk of tokens) {
          if (tk.t === 'open') onOpen(tk.tag);
          else if (tk.t === 'close') onClose(tk.tag);
          else appendText(tk.text);
        }
      } catch (err) {
        if (err !== TOO_DEEP) throw err;
        // A whole event was given: nothing of it is left to skip.
        abandonEvent();
        skipping = false;
      }
      return drain();
    },
    end() {
      // Elements still open at the end: the export was cut (a copy interrupted, a size-capped upload).
      // saxes then reports "unclosed tag"/"unexpected end", which say the same thing less clearly.
      const truncated = stack.length > 0 || skipping;
      const errorsBeforeClose = errorCount;
      closing = truncated;
      const last = feed(null);
      if (truncated) {
        errorCount = errorsBeforeClose;
        note(`truncated after event ${lastCompleteOrdinal}`);
      }
      if (errorCount > MAX_ERROR_NOTES) note(`${errorCount - MAX_ERROR_NOTES} more XML errors not listed`);
      if (ordinal === 0) note('no <Event> element found');
      return last;
    },
  };
}

const NONE: WinEvent[] = [];

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** An event as a message record: the rules read `text`. */
export function winEventToRecord(e: WinEvent): MessageRecord {
  const data = [...e.unnamedData, ...Object.values(e.namedData)].filter((v) => v.trim() !== '' && v !== '(NULL)');
  let text = e.message ?? data.join('\n');
  if (!text && e.userData) text = Object.values(e.userData).filter((v) => v.trim() !== '').join('\n');
  const record: MessageRecord = {
    kind: 'event',
    source: `${e.channel || 'unknown log'}/${e.provider || 'unknown provider'}/${e.eventId}`,
    location: e.location,
    text,
    provider: e.provider,
    eventId: e.eventId,
    level: e.level,
  };
  if (e.time) record.time = e.time;
  return record;
}
