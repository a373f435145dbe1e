// One piece of knowledge in two languages: how .NET lays miiserver.exe.config over machine.config for the
// sync service. The analyzer (src/route/resolve.ts serviceDotNetConfig) and the collector's probe hook
// (ps/AADSyncDiagnose/Private/Step.ProxyConfig.ps1 Get-AdsServiceProxySummary) read the same files here
// and must say the same proxy, credentials, bypass-on-local and bypass list.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../src/evidence/collect-evidence.js';
import { serviceDotNetConfig } from '../../src/route/resolve.js';
import { pwsh, repoRoot, requirePwsh, shouldRun } from '../ps/pwsh.js';

const MACHINE = (inner: string) => `<?xml version="1.0" encoding="utf-8"?>\r\n<configuration>\r\n  <system.net>\r\n${inner}\r\n  </system.net>\r\n</configuration>\r\n`;
// The shapes of docs/proxy-layers.md: the documented section, and the override an older setup left in
// miiserver.exe.config.
const CASES: { name: string; machine: string | null; mii: string | null }[] = [
  {
    name: 'machine.config alone',
    machine: '    <defaultProxy useDefaultCredentials="true">\r\n      <proxy usesystemdefault="true" proxyaddress="http://proxy.contoso.com:8080" bypassonlocal="true" />\r\n      <bypasslist><add address="contoso\\.com$" /></bypasslist>\r\n    </defaultProxy>',
    mii: null,
  },
  {
    name: 'miiserver.exe.config adds credentials only: the address and bypass list stay machine.config\'s',
    machine: '    <defaultProxy>\r\n      <proxy proxyaddress="http://proxy.contoso.com:8080" bypassonlocal="true" />\r\n      <bypasslist><add address="contoso\\.com$" /></bypasslist>\r\n    </defaultProxy>',
    mii: '    <defaultProxy useDefaultCredentials="true" />',
  },
  {
    name: 'miiserver.exe.config names another proxy and one more bypass entry',
    machine: '    <defaultProxy>\r\n      <proxy proxyaddress="http://proxy.contoso.com:8080" />\r\n      <bypasslist><add address="contoso\\.com$" /></bypasslist>\r\n    </defaultProxy>',
    mii: '    <defaultProxy>\r\n      <proxy proxyaddress="http://proxy2.contoso.com:3128" bypassonlocal="false" />\r\n      <bypasslist><add address="10\\.\\d+\\.\\d+\\.\\d+" /></bypasslist>\r\n    </defaultProxy>',
  },
  {
    name: 'miiserver.exe.config switches the proxy off',
    machine: '    <defaultProxy>\r\n      <proxy proxyaddress="http://proxy.contoso.com:8080" />\r\n    </defaultProxy>',
    mii: '    <defaultProxy enabled="false" />',
  },
];

// Fixed code; the folder is a parameter, never part of the code.
const SCRIPT = `param([string]$ModulePath, [string]$OutDir)
$ErrorActionPreference = 'Stop'
$m = Import-Module $ModulePath -PassThru
$s = & $m { param($d) Get-AdsServiceProxySummary -Context @{ OutDir = $d } } $OutDir
[Console]::Out.Write(($s | ConvertTo-Json -Depth 4 -Compress))
`;

describe.runIf(shouldRun('service proxy in both languages'))('the sync service proxy, in TypeScript and in PowerShell', () => {
  it.each(CASES)('$name', async ({ machine, mii }) => {
    const exe = pwsh ?? requirePwsh();
    const dir = mkdtempSync(join(tmpdir(), 'svc-proxy-'));
    mkdirSync(join(dir, 'config', 'Framework64'), { recursive: true });
    if (machine) writeFileSync(join(dir, 'config', 'Framework64', 'machine.config'), MACHINE(machine));
    if (mii) writeFileSync(join(dir, 'config', 'miiserver.exe.config'), MACHINE(mii));
    const script = join(dir, 'summary.ps1');
    writeFileSync(script, SCRIPT);
    const ps = JSON.parse(execFileSync(exe, ['-NoProfile', '-NonInteractive', '-File', script, '-ModulePath', join(repoRoot, 'ps', 'AADSyncDiagnose', 'AADSyncDiagnose.psd1'), '-OutDir', dir], { encoding: 'utf8', timeout: 60_000 })) as {
      address: string | null; useDefaultCredentials: boolean; bypassOnLocal: boolean; bypassList: string[] | string | null; enabled: boolean;
    };
    const ts = serviceDotNetConfig(await collectEvidence([join(dir, 'config')]));
    expect(ps.address).toBe(ts.proxyaddress ?? null);
    expect(ps.useDefaultCredentials).toBe(ts.useDefaultCredentials);
    expect(ps.bypassOnLocal).toBe(ts.bypassonlocal === true);
    expect(ps.enabled).toBe(ts.enabled);
    expect([ps.bypassList ?? []].flat()).toEqual(ts.bypassList);
  }, 90_000);
});
