// The registry: a module for every CONTRACT code (the four proxy-path codes are registered by the route
// work), unique codes, and complete metadata.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rules } from '../../src/rules/index.js';
import { CLAIM_BANDS } from '../../src/rules/types.js';
import { VERDICT_ORDER } from '../../src/rules/verdict.js';

const CONTRACT_CODES = [
  'proxy-bypass-dns', 'proxy-bypass-connect', 'proxy-auth-required', 'proxy-denied', 'proxy-tls-interception',
  'proxy-unreachable', 'proxy-name-unresolved', 'proxy-idle-timeout', 'tls12-not-enabled', 'servicebus-unreachable',
  'service-proxy-missing', 'machine-config-invalid', 'machine-config-restart-needed', 'miiserver-config-override',
  'pac-not-used-by-service', 'network-send-failure', 'not-network-conditional-access', 'not-network-credentials',
  'not-network-tenant', 'ad-connectivity', 'sync-in-progress', 'sync-scheduler-suspended', 'staging-mode', 'adsync-module-missing',
];
// Codes this tool adds to the contract (docs/report-contract.md, "Finding codes"; the contract grows by adding).
const ADDED_CODES = [
  'not-network-entra-error', 'ad-refused', 'adsync-access-denied', 'sync-database-error', 'sync-deletion-threshold',
  'sync-object-errors', 'not-network-local', 'remote-service-error', 'crl-unreachable',
];
const ROUTE_CODES = ['service-proxy-missing', 'pac-not-used-by-service', 'miiserver-config-override', 'machine-config-restart-needed'];
// docs/report-contract.md, "Finding codes": severity/route columns.
const CONTRACT_META: Record<string, [string, string]> = {
  'proxy-bypass-dns': ['error', 'direct'], 'proxy-bypass-connect': ['error', 'direct'], 'proxy-auth-required': ['error', 'proxy'],
  'proxy-denied': ['error', 'proxy'], 'proxy-tls-interception': ['error', 'proxy'], 'proxy-unreachable': ['error', 'proxy'],
  'proxy-name-unresolved': ['error', 'proxy'], 'proxy-idle-timeout': ['warning', 'proxy'], 'tls12-not-enabled': ['error', 'none'],
  'servicebus-unreachable': ['error', 'unknown'], 'machine-config-invalid': ['error', 'unknown'], 'network-send-failure': ['warning', 'unknown'],
  'not-network-conditional-access': ['error', 'none'], 'not-network-credentials': ['error', 'none'], 'not-network-tenant': ['error', 'none'],
  'ad-connectivity': ['error', 'none'], 'sync-in-progress': ['info', 'none'], 'sync-scheduler-suspended': ['warning', 'none'],
  'staging-mode': ['info', 'none'], 'adsync-module-missing': ['error', 'none'],
};

// docs/report-contract.md ("Finding codes", verdict column): which verdict each code argues for. Codes not listed argue for none.
const CONTRACT_VERDICT: Record<string, string> = {
  'proxy-bypass-dns': 'proxy-bypassed', 'proxy-bypass-connect': 'proxy-bypassed', 'service-proxy-missing': 'proxy-bypassed',
  'pac-not-used-by-service': 'proxy-bypassed', 'proxy-auth-required': 'proxy-rejected', 'proxy-denied': 'proxy-rejected',
  'proxy-tls-interception': 'proxy-rejected', 'proxy-idle-timeout': 'proxy-rejected', 'proxy-unreachable': 'proxy-unreachable',
  'proxy-name-unresolved': 'proxy-unreachable', 'tls12-not-enabled': 'tls-failure', 'not-network-conditional-access': 'not-network',
  'not-network-credentials': 'not-network', 'not-network-tenant': 'not-network', 'ad-connectivity': 'not-network',
};

describe('rule registry', () => {
  const registered = rules.map((r) => r.meta.code);

  it('has a module for every CONTRACT code except the four proxy-path codes (which may be registered by the route work)', () => {
    for (const code of CONTRACT_CODES.filter((c) => !ROUTE_CODES.includes(c))) expect(registered, code).toContain(code);
  });

  it('registers only CONTRACT codes and the documented additions, each once', () => {
    expect(new Set(registered).size).toBe(registered.length);
    for (const code of registered) expect([...CONTRACT_CODES, ...ADDED_CODES], code).toContain(code);
  });

  it('every rule has a title, an explanation, fix steps, learn.microsoft.com/GitHub references and a matcher', () => {
    for (const r of rules) {
      expect(r.meta.title.length, r.meta.code).toBeGreaterThan(10);
      expect(r.meta.explanation.length, r.meta.code).toBeGreaterThan(40);
      expect(r.meta.fix.length, r.meta.code).toBeGreaterThan(0);
      expect(r.meta.references.length, r.meta.code).toBeGreaterThan(0);
      for (const u of r.meta.references) expect(u, r.meta.code).toMatch(/^https:\/\/(learn\.microsoft\.com|github\.com)\//);
      expect(Boolean(r.matchGroup || r.matchEvidence), r.meta.code).toBe(true);
    }
  });

  it('severity and route are those of docs/report-contract.md', () => {
    for (const r of rules) {
      const want = CONTRACT_META[r.meta.code];
      if (want) expect([r.meta.severity, r.meta.route], r.meta.code).toEqual(want);
    }
  });

  it('each contract code argues for the verdict docs/report-contract.md gives it (read from its module, nowhere else)', () => {
    for (const code of CONTRACT_CODES) {
      const r = rules.find((x) => x.meta.code === code)!;
      expect(r.meta.verdict, code).toBe(CONTRACT_VERDICT[code]);
    }
  });

  it('not-network rules claim before every proxy rule, and network-send-failure is the last fallback (named bands, no numbers)', () => {
    const band = (c: string) => {
      const b = rules.find((r) => r.meta.code === c)!.band;
      expect(b, c).toBeDefined();
      return CLAIM_BANDS.findIndex((x) => x.band === b);
    };
    const notNetwork = ['not-network-conditional-access', 'not-network-credentials', 'not-network-tenant', 'ad-connectivity', 'not-network-entra-error'];
    const proxy = rules.filter((r) => r.matchGroup && r.meta.code.startsWith('proxy-')).map((r) => r.meta.code);
    for (const n of notNetwork) for (const p of proxy) expect(band(n), `${n} before ${p}`).toBeLessThan(band(p));
    const recordRules = rules.filter((r) => r.matchGroup && r.meta.code !== 'network-send-failure');
    for (const r of recordRules) expect(band(r.meta.code), r.meta.code).toBeLessThan(band('network-send-failure'));
    for (const b of CLAIM_BANDS) expect(b.why.length, b.band).toBeGreaterThan(30);
  });

  it('every module under src/rules/codes/ is registered (files starting with _ are shared helpers)', () => {
    const dir = join(dirname(fileURLToPath(import.meta.url)), '../../src/rules/codes');
    const modules = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.startsWith('_') && !f.endsWith('.test.ts')).map((f) => f.replace(/\.ts$/, ''));
    expect(modules.sort()).toEqual([...registered].sort());
  });

  it('a rule that argues for a verdict writes its own verdict sentence; a record rule names its claim band', () => {
    for (const r of rules) {
      if (r.meta.verdict) expect(typeof r.verdictSentence, r.meta.code).toBe('function');
      if (r.matchGroup) expect(r.band, r.meta.code).toBeDefined();
    }
  });

  it('the verdict and the engine name no finding code', () => {
    const src = join(dirname(fileURLToPath(import.meta.url)), '../../src/rules');
    for (const f of ['verdict.ts', 'engine.ts', 'order.ts']) {
      const text = readFileSync(join(src, f), 'utf8');
      // proxy-unreachable is also a verdict's name; the verdict may name verdicts.
      for (const code of registered.filter((c) => !(VERDICT_ORDER as string[]).includes(c))) expect(text.includes(`'${code}'`), `${f} names ${code}`).toBe(false);
    }
  });
});
