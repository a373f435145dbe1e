// `events <path...>` end to end (node dist/cli.js), on the public .evtx samples, our event XML
// fixtures and a zip built here: output formats, filters, streaming to a closed pipe, bad input.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { runCli } from '../helpers/cli.js';
import { readAll, samplePath } from '../evtx/samples.js';
import { readEventXml } from '../../src/evidence/readers/event-xml.js';
import { renderEventXml } from '../../src/evidence/readers/evtx-render.js';
import type { WinEvent } from '../../src/evidence/types.js';

const SYSTEM = samplePath('system.evtx');
const NEW_USER = samplePath('new-user-security.evtx');

function jsonl(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('events --format jsonl (default)', () => {
  it('writes one object per event with the contract fields', () => {
    const r = runCli(['events', NEW_USER]);
    expect(r.code).toBe(0);
    const lines = jsonl(r.stdout);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({
      recordId: 111,
      eventId: 4728,
      provider: 'Microsoft-Windows-Security-Auditing',
      level: 0,
      time: '2013-10-23T16:22:39.9735000Z',
      computer: 'IE8Win7',
      channel: 'Security',
      data: { MemberSid: 'S-1-5-21-3463664321-2923530833-3546627382-1000', SubjectLogonId: '0x3e7' },
    });
    expect(lines[0]).not.toHaveProperty('message');
  });

  it('gives unnamed data (classic sources) as an array', () => {
    const r = runCli(['events', SYSTEM, '--id', '6013']);
    const first = jsonl(r.stdout)[0]!;
    expect(Array.isArray(first.data)).toBe(true);
    expect((first.data as string[]).length).toBeGreaterThan(0);
  });

  it('carries the rendered message from event XML with RenderingInfo', () => {
    const r = runCli(['events', 'test/fixtures/evidence/rendered-events.xml']);
    expect(r.code).toBe(0);
    const lines = jsonl(r.stdout);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.some((l) => typeof l.message === 'string' && (l.message as string).length > 0)).toBe(true);
  });

  it('reads UTF-16 event XML exports and .evtx inside a zip, without extracting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'events-zip-'));
    const zipPath = join(dir, 'MECLOG.zip');
    const zip = new yazl.ZipFile();
    zip.addFile(NEW_USER, '20261125-093000/EVENTLOG/HOST_Security.evtx');
    zip.addFile('test/fixtures/evidence/application-adsync.utf16le.xml', '20261125-093000/events/application.xml');
    zip.end();
    await new Promise<void>((resolve, reject) => {
      const chunks: Buffer[] = [];
      zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
      zip.outputStream.on('end', () => {
        writeFileSync(zipPath, Buffer.concat(chunks));
        resolve();
      });
      zip.outputStream.on('error', reject);
    });
    const r = runCli(['events', zipPath]);
    expect(r.code).toBe(0);
    const lines = jsonl(r.stdout);
    expect(lines.filter((l) => l.provider === 'Microsoft-Windows-Security-Auditing')).toHaveLength(4);
    expect(lines.some((l) => String(l.file).includes('application.xml'))).toBe(true);
  });
});

describe('events filters', () => {
  it('--id keeps exactly the events with that id (repeatable)', async () => {
    const { events } = await readAll(SYSTEM);
    const want = events.filter((e) => e.eventId === 6005 || e.eventId === 6006).length;
    expect(want).toBeGreaterThan(0);
    const lines = jsonl(runCli(['events', SYSTEM, '--id', '6005', '--id', '6006']).stdout);
    expect(lines).toHaveLength(want);
    expect(new Set(lines.map((l) => l.eventId))).toEqual(new Set([6005, 6006]));
  });

  it('--level error keeps Critical and Error only; warning adds Warning', async () => {
    const { events } = await readAll(SYSTEM);
    const errors = jsonl(runCli(['events', SYSTEM, '--level', 'error']).stdout);
    expect(errors).toHaveLength(events.filter((e) => e.level === 1 || e.level === 2).length);
    expect(errors.length).toBeGreaterThan(0);
    const warnings = jsonl(runCli(['events', SYSTEM, '--level', 'warning']).stdout);
    expect(warnings).toHaveLength(events.filter((e) => e.level >= 1 && e.level <= 3).length);
    expect(warnings.length).toBeGreaterThan(errors.length);
  });

  it('--provider matches the name case-insensitively, and only that provider', () => {
    const lines = jsonl(runCli(['events', SYSTEM, '--provider', 'service control manager']).stdout);
    expect(lines.length).toBeGreaterThan(0);
    expect(new Set(lines.map((l) => l.provider))).toEqual(new Set(['Service Control Manager']));
  });

  it('--since/--until keep the events inside the window, edges included', async () => {
    const { events } = await readAll(SYSTEM);
    const times = events.map((e) => e.time).sort();
    const since = times[100]!;
    const until = times[200]!;
    const inWindow = events.filter((e) => e.time.slice(0, 23) >= since.slice(0, 23) && e.time.slice(0, 23) <= until.slice(0, 23));
    const lines = jsonl(runCli(['events', SYSTEM, '--since', since.slice(0, 23) + 'Z', '--until', until.slice(0, 23) + 'Z']).stdout);
    expect(lines).toHaveLength(inWindow.length);
    // A duration back from now: these 2017 events are all older than a day.
    expect(runCli(['events', SYSTEM, '--since', '24h']).stdout).toBe('');
  });
});

describe('events --format xml and text', () => {
  it('xml is Windows event XML that reads back to the same events', async () => {
    const r = runCli(['events', SYSTEM, '--format', 'xml']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name=")).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'events-xml-'));
    const file = join(dir, 'system.xml');
    writeFileSync(file, r.stdout);
    const again = jsonl(runCli(['events', file]).stdout);
    const first = jsonl(runCli(['events', SYSTEM]).stdout);
    expect(again).toHaveLength(first.length);
    const strip = (o: Record<string, unknown>) => ({ ...o, file: undefined });
    expect(again.map(strip)).toEqual(first.map(strip));
  });

  it('text is one line per event: time, level, provider/id, record', () => {
    const lines = runCli(['events', SYSTEM, '--format', 'text', '--level', 'error']).stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z {2}Error +Service Control Manager\/7000 {2}record 35 /);
  });
});

describe('evtx-render', () => {
  it('escapes what XML needs and drops what XML cannot carry; the XML reader reads it back', async () => {
    const e: WinEvent = {
      file: 'x',
      provider: "A&B 'quoted'",
      eventId: 906,
      qualifiers: 16384,
      level: 2,
      task: 3,
      keywords: '0x80000000000000',
      time: '2026-11-25T09:58:12.1234567Z',
      recordId: 48213,
      channel: 'Application',
      computer: 'SRV01',
      namedData: { Message: 'x < y && "z"', Lines: '\r\nCSC\r\ndam' },
      unnamedData: ['ctrl\u0003char'],
      binary: '0A0B',
      message: 'The remote name could not be resolved: \'login.windows.net\'',
      location: 'record 48213',
    };
    const xml = renderEventXml(e);
    const back: WinEvent[] = [];
    for await (const ev of readEventXml(xml, { file: 'x' })) back.push(ev);
    expect(back).toHaveLength(1);
    expect(back[0]).toEqual({ ...e, unnamedData: ['ctrlchar'] });
  });
});

describe('events on bad input', () => {
  it('missing path, non-event file, bad options: one line on stderr, exit 2', () => {
    for (const args of [
      ['events', 'no/such/file.evtx'],
      ['events', 'package.json'],
      ['events', SYSTEM, '--format', 'csv'],
      ['events', SYSTEM, '--id', 'abc'],
      ['events', SYSTEM, '--level', 'loud'],
      ['events', SYSTEM, '--since', 'yesterday'],
      ['events', SYSTEM, '--since', '2020-01-02T00:00:00Z', '--until', '2020-01-01T00:00:00Z'],
    ]) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });

  it('a damaged .evtx still lists what is readable, with the damage noted on stderr', () => {
    const r = runCli(['events', samplePath('sample_with_a_bad_chunk_magic.evtx')]);
    expect(r.code).toBe(0);
    expect(jsonl(r.stdout)).toHaveLength(270);
    expect(r.stderr).toMatch(/chunk 6: bad magic, skipped/);
    expect(readFileSync(samplePath('sample_with_a_bad_chunk_magic.evtx')).length).toBeGreaterThan(0);
  });
});
