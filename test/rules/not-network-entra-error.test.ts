import { describe, expect, it } from 'vitest';
import { codes, finding, pasted, run, trace } from './helpers.js';

describe('not-network-entra-error', () => {
  it('an AADSTS code no other rule knows means Entra ID answered: not the network, never the proxy', () => {
    const d = run({
      groups: [
        trace(
          "[10:02:13.418] [  7] [ERROR] An error occurred executing Configure AAD Sync task: AADSTS700016: Application with identifier 'cb1056e2-e479-49de-ae31-7812af012ed8' was not found in the directory 'contoso.onmicrosoft.com'.",
        ),
      ],
    });
    expect(codes(d)).toEqual(['not-network-entra-error']);
    expect(d.verdict.code).toBe('not-network');
    const f = finding(d, 'not-network-entra-error');
    expect(f.explanation).toContain('AADSTS700016');
    expect(f.fix.join(' ')).toContain('login.microsoftonline.com/error?code=700016');
    expect(f.evidence[0]!.excerpt).toContain('AADSTS700016');
  });

  it('leaves the AADSTS codes with their own meaning to their rules', () => {
    expect(codes(run({ groups: [pasted('AADSTS53003: Access has been blocked by Conditional Access policies.')] }))).toEqual(['not-network-conditional-access']);
    expect(codes(run({ groups: [pasted('AADSTS50126: Error validating credentials due to invalid username or password.')] }))).toEqual(['not-network-credentials']);
    expect(codes(run({ groups: [pasted('AADSTS1002016: You are using TLS version 1.0, 1.1 and/or 3DES cipher which are deprecated to improve the security posture of Azure AD.')] }))).toEqual(['tls12-not-enabled']);
  });

  it('near miss: a number that only looks like one is not an Entra answer', () => {
    expect(codes(run({ groups: [pasted("The remote name could not be resolved: 'login.windows.net' (request 700016)")] }))).not.toContain('not-network-entra-error');
  });
});
