// A bypass whose cause is in machine.config itself: a <bypasslist> entry matching the Microsoft host
// was only "a bypass list entry, bypassonlocal, or an override", and the fix replaced the whole
// section; <defaultProxy enabled="false"> was "defines no proxy" and the fix said to add a section.
import { describe, expect, it } from 'vitest';
import { QA, analyze, finding } from './helpers.js';

describe('the service config sends the request direct', () => {
  it('names the <bypasslist> entry that matched and says to remove it', () => {
    const r = analyze([`${QA}/bypasslist-microsoft`]);
    expect(r.verdict.code).toBe('proxy-bypassed');
    const f = finding(r, 'proxy-bypass-dns');
    expect(f.explanation).toContain('<bypasslist> entry "login\\.windows\\.net" matches https://login.windows.net');
    expect(f.fix[0]).toMatch(/remove <add address="login\\\.windows\\\.net" \/> from <bypasslist>/);
    expect(f.fix.join('\n')).not.toMatch(/Change that section in place/);
  });
  it('<defaultProxy enabled="false"> is a proxy switched off, and the fix edits that section', () => {
    const r = analyze([`${QA}/proxy-disabled`]);
    expect(r.verdict.summary).toMatch(/switches its proxy off/);
    const f = finding(r, 'proxy-bypass-dns');
    expect(f.explanation).toMatch(/enabled="false"/);
    expect(f.explanation).not.toMatch(/defines no proxy/);
    expect(f.fix[0]).toMatch(/already has a <defaultProxy> section/);
    expect(f.fix[0]).toMatch(/proxyaddress="http:\/\/proxy\.contoso\.com:8080"/);
  });
  it('near miss: a bypass entry for on-premises names only leaves the generic words', () => {
    const r = analyze([`${QA}/bypasslist-microsoft/Application-DirectorySynchronization.xml`, `${QA}/auth-407-no-credentials/machine.config`]);
    const f = finding(r, 'proxy-bypass-dns');
    expect(f.explanation).not.toMatch(/<bypasslist> entry/);
    expect(f.explanation).toMatch(/a bypass list entry, bypassonlocal, or a miiserver\.exe\.config override/);
  });
});
