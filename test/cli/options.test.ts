import { describe, expect, it } from 'vitest';
import { parseDuration, parseTimeOrDuration, resolveOutputOptions } from '../../src/cli/options.js';
import { UsageError } from '../../src/model/errors.js';

describe('parseDuration', () => {
  it('reads the forms admins type', () => {
    expect(parseDuration('24h', '--since')).toBe(86_400_000);
    expect(parseDuration('90m', '--since')).toBe(5_400_000);
    expect(parseDuration('1h30m', '--since')).toBe(5_400_000);
    expect(parseDuration('7d', '--since')).toBe(7 * 86_400_000);
    expect(parseDuration('500ms', '--timeout')).toBe(500);
  });
  it('rejects anything else with a usage error naming the option', () => {
    for (const bad of ['', '24', 'h', '-5m', '5 minutes', '$(whoami)', '0s']) {
      expect(() => parseDuration(bad, '--since')).toThrow(UsageError);
    }
    expect(() => parseDuration('x', '--since')).toThrow(/--since/);
  });
});

describe('parseTimeOrDuration', () => {
  it('takes ISO times and durations before now', () => {
    const now = new Date('2026-11-25T10:00:00Z');
    expect(parseTimeOrDuration('2026-11-25T09:00:00Z', '--since', now)).toBe(Date.parse('2026-11-25T09:00:00Z'));
    expect(parseTimeOrDuration('2h', '--since', now)).toBe(Date.parse('2026-11-25T08:00:00Z'));
    expect(() => parseTimeOrDuration('2026-13-45', '--since', now)).toThrow(UsageError);
  });
});

describe('resolveOutputOptions', () => {
  const tty = { isTTY: true };
  it('uses colour only for text on a terminal without NO_COLOR or --no-color', () => {
    expect(resolveOutputOptions({}, tty, {}).color).toBe(true);
    expect(resolveOutputOptions({}, { isTTY: false }, {}).color).toBe(false);
    expect(resolveOutputOptions({}, tty, { NO_COLOR: '1' }).color).toBe(false);
    expect(resolveOutputOptions({ color: false }, tty, {}).color).toBe(false);
    expect(resolveOutputOptions({ format: 'markdown' }, tty, {}).color).toBe(false);
  });
  it('--json means json and conflicts with another --format', () => {
    expect(resolveOutputOptions({ json: true }, tty, {}).format).toBe('json');
    expect(() => resolveOutputOptions({ json: true, format: 'text' }, tty, {})).toThrow(UsageError);
    expect(() => resolveOutputOptions({ format: 'pdf' }, tty, {})).toThrow(/--format/);
  });
});
