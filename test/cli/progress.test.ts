// Progress of long reads: a line on stderr when it is a terminal, throttled and erased at the end;
// nothing when stderr is piped, nothing with -q, and never anything in the report on stdout.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEventExport } from '../../bench/generate.js';
import { createProgress } from '../../src/cli/progress.js';
import { cliPath, runCli } from '../helpers/cli.js';

function fakeTerminal(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, columns: 60, write: (s: string) => written.push(s) }, written };
}

describe('createProgress', () => {
  it('on a terminal: nothing in the first second, then one line redrawn at most every 200 ms, erased at the end', () => {
    const { stream, written } = fakeTerminal(true);
    let t = 0;
    const p = createProgress({ stream, now: () => t });
    p.update({ file: 'events/Application.xml', bytesDone: 4 << 20, bytesTotal: 100 << 20 });
    t = 900;
    p.update({ file: 'events/Application.xml', bytesDone: 8 << 20, bytesTotal: 100 << 20 });
    expect(written).toEqual([]);
    t = 1000;
    p.update({ file: 'events/Application.xml', bytesDone: 50 << 20, bytesTotal: 100 << 20 });
    t = 1100; // within 200 ms of the last draw
    p.update({ file: 'events/Application.xml', bytesDone: 60 << 20, bytesTotal: 100 << 20 });
    expect(written).toEqual(['\r\x1b[Kreading events/Application.xml: 50 of 100 MB (50%), 50 MB/s']);
    t = 1300;
    p.update({ file: 'traces/trace-20261125-093000.log', bytesDone: 10 << 20 });
    expect(written[1]).toBe('\r\x1b[Kreading traces/trace-20261125-093000.log: 10 MB, 54 MB/s');
    p.done();
    expect(written[2]).toBe('\r\x1b[K');
    expect(written.every((w) => w.length <= 60 + 4)).toBe(true);
  });

  it('writes nothing when stderr is not a terminal, or with -q', () => {
    for (const [isTTY, quiet] of [
      [false, false],
      [true, true],
    ] as const) {
      const { stream, written } = fakeTerminal(isTTY);
      let t = 0;
      const p = createProgress({ stream, quiet, now: () => t });
      t = 5000;
      p.update({ file: 'a.xml', bytesDone: 1 << 20, bytesTotal: 2 << 20 });
      p.done();
      expect(written).toEqual([]);
    }
  });
});

describe('analyze progress, end to end', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aadsync-progress-'));
    file = join(dir, 'Application.xml');
    await writeEventExport(file, 9 * 1024 * 1024, 0.02, 7); // progress is reported every 4 MiB
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = { AADSYNC_DIAGNOSE_PROGRESS_AFTER_MS: '0' }; // show it at once: the read takes well under a second

  it('piped: no progress text on stderr or in the --json report', () => {
    const r = runCli(['analyze', file, '--json'], { env });
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain('reading');
    expect(JSON.parse(r.stdout).verdict.code).toBeTruthy();
  });

  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)('on a terminal: progress on stderr, erased; the --json report on stdout is clean; -q shows none', () => {
    const out = join(dir, 'report.json');
    const run = (extra: string) =>
      spawnSync('script', ['-qec', `"${process.execPath}" "${cliPath}" analyze "${file}" --json ${extra} > "${out}"`, '/dev/null'], {
        encoding: 'utf8',
        env: { ...process.env, ...env, NO_COLOR: '1' },
      });
    const tty = run('');
    // (A long temporary path is shortened from the left to fit the terminal.)
    expect(tty.stdout).toMatch(/\r\x1b\[K(?:reading |…).*Application\.xml: \d+\.\d of 9\.\d MB \(\d+%\)/);
    expect(tty.stdout.endsWith('\r\x1b[K')).toBe(true);
    const report = readFileSync(out, 'utf8');
    expect(report).not.toMatch(/reading|Application\.xml: \d/);
    expect(report).not.toContain('\x1b');
    expect(JSON.parse(report).verdict.code).toBeTruthy();
    const quiet = run('-q');
    expect(quiet.stdout).toBe('');
  });
});
