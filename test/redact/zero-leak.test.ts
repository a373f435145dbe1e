// Zero leaks: every seeded secret, in every shape and encoding, is gone from every output byte,
// with identity redaction on (the default) and off (--no-redact).
import { describe, it, expect } from 'vitest';
import { createRedactor, REDACTED } from '../../src/redact/index.js';
import { buildCorpus, secretForms, xmlEscape, ps51JsonString, USER, type Shape } from './corpus.js';

const corpus = buildCorpus();

/** Base64/base64url blobs in the input that carry the secret (Basic, NTLM, JWT payloads). */
function encodedArtefacts(shape: Shape): string[] {
  const out: string[] = [];
  for (const m of shape.line.matchAll(/[A-Za-z0-9+/_-]{16,}={0,2}/g)) {
    const t = m[0];
    for (const enc of ['base64', 'base64url'] as const) {
      if (Buffer.from(t, enc).toString('latin1').includes(shape.secret)) out.push(t);
    }
  }
  return out;
}

function leaks(output: Buffer, shape: Shape): string[] {
  const found: string[] = [];
  for (const f of secretForms(shape.secret)) if (output.includes(f.bytes)) found.push(f.form);
  for (const a of encodedArtefacts(shape)) {
    if (output.includes(Buffer.from(a, 'utf8')) || output.includes(Buffer.from(a, 'utf16le'))) found.push(`encoded blob ${a.slice(0, 12)}…`);
  }
  return found;
}

type Wrap = { name: string; make: (line: string) => string; bytes: (s: string) => Buffer };
const utf8 = (s: string) => Buffer.from(s, 'utf8');
const wraps: Wrap[] = [
  { name: 'UTF-8 text', make: (l) => `2026-11-25 09:58:12 [ERROR] ${l}\r\nnext line`, bytes: utf8 },
  { name: 'UTF-8 with BOM', make: (l) => `${l}\r\n`, bytes: (s) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(s)]) },
  { name: 'UTF-16 LE with BOM', make: (l) => `${l}\r\n`, bytes: (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]) },
  { name: 'UTF-16 LE without BOM', make: (l) => `Line: ${l}\r\n`, bytes: (s) => Buffer.from(s, 'utf16le') },
  { name: 'JSON-escaped', make: (l) => JSON.stringify({ message: l, other: 1 }), bytes: utf8 },
  { name: 'JSON-escaped (PowerShell 5.1 \\u0026 style)', make: (l) => `{"StepErrors":[${ps51JsonString(l)}]}`, bytes: utf8 },
  { name: 'double JSON-escaped', make: (l) => JSON.stringify({ raw: JSON.stringify({ m: l }) }), bytes: utf8 },
  { name: 'XML-escaped event data', make: (l) => `<Event><EventData><Data>${xmlEscape(l)}</Data></EventData></Event>`, bytes: utf8 },
  { name: 'XML-escaped in UTF-16 LE', make: (l) => `<Data Name='msg'>${xmlEscape(l)}</Data>`, bytes: (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]) },
];

describe.each([
  ['identities redacted (default)', true],
  ['--no-redact (identities kept)', false],
])('zero leaks, %s', (_label, identities) => {
  for (const wrap of wraps) {
    it(`${wrap.name}: no seeded secret survives, in any form`, () => {
      const failures: string[] = [];
      for (const shape of corpus) {
        const r = createRedactor({ identities });
        const out = r.bytes(wrap.bytes(wrap.make(shape.line)));
        const l = leaks(out, shape);
        if (l.length > 0) failures.push(`${shape.name}: ${l.join(', ')}`);
        if (r.counts().secrets < 1) failures.push(`${shape.name}: no secret counted`);
      }
      expect(failures).toEqual([]);
    });
  }

  it('URL-encoded values (query strings, encoded proxy URLs and connection strings)', () => {
    const urlShapes = corpus.filter((s) => /proxy URL|connection string Password=$|Pwd=|client_secret|SAS|AccountKey|SharedAccessKey/.test(s.name));
    expect(urlShapes.length).toBeGreaterThanOrEqual(8);
    const failures: string[] = [];
    for (const shape of urlShapes) {
      const r = createRedactor({ identities });
      const out = r.bytes(utf8(`GET https://portal.example/api?q=${encodeURIComponent(shape.line)}&x=1 HTTP/1.1`));
      const l = leaks(out, shape);
      if (l.length > 0) failures.push(`${shape.name}: ${l.join(', ')} in ${out.toString()}`);
    }
    expect(failures).toEqual([]);
  });

  it('the whole corpus in one file, UTF-16 LE, keeps its encoding and BOM and leaks nothing', () => {
    const r = createRedactor({ identities });
    const doc = corpus.map((s) => s.line).join('\r\n');
    const input = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc, 'utf16le')]);
    const out = r.bytes(input);
    expect([...out.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const text = out.subarray(2).toString('utf16le');
    expect(text).toContain(REDACTED);
    expect(text.split('\r\n')).toHaveLength(corpus.length);
    for (const shape of corpus) expect(leaks(out, shape), shape.name).toEqual([]);
    expect(r.counts().secrets).toBeGreaterThanOrEqual(corpus.length);
  });

  it('json(): values under secret-named keys are removed, nested and in arrays', () => {
    const r = createRedactor({ identities });
    const v = {
      hives: [{ values: { ProxyServer: 'proxy.contoso.com:8080', ProxyPassword: 'FAKE-S3cret-9001' } }],
      probes: { results: [{ error: `Proxy-Authorization: Basic ${Buffer.from(`${USER}:FAKE-S3cret-9002`).toString('base64')}` }] },
      client_secret: 'FAKE-S3cret-9003',
      n: 407,
    };
    const out = JSON.stringify(r.json(v));
    for (const s of ['FAKE-S3cret-9001', 'FAKE-S3cret-9002', 'FAKE-S3cret-9003']) {
      for (const f of secretForms(s)) expect(Buffer.from(out).includes(f.bytes), `${s} ${f.form}`).toBe(false);
    }
    expect(out).toContain('"n":407');
    expect(r.counts().secrets).toBe(3);
  });
});

describe('secrets: what is kept around them', () => {
  const r = createRedactor({ identities: false });
  it('keeps the user and proxy host and port of a proxy URL', () => {
    expect(r.text('http://svc-proxy:FAKE-S3cret-1@proxy.contoso.com:8080')).toBe(`http://svc-proxy:${REDACTED}@proxy.contoso.com:8080`);
  });
  it('keeps the auth scheme, and challenge headers that carry no credential', () => {
    expect(r.text('Proxy-Authorization: Basic dXNlcjpGQUtF')).toBe(`Proxy-Authorization: Basic ${REDACTED}`);
    expect(r.text('Proxy-Authenticate: NTLM, Negotiate')).toBe('Proxy-Authenticate: NTLM, Negotiate');
    expect(r.text('The proxy requires NTLM authentication (407)')).toBe('The proxy requires NTLM authentication (407)');
  });
  it('does not treat proxy settings that merely mention credentials or passwords as secrets', () => {
    const cfg = '<defaultProxy enabled="true" useDefaultCredentials="true"><proxy proxyaddress="http://proxy:8080" /></defaultProxy>';
    expect(r.text(cfg)).toBe(cfg);
    const ev = 'PasswordResetService 32002: Password writeback: disabled. PasswordHashSync: Enabled';
    expect(r.text(ev)).toBe(ev);
  });
  it('keeps the key names of a Service Bus connection string', () => {
    expect(r.text('Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=FAKEabc=')).toBe(
      `Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=${REDACTED}`,
    );
  });
  it('keeps XML and JSON well-formed', () => {
    const xml = '<add key="ProxyPassword" value="FAKE&amp;1" /><Password>FAKE&lt;2</Password>';
    expect(r.text(xml)).toBe(`<add key="ProxyPassword" value="${REDACTED}" /><Password>${REDACTED}</Password>`);
    const json = JSON.stringify({ a: 'Server=x;Password="FAKE;3";', password: 'FAKE"4' });
    expect(() => JSON.parse(r.text(json))).not.toThrow();
  });
});
