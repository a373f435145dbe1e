// A hostile zip with thousands of refused entries must not flood the report: an input's notes are capped.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../src/evidence/collect-evidence.js';
import { buildZip, fileEntry } from './build-zip.js';

describe('notes of a zip input', () => {
  it('300 path-traversal entries and one good file: the good file is read, the notes stop at 50 plus one line', async () => {
    const entries = Array.from({ length: 300 }, (_, i) => fileEntry(`../../evil-${i}.txt`, 'x'));
    entries.push(fileEntry('config/winhttp.txt', 'Current WinHTTP proxy settings:\r\n\r\n    Direct access (no proxy server).\r\n\r\n'));
    const dir = mkdtempSync(join(tmpdir(), 'aadsync-notes-'));
    const zip = join(dir, 'ticket.zip');
    writeFileSync(zip, buildZip(entries));
    const ev = await collectEvidence([zip]);
    const input = ev.inputs.find((i) => i.format === 'zip')!;
    expect(input.notes.length).toBe(51);
    expect(input.notes[50]).toBe('more notes not shown');
    expect(input.notes[0]).toMatch(/evil-0\.txt/);
    expect(ev.winHttp).toHaveLength(1);
  });
});

describe('compression ratio limit', () => {
  it('a repetitive 8 MiB event log compressing ~150:1 is read, not refused as a bomb', async () => {
    const { deflateRawSync } = await import('node:zlib');
    const event = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Directory Synchronization'/><EventID Qualifiers='0'>906</EventID><Level>2</Level><TimeCreated SystemTime='2026-11-25T09:00:00.0000000Z'/><EventRecordID>1</EventRecordID><Channel>Application</Channel><Computer>AADC01</Computer></System><EventData><Data>GetSecurityToken ---&gt; System.Net.WebException: The remote name could not be resolved: 'login.windows.net'</Data></EventData></Event>\r\n";
    const text = Buffer.from(event.repeat(Math.ceil((8 * 1024 * 1024) / event.length)));
    const ratio = text.length / deflateRawSync(text, { level: 9 }).length;
    expect(ratio).toBeGreaterThan(100);
    expect(ratio).toBeLessThan(250);
    const dir = mkdtempSync(join(tmpdir(), 'aadsync-ratio-'));
    const zip = join(dir, 'events.zip');
    writeFileSync(zip, buildZip([fileEntry('events/Application.xml', text)]));
    const ev = await collectEvidence([zip]);
    expect(ev.counts.events).toBeGreaterThan(1000);
    expect(ev.inputs.find((i) => i.format === 'zip')!.notes.join(' ')).not.toMatch(/zip bomb/);
  });
});
