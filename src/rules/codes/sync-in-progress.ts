import type { Rule } from '../types.js';
import { REF, quoteGroup } from './_shared.js';
import { facts } from './_facts.js';
import { schedulerQuotes, skipQuotes } from './_sync.js';

export const rule: Rule = {
  meta: {
    code: 'sync-in-progress',
    title: 'A sync cycle was already running, so none was started',
    severity: 'info',
    route: 'none',
    explanation:
      'The scheduler reported a sync cycle in progress, so no new cycle was started (starting one would fail with "Sync is already running"). A wizard left open in another session can also hold this state.',
    fix: [
      'Wait for the running cycle to finish (`Get-ADSyncScheduler` shows SyncCycleInProgress : False), then run the diagnosis again.',
      'If it stays True for hours, check for an Azure AD Connect wizard open in another user\'s session and close it.',
    ],
    references: [REF.scheduler],
  },
  band: 'policy',
  decidesFrom: 'The scheduler\'s SyncCycleInProgress, the collector\'s skip reason, or the words of Start-ADSyncSyncCycle when a cycle runs ("Sync is already running. Cannot start a new run till this one completes.", "Connector: … is busy.").',
  matchGroup(g) {
    const used = facts(g).filter((f) => f.op === 'sync' && f.kind === 'busy');
    if (!used.length) return null;
    return {
      confidence: 'high',
      explanation: 'A sync cycle was already running, so the new one was refused. Nothing failed on the network: wait for the running cycle to finish.',
      evidence: quoteGroup(g, used),
      facts: used,
    };
  },
  matchEvidence(ev) {
    const evidence = [...skipQuotes(ev, 'sync-in-progress'), ...schedulerQuotes(ev, 'syncCycleInProgress', true)];
    return evidence.length ? [{ confidence: 'high', evidence }] : [];
  },
};
