// A finding that `aadsync-diagnose fix` can answer ends its fix steps with the command (the rule's
// meta.fixedBy says which); one it cannot answer does not offer it.
import { describe, expect, it } from 'vitest';
import { FIX_COMMAND_STEP } from '../../src/rules/types.js';
import { e906, finding, group, machineConfig, run } from './helpers.js';

// The wizard's own words for a direct lookup of Entra's name (docs/windows-facts.md, event 906).
const BYPASS = e906("System.Net.WebException: The remote name could not be resolved: 'login.windows.net'");
// .NET's 407 text as the sync service logs it (System.Net resources, net_webstatus_ProtocolError / 407).
const AUTH = e906('System.Net.WebException: The remote server returned an error: (407) Proxy Authentication Required.');
// Entra ID's Conditional Access answer (AADSTS53003, learn.microsoft.com entra error codes).
const CA = e906('AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.');

describe('the fix steps name `aadsync-diagnose fix` where it can make the change', () => {
  it('a bypass answered by machine.config ends with the command', () => {
    const d = run({ groups: [group(BYPASS)], dotNetProxy: [machineConfig(null)] });
    expect(finding(d, 'proxy-bypass-dns').fix.at(-1)).toBe(FIX_COMMAND_STEP);
  });

  it('a 407 ends with it while machine.config sends no credentials, and not once it already does', () => {
    const without = run({ groups: [group(AUTH)], dotNetProxy: [machineConfig('http://proxy.contoso.com:8080')] });
    expect(finding(without, 'proxy-auth-required').fix.at(-1)).toBe(FIX_COMMAND_STEP);
    const withCreds = run({ groups: [group(AUTH)], dotNetProxy: [machineConfig('http://proxy.contoso.com:8080', { useDefaultCredentials: true })] });
    expect(finding(withCreds, 'proxy-auth-required').fix).not.toContain(FIX_COMMAND_STEP);
  });

  it('Conditional Access (nothing on this server to change) does not offer it', () => {
    const d = run({ groups: [group(CA)] });
    expect(finding(d, 'not-network-conditional-access').fix).not.toContain(FIX_COMMAND_STEP);
  });
});
