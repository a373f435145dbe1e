// Shared by the four sync-state rules: quotes of adsync.json scheduler facts and cycle.json skip reasons.
import type { EvidenceSet } from '../../evidence/types.js';
import type { EvidenceQuote } from '../../model/report.js';

export function skipQuotes(ev: EvidenceSet, reason: string): EvidenceQuote[] {
  return ev.sync
    .filter((s) => !s.started && s.skippedReason === reason)
    .map((s) => ({ kind: 'sync' as const, source: s.file, location: 'skippedReason', excerpt: `No sync cycle was started: skippedReason "${reason}"` }));
}

type SchedulerKey = 'syncCycleEnabled' | 'stagingModeEnabled' | 'schedulerSuspended' | 'syncCycleInProgress';
const NAMES: Record<SchedulerKey, string> = {
  syncCycleEnabled: 'SyncCycleEnabled',
  stagingModeEnabled: 'StagingModeEnabled',
  schedulerSuspended: 'SchedulerSuspended',
  syncCycleInProgress: 'SyncCycleInProgress',
};

export function schedulerQuotes(ev: EvidenceSet, key: SchedulerKey, value: boolean): EvidenceQuote[] {
  return ev.adsync
    .filter((a) => a.scheduler?.[key] === value)
    .map((a) => ({ kind: 'config' as const, source: a.file, location: 'scheduler', excerpt: `Get-ADSyncScheduler: ${NAMES[key]} : ${value ? 'True' : 'False'}` }));
}
