// STUB owned by the reports work: Diagnosis + EvidenceSet -> the CONTRACT JSON report.
import type { EvidenceSet } from '../evidence/types.js';
import type { Diagnosis } from '../rules/engine.js';
import type { Report } from './types.js';
import { TOOL_VERSION } from '../version.js';

export function buildReport(d: Diagnosis, ev: EvidenceSet, now: Date = new Date()): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'aadsync-diagnose', version: TOOL_VERSION },
    generatedAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    verdict: d.verdict,
    findings: d.findings,
    proxyPaths: d.proxyPaths,
    collection: { steps: ev.collection },
    inputs: ev.inputs,
  };
}
