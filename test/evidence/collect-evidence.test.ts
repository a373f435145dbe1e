import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { InputError } from '../../src/model/errors.js';
import { collectEvidence } from '../../src/evidence/collect-evidence.js';
import { walkInputs } from '../../src/evidence/input.js';
import { collect, fixture, utf16be } from './helpers.js';

let root: string;
const p = (...parts: string[]) => join(root, ...parts);

function writeZip(path: string, files: Record<string, Buffer>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of Object.entries(files)) zip.addBuffer(data, name);
  zip.end();
  return new Promise((resolve, reject) => {
    zip.outputStream.pipe(createWriteStream(path)).on('close', () => resolve()).on('error', reject);
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'aadsync-evidence-'));
  // A customer's folder: an event export, a trace log, netsh output, a pasted error, junk.
  mkdirSync(p('case', 'events'), { recursive: true });
  mkdirSync(p('case', 'traces'));
  writeFileSync(p('case', 'events', 'Application.xml'), fixture('application-adsync.utf16le.xml'));
  writeFileSync(p('case', 'traces', 'trace-20261125-093000.log'), fixture('trace-20261125-093000.log'));
  writeFileSync(p('case', 'winhttp.txt'), '\r\nCurrent WinHTTP proxy settings:\r\n\r\n    Direct access (no proxy server).\r\n\r\n');
  writeFileSync(p('case', 'notes.txt'), fixture('powershell-errors.txt'));
  writeFileSync(p('case', 'screenshot.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array(200).fill(0)]));
  writeFileSync(p('case', 'report.json'), '{"schemaVersion":1,"tool":{"name":"aadsync-diagnose","version":"0.1.0"},"verdict":{"code":"proxy-bypassed"},"findings":[{"evidence":[{"excerpt":"(407) Proxy Authentication Required"}]}]}');
  // Links: one loops to an ancestor, one leaves the folder. Neither may be followed.
  symlinkSync(p('case'), p('case', 'events', 'loop'));
  mkdirSync(p('outside'));
  writeFileSync(p('outside', 'secret.txt'), 'The remote server returned an error: (403) Forbidden.');
  symlinkSync(p('outside'), p('case', 'elsewhere'));
  mkdirSync(p('empty', 'sub'), { recursive: true });
  mkdirSync(p('junk'));
  writeFileSync(p('junk', 'a.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256)));
  writeFileSync(p('junk', 'b.txt'), '');
  await writeZip(p('bundle.zip'), {
    'events/Application-Directory Synchronization.xml': fixture('rendered-events.xml'),
    'traces/trace-20261125-093000.log': fixture('trace-20261125-093000.log'),
  });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('walkInputs', () => {
  it('walks folders sorted, never through links that loop or leave the folder', async () => {
    const entries = await collect(walkInputs([p('case')]));
    expect(entries.map((e) => e.displayPath)).toEqual([
      'case/events/Application.xml',
      'case/notes.txt',
      'case/report.json',
      'case/screenshot.png',
      'case/traces/trace-20261125-093000.log',
      'case/winhttp.txt',
    ]);
  });

  it('a missing path and a folder without files are one-line InputErrors', async () => {
    await expect(collect(walkInputs([p('nope.xml')]))).rejects.toThrow(InputError);
    await expect(collect(walkInputs([p('nope.xml')]))).rejects.toThrow(/nope\.xml: no such file or folder$/);
    await expect(collect(walkInputs([p('empty')]))).rejects.toThrow(`no files in ${p('empty')}`);
  });
});

describe('collectEvidence', () => {
  it('reads a mixed folder into one EvidenceSet, saying what each file was taken for', async () => {
    const ev = await collectEvidence([p('case')]);
    expect(ev.inputs.map((i) => [i.path, i.format])).toEqual([
      ['case/events/Application.xml', 'event-xml'],
      ['case/notes.txt', 'text'],
      ['case/report.json', 'text'],
      ['case/screenshot.png', 'binary'],
      ['case/traces/trace-20261125-093000.log', 'trace-log'],
      ['case/winhttp.txt', 'netsh-winhttp'],
    ]);
    expect(ev.inputs[2]!.notes).toEqual(['a report written by aadsync-diagnose: not read as evidence']);
    expect(ev.inputs[3]!.notes).toEqual(['binary file: not evidence this tool reads (skipped)']);
    expect(ev.inputs[0]!.bytes).toBe(fixture('application-adsync.utf16le.xml').length);
    expect(ev.counts).toEqual({ events: 5, relevantEvents: 3, traceRecords: 3, textRecords: 2 });
    expect(ev.winHttp).toHaveLength(1);
    expect(ev.winHttp[0]).toMatchObject({ direct: true });
    expect(ev.traceProxy).toHaveLength(1);
    expect(ev.traceProxy[0]).toMatchObject({ proxyAddress: null, tls12Configured: true });

    const g906 = ev.groups.find((g) => g.eventId === 906)!;
    expect(g906).toMatchObject({ count: 2, firstTime: '2026-11-25T09:28:12.4810735Z', lastTime: '2026-11-25T09:58:12.1234567Z' });
    expect(g906.samples[0]).toMatchObject({ source: 'Application/Directory Synchronization/906', location: 'record 48211' });
    expect(ev.groups.some((g) => g.provider === 'MsiInstaller')).toBe(false);
    // The two wizard ERRORs have the same innermost cause: one group of 2.
    const traceGroups = ev.groups.filter((g) => g.kind === 'trace');
    expect(traceGroups.map((g) => g.count).sort()).toEqual([1, 2]);
    expect(JSON.stringify(ev)).not.toContain('(403) Forbidden'); // the link leaving the folder was not followed
  });

  it('reads a bundle zip without extracting it', async () => {
    const ev = await collectEvidence([p('bundle.zip')]);
    // A file given by path is shown as given (here absolute); entries inside it follow with `!/`.
    expect(ev.inputs.map((i) => [i.path.slice(root.length + 1), i.format])).toEqual([
      ['bundle.zip', 'zip'],
      ['bundle.zip!/events/Application-Directory Synchronization.xml', 'event-xml'],
      ['bundle.zip!/traces/trace-20261125-093000.log', 'trace-log'],
    ]);
    expect(ev.counts.events).toBe(3);
    expect(ev.counts.relevantEvents).toBe(2);
    expect(ev.groups.find((g) => g.eventId === 32002)?.samples[0]?.text).toContain('(407) Proxy Authentication Required');
  });

  it('reads standard input by content', async () => {
    const stdin = Readable.from([fixture('pasted-wizard-error.txt')]);
    const ev = await collectEvidence(['-'], { stdin });
    expect(ev.inputs).toEqual([{ path: '(stdin)', format: 'text', bytes: fixture('pasted-wizard-error.txt').length, notes: [] }]);
    expect(ev.counts.textRecords).toBe(3);
  });

  it('a truncated export is read up to the cut, with a note on that input', async () => {
    const full = fixture('application-adsync.xml');
    const cutAt = full.indexOf('48214');
    writeFileSync(p('cut.xml'), full.subarray(0, cutAt));
    const ev = await collectEvidence([p('cut.xml')]);
    expect(ev.inputs[0]!.notes).toEqual(['truncated after event 3']);
    expect(ev.counts.relevantEvents).toBe(2);
  });

  it('the byte-level fast path (UTF-8, UTF-16 LE) and the full parser (UTF-16 BE) give the same evidence', async () => {
    const text = fixture('application-adsync.xml').toString('utf8');
    const bad = "<Event><System><Provider Name='ADSync'/><EventID>7</EventID></Sys></Event>\r\n";
    const second = text.indexOf('<Event xmlns', 1);
    const damaged = text.slice(0, second) + bad + text.slice(second);
    const cut = damaged.slice(0, damaged.indexOf('48214'));
    writeFileSync(p('fast.xml'), Buffer.from(cut, 'utf8'));
    writeFileSync(p('slow.xml'), utf16be(cut));
    const fast = await collectEvidence([p('fast.xml')]);
    const slow = await collectEvidence([p('slow.xml')]);
    const strip = (ev: typeof fast) => ev.groups.map((g) => ({ ...g, samples: g.samples.map((s) => ({ ...s, source: s.source })) }));
    expect(strip(fast)).toEqual(strip(slow));
    expect(slow.counts).toEqual({ events: 3, relevantEvents: 2, traceRecords: 0, textRecords: 0 });
    expect(fast.counts).toEqual({ events: 4, relevantEvents: 2, traceRecords: 0, textRecords: 0 });
    expect(slow.inputs[0]!.notes).toEqual([expect.stringMatching(/^malformed XML at 7:\d+: .*\(event 2 skipped\)$/), 'truncated after event 4']);
    expect(fast.inputs[0]!.notes).toEqual([expect.stringMatching(/^malformed XML: .*\(an event skipped\)$/), 'truncated after event 4']);
  });

  it('only unusable inputs: a one-line InputError', async () => {
    await expect(collectEvidence([p('junk')])).rejects.toThrow(/^none of the 2 input files is readable evidence \(1 binary, 1 empty\)$/);
    await expect(collectEvidence([p('junk', 'a.bin')])).rejects.toThrow(/a\.bin: binary file, not evidence this tool reads$/);
    await expect(collectEvidence([p('junk', 'b.txt')])).rejects.toThrow(/b\.txt: empty file$/);
    await expect(collectEvidence([p('missing')])).rejects.toThrow(InputError);
  });

  it('reports progress for the bytes read', async () => {
    const seen: number[] = [];
    await collectEvidence([p('case', 'events', 'Application.xml')], { onProgress: (x) => seen.push(x.bytesDone) });
    expect(seen.at(-1)).toBe(fixture('application-adsync.utf16le.xml').length);
  });
});

describe('collectEvidence on a file without line breaks', () => {
  it('reads it in bounded memory and refuses it as text evidence when it is the only input', async () => {
    const big = join(root, 'one-line.txt');
    writeFileSync(big, 'A'.repeat(20 * 1024 * 1024));
    await expect(collectEvidence([big])).rejects.toThrow(/one-line\.txt: not text evidence \(20971520 bytes without a line break\)$/);
  });

  it('keeps a long line that sits among ordinary text', async () => {
    const mixed = join(root, 'mixed.txt');
    writeFileSync(mixed, `${'B'.repeat(100_000)}\n\nThe remote server returned an error: (407) Proxy Authentication Required.\n`);
    const ev = await collectEvidence([mixed]);
    expect(ev.counts.textRecords).toBe(2);
    expect(ev.inputs[0]!.notes).toEqual(['line 1: 100000 characters without a line break (the first 65536 kept)']);
  });
});
