import { describe, expect, it } from 'vitest';
import { codes, finding, group, run } from './helpers.js';

describe('servicebus-unreachable', () => {
  it('PasswordResetService 32001 "Couldn\'t connect to any service bus endpoint(s)"', () => {
    const d = run({ groups: [group("TrackingId: 3f369fe9-c121-4450-8661-82b095bdbf0a, Couldn't connect to any service bus endpoint(s), Details:", { provider: 'PasswordResetService', eventId: 32001 })] });
    const f = finding(d, 'servicebus-unreachable');
    expect(f.explanation).toMatch(/Password writeback/);
    expect(f.fix.join(' ')).toMatch(/\*\.servicebus\.windows\.net/);
    expect(d.verdict.code).toBe('inconclusive');
  });
  it('ADSync 6800 with the same text', () => {
    expect(codes(run({ groups: [group("The password management extension encountered an error. The stack trace is: \"Couldn't connect to any service bus endpoint(s)", { provider: 'ADSync', eventId: 6800 })] }))).toEqual(['servicebus-unreachable']);
  });
  it('near miss: writeback 32009 (auth token) is credentials, not Service Bus', () => {
    expect(codes(run({ groups: [group('Error getting auth token.', { provider: 'PasswordResetService', eventId: 32009 })] }))).toEqual(['not-network-credentials']);
  });
  it('a writeback event naming an untrusted certificate is TLS interception', () => {
    expect(codes(run({ groups: [group('ServiceBusListenerError: The remote certificate is invalid according to the validation procedure.', { provider: 'PasswordResetService', eventId: 31034 })] }))).toEqual(['proxy-tls-interception']);
  });
});
