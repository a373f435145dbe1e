import { describe, expect, it } from 'vitest';
import { innermostCause } from '../../src/evidence/chain.js';
import { groupKey, normaliseForGrouping, RecordGrouper } from '../../src/evidence/group.js';
import type { MessageRecord } from '../../src/evidence/types.js';

const guid = (i: number) => `${i.toString(16).padStart(8, '0')}-5d43-4f0e-9d1c-${(i * 7919).toString(16).padStart(12, '0')}`;

function e906(i: number): MessageRecord {
  const minute = String(i % 60).padStart(2, '0');
  const hour = String(Math.floor(i / 60)).padStart(2, '0');
  return {
    kind: 'event',
    source: 'Application/Directory Synchronization/906',
    location: `record ${48000 + i}`,
    time: `2026-11-20T${hour}:${minute}:12.${String(1234567 + i).slice(0, 7)}Z`,
    text:
      `GetSecurityToken: unable to retrieve a security token for the provisioning web service (AWS).\n\nTrackingId: ${guid(i)}\n` +
      `System.Net.WebException: Unable to retrieve a token. ---> System.Net.WebException: The remote name could not be resolved: 'login.windows.net'\n` +
      `   at System.Net.HttpWebRequest.GetResponse()`,
    provider: 'Directory Synchronization',
    eventId: 906,
    level: 2,
  };
}

describe('RecordGrouper', () => {
  it('300 identical 906s with different TrackingIds and times are one group: count, first/last time, 3 samples', () => {
    const g = new RecordGrouper();
    const order = Array.from({ length: 300 }, (_, i) => i);
    // Out of order on purpose (two files, newest first): first/last are by time, samples by input order.
    order.reverse();
    for (const i of order) g.add(e906(i));
    const groups = g.result();
    expect(groups).toHaveLength(1);
    const [only] = groups;
    expect(only!.count).toBe(300);
    expect(only!.firstTime).toBe(e906(0).time);
    expect(only!.lastTime).toBe(e906(299).time);
    expect(only!.samples.map((s) => s.location)).toEqual(['record 48299', 'record 48298', 'record 48297']);
    expect(only).toMatchObject({ kind: 'event', provider: 'Directory Synchronization', eventId: 906, level: 2 });
    expect(innermostCause(only!.samples[0]!.text)).toContain('login.windows.net');
  });

  it('keeps apart what differs in meaning: event id, host, HTTP status, socket code, AADSTS', () => {
    const g = new RecordGrouper();
    const base = e906(1);
    g.add(base);
    g.add({ ...base, eventId: 904 });
    g.add({ ...base, text: base.text.replace('login.windows.net', 'adminwebservice.microsoftonline.com') });
    g.add({ ...base, text: 'The remote server returned an error: (407) Proxy Authentication Required.' });
    g.add({ ...base, text: 'The remote server returned an error: (403) Forbidden.' });
    g.add({ ...base, text: 'No connection could be made 10061 20.190.1.1:443' });
    g.add({ ...base, text: 'No connection could be made 10060 20.190.1.2:443' });
    g.add({ ...base, text: 'No connection could be made 10060 40.126.9.9:443' }); // same as the previous: IP differs only
    g.add({ ...base, text: 'AADSTS50076: Due to a configuration change' });
    g.add({ ...base, text: 'AADSTS53003: Access has been blocked' });
    g.add({ ...base, kind: 'trace', provider: undefined, eventId: undefined });
    expect(g.result().map((x) => x.count)).toEqual([1, 1, 1, 1, 1, 1, 2, 1, 1, 1]);
  });

  it('keeps a refused connection to the proxy apart from one to a Microsoft address (same code, other route)', () => {
    const g = new RecordGrouper();
    const base = e906(1);
    const refused = (ep: string) => ({ ...base, text: `Unable to connect to the remote server ---> System.Net.Sockets.SocketException: No connection could be made because the target machine actively refused it ${ep}` });
    g.add(refused('10.0.0.5:8080'));
    g.add(refused('10.0.0.6:8080')); // another proxy node of the same farm: same failure
    g.add(refused('40.126.1.1:443'));
    g.add(refused('127.0.0.1:8888'));
    expect(g.result().map((x) => [x.count, x.samples[0]!.text.split(' ').pop()])).toEqual([
      [2, '10.0.0.5:8080'],
      [1, '40.126.1.1:443'],
      [1, '127.0.0.1:8888'],
    ]);
  });

  it('caps the number of distinct groups and counts the overflow', () => {
    const g = new RecordGrouper({ maxGroups: 10 });
    for (let i = 0; i < 25; i++) g.add({ ...e906(i), text: `distinct failure kind ${'abcdefghijklmnopqrstuvwxyz'[i]}` });
    g.add({ ...e906(0), text: 'distinct failure kind a' });
    expect(g.size).toBe(10);
    expect(g.overflow).toBe(15);
    expect(g.result()[0]!.count).toBe(2);
  });
});

describe('normalisation', () => {
  it('innermost cause is the last part of the chain, without stack lines', () => {
    expect(innermostCause("outer ---> mid ---> inner: 'x'\n   at A.B()\n   --- End of inner exception stack trace ---")).toBe("inner: 'x'");
  });
  it('replaces GUIDs, times, IPs and counters, keeps codes', () => {
    expect(normaliseForGrouping('id {0d3a6a52-8a3c-4c8e-9a55-3f1e2b7c4d10} at 2026-11-25T09:58:12.1234567Z from 10.0.0.5:8080 hr 0x80048831 (407) 12029 AADSTS50126 run 812'))
      .toBe('id <guid> at <time> from <private-ip>:port_8080 hr 0x80048831 (407) 12029 AADSTS50126 run #');
  });
  it('the key separates kinds and providers', () => {
    const r: MessageRecord = { kind: 'text', source: 'a', location: 'line 1', text: 'x' };
    expect(groupKey(r)).not.toBe(groupKey({ ...r, kind: 'trace' }));
  });
});
