import type { Rule } from '../types.js';
import { REF } from './_shared.js';
import { schedulerQuotes, skipQuotes } from './_sync.js';

export const rule: Rule = {
  meta: {
    code: 'sync-scheduler-suspended',
    title: 'The sync scheduler is disabled or suspended',
    severity: 'warning',
    route: 'none',
    explanation:
      'The scheduler is suspended (SchedulerSuspended, usually left by an interrupted wizard or upgrade) or sync cycles are disabled (SyncCycleEnabled False): no scheduled sync runs, whatever the network does.',
    fix: [
      'If it is suspended and no wizard is open: `Set-ADSyncScheduler -SchedulerSuspended $false` (an elevated Windows PowerShell).',
      'If cycles are disabled on purpose for maintenance, re-enable them afterwards: `Set-ADSyncScheduler -SyncCycleEnabled $true`.',
    ],
    references: [REF.scheduler],
  },
  matchEvidence(ev) {
    const evidence = [...skipQuotes(ev, 'scheduler-suspended'), ...schedulerQuotes(ev, 'schedulerSuspended', true), ...schedulerQuotes(ev, 'syncCycleEnabled', false)];
    return evidence.length ? [{ confidence: 'high', evidence }] : [];
  },
};
