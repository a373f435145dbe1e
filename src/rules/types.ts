// A rule is one finding code, and its module under src/rules/codes/ owns everything about it: its
// metadata, its matchers, its place in the claim order, whether it decides the verdict and the sentence
// the verdict then says. The engine (engine.ts) and the verdict (verdict.ts) name no code.
//
// Rules read evidence (src/evidence/types.ts) and the view derived from it once (RuleContext); they
// return matches, which the engine turns into findings.

import type { EvidenceSet, RecordGroup } from '../evidence/types.js';
import type { Fact } from '../facts/types.js';
import type { Actor } from '../model/actors.js';
import type { Confidence, EvidenceQuote, Finding, Route, Severity, VerdictCode } from '../model/report.js';
import type { ProxyView } from '../route/proxy-view.js';

/**
 * The claim order of record rules: each failure record group yields at most one finding, claimed by
 * the first rule that matches in this order (within a band, the registry's order). Each band outranks
 * the next for the reason given.
 */
export const CLAIM_BANDS = [
  { band: 'policy', why: 'Something other than the network refused (Conditional Access, credentials, the tenant, on-premises AD): naming it keeps the admin away from a proxy that works.' },
  { band: 'tls-config', why: 'The client could not complete TLS for a reason of its own (TLS 1.2 not offered, revocation lists out of reach): claimed before Entra\'s own TLS error code is read as a generic Entra answer and before a certificate failure is blamed on the proxy.' },
  { band: 'far-end-answered', why: 'Entra ID or the destination service answered with its own error (an AADSTS code, an HTTP error that is not the proxy\'s): the path worked, which outranks any transport symptom in the same record.' },
  { band: 'proxy-answered', why: 'The proxy was reached and answered (407, its own page, its certificate, its idle cut): more specific than where a connection was headed.' },
  { band: 'proxy-hop', why: 'The failure names the proxy itself (its name, its address): the proxy was in the path, so it cannot be a bypass.' },
  { band: 'direct', why: 'A public name or address failed from this server: the request went around the proxy.' },
  { band: 'feature', why: 'A known feature\'s endpoint failed with no detail of the hop: better than no finding, weaker than any of the above.' },
  { band: 'fallback', why: 'A network send failed and nothing says where: said last, and only for records nothing else explained.' },
] as const;

export type ClaimBand = (typeof CLAIM_BANDS)[number]['band'];

/** What `aadsync-diagnose fix` can change (RuleMeta.fixedBy), in words. */
export const FIX_KINDS = {
  'machine-config': 'the <defaultProxy> section of machine.config, 64- and 32-bit Framework',
  tls12: 'the .NET TLS 1.2 registry values SchUseStrongCrypto and SystemDefaultTlsVersions, 64- and 32-bit',
  restart: 'a restart of ADSync, only when no sync cycle runs',
} as const;
export type FixKind = keyof typeof FIX_KINDS;

/** The step every finding `fix` can answer ends with (the tool's own words, never redacted). */
export const FIX_COMMAND_STEP =
  'Or let the tool make this change on the server: `aadsync-diagnose fix` shows it as an exact diff and changes nothing; ' +
  '`aadsync-diagnose fix --apply --restart` (elevated) makes it with a backup, restarts ADSync when no sync cycle runs and probes again; ' +
  '`aadsync-diagnose fix --undo --apply` takes it back.';

export interface RuleMeta {
  code: string;
  title: string;
  severity: Severity;
  route: Route;
  /**
   * The verdict a finding of this code argues for (docs/report-contract.md "Verdicts"). Absent: the
   * finding only makes a diagnosis inconclusive when it is an error.
   */
  verdict?: VerdictCode;
  /**
   * Decided from configuration alone: nothing failed yet, the settings make a path go direct. Such a
   * finding decides the verdict only when a failure was seen that is not a non-network one, or when no
   * non-network failure was seen at all (never send the admin to the proxy for a Conditional Access policy).
   */
  configOnly?: boolean;
  /** A warning that still decides the verdict (exports cut by the proxy's idle timeout). */
  decidesAsWarning?: boolean;
  /**
   * A catch-all for records nothing decisive explained (network-send-failure). Its records are left
   * out when a finding that argues for a verdict quotes records from the same source: the wizard logs
   * "An error occurred while sending the request" before the record that says why.
   */
  fallback?: boolean;
  /**
   * The change `aadsync-diagnose fix` makes for a finding of this code (src/fix): the machine.config
   * <defaultProxy> section of both frameworks, the .NET TLS 1.2 registry values, or a restart of ADSync.
   * The fix steps then end with the command (FIX_COMMAND_STEP), and the plan reads this to decide.
   */
  fixedBy?: FixKind;
  /** Default explanation in plain words; a match may give a more specific one. */
  explanation: string;
  /** The fix, step by step. A match may give filled-in steps (proxy address known). */
  fix: string[];
  /** Microsoft documentation URLs. */
  references: string[];
}

/** Derived once from the evidence, shared by every rule, fix and verdict sentence. */
export interface RuleContext {
  /** The proxies in the evidence, what the sync service uses, the one fix address, the route matrix. */
  proxy: ProxyView;
}

export interface RuleMatch {
  explanation?: string;
  fix?: string[];
  confidence?: Confidence;
  evidence: EvidenceQuote[];
  /** The record groups this match stands for: their counts and times are summed. */
  groups?: RecordGroup[];
  /** The facts it was decided from (shown in the report). */
  facts?: Fact[];
  /** Overrides meta.fixedBy for this match; null: here the `fix` command has nothing to change. */
  fixedBy?: FixKind | null;
}

/** What a verdict sentence is written from. */
export interface VerdictSentenceInput {
  finding: Finding;
  /** The process the finding's records came from. */
  actor: Actor;
  ev: EvidenceSet;
  ctx: RuleContext;
  /** " (35 times, 2026-11-24 to 2026-11-25)" when the finding stands for repeats, else ''. */
  times: string;
}

export interface Rule {
  meta: RuleMeta;
  /** What facts (src/facts) a finding of this code is decided from, in plain words (shown by `explain`). */
  decidesFrom?: string;
  /** Record rules: the band in which this rule may claim a failure record group (see CLAIM_BANDS). */
  band?: ClaimBand;
  /** Record rule: does this failure group belong to this code? */
  matchGroup?(group: RecordGroup, ctx: RuleContext, ev: EvidenceSet): RuleMatch | null;
  /** Evidence rule: configuration, sync, probe-based findings. */
  matchEvidence?(ev: EvidenceSet, ctx: RuleContext): RuleMatch[];
  /** The verdict line, when a finding of this code decides the verdict (required with meta.verdict). */
  verdictSentence?(input: VerdictSentenceInput): string;
}
