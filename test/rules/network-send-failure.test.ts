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
    expect(codes(run({ groups: [group("System.Collections.Generic.KeyNotFoundException: The given key was not present in the dictionary.", { provider: 'ADSync', eventId: 6801 })] }))).toEqual([]);
  });
  it('near miss: it never takes a record a decisive rule explains', () => {
    expect(codes(run({ groups: [group("An error occurred while sending the request. ---> The remote name could not be resolved: 'login.windows.net'")] }))).toEqual(['proxy-bypass-dns']);
  });
});
