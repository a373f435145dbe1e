import { describe, expect, it } from 'vitest';
import { buildProbeInput } from '../../src/route/probe-input.js';
import { adminWinInet, evidence, machineConfig, PROXY } from './helpers.js';

describe('probe input', () => {
  it('probes the proxy the service uses, with its bypass rules and credentials', () => {
    const i = buildProbeInput(evidence({ dotNetProxy: [machineConfig({ proxyaddress: PROXY, bypassonlocal: true }, { useDefaultCredentials: true, bypassList: ['contoso\\.com$'] })] }));
    expect(i.proxy).toMatchObject({ address: 'http://proxy.contoso.com:8080', useDefaultCredentials: true, bypassOnLocal: true, bypassList: ['contoso\\.com$'] });
    expect(i.endpoints.map((e) => e.host)).toContain('login.microsoftonline.com');
    expect(i.endpoints.every((e) => !e.host.includes('*'))).toBe(true);
  });
  it('without a service proxy, probes the admin proxy as the candidate fix', () => {
    const i = buildProbeInput(evidence({ dotNetProxy: [machineConfig(null)], winInet: [adminWinInet({ proxyEnable: true, proxyServer: 'http=a:1;https=b:2' })] }));
    expect(i.proxy).toMatchObject({ address: 'http://b:2', source: expect.stringMatching(/^candidate/) });
  });
  it('no proxy anywhere: no proxy in the input (only DNS, direct TCP and realm discovery direct)', () => {
    expect(buildProbeInput(evidence({ dotNetProxy: [machineConfig(null)] })).proxy).toBeUndefined();
  });
});
