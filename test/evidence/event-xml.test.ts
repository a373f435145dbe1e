import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeStream } from '../../src/evidence/decode.js';
import { readEventXml, winEventToRecord } from '../../src/evidence/readers/event-xml.js';
import { isRelevantProvider } from '../../src/evidence/relevance.js';
import type { WinEvent } from '../../src/evidence/types.js';
import { chunksOf, collect, fixture, utf16be, utf16le } from './helpers.js';

async function read(bytes: Uint8Array, chunk = 4096, opts: Partial<Parameters<typeof readEventXml>[1]> = {}) {
  const notes: string[] = [];
  const events = await collect(readEventXml(decodeStream(chunksOf(bytes, chunk)), { file: 'f.xml', onNote: (n) => notes.push(n), ...opts }));
  return { events, notes };
}

const EVENT = (id: number, data: string, extra = '') =>
  `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='ADSync'/><EventID Qualifiers='0'>${id}</EventID><Level>2</Level><TimeCreated SystemTime='2026-11-25T10:00:${String(id % 60).padStart(2, '0')}.123456789Z'/><EventRecordID>${1000 + id}</EventRecordID><Channel>Application</Channel><Computer>AADC01</Computer></System><EventData><Data>${data}</Data>${extra}</EventData></Event>`;

describe('readEventXml on Windows-shaped exports', () => {
  it('reads the UTF-16 LE + BOM + CRLF ToXml() export exactly like its UTF-8 twin, at any chunk size', async () => {
    const wide = await read(fixture('application-adsync.utf16le.xml'), 777);
    const narrow = await read(fixture('application-adsync.xml'), 1);
    expect(wide.events).toEqual(narrow.events);
    expect(wide.notes).toEqual([]);
    expect(wide.events.map((e) => `${e.provider}/${e.eventId}`)).toEqual([
      'Directory Synchronization/906',
      'MsiInstaller/1035',
      'Directory Synchronization/906',
      'ADSync/6900',
      'Application Error/1000',
    ]);
  });

  it('keeps classic-source fields: Qualifiers, unnamed Data, entities, 7 and 9 fractional digits, CRLF normalised', async () => {
    const { events } = await read(fixture('application-adsync.utf16le.xml'));
    const e906 = events[0]!;
    expect(e906).toMatchObject({
      file: 'f.xml',
      provider: 'Directory Synchronization',
      eventId: 906,
      qualifiers: 0,
      level: 2,
      task: 0,
      keywords: '0x80000000000000',
      time: '2026-11-25T09:28:12.4810735Z',
      recordId: 48211,
      channel: 'Application',
      computer: 'AADC01.contoso.local',
      namedData: {},
      location: 'record 48211',
    });
    expect(e906.unnamedData).toHaveLength(1);
    expect(e906.unnamedData[0]).toContain("---> System.Net.WebException: The remote name could not be resolved: 'login.windows.net'");
    expect(e906.unnamedData[0]).not.toContain('\r');
    expect(events[3]!.time).toBe('2026-11-25T09:58:13.000000000Z');
    expect(events[3]!.unnamedData[0]).toContain('<Error> AADSTS50126 & more');
    expect(events[1]!.unnamedData).toEqual(['Microsoft Azure AD Connect', '2.4.131.0', '1033', '0', 'Microsoft Corporation', '(NULL)']);
  });

  it('reads a <Events> root with RenderingInfo, named Data and UserData, without confusing RenderingInfo/Level with System/Level', async () => {
    const { events, notes } = await read(fixture('rendered-events.xml'), 100);
    expect(notes).toEqual([]);
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ provider: 'PasswordResetService', eventId: 32002, level: 2, time: '2026-11-25T08:15:02.776123400Z' });
    expect(events[0]!.message).toMatch(/\(407\) Proxy Authentication Required\.$/);
    expect(events[1]!.namedData).toEqual({ Component: 'Updater', Result: 'Check for updates finished & nothing to do' });
    expect(events[1]!.qualifiers).toBeUndefined();
    expect(events[2]!.userData).toEqual({ TSId: '1', UserSid: 'S-1-5-21-1000' });
  });

  it('reads UTF-16 BE and BOM-less UTF-16 LE', async () => {
    const text = `<?xml version="1.0" encoding="UTF-16"?>\r\n<Events>${EVENT(1, 'a')}\r\n${EVENT(2, 'b')}</Events>`;
    for (const bytes of [utf16be(text), utf16be(text, false), utf16le(text, false)]) {
      const { events, notes } = await read(bytes, 333);
      expect(events.map((e) => e.unnamedData[0])).toEqual(['a', 'b']);
      expect(notes).toEqual([]);
    }
  });

  it('Binary and double-quoted attributes', async () => {
    const xml = EVENT(5, 'x', '<Binary>7B4432383537</Binary>').replace(/'/g, '"');
    const { events } = await read(Buffer.from(xml));
    expect(events[0]!.binary).toBe('7B4432383537');
    expect(events[0]!.qualifiers).toBe(0);
  });
});

describe('readEventXml on damaged input', () => {
  it('a truncated export yields every complete event and says where it was cut', async () => {
    const full = fixture('application-adsync.xml').toString('utf8');
    const cut = full.slice(0, full.indexOf('<Event xmlns', full.indexOf('48213')) + 200);
    const { events, notes } = await read(Buffer.from(cut));
    expect(events.map((e) => e.recordId)).toEqual([48211, 48212, 48213]);
    expect(notes).toEqual(['truncated after event 3']);
  });

  it('a cut <Events> document between two events is also truncation', async () => {
    const { events, notes } = await read(Buffer.from(`<Events>${EVENT(1, 'a')}${EVENT(2, 'b')}`));
    expect(events).toHaveLength(2);
    expect(notes).toEqual(['truncated after event 2']);
  });

  it('a malformed event mid-file is skipped with one note; the events after it are read', async () => {
    const bad = `<Event><System><Provider Name='ADSync'/><EventID>7</EventID></Sys></Event>`;
    const { events, notes } = await read(Buffer.from(`${EVENT(1, 'a')}\r\n${bad}\r\n${EVENT(3, 'c')}`));
    expect(events.map((e) => e.eventId)).toEqual([1, 3]);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^malformed XML at 2:\d+: .*\(event 2 skipped\)$/);
  });

  it('says so when there is no event at all', async () => {
    const { events, notes } = await read(Buffer.from('<Events></Events>'));
    expect(events).toEqual([]);
    expect(notes).toEqual(['no <Event> element found']);
  });

  it('drops unwanted providers without building them, and reports each one', async () => {
    const dropped: string[] = [];
    const { events } = await read(fixture('application-adsync.utf16le.xml'), 4096, {
      keepProvider: isRelevantProvider,
      onDropped: (p) => dropped.push(p),
    });
    expect(events.map((e) => e.provider)).toEqual(['Directory Synchronization', 'Directory Synchronization', 'ADSync']);
    expect(dropped).toEqual(['MsiInstaller', 'Application Error']);
  });

  it('no input crashes or hangs the reader: random XML-ish fragments and random text', async () => {
    const piece = fc.constantFrom(
      '<Event>', '</Event>', '<Events>', '</Events>', '<System>', '</System>', "<Provider Name='ADSync'/>", '<EventID>', '</EventID>',
      '<Data>', '</Data>', "<Data Name='x'>", '<EventData>', '</EventData>', '&amp;', '&bogus;', '&#x0;', '<![CDATA[x]]>', '<?xml version="1.0"?>',
      '<!-- c -->', '<', '>', "'", '"', '906', 'text', '\r\n', '<UserData><A><B>1</B></A></UserData>', '<RenderingInfo><Message>m</Message></RenderingInfo>',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(piece, fc.string({ maxLength: 8 })), { maxLength: 60 }), fc.integer({ min: 1, max: 64 }), async (parts, size) => {
        const { events, notes } = await read(Buffer.from(parts.join('')), size);
        for (const e of events) expect(typeof e.eventId).toBe('number');
        for (const n of notes) expect(n).not.toContain('\n');
      }),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        await read(bytes, 97);
      }),
      { numRuns: 200 },
    );
  });
});

describe('readEventXml memory', () => {
  it('yields events while the input is still being produced (≈50 MB generated, nothing kept)', async () => {
    const one = EVENT(906, 'GetSecurityToken: unable to retrieve a security token. TrackingId: 00000000-0000-0000-0000-000000000000 ' + 'x'.repeat(800));
    const perChunk = 64;
    const chunks = Math.ceil((50 * 1024 * 1024) / (one.length * perChunk));
    let produced = 0;
    async function* generate(): AsyncGenerator<string> {
      yield '<Events>';
      for (let i = 0; i < chunks; i++) {
        produced++;
        yield (one + '\r\n').repeat(perChunk);
      }
      yield '</Events>';
    }
    let count = 0;
    let maxLag = 0;
    for await (const e of readEventXml(generate(), { file: 'big.xml' })) {
      count++;
      // The reader must hand out events while the generator is still running: the events seen so
      // far always trail what was produced by less than two chunks.
      maxLag = Math.max(maxLag, produced * perChunk - count);
      expect(e.eventId).toBe(906);
    }
    expect(count).toBe(chunks * perChunk);
    expect(chunks * perChunk * one.length).toBeGreaterThan(49 * 1024 * 1024);
    expect(maxLag).toBeLessThanOrEqual(2 * perChunk);
  }, 120_000);
});

describe('winEventToRecord', () => {
  const base: WinEvent = {
    file: 'f.xml', provider: 'Directory Synchronization', eventId: 906, qualifiers: 0, level: 2, time: '2026-11-25T09:58:12.1234567Z',
    recordId: 48213, channel: 'Application', computer: 'AADC01', namedData: {}, unnamedData: ['first', '(NULL)', 'second'], location: 'record 48213',
  };
  it('uses the data values when no message was rendered', () => {
    expect(winEventToRecord(base)).toEqual({
      kind: 'event', source: 'Application/Directory Synchronization/906', location: 'record 48213', time: '2026-11-25T09:58:12.1234567Z',
      text: 'first\nsecond', provider: 'Directory Synchronization', eventId: 906, level: 2,
    });
  });
  it('prefers the rendered message', () => {
    expect(winEventToRecord({ ...base, message: 'rendered' }).text).toBe('rendered');
  });
});
