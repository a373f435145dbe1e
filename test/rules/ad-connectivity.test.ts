import { describe, expect, it } from 'vitest';
import { codes, finding, group, run } from './helpers.js';

describe('ad-connectivity', () => {
  it('password hash sync 611 is AD, not the proxy', () => {
    const d = run({ groups: [group('Password synchronization failed for domain: contoso.local. Details: The server is not operational.', { eventId: 611 })] });
    expect(finding(d, 'ad-connectivity').confidence).toBe('high');
    expect(d.verdict.code).toBe('not-network');
    expect(d.verdict.summary).toMatch(/on-premises Active Directory/);
  });
  it('10060 to a DC on 389 is AD connectivity, not a bypass', () => {
    expect(codes(run({ groups: [group('A connection attempt failed because the connected party did not properly respond after a period of time 10.0.0.10:389', { provider: 'ADSync', eventId: 6900 })] }))).toEqual(['ad-connectivity']);
  });
  it('LDAP server unavailable in French', () => {
    expect(codes(run({ groups: [group("Le serveur n'est pas opérationnel.", { provider: 'ADSync', eventId: 6900 })] }))).toEqual(['ad-connectivity']);
  });
  it('near miss: a 611 naming an unresolved Microsoft host goes to the proxy rules', () => {
    expect(codes(run({ groups: [group("The remote name could not be resolved: 'login.windows.net'", { eventId: 611 })] }))).toEqual(['proxy-bypass-dns']);
  });
});
