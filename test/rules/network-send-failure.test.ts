import { describe, expect, it } from 'vitest';
import { codes, finding, group, run, trace } from './helpers.js';

describe('network-send-failure', () => {
  it('"An error occurred while sending the request" alone is not decisive', () => {
    const d = run({ groups: [trace('[AzureInstanceDiscovery]: Unexpected failure.  An error occurred while sending the request..')] });
    const f = finding(d, 'network-send-failure');
    expect(f.severity).toBe('warning');
    expect(f.confidence).toBe('low');
    expect(d.verdict.code).toBe('inconclusive');
    expect(d.verdict.summary).toMatch(/none shows which way/);
  });
  it('in Japanese', () => {
    expect(codes(run({ groups: [group('要求の送信中にエラーが発生しました。')] }))).toEqual(['network-send-failure']);
  });
  it('near miss: an error with no network content is not a network finding', () => {
    // Not a network finding: the program's own fault (a KeyNotFoundException), said as such.
    expect(codes(run({ groups: [group("System.Collections.Generic.KeyNotFoundException: The given key was not present in the dictionary.", { provider: 'ADSync', eventId: 6801 })] }))).toEqual(['not-network-local']);
  });
  it('near miss: it never takes a record a decisive rule explains', () => {
    expect(codes(run({ groups: [group("An error occurred while sending the request. ---> The remote name could not be resolved: 'login.windows.net'")] }))).toEqual(['proxy-bypass-dns']);
  });
});

describe('network-send-failure next to a decisive finding', () => {
  const generic = '[AzureInstanceDiscovery]: Unexpected failure.  An error occurred while sending the request..';
  const decisive = "An error occurred executing Configure AAD Sync task: user realm discovery failed ---> System.Net.WebException: The remote name could not be resolved: 'login.windows.net'";

  it('is left out when a decisive finding explains records of the same trace file', () => {
    const d = run({ groups: [trace(generic, { location: 'line 40' }), trace(decisive, { location: 'lines 44-52' })] });
    expect(codes(d)).toEqual(['proxy-bypass-dns']);
  });

  it('stays when its record comes from another source than the decisive finding', () => {
    const d = run({
      groups: [trace(decisive), trace(generic, { source: 'traces/trace-20261120-081500.log' })],
    });
    expect(codes(d).sort()).toEqual(['network-send-failure', 'proxy-bypass-dns']);
  });

  it('stays alone when nothing decisive was found', () => {
    expect(codes(run({ groups: [trace(generic)] }))).toEqual(['network-send-failure']);
  });
});
