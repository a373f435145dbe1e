import { describe, expect, it } from 'vitest';
import { codes, e906, finding, group, machineConfig, adminWinInet, run } from './helpers.js';

describe('not-network-conditional-access', () => {
  it('the real 906 "modal dialog box" text (MFA on the Sync_ account)', () => {
    const d = run({ groups: [group('GetSecurityToken: unable to retrieve a security token for the provisioning web service (AWS). Showing a modal dialog box or form when the application is not running in UserInteractive mode is not a valid operation. Specify the ServiceNotification or DefaultDesktopOnly style to display a notification from a service application.')] });
    const f = finding(d, 'not-network-conditional-access');
    expect(f.route).toBe('none');
    expect(f.explanation).toMatch(/not the proxy/);
    expect(d.verdict.code).toBe('not-network');
  });
  it('AADSTS53003 inside a 906 that also says "Unable to connect" gives only the Conditional Access finding', () => {
    const d = run({
      groups: [group(e906('Microsoft.Identity.Client.MsalServiceException: Unable to connect to the remote server ---> AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.'))],
      dotNetProxy: [machineConfig(null)],
      winInet: [adminWinInet('proxy.contoso.com:8080')],
    });
    expect(codes(d).filter((c) => c !== 'service-proxy-missing')).toEqual(['not-network-conditional-access']);
    expect(d.verdict.code).toBe('not-network');
  });
  it('AADSTS50076 ("you moved to a new location") is MFA, not a network move', () => {
    expect(codes(run({ groups: [group('AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access.')] }))).toEqual(['not-network-conditional-access']);
  });
  it('near miss: a 906 with a name failure is not Conditional Access', () => {
    expect(codes(run({ groups: [group(e906("The remote name could not be resolved: 'login.windows.net'"))] }))).toEqual(['proxy-bypass-dns']);
  });
});
