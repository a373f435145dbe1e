import { describe, expect, it } from 'vitest';
import { splitRelevantEvents, type SplitStats } from '../../src/evidence/readers/event-splitter.js';
import { eventXml } from '../../bench/generate.js';

const relevant = (name: string) => /^(ADSync|Directory Synchronization|PasswordResetService)$/i.test(name);

function sample(): string {
  const parts = [
    eventXml('MsiInstaller', undefined, 1035, 4, '2026-11-25T09:00:00.0000000Z', 1, ['Windows Installer reconfigured the product.']),
    eventXml('Directory Synchronization', undefined, 906, 2, '2026-11-25T09:00:01.0000000Z', 2, ["GetSecurityToken ---> System.Net.WebException: The remote name could not be resolved: 'login.windows.net'"]),
    eventXml('ESENT', '{478EA8A8-00BE-4BA6-8E75-8B9DC7DB9F78}', 916, 4, '2026-11-25T09:00:02.0000000Z', 3, ['svchost </Event> lookalike in data is escaped']),
    eventXml('ADSync', undefined, 6946, 4, '2026-11-25T09:00:03.0000000Z', 4, ['Scheduler::SchedulerThreadMain : Started sync cycle.']),
  ];
  return parts.join('\r\n') + '\r\n';
}

async function run(bytes: Buffer, encoding: 'utf-8' | 'utf-16le', chunkSize: number): Promise<{ text: string; stats: SplitStats }> {
  const stats: SplitStats = { events: 0, passed: 0, trailingBytes: 0 };
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  }
  let text = '';
  for await (const t of splitRelevantEvents(chunks(), encoding, relevant, stats)) text += t + '\n';
  return { text, stats };
}

describe('splitRelevantEvents (fast path)', () => {
  it('passes only the events of relevant providers and counts all of them', async () => {
    const { text, stats } = await run(Buffer.from(sample(), 'utf8'), 'utf-8', 1 << 16);
    expect(stats).toEqual({ events: 4, passed: 2, trailingBytes: 0 });
    expect(text).toContain("Provider Name='Directory Synchronization'");
    expect(text).toContain("Provider Name='ADSync'");
    expect(text).not.toContain('MsiInstaller');
    expect(text).not.toContain('ESENT');
  });

  it('gives the same result whatever the chunk boundaries, in UTF-8 and UTF-16 LE with BOM', async () => {
    const s = `<?xml version="1.0" encoding="UTF-16"?>\r\n<Events>\r\n${sample()}</Events>\r\n`;
    const reference = (await run(Buffer.from(s, 'utf8'), 'utf-8', 1 << 20)).text;
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
    for (const size of [1, 2, 3, 7, 64, 333, 4096]) {
      expect((await run(Buffer.from('\ufeff' + s, 'utf8'), 'utf-8', size)).text).toBe(reference);
      expect((await run(utf16, 'utf-16le', size)).text).toBe(reference);
    }
    expect(reference.startsWith('<Event ')).toBe(true);
  });

  it('passes events whose provider it cannot read with certainty to the parser', async () => {
    const odd = `<Event><System><Provider Name='A&amp;B'/></System></Event><Event><System></System></Event>`;
    const { stats } = await run(Buffer.from(odd, 'utf8'), 'utf-8', 10);
    expect(stats.passed).toBe(2);
  });

  it('hands a cut final event on so the parser can report the truncation', async () => {
    const s = sample();
    const cut = s.slice(0, s.lastIndexOf('<Event ') + 200);
    const { text, stats } = await run(Buffer.from(cut, 'utf8'), 'utf-8', 512);
    expect(stats.events).toBe(3);
    expect(stats.trailingBytes).toBeGreaterThan(0);
    expect(text.trimEnd().endsWith('</Event>')).toBe(false);
  });
});

// Issue 15 C2: the splitter re-concatenated the carried partial event with every chunk, so one event
// with an N-MB <Data> value took quadratic time (32 MB: 55 s; 100 MB never finished). Now the pending
// chunks are joined once, when the event ends: 40 MB in 16 KiB chunks (what a zip entry's inflate
// stream yields) completes in about a second; the old splitter needed minutes for it.
describe('one event with a huge <Data> value (issue 15 C2)', () => {
  const HEAD = eventXml('Directory Synchronization', undefined, 906, 2, '2026-11-25T09:00:01.0000000Z', 2, ['X']).split('X')[0]!;
  const TAIL = '</Data></EventData></Event>\r\n';
  const text = "The remote name could not be resolved: 'login.windows.net' ";
  for (const encoding of ['utf-8', 'utf-16le'] as const) {
    it(`${encoding}: a 40 MB value, 16 KiB chunks, then a normal event`, async () => {
      const enc = encoding === 'utf-8' ? 'utf8' : 'utf16le';
      const value = text.repeat(Math.ceil((40 * 1024 * 1024) / text.length / (encoding === 'utf-8' ? 1 : 2)));
      const after = eventXml('ADSync', undefined, 6946, 4, '2026-11-25T09:00:03.0000000Z', 3, ['next']);
      const bytes = Buffer.from(HEAD + value + TAIL + after + '\r\n', enc);
      const stats: SplitStats = { events: 0, passed: 0, trailingBytes: 0 };
      // An odd chunk size in UTF-16 puts character boundaries at odd offsets of every other chunk.
      const size = encoding === 'utf-8' ? 16 * 1024 : 16 * 1024 + 1;
      async function* chunks() {
        for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
      }
      const lengths: number[] = [];
      const { splitRelevantEventList } = await import('../../src/evidence/readers/event-splitter.js');
      for await (const pieces of splitRelevantEventList(chunks(), encoding, relevant, stats)) for (const p of pieces) lengths.push(p.length);
      expect(stats).toEqual({ events: 2, passed: 2, trailingBytes: 0 });
      expect(lengths[0]).toBe(HEAD.length + value.length + TAIL.length - 2);
      expect(lengths[1]).toBe(after.length);
    });
  }
});
