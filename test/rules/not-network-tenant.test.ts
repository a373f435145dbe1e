import { describe, expect, it } from 'vitest';
import { codes, finding, group, run } from './helpers.js';

describe('not-network-tenant', () => {
  it('Error Code 106: sync from on-premises not supported', () => {
    const d = run({ groups: [group('ProvisioningWebServiceAdapter::ExecuteWithRetry: Action ProvisioningWebServiceAdapter::GetCompanyConfiguration, Exception: Microsoft.Online.Coexistence.ProvisionException: An error occurred. Error Code: 106. Error Description: Sync from on-premise is not supported for this tenant.')] });
    expect(finding(d, 'not-network-tenant').explanation).toMatch(/network and proxy are fine/);
    expect(d.verdict.code).toBe('not-network');
    expect(d.verdict.summary).toMatch(/reached Entra ID, so the network and the proxy work: The tenant refuses directory synchronization\./);
  });
  it('near miss: "Error Code: 1060" is not 106', () => {
    expect(codes(run({ groups: [group('An error occurred. Error Code: 1060.')] }))).toEqual([]);
  });
});
