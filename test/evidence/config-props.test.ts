// Property tests: whatever bytes or text arrive, the config readers return (never throw) and keep
// their result shapes. Generators mix random text with the formats' own vocabulary so that the
// deeper branches (sections, continuations, blobs, schemas) are reached, not just the first check.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readConfigLike, type ConfigLikeFormat } from '../../src/evidence/readers/config.js';
import { parseDotNetConfig } from '../../src/evidence/readers/dotnet-config.js';
import { parseNetshWinhttp } from '../../src/evidence/readers/netsh.js';
import { parseRegExport } from '../../src/evidence/readers/reg-export.js';
import { parseConnectionSettingsBlob } from '../../src/evidence/readers/connection-settings.js';
import { parseBundleJson } from '../../src/evidence/readers/bundle-json.js';

const FORMATS: ConfigLikeFormat[] = ['dotnet-config', 'netsh-winhttp', 'reg-export', 'bundle-json', 'bundle-manifest'];

const xmlPiece = fc.constantFrom(
  '<configuration>', '</configuration>', '<system.net>', '</system.net>', '<system.Net>', '<defaultProxy>', '</defaultProxy>',
  '<defaultProxy enabled="false" useDefaultCredentials="true">', '<defaultproxy>', '<proxy proxyaddress="http://p:8080" bypassonlocal="true"/>',
  '<proxy proxyAddress="p:99999" usesystemdefault="maybe"/>', '<bypasslist>', '</bypasslist>', '<add address="(["/>', '<clear/>',
  '<remove address="x"/>', '<module type="T"/>', '<location path=".">', '</location>', '<!--', '-->', '<![CDATA[', ']]>',
  '&amp;', '&bogus;', '<?xml version="1.0"?>', '\r\n', ' ', '"', '<', '>', '/>', '\uFEFF',
);
const regPiece = fc.constantFrom(
  'Windows Registry Editor Version 5.00\r\n', 'REGEDIT4\r\n', '\r\n',
  '[HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings]\r\n',
  '[HKEY_USERS\\S-1-5-18\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections]\r\n',
  '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections]\r\n',
  '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings]\r\n',
  '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment]\r\n', '[-HKEY_CURRENT_USER\\X]\r\n',
  '"ProxyEnable"=dword:00000001\r\n', '"ProxyServer"="p:8080"\r\n', '"ProxyOverride"="<local>"\r\n', '"AutoDetect"=-\r\n',
  '"DefaultConnectionSettings"=hex:46,00,00,00,01,00,00,00,03,00,00,00,\\\r\n', '  ff,ff,ff,7f,41,\\\r\n', '  00,00\r\n',
  '"WinHttpSettings"=hex:28,00,00,00,00,00,00,00,03,00,00,00,04,00,00,00,70,3a,38,30\r\n', '"HTTP_PROXY"=hex(2):41,00\r\n',
  '"ProxySettingsPerUser"=dword:0\r\n', '@="x"\r\n', '"a\\"b"="c\\\\"\r\n', '"x"=hex(7):\\\r\n', '"y"=hex(b):01\r\n', '"broken\r\n',
);
const netshPiece = fc.constantFrom(
  '\r\n', 'Current WinHTTP proxy settings:\r\n', '    Direct access (no proxy server).\r\n', '    Proxy Server(s) :  ', '    Bypass List     :  ',
  'p:8080', '(none)', '<local>', 'http=a:1;https=b:2', ':', '：', '  ',
);

const textFrom = (piece: fc.Arbitrary<string>) =>
  fc.array(fc.oneof({ weight: 4, arbitrary: piece }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }), { maxLength: 80 }).map((a) => a.join(''));

const runs = { numRuns: 300 };

describe('config readers never throw', () => {
  it('readConfigLike on arbitrary text, any format', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FORMATS), fc.string({ maxLength: 2000 }), (format, text) => {
        const r = readConfigLike(format, text, 'f');
        expect(r).toBeTypeOf('object');
        if (r.notes) expect(Array.isArray(r.notes)).toBe(true);
      }),
      runs,
    );
  });

  it('readConfigLike on arbitrary bytes decoded as UTF-16 LE and latin1', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FORMATS), fc.uint8Array({ maxLength: 2000 }), (format, bytes) => {
        readConfigLike(format, new TextDecoder('utf-16le').decode(bytes), 'f');
        readConfigLike(format, Buffer.from(bytes).toString('latin1'), 'f');
      }),
      runs,
    );
  });

  it('parseDotNetConfig on config-like fragments: the result keeps its invariants', () => {
    fc.assert(
      fc.property(textFrom(xmlPiece), (text) => {
        const c = parseDotNetConfig(text, 'Framework64/machine.config');
        expect(typeof c.present).toBe('boolean');
        expect(typeof c.enabled).toBe('boolean');
        expect(Array.isArray(c.bypassList)).toBe(true);
        expect(c.problems.length).toBeLessThanOrEqual(50);
        if (c.problems.some((p) => p.kind === 'not-well-formed')) expect(c.present).toBe(false);
      }),
      runs,
    );
  });

  it('parseRegExport on .reg-like fragments', () => {
    fc.assert(
      fc.property(textFrom(regPiece), (text) => {
        const r = parseRegExport(text, 'f.reg');
        for (const w of r.winInet) expect(w.file).toBe('f.reg');
        for (const h of r.winHttp) expect(typeof h.direct).toBe('boolean');
        for (const e of r.environment) expect(e.name).toMatch(/^(https?_proxy|no_proxy|all_proxy)$/i);
      }),
      runs,
    );
  });

  it('parseNetshWinhttp on netsh-like fragments', () => {
    fc.assert(
      fc.property(textFrom(netshPiece), (text) => {
        const r = parseNetshWinhttp(text, 'n.txt');
        expect(r.settings === null || typeof r.settings.direct === 'boolean').toBe(true);
        if (r.settings === null) expect(r.notes.length).toBeGreaterThan(0);
      }),
      runs,
    );
  });

  it('parseConnectionSettingsBlob on arbitrary bytes: strings never run past the blob', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('wininet' as const, 'winhttp' as const), (bytes, kind) => {
        const cs = parseConnectionSettingsBlob(bytes, kind);
        expect(cs.proxyServer.length + cs.bypassList.length + cs.autoConfigUrl.length).toBeLessThanOrEqual(bytes.length);
      }),
      runs,
    );
  });

  it('parseConnectionSettingsBlob round-trips what it is given', () => {
    const ascii = fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, 'x'));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 15 }), ascii, ascii, ascii, (flags, proxy, bypass, pac) => {
        const parts: number[] = [];
        const u32 = (n: number) => parts.push(n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >>> 24) & 255);
        u32(0x46);
        u32(1);
        u32(flags);
        for (const s of [proxy, bypass, pac]) {
          u32(s.length);
          for (const ch of s) parts.push(ch.charCodeAt(0));
        }
        const cs = parseConnectionSettingsBlob(Uint8Array.from(parts));
        expect([cs.flags, cs.proxyServer, cs.bypassList, cs.autoConfigUrl]).toEqual([flags, proxy, bypass, pac]);
        expect(cs.proxyEnabled).toBe((flags & 2) !== 0);
        expect(cs.problems).toEqual([]);
      }),
      runs,
    );
  });

  it('parseBundleJson on arbitrary JSON under every known schema', () => {
    const schema = fc.constantFrom(
      'aadsync-diagnose/manifest@1', 'aadsync-diagnose/wininet@1', 'aadsync-diagnose/environment@1', 'aadsync-diagnose/adsync@1',
      'aadsync-diagnose/sync-cycle@1', 'aadsync-diagnose/run-profile-results@1', 'aadsync-diagnose/probes@1', 'other',
    );
    const key = fc.constantFrom(
      'steps', 'hives', 'policy', 'variables', 'module', 'service', 'scheduler', 'connectors', 'configFiles', 'results',
      'started', 'startResult', 'values', 'defaultConnectionSettings', 'status', 'name', 'endpoint', 'test', 'error', 'as',
    );
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 2 }),
        fc.dictionary(key, tie('v'), { maxKeys: 5 }),
        fc.array(tie('v'), { maxLength: 3 }),
        fc.constantFrom('/Date(1574202819000)/', '/Date(-99999999999999999)/', '46000000', 'zz'),
      ),
    })).v;
    fc.assert(
      fc.property(schema, fc.dictionary(key, value, { maxKeys: 8 }), (s, body) => {
        const r = parseBundleJson(JSON.stringify({ schema: s, ...body }), 'b.json');
        expect(Array.isArray(r.notes)).toBe(true);
      }),
      runs,
    );
  });
});
