import { describe, expect, it } from 'vitest';
import { adminWinInet, codes, finding, group, run } from './helpers.js';

describe('proxy-name-unresolved', () => {
  it('ProxyNameResolutionFailure wording, whatever is configured', () => {
    const d = run({ groups: [group("System.Net.WebException: The proxy name could not be resolved: 'proxy.contoso.com'")] });
    const f = finding(d, 'proxy-name-unresolved');
    expect(f.confidence).toBe('high');
    expect(f.fix[0]).toContain('Resolve-DnsName proxy.contoso.com');
  });

  it('"remote name could not be resolved" naming the configured proxy (single-label setting, FQDN in message), in German', () => {
    const d = run({
      groups: [group("System.Net.WebException: Der Remotename konnte nicht aufgelöst werden: 'proxy.contoso.com'")],
      winInet: [adminWinInet('proxy:8080')],
    });
    expect(codes(d)).toEqual(['proxy-name-unresolved']);
    expect(finding(d, 'proxy-name-unresolved').explanation).toMatch(/not a bypass/);
  });

  it('near miss: a Microsoft name with a proxy configured stays a bypass', () => {
    const d = run({ groups: [group("The remote name could not be resolved: 'login.windows.net'")], winInet: [adminWinInet('proxy.contoso.com:8080')] });
    expect(codes(d)).toEqual(['proxy-bypass-dns']);
  });
});
