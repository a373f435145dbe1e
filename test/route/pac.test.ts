import { describe, expect, it } from 'vitest';
import { evaluatePac, shExpMatch } from '../../src/route/pac.js';

const PAC = `
// corporate PAC
var proxy = "PROXY proxy.contoso.com:8080; DIRECT";
function isInternal(h) { return dnsDomainIs(h, ".contoso.com") || isPlainHostName(h); }
function FindProxyForURL(url, host) {
  host = host.toLowerCase();
  if (isInternal(host)) return "DIRECT";
  if (shExpMatch(host, "*.microsoftonline.com") && url.substring(0, 6) == "https:") {
    return "PROXY cloudproxy.contoso.com:3128";
  }
  if (isInNet(host, "10.0.0.0", "255.0.0.0")) return "DIRECT";
  return proxy;
}`;

describe('PAC evaluator', () => {
  it('evaluates the common helper functions', () => {
    const r = evaluatePac(PAC, 'https://login.microsoftonline.com/');
    expect(r).toMatchObject({ kind: 'result', raw: 'PROXY cloudproxy.contoso.com:3128' });
    if (r.kind === 'result') {
      expect(r.entries[0]).toEqual({ type: 'PROXY', hostPort: 'cloudproxy.contoso.com:3128' });
      expect(r.rule).toContain('shExpMatch(host, "*.microsoftonline.com")');
    }
    expect(evaluatePac(PAC, 'https://intranet.contoso.com/')).toMatchObject({ kind: 'result', raw: 'DIRECT' });
    expect(evaluatePac(PAC, 'https://10.1.2.3/')).toMatchObject({ kind: 'result', raw: 'DIRECT' });
  });

  it('explores a DNS-dependent condition and reports unknown when the answers differ', () => {
    const r = evaluatePac(PAC, 'https://management.azure.com/');
    expect(r.kind).toBe('unknown');
    if (r.kind === 'unknown') expect(r.reason).toMatch(/isInNet/);
  });

  it('gives an answer when every DNS outcome leads to the same result', () => {
    const pac = 'function FindProxyForURL(u, h) { if (isInNet(dnsResolve(h), "10.0.0.0", "255.0.0.0")) return "PROXY p:1"; return "PROXY p:1"; }';
    expect(evaluatePac(pac, 'https://login.microsoftonline.com/')).toMatchObject({ kind: 'result', raw: 'PROXY p:1' });
  });

  it('never runs the script as code: anything outside the subset is unsupported', () => {
    for (const hostile of [
      'function FindProxyForURL(u, h) { return this.constructor.constructor("return process")(); }',
      'function FindProxyForURL(u, h) { while (true) {} }',
      'function FindProxyForURL(u, h) { return eval("1"); }',
      'function FindProxyForURL(u, h) { return require("fs"); }',
      'function FindProxyForURL(u, h) { return h.constructor; }',
      'function FindProxyForURL(u, h) { return h["constructor"]; }',
    ]) {
      expect(evaluatePac(hostile, 'https://a.example/').kind).toBe('unsupported');
    }
  });

  it('stops runaway recursion', () => {
    const r = evaluatePac('function f(x) { return f(x); } function FindProxyForURL(u, h) { return f(h); }', 'https://a.example/');
    expect(r.kind).toBe('unsupported');
  });

  it('shExpMatch is a whole-string glob', () => {
    expect(shExpMatch('login.microsoftonline.com', '*.microsoftonline.com')).toBe(true);
    expect(shExpMatch('login.microsoftonline.com.evil', '*.microsoftonline.com')).toBe(false);
    expect(shExpMatch('a.b', 'a?b')).toBe(true);
  });
});
