// Every report our tests make, and every report `analyze` makes of the examples/ folders, must
// validate against the shipped schema/report.schema.json. The tests use a strict copy of the schema
// (no property that the schema does not describe) so a field added to the report but forgotten in
// the schema fails here; the shipped schema lets readers ignore fields added later.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import { renderReport } from '../../src/report/render.js';
import type { Report } from '../../src/model/report.js';
import { bypassReport, healthyReport, hostileReportBuilt } from './fixtures.js';
import { repoRoot, runCli } from '../helpers/cli.js';

type Schema = Record<string, unknown>;

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
const validateStrict = ajv.compile({ ...(strict(shipped) as Schema), $id: 'strict' });
const validateShipped = ajv.compile(shipped);

function check(report: unknown, validate = validateStrict): void {
  const ok = validate(report);
  expect(ok, JSON.stringify(validate.errors, null, 2)).toBe(true);
}

describe('schema/report.schema.json', () => {
  it('accepts every report the tests build, as rendered by --format json', () => {
    for (const r of [bypassReport(), healthyReport(), hostileReportBuilt()]) {
      check(JSON.parse(renderReport(r, 'json', { color: false })));
    }
  });

  it('rejects a report missing a CONTRACT field or with a wrong value', () => {
    const r = JSON.parse(JSON.stringify(bypassReport())) as Record<string, unknown> & Report;
    const noVerdict = { ...r } as Record<string, unknown>;
    delete noVerdict.verdict;
    expect(validateShipped(noVerdict)).toBe(false);
    expect(validateShipped({ ...r, verdict: { code: 'proxy-is-sad', summary: 'x' } })).toBe(false);
    expect(validateShipped({ ...r, generatedAt: '25/11/2026 10:00' })).toBe(false);
    const badSeverity = JSON.parse(JSON.stringify(r)) as Report;
    (badSeverity.findings[0] as { severity: string }).severity = 'fatal';
    expect(validateShipped(badSeverity)).toBe(false);
    const jsRef = JSON.parse(JSON.stringify(r)) as Report;
    jsRef.findings[0]!.references.push('javascript:alert(1)');
    expect(validateShipped(jsRef)).toBe(false);
  });

  it('lets readers ignore fields added later (the shipped schema), while the strict test copy catches unknown ones', () => {
    const r = { ...bypassReport(), addedInVersion2: { anything: true } };
    expect(validateShipped(r)).toBe(true);
    expect(validateStrict(r)).toBe(false);
  });
});

// `analyze <example> --json` for each examples/* folder, with the CLI built by the global setup
// (tsc -p .). An example whose folder is not there yet is skipped by name.
const EXAMPLES = ['proxy-bypass', 'bundle-proxy-bypass', 'proxy-auth-407', 'conditional-access', 'healthy'];
const present = existsSync(join(repoRoot, 'examples'))
  ? readdirSync(join(repoRoot, 'examples')).filter((d) => statSync(join(repoRoot, 'examples', d)).isDirectory())
  : [];
const all = [...new Set([...EXAMPLES, ...present])].sort();

describe('reports of the examples/ folders', () => {
  for (const name of all) {
    const dir = join(repoRoot, 'examples', name);
    it.skipIf(!existsSync(dir))(`analyze examples/${name} --json validates against the schema`, () => {
      const res = runCli(['analyze', dir, '--json'], { timeoutMs: 120_000 });
      expect([0, 1], `exit ${res.code}: ${res.stderr}`).toContain(res.code);
      const report = JSON.parse(res.stdout) as Report;
      check(report);
      // The same evidence gives the same report (apart from the time it was made).
      const again = JSON.parse(runCli(['analyze', dir, '--json'], { timeoutMs: 120_000 }).stdout) as Report;
      expect({ ...again, generatedAt: '' }).toEqual({ ...report, generatedAt: '' });
    });
  }
});
