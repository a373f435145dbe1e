// End to end: `node dist/cli.js run --simulate <scenario> --json --out <tmp>` through real pwsh, for
// every scenario: exit code, collection steps (report and manifest), bundle files, zip, and the
// findings this layer's evidence guarantees (sync skipped reasons, module missing, the proxy verdicts).
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, requirePwsh, shouldRun } from '../ps/pwsh.js';
import { zipEntries } from '../../src/evidence/zip.js';

const cli = join(repoRoot, 'dist', 'cli.js');

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  out: string;
  bundle: string;
  report: any;
  manifest: any;
}

function runCli(args: string[], timeoutMs = 180_000, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [cli, ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const t = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('close', (code) => {
      clearTimeout(t);
      resolve({ code, stdout, stderr });
    });
  });
}

async function simulate(scenario: string, extra: string[] = [], env: Record<string, string> = {}): Promise<Outcome> {
  const out = mkdtempSync(join(tmpdir(), `sim-${scenario}-`));
  // --keep-raw: these tests read the collector's own folder (by default run removes it; see below).
  const r = await runCli(['run', '--simulate', scenario, '--json', '--keep-raw', '--out', out, '--powershell', requirePwsh(), ...extra], 180_000, env);
  const dirs = readdirSync(out).filter((n) => n.startsWith('aadsync-diagnose-') && statSync(join(out, n)).isDirectory());
  const bundle = dirs.length === 1 ? join(out, dirs[0]!) : '';
  const read = (p: string) => (bundle && existsSync(join(bundle, p)) ? JSON.parse(readFileSync(join(bundle, p), 'utf8')) : null);
  let report: any = null;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    report = null;
  }
  return { ...r, out, bundle, report, manifest: read('manifest.json') };
}

const steps = (o: Outcome) => Object.fromEntries((o.report?.collection?.steps ?? []).map((s: any) => [s.name, s.status]));
const manifestSteps = (o: Outcome) => Object.fromEntries((o.manifest?.steps ?? []).map((s: any) => [s.name, s.status]));
const codes = (o: Outcome) => (o.report?.findings ?? []).map((f: any) => f.code);
const has = (o: Outcome, rel: string) => existsSync(join(o.bundle, rel));
const json = (o: Outcome, rel: string) => JSON.parse(readFileSync(join(o.bundle, rel), 'utf8'));

describe.runIf(shouldRun('run --simulate end-to-end tests'))('run --simulate (real pwsh, the real collector)', () => {
  const results: Record<string, Outcome> = {};
  beforeAll(async () => {
    requirePwsh();
    // Two at a time: 2-core machines.
    const plan: [string, string[]][] = [
      ['healthy', []], ['proxy-bypass', []], ['proxy-auth', []], ['staging-mode', []],
      ['sync-in-progress', []], ['module-missing', []], ['step-hang', ['--timeout', '6s']],
    ];
    for (let i = 0; i < plan.length; i += 2) {
      const batch = plan.slice(i, i + 2);
      const outs = await Promise.all(batch.map(([s, extra]) => simulate(s, extra)));
      batch.forEach(([s], j) => (results[s] = outs[j]!));
    }
  }, 600_000);

  it('writes a JSON report and a bundle folder, manifest and zip for every scenario', () => {
    for (const [name, o] of Object.entries(results)) {
      expect(o.report, `${name}: ${o.stderr}`).not.toBeNull();
      expect(o.report.schemaVersion).toBe(1);
      expect(o.bundle, name).not.toBe('');
      expect(o.manifest.schema).toBe('aadsync-diagnose/manifest@1');
      expect(o.manifest.tool.simulated).toBe(true);
      expect(o.manifest.host).toBe('AADC01');
      expect(existsSync(`${o.bundle}.zip`), `${name} zip`).toBe(true);
      for (const f of ['report.json', 'report.md', 'config/wininet.json', 'config/environment.json', 'config/winhttp.txt', 'config/tls.json', 'config/Framework64/machine.config', 'sync/cycle.json']) {
        expect(has(o, f), `${name}: ${f}`).toBe(true);
      }
      // Every file the manifest lists exists with that size (report.* are written after the collector).
      for (const f of o.manifest.files) expect(statSync(join(o.bundle, f.path)).size, `${name}: ${f.path}`).toBe(f.bytes);
      expect(steps(o).probes).toBe('skipped');
      expect(o.report.collection.steps.map((s: any) => s.name)).toEqual(['preflight', 'proxy-config', 'sync-cycle', 'events', 'traces', 'probes']);
      expect(steps(o)).toEqual(manifestSteps(o));
    }
  });

  it('the zip holds the three reports, the manifest and the collected files (CONTRACT bundle layout)', async () => {
    const o = results['proxy-bypass']!;
    const names: string[] = [];
    for await (const e of zipEntries(`${o.bundle}.zip`)) names.push(e.path.replace(/^.*\.zip[\\/]/, ''));
    for (const f of ['manifest.json', 'report.json', 'report.md', 'report.html', 'config/wininet.json', 'sync/cycle.json']) {
      expect(names.some((n) => n.endsWith(f)), f).toBe(true);
    }
    expect(names.some((n) => n.endsWith('redaction-map.json'))).toBe(false);
  });

  it('healthy: exit 0, every step ok, the Delta cycle with its run history, verdict healthy', () => {
    const o = results.healthy!;
    expect(o.code, o.stderr).toBe(0);
    expect(steps(o)).toMatchObject({ preflight: 'ok', 'proxy-config': 'ok', 'sync-cycle': 'ok', events: 'ok', traces: 'ok' });
    const cycle = json(o, 'sync/cycle.json');
    expect(cycle).toMatchObject({ requested: 'delta', started: true, skippedReason: null, startResult: { Result: 'Success' }, waitTimedOut: false });
    const runs = json(o, 'sync/run-profile-results.json');
    expect(runs.scope).toBe('cycle');
    expect(runs.results.length).toBe(6);
    expect(runs.results.every((r: any) => r.Result === 'success')).toBe(true);
    // The real run-history fields (issue 13.8): ids, the account, step counts, run numbers per connector,
    // and each step with its connection and texts.
    for (const r of runs.results) {
      expect(r.ConnectorId).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.RunProfileId).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.Username).toBe('NT SERVICE\\ADSync');
      expect(r.TotalSteps).toBe(r.Steps.length);
      expect(r.Steps[0]).toMatchObject({ StepNumber: 1, StepResult: 'success', Connection: null });
      expect(r.Steps[0].StepHistoryId).toMatch(/^[0-9a-f-]{36}$/);
    }
    const byConnector = new Map<string, number[]>();
    for (const r of runs.results) byConnector.set(r.ConnectorName, [...(byConnector.get(r.ConnectorName) ?? []), r.RunNumber]);
    for (const numbers of byConnector.values()) expect(new Set(numbers).size).toBe(numbers.length);
    expect([...byConnector.values()].every((n) => Math.min(...n) > 26280)).toBe(true);
    expect(has(o, 'traces/trace-20261125-091201.log')).toBe(true);
    expect(has(o, 'traces/trace-20260301-101500.log')).toBe(false);
    // The scenario's Get-WinEvent faults (issue 13.3): an unreadable record and a provider that writes
    // elsewhere leave the step ok, keep every readable event and are counted in the notes.
    const notes = o.manifest.steps.find((s: any) => s.name === 'events').notes as string[];
    expect(notes).toContain('Directory Synchronization: 1 record(s) could not be read (The data is invalid); the 5 readable events are kept');
    expect(notes).toContain('Directory Synchronization: 5');
    // The password-sync heartbeat with its real wording and <forest-info> trailer (issue 13.9).
    const ds = readFileSync(join(o.bundle, 'events', 'Application-Directory Synchronization.xml'), 'utf8');
    expect(ds).toContain('<Data>Provision credentials ping end.&#xD;\n&#xD;\n&lt;forest-info&gt;');
    expect(json(o, 'config/adsync.json').connectors.find((c: any) => c.name.endsWith(' - AAD'))).toMatchObject({
      type: 'Extensible2', subType: 'Windows Azure Active Directory (Microsoft)', identifier: 'b891884f-051e-4a83-95af-2544101c9083',
    });
    expect(notes).toContain('AzureADConnectHealth*: none (the provider writes to another log, not to Application)');
    // config/tls.json (issue 13.5): the .NET Framework values of both views and the SCHANNEL keys as stored.
    const tls = json(o, 'config/tls.json');
    expect(tls.schema).toBe('aadsync-diagnose/tls@1');
    expect(tls.netFramework.map((n: any) => [n.view, n.SchUseStrongCrypto, n.SystemDefaultTlsVersions])).toEqual([['64', 1, 1], ['32', 1, 1]]);
    const side = (p: string, s: string) => tls.schannel.find((x: any) => x.protocol === p && x.side === s);
    expect(side('TLS 1.2', 'Server')).toMatchObject({ found: true, Enabled: 4294967295, DisabledByDefault: 0 });
    expect(side('TLS 1.0', 'Server')).toMatchObject({ found: true, Enabled: 0, DisabledByDefault: 1 });
    expect(side('TLS 1.3', 'Client')).toMatchObject({ found: false, Enabled: null, DisabledByDefault: null });
    expect(o.report.verdict.code).toBe('healthy');
    expect(o.report.findings.filter((f: any) => f.severity === 'error')).toEqual([]);
  });

  it('proxy-bypass: the engine errors land in the bundle after the cycle started, verdict proxy-bypassed, exit 1', () => {
    const o = results['proxy-bypass']!;
    expect(o.code, o.stderr).toBe(1);
    expect(steps(o)['sync-cycle']).toBe('ok');
    const xml = readFileSync(join(o.bundle, 'events', 'Application-ADSync.xml'), 'utf8');
    expect(xml).toMatch(/^<\?xml version='1\.0' encoding='utf-8'\?>\r\n<Events>/);
    expect(xml).toContain("The remote name could not be resolved: 'login.microsoftonline.com'");
    expect(xml).toMatch(/<RenderingInfo Culture='[^']+'><Message>/);
    const runs = json(o, 'sync/run-profile-results.json');
    const aad = runs.results.find((r: any) => r.ConnectorName.endsWith(' - AAD'));
    expect(aad.Result).toBe('stopped-extension-dll-exception');
    expect(aad.StepErrors.join(' ')).toContain('The remote name could not be resolved');
    const wininet = json(o, 'config/wininet.json');
    expect(wininet.hives[0]).toMatchObject({ hive: 'current-user', values: { ProxyEnable: 1, ProxyServer: 'proxy.contoso.com:8080' } });
    expect(readFileSync(join(o.bundle, 'config/Framework64/machine.config'), 'utf8')).not.toContain('defaultProxy enabled');
    expect(o.report.verdict.code).toBe('proxy-bypassed');
    expect(codes(o)).toContain('proxy-bypass-dns');
  });

  it('proxy-auth: 407 from the proxy, verdict proxy-rejected, exit 1', () => {
    const o = results['proxy-auth']!;
    expect(o.code, o.stderr).toBe(1);
    expect(o.report.verdict.code).toBe('proxy-rejected');
    expect(codes(o)).toContain('proxy-auth-required');
    expect(codes(o)).not.toContain('proxy-bypass-dns');
  });

  it('staging-mode: no cycle started (skipped, with the reason), finding staging-mode, exit 0', () => {
    const o = results['staging-mode']!;
    expect(o.code, o.stderr).toBe(0);
    expect(steps(o)['sync-cycle']).toBe('skipped');
    expect(json(o, 'sync/cycle.json')).toMatchObject({ started: false, skippedReason: 'staging-mode' });
    expect(json(o, 'config/adsync.json').scheduler.StagingModeEnabled).toBe(true);
    expect(json(o, 'sync/run-profile-results.json').scope).toBe('look-back');
    expect(codes(o)).toContain('staging-mode');
  });

  it('sync-in-progress: no cycle started, finding sync-in-progress, exit 0', () => {
    const o = results['sync-in-progress']!;
    expect(o.code, o.stderr).toBe(0);
    expect(steps(o)['sync-cycle']).toBe('skipped');
    expect(json(o, 'sync/cycle.json')).toMatchObject({ started: false, skippedReason: 'sync-in-progress' });
    expect(codes(o)).toContain('sync-in-progress');
  });

  it('module-missing: preflight ok, sync skipped (module-missing), finding adsync-module-missing, exit 1', () => {
    const o = results['module-missing']!;
    expect(o.code, o.stderr).toBe(1);
    expect(steps(o)).toMatchObject({ preflight: 'ok', 'proxy-config': 'ok', 'sync-cycle': 'skipped', events: 'ok', traces: 'ok' });
    const ad = json(o, 'config/adsync.json');
    expect(ad.module).toMatchObject({ found: false });
    expect(ad.service).toMatchObject({ found: false });
    expect(json(o, 'sync/cycle.json').skippedReason).toBe('module-missing');
    expect(codes(o)).toContain('adsync-module-missing');
  });

  it('step-hang: the hung cmdlet times out, the other steps still run and write their files, exit 3', () => {
    const o = results['step-hang']!;
    expect(o.code, o.stderr).toBe(3);
    expect(steps(o)).toMatchObject({ preflight: 'ok', 'proxy-config': 'ok', 'sync-cycle': 'timeout', events: 'ok', traces: 'ok' });
    const hung = o.report.collection.steps.find((s: any) => s.name === 'sync-cycle');
    expect(hung.error).toMatch(/no answer within 6s/);
    // What the step wrote before it hung is kept; the steps after it wrote theirs.
    expect(json(o, 'sync/cycle.json')).toMatchObject({ started: true });
    expect(has(o, 'sync/run-profile-results.json')).toBe(false);
    expect(has(o, 'events/Application-Directory Synchronization.xml')).toBe(true);
    expect(has(o, 'traces/trace-20261125-091201.log')).toBe(true);
    expect(o.manifest.finishedAt).toMatch(/Z$/);
    // A cycle that never returned is not a working sync, whatever else looked fine.
    expect(o.report.verdict.code).toBe('inconclusive');
    expect(o.report.verdict.summary).toMatch(/sync-cycle timed out/);
  });
});

// Issue 13.2: run history comes back as UTC wall clock with Kind Unspecified (the simulator returns it
// so). East of UTC, treating it as local time put every run of the cycle before the cycle's start.
describe.runIf(shouldRun('run --simulate in other time zones'))('run --simulate on a server that is not on UTC', () => {
  for (const tz of ['Asia/Tokyo', 'America/Los_Angeles']) {
    it(`${tz}: the cycle's runs are all kept, with their UTC times inside the cycle`, async () => {
      const o = await simulate('healthy', [], { TZ: tz });
      expect(o.code, o.stderr).toBe(0);
      const cycle = json(o, 'sync/cycle.json');
      const runs = json(o, 'sync/run-profile-results.json');
      expect(runs.scope).toBe('cycle');
      expect(runs.results.length).toBe(6);
      const started = Date.parse(cycle.startedAt);
      const finished = Date.parse(cycle.finishedAt);
      for (const r of runs.results) {
        expect(r.StartDate, r.StartDate).toMatch(/Z$/);
        expect(Date.parse(r.StartDate)).toBeGreaterThanOrEqual(started - 5_000);
        expect(Date.parse(r.EndDate)).toBeLessThanOrEqual(finished + 60_000);
      }
    }, 180_000);
  }
});

// Issue 15 A6 and D3: only the redacted zip (and the map that stays on the server) is left in --out;
// the raw folder is gone unless --keep-raw; --json and -q say where the zip is and its SHA-256.
describe.runIf(shouldRun('run --simulate bundle location tests'))('run leaves only what is safe to attach, and says where it is', () => {
  it('--json: the raw folder is removed, the report names the zip and its SHA-256, stderr says what to attach', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sim-attach-'));
    const r = await runCli(['run', '--simulate', 'proxy-bypass', '--sync', 'none', '--json', '--out', out, '--powershell', requirePwsh()]);
    expect(r.code, r.stderr).toBe(1);
    const left = readdirSync(out).sort();
    expect(left).toHaveLength(2);
    expect(left[0]).toMatch(/^aadsync-diagnose-sim-proxy-bypass-\d{8}T\d{6}Z\.zip$/);
    expect(left[1]).toBe('redaction-map.json');
    const report = JSON.parse(r.stdout);
    expect(report.bundle.path).toBe(join(out, left[0]!));
    const { createHash } = await import('node:crypto');
    expect(report.bundle.sha256).toBe(createHash('sha256').update(readFileSync(join(out, left[0]!))).digest('hex'));
    // The zip's own report.json cannot hold its own hash: it has no bundle field.
    for await (const e of zipEntries(join(out, left[0]!))) {
      if (e.path !== 'report.json') continue;
      const parts: Buffer[] = [];
      for await (const c of await e.open()) parts.push(c as Buffer);
      expect(JSON.parse(Buffer.concat(parts).toString('utf8')).bundle).toBeUndefined();
    }
  }, 180_000);

  it('-q: the verdict line ends with the bundle path and SHA-256; text mode tells which file to attach', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sim-quiet-'));
    const q = await runCli(['run', '--simulate', 'healthy', '--sync', 'none', '-q', '--out', out, '--powershell', requirePwsh()]);
    expect(q.code, q.stderr).toBe(0);
    const zip = readdirSync(out).find((n) => n.endsWith('.zip'))!;
    const lines = q.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^healthy: .* \\| bundle: ${join(out, zip).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} sha256: [0-9a-f]{64}$`));
    const out2 = mkdtempSync(join(tmpdir(), 'sim-text-'));
    const t = await runCli(['run', '--simulate', 'healthy', '--sync', 'none', '--out', out2, '--powershell', requirePwsh()]);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stderr).toMatch(/bundle: .*\.zip \(redacted: safe to attach to the ticket; SHA-256 [0-9a-f]{64}\)/);
    expect(t.stderr).toMatch(/keep on this server, never attach: .*redaction-map\.json/);
    expect(t.stderr).toContain('the raw collector folder (unredacted) was removed; --keep-raw keeps it');
    const kept = mkdtempSync(join(tmpdir(), 'sim-keep-'));
    const k = await runCli(['run', '--simulate', 'healthy', '--sync', 'none', '--keep-raw', '--out', kept, '--powershell', requirePwsh()]);
    expect(k.code, k.stderr).toBe(0);
    expect(k.stderr).toMatch(/raw collector folder, NOT redacted, never attach: /);
    expect(readdirSync(kept).some((n) => statSync(join(kept, n)).isDirectory())).toBe(true);
  }, 300_000);
});

// Issue 13.10: Constrained Language mode (AppLocker/WDAC). Emulated: a stand-in for pwsh starts the real
// pwsh with a wrapper that loads the simulator (standing in for the trusted OS and ADSync) in Full
// Language, switches the session to Constrained Language, then runs the real collector, whose module is
// then imported in Constrained Language like an untrusted script's. Before the fix the module did not
// even import (New-Object of a non-core type in Constants.ps1).
describe.runIf(shouldRun('run --simulate in Constrained Language mode'))('run --simulate under Constrained Language mode', () => {
  it('falls back to the sequential collector: every step but the probes, a notice, the same diagnosis', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clm-'));
    const wrapper = join(dir, 'as-constrained-language.ps1');
    writeFileSync(wrapper, [
      "Import-Module (Join-Path (Split-Path -Parent $env:AADSYNC_TEST_TARGET) 'simulator/AADSyncSimulator.psm1')",
      "$ExecutionContext.SessionState.LanguageMode = 'ConstrainedLanguage'",
      '& $env:AADSYNC_TEST_TARGET @args',
      'exit $LASTEXITCODE',
    ].join('\n'));
    // The stand-in for pwsh: '-File <collector>' becomes '-File <wrapper>' with the collector in the environment.
    const fake = join(dir, 'pwsh-constrained');
    writeFileSync(fake, [
      '#!/usr/bin/env node',
      "const { spawnSync } = require('node:child_process');",
      'const args = process.argv.slice(2);',
      "const i = args.indexOf('-File');",
      'const env = { ...process.env };',
      'if (i >= 0) { env.AADSYNC_TEST_TARGET = args[i + 1]; args[i + 1] = env.AADSYNC_TEST_WRAPPER; }',
      "const r = spawnSync(env.AADSYNC_TEST_PWSH, args, { stdio: 'inherit', env });",
      'process.exit(r.status === null ? 1 : r.status);',
    ].join('\n'));
    chmodSync(fake, 0o755);
    const o = await simulate('proxy-bypass', ['--powershell', fake], { AADSYNC_TEST_PWSH: requirePwsh(), AADSYNC_TEST_WRAPPER: wrapper });
    expect(o.code, o.stderr).toBe(1);
    expect(o.manifest.options).toMatchObject({ languageMode: 'ConstrainedLanguage', runner: 'sequential' });
    expect(manifestSteps(o)).toEqual({ preflight: 'ok', 'proxy-config': 'ok', 'sync-cycle': 'ok', events: 'ok', traces: 'ok', probes: 'skipped' });
    expect(o.report.verdict.code).toBe('proxy-bypassed');
    expect(codes(o)).toContain('proxy-bypass-dns');
    // The events were rebuilt from their properties (ToXml() is a method Constrained Language blocks).
    const xml = readFileSync(join(o.bundle, 'events', 'Application-ADSync.xml'), 'utf8');
    expect(xml).toContain("The remote name could not be resolved: 'login.microsoftonline.com'");
    expect(xml).toMatch(/<EventID Qualifiers='49152'>6900<\/EventID>/);
  }, 180_000);
});
