// The JSON files of our own bundle (docs/bundle-format.md), recognised by their `schema` string.
//
// The writer is Windows PowerShell 5.1's ConvertTo-Json, so besides the documented shapes the reader
// tolerates what 5.1 does when a value slips through unformatted: "\/Date(1574202819000)\/" dates,
// DateTime objects serialised as { value, DisplayHint, DateTime }, a single object where an array
// was meant (one-element pipelines), arrays wrapped as { value: [...], Count: n }, enums as numbers,
// and nulls anywhere. Missing fields stay undefined (unknown), never false.
import type {
  AdSyncInfo,
  CollectionStep,
  DotNetProxyConfig,
  EnvironmentProxy,
  EvidenceSet,
  ProbeResult,
  SyncCycleEvidence,
  TlsSettings,
  WinInetSettings,
} from '../types.js';
import { hexToBytes } from './connection-settings.js';
import { applyConnectionSettingsBlob } from './reg-export.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

export type BundleJsonResult = Partial<
  Pick<EvidenceSet, 'collection' | 'winInet' | 'environment' | 'adsync' | 'sync' | 'probes' | 'tls'>
> & { notes: string[] };

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value meant as an array: 5.1 writes one element as a bare object, none as null, or wraps as {value,Count}. */
export function asArray(v: Json | undefined): Json[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  if (isObj(v) && Array.isArray(v['value']) && 'Count' in v) return v['value'] as Json[];
  return [v];
}

/** "/Date(1574202819000)/" (5.1) and its { value, DateTime } wrapper → ISO 8601; other strings unchanged. */
export function asDate(v: Json | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (isObj(v)) return asDate(v['value'] ?? v['DateTime']);
  if (typeof v === 'number') return Number.isFinite(v) ? safeIso(v) : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/.exec(v.trim());
  if (m) return safeIso(Number(m[1]));
  return v;
}

function safeIso(ms: number): string | undefined {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function asString(v: Json | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isObj(v) && typeof v['value'] === 'string') return v['value'];
  return undefined;
}

/** true/false, 1/0, "True"/"False" → boolean; anything else → undefined (unknown). */
function asBool(v: Json | undefined): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (t === 'true' || t === '1') return true;
    if (t === 'false' || t === '0') return false;
  }
  return undefined;
}

function asNumber(v: Json | undefined): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return undefined;
}

/** ServiceControllerStatus as 5.1 writes an enum that was not converted to text. */
const SERVICE_STATUS: Record<number, string> = {
  1: 'Stopped',
  2: 'StartPending',
  3: 'StopPending',
  4: 'Running',
  5: 'ContinuePending',
  6: 'PausePending',
  7: 'Paused',
};

const STEP_STATUS = new Set(['ok', 'failed', 'skipped', 'timeout']);

/** Parses one bundle JSON file. `file` is its path relative to the input root. Never throws. */
export function parseBundleJson(text: string, file: string): BundleJsonResult {
  const notes: string[] = [];
  let doc: Json;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, '')) as Json;
  } catch (err) {
    return { notes: [`${file}: not valid JSON (${(err as Error).message.slice(0, 120)})`] };
  }
  if (!isObj(doc)) return { notes: [`${file}: JSON without a "schema" field; not a bundle file`] };
  const schema = asString(doc['schema']) ?? '';
  const err = asString(doc['error']);
  if (err) notes.push(`${file}: the collector reported: ${err}`);
  switch (schema) {
    case 'aadsync-diagnose/manifest@1':
      return { collection: readManifest(doc, file, notes), notes };
    case 'aadsync-diagnose/wininet@1':
      return { winInet: readWinInet(doc, file, notes), notes };
    case 'aadsync-diagnose/environment@1':
      return { environment: readEnvironment(doc, file), notes };
    case 'aadsync-diagnose/adsync@1':
      return { adsync: [readAdSync(doc, file, notes)], notes };
    case 'aadsync-diagnose/sync-cycle@1':
      return { sync: [readCycle(doc, file)], notes };
    case 'aadsync-diagnose/run-profile-results@1':
      return { sync: [readRunProfileResults(doc, file, notes)], notes };
    case 'aadsync-diagnose/probes@1':
      return { probes: readProbes(doc, file, notes), notes };
    case 'aadsync-diagnose/tls@1':
      return { tls: [readTls(doc, file)], notes };
    case 'aadsync-diagnose/fix-journal@1':
      // What `aadsync-diagnose fix` changed on the server (fix/ of a bundle): listed, not evidence of a failure.
      notes.push(fixJournalNote(doc, file));
      return { notes };
    default:
      notes.push(
        schema
          ? `${file}: unknown schema "${schema.slice(0, 80)}"; skipped`
          : `${file}: JSON without a "schema" field; not a bundle file`,
      );
      return { notes };
  }
}

/** One line for a fix journal: its id, status, and the changes it made. */
function fixJournalNote(doc: Obj, file: string): string {
  const changes = asArray(doc['changes']).filter(isObj);
  const made = changes.filter((c) => ['applied', 'restored'].includes(asString(c['status']) ?? '')).map((c) => asString(c['target']) ?? '?');
  const undo = isObj(doc['undo']) ? asString(doc['undo']['status']) : undefined;
  return `${file}: fix ${asString(doc['id']) ?? '?'} by ${asString(doc['user']) ?? '?'}: ${asString(doc['status']) ?? '?'}${made.length ? ` (${made.join(', ')})` : ''}${undo ? `; undo: ${undo}` : ''}`;
}

function readManifest(doc: Obj, file: string, notes: string[]): CollectionStep[] {
  const steps: CollectionStep[] = [];
  for (const s of asArray(doc['steps'])) {
    if (!isObj(s)) continue;
    const name = asString(s['name']);
    const status = asString(s['status'])?.toLowerCase();
    if (!name) continue;
    if (!status || !STEP_STATUS.has(status)) {
      notes.push(`${file}: step "${name}" has an unknown status "${status ?? ''}"`);
      continue;
    }
    const step: CollectionStep = {
      name,
      status: status as CollectionStep['status'],
      durationMs: asNumber(s['durationMs']) ?? 0,
      error: asString(s['error']) ?? null,
    };
    const stepNotes = asArray(s['notes']).map((n) => asString(n)).filter((n): n is string => !!n);
    if (stepNotes.length) step.notes = stepNotes.slice(0, 50);
    steps.push(step);
  }
  return steps;
}

function readWinInet(doc: Obj, file: string, notes: string[]): WinInetSettings[] {
  const policy = isObj(doc['policy']) ? doc['policy'] : {};
  const perUser = policy['proxySettingsPerUser'];
  const proxySettingsPerUser = perUser === null || perUser === undefined ? undefined : asBool(perUser);
  const out: WinInetSettings[] = [];
  for (const h of asArray(doc['hives'])) {
    if (!isObj(h)) continue;
    const hive = asString(h['hive']) ?? 'unknown';
    const e: WinInetSettings = { file, hive };
    const user = asString(h['user']);
    const sid = asString(h['sid']);
    const keyPath = asString(h['keyPath']);
    if (user) e.user = user;
    if (sid) e.sid = sid;
    if (keyPath) e.keyPath = keyPath;
    const err = asString(h['error']);
    if (err) notes.push(`${file}: hive ${hive}: ${err}`);
    const values = isObj(h['values']) ? h['values'] : {};
    const pe = asBool(values['ProxyEnable']);
    if (pe !== undefined) e.proxyEnable = pe;
    const ps = asString(values['ProxyServer']);
    if (ps !== undefined) e.proxyServer = ps;
    const po = asString(values['ProxyOverride']);
    if (po !== undefined) e.proxyOverride = po;
    const pac = asString(values['AutoConfigURL']);
    if (pac !== undefined) e.autoConfigUrl = pac;
    const ad = asBool(values['AutoDetect']);
    if (ad !== undefined) e.autoDetect = ad;
    const blobHex = asString(h['defaultConnectionSettings']);
    if (blobHex) {
      const bytes = hexToBytes(blobHex);
      if (!bytes) {
        notes.push(`${file}: hive ${hive}: defaultConnectionSettings is not hex`);
      } else {
        const problems = applyConnectionSettingsBlob(e, bytes);
        for (const p of problems) notes.push(`${file}: hive ${hive} DefaultConnectionSettings: ${p}`);
      }
    }
    if (proxySettingsPerUser !== undefined) e.proxySettingsPerUser = proxySettingsPerUser;
    out.push(e);
  }
  return out;
}

function readEnvironment(doc: Obj, file: string): EnvironmentProxy[] {
  const out: EnvironmentProxy[] = [];
  for (const v of asArray(doc['variables'])) {
    if (!isObj(v)) continue;
    const name = asString(v['name']);
    const value = asString(v['value']);
    if (!name || value === undefined) continue;
    out.push({ file, scope: asString(v['scope']) ?? 'unknown', name, value });
  }
  return out;
}

function readAdSync(doc: Obj, file: string, notes: string[]): AdSyncInfo {
  const info: AdSyncInfo = { file };
  const elevated = asBool(doc['elevated']);
  if (elevated !== undefined) info.elevated = elevated;
  const mod = isObj(doc['module']) ? doc['module'] : undefined;
  if (mod) {
    const found = asBool(mod['found']);
    if (found !== undefined) info.moduleFound = found;
    const path = asString(mod['path']);
    if (path) info.modulePath = path;
    const err = asString(mod['error']);
    if (err) notes.push(`${file}: module: ${err}`);
  }
  const svc = isObj(doc['service']) ? doc['service'] : undefined;
  if (svc) {
    const found = asBool(svc['found']);
    if (found !== undefined) info.serviceFound = found;
    const st = svc['status'];
    const status = typeof st === 'number' ? SERVICE_STATUS[st] : asString(st);
    if (status) info.serviceStatus = status;
    const account = asString(svc['account']);
    if (account) info.serviceAccount = account;
    const start = asDate(svc['startTime']);
    if (start) info.serviceStartTime = start;
    const err = asString(svc['error']);
    if (err) notes.push(`${file}: service: ${err}`);
  }
  const product = isObj(doc['product']) ? doc['product'] : undefined;
  const version = product ? asString(product['version']) : undefined;
  if (version) info.version = version;
  const sch = isObj(doc['scheduler']) ? doc['scheduler'] : undefined;
  if (sch) {
    const scheduler: NonNullable<AdSyncInfo['scheduler']> = {};
    const b = (k: string): boolean | undefined => asBool(sch[k]);
    const v1 = b('SyncCycleEnabled');
    if (v1 !== undefined) scheduler.syncCycleEnabled = v1;
    const v2 = b('StagingModeEnabled');
    if (v2 !== undefined) scheduler.stagingModeEnabled = v2;
    const v3 = b('SchedulerSuspended');
    if (v3 !== undefined) scheduler.schedulerSuspended = v3;
    const v4 = b('SyncCycleInProgress');
    if (v4 !== undefined) scheduler.syncCycleInProgress = v4;
    const pt = sch['NextSyncCyclePolicyType'];
    // SchedulerPolicyType enum as a number in 5.1: 0 Unspecified, 1 Delta, 2 Initial.
    const policy = typeof pt === 'number' ? (['Unspecified', 'Delta', 'Initial'][pt] ?? String(pt)) : asString(pt);
    if (policy) scheduler.nextSyncCyclePolicyType = policy;
    const next = asDate(sch['NextSyncCycleStartTimeInUTC']);
    if (next) scheduler.nextSyncCycleStartTimeInUTC = next;
    const err = asString(sch['error']);
    if (err) notes.push(`${file}: scheduler: ${err}`);
    info.scheduler = scheduler;
  }
  const connectors = asArray(doc['connectors'])
    .filter(isObj)
    .map((c) => ({ name: asString(c['name']) ?? asString(c['Name']) ?? '', type: asString(c['type']) ?? asString(c['Type']) }))
    .filter((c) => c.name !== '')
    .map((c) => (c.type ? c : { name: c.name }));
  if (doc['connectors'] !== undefined && doc['connectors'] !== null) info.connectors = connectors;
  const files = asArray(doc['configFiles'])
    .filter(isObj)
    .map((f) => {
      const entry: NonNullable<AdSyncInfo['configFiles']>[number] = { path: asString(f['path']) ?? '' };
      const bp = asString(f['bundlePath']);
      if (bp) entry.bundlePath = bp;
      const lw = asDate(f['lastWriteTimeUtc']);
      if (lw) entry.lastWriteTimeUtc = lw;
      return entry;
    })
    .filter((f) => f.path !== '' || f.bundlePath !== undefined);
  if (files.length > 0) info.configFiles = files;
  return info;
}

function readCycle(doc: Obj, file: string): SyncCycleEvidence {
  const started = asBool(doc['started']);
  const ev: SyncCycleEvidence = { file, fileKind: 'cycle', started: started === true, runProfileResults: [] };
  const reason = asString(doc['skippedReason']);
  if (reason) ev.skippedReason = reason;
  const requested = asString(doc['requested']);
  if (requested) ev.policyType = requested;
  const sr = doc['startResult'];
  const result = isObj(sr) ? asString(sr['Result']) : asString(sr);
  if (result) ev.result = result;
  const sa = asDate(doc['startedAt']);
  if (sa) ev.startedAt = sa;
  const fa = asDate(doc['finishedAt']);
  if (fa) ev.finishedAt = fa;
  const wt = asBool(doc['waitTimedOut']);
  if (wt !== undefined) ev.waitTimedOut = wt;
  return ev;
}

function readRunProfileResults(doc: Obj, file: string, notes: string[]): SyncCycleEvidence {
  const results: SyncCycleEvidence['runProfileResults'] = [];
  for (const r of asArray(doc['results'])) {
    if (!isObj(r)) continue;
    const entry: SyncCycleEvidence['runProfileResults'][number] = {
      connectorName: asString(r['ConnectorName']) ?? '',
      runProfileName: asString(r['RunProfileName']) ?? '',
      result: asString(r['Result']) ?? '',
      stepErrors: asArray(r['StepErrors'])
        .map((x) => (typeof x === 'string' ? x : JSON.stringify(x)))
        .filter((x) => x !== ''),
    };
    const sd = asDate(r['StartDate']);
    if (sd) entry.startDate = sd;
    const ed = asDate(r['EndDate']);
    if (ed) entry.endDate = ed;
    results.push(entry);
  }
  if (results.length === 0) notes.push(`${file}: no run profile results`);
  // Run history shows that runs happened, not that this collection started one: cycle.json says that.
  return { file, fileKind: 'run-profile-results', started: results.length > 0, runProfileResults: results };
}

function readProbes(doc: Obj, file: string, notes: string[]): ProbeResult[] {
  const as = asString(doc['as']) ?? 'unknown';
  const out: ProbeResult[] = [];
  for (const r of asArray(doc['results'])) {
    if (!isObj(r)) continue;
    const endpoint = asString(r['endpoint']);
    const test = asString(r['test']);
    if (!endpoint || !test) {
      notes.push(`${file}: a probe result without endpoint or test was skipped`);
      continue;
    }
    const p: ProbeResult = {
      file,
      endpoint,
      port: asNumber(r['port']) ?? 443,
      test,
      as,
      ok: asBool(r['ok']) === true,
    };
    const addresses = asArray(r['addresses']).map((a) => asString(a)).filter((a): a is string => !!a);
    if (r['addresses'] !== undefined && r['addresses'] !== null) p.addresses = addresses;
    if ('proxy' in r) p.proxy = asString(r['proxy']) ?? null;
    if ('httpStatus' in r) p.httpStatus = asNumber(r['httpStatus']) ?? null;
    if ('errorClass' in r) p.errorClass = asString(r['errorClass']) ?? null;
    if ('error' in r) p.error = asString(r['error']) ?? null;
    const d = asNumber(r['durationMs']);
    if (d !== undefined) p.durationMs = d;
    const tls = asString(r['tls']);
    if (tls === 'process-default' || tls === 'tls12') p.tls = tls;
    out.push(p);
  }
  return out;
}

/** config/tls.json: values as stored, null when absent (docs/bundle-format.md). */
function readTls(doc: Obj, file: string): TlsSettings {
  const num = (v: Json | undefined) => asNumber(v) ?? null;
  return {
    file,
    netFramework: asArray(doc['netFramework']).filter(isObj).map((e) => ({
      view: asString(e['view']) === '32' ? '32' : '64',
      found: asBool(e['found']) === true,
      SystemDefaultTlsVersions: num(e['SystemDefaultTlsVersions']),
      SchUseStrongCrypto: num(e['SchUseStrongCrypto']),
      error: asString(e['error']) ?? null,
    })),
    schannel: asArray(doc['schannel']).filter(isObj).map((e) => ({
      protocol: asString(e['protocol']) ?? '',
      side: asString(e['side']) === 'Server' ? 'Server' : 'Client',
      found: asBool(e['found']) === true,
      Enabled: num(e['Enabled']),
      DisabledByDefault: num(e['DisabledByDefault']),
      error: asString(e['error']) ?? null,
    })),
  };
}

function norm(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\//, '').toLowerCase();
}

/**
 * Sets DotNetProxyConfig.modifiedAt from adsync.json's configFiles (the collector's
 * LastWriteTimeUtc of the original file), joined on `bundlePath`. Call once all files are read.
 */
export function applyConfigFileTimes(dotNet: DotNetProxyConfig[], adsync: AdSyncInfo[]): void {
  for (const info of adsync) {
    for (const cf of info.configFiles ?? []) {
      if (!cf.bundlePath || !cf.lastWriteTimeUtc) continue;
      const bp = norm(cf.bundlePath);
      for (const d of dotNet) {
        const f = norm(d.file);
        if (f === bp || f.endsWith('/' + bp)) d.modifiedAt = cf.lastWriteTimeUtc;
      }
    }
  }
}

/**
 * Joins sync/cycle.json and sync/run-profile-results.json of the same bundle into one entry
 * (they are read one file at a time). Entries from other folders are kept as they are.
 */
export function mergeSyncEvidence(sync: SyncCycleEvidence[]): SyncCycleEvidence[] {
  const dir = (f: string): string => norm(f).replace(/\/[^/]*$/, '');
  const cycles = sync.filter((s) => s.fileKind === 'cycle');
  const out: SyncCycleEvidence[] = sync.filter((s) => s.fileKind !== 'run-profile-results');
  for (const r of sync.filter((s) => s.fileKind === 'run-profile-results')) {
    const c = cycles.find((x) => dir(x.file) === dir(r.file));
    if (c) c.runProfileResults.push(...r.runProfileResults);
    else out.push(r);
  }
  return out;
}
