import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNetshWinhttp } from '../../src/evidence/readers/netsh.js';
import { readConfigLike } from '../../src/evidence/readers/config.js';

/** Fixtures are UTF-16 LE with BOM, as Out-File writes netsh output; TextDecoder strips the BOM like the pipeline does. */
const read = (name: string): string => {
  const buf = readFileSync(new URL(`../fixtures/config/${name}`, import.meta.url));
  return buf[0] === 0xff && buf[1] === 0xfe ? new TextDecoder('utf-16le').decode(buf) : buf.toString('utf8');
};

describe('parseNetshWinhttp', () => {
  it('direct access', () => {
    const r = parseNetshWinhttp(read('winhttpproxy-direct.txt'), 'CONFIG/GENERAL/winhttpproxy.txt');
    expect(r.settings).toEqual({ file: 'CONFIG/GENERAL/winhttpproxy.txt', direct: true, source: 'netsh' });
    expect(r.notes).toEqual([]);
  });

  it('a proxy with a bypass list', () => {
    const r = parseNetshWinhttp(read('winhttpproxy-proxy.txt'), 'winhttpproxy.txt');
    expect(r.settings).toMatchObject({ direct: false, proxyServer: 'proxy.contoso.com:8080', bypassList: '<local>;*.contoso.com;10.*' });
  });

  it('per-protocol proxy list and "(none)" bypass list', () => {
    const r = parseNetshWinhttp(read('winhttpproxy-perprotocol.txt'), 'w.txt');
    expect(r.settings?.proxyServer).toBe('http=proxy.contoso.com:8080;https=proxy.contoso.com:8443');
    expect(r.settings?.bypassList).toBeUndefined();
    expect(r.settings?.direct).toBe(false);
  });

  it('UTF-8 text from our bundle (config/winhttp.txt)', () => {
    const r = parseNetshWinhttp(read('winhttp-utf8.txt'), 'config/winhttp.txt');
    expect(r.settings).toMatchObject({ direct: false, proxyServer: '10.20.0.15:3128' });
    expect(r.settings?.bypassList).toBeUndefined();
  });

  it('German output: labels are not needed', () => {
    const de = '\r\nAktuelle WinHTTP-Proxyeinstellungen:\r\n\r\n    Proxyserver     :  proxy.contoso.com:8080\r\n    Umgehungsliste  :  <local>\r\n\r\n';
    expect(parseNetshWinhttp(de, 'w.txt').settings).toMatchObject({ direct: false, proxyServer: 'proxy.contoso.com:8080', bypassList: '<local>' });
    const deDirect = '\r\nAktuelle WinHTTP-Proxyeinstellungen:\r\n\r\n    Direkter Zugriff (kein Proxyserver).\r\n\r\n';
    expect(parseNetshWinhttp(deDirect, 'w.txt').settings?.direct).toBe(true);
  });

  it('Japanese direct access', () => {
    const ja = '\r\n現在の WinHTTP プロキシ設定:\r\n\r\n    直接アクセス (プロキシ サーバーなし)。\r\n\r\n';
    expect(parseNetshWinhttp(ja, 'w.txt').settings?.direct).toBe(true);
  });

  it('a heading and one line in an unknown language is read as direct, with a note', () => {
    const r = parseNetshWinhttp('\r\nТекущие параметры прокси WinHTTP:\r\n\r\n    Прямой доступ (без прокси-сервера).\r\n', 'w.txt');
    expect(r.settings?.direct).toBe(true);
    expect(r.notes[0]).toMatch(/unknown language/);
  });

  it.each([
    ['', /empty/],
    ['The following command was not found: winhttp show proxy.', /not readable/],
    ['Access is denied.', /not readable/],
  ])('%j gives no settings and a note', (text, re) => {
    const r = parseNetshWinhttp(text, 'w.txt');
    expect(r.settings).toBeNull();
    expect(r.notes[0]).toMatch(re);
  });

  it('through readConfigLike', () => {
    const r = readConfigLike('netsh-winhttp', read('winhttpproxy-direct.txt'), 'config/winhttp.txt');
    expect(r.winHttp).toEqual([{ file: 'config/winhttp.txt', direct: true, source: 'netsh' }]);
  });
});
