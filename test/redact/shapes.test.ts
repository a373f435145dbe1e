// Issue 15 A1, A3, A4, A5: secrets recognised by their shape wherever they stand, every occurrence,
// and the near misses that must stay (prose, the tool's own advice, proxy host and port, codes).
import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED } from '../../src/redact/index.js';

const X = REDACTED;

function both(s: string): { ids: string; kept: string; map: Record<string, string> } {
  const a = createRedactor({ identities: true });
  const ids = a.text(s);
  return { ids, kept: createRedactor({ identities: false }).text(s), map: a.map() };
}

/** Asserts the secret is gone with and without identity redaction, and never lands in the token map. */
function gone(s: string, secret: string): string {
  const r = both(s);
  expect(r.ids, `identities on: ${s}`).not.toContain(secret);
  expect(r.kept, `identities kept: ${s}`).not.toContain(secret);
  expect(JSON.stringify(r.map), 'the map').not.toContain(secret);
  return r.kept;
}

describe('A1: credentials in a proxy string, with or without a scheme', () => {
  it('WinINET ProxyServer without a scheme: svc:pw@proxy:8080', () => {
    expect(gone('ProxyServer=svc:FAKE-S3cret-A101@proxy.contoso.com:8080', 'FAKE-S3cret-A101')).toBe(`ProxyServer=svc:${X}@proxy.contoso.com:8080`);
    expect(gone('svc:FAKE-S3cret-A102@proxy:8080', 'FAKE-S3cret-A102')).toBe(`svc:${X}@proxy:8080`);
  });
  it('per-protocol lists and quoted values', () => {
    const s = 'http=svc:FAKE-S3cret-A103@proxy:80;https=svc:FAKE-S3cret-A104@proxy-sec:8443';
    const out = gone(gone(s, 'FAKE-S3cret-A103'), 'FAKE-S3cret-A104');
    expect(out).toBe(`http=svc:${X}@proxy:80;https=svc:${X}@proxy-sec:8443`);
    expect(gone('"ProxyServer"="svc:FAKE-S3cret-A105@10.1.2.3:3128"', 'FAKE-S3cret-A105')).toBe(`"ProxyServer"="svc:${X}@10.1.2.3:3128"`);
  });
  it('an empty user: http://:pw@proxy and :pw@proxy', () => {
    expect(gone('proxy=http://:FAKE-S3cret-A106@proxy.contoso.com:8080', 'FAKE-S3cret-A106')).toBe(`proxy=http://:${X}@proxy.contoso.com:8080`);
    expect(gone('ProxyServer=:FAKE-S3cret-A107@proxy:8080', 'FAKE-S3cret-A107')).toBe(`ProxyServer=:${X}@proxy:8080`);
  });
  it('DOMAIN\\user and @ inside the password', () => {
    expect(gone('set HTTPS_PROXY=CONTOSO\\svc:P@ssw0rd-FAKE-A108@proxy:8080', 'P@ssw0rd-FAKE-A108')).toBe(`set HTTPS_PROXY=CONTOSO\\svc:${X}@proxy:8080`);
  });
  it('the user is an identity: kept, or tokenised with the rest; the password is never in the map', () => {
    const r = both('ProxyServer=svc-proxy:FAKE-S3cret-A109@proxy.contoso.com:8080');
    expect(r.ids).toMatch(/^ProxyServer=user-1:\[REDACTED\]@host-1\.domain-1\.example:8080$/);
    expect(r.map['user-1']).toBe('svc-proxy');
  });
  it('near misses stay: a host:port, a UPN, a mailto:, a proxy URL with a path and an address in its query', () => {
    const r = createRedactor({ identities: false });
    for (const s of [
      'ProxyServer=proxy.contoso.com:8080',
      'signed in as alice@contoso.com at 10:30',
      'mailto:alice@contoso.com',
      'AutoConfigURL=http://proxy:8080/pac?user=alice@contoso.com',
      'Connecting to [::1]:3128 failed',
      'http://proxy.contoso.com:8080/',
    ]) {
      expect(r.text(s), s).toBe(s);
    }
    expect(r.counts().secrets).toBe(0);
  });
});

describe('A3: every occurrence, not only the first', () => {
  it('query strings with several secrets', () => {
    const s = 'client_secret=FAKE-S3cret-A301&client_secret=FAKE-S3cret-A302&refresh_token=FAKE-S3cret-A303&access_token=FAKE-S3cret-A304&id_token=FAKE-S3cret-A305&apikey=FAKE-S3cret-A306';
    let out = s;
    for (const n of ['A301', 'A302', 'A303', 'A304', 'A305', 'A306']) out = gone(out, `FAKE-S3cret-${n}`);
    expect(out).toBe(`client_secret=${X}&client_secret=${X}&refresh_token=${X}&access_token=${X}&id_token=${X}&apikey=${X}`);
  });
  it('&-separated AccountKey, twice', () => {
    const s = 'AccountName=logs&AccountKey=FAKEa3b07KeyA307==&x=1&AccountKey=FAKEa3b08KeyA308==';
    expect(gone(gone(s, 'FAKEa3b07KeyA307'), 'FAKEa3b08KeyA308')).toBe(`AccountName=logs&AccountKey=${X}&x=1&AccountKey=${X}`);
  });
  it('a secret inside the value of an innocent key', () => {
    const s = 'redirect=https://login.example/cb?code=1&client_secret=FAKE-S3cret-A309 then apikey=FAKE-S3cret-A310';
    expect(gone(gone(s, 'FAKE-S3cret-A309'), 'FAKE-S3cret-A310')).toBe(`redirect=https://login.example/cb?code=1&client_secret=${X} then apikey=${X}`);
  });
  it('several in one excerpt, each counted', () => {
    const r = createRedactor({ identities: false });
    r.text('password=FAKE-1; x password=FAKE-2; y "password": "FAKE-3"');
    expect(r.counts().secrets).toBe(3);
  });
});

describe('A4: a / in the password, character references in the key, values wrapped over two lines', () => {
  it('a / in the password', () => {
    expect(gone('proxyaddress="http://svc:ab/FAKE-S3cret-A401@proxy.contoso.com:8080"', 'FAKE-S3cret-A401')).toBe(`proxyaddress="http://svc:${X}@proxy.contoso.com:8080"`);
    expect(gone('http://svc:FAKE/S3cret/A402?x@proxy:8080', 'S3cret')).toBe(`http://svc:${X}@proxy:8080`);
  });
  it('a key written with character references, \\u escapes or %XX', () => {
    expect(gone('<add key="Proxy" value="x" /> Pass&#x77;ord=FAKE-S3cret-A403;', 'FAKE-S3cret-A403')).toBe(`<add key="Proxy" value="x" /> Pass&#x77;ord=${X};`);
    expect(gone('Pass&#119;ord="FAKE-S3cret-A404"', 'FAKE-S3cret-A404')).toBe(`Pass&#119;ord="${X}"`);
    expect(gone('{"Pass\\u0077ord":"FAKE-S3cret-A405"}', 'FAKE-S3cret-A405')).toBe(`{"Pass\\u0077ord":"${X}"}`);
    expect(gone('client%5Fsecret=FAKE-S3cret-A406&x=1', 'FAKE-S3cret-A406')).toBe(`client%5Fsecret=${X}&x=1`);
    expect(gone('<add key="Proxy&#80;assword" value="FAKE-S3cret-A407" />', 'FAKE-S3cret-A407')).toBe(`<add key="Proxy&#80;assword" value="${X}" />`);
  });
  it('a token wrapped onto the next line of a long line loses both halves', () => {
    const head = '2026-11-25 09:58:12.123 [ERROR] request rejected, Authorization: Bearer FAKEtok3n0A408abcdefghij';
    const s = `${head}\r\nKLMNOP0A408tail\r\n2026-11-25 09:58:13.000 [INFO] next`;
    const out = gone(gone(s, 'FAKEtok3n0A408'), 'KLMNOP0A408tail');
    expect(out).toBe(`2026-11-25 09:58:12.123 [ERROR] request rejected, Authorization: Bearer ${X}\r\n${X}\r\n2026-11-25 09:58:13.000 [INFO] next`);
    const jwt = `    assertion for the sync account sign-in, see token eyJhbGciOiJSUzI1NiJ9.eyJGQUtFIjoiQTQwOSJ9.c2ln\n        QTQwOWxhc3RwYXJ0c2ln\n    at System.Net.HttpWebRequest.GetResponse()`;
    expect(gone(jwt, 'QTQwOWxhc3RwYXJ0c2ln')).toBe(`    assertion for the sync account sign-in, see token ${X}\n        ${X}\n    at System.Net.HttpWebRequest.GetResponse()`);
    const kv = `Endpoint=sb://contoso-sspr.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=FAKEkeyA410part1\r\n   FAKEkeyA410part2==\r\n`;
    expect(gone(gone(kv, 'FAKEkeyA410part1'), 'FAKEkeyA410part2')).toBe(`Endpoint=sb://contoso-sspr.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=${X}\r\n   ${X}\r\n`);
  });
  it('a proxy URL whose password is wrapped', () => {
    const s = 'ProxyServer : http://svc:FAKE-S3c\r\n              ret-A411@proxy.contoso.com:8080';
    expect(gone(gone(s, 'FAKE-S3c'), 'ret-A411')).toBe(`ProxyServer : http://svc:${X}@proxy.contoso.com:8080`);
  });
  it('but a short line, a timestamped line, prose and a new key line after a token are kept', () => {
    const r = createRedactor({ identities: false });
    expect(r.text('access_token=FAKE-S3cret-A412\r\nAADSTS50126 was returned')).toBe(`access_token=${X}\r\nAADSTS50126 was returned`);
    const long = 'x'.repeat(60) + ' Authorization: Bearer FAKEtok3n0A413abcdefghij';
    expect(r.text(`${long}\r\n2026-11-25 09:58:13 next\r\n`)).toBe(`${'x'.repeat(60)} Authorization: Bearer ${X}\r\n2026-11-25 09:58:13 next\r\n`);
    expect(r.text(`${long}\r\n   at System.Net.WebClient.DownloadString()`)).toContain('\r\n   at System.Net.WebClient.DownloadString()');
    expect(r.text(`${long}\r\nContent-Type: application/json`)).toContain('\r\nContent-Type: application/json');
  });
});

describe('A5: PEM private keys, DPAPI blobs, API-key and cookie headers', () => {
  const pemBody = ['MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDFAKEkeyA501aa', 'FAKEkeyA501bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 'FAKEkeyA501cc=='];
  it('a PEM private key block, plain, in event XML with character references, JSON-escaped, and cut', () => {
    const pem = `-----BEGIN PRIVATE KEY-----\r\n${pemBody.join('\r\n')}\r\n-----END PRIVATE KEY-----`;
    expect(gone(pem, 'FAKEkeyA501')).toBe(`-----BEGIN PRIVATE KEY-----${X}-----END PRIVATE KEY-----`);
    const xml = `<Data>cert import: -----BEGIN RSA PRIVATE KEY-----&#xD;&#xA;${pemBody.join('&#xD;&#xA;')}&#xD;&#xA;-----END RSA PRIVATE KEY-----</Data>`;
    expect(gone(xml, 'FAKEkeyA501')).toBe(`<Data>cert import: -----BEGIN RSA PRIVATE KEY-----${X}-----END RSA PRIVATE KEY-----</Data>`);
    const json = JSON.stringify({ key: `-----BEGIN EC PRIVATE KEY-----\n${pemBody.join('\n')}\n-----END EC PRIVATE KEY-----\n` });
    expect(JSON.parse(gone(json, 'FAKEkeyA501')).key).toBe(`-----BEGIN EC PRIVATE KEY-----${X}-----END EC PRIVATE KEY-----\n`);
    // A block cut by the end of a piece of a large file, and the other half of it.
    expect(gone(`-----BEGIN PRIVATE KEY-----\n${pemBody[0]}\n${pemBody[1]}\n`, 'FAKEkeyA501')).toBe(`-----BEGIN PRIVATE KEY-----${X}`);
    expect(gone(`${pemBody[1]}\n${pemBody[2]}\n-----END PRIVATE KEY-----\nnext`, 'FAKEkeyA501')).toBe(`${X}-----END PRIVATE KEY-----\nnext`);
  });
  it('certificates and public keys stay', () => {
    const cert = '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----';
    expect(createRedactor({ identities: false }).text(cert)).toBe(cert);
  });
  it('DPAPI blobs in base64 (wrapped too), hex and reg-export hex lists', () => {
    const b64 = 'AQAAANCMnd8BFdERjHoAwE/Cl+sBAAAAFAKEdpapiA502xyzxyzxyzxyzxyz0123456789+/abc==';
    expect(gone(`"ProxyCred": "${b64}"`, 'FAKEdpapiA502')).toBe(`"ProxyCred": "${X}"`);
    expect(gone(`blob ${b64.slice(0, 40)}\r\n  ${b64.slice(40)}\r\nend`, b64.slice(44))).toBe(`blob ${X}\r\nend`);
    const hex = '01000000d08c9ddf0115d1118c7a00c04fc297eb01000000fa4ea503dead0000beef';
    expect(gone(`$enc = "${hex}"`, 'fa4ea503dead')).toBe(`$enc = "${X}"`);
    const reg = '"Blob"=hex:01,00,00,00,d0,8c,9d,df,01,15,d1,11,8c,7a,00,c0,4f,c2,97,eb,01,00,\\\r\n  00,00,fa,4e,a5,03,de,ad';
    expect(gone(reg, 'fa,4e,a5,03,de,ad')).toBe(`"Blob"=hex:${X}`);
  });
  it('x-api-key, Ocp-Apim-Subscription-Key, Cookie and Set-Cookie (ESTSAUTH is an Entra session)', () => {
    expect(gone('x-api-key: FAKE-S3cret-A503', 'FAKE-S3cret-A503')).toBe(`x-api-key: ${X}`);
    expect(gone('{"Ocp-Apim-Subscription-Key": "FAKE-S3cret-A504"}', 'FAKE-S3cret-A504')).toBe(`{"Ocp-Apim-Subscription-Key": "${X}"}`);
    const cookie = 'Cookie: ESTSAUTH=FAKE-S3cret-A505; ESTSAUTHPERSISTENT=FAKE-S3cret-A506; x-ms-gateway-slice=estsfd';
    expect(gone(gone(cookie, 'FAKE-S3cret-A505'), 'FAKE-S3cret-A506')).toBe(`Cookie: ESTSAUTH=${X}; ESTSAUTHPERSISTENT=${X}; x-ms-gateway-slice=${X}`);
    expect(gone('Set-Cookie: ESTSAUTH=FAKE-S3cret-A507; path=/; secure; HttpOnly', 'FAKE-S3cret-A507')).toBe(`Set-Cookie: ESTSAUTH=${X}; path=/; secure; HttpOnly`);
    expect(gone('cookies sent: ESTSAUTHLIGHT=FAKE-S3cret-A508 buid=1', 'FAKE-S3cret-A508')).toBe(`cookies sent: ESTSAUTHLIGHT=${X} buid=1`);
  });
});

describe('shapes, not words: prose that names secrets stays', () => {
  it('keeps sentences about passwords, CNTLM and headers', () => {
    const r = createRedactor({ identities: true });
    for (const s of [
      'create the hash with `cntlm -H -u <user> -d <DOMAIN>` and put only the PassNTLMv2 line it prints into cntlm.ini (never a plain Password line)',
      'Password reset failed for the user; Password writeback: disabled',
      'The proxy requires NTLM authentication (407); send the Proxy-Authorization header',
      'Run Set-ADSyncAADPasswordResetConfiguration -Connector x -Enable $true',
      'the Cookie header and the x-api-key header are not used by Azure AD Connect',
    ]) {
      expect(r.text(s), s).toBe(s);
    }
    expect(r.counts()).toEqual({ secrets: 0, identities: 0 });
  });
});
