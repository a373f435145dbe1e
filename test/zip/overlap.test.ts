// Issue 15 C1: a zip whose central directory lists one entry's data many times (overlapping entries,
// the non-recursive zip bomb) inflated that data once per listing: a 2.9 MB zip kept analyze busy for
// 276 s. Overlapping entries are refused; each byte of an archive inflates at most once.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zipEntries, type ZipNote } from '../../src/evidence/zip.js';
import { buildOverlappingZip, buildZip, fileEntry } from './build-zip.js';
import { runCli } from '../helpers/cli.js';

const event = (i: number) =>
  `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Directory Synchronization'/><EventID Qualifiers='0'>906</EventID><Level>2</Level><TimeCreated SystemTime='2026-11-25T09:58:12.${String(i % 1000).padStart(3, '0')}0000Z'/><EventRecordID>${i}</EventRecordID><Channel>Application</Channel><Computer>AADC01</Computer></System><EventData><Data>The remote name could not be resolved: 'login.windows.net'</Data></EventData></Event>\r\n`;
const xml = Array.from({ length: 2000 }, (_, i) => event(i)).join('');

describe('overlapping zip entries', () => {
  it('reads the data once and refuses the 99 other listings of it, each with a note', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-overlap-'));
    const path = join(dir, 'overlap.zip');
    writeFileSync(path, buildOverlappingZip(fileEntry('events.xml', xml), 100));
    const notes: ZipNote[] = [];
    const got: string[] = [];
    for await (const e of zipEntries(path, { onNote: (n) => notes.push(n) })) got.push(e.path);
    expect(got).toEqual(['copy-000-events.xml']);
    expect(notes).toHaveLength(99);
    expect(notes[0]!.message).toBe("entry refused: its data overlaps another entry's (overlapping entries are a zip bomb)");
  });

  it('a normal zip of adjacent entries, stored and deflated, is read whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-adjacent-'));
    const path = join(dir, 'ok.zip');
    writeFileSync(path, buildZip([fileEntry('a.txt', 'a'), fileEntry('empty.txt', '', 0), fileEntry('b.xml', xml), fileEntry('c.txt', 'c', 0)]));
    const notes: ZipNote[] = [];
    const got: string[] = [];
    for await (const e of zipEntries(path, { onNote: (n) => notes.push(n) })) got.push(e.path);
    expect(got).toEqual(['a.txt', 'empty.txt', 'b.xml', 'c.txt']);
    expect(notes).toEqual([]);
  });

  it('analyze diagnoses the one copy and says the others were refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-overlap-cli-'));
    const path = join(dir, 'ticket.zip');
    writeFileSync(path, buildOverlappingZip(fileEntry('events.xml', xml), 100));
    const r = runCli(['analyze', path, '--json']);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.summary.events).toBe(2000);
    const zipInput = report.inputs.find((i: { path: string }) => i.path.endsWith('ticket.zip'));
    expect(zipInput.notes.some((n: string) => /overlaps another entry's/.test(n))).toBe(true);
  });
});
