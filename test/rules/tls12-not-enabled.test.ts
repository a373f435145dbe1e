import { describe, expect, it } from 'vitest';
import { codes, finding, group, run, trace } from './helpers.js';

describe('tls12-not-enabled', () => {
  it('the wizard pre-check message', () => {
    const d = run({ groups: [trace('TLS 1.2 needs to be enabled on this server before installing Azure AD Connect.')] });
    const f = finding(d, 'tls12-not-enabled');
    expect(f.fix.join('\n')).toMatch(/SchUseStrongCrypto/);
    expect(f.fix.join('\n')).toMatch(/WOW6432Node/);
    expect(d.verdict.code).toBe('tls-failure');
  });
  it('AADSTS1002016', () => {
    expect(codes(run({ groups: [group('AADSTS1002016: You are using TLS version 1.0, 1.1 and/or 3DES cipher which are deprecated to improve the security posture of Azure AD.')] }))).toEqual(['tls12-not-enabled']);
  });
  it('near miss: a send/reset chain alone does not show TLS 1.2 is off (real posts: a proxy or firewall reset reads the same; corpus dotnet-0030, localized-0008/0010)', () => {
    const d = run({ groups: [trace('Unable to validate credentials due to an unexpected error. (ExtendedMessage: An error occurred while sending the request. ---> The underlying connection was closed: An unexpected error occurred on a send. ---> Unable to read data from the transport connection: An existing connection was forcibly closed by the remote host.)')] });
    expect(codes(d)).toEqual(['network-send-failure']);
    expect(d.verdict.code).toBe('inconclusive');
  });
  it('near miss: the same chain when the trace log says TLS 1.2 is configured is not TLS 1.2', () => {
    const d = run({
      groups: [trace('An error occurred while sending the request. ---> The underlying connection was closed: An unexpected error occurred on a send. ---> An existing connection was forcibly closed by the remote host.')],
      traceProxy: [{ file: 'traces/trace-20261125-095800.log', location: 'line 12', tls12Configured: true }],
    });
    expect(codes(d)).toEqual(['network-send-failure']);
  });
});
