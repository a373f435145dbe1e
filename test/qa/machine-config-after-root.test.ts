// The snippet pasted after </configuration>: lead with where it is and how to move it; no copy time as "first".
import { describe, expect, it } from 'vitest';
import { QA, analyze, pasted, finding } from './helpers.js';

describe('machine.config with the snippet pasted after </configuration>', () => {
  it('leads with where the section is and says to move it inside', () => {
    const r = analyze([`${QA}/config-after-root`]);
    const f = finding(r, 'machine-config-invalid');
    expect(f.explanation).toMatch(/after <\/configuration>/);
    expect(f.explanation).not.toMatch(/is not well-formed XML.*is not well-formed XML/);
    expect(f.fix[0]).toMatch(/after <\/configuration>/);
    expect(f.fix[0]).toMatch(/proxy\.contoso\.com:8080/);
    expect(f.evidence[0]!.excerpt).not.toBe('<system.net>');
  });
  it('a copied file\'s modification time is not shown as when the problem happened', () => {
    const r = analyze([`${QA}/config-after-root`]);
    const f = finding(r, 'machine-config-invalid');
    expect(f.firstTime).toBeUndefined();
    expect(f.evidence.every((e) => e.time === undefined)).toBe(true);
  });
});
