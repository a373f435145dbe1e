// Issue 11 item 5: one encoding sniffer for the readers and the redactor (src/evidence/decode.ts), so a
// file is never read in one encoding and redacted in another — the analyzer quoting a secret the
// bundle's copy kept because the redactor decoded the bytes differently.
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/redact/index.js';
import { decodeBuffer, detectEncoding } from '../../src/evidence/decode.js';
import { secretForms } from './corpus.js';

const SECRET = 'FAKE-S3cret-E001';
const LINE = `ProxyServer=http://svc:${SECRET}@proxy.contoso.com:8080\r\nNext line with text: ä ö ü\r\n`;

function be(s: string): Buffer {
  const b = Buffer.from(s, 'utf16le');
  b.swap16();
  return b;
}

const cases: [string, Buffer][] = [
  ['UTF-16 BE without BOM', be(LINE.repeat(4))],
  ['UTF-16 LE without BOM, NUL padding first (a log after a crash)', Buffer.concat([Buffer.alloc(600), Buffer.from(LINE.repeat(4), 'utf16le')])],
];

describe('the redactor decodes bytes exactly as the readers do', () => {
  for (const [name, bytes] of cases) {
    it(`${name}: the secret is removed and the text is what the reader reads, redacted`, () => {
      const guess = detectEncoding(bytes);
      const read = decodeBuffer(bytes, guess);
      expect(read).toContain(SECRET);
      const out = createRedactor({ identities: false }).bytes(bytes);
      for (const f of secretForms(SECRET)) expect(out.includes(f.bytes), f.form).toBe(false);
      // The redacted bytes, read back by the reader, are the reader's text with only the secret replaced.
      expect(decodeBuffer(out, detectEncoding(out))).toBe(read.replaceAll(SECRET, '[REDACTED]'));
    });
  }

  it('decides from the same head whatever the buffer size (64 KiB, as the readers sniff)', () => {
    const head = Buffer.from('plain ASCII text\r\n'.repeat(4000), 'utf8');
    const late = Buffer.concat([head, Buffer.from([0xe9, 0x0d, 0x0a])]);
    expect(head.length).toBeGreaterThan(64 * 1024);
    expect(detectEncoding(late)).toEqual(detectEncoding(late.subarray(0, 64 * 1024)));
  });
});
