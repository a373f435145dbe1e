// An unresolved name that is a proxy's ("proxy.contoso.com", "webproxy") with no configuration sent.
import { describe, expect, it } from 'vitest';
import { pasted, codes, finding } from './helpers.js';

describe('an unresolved name that is a proxy\'s', () => {
  it('"proxy.contoso.com" could not be resolved, no configuration sent: the proxy\'s own name, not a bypass', () => {
    const r = pasted("System.Net.WebException: The remote name could not be resolved: 'proxy.contoso.com'\r\n");
    expect(codes(r)).toEqual(['proxy-name-unresolved']);
    expect(r.verdict.code).toBe('proxy-unreachable');
    expect(finding(r, 'proxy-name-unresolved').confidence).toBe('medium');
  });
  it('a single-label proxy name ("webproxy")', () => {
    expect(codes(pasted("System.Net.WebException: The remote name could not be resolved: 'webproxy'\r\n"))).toEqual(['proxy-name-unresolved']);
  });
  it('near misses: a Microsoft name is a bypass; an AD FS proxy is not a web proxy', () => {
    expect(codes(pasted("System.Net.WebException: The remote name could not be resolved: 'login.windows.net'\r\n"))).toEqual(['proxy-bypass-dns']);
    expect(codes(pasted("System.Net.WebException: The remote name could not be resolved: 'adfs-proxy.contoso.com'\r\n"))).not.toContain('proxy-name-unresolved');
  });
});
