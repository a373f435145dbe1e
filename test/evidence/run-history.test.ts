// Issue 13.8: run history an admin exported by hand (test/fixtures/run-history: ConvertTo-Json as
// Windows PowerShell 5.1 writes it, UTF-16LE with \/Date()\/ times, and Format-List), read by content, and
// why a run failed: an AD connector that cannot reach its DC is ad-connectivity, not the proxy.
import { describe, expect, it } from 'vitest';
import { analyze } from '../qa/helpers.js';

const DIR = 'test/fixtures/run-history';

describe('run history exported by hand', () => {
  it('ConvertTo-Json of three runs: recognised by content, the AD export that could not connect is AD connectivity, the Entra run with sync errors is object errors', () => {
    const r = analyze([`${DIR}/ps51-convertto-json.runs.json`]);
    expect(r.inputs?.[0]).toMatchObject({ format: 'run-history' });
    expect(r.inputs?.[0]!.notes.join(' ')).toMatch(/early by the server's UTC offset/);
    expect(r.verdict.code).toBe('not-network');
    expect(r.findings.map((f) => f.code).sort()).toEqual(['ad-connectivity', 'sync-object-errors']);
    expect(r.verdict.summary).toMatch(/^The sync service \(miiserver\.exe\) could not reach on-premises Active Directory/);
    // 5.1 wrote the zone-less UTC start (20:13:52) through ToUniversalTime on a UTC+2 server: 18:13:52Z.
    expect(r.findings.find((f) => f.code === 'ad-connectivity')!.firstTime).toBe('2022-04-08T18:13:52.187Z');
  });

  it('with -RunStepDetails the step\'s connection fragment names the DC and the LDAP code', () => {
    const r = analyze([`${DIR}/ps51-convertto-json.rundetails.json`]);
    const f = r.findings.find((x) => x.code === 'ad-connectivity')!;
    expect(f.explanation).toMatch(/10\.2\.3\.4:389 \(an Active Directory port\)/);
    expect(f.facts?.some((x) => x.codes.includes('ad:unavailable') && x.seen.includes('0x51'))).toBe(true);
    expect(f.evidence[0]!.excerpt).toMatch(/failed-connection \(0x51 Server Down\)/);
  });

  it('Format-List: the same runs, the wall-clock times (UTC) as printed', () => {
    const r = analyze([`${DIR}/format-list.runs.txt`]);
    expect(r.inputs?.[0]).toMatchObject({ format: 'run-history' });
    expect(r.findings.map((f) => f.code).sort()).toEqual(['ad-connectivity', 'sync-object-errors']);
    expect(r.findings.find((f) => f.code === 'ad-connectivity')!.firstTime).toBe('2022-04-08T20:13:52.000Z');
  });
});
