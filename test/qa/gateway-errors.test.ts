// A proxy that answers 502/504 itself was "nothing recognisable"; it is the proxy's own error.
import { describe, expect, it } from 'vitest';
import { QA, analyze, pasted, codes, finding } from './helpers.js';

describe('a proxy answering 502 / 504 itself', () => {
  it('Invoke-WebRequest (502) Bad Gateway: the proxy was reached and answered with its own error', () => {
    const r = analyze([`${QA}/iwr-502.txt`]);
    expect(codes(r)).toEqual(['proxy-denied']);
    expect(r.verdict.code).toBe('proxy-rejected');
    const f = finding(r, 'proxy-denied');
    expect(f.explanation).toMatch(/502/);
    expect(f.explanation).toMatch(/could not reach|upstream/i);
    expect(f.evidence[0]!.excerpt).toMatch(/\(502\) Bad Gateway/);
  });
  it('(504) Gateway Timeout, also in German', () => {
    expect(codes(analyze([`${QA}/iwr-504.txt`]))).toEqual(['proxy-denied']);
    const de = pasted('System.Net.WebException: Der Remoteserver hat einen Fehler zurückgegeben: (504) Gatewaytimeout.\r\n');
    expect(codes(de)).toEqual(['proxy-denied']);
  });
  it('near miss: a 500 from the service is not blamed on the proxy', () => {
    const r = pasted('System.Net.WebException: The remote server returned an error: (500) Internal Server Error.\r\n');
    expect(codes(r)).not.toContain('proxy-denied');
    expect(r.verdict.code).not.toBe('proxy-rejected');
  });
});
