// analyze on loose files: secrets never reach any report format; identities are kept unless --redact.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const SECRET = 'FAKE-S3cret-0042';
const BASIC = Buffer.from(`svc_proxy:${SECRET}`).toString('base64');

function fixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aadsync-redact-'));
  writeFileSync(
    join(dir, 'error.txt'),
    [
      'Invoke-WebRequest : The remote server returned an error: (407) Proxy Authentication Required.',
      `Proxy: http://svc_proxy:${SECRET}@proxy.contoso.com:8080`,
      `Proxy-Authorization: Basic ${BASIC}`,
      'Signed in as alice@contoso.com',
      '    + CategoryInfo          : InvalidOperation: (System.Net.HttpWebRequest:HttpWebRequest) [Invoke-WebRequest], WebException',
      '',
    ].join('\r\n'),
  );
  // A machine.config whose proxy address carries a password, in UTF-16 LE as Windows tools write it.
  const config = `<?xml version="1.0" encoding="utf-8"?>\r\n<configuration>\r\n  <system.net>\r\n    <defaultProxy enabled="true" useDefaultCredentials="true">\r\n      <proxy usesystemdefault="false" proxyaddress="http://svc_proxy:${SECRET}@proxy.contoso.com:8080" bypassonlocal="true" />\r\n    </defaultProxy>\r\n  </system.net>\r\n</configuration>\r\n`;
  writeFileSync(join(dir, 'machine.config'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(config, 'utf16le')]));
  return dir;
}

describe('analyze output redaction', () => {
  const dir = fixture();

  it('no format ever shows the seeded secret, raw or base64, and the diagnosis survives', () => {
    for (const format of ['text', 'markdown', 'json', 'html']) {
      const r = runCli(['analyze', dir, '--format', format]);
      expect(r.code, `${format}: ${r.stderr}`).toBe(1);
      expect(r.stdout, format).not.toContain(SECRET);
      expect(r.stdout, format).not.toContain(BASIC);
      expect(r.stdout, format).toContain('proxy-auth-required');
    }
  });

  it('keeps identities by default (the fix names the real proxy) and tokenises them with --redact', () => {
    const plain = runCli(['analyze', dir, '--json']);
    expect(plain.stdout).toContain('proxy.contoso.com');
    const redacted = runCli(['analyze', dir, '--json', '--redact']);
    expect(redacted.code).toBe(1);
    expect(redacted.stdout).not.toContain('proxy.contoso.com');
    expect(redacted.stdout).not.toContain('alice@contoso.com');
    expect(redacted.stdout).not.toContain(SECRET);
    expect(JSON.parse(redacted.stdout).findings.map((f: { code: string }) => f.code)).toContain('proxy-auth-required');
  });

  it('-q prints the verdict line only', () => {
    const r = runCli(['analyze', dir, '-q']);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(/^proxy-rejected: /);
  });
});
