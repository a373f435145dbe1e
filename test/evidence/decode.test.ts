import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeBuffer, decodeStream, detectEncoding, splitLines } from '../../src/evidence/decode.js';
import { chunksOf, collect, utf16be, utf16le } from './helpers.js';

const SAMPLE = "<Event>Der Remotename konnte nicht aufgelöst werden: 'login.windows.net' — リモート名</Event>\r\n";

describe('detectEncoding', () => {
  it('reads byte-order marks', () => {
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x3c]))).toEqual({ encoding: 'utf-8', bomLength: 3 });
    expect(detectEncoding(utf16le('<a/>'))).toEqual({ encoding: 'utf-16le', bomLength: 2 });
    expect(detectEncoding(utf16be('<a/>'))).toEqual({ encoding: 'utf-16be', bomLength: 2 });
  });

  it('tells BOM-less UTF-16 LE from BE by where the NULs are', () => {
    expect(detectEncoding(utf16le(SAMPLE, false)).encoding).toBe('utf-16le');
    expect(detectEncoding(utf16be(SAMPLE, false)).encoding).toBe('utf-16be');
  });

  it('takes valid UTF-8 as UTF-8 and other high bytes as Windows-1252 (Set-Content in 5.1)', () => {
    expect(detectEncoding(Buffer.from(SAMPLE, 'utf8')).encoding).toBe('utf-8');
    expect(detectEncoding(Buffer.from('Der Remotename konnte nicht aufgel\xf6st werden', 'latin1')).encoding).toBe('windows-1252');
    // A head cut in the middle of a multi-byte character is still UTF-8.
    const cut = Buffer.from('aufgelöst', 'utf8');
    expect(detectEncoding(cut.subarray(0, cut.length - 4)).encoding).toBe('utf-8');
  });
});

describe('decodeBuffer / decodeStream', () => {
  for (const [name, bytes] of [
    ['UTF-8', Buffer.from(SAMPLE, 'utf8')],
    ['UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, 'utf8')])],
    ['UTF-16 LE BOM', utf16le(SAMPLE)],
    ['UTF-16 LE no BOM', utf16le(SAMPLE, false)],
    ['UTF-16 BE BOM', utf16be(SAMPLE)],
    ['UTF-16 BE no BOM', utf16be(SAMPLE, false)],
  ] as const) {
    it(`${name}: same text, BOM stripped, CRLF kept, whatever the chunk size`, async () => {
      expect(decodeBuffer(bytes)).toBe(SAMPLE);
      for (const size of [1, 3, 7, 4096]) {
        const text = (await collect(decodeStream(chunksOf(bytes, size)))).join('');
        expect(text).toBe(SAMPLE);
      }
    });
  }

  it('decodes an empty stream to nothing', async () => {
    expect(await collect(decodeStream(chunksOf(Buffer.alloc(0), 10)))).toEqual([]);
  });

  it('never throws on random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 1, max: 600 }), async (bytes, size) => {
        const text = (await collect(decodeStream(chunksOf(bytes, size)))).join('');
        expect(typeof text).toBe('string');
      }),
      { numRuns: 200 },
    );
  });
});

describe('splitLines', () => {
  it('splits on LF and CRLF, keeps a bare CR, numbers lines', async () => {
    const lines = await collect(splitLines(chunksOfText(['a\r', '\nb\n\nc\rd'])));
    expect(lines.map((l) => [l.number, l.text])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, ''],
      [4, 'c\rd'],
    ]);
  });

  it('caps a huge line and counts the rest instead of holding it', async () => {
    async function* huge(): AsyncGenerator<string> {
      for (let i = 0; i < 100; i++) yield 'x'.repeat(10_000);
      yield '\nnext';
    }
    const lines = await collect(splitLines(huge(), 1000));
    expect(lines).toHaveLength(2);
    expect(lines[0]!.text).toHaveLength(1000);
    expect(lines[0]!.droppedChars).toBe(999_000);
    expect(lines[1]).toEqual({ text: 'next', number: 2, droppedChars: 0 });
  });
});

async function* chunksOfText(parts: string[]): AsyncGenerator<string> {
  for (const p of parts) yield p;
}
