// Which fixes `fix` plans from a diagnosis (src/fix/plan.ts), on the bundled examples and on
// machine.config files written for the case, and the proof it gives afterwards (src/fix/proof.ts).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectEvidence } from '../../src/evidence/collect-evidence.js';
import { reportOf } from '../../src/analyze.js';
import { buildContext } from '../../src/rules/context.js';
import { accountCanAuthenticate, decideFixes, normaliseProxyOption, restartOnlyPlan, standaloneCommand } from '../../src/fix/plan.js';
import { buildProof } from '../../src/fix/proof.js';
import type { Finding } from '../../src/model/report.js';
import type { EvidenceSet } from '../../src/evidence/types.js';
import { repoRoot } from '../helpers/cli.js';

async function decide(paths: string[], proxy?: string) {
  const ev = await collectEvidence(paths);
  const report = reportOf(ev);
  return { ev, report, d: decideFixes(report, ev, buildContext(ev).proxy, proxy ? { proxy } : {}) };
}

const finding = (code: string, severity: Finding['severity'] = 'error'): Finding => ({
  code, severity, route: 'direct', confidence: 'high', title: `title of ${code}`, explanation: '', evidence: [], fix: [], references: [],
});

function machineConfig(section: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fixplan-'));
  mkdirSync(join(dir, 'config', 'Framework64'), { recursive: true });
  writeFileSync(join(dir, 'config', 'Framework64', 'machine.config'), `<?xml version="1.0" encoding="UTF-8" ?>\r\n<configuration>\r\n  <system.net>\r\n${section}\r\n  </system.net>\r\n</configuration>\r\n`);
  return dir;
}

describe('decideFixes', () => {
  it('plans the machine.config section with the proxy the bundled bypass example names, for both frameworks', async () => {
    const { d } = await decide([join(repoRoot, 'examples', 'bundle-proxy-bypass')]);
    expect(d.plan?.machineConfig).toEqual({ proxyAddress: 'http://proxy.contoso.com:8080', useDefaultCredentials: false, bypassOnLocal: true, bypassList: [], frameworks: ['Framework64', 'Framework'] });
    expect(d.plan?.tls12).toBeNull();
    expect(d.items[0]!.because).toEqual(expect.arrayContaining(['service-proxy-missing', 'proxy-bypass-dns']));
    expect(d.restartAdvised).toBe(true);
    expect(d.notForFix).toEqual([]);
  });

  it('plans nothing for a Conditional Access block, and says that finding is not a change it makes', async () => {
    const { d } = await decide([join(repoRoot, 'examples', 'conditional-access')]);
    expect(d.plan).toBeNull();
    expect(d.notForFix.map((n) => n.code)).toContain('not-network-conditional-access');
  });

  it('plans nothing on a healthy server', async () => {
    const { d } = await decide([join(repoRoot, 'examples', 'healthy')]);
    expect(d.plan).toBeNull();
    expect(d.items).toEqual([]);
  });

  it('takes --proxy over the evidence, and writes the section with it even when no finding asked', async () => {
    const { d } = await decide([join(repoRoot, 'examples', 'bundle-proxy-bypass')], 'http://10.1.2.3:3128');
    expect(d.plan?.machineConfig?.proxyAddress).toBe('http://10.1.2.3:3128');
    expect(d.items[0]!.words).toMatch(/from --proxy/);
    const healthy = await decide([join(repoRoot, 'examples', 'healthy')], 'http://proxy.contoso.com:8080');
    expect(healthy.d.plan?.machineConfig?.proxyAddress).toBe('http://proxy.contoso.com:8080');
    expect(healthy.d.items[0]!.because).toEqual(['--proxy']);
  });

  it('keeps the customer\'s own bypass entries and leaves out those that send Microsoft direct or are not regular expressions', async () => {
    const ev = await collectEvidence([machineConfig('    <defaultProxy>\r\n      <proxy proxyaddress="http://proxy.contoso.com:8080" />\r\n      <bypasslist>\r\n        <add address="\\.contoso\\.com$" />\r\n        <add address="microsoftonline" />\r\n        <add address="*.intranet" />\r\n      </bypasslist>\r\n    </defaultProxy>')]);
    const d = decideFixes({ findings: [finding('proxy-bypass-dns')] }, ev, buildContext(ev).proxy);
    expect(d.plan?.machineConfig?.bypassList).toEqual(['\\.contoso\\.com$']);
    expect(d.droppedBypass).toEqual([
      { entry: 'microsoftonline', why: 'it sends login.microsoftonline.com around the proxy' },
      { entry: '*.intranet', why: 'not a regular expression (.NET refuses it)' },
    ]);
  });

  it('adds useDefaultCredentials for a 407 the service account can answer, and keeps credentials already set', async () => {
    const ev = await collectEvidence([machineConfig('    <defaultProxy>\r\n      <proxy proxyaddress="http://proxy.contoso.com:8080" />\r\n    </defaultProxy>')]);
    ev.adsync.push({ file: 'config/adsync.json', serviceAccount: 'NT SERVICE\\ADSync' });
    const d = decideFixes({ findings: [finding('proxy-auth-required')] }, ev, buildContext(ev).proxy);
    expect(d.plan?.machineConfig?.useDefaultCredentials).toBe(true);
    expect(d.items[0]!.words).toMatch(/Windows credentials/);
  });

  it('does not plan credentials a local account cannot give, and says why', async () => {
    const ev = await collectEvidence([machineConfig('    <defaultProxy>\r\n      <proxy proxyaddress="http://proxy.contoso.com:8080" />\r\n    </defaultProxy>')]);
    ev.adsync.push({ file: 'config/adsync.json', serviceAccount: '.\\svc-sync' });
    const d = decideFixes({ findings: [finding('proxy-auth-required')] }, ev, buildContext(ev).proxy);
    expect(d.plan?.machineConfig?.useDefaultCredentials).toBe(false);
    expect(d.blocked[0]).toMatchObject({ code: 'proxy-auth-required' });
    expect(d.blocked[0]!.why).toMatch(/local account .\\svc-sync/);
  });

  it('cannot plan the section without an address, and asks for --proxy', () => {
    const ev: EvidenceSet = { inputs: [], groups: [], dotNetProxy: [], winInet: [], winHttp: [], environment: [], traceProxy: [], adsync: [], sync: [], probes: [], collection: [], counts: { events: 0, relevantEvents: 0, traceRecords: 0, textRecords: 0 }, tls: [] } as unknown as EvidenceSet;
    const d = decideFixes({ findings: [finding('proxy-bypass-dns')] }, ev, buildContext(ev).proxy);
    expect(d.plan).toBeNull();
    expect(d.blocked).toEqual([{ code: 'proxy-bypass-dns', why: 'no proxy address in the evidence: name it with --proxy host:port' }]);
  });

  it('plans the TLS 1.2 values for tls12-not-enabled, both registry views', () => {
    const ev = { inputs: [], groups: [], dotNetProxy: [], winInet: [], winHttp: [], environment: [], traceProxy: [], adsync: [], sync: [], probes: [], collection: [], counts: { events: 0, relevantEvents: 0, traceRecords: 0, textRecords: 0 }, tls: [] } as unknown as EvidenceSet;
    const d = decideFixes({ findings: [finding('tls12-not-enabled')] }, ev, buildContext(ev).proxy);
    expect(d.plan?.tls12).toEqual({ views: ['64', '32'] });
    expect(d.plan?.machineConfig).toBeNull();
  });
});

describe('restartOnlyPlan', () => {
  it('repeats the section the service has, so only the restart is left to do', async () => {
    const ev = await collectEvidence([machineConfig('    <defaultProxy useDefaultCredentials="true">\r\n      <proxy proxyaddress="http://proxy.contoso.com:8080" bypassonlocal="true" />\r\n    </defaultProxy>')]);
    expect(restartOnlyPlan(buildContext(ev).proxy, 't')?.machineConfig).toEqual({ proxyAddress: 'http://proxy.contoso.com:8080', useDefaultCredentials: true, bypassOnLocal: true, bypassList: [], frameworks: ['Framework64'] });
  });
});

describe('normaliseProxyOption', () => {
  it.each([
    ['proxy.contoso.com:8080', 'http://proxy.contoso.com:8080'],
    ['http://PROXY:3128/', 'http://proxy:3128'],
    ['[fd00::1]:8080', 'http://[fd00::1]:8080'],
  ])('accepts %s', (v, want) => expect(normaliseProxyOption(v)).toBe(want));
  it.each(['proxy', 'https://proxy:8443', 'http://user:P@ssw0rd-FAKE-2@proxy:8080', 'proxy:0', 'proxy:70000', 'http://proxy:8080/path'])('refuses %s', (v) => expect(normaliseProxyOption(v)).toBeNull());
});

describe('accountCanAuthenticate', () => {
  it('knows which service accounts can answer an NTLM/Kerberos challenge', () => {
    expect(accountCanAuthenticate('NT SERVICE\\ADSync')).toBe(true);
    expect(accountCanAuthenticate('CONTOSO\\svc-aadsync$')).toBe(true);
    expect(accountCanAuthenticate('CONTOSO\\svc-aadsync')).toBe(true);
    expect(accountCanAuthenticate('.\\svc')).toBe(false);
    expect(accountCanAuthenticate('svc')).toBe(false);
    expect(accountCanAuthenticate(undefined)).toBeUndefined();
  });
});

describe('standaloneCommand', () => {
  it('gives the same plan as parameters of the collector\'s entry script, as a preview', () => {
    expect(
      standaloneCommand({ schema: 'aadsync-diagnose/fix-plan@1', source: 't', reasons: [], machineConfig: { proxyAddress: 'http://p:8080', useDefaultCredentials: true, bypassOnLocal: true, bypassList: ["\\.it's$"], frameworks: ['Framework64'] }, tls12: { views: ['64', '32'] } }),
    ).toBe("powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\\ps\\Invoke-AADSyncDiagnose.ps1 -OutDir C:\\Temp\\aadsync -Fix -ProxyAddress p:8080 -UseDefaultCredentials -BypassList '\\.it''s$' -Tls12 -WhatIf");
  });
});

describe('buildProof', () => {
  const ep = (pattern: string, port: 80 | 443 = 443) => ({ pattern, host: pattern, port, scheme: 'https' as const, features: [], description: '' });
  const dec = (actor: string, pattern: string, route: 'direct' | 'proxy', proxy: string | null = null) =>
    ({ actor, endpoint: ep(pattern), route, effective: route, proxy, source: route === 'proxy' ? 'machine.config (Framework64)' : 'no defaultProxy', reasons: [], layer: 'machine.config' }) as never;
  const plan = { schema: 'aadsync-diagnose/fix-plan@1' as const, source: 't', reasons: [], machineConfig: { proxyAddress: 'http://proxy.contoso.com:8080', useDefaultCredentials: false, bypassOnLocal: true, bypassList: [], frameworks: ['Framework64' as const] }, tls12: null };

  it('shows each actor\'s endpoints before -> after and confirms the planned path', () => {
    const before = { report: { findings: [finding('service-proxy-missing')], verdict: { code: 'proxy-bypassed' as const, summary: '' } }, decisions: [dec('sync-service', 'login.microsoftonline.com', 'direct'), dec('sync-service', 'login.windows.net', 'direct'), dec('wizard-signin', 'login.microsoftonline.com', 'proxy', 'proxy.contoso.com:8080')], probes: [] };
    const after = { report: { findings: [finding('machine-config-restart-needed', 'warning')], verdict: { code: 'healthy' as const, summary: '' } }, decisions: [dec('sync-service', 'login.microsoftonline.com', 'proxy', 'proxy.contoso.com:8080'), dec('sync-service', 'login.windows.net', 'proxy', 'proxy.contoso.com:8080'), dec('wizard-signin', 'login.microsoftonline.com', 'proxy', 'proxy.contoso.com:8080')], probes: [] };
    const p = buildProof(before, after, plan);
    expect(p.routes).toEqual([{ actor: 'sync-service', endpoints: ['login.microsoftonline.com', 'login.windows.net'], before: 'direct', after: 'proxy proxy.contoso.com:8080' }]);
    expect(p.expected.ok).toBe(true);
    expect(p.findings).toEqual({ resolved: ['service-proxy-missing'], remaining: [], added: ['machine-config-restart-needed'] });
    expect(p.restartPending).toBe(true);
    expect(p.expected.lines.join(' ')).toMatch(/has not restarted/);
  });

  it('says so when the service still goes around the proxy', () => {
    const before = { report: { findings: [], verdict: { code: 'proxy-bypassed' as const, summary: '' } }, decisions: [dec('sync-service', 'login.microsoftonline.com', 'direct')], probes: [] };
    const after = { report: { findings: [], verdict: { code: 'proxy-bypassed' as const, summary: '' } }, decisions: [dec('sync-service', 'login.microsoftonline.com', 'direct')], probes: [] };
    const p = buildProof(before, after, plan);
    expect(p.expected.ok).toBe(false);
    expect(p.expected.lines[0]).toMatch(/does NOT go through proxy.contoso.com:8080 for login.microsoftonline.com: direct/);
  });

  it('compares the probes of the same test, endpoint and account', () => {
    const probe = (ok: boolean, proxy: string | null, errorClass: string | null) => ({ file: 'p', endpoint: 'login.microsoftonline.com', port: 443, test: 'https-proxy', as: 'admin', ok, proxy, errorClass, httpStatus: ok ? 200 : null });
    const p = buildProof(
      { report: { findings: [], verdict: { code: 'proxy-bypassed', summary: '' } }, decisions: [], probes: [] },
      { report: { findings: [], verdict: { code: 'healthy', summary: '' } }, decisions: [], probes: [probe(true, 'http://proxy.contoso.com:8080', null)] },
      null,
    );
    expect(p.probes).toEqual([{ as: 'admin', endpoint: 'login.microsoftonline.com:443', test: 'https-proxy', before: null, after: 'ok (HTTP 200) via proxy.contoso.com:8080' }]);
  });
});
