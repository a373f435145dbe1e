// Issue 15 D1, D2, C5: the front door. A bare command shows the help (it used to start `run`, a sync
// cycle on a server); an unknown word is an unknown command with the nearest one; every --help has
// examples and the exit codes; a long report on a terminal ends with a two-line recap; output that
// cannot be written (ENOSPC, EPIPE) is one line and exit code 4, never a stack trace and exit 1.
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cliPath, repoRoot, runCli } from '../helpers/cli.js';
import { recap } from '../../src/cli/recap.js';
import type { Report } from '../../src/model/report.js';

const COMMANDS = ['run', 'analyze', 'events', 'explain', 'codes', 'self-test', 'fix'];

describe('D1: the bare command and unknown commands', () => {
  it('no command prints the help on stdout and does nothing else (exit 0)', () => {
    const r = runCli([]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: aadsync-diagnose/);
    for (const c of COMMANDS) expect(r.stdout).toContain(`  ${c} `);
    // Not `run`: nothing about a server, no collector started.
    expect(r.stdout).not.toMatch(/needs the Azure AD Connect server/);
  });
  it('an unknown command says so and names the nearest one (exit 2, one line)', () => {
    for (const [word, nearest] of [
      ['frobnicate', null],
      ['analyse', 'analyze'],
      ['event', 'events'],
      ['selftest', 'self-test'],
      ['exp', 'explain'],
    ] as const) {
      const r = runCli([word, 'x']);
      expect(r.code, word).toBe(2);
      expect(r.stderr.trim().split('\n'), word).toHaveLength(1);
      expect(r.stderr).toContain(`unknown command '${word}'`);
      expect(r.stderr).toMatch(/\(nearest: '[a-z-]+'\)/);
      if (nearest) expect(r.stderr).toContain(`(nearest: '${nearest}')`);
      expect(r.stderr).not.toMatch(/too many arguments/);
      expect(r.stdout).toBe('');
    }
  });
});

describe('D2: every --help shows examples and the exit codes', () => {
  for (const args of [['--help'], ...COMMANDS.map((c) => [c, '--help']), ['help', 'analyze']]) {
    it(args.join(' '), () => {
      const r = runCli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/\nExamples:\n {2}aadsync-diagnose /);
      expect(r.stdout).toMatch(/\nExit codes:\n {2}0 .*\n {2}1 .*\n {2}2 .*\n {2}3 .*\n {2}4 /);
    });
  }
});

describe('D2: the recap after a long report on a terminal', () => {
  const report: Report = {
    schemaVersion: 1,
    tool: { name: 'aadsync-diagnose', version: '0.0.0-test' },
    generatedAt: '2026-11-25T10:00:00Z',
    verdict: { code: 'proxy-bypassed', summary: 'The sync service (miiserver.exe) went direct: machine.config defines no proxy.' },
    findings: [
      {
        code: 'service-proxy-missing',
        severity: 'error',
        route: 'direct',
        confidence: 'high',
        title: 't',
        explanation: 'e',
        evidence: [],
        fix: ['Add the proxy to the .NET machine.config of the 64-bit Framework:\n<system.net>…', 'Restart-Service ADSync'],
        references: [],
      },
    ],
    proxyPaths: [],
    collection: { steps: [] },
  };
  const long = 'line\n'.repeat(80);
  const tty = { isTTY: true, rows: 40, columns: 200 };
  it('two lines: the verdict, then the bundle and the first step', () => {
    const r = recap(report, { format: 'text', quiet: false }, { bundle: 'C:\\Temp\\aadsync-diagnose-AADC01.zip', text: long, terminal: tty });
    expect(r.split('\n').filter(Boolean)).toEqual([
      '── proxy-bypassed: The sync service (miiserver.exe) went direct: machine.config defines no proxy.',
      '── bundle: C:\\Temp\\aadsync-diagnose-AADC01.zip · next: Add the proxy to the .NET machine.config of the 64-bit Framework:',
    ]);
  });
  it('not when the report fits the screen, not in a pipe, not with -q or another format', () => {
    expect(recap(report, { format: 'text', quiet: false }, { text: 'short\n', terminal: tty })).toBe('');
    expect(recap(report, { format: 'text', quiet: false }, { text: long, terminal: { isTTY: false } })).toBe('');
    expect(recap(report, { format: 'text', quiet: true }, { text: long, terminal: tty })).toBe('');
    expect(recap(report, { format: 'markdown', quiet: false }, { text: long, terminal: tty })).toBe('');
  });
  it('analyze in a pipe ends with the report, no recap', () => {
    const r = runCli(['analyze', 'examples/proxy-bypass']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('── proxy-bypassed');
  });
});

describe('C5: output that cannot be written is one line and exit 4', () => {
  function spawnWith(args: string[], stdout: 'pipe' | number, closeEarly: boolean): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve) => {
      const p = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, stdio: ['ignore', stdout, 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
      let stderr = '';
      p.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      // The reader goes away before the report is written.
      if (closeEarly) p.stdout!.destroy();
      p.on('close', (code) => resolve({ code, stderr }));
    });
  }
  it.runIf(existsSync('/dev/full'))('a full disk (ENOSPC): analyze, codes, --help', async () => {
    for (const args of [['analyze', 'examples/proxy-bypass'], ['analyze', 'examples/proxy-bypass', '--json'], ['codes'], ['--help']]) {
      const fd = openSync('/dev/full', 'w');
      const r = await spawnWith(args, fd, false);
      closeSync(fd);
      expect(r.code, args.join(' ')).toBe(4);
      expect(r.stderr).toBe('aadsync-diagnose: output lost: standard output could not be written, the disk is full (ENOSPC)\n');
    }
  });
  it('a closed pipe (EPIPE): analyze and explain say the output was lost', async () => {
    for (const args of [['analyze', 'examples/proxy-bypass', '--format', 'html'], ['explain', 'proxy-auth-required']]) {
      const r = await spawnWith(args, 'pipe', true);
      expect(r.code, args.join(' ')).toBe(4);
      expect(r.stderr).toBe('aadsync-diagnose: output lost: the program reading standard output closed it (EPIPE) before the output was written\n');
    }
  });
  it('events: a reader that stops early is the normal end of a listing (exit 0, nothing on stderr)', async () => {
    const r = await spawnWith(['events', 'examples/bundle-proxy-bypass', '--format', 'text'], 'pipe', true);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
  it('help read through `| head` is not lost output either (exit 0, nothing on stderr)', async () => {
    for (const args of [['--help'], ['analyze', '--help'], []]) {
      const r = await spawnWith(args, 'pipe', true);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stderr, args.join(' ')).toBe('');
    }
  });
  it.runIf(existsSync('/dev/full'))('events on a full disk is lost output (exit 4)', async () => {
    const fd = openSync('/dev/full', 'w');
    const r = await spawnWith(['events', 'examples/bundle-proxy-bypass'], fd, false);
    closeSync(fd);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('output lost');
  });
});
