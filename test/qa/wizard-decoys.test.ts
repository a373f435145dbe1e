// AADSTS50076 on the wizard's sign-in page was pinned on the sync account instead of the admin who signed in.
import { describe, expect, it } from 'vitest';
import { QA, analyze, pasted, codes, finding } from './helpers.js';

describe('wizard decoys (docs/windows-facts.md §5.4)', () => {
  it('AADSTS50076 on the wizard\'s sign-in is the admin\'s MFA, not the sync account and not the proxy', () => {
    const r = analyze([`${QA}/wizard-decoys`]);
    // The wizard's NullReferenceException on a later page is its own fault (not-network-local since the
    // corpus's second round); nothing in the trace is a network or proxy finding.
    expect(codes(r)).toContain('not-network-conditional-access');
    expect(codes(r).filter((c) => !c.startsWith('not-network'))).toEqual([]);
    expect(r.verdict.code).toBe('not-network');
    const f = finding(r, 'not-network-conditional-access');
    expect(f.explanation).toMatch(/account (?:that )?signed in/i);
    expect(f.fix.join(' ')).toMatch(/admin/i);
    expect(r.verdict.summary).not.toMatch(/blocks the sync account/);
  });
  it('near miss: a 906 of the sync service still points at the sync account', () => {
    const r = pasted('Event ID 906: GetSecurityToken: unable to retrieve a security token for the provisioning web service (AWS). Showing a modal dialog box or form when the application is not running in UserInteractive mode is not a valid operation. Specify the ServiceNotification or DefaultDesktopOnly style to display a notification from a service application.\r\n');
    const f = finding(r, 'not-network-conditional-access');
    expect(f.fix.join(' ')).toMatch(/Exclude the directory synchronization account/);
    expect(r.verdict.summary).toMatch(/sync service/i);
  });
});
