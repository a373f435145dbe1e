// Microsoft's collector layouts (docs/collectors.md): recognised, and their proxy evidence reaches the
// pipeline: machine.config as the Framework64 copy, winhttpproxy.txt, REG_HKU.log (UTF-16 .reg),
// the scheduler list, .evtx; binary hives and files with no proxy evidence are noted, not read.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  collectorFileHint,
  collectorLayout,
  parseRunProfileCsv,
  parseSchedulerList,
  RegExportFilter,
} from '../../src/evidence/collectors.js';
import { collectEvidence } from '../../src/evidence/collect-evidence.js';
import { runCli } from '../helpers/cli.js';
import { RUN_PROFILE_CSV, SCHEDULER, utf16, writeAadclog9, writeMeclog } from './meclog.js';

describe('collectorLayout', () => {
  it('tells Get-MECDiagData 10.x, Get-AADCDiagData 9.x and 8.0.1, and Export-AADCloudSyncToolsLogs apart', () => {
    expect(
      collectorLayout([
        'MECLOG.zip!/MECLOG/20261125-093000/CONFIG/GENERAL/REG_HKU.log',
        'MECLOG.zip!/MECLOG/20261125-101010/EVENTLOG/SYNC01_Application.evtx',
      ]),
    ).toEqual({ collector: 'Get-MECDiagData', version: '10.x', runs: ['20261125-093000', '20261125-101010'] });
    expect(collectorLayout(['AADCLOG/20201228-101500/CONFIG/GENERAL/S-1-5-18_IEproxySettings.hiv'])).toMatchObject({
      collector: 'Get-AADCDiagData',
      version: '9.x',
    });
    expect(collectorLayout(['AADCLOG\\20180601-080000\\CONFIG\\AADC\\ADSyncScheduler.txt'])).toMatchObject({ version: '8.0.1' });
    // The customer zipped the timestamp folder itself, without MECLOG above it.
    expect(collectorLayout(['20261125-093000/CONFIG/MEC/Get-ADSyncScheduler.txt'])).toMatchObject({ collector: 'Get-MECDiagData' });
    expect(collectorLayout(['AADCloudProvisioningDiagnostics-20261125-093000-ProvisioningAgent.evtx'])).toMatchObject({
      collector: 'Export-AADCloudSyncToolsLogs',
    });
    expect(collectorLayout(['events/application.xml', 'config/machine.config'])).toBeNull();
  });
});

describe('collectorFileHint', () => {
  it('knows the collector copies the Framework64 machine.config only', () => {
    expect(collectorFileHint('MECLOG/20261125-093000/CONFIG/GENERAL/machine.config')).toEqual({
      kind: 'machine-config',
      scope: 'machine.config (Framework64)',
    });
    // A machine.config elsewhere gets no hint: its scope comes from its own path.
    expect(collectorFileHint('config/machine.config')).toBeNull();
  });

  it('skips binary hives and files without proxy evidence, with a reason', () => {
    expect(collectorFileHint('AADCLOG/x/CONFIG/GENERAL/S-1-5-18_IEproxySettings.hiv')?.note).toMatch(/binary registry hive.*not read/);
    expect(collectorFileHint('MECLOG/x/CONFIG/GENERAL/cert-root.txt')?.kind).toBe('not-proxy-evidence');
    expect(collectorFileHint('MECLOG/x/CSEXPORT/error_export_contoso.xml')?.kind).toBe('not-proxy-evidence');
    expect(collectorFileHint('MECLOG/x/CONFIG/GENERAL/winhttpproxy.txt')?.kind).toBe('winhttp-proxy');
    expect(collectorFileHint('MECLOG/x/AADCTRACE/AADConnect/trace-20261125-093000.log')?.kind).toBe('wizard-trace');
  });
});

describe('collector tables', () => {
  it('reads Get-ADSyncScheduler Format-List output', () => {
    expect(parseSchedulerList(SCHEDULER, 'f')).toEqual({
      file: 'f',
      moduleFound: true,
      scheduler: {
        syncCycleEnabled: true,
        stagingModeEnabled: true,
        schedulerSuspended: false,
        syncCycleInProgress: false,
        nextSyncCyclePolicyType: 'Delta',
        nextSyncCycleStartTimeInUTC: '11/25/2026 10:00:12 AM',
      },
    });
    expect(parseSchedulerList('Enabled\r\n', 'Get-ADSyncAutoUpgrade.txt')).toBeNull();
  });

  it('reads the run profile CSV (Export-Csv, every field quoted)', () => {
    const r = parseRunProfileCsv(RUN_PROFILE_CSV, 'f')!;
    expect(r.started).toBe(false);
    expect(r.runProfileResults).toHaveLength(2);
    expect(r.runProfileResults[0]).toMatchObject({
      connectorName: 'contoso.onmicrosoft.com - AAD',
      runProfileName: 'Export',
      result: 'stopped-server-down',
    });
    expect(parseRunProfileCsv('"HotFixID"\r\n"KB1"\r\n', 'f')).toBeNull();
  });

  it('RegExportFilter keeps the proxy keys with their continuation lines and drops the rest', () => {
    const f = new RegExportFilter();
    const lines = [
      'Windows Registry Editor Version 5.00',
      '',
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes\\.txt]',
      '@="txtfile"',
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections]',
      '"WinHttpSettings"=hex:28,00,\\',
      '  6f,78',
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Cache]',
      '"Persistent"=dword:00000001',
    ];
    const kept = lines.map((l) => f.line(l)).filter((l) => l !== null);
    expect(kept).toEqual([lines[0], lines[1], lines[4], lines[5], lines[6]]);
  });
});

describe('collector folders through the evidence pipeline', () => {
  it('MECLOG 10.x: Framework64 machine.config, WinHTTP, per-user WinINET, staging mode, events', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meclog-'));
    const root = writeMeclog(dir);
    const ev = await collectEvidence([root]);
    expect(ev.dotNetProxy).toHaveLength(1);
    expect(ev.dotNetProxy[0]).toMatchObject({ scope: 'machine.config (Framework64)', present: true });
    expect(ev.dotNetProxy[0]!.proxy?.proxyaddress).toBe('http://proxy.contoso.example:8080');
    expect(ev.winHttp).toEqual([expect.objectContaining({ direct: true })]);
    expect(ev.winInet.some((w) => w.proxyServer === 'proxy.contoso.example:8080' && w.proxyEnable === true)).toBe(true);
    expect(ev.environment.some((e) => e.name.toUpperCase() === 'HTTPS_PROXY')).toBe(true);
    expect(ev.adsync.some((a) => a.scheduler?.stagingModeEnabled === true)).toBe(true);
    expect(ev.counts.events).toBe(4);
    const hive = ev.inputs.find((i) => i.path.endsWith('REG_HKLM_SYSTEM_Hive.hiv'))!;
    expect(hive.notes.join(' ')).toMatch(/binary registry hive: not read/);
    const cert = ev.inputs.find((i) => i.path.endsWith('cert-root.txt'))!;
    expect(cert.notes.join(' ')).toMatch(/no proxy evidence/);
  });

  it('AADCLOG 9.x: the per-SID binary proxy hive is named as not read, the rest still feeds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aadclog-'));
    const ev = await collectEvidence([writeAadclog9(dir)]);
    expect(ev.dotNetProxy[0]?.scope).toBe('machine.config (Framework64)');
    expect(ev.adsync[0]?.scheduler?.stagingModeEnabled).toBe(false);
    const hive = ev.inputs.find((i) => i.path.endsWith('_IEproxySettings.hiv'))!;
    expect(hive.notes.join(' ')).toMatch(/per-user proxy settings, collector 9\.x/);
  });

  it('a REG_HKLM_Software_Hive.log larger than the config limit still yields its WinHTTP proxy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meclog-big-'));
    const filler: string[] = ['Windows Registry Editor Version 5.00', ''];
    for (let i = 0; i < 20000; i++) filler.push(`[HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes\\CLSID\\{${String(i).padStart(8, '0')}-0000-0000-0000-000000000000}]`, '@="Contoso component"', '');
    filler.push(
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections]',
      '"WinHttpSettings"=hex:28,00,00,00,03,00,00,00,03,00,00,00,16,00,00,00,70,72,\\',
      '  6f,78,79,2e,63,6f,6e,74,6f,73,6f,2e,63,6f,6d,3a,38,30,38,30,07,00,00,00,3c,\\',
      '  6c,6f,63,61,6c,3e',
      '',
    );
    const path = join(dir, 'MECLOG', '20261125-093000', 'CONFIG', 'GENERAL');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path, { recursive: true });
    const bytes = utf16(filler.join('\n'));
    writeFileSync(join(path, 'REG_HKLM_Software_Hive.log'), bytes);
    const limit = 1024 * 1024;
    expect(bytes.length).toBeGreaterThan(limit);
    const ev = await collectEvidence([join(dir, 'MECLOG')], { maxConfigBytes: limit });
    expect(ev.winHttp).toEqual([expect.objectContaining({ direct: false, proxyServer: 'proxy.contoso.com:8080' })]);
    expect(ev.inputs[0]!.notes.join(' ')).toMatch(/only proxy, environment and TLS keys read/);
  });

  it('events lists the .evtx of a collector folder and nothing else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meclog-events-'));
    const r = runCli(['events', writeMeclog(dir)]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; provider: string });
    expect(lines).toHaveLength(4);
    expect(lines.every((l) => l.file.endsWith('EVENTLOG/SYNC01_Security.evtx'))).toBe(true);
  });
});
