// Issue 15 A: the secrets that got out, as a user meets them: `analyze` in every format with and
// without --redact, `events` in every format with and without --redact, a secret in a file name (input
// list, evidence source, printed output) and in the one-line exit-2 error. Every seeded secret is fake.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { secretForms } from '../redact/corpus.js';

const S = {
  noScheme: 'FAKE-S3cret-C001',
  emptyUser: 'FAKE-S3cret-C002',
  slash: 'FAKE/S3cret/C003',
  second: 'FAKE-S3cret-C004',
  charRef: 'FAKE-S3cret-C005',
  pem: 'FAKEpemC006keymaterial',
  dpapi: 'FAKEdpapiC007blob',
  apiKey: 'FAKE-S3cret-C008',
  cookie: 'FAKE-S3cret-C009',
  bearer: 'FAKEbearerC010token',
  fileName: 'FAKE-S3cret-C011',
  jwtPart: 'RkFLRS1DMDEy',
  sas: 'FAKE-S3cret-C013',
  accountKey: 'FAKE-S3cret-C014',
};

const jwt = `eyJhbGciOiJSUzI1NiJ9.eyJGQUtFIjoiQzAxMiJ9.${S.jwtPart}`;

/** A pasted wizard error and a trace log that hold every shape of issue 15 A1-A5 (and a 407, so there is a finding). */
function fixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aadsync-secrets-'));
  writeFileSync(
    join(dir, 'pasted-error.txt'),
    [
      'Invoke-WebRequest : The remote server returned an error: (407) Proxy Authentication Required.',
      `ProxyServer=svc:${S.noScheme}@proxy.contoso.com:8080`,
      `HTTPS_PROXY=http://:${S.emptyUser}@proxy.contoso.com:8080`,
      `proxyaddress="http://svc:${S.slash}@proxy.contoso.com:8080"`,
      `client_secret=FAKE-first&client_secret=${S.second}`,
      `<add key="Proxy" value="x" /> Pass&#x77;ord=${S.charRef};`,
      '-----BEGIN PRIVATE KEY-----',
      `MIIEvgIBADANBgkqhkiG9w0BAQEFAASC${S.pem}`,
      '-----END PRIVATE KEY-----',
      `ProxyCredential: AQAAANCMnd8BFdERjHoAwE/Cl+sBAAAA${S.dpapi}==`,
      `x-api-key: ${S.apiKey}`,
      `Cookie: ESTSAUTH=${S.cookie}; x-ms-gateway-slice=estsfd`,
      `Proxy-Authorization: Bearer ${S.bearer}`,
      `assertion ${jwt}`,
      `https://acct.blob.core.windows.net/x?sv=2024&sig=${S.sas}&se=2026`,
      `AccountName=logs&AccountKey=${S.accountKey}==&x=1`,
      '    + CategoryInfo          : InvalidOperation: (System.Net.HttpWebRequest:HttpWebRequest) [Invoke-WebRequest], WebException',
      '',
    ].join('\r\n'),
  );
  // A2: the password is in the file's name (a trace log named after a command line).
  mkdirSync(join(dir, 'traces'));
  writeFileSync(
    join(dir, 'traces', `trace-20261125-095800-Password=${S.fileName}.log`),
    '[09:58:12.123] [  1] [ERROR] System.Net.WebException: The remote server returned an error: (407) Proxy Authentication Required.\r\n',
  );
  return dir;
}

function leaks(out: string): string[] {
  const found: string[] = [];
  const bytes = Buffer.from(out, 'utf8');
  for (const [name, secret] of Object.entries(S)) {
    for (const f of secretForms(secret)) if (f.form !== 'tail (utf8)' && f.form !== 'tail (utf16le)' && bytes.includes(f.bytes)) found.push(`${name}: ${f.form}`);
  }
  return found;
}

describe('analyze: no secret of any shape in any format, with or without --redact', () => {
  const dir = fixture();
  for (const format of ['text', 'markdown', 'json', 'html']) {
    for (const redact of [false, true]) {
      it(`${format}${redact ? ' --redact' : ''}`, () => {
        const r = runCli(['analyze', dir, '--format', format, ...(redact ? ['--redact'] : [])]);
        expect(r.code, r.stderr).toBe(1);
        expect(leaks(r.stdout)).toEqual([]);
        expect(leaks(r.stderr)).toEqual([]);
        expect(r.stdout).toContain('proxy-auth-required');
        // The file with the password in its name is listed, its name redacted.
        expect(r.stdout).toMatch(/Password=\\?\[REDACTED\\?\]/);
        expect(r.stdout.includes('proxy.contoso.com')).toBe(!redact);
      });
    }
  }
});

describe('the one-line error (exit 2) removes secrets from paths and option values', () => {
  it('a missing file whose name holds a password', () => {
    const r = runCli(['analyze', `/nonexistent/trace-Password=${S.fileName}.log`]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('Password=[REDACTED]');
    expect(leaks(r.stderr)).toEqual([]);
  });
  it('a proxy URL with a password given where a folder is expected', () => {
    const r = runCli(['run', '--out', `http://svc:${S.noScheme}@proxy:8080/../x`]);
    expect(r.code).toBe(2);
    expect(leaks(r.stderr)).toEqual([]);
  });
});

function eventXml(): string {
  const data = [
    `Proxy-Authorization: Basic ${Buffer.from(`svc:${S.noScheme}`).toString('base64')}`,
    `Authorization: Bearer ${S.bearer}`,
    `ProxyServer=svc:${S.emptyUser}@proxy.contoso.com:8080`,
    `SharedAccessSignature sr=x&amp;sig=${S.sas}&amp;se=1`,
    `AccountKey=${S.accountKey};`,
    jwt,
  ];
  return data
    .map(
      (d, i) =>
        `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Directory Synchronization'/><EventID Qualifiers='0'>906</EventID><Level>2</Level><TimeCreated SystemTime='2026-11-25T09:58:0${i}.0000000Z'/><EventRecordID>${100 + i}</EventRecordID><Channel>Application</Channel><Computer>AADC01.contoso.com</Computer></System><EventData><Data>${d}</Data><Data Name='ProxyPassword'>${S.charRef}</Data></EventData></Event>`,
    )
    .join('\r\n');
}

describe('events removes secrets like analyze (issue 15 A7), in every format', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aadsync-events-secrets-'));
  const file = join(dir, `Application-Password=${S.fileName}.xml`);
  writeFileSync(file, eventXml());
  for (const format of ['jsonl', 'xml', 'text']) {
    for (const redact of [false, true]) {
      it(`${format}${redact ? ' --redact' : ''}`, () => {
        const r = runCli(['events', file, '--format', format, ...(redact ? ['--redact'] : [])]);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(6);
        expect(leaks(r.stdout)).toEqual([]);
        expect(r.stdout).toContain('[REDACTED]');
        expect(r.stdout.includes('AADC01')).toBe(!redact);
        expect(r.stdout).toContain('906');
      });
    }
  }
});
