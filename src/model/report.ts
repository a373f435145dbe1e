// The JSON report (docs/report-contract.md, schema/report.schema.json): the types every layer may import. Fields may be added, never removed or renamed.

export type Severity = 'error' | 'warning' | 'info';
export type Route = 'direct' | 'proxy' | 'none' | 'unknown';
export type Confidence = 'high' | 'medium' | 'low';
export type EvidenceKind = 'event' | 'trace' | 'config' | 'probe' | 'sync' | 'text';

export type VerdictCode =
  | 'proxy-bypassed'
  | 'proxy-rejected'
  | 'proxy-unreachable'
  | 'tls-failure'
  | 'not-network'
  | 'inconclusive'
  | 'healthy';

export interface EvidenceQuote {
  kind: EvidenceKind;
  source: string;
  location: string;
  time?: string;
  excerpt: string;
}

export interface Finding {
  code: string;
  severity: Severity;
  route: Route;
  confidence: Confidence;
  title: string;
  explanation: string;
  evidence: EvidenceQuote[];
  fix: string[];
  references: string[];
  /** The verdict this finding argues for, when it argues for one (e.g. proxy-bypassed). */
  supports?: VerdictCode;
  /** The facts the finding was decided from (src/facts): what failed, who answered, where, and from which words. */
  facts?: FindingFact[];
  /** How many records this finding stands for (repeated evidence collapsed). */
  count?: number;
  firstTime?: string;
  lastTime?: string;
}

/** A fact of a failure (src/facts/types.ts), as the report shows it. */
export interface FindingFact {
  /** dns, connect, tunnel, tls, http, auth, directory, database, sync, local, transfer. */
  op: string;
  kind: string;
  /** nobody, proxy, entra, server, ad, local, unknown. */
  answeredBy: string;
  codes: string[];
  status?: number;
  target?: { host: string; port?: number; role: 'proxy' | 'destination' | 'unknown' };
  product?: string;
  issuer?: string;
  sure: Confidence;
  /** The words of the record it was read from. */
  seen: string[];
  /** type, enum, frame, number, page, header, log, phrase. */
  via: string[];
}

/** One row of the proxy-path matrix (src/route). */
export interface ProxyPath {
  actor: string;
  endpoint: string;
  route: 'direct' | 'proxy' | 'pac' | 'bypassed' | 'unknown';
  /** host:port of the proxy, or null. */
  proxy: string | null;
  /** Short sentence: which layer decided. */
  source: string;
  /** Whether credentials are sent to the proxy (useDefaultCredentials / WinINET integrated auth). */
  credentials?: boolean;
  /** The PAC script URL, for route 'pac'. */
  pac?: string | null;
  /** The bypass rule that matched, for route 'bypassed'. */
  bypassRule?: string | null;
  /** The chain of reasons, outermost decision first. */
  reasons?: string[];
}

export interface CollectionStepReport {
  name: string;
  status: 'ok' | 'failed' | 'skipped' | 'timeout';
  durationMs: number;
  error: string | null;
  /** What the step says about what it collected (per-provider event counts, a cut window). */
  notes?: string[];
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'aadsync-diagnose'; version: string };
  generatedAt: string;
  verdict: { code: VerdictCode; summary: string };
  findings: Finding[];
  proxyPaths: ProxyPath[];
  collection: { steps: CollectionStepReport[] };
  /** What was read: every input with its recognised format and notes. */
  inputs?: { path: string; format: string; bytes: number; notes: string[] }[];
  /** Added by the reports work (optional): counts, server facts, the sync cycle, the timeline. */
  summary?: ReportSummary;
  server?: ReportServer;
  sync?: ReportSyncCycle[];
  timeline?: Timeline;
  /** Added by `run` (issue 15 D3): the support bundle it wrote on this server. Never inside the zip's own report.json. */
  bundle?: ReportBundle;
  /** Added with issue 15 C4: the inputs not listed in `inputs` (a report lists at most 500), counted. */
  inputsOmitted?: ReportInputsOmitted;
  /** Added by the fleet view (issue 14): which server this report is about, when the inputs held several. */
  host?: ReportHost;
}

// ---- Optional additions (reports work). Older readers ignore them; nothing above changes. ----

/** Counts an admin or a script can check at a glance. */
export interface ReportSummary {
  errors: number;
  warnings: number;
  infos: number;
  /** Records the findings stand for (repeats counted). */
  records: number;
  /** What was read: events, trace-log records, text blocks. */
  events: number;
  traceRecords: number;
  textRecords: number;
  inputs: number;
  /** Collection steps that failed or timed out. */
  collectionProblems: number;
}

/** The Azure AD Connect server as the evidence describes it (adsync.json of a bundle). */
export interface ReportServer {
  adsyncVersion?: string;
  serviceAccount?: string;
  serviceStatus?: string;
  serviceStartTime?: string;
  stagingMode?: boolean;
  schedulerSuspended?: boolean;
  syncCycleEnabled?: boolean;
}

/** The sync cycle `run` started (or why none was started). */
export interface ReportSyncCycle {
  started: boolean;
  skippedReason?: string;
  policyType?: string;
  result?: string;
  runProfiles: { connector: string; runProfile: string; result: string; start?: string; end?: string; errors: string[] }[];
}

/** A point on the timeline: one quoted record. */
export interface TimelineMark {
  time: string;
  label: string;
}

/** One row of the timeline: a finding's errors (first..last) or one run profile of the sync cycle. */
export interface TimelineLane {
  id: string;
  kind: 'finding' | 'sync';
  label: string;
  severity?: Severity;
  /** Run profile result, for sync lanes. */
  result?: string;
  /** 1-based index of the finding in `findings`, for finding lanes. */
  finding?: number;
  start: string;
  end: string;
  count?: number;
  marks: TimelineMark[];
}

/** Errors around the sync cycle, in time (src/report/timeline.ts). */
export interface Timeline {
  start: string;
  end: string;
  lanes: TimelineLane[];
}

// ---- The fleet view (issue 14): several servers in one `analyze`. ----

/** How a server was told apart from the others (src/fleet/identify.ts has the rules). */
export type HostIdentifiedBy = 'bundle-manifest' | 'collector' | 'events' | 'registry' | 'folder' | 'kept-apart' | 'none';

/** Which server a report is about, and what was read as its evidence. */
export interface ReportHost {
  /** The server's name (a bundle's host, a computer name), or a label when no name is known. */
  name: string;
  identifiedBy: HostIdentifiedBy;
  /** Bundles, collector runs and folders its evidence came from. */
  sources: string[];
  /** Inputs kept apart from (or read only in part for) this server, and why. */
  notes: string[];
  /** The time span of its timed evidence (events, trace records), ISO 8601 UTC. */
  firstTime?: string;
  lastTime?: string;
}

/** One row of the fleet summary: one server. */
export interface FleetRow {
  server: string;
  /** Where its evidence came from: the bundle, collector run or folder (the first of host.sources). */
  from: string;
  identifiedBy: HostIdentifiedBy;
  verdict: VerdictCode;
  /** The first finding (the one that decided the verdict), or null when there is none. */
  topFinding: { code: string; severity: Severity; title: string } | null;
  /** The proxy the sync service (miiserver.exe) uses: direct, host:port, a PAC URL, unknown. */
  serviceProxy: string;
  syncVersion: string | null;
  firstTime: string | null;
  lastTime: string | null;
  errors: number;
  warnings: number;
}

export interface FleetSummary {
  servers: number;
  /** The worst verdict of all servers, and the exit code of the whole run (the worst server's). */
  worstVerdict: VerdictCode;
  exitCode: 0 | 1;
  /** Servers per verdict. */
  verdicts: Partial<Record<VerdictCode, number>>;
  rows: FleetRow[];
  /** Inputs not merged with another server's, and why. */
  keptApart: { inputs: string[]; server: string; reason: string }[];
  /** Sets of inputs with nothing readable in them (no report). */
  unreadable: { server: string; inputs: string[]; error: string }[];
}

/** `analyze --format json` of several servers: the summary, then each server's report. */
export interface FleetReport {
  schemaVersion: 1;
  tool: { name: 'aadsync-diagnose'; version: string };
  generatedAt: string;
  summary: FleetSummary;
  /** Absent with --summary-only. */
  servers?: Report[];
}

/** Where `run` left the support bundle: the zip to attach, and the SHA-256 of its bytes. */
export interface ReportBundle {
  /** Absolute path of the zip on the server. */
  path: string;
  /** SHA-256 of the zip file, lowercase hex. */
  sha256: string;
}

/** Inputs read but not listed one by one: how many, their bytes, and how many of each format. */
export interface ReportInputsOmitted {
  count: number;
  bytes: number;
  formats: Record<string, number>;
}
