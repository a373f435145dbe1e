import { describe, expect, it } from 'vitest';
import { adminWinInet, codes, finding, group, run } from './helpers.js';

describe('proxy-tls-interception', () => {
  it('trust failure with a proxy configured: TLS inspection, high confidence', () => {
    const d = run({
      groups: [group('System.Net.WebException: The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure channel. ---> System.Security.Authentication.AuthenticationException: The remote certificate is invalid according to the validation procedure.')],
      winInet: [adminWinInet('proxy.contoso.com:8080')],
    });
    const f = finding(d, 'proxy-tls-interception');
    expect(f.confidence).toBe('high');
    expect(f.explanation).toMatch(/proxy\.contoso\.com:8080/);
    expect(d.verdict.code).toBe('proxy-rejected');
  });
  it('Spanish and Japanese trust failures', () => {
    expect(codes(run({ groups: [group('Se ha terminado la conexión subyacente: No se puede establecer una relación de confianza para el canal seguro SSL/TLS.')] }))).toEqual(['proxy-tls-interception']);
    expect(codes(run({ groups: [group('検証プロシージャによると、リモート証明書は無効です。')] }))).toEqual(['proxy-tls-interception']);
  });
  it('near miss: "Could not create SSL/TLS secure channel" is TLS 1.2, not interception', () => {
    expect(codes(run({ groups: [group('The request was aborted: Could not create SSL/TLS secure channel.')] }))).toEqual(['tls12-not-enabled']);
  });
});
