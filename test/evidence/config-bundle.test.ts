import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  applyConfigFileTimes,
  asArray,
  asDate,
  mergeSyncEvidence,
  parseBundleJson,
} from '../../src/evidence/readers/bundle-json.js';
import { readConfigLike } from '../../src/evidence/readers/config.js';
import { parseDotNetConfig } from '../../src/evidence/readers/dotnet-config.js';

const B = 'bundle-proxy-bypass';
const read = (rel: string): string => readFileSync(new URL(`../../examples/${B}/${rel}`, import.meta.url), 'utf8');

describe('bundle JSON of examples/bundle-proxy-bypass (docs/bundle-format.md shapes)', () => {
  it('manifest.json → collection steps, and nothing else', () => {
    const r = readConfigLike('bundle-manifest', read('manifest.json'), `${B}/manifest.json`);
    expect(Object.keys(r).sort()).toEqual(['collection', 'notes']);
    expect(r.collection).toHaveLength(6);
    expect(r.collection![0]).toEqual({ name: 'preflight', status: 'ok', durationMs: 120, error: null });
    expect(r.notes).toEqual([]);
  });

  it('wininet.json → one entry per hive, blob decoded, policy absent stays unknown', () => {
    const r = parseBundleJson(read('config/wininet.json'), `${B}/config/wininet.json`);
    expect(r.winInet!.map((w) => w.hive)).toEqual(['current-user', 'service-account']);
    const [admin, svc] = r.winInet!;
    expect(admin).toMatchObject({
      user: 'CONTOSO\\adm-jdoe',
      proxyEnable: true,
      proxyServer: 'proxy.contoso.com:8080',
      proxyOverride: '*.contoso.local;*.contoso.com;<local>',
    });
    expect(admin!.autoConfigUrl).toBeUndefined();
    expect(admin!.proxySettingsPerUser).toBeUndefined();
    expect(admin!.connectionSettings).toMatchObject({ proxyEnabled: true, proxyServer: 'proxy.contoso.com:8080' });
    expect(svc).toMatchObject({ user: 'NT SERVICE\\ADSync', proxyEnable: false });
    expect(svc!.proxyServer).toBeUndefined();
  });

  it('adsync.json → AdSyncInfo with configFiles', () => {
    const r = parseBundleJson(read('config/adsync.json'), 'config/adsync.json');
    expect(r.adsync).toHaveLength(1);
    expect(r.adsync![0]).toMatchObject({
      moduleFound: true,
      serviceFound: true,
      serviceStatus: 'Running',
      serviceAccount: 'NT SERVICE\\ADSync',
      serviceStartTime: '2026-11-20T07:12:04.5170000Z',
      version: '2.4.131.0',
      elevated: true,
      scheduler: { syncCycleEnabled: true, stagingModeEnabled: false, schedulerSuspended: false, syncCycleInProgress: false, nextSyncCyclePolicyType: 'Delta' },
    });
    expect(r.adsync![0]!.connectors).toEqual([
      { name: 'contoso.local', type: 'AD' },
      { name: 'contoso.onmicrosoft.com - AAD', type: 'Extensible2' },
    ]);
    expect(r.adsync![0]!.configFiles![0]).toEqual({
      path: 'C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\Config\\machine.config',
      bundlePath: 'config/Framework64/machine.config',
      lastWriteTimeUtc: '2025-06-11T02:14:37.0000000Z',
    });
  });

  it('configFiles join to the machine.config read from bundlePath', () => {
    const adsync = parseBundleJson(read('config/adsync.json'), `${B}/config/adsync.json`).adsync!;
    const mc64 = parseDotNetConfig(read('config/Framework64/machine.config'), `${B}/config/Framework64/machine.config`);
    const other = parseDotNetConfig('<configuration/>', 'elsewhere/machine.config');
    applyConfigFileTimes([mc64, other], adsync);
    expect(mc64.modifiedAt).toBe('2025-06-11T02:14:37.0000000Z');
    expect(other.modifiedAt).toBeUndefined();
  });

  it('cycle.json and run-profile-results.json merge into one sync entry', () => {
    const cycle = parseBundleJson(read('sync/cycle.json'), `${B}/sync/cycle.json`).sync!;
    const runs = parseBundleJson(read('sync/run-profile-results.json'), `${B}/sync/run-profile-results.json`).sync!;
    expect(cycle[0]).toMatchObject({ started: true, result: 'Success', policyType: 'delta', waitTimedOut: false, fileKind: 'cycle' });
    expect(runs[0]!.runProfileResults[1]).toMatchObject({
      connectorName: 'contoso.onmicrosoft.com - AAD',
      runProfileName: 'Delta Import',
      result: 'stopped-extension-dll-exception',
    });
    expect(runs[0]!.runProfileResults[1]!.stepErrors[0]).toMatch(/could not be resolved: 'login\.windows\.net'/);
    const merged = mergeSyncEvidence([...cycle, ...runs]);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.runProfileResults).toHaveLength(2);
  });

  it('probes-admin.json → ProbeResult[] with who ran them', () => {
    const r = parseBundleJson(read('probes/probes-admin.json'), 'probes/probes-admin.json');
    expect(r.probes).toHaveLength(5);
    expect(r.probes![0]).toMatchObject({ endpoint: 'login.microsoftonline.com', port: 443, test: 'dns', as: 'admin', ok: false, errorClass: 'name-unresolved', addresses: [] });
    expect(r.probes![3]).toMatchObject({ test: 'https-proxy', ok: true, httpStatus: 200, proxy: 'http://proxy.contoso.com:8080', errorClass: null });
  });

  it('environment.json with no variables', () => {
    expect(parseBundleJson(read('config/environment.json'), 'e.json').environment).toEqual([]);
  });
});

describe('what Windows PowerShell 5.1 ConvertTo-Json writes', () => {
  it('"\\/Date(ms)\\/" dates and the {value, DateTime} wrapper become ISO', () => {
    // JSON.parse turns "\/" into "/".
    expect(asDate(JSON.parse('"\\/Date(1574202819000)\\/"'))).toBe('2019-11-19T22:33:39.000Z');
    expect(asDate('/Date(1574202819000+0100)/')).toBe('2019-11-19T22:33:39.000Z');
    expect(asDate({ value: '/Date(1574202819000)/', DisplayHint: 2, DateTime: 'Tuesday, November 19, 2019 10:33:39 PM' })).toBe(
      '2019-11-19T22:33:39.000Z',
    );
    expect(asDate('2026-11-25T10:30:00.0000000Z')).toBe('2026-11-25T10:30:00.0000000Z');
    expect(asDate(null)).toBeUndefined();
  });

  it('one element as a bare object, none as null, {value, Count} wrappers', () => {
    expect(asArray({ a: 1 })).toEqual([{ a: 1 }]);
    expect(asArray(null)).toEqual([]);
    expect(asArray({ value: [1, 2], Count: 2 })).toEqual([1, 2]);
  });

  it('adsync.json as 5.1 writes it unformatted: enum numbers, /Date/ times, single connector object', () => {
    const text = JSON.stringify({
      schema: 'aadsync-diagnose/adsync@1',
      module: { found: true, path: null, error: null },
      service: { found: true, name: 'ADSync', status: 4, account: 'CONTOSO\\svc-aadsync', startTime: '/Date(1795590724000)/' },
      product: null,
      scheduler: { NextSyncCyclePolicyType: 1, NextSyncCycleStartTimeInUTC: '/Date(1795600800000)/', SyncCycleEnabled: 'True', StagingModeEnabled: null },
      connectors: { name: 'contoso.onmicrosoft.com - AAD', type: 'Extensible2' },
      configFiles: { path: 'C:\\x\\machine.config', bundlePath: 'config/Framework64/machine.config', lastWriteTimeUtc: '/Date(1795500000000)/' },
    }).replace(/\/Date/g, '\\/Date').replace(/\)\//g, ')\\/');
    expect(text).toContain('"\\/Date(');
    const a = parseBundleJson(text, 'adsync.json').adsync![0]!;
    expect(a.serviceStatus).toBe('Running');
    expect(a.serviceStartTime).toBe(new Date(1795590724000).toISOString());
    expect(a.scheduler).toEqual({
      nextSyncCyclePolicyType: 'Delta',
      nextSyncCycleStartTimeInUTC: new Date(1795600800000).toISOString(),
      syncCycleEnabled: true,
    });
    // null means unknown, never false
    expect(a.scheduler!.stagingModeEnabled).toBeUndefined();
    expect(a.version).toBeUndefined();
    expect(a.connectors).toEqual([{ name: 'contoso.onmicrosoft.com - AAD', type: 'Extensible2' }]);
    expect(a.configFiles![0]!.lastWriteTimeUtc).toBe(new Date(1795500000000).toISOString());
  });

  it('a single probe result object and a single run result object', () => {
    const p = parseBundleJson(
      JSON.stringify({ schema: 'aadsync-diagnose/probes@1', as: 'service', results: { endpoint: 'login.microsoftonline.com', port: 443, test: 'tcp-direct', ok: false, errorClass: 'timeout' } }),
      'p.json',
    );
    expect(p.probes).toEqual([{ file: 'p.json', endpoint: 'login.microsoftonline.com', port: 443, test: 'tcp-direct', as: 'service', ok: false, errorClass: 'timeout' }]);
    const r = parseBundleJson(
      JSON.stringify({ schema: 'aadsync-diagnose/run-profile-results@1', results: { ConnectorName: 'c', RunProfileName: 'Export', Result: 'success', StepErrors: null } }),
      'r.json',
    );
    expect(r.sync![0]!.runProfileResults).toEqual([{ connectorName: 'c', runProfileName: 'Export', result: 'success', stepErrors: [] }]);
  });

  it('a sync cycle skipped for staging mode', () => {
    const s = parseBundleJson(
      JSON.stringify({ schema: 'aadsync-diagnose/sync-cycle@1', requested: 'delta', started: false, skippedReason: 'staging-mode', startResult: null }),
      'c.json',
    ).sync![0]!;
    expect(s).toMatchObject({ started: false, skippedReason: 'staging-mode' });
    expect(s.result).toBeUndefined();
  });

  it('wininet.json: ProxySettingsPerUser 0 is machine-wide; an errored hive becomes a note', () => {
    const r = parseBundleJson(
      JSON.stringify({
        schema: 'aadsync-diagnose/wininet@1',
        policy: { proxySettingsPerUser: 0 },
        hives: { hive: 'service-account', user: 'NT SERVICE\\ADSync', values: null, defaultConnectionSettings: null, error: 'hive not loaded' },
      }),
      'w.json',
    );
    expect(r.winInet).toEqual([{ file: 'w.json', hive: 'service-account', user: 'NT SERVICE\\ADSync', proxySettingsPerUser: false }]);
    expect(r.notes).toEqual(['w.json: hive service-account: hive not loaded']);
  });
});

describe('unknown or broken JSON: notes, never throws', () => {
  it.each([
    ['{"schema":"aadsync-diagnose/something@9"}', /unknown schema/],
    ['{"no":"schema"}', /without a "schema"/],
    ['[1,2,3]', /without a "schema"/],
    ['{"schema":"aadsync-diagnose/manifest@1",', /not valid JSON/],
    ['', /not valid JSON/],
  ])('%s', (text, re) => {
    const r = readConfigLike('bundle-json', text, 'x.json');
    expect(r.notes?.[0]).toMatch(re);
    expect(r.winInet ?? r.adsync ?? r.collection).toBeUndefined();
  });

  it('a manifest step with an unknown status is skipped with a note', () => {
    const r = parseBundleJson('{"schema":"aadsync-diagnose/manifest@1","steps":[{"name":"events","status":"weird"},{"name":"probes","status":"TIMEOUT","durationMs":"60000"}]}', 'm.json');
    expect(r.collection).toEqual([{ name: 'probes', status: 'timeout', durationMs: 60000, error: null }]);
    expect(r.notes[0]).toMatch(/unknown status "weird"/);
  });
});
