// Issue 15 C6: a trace log or an event export padded with NUL bytes (what NTFS leaves in a file that
// was being written when the server went down, the writer going on after the zeros) was called
// "binary" and skipped — exactly the log of the outage. The zeros are dropped and the text around
// them is read, in UTF-8 and UTF-16, on the fast and the slow event path.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recognizeFormat } from '../../src/evidence/recognize.js';
import { runCli } from '../helpers/cli.js';

const t1 = '[09:58:10.100] [  1] [INFO ] Starting the Azure AD Connect wizard\r\n';
const t2 = "[09:58:12.123] [  1] [ERROR] System.Net.WebException: The remote name could not be resolved: 'login.windows.net'\r\n";
const ev = (rid: number) =>
  `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Directory Synchronization'/><EventID Qualifiers='0'>906</EventID><Level>2</Level><TimeCreated SystemTime='2026-11-25T09:58:1${rid}.0000000Z'/><EventRecordID>${rid}</EventRecordID><Channel>Application</Channel><Computer>AADC01</Computer></System><EventData><Data>The remote name could not be resolved: 'login.windows.net'</Data></EventData></Event>\r\n`;
const zeros = (n: number) => Buffer.alloc(n);

describe('NUL padding', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nul-'));
  const trace = join(dir, 'trace-20261125-095810.log');
  writeFileSync(trace, Buffer.concat([Buffer.from(t1), zeros(8192), Buffer.from(t2), zeros(4096)]));
  const utf16Trace = join(dir, 'trace-utf16.log');
  writeFileSync(utf16Trace, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t1, 'utf16le'), zeros(8192), Buffer.from(t2, 'utf16le')]));
  const events = join(dir, 'Application.xml');
  writeFileSync(events, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ev(1), 'utf16le'), zeros(8192), Buffer.from(ev(2), 'utf16le'), zeros(4096)]));
  const events8 = join(dir, 'Application-utf8.xml');
  writeFileSync(events8, Buffer.concat([zeros(0), Buffer.from(ev(1)), zeros(3000), Buffer.from(ev(2))]));

  it('recognition looks past the zeros; a real binary file is still binary', () => {
    expect(recognizeFormat(Buffer.concat([Buffer.from(t1), zeros(8192), Buffer.from(t2)]))).toBe('trace-log');
    expect(recognizeFormat(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ev(1), 'utf16le'), zeros(8192)]))).toBe('event-xml');
    const exe = Buffer.alloc(4096);
    for (let i = 0; i < exe.length; i++) exe[i] = (i * 7919) % 256;
    expect(recognizeFormat(Buffer.concat([Buffer.from('MZ'), exe, zeros(4096)]))).toBe('binary');
    expect(recognizeFormat(zeros(4096))).toBe('binary');
  });

  for (const [name, file, events] of [
    ['a UTF-8 trace log', trace, 0],
    ['a UTF-16 trace log', utf16Trace, 0],
  ] as const) {
    it(`${name}: the error after the padding is diagnosed, and the gap is noted`, () => {
      const r = runCli(['analyze', file, '--json']);
      expect(r.code, r.stderr).toBe(1);
      const report = JSON.parse(r.stdout);
      expect(report.inputs[0].format).toBe('trace-log');
      expect(report.inputs[0].notes.join(' ')).toMatch(/NUL characters of padding skipped/);
      expect(report.summary.events).toBe(events);
      expect(report.findings.map((f: { code: string }) => f.code)).toContain('proxy-bypass-dns');
    });
  }

  for (const fast of [true, false]) {
    it(`event exports (UTF-16 and UTF-8), ${fast ? 'fast' : 'slow'} path: both events, before and after the zeros`, () => {
      for (const file of [events, events8]) {
        const r = runCli(['analyze', file, '--json'], { env: fast ? {} : { AADSYNC_DIAGNOSE_NO_FAST_PATH: '1' } });
        expect(r.code, r.stderr).toBe(1);
        const report = JSON.parse(r.stdout);
        expect(report.inputs[0].format).toBe('event-xml');
        expect(report.summary.events).toBe(2);
      }
    });
  }

  it('events lists both', () => {
    const r = runCli(['events', events, '--format', 'text']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
  });
});
