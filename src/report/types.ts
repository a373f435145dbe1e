// The JSON report of CONTRACT.md. Fields may be added, never removed or renamed.

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
}
