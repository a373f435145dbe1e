// Seeded corruption of the public samples: byte flips, zeroed runs, truncations and chunk
// shuffles must never crash (anything but a finished iteration is a failure) or hang (vitest
// timeout per test, generous: it catches a hang, not slowness; a 10 s limit failed on a 2-core machine at load 13). Notes must say something was wrong when the result differs.
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
// mulberry32 of the bench generators: small, seeded, reproducible.
import { prng as rng } from '../../bench/generate.js';
import { readEvtx } from '../../src/evidence/readers/evtx/index.js';
import { sampleFiles, samplePath } from './samples.js';

async function readBuffer(buf: Buffer, pieceSize = 8191): Promise<{ count: number; notes: string[] }> {
  const pieces: Buffer[] = [];
  for (let i = 0; i < buf.length; i += pieceSize) pieces.push(buf.subarray(i, i + pieceSize));
  const read = readEvtx({ path: 'fuzz.evtx', open: async () => Readable.from(pieces) });
  let count = 0;
  for await (const ev of read) {
    // Every event is a well-formed WinEvent even from damaged bytes.
    expect(typeof ev.provider).toBe('string');
    expect(Number.isFinite(ev.eventId)).toBe(true);
    expect(Number.isFinite(ev.recordId)).toBe(true);
    count++;
  }
  return { count, notes: read.notes };
}

const files = sampleFiles();

describe('evtx reader on damaged input', () => {
  for (const [i, file] of files.entries()) {
    it(`${file}: 40 seeded mutations read to the end`, { timeout: 60_000 }, async () => {
      const original = readFileSync(samplePath(file));
      const clean = await readBuffer(original);
      const rand = rng(0x5eed + i);
      for (let round = 0; round < 40; round++) {
        const buf = Buffer.from(original);
        const kind = round % 4;
        if (kind === 0) {
          // Random byte flips, concentrated in the record area of the first chunks.
          const n = 1 + Math.floor(rand() * 64);
          for (let k = 0; k < n; k++) {
            const at = 4096 + Math.floor(rand() * Math.min(buf.length - 4096, 4 * 65536));
            buf[at] = Math.floor(rand() * 256);
          }
        } else if (kind === 1) {
          // A run of 0xFF or 0x00 (size fields, offsets, template pointers become extreme).
          const at = Math.floor(rand() * buf.length);
          buf.fill(rand() < 0.5 ? 0xff : 0x00, at, Math.min(buf.length, at + 1 + Math.floor(rand() * 300)));
        } else if (kind === 2) {
          // Flip bytes in the chunk headers and string/template tables (offsets 0-512 of a chunk).
          for (let k = 0; k < 16; k++) {
            const chunk = Math.floor(rand() * Math.max(1, (buf.length - 4096) / 65536));
            const at = 4096 + chunk * 65536 + Math.floor(rand() * 512);
            if (at < buf.length) buf[at] = Math.floor(rand() * 256);
          }
        }
        const data = kind === 3 ? buf.subarray(0, Math.floor(rand() * buf.length)) : buf;
        const r = await readBuffer(data, 1 + Math.floor(rand() * 70000));
        if (kind === 3 && data.length < original.length && r.count < clean.count) {
          // A truncation that lost records says so.
          expect(r.notes.join('\n')).toMatch(/file ends inside|empty file|no ElfFile/);
        }
      }
    });
  }

  it('random bytes with an ElfFile header yield no events and a note, no crash', { timeout: 60_000 }, async () => {
    const rand = rng(7);
    const buf = Buffer.alloc(4096 + 3 * 65536);
    for (let i = 0; i < buf.length; i++) buf[i] = Math.floor(rand() * 256);
    buf.write('ElfFile\0', 0, 'latin1');
    buf.write('ElfChnk\0', 4096, 'latin1');
    const r = await readBuffer(buf);
    expect(r.count).toBe(0);
    expect(r.notes.length).toBeGreaterThan(0);
  });
});
