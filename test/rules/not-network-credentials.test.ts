import { describe, expect, it } from 'vitest';
import { codes, finding, group, run } from './helpers.js';

describe('not-network-credentials', () => {
  it('"Update your password" (0x80048831) on event 0 / 109', () => {
    const d = run({ groups: [group('Failure while importing entries from Windows Azure Active Directory. Exception: Microsoft.Online.Coexistence.ProvisionException:  Update your password and try again. ---> Microsoft.Online.Coexistence.Security.WindowsLiveException: GetAuthState() failed with -2147186688 state. HResult:0.', { eventId: 109 })] });
    expect(finding(d, 'not-network-credentials').explanation).toMatch(/expired/);
    expect(d.verdict.code).toBe('not-network');
  });
  it('AADSTS50126 invalid username or password', () => {
    expect(codes(run({ groups: [group('AADSTS50126: Error validating credentials due to invalid username or password.')] }))).toEqual(['not-network-credentials']);
  });
  it('near miss: a 407 mentions authentication but is the proxy', () => {
    expect(codes(run({ groups: [group('The remote server returned an error: (407) Proxy Authentication Required.')] }))).toEqual(['proxy-auth-required']);
  });
});
