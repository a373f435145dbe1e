// A rule is one finding code: its metadata and its matcher, in one module under src/rules/codes/.
// Rules read evidence only (src/evidence/types.ts) and return matches; the engine (engine.ts)
// turns matches into findings, collapses repeats and picks the verdict.

import type { EvidenceSet, RecordGroup } from '../evidence/types.js';
import type { Confidence, EvidenceQuote, ProxyPath, Route, Severity, VerdictCode } from '../model/report.js';

export interface RuleMeta {
  code: string;
  title: string;
  severity: Severity;
  route: Route;
  /**
   * The verdict a finding of this code argues for (CONTRACT "Verdicts"). Absent: the finding only
   * makes a diagnosis inconclusive when it is an error. The verdict and the report order read it
   * from here, so adding a code means adding its module and one registry line, nothing else.
   */
  verdict?: VerdictCode;
  /**
   * A catch-all for records nothing decisive explained (network-send-failure). Its records are left
   * out when a finding that argues for a verdict quotes records from the same source (the same trace
   * file, the same provider and event id): the wizard logs "An error occurred while sending the
   * request" before the record that says why, and the admin needs the why, not both.
   */
  fallback?: boolean;
  /** Default explanation in plain words; a match may give a more specific one. */
  explanation: string;
  /** The fix, step by step. A match may give filled-in steps (proxy address known). */
  fix: string[];
  /** Microsoft documentation URLs. */
  references: string[];
}

/** Facts derived once from the evidence, shared by every rule. */
export interface RuleContext {
  /** Proxy endpoints configured anywhere (machine.config, miiserver.exe.config, WinINET, WinHTTP, trace). */
  proxies: { host: string; port?: number; layer: string; scheme?: string }[];
  /** The proxy-path matrix (src/route), when it could be resolved. */
  proxyPaths: ProxyPath[];
}

export interface RuleMatch {
  explanation?: string;
  fix?: string[];
  confidence?: Confidence;
  evidence: EvidenceQuote[];
  /** The record groups this match stands for: their counts and times are summed. */
  groups?: RecordGroup[];
}

export interface Rule {
  meta: RuleMeta;
  /**
   * For record rules: the higher the priority, the earlier the rule may claim a record group.
   * Each record group yields at most one finding: the first matching rule by priority.
   * Not-network rules come first so that the proxy is never blamed for them.
   */
  priority?: number;
  /** Record rule: does this failure group belong to this code? */
  matchGroup?(group: RecordGroup, ctx: RuleContext, ev: EvidenceSet): RuleMatch | null;
  /** Evidence rule: configuration, sync, probe-based findings. */
  matchEvidence?(ev: EvidenceSet, ctx: RuleContext): RuleMatch[];
}
