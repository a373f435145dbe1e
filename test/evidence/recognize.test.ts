import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isOwnReport, recognizeFormat } from '../../src/evidence/recognize.js';
import { fixture, utf16be, utf16le } from './helpers.js';

const b = (s: string) => Buffer.from(s, 'utf8');

describe('recognizeFormat: by content, not by name', () => {
  it('event XML in all its shapes and encodings', () => {
    expect(recognizeFormat(fixture('application-adsync.utf16le.xml'), 'x.txt')).toBe('event-xml');
    expect(recognizeFormat(fixture('application-adsync.xml'))).toBe('event-xml');
    expect(recognizeFormat(fixture('rendered-events.xml'))).toBe('event-xml');
    expect(recognizeFormat(utf16be('<?xml version="1.0" encoding="UTF-16"?>\r\n<Events><Event>', false))).toBe('event-xml');
    expect(recognizeFormat(utf16le("<Event xmlns='x'><System>", false))).toBe('event-xml');
    expect(recognizeFormat(b('<?xml version="1.0"?>\n<!-- exported -->\n<Events>'))).toBe('event-xml');
  });

  it('near-misses of event XML are not event XML', () => {
    expect(recognizeFormat(b('<EventLog><Item/></EventLog>'))).toBe('text');
    expect(recognizeFormat(b('<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">'))).toBe('text');
    expect(recognizeFormat(b('The event <Event> was logged'))).toBe('text');
  });

  it('configuration-like files', () => {
    expect(recognizeFormat(b('<?xml version="1.0" encoding="utf-8"?>\r\n<configuration>\r\n<system.net>'), 'machine.config')).toBe('dotnet-config');
    expect(recognizeFormat(b('\r\nCurrent WinHTTP proxy settings:\r\n\r\n    Direct access (no proxy server).\r\n'))).toBe('netsh-winhttp');
    expect(recognizeFormat(utf16le('Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Software]\r\n'))).toBe('reg-export');
    expect(recognizeFormat(b('REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\Software]\r\n'))).toBe('reg-export');
    expect(recognizeFormat(b('{"schema":"aadsync-diagnose/manifest@1","host":"AADC01"}'))).toBe('bundle-manifest');
    expect(recognizeFormat(b('{ "schema": "aadsync-diagnose/wininet@1", "hives": [] }'))).toBe('bundle-json');
    // JSON that is not ours is just text.
    expect(recognizeFormat(b('{"schema":"something-else/1"}'))).toBe('text');
  });

  it('trace logs and other timestamped line logs', () => {
    expect(recognizeFormat(fixture('trace-20261125-093000.log'), 'renamed.txt')).toBe('trace-log');
    expect(recognizeFormat(b('2026-11-25 10:00:00,123 ERROR Something failed\n2026-11-25 10:00:01,000 INFO ok\n'))).toBe('trace-log');
    expect(recognizeFormat(b('2026-11-25T10:00:00.123Z [WARN] retrying\n'))).toBe('trace-log');
    // One timestamp in a paragraph of prose is not a log.
    expect(recognizeFormat(b('Hello,\nthe sync fails since\n2026-11-25 10:00:00 and\nwe do not know why.\nRegards\n'))).toBe('text');
  });

  it('plain text, pasted errors', () => {
    expect(recognizeFormat(fixture('powershell-errors.txt'))).toBe('text');
    expect(recognizeFormat(fixture('pasted-wizard-error.txt'))).toBe('text');
  });

  it('binary, empty, evtx, zip', () => {
    expect(recognizeFormat(Buffer.alloc(0))).toBe('empty');
    expect(recognizeFormat(Buffer.from([0xff, 0xfe]))).toBe('empty');
    expect(recognizeFormat(b('  \r\n\t\n'))).toBe('empty');
    expect(recognizeFormat(Buffer.concat([b('ElfFile\0'), Buffer.alloc(100)]), 'renamed.bin')).toBe('evtx');
    expect(recognizeFormat(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBe('zip');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0]);
    expect(recognizeFormat(png)).toBe('binary');
    // An .evtx with a wiped file header still has chunks at 4096.
    const wiped = Buffer.alloc(4096 + 512);
    wiped.write('ElfChnk\0', 4096, 'latin1');
    expect(recognizeFormat(wiped)).toBe('evtx');
    // Zeroed file named .evtx: handed to the evtx reader, which says what it found.
    expect(recognizeFormat(Buffer.alloc(8192, 0), 'Application.evtx')).toBe('evtx');
    expect(recognizeFormat(Buffer.alloc(8192, 0), 'data.bin')).toBe('binary');
  });

  it('never throws, always answers a known format, for any bytes', () => {
    const formats = ['event-xml', 'evtx', 'trace-log', 'dotnet-config', 'netsh-winhttp', 'reg-export', 'bundle-manifest', 'bundle-json', 'text', 'binary', 'empty', 'zip'];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), (bytes) => {
        expect(formats).toContain(recognizeFormat(Buffer.from(bytes)));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), fc.boolean(), (s, wide) => {
        expect(formats).toContain(recognizeFormat(wide ? utf16le(s) : Buffer.from(s)));
      }),
      { numRuns: 500 },
    );
  });

  it('a message whose characters a code page lost (mostly U+FFFD) is text, not binary', () => {
    // The shape of a real paste (corpus/fresh-held-out, a Chinese .NET error read through the wrong code
    // page): the type name and the address survive, every Chinese character became U+FFFD.
    const lost = `System.Net.WebException: ${'\uFFFD'.repeat(18)}\r\n   ${'\uFFFD'.repeat(3)} System.Net.HttpWebRequest.GetResponse()\r\n${'\uFFFD'.repeat(40)} 40.126.32.1:443\r\n`;
    expect(recognizeFormat(Buffer.from(lost, 'utf8'))).toBe('text');
  });

  it('random bytes are binary, not text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 512, maxLength: 4000 }), (bytes) => {
        const f = recognizeFormat(Buffer.from(bytes));
        expect(['binary', 'zip', 'evtx']).toContain(f);
      }),
      { numRuns: 200 },
    );
  });
});

describe('isOwnReport', () => {
  it('knows our report.json and report.html, and nothing else', () => {
    expect(isOwnReport('{"schemaVersion":1,"tool":{"name":"aadsync-diagnose","version":"0.1.0"},"verdict":{"code":"healthy"}}')).toBe(true);
    expect(isOwnReport('<!doctype html><html><title>aadsync-diagnose report</title>')).toBe(true);
    expect(isOwnReport('{"schema":"aadsync-diagnose/adsync@1"}')).toBe(false);
    expect(isOwnReport('We ran aadsync-diagnose and it said proxy-bypassed')).toBe(false);
  });
});
