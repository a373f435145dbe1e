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
