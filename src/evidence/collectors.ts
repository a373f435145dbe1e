// Microsoft's collectors (docs/collectors.md): Get-MECDiagData / Get-AADCDiagData output
// (`MECLOG\<yyyyMMdd-HHmmss>\…` 10.x, `AADCLOG\…` 8.x-9.x) and Export-AADCloudSyncToolsLogs zips
// (`AADCloudProvisioningDiagnostics-<ts>-*.evtx`, agent traces at the zip root).
//
// Most of their files are recognised by content already (recognize.ts: .evtx, UTF-16 `reg export`
// `.log` files, `netsh winhttp show proxy` text, machine.config, wizard traces). This module adds
// only what needs the collector's layout:
//   - collectorLayout(paths): which collector and version made a set of files, from docs/collectors.md §1.5;
//   - collectorFileHint(path): what a file is by its place in that layout, e.g. CONFIG/GENERAL/
//     machine.config is the Framework64 copy (the collector copies only that one), *.hiv are binary
//     hives (not read), and the huge files that hold no proxy evidence;
//   - parseSchedulerList(text): Get-ADSyncScheduler.txt (Format-List "Name : Value") -> AdSyncInfo;
//   - parseRunProfileCsv(text): <HOST>_Get-ADSyncRunProfileResult.csv (Export-Csv, ASCII) -> run results;
//   - RegExportFilter: keeps only the proxy-relevant keys of a `reg export` streamed line by line, so
//     REG_HKLM_Software_Hive.log (often hundreds of MB) feeds the reg parser in bounded memory.
// All pure: no I/O. The pipeline decides when to call them.
import type { AdSyncInfo, DotNetProxyConfig, SyncCycleEvidence } from './types.js';

export type CollectorName = 'Get-MECDiagData' | 'Get-AADCDiagData' | 'Export-AADCloudSyncToolsLogs';

export interface CollectorLayout {
  collector: CollectorName;
  /** Version range from the layout markers (docs/collectors.md §1.5), e.g. "10.x", "9.x", "8.0.1". */
  version: string;
  /** Timestamp folders (`20261125-093000`): one zip can hold several runs. */
  runs: string[];
}

export type CollectorFileKind =
  | 'event-log'
  | 'machine-config'
  | 'winhttp-proxy'
  | 'registry-export'
  | 'registry-hive'
  | 'scheduler'
  | 'run-profile-results'
  | 'run-step-results'
  | 'wizard-trace'
  | 'agent-trace'
  | 'health-proxy'
  | 'not-proxy-evidence';

export interface CollectorFileHint {
  kind: CollectorFileKind;
  /** For machine.config copies: the .NET scope the collector took it from. */
  scope?: DotNetProxyConfig['scope'];
  /** Why a file is not read (binary hive, no proxy evidence), for the input's notes. */
  note?: string;
}

function norm(p: string): string {
  // Display paths use `/` and `!/` for zip members; Windows paths `\`.
  return p.replace(/\\/g, '/').replace(/!\//g, '/');
}

const RUN = /(?:^|\/)(MECLOG|AADCLOG)\/(\d{8}-\d{6})(?:\/|$)/i;
const RUN_BARE = /(?:^|\/)(\d{8}-\d{6})\/(?:CONFIG|EVENTLOG|AADCTRACE|RUNHISTORY|CSEXPORT|OBJECT|NETTRACE|GETOBJ)\//i;
const CLOUD_SYNC = /(?:^|\/)AADCloudProvisioningDiagnostics-\d{8}-\d{6}(?:-(?:Application|System|ProvisioningAgent)\.evtx|\.zip)?$/i;

/** Which collector made these files (relative or display paths), or null when none did. */
export function collectorLayout(paths: string[]): CollectorLayout | null {
  const runs = new Set<string>();
  let root: string | undefined;
  let mec = false;
  let v8 = false;
  let v9 = false;
  let v10 = false;
  let cloud = false;
  for (const raw of paths) {
    const p = norm(raw);
    const m = RUN.exec(p) ?? RUN_BARE.exec(p);
    if (m) {
      runs.add(m[2] ?? m[1]!);
      if (m[2]) root ??= m[1]!.toUpperCase();
    }
    if (CLOUD_SYNC.test(p)) cloud = true;
    if (/\/CONFIG\/MEC\//i.test(p)) mec = true;
    if (/\/CONFIG\/GENERAL\/(?:msinfo32\.txt|REG_HKU\.log|REG_HKLM_\w+_Hive\.(?:log|hiv))$/i.test(p)) v10 = true;
    if (/\/CONFIG\/GENERAL\/(?:system\.nfo|[^/]*_IEproxySettings(?:Wow64)?\.hiv)$/i.test(p)) v9 = true;
    if (/\/CONFIG\/AADC\/ADSyncScheduler\.txt$|\/RUNHISTORY\/RUNHISTORY_CSV\.csv$|\/GETOBJ\//i.test(p)) v8 = true;
    if (/\/RUNHISTORY\/[^/]+_Get-ADSyncRunStep(?:Success|Error)Result\.txt$/i.test(p)) v10 = true;
  }
  if (runs.size > 0 || root) {
    const isMec = root === 'MECLOG' || mec;
    const version = isMec ? '10.x' : v8 ? '8.0.1' : v9 ? '9.x' : v10 ? '10.x' : root === 'AADCLOG' ? '8.x-9.x' : 'unknown';
    return { collector: isMec || version === '10.x' ? 'Get-MECDiagData' : 'Get-AADCDiagData', version, runs: [...runs].sort() };
  }
  if (cloud) return { collector: 'Export-AADCloudSyncToolsLogs', version: 'AADCloudSyncTools', runs: [] };
  return null;
}

/** What a file is by its place in a collector's output; null when the path says nothing. */
export function collectorFileHint(path: string): CollectorFileHint | null {
  const p = norm(path);
  const base = p.slice(p.lastIndexOf('/') + 1);
  const inGeneral = /\/CONFIG\/GENERAL\/[^/]+$/i.test(p);
  const inSyncConfig = /\/CONFIG\/(?:MEC|AADC)\/[^/]+$/i.test(p);
  if (/\.evtx$/i.test(base) && (/\/EVENTLOG\//i.test(p) || CLOUD_SYNC.test(p))) return { kind: 'event-log' };
  if (inGeneral && /^machine\.config$/i.test(base)) {
    // Get-MECDiagData copies %windir%\Microsoft.NET\Framework64\v4.0.30319\Config\machine.config only.
    return { kind: 'machine-config', scope: 'machine.config (Framework64)' };
  }
  if (inGeneral && /^winhttpproxy\.txt$/i.test(base)) return { kind: 'winhttp-proxy' };
  if (inGeneral && /^REG_.*\.log$/i.test(base)) return { kind: 'registry-export' };
  if (/\.hiv$/i.test(base) && (inGeneral || /_IEproxySettings/i.test(base))) {
    return {
      kind: 'registry-hive',
      note: /_IEproxySettings/i.test(base)
        ? 'binary registry hive (per-user proxy settings, collector 9.x): not read; ask for `reg export` of Internet Settings'
        : 'binary registry hive: not read (the REG_*.log beside it is the same data as text)',
    };
  }
  if (inSyncConfig && /^(?:Get-)?ADSyncScheduler\.txt$/i.test(base)) return { kind: 'scheduler' };
  if (inSyncConfig && /^Get-AzureADConnectHealthProxySettings\.txt$/i.test(base)) return { kind: 'health-proxy' };
  if (/\/RUNHISTORY\/[^/]*_Get-ADSyncRunProfileResult\.csv$/i.test(p)) return { kind: 'run-profile-results' };
  if (/\/RUNHISTORY\/[^/]*_Get-ADSyncRunStep(?:Error|Success)?Result\.txt$/i.test(p)) return { kind: 'run-step-results' };
  if (/\/AADCTRACE\/.*trace-[^/]*\.log$/i.test(p)) return { kind: 'wizard-trace' };
  if (/(?:^|\/)trace-agent-verbose-[^/]*\.log$/i.test(p) || (CLOUD_SYNC.test(p) === false && /AADCloudProvisioningDiagnostics/i.test(p) && /\.log$/i.test(base))) {
    return { kind: 'agent-trace' };
  }
  if (
    (inSyncConfig && /^(?:Get-ADSyncRule|Get-ADSyncSchema|Get-ADSyncObjectsWithInheritanceDisabled|Get-ADSyncConnectorStatistics)\.txt$/i.test(base)) ||
    /\/CONFIG\/(?:MEC|AADC)\/(?:Connectors|GlobalSettings|SynchronizationRules)\//i.test(p) ||
    /\/(?:CSEXPORT|OBJECT|GETOBJ)\//i.test(p) ||
    (inGeneral && /^(?:cert-.*\.txt|Hotfix\.csv|msinfo32\.txt|system\.nfo|tasklist\.txt|whoamiall\.txt)$/i.test(base)) ||
    /\/NETTRACE\/.*\.(?:etl|cab|zip)$/i.test(p)
  ) {
    return { kind: 'not-proxy-evidence', note: 'collector output with no proxy evidence: not read' };
  }
  return null;
}

/** `Name : Value` lines of PowerShell's Format-List (Out-File of one object). */
export function parseFormatList(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const m = /^([A-Za-z][\w.]*)\s*:\s?(.*)$/.exec(line);
    if (m) {
      last = m[1]!;
      if (!out.has(last)) out.set(last, m[2]!.trim());
    } else if (last && /^\s{10,}\S/.test(line)) {
      // Long values wrap onto indented continuation lines.
      out.set(last, `${out.get(last)} ${line.trim()}`.trim());
    } else if (line.trim() === '') last = undefined;
  }
  return out;
}

function bool(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  if (/^true$/i.test(v)) return true;
  if (/^false$/i.test(v)) return false;
  return undefined;
}

/** Get-ADSyncScheduler | Out-File (Format-List) -> the scheduler part of AdSyncInfo; null if it is not one. */
export function parseSchedulerList(text: string, file: string): AdSyncInfo | null {
  const f = parseFormatList(text);
  if (!f.has('StagingModeEnabled') && !f.has('SyncCycleEnabled') && !f.has('SchedulerSuspended')) return null;
  const scheduler: NonNullable<AdSyncInfo['scheduler']> = {};
  const set = <K extends keyof typeof scheduler>(k: K, v: (typeof scheduler)[K] | undefined): void => {
    if (v !== undefined) scheduler[k] = v;
  };
  set('syncCycleEnabled', bool(f.get('SyncCycleEnabled')));
  set('stagingModeEnabled', bool(f.get('StagingModeEnabled')));
  set('schedulerSuspended', bool(f.get('SchedulerSuspended')));
  set('syncCycleInProgress', bool(f.get('SyncCycleInProgress')));
  const policy = f.get('NextSyncCyclePolicyType');
  if (policy) scheduler.nextSyncCyclePolicyType = policy;
  // Dates are in the server's culture (docs/collectors.md §1.2): kept as written, not converted.
  const next = f.get('NextSyncCycleStartTimeInUTC');
  if (next) scheduler.nextSyncCycleStartTimeInUTC = next;
  return { file, moduleFound: true, scheduler };
}

/** RFC 4180-ish CSV as Export-Csv writes it (every field quoted, "" for a quote). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const t = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (quoted) {
      if (c === '"') {
        if (t[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && t[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * <HOST>_Get-ADSyncRunProfileResult.csv -> run profile results (newest first as written). Not a
 * cycle this tool started: `started` is false and `skippedReason` says where the rows came from.
 */
export function parseRunProfileCsv(text: string, file: string): SyncCycleEvidence | null {
  const rows = parseCsv(text).filter((r) => !(r.length === 1 && r[0]!.startsWith('#TYPE')));
  if (rows.length === 0) return null;
  const header = rows[0]!.map((h) => h.trim());
  const col = (name: string): number => header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const iConn = col('ConnectorName');
  const iProfile = col('RunProfileName');
  const iResult = col('Result');
  if (iConn < 0 || iProfile < 0 || iResult < 0) return null;
  const iStart = col('StartDate');
  const iEnd = col('EndDate');
  return {
    file,
    started: false,
    skippedReason: 'run history from a Microsoft collector (not a cycle started by this tool)',
    runProfileResults: rows.slice(1).map((r) => ({
      connectorName: r[iConn] ?? '',
      runProfileName: r[iProfile] ?? '',
      result: r[iResult] ?? '',
      ...(iStart >= 0 && r[iStart] ? { startDate: r[iStart] } : {}),
      ...(iEnd >= 0 && r[iEnd] ? { endDate: r[iEnd] } : {}),
      stepErrors: [],
    })),
  };
}

/** Registry keys whose values are proxy (or proxy-adjacent TLS) evidence. */
const RELEVANT_KEY =
  /\\(?:Internet Settings(?:\\Connections)?|Environment|Session Manager\\Environment|\.NETFramework\\v4\.0\.30319|\.NETFramework\\v2\.0\.50727|SecurityProviders\\SCHANNEL\\Protocols\\TLS 1\.[0-3]\\(?:Client|Server))\]$/i;

/**
 * Streams a `reg export` text line by line and keeps the header and only the sections (`[key]` with
 * its values, continuation lines included) that can hold proxy evidence. A 500 MB
 * REG_HKLM_Software_Hive.log becomes a few KB the reg-export parser reads whole.
 */
export class RegExportFilter {
  private keep = true; // the header lines before the first key
  private kept = 0;
  readonly maxKeptLines: number;
  /** Sections dropped because maxKeptLines was reached. */
  overflow = 0;

  constructor(maxKeptLines = 200_000) {
    this.maxKeptLines = maxKeptLines;
  }

  /** The line if it is kept, else null. */
  line(line: string): string | null {
    if (line.startsWith('[')) {
      this.keep = RELEVANT_KEY.test(line.trimEnd());
      if (this.keep && this.kept >= this.maxKeptLines) {
        this.keep = false;
        this.overflow++;
      }
    }
    if (!this.keep) return null;
    this.kept++;
    return line;
  }
}
