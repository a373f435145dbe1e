import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeStream } from '../../src/evidence/decode.js';
import { readTraceLog, type TraceLogStats } from '../../src/evidence/readers/trace-log.js';
import type { TraceProxyFacts } from '../../src/evidence/types.js';
import { chunksOf, collect, fixture, utf16le } from './helpers.js';

async function read(bytes: Uint8Array, file = 'AADConnect/trace-20261125-093000.log', chunk = 4096) {
  const proxy: TraceProxyFacts[] = [];
  const stats: TraceLogStats = { lines: 0, stampedLines: 0, records: 0, plainRecords: 0 };
  const records = await collect(readTraceLog(decodeStream(chunksOf(bytes, chunk)), { file, onProxyFacts: (f) => proxy.push(f), stats }));
  return { records, proxy, stats };
}

describe('readTraceLog on a wizard trace log', () => {
  it('groups each ERROR line with its exception block and stack into one record', async () => {
    const { records, stats } = await read(fixture('trace-20261125-093000.log'), undefined, 61);
    expect(records.map((r) => [r.traceLevel, r.location])).toEqual([
      ['ERROR', 'lines 18-25'],
      ['WARN', 'line 26'],
      ['ERROR', 'lines 28-31'],
    ]);
    const first = records[0]!;
    expect(first).toMatchObject({ kind: 'trace', source: 'AADConnect/trace-20261125-093000.log' });
    expect(first.text.split('\n')[0]).toBe('[AzureInstanceDiscovery]: Unexpected failure.  An error occurred while sending the request..');
    expect(first.text).toContain("---> System.Net.WebException: The remote name could not be resolved: 'login.microsoftonline.com'");
    expect(first.text).toContain('   --- End of inner exception stack trace ---');
    expect(first.text).toMatch(/MoveNext\(\)$/); // trailing spaces and CR gone, the stack after the blank line kept
    expect(first.text).not.toContain('\r');
    // "Start Time (Local)" 09:30 and "(UTC)" 08:30 give the offset: times are real UTC.
    expect(first.time).toBe('2026-11-25T08:31:41.002Z');
    expect(stats).toMatchObject({ lines: 32, stampedLines: 22, records: 3 });
    expect(stats.plainRecords).toBe(19);
  });

  it('extracts the proxy the wizard read from machine.config, and TLS 1.2', async () => {
    const { proxy } = await read(fixture('trace-20261125-093000.log'));
    expect(proxy).toEqual([
      {
        file: 'AADConnect/trace-20261125-093000.log',
        location: 'lines 7-15',
        machineConfigPath: 'C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\Config\\machine.config',
        proxyAddress: null,
        useSystemDefault: 'Unspecified',
        bypassOnLocal: 'Unspecified',
        enabled: 'True',
        autoDetect: 'Unspecified',
        useDefaultCredentials: 'False',
        tls12Configured: true,
      },
    ]);
  });

  it('reads the same log in UTF-16 LE (a copy saved by Notepad/PowerShell)', async () => {
    const a = await read(fixture('trace-20261125-093000.log'));
    const b = await read(utf16le(fixture('trace-20261125-093000.log').toString('utf8')), undefined, 33);
    expect(b.records).toEqual(a.records);
  });

  it('a proxy address, and a second wizard run, give a second block', async () => {
    const log = [
      '[10:00:00.000] [  1] [INFO ] machine.config path: C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\Config\\machine.config.',
      '[10:00:00.001] [  1] [INFO ] Default Proxy [ProxyAddress]: http://proxy.contoso.com:8080/',
      '[10:00:00.001] [  1] [INFO ] Default Proxy [UseDefaultCredentials]: True',
      '[11:00:00.000] [  1] [INFO ] machine.config path: C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\Config\\machine.config.',
      '[11:00:00.001] [  1] [INFO ] Default Proxy [ProxyAddress]: <Unspecified>',
    ].join('\r\n');
    const { proxy, records } = await read(Buffer.from(log));
    expect(records).toEqual([]);
    expect(proxy.map((p) => [p.location, p.proxyAddress, p.useDefaultCredentials])).toEqual([
      ['lines 1-3', 'http://proxy.contoso.com:8080/', 'True'],
      ['lines 4-5', null, undefined],
    ]);
  });

  it('combines the date of the file name with the time of day, across midnight; no offset known means local time without Z', async () => {
    const log = [
      '[23:59:58.100] [  3] [ERROR] first failure: The remote name could not be resolved',
      '[00:00:01.200] [  3] [ERROR] second failure after midnight',
    ].join('\r\n');
    const { records } = await read(Buffer.from(log), 'trace-20261231-235950.log');
    expect(records.map((r) => r.time)).toEqual(['2026-12-31T23:59:58.100', '2027-01-01T00:00:01.200']);
    const noDate = await read(Buffer.from(log), 'pasted.log');
    expect(noDate.records.map((r) => r.time)).toEqual([undefined, undefined]);
  });

  it('keeps INFO records only when they carry failure text, or the line that shows the wizard reached Entra ID', async () => {
    const log = [
      '[10:00:00.000] [  1] [INFO ] Successfully retrieved company information',
      '[10:00:01.000] [  1] [INFO ] Caught an exception while probing',
      'Exception Data (Raw): System.Net.WebException: Unable to connect to the remote server',
      '[10:00:02.000] [  1] [VERB ] Page transition',
    ].join('\r\n');
    const { records, stats } = await read(Buffer.from(log));
    expect(records.map((r) => [r.traceLevel, r.location])).toEqual([['INFO', 'line 1'], ['INFO', 'lines 2-3']]);
    expect(stats.plainRecords).toBe(1);
  });
});

describe('readTraceLog on other line logs', () => {
  it('ISO timestamps with levels, zones converted to UTC, continuation lines grouped', async () => {
    const log = [
      '2026-11-25 10:00:00,123 INFO Service starting',
      '2026-11-25 10:00:05,456 ERROR Export failed',
      'System.Net.WebException: The remote server returned an error: (407) Proxy Authentication Required.',
      '   at System.Net.HttpWebRequest.GetResponse()',
      '2026-11-25T10:00:06.000+01:00 [WARN] retrying',
    ].join('\n');
    const { records } = await read(Buffer.from(log), 'agent.log');
    expect(records.map((r) => [r.traceLevel, r.location, r.time])).toEqual([
      ['ERROR', 'lines 2-4', '2026-11-25T10:00:05.456'],
      ['WARN', 'line 5', '2026-11-25T09:00:06.000Z'],
    ]);
    expect(records[0]!.text).toBe('Export failed\nSystem.Net.WebException: The remote server returned an error: (407) Proxy Authentication Required.\n   at System.Net.HttpWebRequest.GetResponse()');
  });

  it('caps a huge record and counts the rest', async () => {
    const log = '[10:00:00.000] [  1] [ERROR] boom ' + 'y'.repeat(300_000) + '\r\n[10:00:01.000] [  1] [ERROR] next';
    const { records } = await read(Buffer.from(log));
    expect(records).toHaveLength(2);
    expect(records[0]!.text.length).toBeLessThan(70 * 1024);
    expect(records[0]!.text).toMatch(/more characters not kept\]$/);
    expect(records[1]!.text).toBe('next');
  });

  it('never crashes or hangs on arbitrary text', async () => {
    const line = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('[10:00:00.000] [  1] [ERROR] x', '[99:99:99.999] [  1] [WARN ] y', '2026-13-45 25:61:61,000 ERROR z', '   at X.Y()', 'Exception Data (Raw): e ---> f', 'Default Proxy [ProxyAddress]: a', ''),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 40 }), fc.string({ maxLength: 30 }), async (lines, name) => {
        const { records } = await read(Buffer.from(lines.join('\r\n')), name, 13);
        for (const r of records) expect(r.kind).toBe('trace');
      }),
      { numRuns: 300 },
    );
  });
});
