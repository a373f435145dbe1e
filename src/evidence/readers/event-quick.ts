// The fast path's tokenizer for one event (issue 6). saxes is a complete, careful XML parser and
// costs about 10 µs per event; Windows writes every event in the same plain shape (elements,
// single-quoted attributes, text with the five predefined entities). This tokenizer reads exactly
// that shape and nothing else: anything it does not fully understand (a comment, CDATA, a DOCTYPE,
// an unknown entity, a character XML forbids, a tag that does not close, non-ASCII names, a tab in an
// attribute value) makes it return null and the caller hands the event to saxes instead.
//
// For what it accepts, its tokens are the ones saxes would report (same names, attributes, decoded
// text with CRLF normalised to LF), and they are replayed into the same event builder
// (event-xml.ts `replay`), so the events are identical by construction. test/evidence/fast-path.test.ts
// compares whole findings of the fast path and the plain saxes path on generated exports.
import { MAX_EVENT_DEPTH, type EventToken, type PlainTag } from './event-xml.js';

const S = '[ \\t\\r\\n]';
const NAME = '[A-Za-z_][A-Za-z0-9_.:-]*';
// A start tag: name, attributes (whitespace before each), optional whitespace, `>` or `/>`. Attribute
// values may not hold `<` (an error), `&` (entities: left to saxes) or tab/CR/LF (saxes normalises them).
const OPEN = new RegExp(`<(${NAME})((?:${S}+${NAME}${S}*=${S}*(?:'[^'<&\\t\\r\\n]*'|"[^"<&\\t\\r\\n]*"))*)${S}*(/?)>`, 'y');
const ATTR = new RegExp(`(${NAME})${S}*=${S}*(?:'([^']*)'|"([^"]*)")`, 'g');
const CLOSE = new RegExp(`</(${NAME})${S}*>`, 'y');
/** Characters XML 1.0 does not allow (surrogates: left to saxes), and `]]>` which text may not contain. */
const BAD_TEXT = /[\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]|\]\]>/;
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));/g;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function isXmlChar(c: number): boolean {
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/** Text content as saxes reports it, or null when it holds something only saxes should judge. */
function decodeText(raw: string): string | null {
  if (BAD_TEXT.test(raw)) return null;
  // End-of-line normalisation (XML 1.0 §2.11) applies to the literal text, before references.
  let t = raw.indexOf('\r') === -1 ? raw : raw.replace(/\r\n?/g, '\n');
  if (t.indexOf('&') === -1) return t;
  let bad = false;
  let out = '';
  let last = 0;
  ENTITY.lastIndex = 0;
  for (let m = ENTITY.exec(t); m; m = ENTITY.exec(t)) {
    if (t.indexOf('&', last) !== m.index) return null; // a bare `&` before this reference
    out += t.slice(last, m.index);
    if (m[1]) out += PREDEFINED[m[1]]!;
    else {
      const code = m[2] !== undefined ? Number(m[2]) : parseInt(m[3]!, 16);
      if (!isXmlChar(code)) {
        bad = true;
        break;
      }
      out += String.fromCodePoint(code);
    }
    last = m.index + m[0].length;
  }
  if (bad || t.indexOf('&', last) !== -1) return null;
  t = out + t.slice(last);
  return t;
}

/**
 * Tokens of one complete event (`<Event …>…</Event>`, nothing before or after), or null when the
 * text is not in the plain shape this tokenizer vouches for.
 */
export function tokenizeEvent(s: string): EventToken[] | null {
  if (!s.startsWith('<Event') || !s.endsWith('</Event>')) return null;
  const tokens: EventToken[] = [];
  const open: string[] = [];
  let pos = 0;
  while (pos < s.length) {
    const lt = s.indexOf('<', pos);
    if (lt === -1) return null; // text after the last tag
    if (lt > pos) {
      if (open.length === 0) return null; // only whitespace-free, tag-first input is ours
      const text = decodeText(s.slice(pos, lt));
      if (text === null) return null;
      tokens.push({ t: 'text', text });
    }
    const next = s.charCodeAt(lt + 1);
    if (next === 0x2f /* / */) {
      CLOSE.lastIndex = lt;
      const m = CLOSE.exec(s);
      if (!m || open.pop() !== m[1]) return null;
      tokens.push({ t: 'close', tag: { name: m[1]!, attributes: {} } });
      pos = CLOSE.lastIndex;
      if (open.length === 0) return pos === s.length ? tokens : null;
      continue;
    }
    OPEN.lastIndex = lt;
    const m = OPEN.exec(s);
    if (!m) return null; // `<!`, `<?`, odd names, entities or whitespace in attribute values
    if (open.length === 0 && (tokens.length > 0 || m[1] !== 'Event')) return null;
    const tag: PlainTag = { name: m[1]!, attributes: {} };
    if (m[2]) {
      ATTR.lastIndex = 0;
      for (let a = ATTR.exec(m[2]); a; a = ATTR.exec(m[2])) {
        const name = a[1]!;
        if (Object.prototype.hasOwnProperty.call(tag.attributes, name)) return null; // duplicate: an error
        const v = a[2] ?? a[3] ?? '';
        if (BAD_TEXT.test(v)) return null;
        tag.attributes[name] = v;
      }
    }
    tokens.push({ t: 'open', tag });
    if (m[3]) tokens.push({ t: 'close', tag });
    else if (open.push(tag.name) > MAX_EVENT_DEPTH) return null; // saxes' reader ends such an event (bounded memory)
    pos = OPEN.lastIndex;
    if (open.length === 0) return pos === s.length ? tokens : null;
  }
  return null;
}
