import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeStream } from '../../src/evidence/decode.js';
import { readText } from '../../src/evidence/readers/text.js';
import { chunksOf, collect, fixture } from './helpers.js';

const read = async (bytes: Uint8Array, chunk = 4096) => collect(readText(decodeStream(chunksOf(bytes, chunk)), { file: 'pasted.txt' }));

describe('readText', () => {
  it('one record per PowerShell error record, exception chain and all, even across the blank line inside', async () => {
    const records = await read(fixture('powershell-errors.txt'), 50);
    expect(records.map((r) => r.location)).toEqual(['lines 1-6', 'lines 8-15']);
    expect(records[0]!.text).toMatch(/^Get-WinEvent : No events were found/);
    expect(records[0]!.text).toMatch(/FullyQualifiedErrorId : NoMatchingEventsFound,Microsoft\.PowerShell\.Commands\.GetWinEventCommand$/);
    const second = records[1]!.text;
    expect(second).toContain('---> System.Net.Sockets.SocketException: A connection attempt failed');
    expect(second).toContain('20.190.151.7:443');
    expect(second).toMatch(/StartADSyncSyncCycleCmdlet$/);
    expect(records[1]).toMatchObject({ kind: 'text', source: 'pasted.txt' });
  });

  it('blank-line-separated paragraphs of a pasted wizard error are separate records', async () => {
    const records = await read(fixture('pasted-wizard-error.txt'));
    expect(records.map((r) => r.text)).toEqual([
      'Unable to validate credentials due to an unexpected error.  Restart the Azure AD Connect wizard and try again.',
      'User realm discovery failed',
      'The remote server returned an error: (407) Proxy Authentication Required.',
    ]);
    expect(records.map((r) => r.location)).toEqual(['line 1', 'line 3', 'line 5']);
  });

  it('keeps an exception chain whose inner part follows a blank line, and its stack', async () => {
    const text = 'System.Net.WebException: Unable to connect to the remote server --->\n\nSystem.Net.Sockets.SocketException: 10060\n\n   at System.Net.Sockets.Socket.Connect()\n\nSomething else';
    const records = await read(Buffer.from(text));
    expect(records).toHaveLength(2);
    expect(records[0]!.text).toContain('SocketException: 10060');
    expect(records[0]!.text).toContain('at System.Net.Sockets.Socket.Connect()');
    expect(records[1]!.text).toBe('Something else');
  });

  it('a 200 MB line without a newline costs a capped record, not 200 MB', async () => {
    let produced = 0;
    async function* huge(): AsyncGenerator<string> {
      const block = 'The remote name could not be resolved '.repeat(1700); // ≈64 KB
      while (produced < 200 * 1024 * 1024) {
        produced += block.length;
        yield block;
      }
    }
    const records = await collect(readText(huge(), { file: 'huge.txt' }));
    expect(records).toHaveLength(1);
    expect(records[0]!.text.length).toBeLessThan(66 * 1024);
    expect(records[0]!.text).toMatch(/\[\d+ more characters not kept\]$/);
    const dropped = Number(/\[(\d+) more/.exec(records[0]!.text)![1]);
    expect(dropped + 64 * 1024).toBe(produced);
  }, 60_000);

  it('never crashes on arbitrary text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 500 }), fc.integer({ min: 1, max: 50 }), async (s, size) => {
        const records = await read(Buffer.from(s), size);
        for (const r of records) expect(r.text.trim()).not.toBe('');
      }),
      { numRuns: 300 },
    );
  });
});
