// The redactor: one object per run that every writer passes evidence through (bundle files, file and
// entry names, manifest values, the evidence quoted in reports, `events` output, error lines).
// Secrets (secrets.ts) are always removed; identities (identities.ts) become tokens when asked.
// Bytes are decoded with the ONE encoding sniffer of src/evidence/decode.ts and written back in the
// encoding they came in (UTF-16 LE stays UTF-16 LE with its BOM), so the analyzer and the redactor
// never read one file in two encodings.
import { decodeExact, detectEncoding, encodeExact, type EncodingGuess } from '../evidence/decode.js';
import { createIdentities, type LearnedIdentities } from './identities.js';
import { isSecretKeyName, REDACTED, secretRules, type Rule } from './secrets.js';

export interface RedactorOptions {
  /** Replace identities by tokens (default true). False = --no-redact: secrets are still removed. */
  identities: boolean;
}

export interface RedactionCounts {
  secrets: number;
  identities: number;
}

export interface Redactor {
  readonly identities: boolean;
  text(s: string): string;
  /** A deep copy with every string redacted; values under secret-looking keys removed whole. */
  json<T>(value: T): T;
  /** Redacts file bytes, keeping their encoding and BOM (UTF-16 LE stays UTF-16 LE). */
  bytes(buf: Buffer, guess?: EncodingGuess): Buffer;
  /**
   * A file or zip entry path, one segment at a time: a secret in a name is removed and the extension
   * is kept (`trace-Password=x.log` -> `trace-Password=[REDACTED].log`); never an empty segment.
   */
  path(p: string): string;
  /**
   * Learns identities from a text without changing it (a first pass over all files, so a short host
   * name found in one file is redacted in every file). Also called by text() itself.
   */
  learn(s: string): void;
  /** Explicitly known identities (from structured fields: manifest host, service account…). */
  learnIdentities(ids: LearnedIdentities): void;
  counts(): RedactionCounts;
  /** token -> original value, for `redaction-map.json` (never inside a bundle). */
  map(): Record<string, string>;
}

export function createRedactor(opts: RedactorOptions = { identities: true }): Redactor {
  const identitiesOn = opts.identities;
  const counts: RedactionCounts = { secrets: 0, identities: 0 };
  const ids = createIdentities(() => counts.identities++);
  const secrets = secretRules((u) => {
    if (!identitiesOn || u === '' || /^user-\d+$/.test(u)) return u;
    counts.identities++;
    return ids.userToken(u);
  });

  function apply(s: string, rules: Rule[], countAs: keyof RedactionCounts | null): string {
    let out = s;
    for (const rule of rules) {
      if (rule.gate && !rule.gate.test(out)) continue;
      if (rule.scan) {
        out = rule.scan(out, () => {
          if (countAs) counts[countAs]++;
        });
        continue;
      }
      const re = rule.re!;
      re.lastIndex = 0;
      out = out.replace(re, (...args: unknown[]) => {
        // Rebuild an exec-like array from replace's arguments.
        const groups = typeof args[args.length - 1] === 'object' ? 3 : 2;
        const m = args.slice(0, args.length - groups) as string[] as unknown as RegExpExecArray;
        const r = rule.replace!(m);
        if (countAs && r !== m[0]) counts[countAs]++;
        return r;
      });
    }
    return out;
  }

  /** Redacts one decoded string (no hex-blob pass: blobs inside blobs are not looked into). */
  function plain(s: string): string {
    let out = apply(s, secrets, 'secrets');
    if (!identitiesOn) return out;
    ids.learn(out);
    out = apply(out, ids.rules(), null);
    return out;
  }

  function text(s: string): string {
    return plain(redactHexBlobs(s, plain));
  }

  function json<T>(value: T): T {
    const walk = (v: unknown, key: string | null): unknown => {
      if (typeof v === 'string') {
        if (key !== null && v.length > 0 && v !== REDACTED && isSecretKeyName(key)) {
          counts.secrets++;
          return REDACTED;
        }
        return text(v);
      }
      if (Array.isArray(v)) return v.map((x) => walk(x, null));
      if (v && typeof v === 'object') {
        const o: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v as Record<string, unknown>)) o[text(k)] = walk(x, k);
        return o;
      }
      return v;
    };
    return walk(value, null) as T;
  }

  function bytes(buf: Buffer, guess: EncodingGuess = detectEncoding(buf)): Buffer {
    const dec = decodeExact(buf, guess);
    const red = text(dec.text);
    if (red === dec.text) return buf;
    return encodeExact({ ...dec, text: red });
  }

  function path(p: string): string {
    return p
      .split(/([\\/])/)
      .map((seg) => (seg === '/' || seg === '\\' || seg === '' ? seg : pathSegment(seg)))
      .join('');
  }

  function pathSegment(seg: string): string {
    const ext = /(\.[A-Za-z0-9]{1,8})$/.exec(seg)?.[1] ?? '';
    const base = ext ? seg.slice(0, -ext.length) : seg;
    const red = text(base);
    if (red === base) {
      // The whole name may hold a secret that runs into the extension's dot (`Password=a.b.log`).
      const whole = text(seg);
      return whole === seg ? seg : whole;
    }
    return (red.length > 0 ? red : REDACTED) + ext;
  }

  return {
    identities: identitiesOn,
    text,
    json,
    bytes,
    path,
    learn: (s) => {
      if (identitiesOn) ids.learn(s);
    },
    learnIdentities: (x) => {
      if (identitiesOn) ids.learnIdentities(x);
    },
    counts: () => ({ ...counts }),
    map: () => ids.map(),
  };
}

// ----------------------------------------------------------------------------------------------
// Hex blobs: REG_BINARY values such as WinINET's DefaultConnectionSettings carry the proxy string
// (and sometimes user:pass@) as length-prefixed ASCII. Each long hex run is decoded, redacted like
// text and encoded again; for the DefaultConnectionSettings layout the length fields are rewritten so
// the blob still parses.

function redactHexBlobs(s: string, inner: (t: string) => string): string {
  return s.replace(/(?<![0-9A-Fa-f])((?:[0-9A-Fa-f]{2}){16,})(?![0-9A-Fa-f])/g, (hex) => {
    const buf = Buffer.from(hex, 'hex');
    // Only blobs that hold readable text are worth a look (and cheap to skip otherwise).
    if (!/[\x20-\x7e]{6,}/.test(buf.toString('latin1'))) return hex;
    const upper = hex === hex.toUpperCase();
    const out = rewriteConnectionSettings(buf, inner) ?? rewriteLatin1(buf, inner);
    if (out === null) return hex;
    const h = out.toString('hex');
    return upper ? h.toUpperCase() : h;
  });
}

function rewriteLatin1(buf: Buffer, inner: (t: string) => string): Buffer | null {
  const t = buf.toString('latin1');
  const r = inner(t);
  return r === t ? null : Buffer.from(r, 'latin1');
}

/** DefaultConnectionSettings / WinHttpSettings: 3 dwords, then (len, ASCII) proxy, bypass, PAC URL. */
function rewriteConnectionSettings(buf: Buffer, inner: (t: string) => string): Buffer | null {
  if (buf.length < 24) return null;
  const parts: Buffer[] = [buf.subarray(0, 12)];
  let off = 12;
  let changed = false;
  for (let i = 0; i < 3; i++) {
    if (off + 4 > buf.length) return null;
    const len = buf.readUInt32LE(off);
    if (len > 4096 || off + 4 + len > buf.length) return null;
    const str = buf.subarray(off + 4, off + 4 + len).toString('latin1');
    const red = inner(str);
    if (red !== str) changed = true;
    const b = Buffer.from(red, 'latin1');
    const l = Buffer.alloc(4);
    l.writeUInt32LE(b.length);
    parts.push(l, b);
    off += 4 + len;
  }
  if (!changed) return null;
  // The tail (auto-detect blobs, zero padding) may still quote names: redact it as bytes of text.
  const tail = buf.subarray(off);
  parts.push(rewriteLatin1(tail, inner) ?? tail);
  return Buffer.concat(parts);
}
