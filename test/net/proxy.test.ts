// Real proxy tests: network namespaces (test/net/netns.sh), a real Squid, a fake internet serving HTTPS as
// login.microsoftonline.com with a test CA, and the real probe script run by pwsh inside the `server`
// namespace (no route, no DNS for public names). Then the analyze pipeline reads the probes file.
//
// Needs root (namespaces). CI runs as root and must run these: when CI is set and the network cannot be
// set up, the suite FAILS with the reason. Skipped only when not root and CI is not set.
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzePaths } from '../../src/analyze.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const netns = join(here, 'netns.sh');
const pwsh = join(repo, '.tools/pwsh/pwsh');
const probeScript = join(repo, 'ps/Invoke-AADSyncProbes.ps1');
const netDir = mkdtempSync(join(tmpdir(), 'aadd-net-state-'));
const work = mkdtempSync(join(tmpdir(), 'aadd-net-work-'));
// Unique names per run: other runs of this suite (CI, colleagues in the same tree) may be running at once.
const netId = Math.random().toString(36).slice(2, 8).replace(/[^a-z0-9]/g, '0').padEnd(6, '0');
const serverNs = `aadd-${netId}-server`;
const env = { ...process.env, AADD_NET_DIR: netDir, AADD_NET_ID: netId, AADD_NET_OWNER: String(process.pid) };
const ca = join(netDir, 'pki/ca.pem');
const PROXY = 'http://10.77.1.1:3128';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const inCi = !!process.env.CI;

interface Probe {
  endpoint: string;
  port: number;
  test: string;
  ok: boolean;
  route: string | null;
  proxy: string | null;
  httpStatus: number | null;
  errorClass: string | null;
  error: string | null;
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((res, rej) => {
    execFile(cmd, args, { env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 8 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) rej(new Error(`${cmd} ${args.join(' ')} failed: ${err.message}\n${stderr}`));
      else res({ stdout, stderr });
    });
  });
}

const harness = (...args: string[]) => run('bash', [netns, ...args], 90_000);

let case_ = 0;
/** Runs the probe script as the service inside the server namespace; returns the probes file and its folder. */
async function probe(input: Record<string, unknown>): Promise<{ bundle: string; results: Probe[]; doc: Record<string, unknown> }> {
  const bundle = join(work, `case-${++case_}`);
  mkdirSync(join(bundle, 'probes'), { recursive: true });
  const json = join(work, `input-${case_}.json`);
  writeFileSync(json, JSON.stringify({
    endpoints: [{ host: 'login.microsoftonline.com', port: 443 }, { host: 'adminwebservice.microsoftonline.com', port: 443 }],
    loginHost: 'login.microsoftonline.com',
    realmUser: 'someone@contoso.com',
    caCertFile: ca,
    timeoutMs: 5000,
    ...input,
  }));
  await run('ip', ['netns', 'exec', serverNs, pwsh, '-NoProfile', '-NonInteractive', '-File', probeScript,
    '-OutDir', join(bundle, 'probes'), '-As', 'service', '-ProxyJson', json], 120_000);
  const file = join(bundle, 'probes', 'probes-service.json');
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return { bundle, doc, results: doc['results'] as Probe[] };
}

function one(results: Probe[], test: string, endpoint = 'login.microsoftonline.com'): Probe {
  const p = results.find((r) => r.test === test && r.endpoint === endpoint);
  if (!p) throw new Error(`no ${test} result for ${endpoint}: ${JSON.stringify(results)}`);
  return p;
}

/** A bundle's config as the collector writes it: machine.config without a proxy, the admin with one. */
function addServerConfig(bundle: string): void {
  mkdirSync(join(bundle, 'config/Framework64'), { recursive: true });
  writeFileSync(
    join(bundle, 'config/Framework64/machine.config'),
    '\ufeff<?xml version="1.0" encoding="UTF-8" ?>\r\n<configuration>\r\n  <system.web>\r\n  </system.web>\r\n</configuration>\r\n',
  );
  writeFileSync(join(bundle, 'config/wininet.json'), JSON.stringify({
    schema: 'aadsync-diagnose/wininet@1', policy: { proxySettingsPerUser: null },
    hives: [{ hive: 'current-user', user: 'CONTOSO\\admin', sid: 'S-1-5-21-1-2-3-1104', keyPath: 'HKU\\S-1-5-21-1-2-3-1104\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings',
      values: { ProxyEnable: 1, ProxyServer: '10.77.1.1:3128', ProxyOverride: '<local>', AutoConfigURL: null, AutoDetect: 0 }, defaultConnectionSettings: null, error: null }],
  }));
  writeFileSync(join(bundle, 'config/adsync.json'), JSON.stringify({
    schema: 'aadsync-diagnose/adsync@1', elevated: true,
    service: { found: true, name: 'ADSync', status: 'Running', account: 'NT SERVICE\\ADSync', startTime: '2026-11-20T07:12:00.0000000Z' },
  }));
}

async function findings(bundle: string) {
  const { report } = await analyzePaths([bundle], { format: 'json', color: false, quiet: true });
  return report;
}

const accessLog = () => (existsSync(join(netDir, 'access.log')) ? readFileSync(join(netDir, 'access.log'), 'utf8') : '');

describe.skipIf(!isRoot && !inCi)('probes through a real Squid in network namespaces', () => {
  beforeAll(async () => {
    if (!isRoot) throw new Error('the network tests need root to create network namespaces (CI is set, so they must run: run CI as root)');
    if (!existsSync(pwsh)) throw new Error(`pwsh not found at ${pwsh}: run .ci/install.d/10-pwsh.sh`);
    try {
      await harness('up');
    } catch (e) {
      throw new Error(`could not set up the test network (needs iproute2, squid, openssl: .ci/install.d/30-network.sh): ${(e as Error).message}`);
    }
  }, 120_000);

  afterAll(async () => {
    // Always: namespaces, Squid and the fake internet go, even when a test failed.
    await harness('down').catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
    rmSync(netDir, { recursive: true, force: true });
  }, 120_000);

  it('direct fails (no DNS, no route) while the same request through Squid works', async () => {
    await harness('squid', 'open');
    const { bundle, results, doc } = await probe({ proxy: { address: PROXY, useDefaultCredentials: false, source: 'test' } });
    expect(doc['schema']).toBe('aadsync-diagnose/probes@1');
    expect(one(results, 'dns')).toMatchObject({ ok: false, errorClass: 'name-unresolved' });
    expect(one(results, 'tcp-direct')).toMatchObject({ ok: false, route: 'direct', errorClass: 'name-unresolved' });
    expect(one(results, 'https-proxy')).toMatchObject({ ok: true, route: 'proxy', httpStatus: 200, errorClass: null });
    expect(one(results, 'https-proxy', 'adminwebservice.microsoftonline.com')).toMatchObject({ ok: true, httpStatus: 200 });
    expect(one(results, 'realm-discovery')).toMatchObject({ ok: true, httpStatus: 200, proxy: PROXY });
    // Squid really carried it.
    expect(accessLog()).toMatch(/TCP_TUNNEL\/200 .* CONNECT login\.microsoftonline\.com:443/);

    // With the server's configuration (machine.config without a proxy, the admin with one), analyze
    // proves the missing service proxy from the probes.
    addServerConfig(bundle);
    const report = await findings(bundle);
    const f = report.findings.find((x) => x.code === 'service-proxy-missing');
    expect(f, JSON.stringify(report.findings.map((x) => x.code))).toBeDefined();
    expect(f!.confidence).toBe('high');
    expect(f!.evidence.some((e) => e.kind === 'probe' && /through http:\/\/10\.77\.1\.1:3128 as [\w-]+: ok/.test(e.excerpt))).toBe(true);
    expect(f!.fix.join('\n')).toContain('proxyaddress="http://10.77.1.1:3128"');
    const svc = report.proxyPaths.find((p) => p.actor === 'sync-service');
    expect(svc).toMatchObject({ route: 'direct' });
  }, 120_000);

  it('the certificate is still checked: without the test CA the request fails as tls', async () => {
    await harness('squid', 'open');
    const { results } = await probe({ proxy: { address: PROXY }, caCertFile: undefined });
    expect(one(results, 'https-proxy')).toMatchObject({ ok: false, errorClass: 'tls' });
  }, 120_000);

  it('Squid with basic auth required: proxy-auth (407), and analyze finds proxy-auth-required', async () => {
    await harness('squid', 'auth');
    const { bundle, results } = await probe({ proxy: { address: PROXY, useDefaultCredentials: true } });
    expect(one(results, 'https-proxy')).toMatchObject({ ok: false, errorClass: 'proxy-auth', httpStatus: 407 });
    expect(one(results, 'realm-discovery')).toMatchObject({ ok: false, errorClass: 'proxy-auth' });
    const report = await findings(bundle);
    expect(report.findings.map((x) => x.code)).toContain('proxy-auth-required');
    expect(report.verdict.code).toBe('proxy-rejected');
  }, 120_000);

  it('a Squid deny ACL: forbidden (403), and analyze finds proxy-denied', async () => {
    await harness('squid', 'deny');
    const { bundle, results } = await probe({ proxy: { address: PROXY } });
    expect(one(results, 'https-proxy')).toMatchObject({ ok: false, errorClass: 'forbidden', httpStatus: 403 });
    const report = await findings(bundle);
    expect(report.findings.map((x) => x.code)).toContain('proxy-denied');
    expect(accessLog()).toMatch(/TCP_DENIED\/403 .* CONNECT login\.microsoftonline\.com:443/);
  }, 120_000);

  it('Squid stopped: proxy-unreachable, and analyze says so', async () => {
    await harness('squid-stop');
    const { bundle, results } = await probe({ proxy: { address: PROXY } });
    expect(one(results, 'https-proxy')).toMatchObject({ ok: false, route: 'proxy', errorClass: 'proxy-unreachable' });
    const report = await findings(bundle);
    expect(report.findings.map((x) => x.code)).toContain('proxy-unreachable');
    expect(report.verdict.code).toBe('proxy-unreachable');
  }, 120_000);

  it('a bypass rule that matches sends that endpoint direct (and it fails), the others still use Squid', async () => {
    await harness('squid', 'open');
    const { bundle, results } = await probe({ proxy: { address: PROXY, bypassList: ['login\\.microsoftonline\\.com'] } });
    expect(one(results, 'https-proxy')).toMatchObject({ ok: false, route: 'direct', proxy: null, errorClass: 'name-unresolved' });
    expect(one(results, 'realm-discovery')).toMatchObject({ ok: false, route: 'direct', errorClass: 'name-unresolved' });
    expect(one(results, 'https-proxy', 'adminwebservice.microsoftonline.com')).toMatchObject({ ok: true, route: 'proxy' });
    const log = accessLog();
    expect(log).toMatch(/CONNECT adminwebservice\.microsoftonline\.com:443/);
    expect(log).not.toMatch(/CONNECT login\.microsoftonline\.com:443/);
    const report = await findings(bundle);
    expect(report.findings.map((x) => x.code)).toContain('proxy-bypass-dns');
    expect(report.verdict.code).toBe('proxy-bypassed');
  }, 120_000);
});
