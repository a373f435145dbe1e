// Every folder in examples/ is analysed by the built CLI (node dist/cli.js, built by the global setup)
// and must give the verdict and main finding its README promises.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

interface Report {
  verdict: { code: string; summary: string };
  findings: { code: string; severity: string; evidence: { source: string; location: string; excerpt: string }[] }[];
  proxyPaths: { actor: string; route: string; proxy: string | null }[];
  collection: { steps: { name: string; status: string }[] };
  inputs?: { path: string; format: string; notes: string[] }[];
}

const EXPECTED: Record<string, { verdict: string; main: string | null; exit: number; evidenceFrom: RegExp[] }> = {
  'proxy-bypass': {
    verdict: 'proxy-bypassed',
    main: 'proxy-bypass-dns',
    exit: 1,
    evidenceFrom: [/Application\/Directory Synchronization\/906/, /trace-20261124-154210\.log/],
  },
  'proxy-auth-407': {
    verdict: 'proxy-rejected',
    main: 'proxy-auth-required',
    exit: 1,
    evidenceFrom: [/Application\/Directory Synchronization\/906/, /trace-20261125-090544\.log/],
  },
  healthy: { verdict: 'healthy', main: null, exit: 0, evidenceFrom: [] },
  'conditional-access': {
    verdict: 'not-network',
    main: 'not-network-conditional-access',
    exit: 1,
    evidenceFrom: [/Application\/Directory Synchronization\/906/],
  },
  'bundle-proxy-bypass': {
    verdict: 'proxy-bypassed',
    main: 'proxy-bypass-dns',
    exit: 1,
    evidenceFrom: [/Application\/Directory Synchronization\/906/],
  },
};

function analyze(name: string): { code: number; report: Report; stderr: string } {
  const r = runCli(['analyze', `examples/${name}`, '--json']);
  let report: Report;
  try {
    report = JSON.parse(r.stdout) as Report;
  } catch {
    throw new Error(`examples/${name}: no JSON on stdout (exit ${r.code}): ${r.stderr.slice(0, 400)}`);
  }
  return { code: r.code, report, stderr: r.stderr };
}

describe('examples/', () => {
  it('every example folder has an expectation here', () => {
    const dirs = readdirSync(new URL('../examples', import.meta.url), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(dirs).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, exp] of Object.entries(EXPECTED)) {
    it(`${name} → ${exp.verdict}${exp.main ? ` / ${exp.main}` : ''}`, () => {
      const { code, report } = analyze(name);
      expect(report.verdict.code).toBe(exp.verdict);
      expect(code).toBe(exp.exit);
      if (exp.main === null) {
        expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
      } else {
        expect(report.findings[0]?.code).toBe(exp.main);
        const sources = report.findings[0]!.evidence.map((e) => e.source);
        for (const re of exp.evidenceFrom) expect(sources.some((s) => re.test(s))).toBe(true);
      }
      // A README describes the case; it must never be quoted as evidence.
      for (const f of report.findings) for (const e of f.evidence) expect(e.source).not.toMatch(/README\.md$/);
    });
  }

  it.each(['proxy-bypass', 'bundle-proxy-bypass'])('%s: service-proxy-missing beside the main finding', (name) => {
    const codes = analyze(name).report.findings.map((f) => f.code);
    expect(codes).toContain('service-proxy-missing');
    expect(codes).not.toContain('machine-config-invalid');
  });

  it('bundle-proxy-bypass: machine.config was last written long before the service started (no restart finding)', () => {
    // adsync.json says 2025-06-11 for both machine.config files; the copies' file-system times say "today".
    const codes = analyze('bundle-proxy-bypass').report.findings.map((f) => f.code);
    expect(codes).not.toContain('machine-config-restart-needed');
  });

  it('proxy-bypass: the sync service goes direct while the admin has a proxy', () => {
    const { report } = analyze('proxy-bypass');
    expect(report.proxyPaths.find((p) => p.actor === 'sync-service')?.route).toBe('direct');
    expect(report.proxyPaths.find((p) => p.actor === 'wizard-signin')).toMatchObject({ route: 'proxy', proxy: 'proxy.contoso.com:8080' });
  });

  it('bundle-proxy-bypass: collection steps come from manifest.json, every input is recognised', () => {
    const { report } = analyze('bundle-proxy-bypass');
    expect(report.collection.steps.map((s) => s.name)).toEqual(['preflight', 'proxy-config', 'sync-cycle', 'events', 'traces', 'probes']);
    expect(report.collection.steps.every((s) => s.status === 'ok')).toBe(true);
    const formats = Object.fromEntries((report.inputs ?? []).map((i) => [i.path.replace(/^bundle-proxy-bypass\//, ''), i.format]));
    expect(formats).toMatchObject({
      'manifest.json': 'bundle-manifest',
      'config/wininet.json': 'bundle-json',
      'config/adsync.json': 'bundle-json',
      'config/winhttp.txt': 'netsh-winhttp',
      'config/Framework64/machine.config': 'dotnet-config',
      'events/Application-Directory Synchronization.xml': 'event-xml',
      'traces/trace-20261124-154210.log': 'trace-log',
    });
    expect(report.proxyPaths.find((p) => p.actor === 'sync-service')?.route).toBe('direct');
  });
});
