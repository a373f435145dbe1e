import { describe, expect, it } from 'vitest';
import { codes, e906, finding, group, machineConfig, run } from './helpers.js';

describe('proxy-auth-required', () => {
  it('407 inside a 906: the proxy was reached; the fix is useDefaultCredentials, a domain/gMSA account, and CNTLM with a hash', () => {
    const d = run({
      groups: [group(e906('System.Net.WebException: The remote server returned an error: (407) Proxy Authentication Required.'))],
      dotNetProxy: [machineConfig('http://proxy.contoso.com:8080')],
      adsync: [{ file: 'config/adsync.json', serviceAccount: 'NT SERVICE\\ADSync' }],
    });
    const f = finding(d, 'proxy-auth-required');
    expect(f.route).toBe('proxy');
    expect(f.explanation).toMatch(/does not set useDefaultCredentials="true"/);
    expect(f.explanation).toMatch(/NT SERVICE\\ADSync.*computer account/);
    const fix = f.fix.join('\n');
    expect(fix).toContain('<defaultProxy enabled="true" useDefaultCredentials="true">');
    expect(fix).toContain('proxyaddress="http://proxy.contoso.com:8080"');
    expect(fix).toMatch(/group Managed Service Account/);
    expect(fix).toMatch(/cntlm -H/);
    expect(fix).toMatch(/PassNTLMv2/);
    expect(fix).toMatch(/never a plain Password/);
    expect(d.verdict.code).toBe('proxy-rejected');
  });

  it('German and Japanese 407', () => {
    expect(codes(run({ groups: [group('Der Remoteserver hat einen Fehler zurückgegeben: (407) Proxyauthentifizierung erforderlich.')] }))).toEqual(['proxy-auth-required']);
    expect(codes(run({ groups: [group('リモート サーバーがエラーを返しました: (407) プロキシ認証が必要です')] }))).toEqual(['proxy-auth-required']);
  });

  it('a probe through the proxy answered 407', () => {
    const d = run({ probes: [{ file: 'probes/probes-service.json', endpoint: 'login.microsoftonline.com', port: 443, test: 'https-proxy', as: 'service', ok: false, proxy: 'http://proxy.contoso.com:8080', httpStatus: 407, errorClass: 'proxy-auth' }] });
    expect(finding(d, 'proxy-auth-required').evidence[0]!.kind).toBe('probe');
  });

  it('near miss: a (403) is not a 407', () => {
    expect(codes(run({ groups: [group('The remote server returned an error: (403) Forbidden.')] }))).toEqual(['proxy-denied']);
  });
});
