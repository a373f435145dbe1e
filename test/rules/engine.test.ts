// The engine: one finding per group by priority, repeats merged, findings ordered, verdict and summary.
import { describe, expect, it } from 'vitest';
import type { RecordGroup } from '../../src/evidence/types.js';
import { adminWinInet, codes, e906, finding, group, machineConfig, run, trace } from './helpers.js';

const BYPASS = e906("System.Net.WebException: The remote name could not be resolved: 'login.windows.net'");

describe('merging repeats', () => {
  it('300 identical 906s (one group of 300) are one finding with count 300 and the group\'s times', () => {
    const d = run({ groups: [group(BYPASS, { count: 300, time: '2026-11-19T10:00:00.0000000Z', lastTime: '2026-11-25T09:30:00.0000000Z' })] });
    expect(d.findings).toHaveLength(1);
    expect(d.findings[0]).toMatchObject({ code: 'proxy-bypass-dns', count: 300, firstTime: '2026-11-19T10:00:00.0000000Z', lastTime: '2026-11-25T09:30:00.0000000Z' });
    expect(d.verdict.summary).toMatch(/300 times, 2026-11-19 to 2026-11-25/);
  });

  it('groups of the same code from several sources merge: counts summed, times spanned, at most 5 quotes, one per group in turn', () => {
    const groups: RecordGroup[] = [];
    for (let i = 0; i < 4; i++) groups.push(group(BYPASS, { count: 10, time: `2026-11-2${i}T08:00:00Z`, lastTime: `2026-11-2${i}T09:00:00Z` }));
    groups.push(trace("User realm discovery failed ---> System.Net.WebException: The remote name could not be resolved: 'login.microsoftonline.com'", { count: 2, time: '2026-11-18T07:00:00Z' }));
    groups.push(group("System.Net.WebException: The remote name could not be resolved: 'adminwebservice.microsoftonline.com'", { provider: 'ADSync', eventId: 6900, count: 5, time: '2026-11-22T12:00:00Z' }));
    const f = finding(run({ groups }), 'proxy-bypass-dns');
    expect(f.count).toBe(47);
    expect(f.firstTime).toBe('2026-11-18T07:00:00Z');
    expect(f.lastTime).toBe('2026-11-23T09:00:00Z');
    expect(f.evidence).toHaveLength(5);
    expect(new Set(f.evidence.map((e) => e.location)).size).toBe(5);
  });

  it('a quote is short: the decisive link, not the stack', () => {
    const text = `${BYPASS}\n${'   at Microsoft.Online.Coexistence.ProvisionHelper.Invoke(Foo bar)\n'.repeat(40)}`;
    const q = finding(run({ groups: [group(text)] }), 'proxy-bypass-dns').evidence[0]!;
    expect(q.excerpt.length).toBeLessThanOrEqual(282);
    expect(q.excerpt).not.toMatch(/ProvisionHelper/);
  });
});

describe('one finding per record, by priority', () => {
  it('a record with Conditional Access and a name failure gives only the Conditional Access finding', () => {
    const d = run({ groups: [group(e906("AADSTS53003: Access has been blocked by Conditional Access policies. ---> The remote name could not be resolved: 'login.windows.net'"))] });
    expect(codes(d)).toEqual(['not-network-conditional-access']);
  });

  it('different records give different findings, sorted by severity then verdict weight', () => {
    const d = run({
      groups: [
        // Another source than the 906s: a fallback beside decisive records of its own source is left out.
        group('An error occurred while sending the request.', { provider: 'ADSync', eventId: 6900 }),
        group('AADSTS50126: Error validating credentials due to invalid username or password.'),
        group('The remote server returned an error: (407) Proxy Authentication Required.'),
        group(BYPASS),
      ],
      adsync: [{ file: 'config/adsync.json', scheduler: { stagingModeEnabled: true } }],
    });
    expect(codes(d)).toEqual(['proxy-bypass-dns', 'proxy-auth-required', 'not-network-credentials', 'network-send-failure', 'staging-mode']);
    expect(d.verdict.code).toBe('proxy-bypassed');
  });

  it('run-profile step errors are read like records', () => {
    const d = run({
      sync: [{ file: 'sync/run-profile-results.json', started: true, runProfileResults: [
        { connectorName: 'contoso.onmicrosoft.com - AAD', runProfileName: 'Export', result: 'stopped-extension-dll-exception', endDate: '2026-11-25T10:01:00Z', stepErrors: ['System.Net.WebException: The remote server returned an error: (407) Proxy Authentication Required.'] },
      ] }],
    });
    const f = finding(d, 'proxy-auth-required');
    expect(f.evidence[0]).toMatchObject({ kind: 'text', source: 'sync/run-profile-results.json', location: 'contoso.onmicrosoft.com - AAD / Export (stopped-extension-dll-exception)' });
  });
});

describe('verdict', () => {
  it('the highest that applies: bypass outranks rejection, unreachability, TLS and not-network', () => {
    const all = [
      group('AADSTS53003: Access has been blocked by Conditional Access policies.'),
      group('Could not create SSL/TLS secure channel.'),
      group("The proxy name could not be resolved: 'proxy.contoso.com'"),
      group('(407) Proxy Authentication Required'),
      group(BYPASS),
    ];
    const expected = ['proxy-bypassed', 'proxy-rejected', 'proxy-unreachable', 'tls-failure', 'not-network'];
    for (let i = 0; i < all.length; i++) expect(run({ groups: all.slice(0, all.length - i) }).verdict.code).toBe(expected[i]);
  });

  it('the summary names the process and the layer', () => {
    const d = run({ groups: [group(BYPASS)], dotNetProxy: [machineConfig(null)], winInet: [adminWinInet('proxy.contoso.com:8080')] });
    expect(d.verdict.summary).toBe("The sync service (miiserver.exe) went direct: machine.config (Framework64) defines no proxy, while CONTOSO\\admin's Internet Options use proxy.contoso.com:8080.");
  });

  it('a 407 summary says the proxy was reached', () => {
    const d = run({ groups: [group('(407) Proxy Authentication Required')], dotNetProxy: [machineConfig('http://proxy.contoso.com:8080')] });
    expect(d.verdict.summary).toMatch(/^The sync service \(miiserver\.exe\) reached the proxy proxy\.contoso\.com:8080, which refused it: it demands authentication \(407\)/);
  });

  it('a low-confidence finding does not outrank a firm one (realm discovery alone beside a 407)', () => {
    const d = run({ groups: [group('User realm discovery failed', { kind: 'text' }), group('The remote server returned an error: (407) Proxy Authentication Required.', { kind: 'text' })] });
    expect(finding(d, 'proxy-bypass-dns').confidence).toBe('low');
    expect(d.verdict.code).toBe('proxy-rejected');
  });

  it('the wizard sign-in page is named from the record, not from the quoted line', () => {
    const d = run({
      groups: [trace("Unable to validate credentials due to an unexpected error.  (ExtendedMessage: An error occurred while sending the request. ---> System.Net.WebException: The remote name could not be resolved: 'login.microsoftonline.com')", { count: 3 })],
      traceProxy: [{ file: 'traces/trace-20261125-095800.log', location: 'line 9', proxyAddress: null }],
    });
    expect(d.verdict.summary).toBe('The wizard\'s "Connect to Azure AD" page (as the logged-on admin) went direct (3 times on 2026-11-25): machine.config (trace log) names no proxy (the admin\'s Internet Options were not among the evidence).');
  });

  it('healthy only with evidence of a working sync and no errors', () => {
    const ok = { file: 'sync/cycle.json', started: true, result: 'Success', runProfileResults: [
      { connectorName: 'contoso.local', runProfileName: 'Delta Import', result: 'success', stepErrors: [] },
      { connectorName: 'contoso.onmicrosoft.com - AAD', runProfileName: 'Export', result: 'success', stepErrors: [] },
    ] };
    const d = run({ sync: [ok] });
    expect(d.verdict.code).toBe('healthy');
    expect(d.verdict.summary).toMatch(/2 run profiles completed with success/);
    expect(run({ groups: [group('Password hash synchronization heartbeat', { eventId: 654, level: 4, count: 48 })] }).verdict.code).toBe('healthy');
    // The same working sync with a network failure beside it is not healthy.
    expect(run({ sync: [ok], groups: [group('An error occurred while sending the request.')] }).verdict.code).toBe('inconclusive');
  });

  it('inconclusive when nothing is recognisable, and when sync errors match no signature', () => {
    const empty = run({});
    expect(empty.verdict.code).toBe('inconclusive');
    // Issue 12 item 5: say what was read and what would decide it.
    expect(empty.verdict.summary).toMatch(/^Nothing recognisable was found in what was read \(0 files\)/);
    expect(empty.verdict.summary).toMatch(/Application event log.*machine\.config.*aadsync-diagnose run/);
    const odd = run({ groups: [group('The management agent failed with an unusual thing.', { provider: 'ADSync', eventId: 6100 })] });
    expect(odd.findings).toEqual([]);
    expect(odd.verdict.code).toBe('inconclusive');
    expect(odd.verdict.summary).toMatch(/1 error record\(s\) that match no known signature \(first: ADSync 6100\)/);
  });

  it('a not-network failure is not turned into a proxy verdict by configuration alone', () => {
    const d = run({
      groups: [group(e906('Showing a modal dialog box or form when the application is not running in UserInteractive mode is not a valid operation.'))],
      dotNetProxy: [machineConfig(null)],
      winInet: [adminWinInet('proxy.contoso.com:8080')],
    });
    expect(d.verdict.code).toBe('not-network');
  });
});
