import { describe, expect, it } from 'vitest';
import { adminWinInet, codes, finding, group, run } from './helpers.js';

const exportTimeout = 'Export to Azure Active Directory failed. ---> System.TimeoutException: The HTTP request to \'https://adminwebservice.microsoftonline.com/provisioningservice.svc\' has exceeded the allotted timeout of 00:05:00. ---> System.Net.WebException: The operation has timed out';

describe('proxy-idle-timeout', () => {
  it('an export cut at the allotted 5 minutes through a proxy', () => {
    const d = run({ groups: [group(exportTimeout, { provider: 'ADSync', eventId: 6900, count: 4 })], winInet: [adminWinInet('proxy.contoso.com:8080')] });
    const f = finding(d, 'proxy-idle-timeout');
    expect(f.severity).toBe('warning');
    expect(f.count).toBe(4);
    expect(f.fix[0]).toMatch(/6 minutes/);
  });
  it('near miss: the same timeout with no proxy anywhere is not blamed on a proxy idle timeout', () => {
    const d = run({ groups: [group(exportTimeout, { provider: 'ADSync', eventId: 6900 })] });
    expect(codes(d)).toEqual(['network-send-failure']);
  });
  it('near miss: a short operation timing out is not an idle timeout', () => {
    const d = run({ groups: [group('System.Net.WebException: The operation has timed out', { provider: 'ADSync', eventId: 6900 })], winInet: [adminWinInet('proxy.contoso.com:8080')] });
    expect(codes(d)).not.toContain('proxy-idle-timeout');
  });
});
