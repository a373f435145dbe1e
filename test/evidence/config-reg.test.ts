import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyKey, parseRegExport, scanRegText, serviceSid } from '../../src/evidence/readers/reg-export.js';
import { hexToBytes, parseConnectionSettingsBlob, winHttpFromBlob } from '../../src/evidence/readers/connection-settings.js';
import { readConfigLike } from '../../src/evidence/readers/config.js';

const read = (name: string): string => {
  const buf = readFileSync(new URL(`../fixtures/config/${name}`, import.meta.url));
  return buf[0] === 0xff && buf[1] === 0xfe ? new TextDecoder('utf-16le').decode(buf) : buf.toString('latin1');
};

// Blobs quoted in docs/windows-facts.md §2.2 (public reg export samples).
const SAMPLE_PAC = `46,00,00,00,03,00,00,00,07,00,00,00,0e,00,00,\\
    00,31,39,32,2e,31,36,38,2e,31,2e,31,3a,38,30,00,00,00,00,21,00,00,00,68,74,\\
    74,70,3a,2f,2f,78,64,75,6f,74,61,69,2e,63,6f,6d,2f,70,52,73,4f,33,4e,47,52,\\
    33,2d,2e,70,61,63,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,\\
    00,00,00,00,00,00,00,00,00,00,00,00,00`;
const SAMPLE_DIRECT = `46,00,00,00,0a,00,00,00,01,00,00,00,00,00,00,\\
  00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,\\
  00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00`;
const SAMPLE_LEGACY = `46,00,00,00,51,00,00,00,0b,00,00,00,0c,00,00,00,31,\\
  32,37,2e,30,2e,30,2e,31,3a,38,30,07,00,00,00,3c,6c,6f,63,61,6c,3e,00,00,00,00`;

describe('parseConnectionSettingsBlob (docs/windows-facts.md §2.2 samples)', () => {
  it('flags 0x07: proxy 192.168.1.1:80, no bypass, PAC URL', () => {
    const cs = parseConnectionSettingsBlob(hexToBytes(SAMPLE_PAC)!);
    expect(cs).toMatchObject({
      version: 0x46,
      counter: 3,
      flags: 7,
      direct: true,
      proxyEnabled: true,
      autoConfigUrlEnabled: true,
      autoDetect: false,
      proxyServer: '192.168.1.1:80',
      bypassList: '',
      usable: true,
    });
    expect(cs.autoConfigUrl).toMatch(/^http:\/\/.*\.pac$/);
    expect(cs.autoConfigUrl).toHaveLength(0x21);
    expect(cs.problems).toEqual([]);
  });

  it('flags 0x01: direct only, 56 bytes', () => {
    const bytes = hexToBytes(SAMPLE_DIRECT)!;
    expect(bytes.length).toBe(56);
    const cs = parseConnectionSettingsBlob(bytes);
    expect(cs).toMatchObject({ flags: 1, direct: true, proxyEnabled: false, autoDetect: false, proxyServer: '', bypassList: '', autoConfigUrl: '' });
  });

  it('flags 0x0b: direct|proxy|autodetect with bypass <local>', () => {
    const cs = parseConnectionSettingsBlob(hexToBytes(SAMPLE_LEGACY)!);
    expect(cs).toMatchObject({ flags: 0x0b, proxyEnabled: true, autoDetect: true, proxyServer: '127.0.0.1:80', bypassList: '<local>' });
  });

  it('version below 60 is not usable (.NET ignores it)', () => {
    const cs = parseConnectionSettingsBlob(hexToBytes('3c000000000000000300000000000000')!.map((b, i) => (i === 0 ? 0x20 : b)));
    expect(cs.usable).toBe(false);
    expect(cs.problems[0]).toMatch(/below 60/);
  });

  it('a length running past the end is a problem, not a throw', () => {
    const cs = parseConnectionSettingsBlob(hexToBytes('46000000000000000300000010000000707278')!);
    expect(cs.proxyServer).toBe('');
    expect(cs.problems[0]).toMatch(/runs past the end/);
    expect(parseConnectionSettingsBlob(new Uint8Array(3)).problems[0]).toMatch(/too short/);
  });

  it('WinHttpSettings: the default after "netsh winhttp reset proxy" is direct', () => {
    const { settings } = winHttpFromBlob(hexToBytes('18,00,00,00,00,00,00,00,01,00,00,00,00,00,00,00,00,00,00,00')!, 'f', 'WinHttpSettings');
    expect(settings).toEqual({ file: 'f', direct: true, source: 'WinHttpSettings' });
  });

  it('hexToBytes rejects non-hex', () => {
    expect(hexToBytes('zz')).toBeNull();
    expect(hexToBytes('abc')).toBeNull();
  });
});

describe('scanRegText: .reg syntax', () => {
  it('escapes, dword, hex(2)/hex(7)/hex(b), default value, deletions, continuations', () => {
    const text = [
      'Windows Registry Editor Version 5.00',
      '',
      '[HKEY_CURRENT_USER\\Software\\Test]',
      '@="default \\"quoted\\" C:\\\\dir\\\\"',
      '"Quote\\"Name"="x"',
      '"D"=dword:0000001f',
      '"E"=hex(2):25,00,54,00,25,00,00,00',
      '"M"=hex(7):61,00,00,00,62,00,00,00,00,00',
      '"Q"=hex(b):01,00,00,00,00,00,00,00',
      '"B"=hex:01,02,\\',
      '  03,04',
      '"Gone"=-',
      '[-HKEY_CURRENT_USER\\Software\\Old]',
    ].join('\r\n');
    const seen: Record<string, unknown> = {};
    const deleted: string[] = [];
    const r = scanRegText(text, {
      wantKey: () => true,
      value: (_k, name, v) => {
        seen[name] = v.kind === 'binary' ? Array.from(v.value) : v.kind === 'deleted' ? 'deleted' : v.value;
      },
      deletedKey: (k) => deleted.push(k),
    });
    expect(r.header).toBe('Windows Registry Editor Version 5.00');
    expect(r.problems).toEqual([]);
    expect(seen).toEqual({
      '': 'default "quoted" C:\\dir\\',
      'Quote"Name': 'x',
      D: 31,
      E: '%T%',
      M: ['a', 'b'],
      Q: 1n,
      B: [1, 2, 3, 4],
      Gone: 'deleted',
    });
    expect(deleted).toEqual(['HKEY_CURRENT_USER\\Software\\Old']);
  });

  it('damaged lines become problems, not throws', () => {
    const r = scanRegText('Windows Registry Editor Version 5.00\r\n[HKEY_CURRENT_USER\\X]\r\n"A"=dword:zz\r\n"B"="unterminated\r\n"C"=hex:0g\r\ngarbage\r\n', {
      wantKey: () => true,
      value: () => {},
    });
    expect(r.problems).toHaveLength(4);
  });
});

describe('serviceSid', () => {
  it('NT SERVICE\\ADSync has the well-known per-service SID', () => {
    expect(serviceSid('ADSync')).toBe('S-1-5-80-3245704983-3664226991-764670653-2504430226-901976451');
  });
});

describe('classifyKey', () => {
  it.each([
    ['HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings', 'wininet', 'current-user'],
    ['HKEY_USERS\\S-1-5-18\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections', 'connections', 'HKU\\S-1-5-18'],
    ['HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings', 'policy', 'HKLM policy'],
    ['HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections', 'connections', 'HKLM (WOW6432Node)'],
    ['HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\Session Manager\\Environment', 'environment', 'HKLM'],
  ])('%s', (key, role, hive) => {
    expect(classifyKey(key)).toMatchObject({ role, hive });
  });
  it.each([
    'HKEY_USERS\\S-1-5-21-1-2-3-1104_Classes\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings',
    'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\ZoneMap',
    'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319',
  ])('ignores %s', (key) => {
    expect(classifyKey(key)).toBeNull();
  });
});

describe('parseRegExport: Microsoft collector REG_HKU.log (UTF-16 LE)', () => {
  const r = parseRegExport(read('REG_HKU.log'), 'MECLOG/20261125-101500/CONFIG/GENERAL/REG_HKU.log');

  it('one WinINET entry per loaded hive, _Classes ignored', () => {
    expect(r.winInet.map((w) => w.hive)).toEqual([
      'HKU\\.DEFAULT',
      'HKU\\S-1-5-18',
      'HKU\\S-1-5-19',
      'HKU\\S-1-5-20',
      'HKU\\S-1-5-21-3623811015-3361044348-30300820-1104',
      'service-account',
    ]);
    expect(r.winInet.some((w) => w.proxyServer === 'should-be-ignored:1')).toBe(false);
  });

  it("the admin's hive has the proxy, from values and blob", () => {
    const admin = r.winInet.find((w) => w.sid?.endsWith('-1104'))!;
    expect(admin).toMatchObject({
      proxyEnable: true,
      proxyServer: 'proxy.contoso.com:8080',
      proxyOverride: '*.contoso.com;<local>',
      autoDetect: false,
    });
    expect(admin.connectionSettings).toMatchObject({ proxyEnabled: true, proxyServer: 'proxy.contoso.com:8080', bypassList: '*.contoso.com;<local>' });
    expect(admin.keyPath).toBe('HKEY_USERS\\S-1-5-21-3623811015-3361044348-30300820-1104\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings');
  });

  it('SYSTEM auto-detects; the ADSync service account has no proxy', () => {
    const system = r.winInet.find((w) => w.sid === 'S-1-5-18')!;
    expect(system).toMatchObject({ user: 'NT AUTHORITY\\SYSTEM', proxyEnable: false, autoDetect: true });
    const svc = r.winInet.find((w) => w.hive === 'service-account')!;
    expect(svc).toMatchObject({ user: 'NT SERVICE\\ADSync', proxyEnable: false, autoDetect: false });
    expect(svc.proxyServer).toBeUndefined();
  });

  it("the admin's HTTPS_PROXY variable, and nothing else from Environment", () => {
    expect(r.environment).toEqual([
      {
        file: 'MECLOG/20261125-101500/CONFIG/GENERAL/REG_HKU.log',
        scope: 'user (HKU\\S-1-5-21-3623811015-3361044348-30300820-1104)',
        name: 'HTTPS_PROXY',
        value: 'http://proxy.contoso.com:8080',
      },
    ]);
  });

  it('no WinHTTP in a user export, no notes', () => {
    expect(r.winHttp).toEqual([]);
    expect(r.notes).toEqual([]);
  });
});

describe('parseRegExport: HKLM\\Software (WinHttpSettings, policy)', () => {
  const r = parseRegExport(read('REG_HKLM_Software_excerpt.log'), 'REG_HKLM_Software_Hive.log');
  it('native and WOW64 WinHttpSettings', () => {
    expect(r.winHttp).toEqual([
      { file: 'REG_HKLM_Software_Hive.log', direct: false, proxyServer: 'proxy.contoso.com:8080', bypassList: '<local>', source: 'WinHttpSettings' },
      { file: 'REG_HKLM_Software_Hive.log', direct: true, source: 'WinHttpSettings (WOW6432Node)' },
    ]);
  });
  it('ProxySettingsPerUser=0 is read; HKLM Internet Settings without proxy values gives no entry', () => {
    expect(r.winInet).toEqual([]);
    const both = parseRegExport(read('REG_HKLM_Software_excerpt.log') + '\r\n' + read('REG_HKU.log').replace(/^Windows Registry.*\r\n/, ''), 'x');
    expect(both.winInet.length).toBeGreaterThan(0);
    expect(both.winInet.every((w) => w.proxySettingsPerUser === false)).toBe(true);
  });
});

describe('parseRegExport: REGEDIT4 HKCU export', () => {
  const r = parseRegExport(read('hkcu-regedit4.reg'), 'ie.reg');
  it('per-protocol ProxyServer, PAC URL, deleted AutoDetect filled from the blob', () => {
    expect(r.winInet).toHaveLength(1);
    expect(r.winInet[0]).toMatchObject({
      hive: 'current-user',
      proxyEnable: true,
      proxyServer: 'http=proxy.contoso.com:8080;https=proxy.contoso.com:8443;ftp=ftp-proxy.contoso.com:2121',
      proxyOverride: '<local>',
      autoConfigUrl: 'http://wpad.contoso.com/proxy.pac',
      autoDetect: true,
    });
  });
  it('lower-case no_proxy from HKCU\\Environment', () => {
    expect(r.environment).toEqual([{ file: 'ie.reg', scope: 'user', name: 'no_proxy', value: '.contoso.com,10.0.0.0/8' }]);
  });
});

describe('readConfigLike reg-export', () => {
  it('a file without the header is still read, with a note', () => {
    const r = readConfigLike('reg-export', '[HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings]\r\n"ProxyEnable"=dword:00000001\r\n', 'x.reg');
    expect(r.winInet?.[0]?.proxyEnable).toBe(true);
    expect(r.notes?.[0]).toMatch(/header/);
  });
});
