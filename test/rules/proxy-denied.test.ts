import { describe, expect, it } from 'vitest';
import { codes, finding, group, run, trace } from './helpers.js';

describe('proxy-denied', () => {
  it('403 Forbidden', () => {
    const d = run({ groups: [group('System.Net.WebException: The remote server returned an error: (403) Forbidden.')] });
    expect(finding(d, 'proxy-denied').fix.join(' ')).toMatch(/\*\.microsoftonline\.com/);
    expect(d.verdict.code).toBe('proxy-rejected');
  });
  it('an HTML block page where JSON was expected', () => {
    const d = run({ groups: [trace("Newtonsoft.Json.JsonReaderException: Unexpected character encountered while parsing value: <. Path '', line 0, position 0.")] });
    expect(finding(d, 'proxy-denied').explanation).toMatch(/HTML page/);
  });
  it('WCF: text/html where SOAP was expected', () => {
    expect(codes(run({ groups: [group('The content type text/html; charset=utf-8 of the response message does not match the content type of the binding (application/soap+xml; charset=utf-8).')] }))).toEqual(['proxy-denied']);
  });
  it('a refused CONNECT tunnel (.NET Core)', () => {
    expect(codes(run({ groups: [group("System.Net.Http.HttpRequestException: The proxy tunnel request to proxy 'http://proxy.contoso.com:8080/' failed with status code '403'.")] }))).toEqual(['proxy-denied']);
  });
  it('near miss: a 403 that carries an AADSTS Conditional Access code is not blamed on the proxy', () => {
    expect(codes(run({ groups: [group('(403) Forbidden. AADSTS53003: Access has been blocked by Conditional Access policies.')] }))).toEqual(['not-network-conditional-access']);
  });
});
