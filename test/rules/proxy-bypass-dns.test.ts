import { describe, expect, it } from 'vitest';
import { adminWinInet, codes, e906, finding, group, machineConfig, run, trace } from './helpers.js';

describe('proxy-bypass-dns', () => {
  it('a 906 whose inner cause is an unresolved Microsoft name is a bypass, with the fix filled in from the admin\'s proxy', () => {
    const d = run({
      groups: [group(e906("System.Net.WebException: The remote name could not be resolved: 'login.windows.net'"))],
      dotNetProxy: [machineConfig(null)],
      winInet: [adminWinInet('proxy.contoso.com:8080')],
    });
    const f = finding(d, 'proxy-bypass-dns');
    expect(f.route).toBe('direct');
    expect(f.confidence).toBe('high');
    expect(f.explanation).toMatch(/sync service \(miiserver\.exe/);
    expect(f.explanation).toMatch(/login\.windows\.net/);
    expect(f.explanation).toMatch(/machine\.config \(Framework64\) defines no proxy, while CONTOSO\\admin's Internet Options use proxy\.contoso\.com:8080/);
    expect(f.fix.join('\n')).toContain('proxyaddress="http://proxy.contoso.com:8080"');
    expect(f.fix.join('\n')).toContain('Restart-Service ADSync');
    expect(f.evidence[0]).toMatchObject({ kind: 'event', source: 'Application/Directory Synchronization/906', time: '2026-11-25T09:58:12.0000000Z' });
    expect(f.evidence[0]!.excerpt).toBe("System.Net.WebException: The remote name could not be resolved: 'login.windows.net'");
    expect(d.verdict.code).toBe('proxy-bypassed');
  });

  for (const [lang, msg] of [
    ['de', "System.Net.WebException: Der Remotename konnte nicht aufgelöst werden: 'login.microsoftonline.com'"],
    ['fr', "System.Net.WebException: Le nom distant n'a pas pu être résolu : 'login.microsoftonline.com'"],
    ['es', "System.Net.WebException: No se puede resolver el nombre remoto: 'login.microsoftonline.com'"],
    ['ja', "System.Net.WebException: リモート名を解決できませんでした。: 'login.microsoftonline.com'"],
  ] as const) {
    it(`recognises the ${lang} message`, () => {
      expect(codes(run({ groups: [group(e906(msg))] }))).toEqual(['proxy-bypass-dns']);
    });
  }

  it('the wizard\'s sign-in page is explained with the admin\'s Internet Options', () => {
    const d = run({ groups: [trace("[ERROR] User realm discovery failed ---> System.Net.WebException: The remote name could not be resolved: 'login.microsoftonline.com'")] });
    expect(finding(d, 'proxy-bypass-dns').explanation).toMatch(/Connect to Azure AD.*logged-on admin.*Internet Options/);
  });

  it('near miss: the unresolved name is the configured proxy → proxy-name-unresolved, not a bypass', () => {
    const d = run({
      groups: [group(e906("System.Net.WebException: The remote name could not be resolved: 'proxy.contoso.com'"))],
      dotNetProxy: [machineConfig('http://proxy.contoso.com:8080')],
    });
    expect(codes(d)).toEqual(['proxy-name-unresolved']);
    expect(d.verdict.code).toBe('proxy-unreachable');
  });

  it('near miss: an on-premises name (dc01.contoso.local) is not a bypass', () => {
    expect(codes(run({ groups: [group("The remote name could not be resolved: 'dc01.contoso.local'")] }))).not.toContain('proxy-bypass-dns');
  });
});
