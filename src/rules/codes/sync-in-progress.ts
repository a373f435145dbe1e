import type { Rule } from '../types.js';
import { REF } from './_shared.js';
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
  matchEvidence(ev) {
    const evidence = [...skipQuotes(ev, 'sync-in-progress'), ...schedulerQuotes(ev, 'syncCycleInProgress', true)];
    return evidence.length ? [{ confidence: 'high', evidence }] : [];
  },
};
