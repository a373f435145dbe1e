// test/fixtures/run-history/: run history as an admin exports it by hand with Windows PowerShell 5.1
// (README there). They must stay what the generator writes, and be what 5.1 writes: UTF-16LE with a
// BOM, CRLF, valid JSON with \/Date(ms)\/ dates and \u003c-escaped XML.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../ps/pwsh.js';

const dir = join(repoRoot, 'test', 'fixtures', 'run-history');
const decode = (f: string) => {
  const b = readFileSync(join(dir, f));
  expect([b[0], b[1]], `${f}: UTF-16LE BOM`).toEqual([0xff, 0xfe]);
  return b.subarray(2).toString('utf16le');
};

describe('run history exported by hand (fixtures)', () => {
  it('are exactly what make-fixtures.mjs writes', () => {
    const copy = mkdtempSync(join(tmpdir(), 'run-history-'));
    cpSync(join(dir, 'make-fixtures.mjs'), join(copy, 'make-fixtures.mjs'));
    execFileSync(process.execPath, [join(copy, 'make-fixtures.mjs')]);
    for (const f of readdirSync(copy).filter((n) => n !== 'make-fixtures.mjs')) expect(readFileSync(join(copy, f)).equals(readFileSync(join(dir, f))), f).toBe(true);
  });

  it('the ConvertTo-Json exports are JSON as 5.1 writes it', () => {
    const runs = decode('ps51-convertto-json.runs.json');
    expect(runs).toMatch(/^\[\r\n    \{\r\n        "RunHistoryId":  "8a654dc1-cf23-40ed-86f4-b745bd553c22",\r\n/);
    expect(runs.includes('\n') && !/[^\r]\n/.test(runs)).toBe(true);
    const parsed = JSON.parse(runs);
    expect(parsed.map((r: any) => [r.ConnectorName, r.RunNumber, r.Result])).toEqual([
      ['contoso.com', 26285, 'no-start-connection'],
      ['contoso.onmicrosoft.com - AAD', 31877, 'completed-sync-errors'],
      ['contoso.com', 26284, 'success'],
    ]);
    expect(parsed[0].StartDate).toBe('/Date(1649441611163)/');
    const one = JSON.parse(decode('ps51-convertto-json.rundetails.json'));
    expect(one.RunStepResults[0].ConnectorConnectionInformationXml).toContain('<error-literal>Server Down</error-literal>');
    expect(decode('ps51-convertto-json.rundetails.json')).toContain('\\u003cerror-literal\\u003eServer Down\\u003c/error-literal\\u003e');
  });

  it('the Format-List export has the console layout', () => {
    const text = decode('format-list.runs.txt');
    expect(text.startsWith('\r\n\r\nRunHistoryId      : 8a654dc1-cf23-40ed-86f4-b745bd553c22\r\n')).toBe(true);
    expect(text).toContain('StartDate         : 4/8/2022 8:13:31 PM\r\n');
    expect(text).toContain('RunStepResults    : {Microsoft.IdentityManagement.PowerShell.ObjectModel.RunStepResult}\r\n');
  });
});
