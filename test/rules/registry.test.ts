// The registry: a module for every CONTRACT code (the four proxy-path codes are registered by the route
// work), unique codes, and complete metadata.
import { describe, expect, it } from 'vitest';
import { rules } from '../../src/rules/index.js';

const CONTRACT_CODES = [
  'proxy-bypass-dns', 'proxy-bypass-connect', 'proxy-auth-required', 'proxy-denied', 'proxy-tls-interception',
  'proxy-unreachable', 'proxy-name-unresolved', 'proxy-idle-timeout', 'tls12-not-enabled', 'servicebus-unreachable',
  'service-proxy-missing', 'machine-config-invalid', 'machine-config-restart-needed', 'miiserver-config-override',
  'pac-not-used-by-service', 'network-send-failure', 'not-network-conditional-access', 'not-network-credentials',
  'not-network-tenant', 'ad-connectivity', 'sync-in-progress', 'sync-scheduler-suspended', 'staging-mode', 'adsync-module-missing',
];
// Codes this tool adds to CONTRACT.md (the contract grows by adding; README "Finding codes" lists them).
const ADDED_CODES = ['not-network-entra-error'];
const ROUTE_CODES = ['service-proxy-missing', 'pac-not-used-by-service', 'miiserver-config-override', 'machine-config-restart-needed'];
// CONTRACT.md severity/route columns.
const CONTRACT_META: Record<string, [string, string]> = {
  'proxy-bypass-dns': ['error', 'direct'], 'proxy-bypass-connect': ['error', 'direct'], 'proxy-auth-required': ['error', 'proxy'],
  'proxy-denied': ['error', 'proxy'], 'proxy-tls-interception': ['error', 'proxy'], 'proxy-unreachable': ['error', 'proxy'],
  'proxy-name-unresolved': ['error', 'proxy'], 'proxy-idle-timeout': ['warning', 'proxy'], 'tls12-not-enabled': ['error', 'none'],
  'servicebus-unreachable': ['error', 'unknown'], 'machine-config-invalid': ['error', 'unknown'], 'network-send-failure': ['warning', 'unknown'],
  'not-network-conditional-access': ['error', 'none'], 'not-network-credentials': ['error', 'none'], 'not-network-tenant': ['error', 'none'],
  'ad-connectivity': ['error', 'none'], 'sync-in-progress': ['info', 'none'], 'sync-scheduler-suspended': ['warning', 'none'],
  'staging-mode': ['info', 'none'], 'adsync-module-missing': ['error', 'none'],
};

// CONTRACT.md "Verdicts": which verdict each code argues for. Codes not listed argue for none.
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

  it('severity and route are those of CONTRACT.md', () => {
    for (const r of rules) {
      const want = CONTRACT_META[r.meta.code];
      if (want) expect([r.meta.severity, r.meta.route], r.meta.code).toEqual(want);
    }
  });

  it('each CONTRACT code argues for the verdict CONTRACT.md gives it (read from its module, nowhere else)', () => {
    for (const code of CONTRACT_CODES) {
      const r = rules.find((x) => x.meta.code === code)!;
      expect(r.meta.verdict, code).toBe(CONTRACT_VERDICT[code]);
    }
  });

  it('not-network rules outrank every proxy rule, and network-send-failure is the last fallback', () => {
    const prio = (c: string) => rules.find((r) => r.meta.code === c)!.priority ?? 0;
    const notNetwork = ['not-network-conditional-access', 'not-network-credentials', 'not-network-tenant', 'ad-connectivity'];
    const proxy = rules.filter((r) => r.matchGroup && r.meta.code.startsWith('proxy-')).map((r) => r.meta.code);
    for (const n of notNetwork) for (const p of proxy) expect(prio(n), `${n} > ${p}`).toBeGreaterThan(prio(p));
    const recordRules = rules.filter((r) => r.matchGroup && r.meta.code !== 'network-send-failure');
    for (const r of recordRules) expect(r.priority ?? 0, r.meta.code).toBeGreaterThan(prio('network-send-failure'));
  });
});
