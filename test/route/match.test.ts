import { describe, expect, it } from 'vitest';
import { matchRegexBypass, matchWildcardBypass, parseProxyAddress, proxyForScheme } from '../../src/route/match.js';

describe('proxy address syntax', () => {
  it('reads .NET proxyaddress and WinINET entries', () => {
    expect(parseProxyAddress('http://proxy.contoso.com:8080')?.hostPort).toBe('proxy.contoso.com:8080');
    expect(parseProxyAddress('proxy.contoso.com:3128')?.hostPort).toBe('proxy.contoso.com:3128');
    expect(parseProxyAddress('proxy')?.hostPort).toBe('proxy:80');
    expect(parseProxyAddress('http://user:P@ssw0rd-FAKE-1@proxy:8080')?.hostPort).toBe('proxy:8080');
    expect(parseProxyAddress('')).toBeNull();
    expect(parseProxyAddress('proxy:99999')).toBeNull();
  });

  it('picks the per-protocol entry, and goes direct for a protocol without one', () => {
    expect(proxyForScheme('http=web:80;https=secure:8443', 'https').proxy?.hostPort).toBe('secure:8443');
    expect(proxyForScheme('http=web:80;https=secure:8443', 'http').proxy?.hostPort).toBe('web:80');
    expect(proxyForScheme('http=web:80;ftp=f:21', 'https').proxy).toBeNull();
    expect(proxyForScheme('proxy.contoso.com:8080', 'https').proxy?.hostPort).toBe('proxy.contoso.com:8080');
  });
});

describe('WinINET ProxyOverride / WinHTTP bypass wildcards', () => {
  const u = (s: string) => new URL(s);
  it('matches wildcards against the whole host name', () => {
    expect(matchWildcardBypass('*.contoso.com;*.microsoftonline.com', u('https://login.microsoftonline.com/'))).toBe('*.microsoftonline.com');
    // near miss: the pattern is anchored, a suffix of another domain does not match
    expect(matchWildcardBypass('*.microsoftonline.com', u('https://login.microsoftonline.com.evil.example/'))).toBeNull();
    expect(matchWildcardBypass('microsoftonline.com', u('https://login.microsoftonline.com/'))).toBeNull();
  });
  it('treats <local> as host names without a dot', () => {
    expect(matchWildcardBypass('<local>', u('https://intranet/'))).toBe('<local>');
    expect(matchWildcardBypass('<local>', u('https://login.microsoftonline.com/'))).toBeNull();
  });
  it('honours a scheme or port in the entry', () => {
    expect(matchWildcardBypass('http://*.digicert.com', u('http://crl3.digicert.com/'))).toBe('http://*.digicert.com');
    expect(matchWildcardBypass('http://*.digicert.com', u('https://crl3.digicert.com/'))).toBeNull();
    expect(matchWildcardBypass('*.contoso.com:8443', u('https://a.contoso.com/'))).toBeNull();
  });
});

describe('.NET bypasslist regular expressions', () => {
  const u = new URL('https://login.microsoftonline.com/');
  it('matches unanchored against scheme://host, case-insensitively', () => {
    expect(matchRegexBypass(['MICROSOFTONLINE\\.com'], u).matched).toBe('MICROSOFTONLINE\\.com');
    expect(matchRegexBypass(['^https://login\\.'], u).matched).toBe('^https://login\\.');
    expect(matchRegexBypass(['contoso\\.com$'], u).matched).toBeNull();
  });
  it('a wildcard is not a regex: the whole list is ignored', () => {
    const r = matchRegexBypass(['*.microsoftonline.com', 'login'], u);
    expect(r.invalid).toEqual(['*.microsoftonline.com']);
    expect(r.matched).toBeNull();
  });
});
