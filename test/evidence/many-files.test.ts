// Issue 15 C4: a folder of 100,000 small unrelated files took 78-88 s (two opens, two reads, two
// closes and a realpath per file, each a round trip through the thread pool) and made a report
// listing every one (11 MB of JSON). Now each small file is read once, synchronously, and a report
// lists at most MAX_LISTED_INPUTS inputs, the rest counted. Checked in a child process with a
// 256 MB heap: the previous build needed over 4 minutes there (it thrashed the collector), this one seconds.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliPath } from '../helpers/cli.js';
import { MAX_LISTED_INPUTS } from '../../src/report/build.js';

const FILES = 100_000;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'many-files-'));
  for (let d = 0; d < FILES / 1000; d++) {
    const sub = join(dir, `d${String(d).padStart(3, '0')}`);
    mkdirSync(sub);
    for (let i = 0; i < 1000; i++) writeFileSync(join(sub, `note-${i}.txt`), `unrelated note ${d} ${i}\nnothing about proxies here\n`);
  }
  // One file that matters, so the report has something to list first.
  writeFileSync(join(dir, 'd050', 'error.txt'), "System.Net.WebException: The remote name could not be resolved: 'login.windows.net'\r\n");
}, 300_000);

describe('a folder of 100,000 small files', () => {
  it('is read, every file counted, and the report lists a bounded number of them', () => {
    const r = spawnSync(process.execPath, ['--max-old-space-size=256', cliPath, 'analyze', dir, '--json'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 110_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(r.status, r.stderr.slice(0, 300)).toBe(1);
    expect(r.stdout.length).toBeLessThan(1024 * 1024);
    const report = JSON.parse(r.stdout);
    expect(report.summary.inputs).toBe(FILES + 1);
    expect(report.inputs.length).toBe(MAX_LISTED_INPUTS);
    expect(report.inputsOmitted.count).toBe(FILES + 1 - MAX_LISTED_INPUTS);
    expect(report.inputsOmitted.formats).toEqual({ text: FILES + 1 - MAX_LISTED_INPUTS });
    expect(report.findings.map((f: { code: string }) => f.code)).toContain('proxy-bypass-dns');
  }, 120_000);

  it('the text report says how many more were read than listed', () => {
    const r = spawnSync(process.execPath, [cliPath, 'analyze', join(dir, 'd000'), join(dir, 'd001')], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Inputs read \(2000\)/i);
    expect(r.stdout).toMatch(/… and 1500 more inputs not listed \(1500 text; \d+ KB\)/);
  }, 60_000);
});
