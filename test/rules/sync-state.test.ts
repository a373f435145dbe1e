// The four sync/module codes (sync-in-progress, sync-scheduler-suspended, staging-mode, adsync-module-missing).
import { describe, expect, it } from 'vitest';
import type { AdSyncInfo, SyncCycleEvidence } from '../../src/evidence/types.js';
import { codes, finding, run } from './helpers.js';

const skipped = (reason: string): SyncCycleEvidence => ({ file: 'sync/cycle.json', started: false, skippedReason: reason, runProfileResults: [] });
const adsync = (scheduler: AdSyncInfo['scheduler'], o: Partial<AdSyncInfo> = {}): AdSyncInfo => ({ file: 'config/adsync.json', moduleFound: true, serviceFound: true, scheduler, ...o });
const CALM = { syncCycleEnabled: true, stagingModeEnabled: false, schedulerSuspended: false, syncCycleInProgress: false };

describe('sync-in-progress', () => {
  it('from cycle.json skippedReason and the scheduler flag', () => {
    const d = run({ sync: [skipped('sync-in-progress')], adsync: [adsync({ ...CALM, syncCycleInProgress: true })] });
    const f = finding(d, 'sync-in-progress');
    expect(f.severity).toBe('info');
    expect(f.evidence.map((e) => e.excerpt)).toEqual(['No sync cycle was started: skippedReason "sync-in-progress"', 'Get-ADSyncScheduler: SyncCycleInProgress : True']);
  });
  it('near miss: SyncCycleInProgress False', () => {
    expect(codes(run({ adsync: [adsync(CALM)] }))).toEqual([]);
  });
});

describe('sync-scheduler-suspended', () => {
  it('SchedulerSuspended True, or SyncCycleEnabled False', () => {
    expect(finding(run({ adsync: [adsync({ ...CALM, schedulerSuspended: true })] }), 'sync-scheduler-suspended').severity).toBe('warning');
    expect(codes(run({ adsync: [adsync({ ...CALM, syncCycleEnabled: false })] }))).toEqual(['sync-scheduler-suspended']);
    expect(codes(run({ sync: [skipped('scheduler-suspended')] }))).toEqual(['sync-scheduler-suspended']);
  });
  it('near miss: scheduler facts unknown (missing fields) are not "suspended"', () => {
    expect(codes(run({ adsync: [adsync({})] }))).toEqual([]);
  });
});

describe('staging-mode', () => {
  it('StagingModeEnabled True', () => {
    const d = run({ adsync: [adsync({ ...CALM, stagingModeEnabled: true })], sync: [skipped('staging-mode')] });
    expect(codes(d)).toEqual(['staging-mode']);
    expect(d.verdict.code).toBe('inconclusive');
  });
  it('near miss: a cycle not requested (--sync none) is not staging mode', () => {
    expect(codes(run({ sync: [skipped('not-requested')] }))).toEqual([]);
  });
});

describe('adsync-module-missing', () => {
  it('module or service not found', () => {
    const d = run({ adsync: [adsync(undefined, { moduleFound: false, serviceFound: false })], sync: [skipped('module-missing')] });
    const f = finding(d, 'adsync-module-missing');
    expect(f.severity).toBe('error');
    expect(f.evidence).toHaveLength(3);
  });
  it('near miss: module found', () => {
    expect(codes(run({ adsync: [adsync(CALM)] }))).toEqual([]);
  });
});
