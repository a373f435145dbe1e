// Bad input gets one clear line on stderr and exit code 2: never a stack trace, a hang or partial output.
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

function expectOneLineUsageError(r: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/); // no stack frames
}

describe('bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aadsync-bad-'));

  it('a missing path names the path', () => {
    expectOneLineUsageError(runCli(['analyze', join(dir, 'nope.xml')]), /nope\.xml/);
  });

  it('an empty folder says it has no files', () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expectOneLineUsageError(runCli(['analyze', empty]), /no files|empty/i);
  });

  it('a binary file that is no known format is refused', () => {
    const bin = join(dir, 'random.bin');
    const buf = Buffer.alloc(4096);
    for (let i = 0; i < buf.length; i++) buf[i] = (i * 7919 + 13) % 256;
    writeFileSync(bin, buf);
    expectOneLineUsageError(runCli(['analyze', bin]), /random\.bin/);
  });

  it('a dangling link is reported as unreadable, not as a crash', () => {
    const link = join(dir, 'dangling.log');
    symlinkSync(join(dir, 'does-not-exist'), link);
    expectOneLineUsageError(runCli(['analyze', link]), /dangling\.log/);
  });

  it('a huge single line is refused in bounded memory and time', () => {
    const huge = join(dir, 'one-line.txt');
    writeFileSync(huge, 'A'.repeat(80 * 1024 * 1024));
    const r = runCli(['analyze', huge], { timeoutMs: 60_000 });
    expectOneLineUsageError(r, /one-line\.txt/);
  });

  it('an unknown option or command is a usage error', () => {
    expect(runCli(['analyze', '--frobnicate', dir]).code).toBe(2);
    expect(runCli(['frobnicate']).code).toBe(2);
    expect(runCli(['analyze', dir, '--format', 'pdf']).code).toBe(2);
  });

  it('explain of an unknown code is a usage error that points to codes', () => {
    expectOneLineUsageError(runCli(['explain', 'proxy-bypass-smoke-signals']), /codes/);
  });
});
