import { describe, expect, it } from 'vitest';
import { codes, finding, machineConfig, run } from './helpers.js';

describe('machine-config-invalid', () => {
  it('a misspelt defaultProxy is quoted with its line and the fix carries the snippet', () => {
    const d = run({
      dotNetProxy: [machineConfig(null, { problems: [{ kind: 'misspelt-element', message: '<defaultproxy> is not <defaultProxy> (element names are case-sensitive)', location: 'line 212', excerpt: '<defaultproxy enabled="true">' }] })],
      winInet: [{ file: 'config/wininet.json', hive: 'current-user', proxyEnable: true, proxyServer: 'proxy.contoso.com:8080' }],
    });
    const f = finding(d, 'machine-config-invalid');
    expect(f.evidence[0]).toMatchObject({ kind: 'config', source: 'config/Framework64/machine.config', location: 'line 212', excerpt: '<defaultproxy enabled="true">' });
    expect(f.fix[0]).toContain('proxyaddress="http://proxy.contoso.com:8080"');
    expect(f.confidence).toBe('high');
  });
  it('one finding for several files, quoting each', () => {
    const bad = { kind: 'not-well-formed' as const, message: 'unclosed tag', location: 'line 3' };
    const d = run({ dotNetProxy: [machineConfig(null, { problems: [bad] }), machineConfig(null, { file: 'config/Framework/machine.config', scope: 'machine.config (Framework)', problems: [bad] })] });
    expect(codes(d)).toEqual(['machine-config-invalid']);
    expect(finding(d, 'machine-config-invalid').evidence).toHaveLength(2);
  });
  it('near miss: a valid machine.config gives nothing', () => {
    expect(codes(run({ dotNetProxy: [machineConfig('http://proxy.contoso.com:8080')] }))).not.toContain('machine-config-invalid');
  });
});
