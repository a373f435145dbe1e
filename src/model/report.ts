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
  /** How many records this finding stands for (repeated evidence collapsed). */
  count?: number;
  firstTime?: string;
  lastTime?: string;
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
