// The 407 fix told the admin to add the snippet machine.config already had (or a second <defaultProxy>).
import { describe, expect, it } from 'vitest';
import { QA, analyze, finding } from './helpers.js';

describe('407 fixes follow what machine.config already says', () => {
  it('machine.config already sends credentials: the fix is the account, not the same snippet again', () => {
    const r = analyze([`${QA}/auth-407-credentials-sent`]);
    const f = finding(r, 'proxy-auth-required');
    expect(f.explanation).toMatch(/useDefaultCredentials="true", so credentials were sent/);
    expect(f.fix.join('\n')).not.toMatch(/add this just before <\/configuration>/);
    expect(f.fix[0]).toMatch(/already/);
    expect(f.fix.some((s) => /domain account or a group Managed Service Account/.test(s))).toBe(true);
    expect(r.verdict.summary).not.toMatch(/did not give/);
  });
  it('machine.config has a defaultProxy without credentials: change that section, do not add a second one', () => {
    const r = analyze([`${QA}/auth-407-no-credentials`]);
    const f = finding(r, 'proxy-auth-required');
    expect(f.fix[0]).toMatch(/already has a <defaultProxy>/);
    expect(f.fix[0]).toMatch(/useDefaultCredentials="true"/);
    expect(f.fix[0]).not.toMatch(/add this just before <\/configuration>/);
  });
  it('near miss: with no machine.config in the evidence the full snippet is still given', () => {
    const f = finding(analyze([`${QA}/iwr-407.txt`]), 'proxy-auth-required');
    expect(f.fix[0]).toMatch(/add this just before <\/configuration>/);
  });
});
