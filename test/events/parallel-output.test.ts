// `events` and `analyze` on a .evtx large enough to be read on every core (issue 14): the output is the
// same, byte for byte, as in one thread; piped to a slow reader there is no listener leak warning; a
// reader that goes away ends the listing quietly. Runs the built CLI.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLargeEvtx } from '../../bench/evtx.js';
import { cliPath, runCli } from '../helpers/cli.js';
import { samplePath } from '../evtx/samples.js';

let dir: string;
let big: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aadsync-par-out-'));
  big = join(dir, 'big.evtx');
  // 17 MiB: over the 16 MiB from which a file on disk is read on every core; security.evtx's chunks repeated.
  makeLargeEvtx(samplePath('security.evtx'), big, 17);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('a large .evtx on every core', () => {
  it('events: the same bytes with --jobs 2 as with --jobs 1, in every format and with a provider filter', { timeout: 240_000 }, () => {
    for (const extra of [[], ['--format', 'text'], ['--format', 'xml'], ['--provider', 'Microsoft-Windows-Eventlog']]) {
      const one = cli(['events', big, '--jobs', '1', ...extra]);
      const two = cli(['events', big, '--jobs', '2', ...extra]);
      expect(one.code).toBe(0);
      expect(two.code).toBe(0);
      expect(two.stdout.length).toBeGreaterThan(0);
      expect(two.stdout === one.stdout, `events ${extra.join(' ')}`).toBe(true);
      expect(two.stderr).toBe(one.stderr);
    }
  });

  it('analyze: the same report with --jobs 2 as with --jobs 1, every record counted', { timeout: 120_000 }, () => {
    const one = JSON.parse(runCli(['analyze', big, '--json', '--jobs', '1'], { timeoutMs: 120_000 }).stdout) as { summary: { events: number }; generatedAt: string };
    const two = JSON.parse(runCli(['analyze', big, '--json', '--jobs', '2'], { timeoutMs: 120_000 }).stdout) as { summary: { events: number }; generatedAt: string };
    expect({ ...two, generatedAt: '' }).toEqual({ ...one, generatedAt: '' });
    const records = cli(['events', big, '--jobs', '1']).stdout.trimEnd().split('\n').length;
    expect(one.summary.events).toBe(records);
  });
});

describe('events to a pipe', () => {
  it('a slow reader: back-pressure without a listener leak warning', async () => {
    const p = spawn(process.execPath, [cliPath, 'events', big], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let bytes = 0;
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.stdout.on('data', (d: Buffer) => {
      bytes += d.length;
      // Read slowly: the writer has to wait for 'drain' many times.
      p.stdout.pause();
      setTimeout(() => p.stdout.resume(), 2);
    });
    const code = await new Promise<number | null>((res) => p.on('close', res));
    expect(code).toBe(0);
    expect(bytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(stderr).not.toMatch(/MaxListenersExceeded|Warning/);
  });

  it('a reader that goes away (| head) ends the listing quietly', async () => {
    const p = spawn(process.execPath, [cliPath, 'events', big, '--format', 'text'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.stdout.once('data', () => p.stdout.destroy());
    const code = await new Promise<number | null>((res) => p.on('close', res));
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });
});
