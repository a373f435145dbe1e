import { describe, expect, it } from 'vitest';
import { group, run } from './helpers.js';

const heartbeat = () => group('Password Hash Synchronization ping response. Status: Success.', { eventId: 654, level: 4 });

describe('healthy needs a complete collection', () => {
  it('heartbeats and no errors, everything collected: healthy', () => {
    const d = run({ groups: [heartbeat()], collection: [{ name: 'sync-cycle', status: 'ok', durationMs: 1000, error: null }] });
    expect(d.verdict.code).toBe('healthy');
  });

  it('the same with a step that timed out: inconclusive, naming the step', () => {
    const d = run({
      groups: [heartbeat()],
      collection: [
        { name: 'events', status: 'ok', durationMs: 800, error: null },
        { name: 'sync-cycle', status: 'timeout', durationMs: 6000, error: 'no answer within 6s' },
      ],
    });
    expect(d.verdict.code).toBe('inconclusive');
    expect(d.verdict.summary).toContain('sync-cycle timed out');
  });

  it('a skipped step (staging mode, no module) does not make it incomplete', () => {
    const d = run({ groups: [heartbeat()], collection: [{ name: 'sync-cycle', status: 'skipped', durationMs: 3, error: null }] });
    expect(d.verdict.code).toBe('healthy');
  });
});
