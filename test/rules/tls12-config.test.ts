// Issue 13.5: the sync service's TLS from its configuration (config/tls.json) and from probes run with the
// process's own TLS versions beside TLS 1.2 forced — not only from error text.
import { describe, expect, it } from 'vitest';
import { parseBundleJson } from '../../src/evidence/readers/bundle-json.js';
import type { ProbeResult, TlsSettings } from '../../src/evidence/types.js';
import { codes, finding, group, run } from './helpers.js';

// The shape of docs/bundle-format.md "config/tls.json".
function tlsJson(net64: [number | null, number | null], client12: [number | null, number | null] = [null, null]): string {
  const schannel = ['SSL 2.0', 'SSL 3.0', 'TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3'].flatMap((protocol) =>
    ['Client', 'Server'].map((side) => ({
      protocol, side, key: `HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\${protocol}\\${side}`,
      found: protocol === 'TLS 1.2', Enabled: protocol === 'TLS 1.2' && side === 'Client' ? client12[0] : null,
      DisabledByDefault: protocol === 'TLS 1.2' && side === 'Client' ? client12[1] : null, error: null,
    })));
  return JSON.stringify({
    schema: 'aadsync-diagnose/tls@1',
    netFramework: [
      { view: '64', key: 'HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319', found: true, SystemDefaultTlsVersions: net64[0], SchUseStrongCrypto: net64[1], error: null },
      { view: '32', key: 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319', found: true, SystemDefaultTlsVersions: null, SchUseStrongCrypto: null, error: null },
    ],
    schannel,
  });
}
const tls = (...a: Parameters<typeof tlsJson>): TlsSettings[] => parseBundleJson(tlsJson(...a), 'config/tls.json').tls!;
const ADSYNC = (version: string) => [{ file: 'config/adsync.json', version, serviceAccount: 'NT SERVICE\\ADSync' }];

function probe(p: Partial<ProbeResult>): ProbeResult {
  return { file: 'probes/probes-admin.json', endpoint: 'login.microsoftonline.com', port: 443, test: 'realm-discovery', as: 'admin', ok: false, ...p };
}

describe('tls12-not-enabled from configuration and from probes', () => {
  it('reads config/tls.json as stored (absent is null, never 0) and the probes\' tls label', () => {
    const t = tls([null, 1], [0, 1])[0]!;
    expect(t.netFramework[0]).toMatchObject({ view: '64', SystemDefaultTlsVersions: null, SchUseStrongCrypto: 1 });
    expect(t.schannel.find((s) => s.protocol === 'TLS 1.2' && s.side === 'Client')).toMatchObject({ Enabled: 0, DisabledByDefault: 1 });
    const p = parseBundleJson(JSON.stringify({ schema: 'aadsync-diagnose/probes@1', as: 'admin', results: [{ endpoint: 'login.microsoftonline.com', port: 443, test: 'realm-discovery-tls12', tls: 'tls12', ok: true }] }), 'probes/probes-admin.json');
    expect(p.probes![0]!.tls).toBe('tls12');
  });

  it('the .NET values missing on a 2.x server before 2.4.131: the service offers no TLS 1.2', () => {
    const d = run({ tls: tls([null, null]), adsync: ADSYNC('2.3.20.0') });
    expect(codes(d)).toEqual(['tls12-not-enabled']);
    expect(d.verdict.code).toBe('tls-failure');
    expect(finding(d, 'tls12-not-enabled').evidence[0]!.excerpt).toBe('SystemDefaultTlsVersions: (absent); SchUseStrongCrypto: (absent)');
  });

  it('SCHANNEL turning TLS 1.2 off for clients is decisive, whatever the version', () => {
    const d = run({ tls: tls([1, 1], [0, null]), adsync: ADSYNC('2.4.131.0') });
    expect(finding(d, 'tls12-not-enabled').confidence).toBe('high');
  });

  it('the probes measure the gap: the process default fails on TLS, TLS 1.2 forced passes', () => {
    const d = run({ probes: [probe({ tls: 'process-default', errorClass: 'tls' }), probe({ test: 'realm-discovery-tls12', tls: 'tls12', ok: true, httpStatus: 200 })] });
    const f = finding(d, 'tls12-not-enabled');
    expect(f.confidence).toBe('high');
    expect(f.explanation).toMatch(/measured the gap/);
    expect(f.evidence.map((e) => e.kind)).toEqual(['probe', 'probe']);
  });

  it('near misses: values set; 2.4.131+ without them; TLS shown working (Entra answered); a TLS failure with TLS 1.2 failing too', () => {
    expect(codes(run({ tls: tls([1, 1]), adsync: ADSYNC('2.3.20.0') }))).toEqual([]);
    expect(codes(run({ tls: tls([null, null]), adsync: ADSYNC('2.4.131.0') }))).toEqual([]);
    const answered = run({ tls: tls([null, null]), adsync: ADSYNC('2.3.20.0'), groups: [group('AADSTS53003: Access has been blocked by Conditional Access policies.')] });
    expect(codes(answered)).not.toContain('tls12-not-enabled');
    expect(codes(run({ probes: [probe({ tls: 'process-default', errorClass: 'tls' }), probe({ test: 'realm-discovery-tls12', tls: 'tls12', errorClass: 'tls' })] }))).not.toContain('tls12-not-enabled');
  });
});
