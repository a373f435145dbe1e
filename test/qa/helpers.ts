// Shared by the QA tests: the built CLI on inputs as support engineers get them (pasted errors on
// stdin, PowerShell error records, event exports, wizard traces, machine.config files; fixtures written
// by test/fixtures/qa/make-fixtures.py).
import { expect } from 'vitest';
import { runCli } from '../helpers/cli.js';
import type { Report } from '../../src/model/report.js';

export const QA = 'test/fixtures/qa';

export function analyze(args: string[], input?: string): Report {
  const r = runCli(['analyze', '--json', ...args], input === undefined ? {} : { input });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Report;
}
export const pasted = (text: string): Report => analyze(['-'], text);
export const codes = (r: Report): string[] => r.findings.map((f) => f.code);
export const finding = (r: Report, code: string) => {
  const f = r.findings.find((x) => x.code === code);
  if (!f) throw new Error(`no ${code} among ${codes(r).join(', ')}`);
  return f;
};
