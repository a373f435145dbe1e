// `analyze` of a folder of tickets (issue 14): one diagnosis per server, the fleet formats, the exit code
// of the worst server, worker threads giving the same answer as one thread. Runs the built CLI.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import type { FleetReport, Report } from '../../src/model/report.js';
import { cliPath, repoRoot, runCli } from '../helpers/cli.js';
import { createProgress } from '../../src/cli/progress.js';
import { buildTicketFolder } from './fixtures.js';

type Schema = Record<string, unknown>;
/** The strict copy of the schema (test/report/schema.test.ts): no property the schema does not describe. */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema as Schema)) out[k] = k === 'const' || k === 'enum' ? v : strict(v);
  if ('properties' in out && !('additionalProperties' in out)) out.additionalProperties = false;
  return out;
}
const shipped = JSON.parse(readFileSync(join(repoRoot, 'schema/report.schema.json'), 'utf8')) as Schema;
const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addSchema({ ...(strict(shipped) as Schema), $id: 'strict.json' });
const validateReport = ajv.getSchema('strict.json')!;
const validateFleet = ajv.getSchema('strict.json#/$defs/fleet')!;
const validateRow = ajv.getSchema('strict.json#/$defs/fleetRow')!;
function valid(v: typeof validateReport, doc: unknown): void {
  expect(v(doc), JSON.stringify(v.errors, null, 2)).toBe(true);
}

let dir: string;
let ticket: string;
let fleet: FleetReport;
let fleetCode: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aadsync-fleet-'));
  ticket = await buildTicketFolder(dir);
  const res = runCli(['analyze', 'ticket', '--json'], { cwd: dir, timeoutMs: 120_000 });
  fleetCode = res.code;
  fleet = JSON.parse(res.stdout) as FleetReport;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const verdictOf = (name: string) => fleet.servers!.filter((s) => s.host?.name === name).map((s) => s.verdict.code);

describe('a folder of tickets: one diagnosis per server', () => {
  it('gives each server its own verdict, from its own evidence', () => {
    expect(fleet.summary.servers).toBe(9);
    expect(verdictOf('AADC01')).toEqual(['proxy-bypassed']); // bundle folder
    expect(verdictOf('AADC09')).toEqual(['proxy-bypassed']); // bundle zip
    expect(verdictOf('SRVA.contoso.local')).toEqual(['proxy-rejected']); // loose 407 files
    expect(verdictOf('SRVB.contoso.local')).toEqual(['healthy']); // loose healthy files
    expect(verdictOf('SRVC.contoso.local')).toEqual(['not-network']); // Conditional Access events
    expect(verdictOf('SRVD.contoso.local')).toEqual(['proxy-bypassed']); // 906 name-resolution events
    const sync01 = fleet.servers!.find((s) => s.host?.name === 'SYNC01')!;
    expect(sync01.host).toMatchObject({ identifiedBy: 'collector', sources: ['collector ticket/customer-sync01.zip!/MECLOG/20261125-093000'] });
  });

  it("never lets one server's evidence explain another's findings", () => {
    const inputsOf = (name: string) => fleet.servers!.find((s) => s.host?.name === name)!.inputs!.map((i) => i.path);
    // The healthy server read only its own folder; the pasted 407 beside it went to neither neighbour.
    expect(inputsOf('SRVB.contoso.local').every((p) => p.startsWith('ticket/loose/SRVB/'))).toBe(true);
    expect(inputsOf('SRVA.contoso.local').every((p) => p.startsWith('ticket/loose/SRVA/'))).toBe(true);
    const srvb = fleet.servers!.find((s) => s.host?.name === 'SRVB.contoso.local')!;
    expect(srvb.findings.filter((f) => f.severity === 'error')).toEqual([]);
    // The bypass of SRVD is explained by its own events, not by the machine.config beside it (kept apart).
    const srvd = fleet.servers!.find((s) => s.host?.name === 'SRVD.contoso.local')!;
    expect(srvd.inputs!.map((i) => i.path)).toEqual(['ticket/mixed/second-Application.xml']);
    for (const s of fleet.servers!) {
      const own = new Set(s.inputs!.map((i) => i.path));
      for (const f of s.findings) for (const q of f.evidence) if (q.kind !== 'event') expect(own.has(q.source) || !q.source.includes('/')).toBe(true);
    }
  });

  it('says which inputs it kept apart and why', () => {
    const reasons = fleet.summary.keptApart.map((k) => `${k.inputs.join(',')}: ${k.reason}`);
    expect(reasons.find((r) => r.startsWith('ticket/loose/pasted-error.txt'))).toMatch(/name no computer.*ticket\/loose holds evidence of 2 servers \(SRVA\.contoso\.local, SRVB\.contoso\.local\)/);
    expect(reasons.find((r) => r.startsWith('ticket/mixed/machine.config'))).toMatch(/2 servers \(SRVC\.contoso\.local, SRVD\.contoso\.local\)/);
    expect(reasons.find((r) => r.startsWith('ticket/mixed/first-Application.xml'))).toMatch(/other files in the same folder name SRVD/);
    const pasted = fleet.servers!.find((s) => s.host?.identifiedBy === 'kept-apart' && s.host.name.includes('ticket/loose'))!;
    expect(pasted.verdict.code).toBe('proxy-rejected');
    expect(pasted.host!.notes.join(' ')).toMatch(/kept apart/);
  });

  it('exits with the worst server\'s code, and the summary says so', () => {
    expect(fleetCode).toBe(1);
    expect(fleet.summary.exitCode).toBe(1);
    expect(fleet.summary.worstVerdict).toBe('proxy-bypassed');
    // Worst first.
    expect(fleet.summary.rows[0]!.verdict).toBe('proxy-bypassed');
    expect(fleet.summary.rows.at(-1)!.verdict).toBe('healthy');
  });

  it('the same answer with one thread as with worker threads', () => {
    const one = JSON.parse(runCli(['analyze', 'ticket', '--json', '--jobs', '1'], { cwd: dir, timeoutMs: 120_000 }).stdout) as FleetReport;
    const norm = (d: FleetReport) => JSON.stringify({ ...d, generatedAt: '', servers: d.servers!.map((s) => ({ ...s, generatedAt: '' })) });
    expect(norm(one)).toBe(norm(fleet));
  });
});

describe('fleet formats', () => {
  it('json validates against the schema ($defs/fleet, each server a report)', () => {
    valid(validateFleet, fleet);
    for (const s of fleet.servers!) valid(validateReport, s);
  });

  it('jsonl: one report a line, each valid; --summary-only: one row a line', () => {
    const res = runCli(['analyze', 'ticket', '--format', 'jsonl'], { cwd: dir, timeoutMs: 120_000 });
    expect(res.code).toBe(1);
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(9);
    for (const l of lines) valid(validateReport, JSON.parse(l) as Report);
    const rows = runCli(['analyze', 'ticket', '--format', 'jsonl', '--summary-only'], { cwd: dir, timeoutMs: 120_000 }).stdout.trimEnd().split('\n');
    expect(rows).toHaveLength(9);
    for (const r of rows) valid(validateRow, JSON.parse(r));
  });

  it('csv: a header and one row a server, formula characters defused', () => {
    const res = runCli(['analyze', 'ticket', '--format', 'csv'], { cwd: dir, timeoutMs: 120_000 });
    const lines = res.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('"server","from","identifiedBy","verdict","topFinding","topFindingSeverity","topFindingTitle","serviceProxy","syncVersion","firstTime","lastTime","errors","warnings"');
    expect(lines).toHaveLength(10);
    expect(lines.find((l) => l.startsWith('"SRVB.contoso.local"'))).toContain('"healthy"');
  });

  it('text: the summary table first, then each server; --summary-only: the table alone', () => {
    const text = runCli(['analyze', 'ticket'], { cwd: dir, timeoutMs: 120_000 }).stdout;
    const table = text.indexOf('SERVER  ');
    const first = text.indexOf('SERVER 1 of 9');
    expect(table).toBeGreaterThan(0);
    expect(first).toBeGreaterThan(table);
    expect(text).toMatch(/^FLEET: 9 servers: 3 proxy-bypassed, 2 proxy-rejected/);
    const only = runCli(['analyze', 'ticket', '--summary-only'], { cwd: dir, timeoutMs: 120_000 });
    expect(only.stdout).not.toContain('SERVER 1 of 9');
    expect(only.stdout).toContain('KEPT APART');
    expect(only.code).toBe(1);
  });

  it('html: one page whose table links to each server, ids unique', () => {
    const html = runCli(['analyze', 'ticket', '--format', 'html'], { cwd: dir, timeoutMs: 120_000 }).stdout;
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]!);
    expect(new Set(ids).size).toBe(ids.length);
    const links = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
    for (const l of links) expect(ids).toContain(l);
    for (let i = 1; i <= 9; i++) expect(links).toContain(`server-${i}`);
    expect(html).not.toMatch(/<script/i);
  });

  it('markdown: the table, then each server under its own heading', () => {
    const md = runCli(['analyze', 'ticket', '--format', 'markdown'], { cwd: dir, timeoutMs: 120_000 }).stdout;
    expect(md).toMatch(/\| server \| verdict \|/);
    expect(md.match(/^## Server \d+: /gm)).toHaveLength(9);
  });

  it('--redact: no server name is left, and each is one token throughout (summary and reports)', () => {
    const res = runCli(['analyze', 'ticket', '--json', '--redact'], { cwd: dir, timeoutMs: 120_000 });
    const red = JSON.parse(res.stdout) as FleetReport;
    // What the fleet view adds (names, kept-apart reasons, notes); the reports' own fields are the redactor's (test/redact).
    const added = JSON.stringify([red.summary.rows.map((r) => r.server), red.summary.keptApart.map((k) => k.reason), red.servers!.map((s) => [s.host!.name, s.host!.notes])]);
    expect(added).not.toMatch(/SRVA|SRVB|SRVC|SRVD|AADC0|SYNC01|contoso/i);
    expect(red.summary.rows.map((r) => r.server)).toEqual(red.servers!.map((s) => s.host!.name));
    const verdicts = red.summary.rows.map((r) => r.verdict);
    expect(verdicts).toEqual(fleet.summary.rows.map((r) => r.verdict));
  });

  it('bad --jobs and --format are usage errors (exit 2, one line)', () => {
    for (const args of [['--jobs', '0'], ['--jobs', 'many'], ['--format', 'xml']]) {
      const res = runCli(['analyze', ticket, ...args]);
      expect(res.code).toBe(2);
      expect(res.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('one server behaves as before', () => {
  it('a single bundle gives the one report (no fleet wrapper, no host field)', () => {
    const res = runCli(['analyze', join(ticket, 'AADC01'), '--json']);
    const r = JSON.parse(res.stdout) as Report;
    expect(r.verdict.code).toBe('proxy-bypassed');
    expect(r.host).toBeUndefined();
    expect(res.code).toBe(1);
  });

  it('--format csv of one server is one row', () => {
    const res = runCli(['analyze', join(ticket, 'loose', 'SRVB'), '--format', 'csv']);
    expect(res.stdout.trimEnd().split('\r\n')).toHaveLength(2);
    expect(res.code).toBe(0);
  });
});

describe('progress: servers done / total', () => {
  it('on a terminal: one line redrawn as servers finish, erased at the end; nothing when piped or with -q', () => {
    const written: string[] = [];
    let t = 0;
    const p = createProgress({ stream: { isTTY: true, columns: 80, write: (x: string) => written.push(x) }, now: () => t, afterMs: 0 });
    p.servers(0, 9);
    t = 50; // within the redraw interval: not drawn
    p.servers(1, 9);
    t = 300;
    p.servers(4, 9);
    t = 310;
    p.servers(9, 9); // the last one is always drawn
    p.done();
    expect(written).toEqual(['\r\x1b[Kservers analysed: 0 of 9', '\r\x1b[Kservers analysed: 4 of 9', '\r\x1b[Kservers analysed: 9 of 9', '\r\x1b[K']);
    for (const [isTTY, quiet] of [
      [false, false],
      [true, true],
    ] as const) {
      const none: string[] = [];
      const q = createProgress({ stream: { isTTY, write: (x: string) => none.push(x) }, quiet, afterMs: 0 });
      q.servers(3, 9);
      q.done();
      expect(none).toEqual([]);
    }
  });

  it('piped stderr carries no progress; on a terminal (script(1)) it shows the count and the JSON stays clean', () => {
    const piped = runCli(['analyze', 'ticket', '--json'], { cwd: dir, timeoutMs: 120_000, env: { AADSYNC_DIAGNOSE_PROGRESS_AFTER_MS: '0' } });
    expect(piped.stderr).toBe('');
    if (spawnSync('script', ['--version']).status !== 0) return;
    const out = join(dir, 'fleet.json');
    const r = spawnSync('script', ['-qec', `"${process.execPath}" "${cliPath}" analyze ticket --json > "${out}"`, '/dev/null'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, AADSYNC_DIAGNOSE_PROGRESS_AFTER_MS: '0', NO_COLOR: '1' },
      timeout: 120_000,
    });
    expect(r.stdout).toMatch(/servers analysed: \d+ of 9/);
    expect((JSON.parse(readFileSync(out, 'utf8')) as FleetReport).summary.servers).toBe(9);
  });
});
