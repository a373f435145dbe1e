// STUB owned by the rules work (issue 2): runs every rule, collapses repeats, picks the verdict.
import type { EvidenceSet } from '../evidence/types.js';
import type { Finding, ProxyPath, VerdictCode } from '../report/types.js';

export interface Diagnosis {
  findings: Finding[];
  verdict: { code: VerdictCode; summary: string };
  proxyPaths: ProxyPath[];
}

export function diagnose(_ev: EvidenceSet): Diagnosis {
  return { findings: [], verdict: { code: 'inconclusive', summary: 'Nothing recognisable was found in the input.' }, proxyPaths: [] };
}
