// Typed evidence: what the parsers produce and what the rules read.
// Nothing in this file knows what a finding is. Parsers turn bytes into these shapes;
// the rules (src/rules) read only these shapes.

/** One Windows event, whatever it was read from (event XML, .evtx, a bundle). */
export interface WinEvent {
  /** File the event was read from, relative to the input root when possible. */
  file: string;
  provider: string;
  eventId: number;
  /** `Qualifiers` attribute of `<EventID>` (classic sources), when present. */
  qualifiers?: number;
  /** 0 LogAlways, 1 Critical, 2 Error, 3 Warning, 4 Information, 5 Verbose. */
  level: number;
  task?: number;
  keywords?: string;
  /** ISO 8601 UTC as Windows wrote it (7–9 fractional digits kept), or '' when absent. */
  time: string;
  recordId: number;
  channel: string;
  computer: string;
  /** `<Data Name='x'>` values, in document order. */
  namedData: Record<string, string>;
  /** `<Data>` without a Name, in document order (classic sources put the whole message here). */
  unnamedData: string[];
  /** `<UserData>` flattened to name → text, when present. */
  userData?: Record<string, string>;
  /** `<Binary>` hex, when present. */
  binary?: string;
  /** `RenderingInfo/Message`, or the message a collector rendered. */
  message?: string;
  /** Where in the file: "event 12" (ordinal in the file) or "record 48213". */
  location: string;
}

/**
 * Any message-bearing record: an event, one grouped trace-log record (an ERROR line with its
 * exception block and stack), or a block of plain text. Rules look at `text`.
 */
export interface MessageRecord {
  kind: 'event' | 'trace' | 'text';
  /** "Application/Directory Synchronization/906" for events; the file path for trace and text. */
  source: string;
  /** "record 48213", "line 120", "lines 10-24". */
  location: string;
  /** ISO 8601 UTC when known. Trace lines carry only a time of day: combined with the file's date. */
  time?: string;
  /** The full text: event message (or joined data), trace message with exception block, pasted text. */
  text: string;
  provider?: string;
  eventId?: number;
  level?: number;
  /** Trace level word (INFO, WARN, ERROR, VERB) for trace records. */
  traceLevel?: string;
}

/**
 * Repeated evidence collapsed: records with the same provider/event id and the same
 * normalised innermost cause become one group with a count, first/last time and samples.
 */
export interface RecordGroup {
  key: string;
  kind: MessageRecord['kind'];
  provider?: string;
  eventId?: number;
  level?: number;
  count: number;
  firstTime?: string;
  lastTime?: string;
  /** Up to 3 records quoted as evidence (the first ones seen, in input order). Their facts: src/facts (factsOf). */
  samples: MessageRecord[];
}

export type ConfigProblemKind =
  | 'not-well-formed'
  | 'misspelt-element'
  | 'misplaced-element'
  | 'unknown-attribute'
  | 'invalid-value'
  | 'duplicate-section';

export interface ConfigProblem {
  kind: ConfigProblemKind;
  message: string;
  /** "line 12" */
  location?: string;
  excerpt?: string;
}

/** The `<system.net><defaultProxy>` section of a machine.config or *.exe.config. */
export interface DotNetProxyConfig {
  file: string;
  /** Which file this is: `machine.config (Framework64)`, `machine.config (Framework)`, `miiserver.exe.config`, other. */
  scope: 'machine.config (Framework64)' | 'machine.config (Framework)' | 'machine.config' | 'miiserver.exe.config' | 'app.config';
  /** Whether a `defaultProxy` section exists where .NET reads it. */
  present: boolean;
  /** defaultProxy/@enabled (default true). */
  enabled: boolean;
  /** defaultProxy/@useDefaultCredentials (default false). */
  useDefaultCredentials: boolean;
  proxy?: {
    usesystemdefault?: boolean;
    proxyaddress?: string;
    bypassonlocal?: boolean;
    scriptLocation?: string;
    autoDetect?: boolean;
  };
  /** `<bypasslist><add address="regex"/></bypasslist>` entries (regular expressions). */
  bypassList: string[];
  /** `<module type="..."/>` when present. */
  module?: string;
  problems: ConfigProblem[];
  /** File modification time (ISO) when known (bundle manifest or file system). */
  modifiedAt?: string;
  /** The raw section text, for quoting. */
  excerpt?: string;
}

/** Per-user WinINET Internet Settings (from a reg export, wininet.json or a collector log). */
export interface WinInetSettings {
  file: string;
  /** `current-user`, `service-account`, `HKU\\S-1-5-21-...`, `HKLM policy`, or the key path. */
  hive: string;
  user?: string;
  sid?: string;
  proxyEnable?: boolean;
  proxyServer?: string;
  proxyOverride?: string;
  autoConfigUrl?: string;
  autoDetect?: boolean;
  /** ProxySettingsPerUser policy: false means the settings are machine-wide. */
  proxySettingsPerUser?: boolean;
  /** Registry key the values were read from, when known. */
  keyPath?: string;
  /** The decoded `Connections\DefaultConnectionSettings` blob (what WinINET and .NET actually read), when present. */
  connectionSettings?: DecodedConnectionSettings;
}

/** What a proxy blob of the registry says (DefaultConnectionSettings / SavedLegacySettings, WinHttpSettings). */
export interface DecodedConnectionSettings {
  flags: number;
  /** Flag 0x1. */
  direct: boolean;
  /** Flag 0x2: the proxy string is applied only when this is set. */
  proxyEnabled: boolean;
  /** Flag 0x4: the PAC URL is applied only when this is set. */
  autoConfigUrlEnabled: boolean;
  /** Flag 0x8. */
  autoDetect: boolean;
  proxyServer: string;
  bypassList: string;
  /** WinINET only. */
  autoConfigUrl: string;
  /** Whether .NET would use this blob at all: false when it ignores it (WinINET: version below 60). */
  usable: boolean;
}

/** Machine-wide WinHTTP proxy (`netsh winhttp show proxy` or the WinHttpSettings blob). */
export interface WinHttpSettings {
  file: string;
  direct: boolean;
  proxyServer?: string;
  bypassList?: string;
  /** `netsh`, `WinHttpSettings` (registry blob) or `WinHttpSettings (WOW6432Node)`. */
  source?: string;
}

/** Proxy environment variables (ignored by .NET Framework, used by some agents). */
export interface EnvironmentProxy {
  file: string;
  scope: 'process' | 'user' | 'machine' | string;
  name: string;
  value: string;
}

/** What the wizard trace log says about the proxy it will use (machine.config as the wizard read it). */
export interface TraceProxyFacts {
  file: string;
  location: string;
  machineConfigPath?: string;
  proxyAddress?: string | null;
  useSystemDefault?: string;
  bypassOnLocal?: string;
  enabled?: string;
  autoDetect?: string;
  useDefaultCredentials?: string;
  tls12Configured?: boolean;
}

/** adsync.json of a bundle: the server's Azure AD Connect facts. */
export interface AdSyncInfo {
  file: string;
  moduleFound?: boolean;
  modulePath?: string;
  version?: string;
  serviceFound?: boolean;
  serviceStatus?: string;
  serviceAccount?: string;
  serviceStartTime?: string;
  scheduler?: {
    syncCycleEnabled?: boolean;
    stagingModeEnabled?: boolean;
    schedulerSuspended?: boolean;
    syncCycleInProgress?: boolean;
    nextSyncCyclePolicyType?: string;
    nextSyncCycleStartTimeInUTC?: string;
  };
  connectors?: { name: string; type?: string }[];
  /** Whether the collector ran elevated (adsync.json `elevated`). */
  elevated?: boolean;
  /**
   * The config files the collector copied, with their last write time: join `bundlePath` to
   * DotNetProxyConfig.file (see applyConfigFileTimes in readers/bundle-json.ts).
   */
  configFiles?: { path: string; bundlePath?: string; lastWriteTimeUtc?: string }[];
}

/** sync/ of a bundle: the cycle `run` started (or why none was started). */
export interface SyncCycleEvidence {
  file: string;
  started: boolean;
  /** Why no cycle was started: staging-mode, scheduler-suspended, sync-in-progress, module-missing, disabled (--sync none). */
  skippedReason?: string;
  policyType?: string;
  result?: string;
  /** Which bundle file this entry came from: `cycle` (sync/cycle.json) or `run-profile-results`. */
  fileKind?: 'cycle' | 'run-profile-results';
  startedAt?: string;
  finishedAt?: string;
  /** The collector stopped waiting for the cycle to finish. */
  waitTimedOut?: boolean;
  runProfileResults: {
    connectorName: string;
    runProfileName: string;
    result: string;
    startDate?: string;
    endDate?: string;
    stepErrors: string[];
  }[];
}

/** A proxy auto-config (PAC) script's text, for evaluating it offline (src/route/pac.ts). */
export interface PacScript {
  file: string;
  /** The URL the settings name (AutoConfigURL or scriptLocation), matched case-insensitively. */
  url: string;
  text: string;
}

/** One live probe result (probes/ of a bundle). */
export interface ProbeResult {
  file: string;
  endpoint: string;
  port: number;
  /** dns | tcp-direct | https-proxy | https-direct | realm-discovery */
  test: string;
  /** Who ran it: admin, service. */
  as: string;
  ok: boolean;
  addresses?: string[];
  proxy?: string | null;
  httpStatus?: number | null;
  /** Structured class: name-unresolved, timeout, refused, proxy-auth, forbidden, tls, ok, other. */
  errorClass?: string | null;
  error?: string | null;
  durationMs?: number;
  /** HTTPS probes: `process-default` (the TLS versions .NET gave the probing process) or `tls12` (TLS 1.2 forced). */
  tls?: 'process-default' | 'tls12';
}

/**
 * The registry values that decide which TLS versions .NET Framework 4.x programs (miiserver.exe) offer
 * (config/tls.json of a bundle, docs/bundle-format.md). Values as stored; null = absent (the default applies).
 */
export interface TlsSettings {
  file: string;
  netFramework: { view: '64' | '32'; found: boolean; SystemDefaultTlsVersions: number | null; SchUseStrongCrypto: number | null; error: string | null }[];
  schannel: { protocol: string; side: 'Client' | 'Server'; found: boolean; Enabled: number | null; DisabledByDefault: number | null; error: string | null }[];
}

/** One collection step (manifest.json of a bundle). */
export interface CollectionStep {
  name: string;
  status: 'ok' | 'failed' | 'skipped' | 'timeout';
  durationMs: number;
  error: string | null;
  /** What the step says about what it collected ("ADSync: 120", "only the newest 20000 events…"). */
  notes?: string[];
}

/** Every input file seen, with what it was recognised as. */
export interface InputFile {
  path: string;
  format: InputFormat;
  bytes: number;
  /** Notes a reader should see: "truncated after event 12", "3 chunks skipped (bad magic)". */
  notes: string[];
}

export type InputFormat =
  | 'event-xml'
  | 'evtx'
  | 'trace-log'
  | 'dotnet-config'
  | 'netsh-winhttp'
  | 'reg-export'
  | 'bundle-manifest'
  | 'bundle-json'
  | 'run-history'
  | 'text'
  | 'binary'
  | 'empty'
  | 'zip';

/** Everything the rules read. Built by src/evidence/collect-evidence.ts. */
export interface EvidenceSet {
  inputs: InputFile[];
  groups: RecordGroup[];
  dotNetProxy: DotNetProxyConfig[];
  winInet: WinInetSettings[];
  winHttp: WinHttpSettings[];
  environment: EnvironmentProxy[];
  traceProxy: TraceProxyFacts[];
  adsync: AdSyncInfo[];
  sync: SyncCycleEvidence[];
  probes: ProbeResult[];
  /** .NET / SCHANNEL TLS settings (config/tls.json), when collected. */
  tls: TlsSettings[];
  /** PAC scripts whose text is known (optional: readers that find none leave it out). */
  pacScripts?: PacScript[];
  collection: CollectionStep[];
  counts: { events: number; relevantEvents: number; traceRecords: number; textRecords: number };
}

export function emptyEvidence(): EvidenceSet {
  return {
    inputs: [],
    groups: [],
    dotNetProxy: [],
    winInet: [],
    winHttp: [],
    environment: [],
    traceProxy: [],
    adsync: [],
    sync: [],
    probes: [],
    tls: [],
    collection: [],
    counts: { events: 0, relevantEvents: 0, traceRecords: 0, textRecords: 0 },
  };
}
