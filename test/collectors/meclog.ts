// Writes collector output folders the way the collectors write them (docs/collectors.md §1):
// UTF-16LE with BOM and CRLF for Out-File / `>>` / `reg export`, ASCII for Export-Csv, byte copies
// for machine.config and .evtx. Content is ours (contoso names, documentation addresses).
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { samplePath } from '../evtx/samples.js';

export function utf16(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf16le')]);
}

function put(root: string, rel: string, data: Buffer | string): void {
  const p = join(root, ...rel.split('/'));
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, data);
}

export const MACHINE_CONFIG = `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <system.net>
    <defaultProxy enabled="true" useDefaultCredentials="true">
      <proxy usesystemdefault="false" proxyaddress="http://proxy.contoso.example:8080" bypassonlocal="true" />
    </defaultProxy>
  </system.net>
</configuration>
`;

export const SCHEDULER = `

AllowedSyncCycleInterval            : 00:30:00
CurrentlyEffectiveSyncCycleInterval : 00:30:00
CustomizedSyncCycleInterval         :
NextSyncCyclePolicyType             : Delta
NextSyncCycleStartTimeInUTC         : 11/25/2026 10:00:12 AM
PurgeRunHistoryInterval             : 7.00:00:00
SyncCycleEnabled                    : True
MaintenanceEnabled                  : True
StagingModeEnabled                  : True
SchedulerSuspended                  : False
Disabled                            : False
SyncCycleInProgress                 : False



`;

export const REG_HKU = `Windows Registry Editor Version 5.00

[HKEY_USERS\\S-1-5-21-1004336348-1177238915-682003330-1104\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings]
"ProxyEnable"=dword:00000001
"ProxyServer"="proxy.contoso.example:8080"
"ProxyOverride"="*.contoso.example;<local>"

[HKEY_USERS\\S-1-5-21-1004336348-1177238915-682003330-1104\\Environment]
"HTTPS_PROXY"="http://proxy.contoso.example:8080"

`;

export const WINHTTP_DIRECT = `
Current WinHTTP proxy settings:

    Direct access (no proxy server).

`;

export const RUN_PROFILE_CSV =
  '"RunNumber","RunHistoryId","ConnectorName","RunProfileName","Result","StartDate","EndDate"\r\n' +
  '"412","6b1f0e0a-0000-4000-8000-000000000001","contoso.onmicrosoft.com - AAD","Export","stopped-server-down","11/25/2026 9:58:02 AM","11/25/2026 9:58:40 AM"\r\n' +
  '"411","6b1f0e0a-0000-4000-8000-000000000002","contoso.example","Delta Import","success","11/25/2026 9:57:01 AM","11/25/2026 9:57:30 AM"\r\n';

/** A Get-MECDiagData 10.3.0 run folder: <root>/MECLOG/<ts>/... */
export function writeMeclog(root: string, ts = '20261125-093000', host = 'SYNC01'): string {
  const r = `MECLOG/${ts}`;
  put(root, `${r}/CONFIG/GENERAL/machine.config`, MACHINE_CONFIG);
  put(root, `${r}/CONFIG/GENERAL/winhttpproxy.txt`, utf16(WINHTTP_DIRECT));
  put(root, `${r}/CONFIG/GENERAL/REG_HKU.log`, utf16(REG_HKU));
  put(root, `${r}/CONFIG/GENERAL/REG_HKLM_SYSTEM_Hive.hiv`, Buffer.concat([Buffer.from('regf'), Buffer.alloc(4092, 1)]));
  put(root, `${r}/CONFIG/GENERAL/Hotfix.csv`, '#TYPE System.Management.ManagementObject#root\\cimv2\\Win32_QuickFixEngineering\r\n"HotFixID"\r\n"KB5000000"\r\n');
  put(root, `${r}/CONFIG/GENERAL/cert-root.txt`, utf16('Root "Trusted Root Certification Authorities"\n================ Certificate 0 ================\n'));
  put(root, `${r}/CONFIG/MEC/Get-ADSyncScheduler.txt`, utf16(SCHEDULER));
  put(root, `${r}/RUNHISTORY/${host}_Get-ADSyncRunProfileResult.csv`, RUN_PROFILE_CSV);
  put(root, `${r}/CONFIG/GENERAL/msinfo32.txt`, utf16('System Information report\n'));
  mkdirSync(join(root, r, 'EVENTLOG'), { recursive: true });
  copyFileSync(samplePath('new-user-security.evtx'), join(root, r, 'EVENTLOG', `${host}_Security.evtx`));
  return join(root, 'MECLOG');
}

/** A Get-AADCDiagData 9.3.0 run: AADCLOG root, CONFIG/AADC, per-SID binary proxy hives. */
export function writeAadclog9(root: string, ts = '20201228-101500'): string {
  const r = `AADCLOG/${ts}`;
  put(root, `${r}/CONFIG/GENERAL/machine.config`, MACHINE_CONFIG);
  put(root, `${r}/CONFIG/GENERAL/S-1-5-18_IEproxySettings.hiv`, Buffer.concat([Buffer.from('regf'), Buffer.alloc(4092, 2)]));
  put(root, `${r}/CONFIG/GENERAL/system.nfo`, utf16('<?xml version="1.0"?><MsInfo/>'));
  put(root, `${r}/CONFIG/AADC/Get-ADSyncScheduler.txt`, utf16(SCHEDULER.replace('StagingModeEnabled                  : True', 'StagingModeEnabled                  : False')));
  return join(root, 'AADCLOG');
}
