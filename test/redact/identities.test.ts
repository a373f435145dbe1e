import { describe, it, expect } from 'vitest';
import { createRedactor } from '../../src/redact/index.js';
import { decodeBuffer } from '../../src/evidence/decode.js';

const event906 =
  "<Event><System><Provider Name='Directory Synchronization'/><EventID Qualifiers='0'>906</EventID><Computer>AADC01.corp.contoso.com</Computer>" +
  "<Security UserID='S-1-5-21-1004336348-1177238915-682003330-1104'/></System><EventData><Data>GetSecurityToken: unable to retrieve a security token for the provisioning account. " +
  "System.Net.WebException: The remote name could not be resolved: 'login.microsoftonline.com' ---&gt; System.Net.Sockets.SocketException: No such host is known 11001 " +
  "User Sync_AADC01_4c1e2f3a9b7d@contoso.onmicrosoft.com on AADC01 via proxy.corp.contoso.com:8080 (10.20.30.40:8080), DC dc01.corp.contoso.com 192.168.1.10, " +
  'service account CONTOSO\\svc-adsync, NT SERVICE\\ADSync, MSOL_0123456789ab, AADSTS50126, 0x80131500, 20.190.128.1:443</Data></EventData></Event>';

describe('identities become stable tokens; the diagnosis survives', () => {
  it('replaces customer names, keeps Microsoft endpoints, codes, ports, public IPs and .NET names', () => {
    const r = createRedactor({ identities: true });
    const out = r.text(event906);
    for (const gone of ['contoso', 'CONTOSO', 'AADC01', 'aadc01', 'svc-adsync', '10.20.30.40', '192.168.1.10', '1004336348', 'dc01', 'MSOL_0123456789ab', '4c1e2f3a9b7d']) {
      expect(out, gone).not.toContain(gone);
    }
    for (const kept of [
      "'login.microsoftonline.com'",
      'System.Net.WebException',
      'System.Net.Sockets.SocketException',
      '11001',
      '906',
      'AADSTS50126',
      '0x80131500',
      '20.190.128.1:443',
      'NT SERVICE\\ADSync',
      ':8080',
      '-1104',
      'Directory Synchronization',
    ]) {
      expect(out, kept).toContain(kept);
    }
    expect(out).toContain('<Computer>host-1.domain-1.example</Computer>');
    expect(out).toMatch(/@tenant-1\.onmicrosoft\.com/);
    expect(out).toContain('DOMAIN-1\\user-');
    expect(out).toMatch(/lan-ip-1:8080/);
    expect(out).toContain(' on host-1 via ');
    expect(out).toContain('S-1-5-21-0-0-1-1104');
  });

  it('gives the same token to the same value in every file and every encoding, case-insensitively', () => {
    const r = createRedactor({ identities: true });
    const a = r.text('ProxyServer=proxy.contoso.com:8080 from 10.1.1.5');
    const b = decodeBuffer(r.bytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('PROXY.CONTOSO.COM:8080 10.1.1.5\r\n', 'utf16le')])));
    const c = JSON.stringify(r.json({ proxy: 'http://proxy.contoso.com:8080', ip: '10.1.1.5' }));
    expect(a).toBe('ProxyServer=host-1.domain-1.example:8080 from lan-ip-1');
    expect(b).toBe('host-1.domain-1.example:8080 lan-ip-1\r\n');
    expect(c).toBe('{"proxy":"http://host-1.domain-1.example:8080","ip":"lan-ip-1"}');
    expect(r.map()).toMatchObject({ 'host-1': 'proxy', 'domain-1.example': 'contoso.com', 'lan-ip-1': '10.1.1.5' });
  });

  it('keeps bypass lists consistent with the proxy name (wildcards and regex escapes)', () => {
    const r = createRedactor({ identities: true });
    expect(r.text('ProxyOverride=*.contoso.com;<local>')).toBe('ProxyOverride=*.domain-1.example;<local>');
    expect(r.text('<add address="[a-z]+\\.contoso\\.com" />')).toBe('<add address="[a-z]+\\.domain-1\\.example" />');
  });

  it('does not mistake versions, file names and config element names for identities', () => {
    const r = createRedactor({ identities: true });
    const s = 'Azure AD Connect 2.4.131.0 on 10.0.17763.1 reads machine.config and miiserver.exe.config <system.net> ADSync.psd1 trace-20261125-095800.log';
    expect(r.text(s)).toBe(s);
    expect(r.counts().identities).toBe(0);
  });

  it('is idempotent: redacting redacted text changes nothing', () => {
    const r = createRedactor({ identities: true });
    const once = r.text(event906);
    expect(r.text(once)).toBe(once);
  });

  it('learned short host names are redacted in files that only name them bare', () => {
    const r = createRedactor({ identities: true });
    r.learn('{"schema":"aadsync-diagnose/manifest@1","host":"AADC01"}');
    r.learnIdentities({ users: ['CONTOSO\\jdoe'] });
    expect(r.text('Wizard started on aadc01 by jdoe (CONTOSO)')).toBe('Wizard started on host-1 by user-1 (DOMAIN-1)');
  });

  it('--no-redact keeps identities (and still removes secrets)', () => {
    const r = createRedactor({ identities: false });
    const out = r.text(event906 + ' http://svc:FAKE-S3cret-7777@proxy.corp.contoso.com:8080');
    expect(out).toContain('AADC01.corp.contoso.com');
    expect(out).toContain('CONTOSO\\svc-adsync');
    expect(out).toContain('http://svc:[REDACTED]@proxy.corp.contoso.com:8080');
    expect(out).not.toContain('FAKE-S3cret-7777');
    expect(r.counts()).toEqual({ secrets: 1, identities: 0 });
    expect(r.map()).toEqual({});
  });
});
