// The proxy's own host name does not resolve. Not a bypass: the process was about to use the proxy.
import type { Rule, RuleMatch } from '../types.js';
import { actorOfGroup, isConfiguredProxy } from '../context.js';
import { REF, RESTART, failedProbes, quoteGroup, quoteProbe } from './_shared.js';
import { facts, hopOf } from './_facts.js';

export const rule: Rule = {
  meta: {
    code: 'proxy-name-unresolved',
    title: 'The proxy\'s own host name does not resolve',
    severity: 'error',
    route: 'proxy',
    verdict: 'proxy-unreachable',
    explanation:
      'The process was going to use the proxy but could not resolve the proxy\'s host name (ProxyNameResolutionFailure, or the name that failed is the configured proxy). The proxy setting names a host DNS does not know from this server.',
    fix: [
      'On the server, check the name: `Resolve-DnsName <proxy host>`. Fix the DNS record, or write the proxy\'s fully qualified name (or its IP address) in machine.config proxyaddress and in the admin\'s Internet Options.',
      RESTART,
    ],
    references: [REF.connectivity, REF.prerequisites],
  },
  band: 'proxy-hop',
  verdictSentence: ({ actor, times }) => `${actor.short} could not use the proxy${times}: the proxy's own name does not resolve in DNS.`,
  decidesFrom: 'A name lookup that failed (dns not-found) for the proxy itself: WebException ProxyNameResolutionFailure, curl (5) "Could not resolve proxy", a failure inside a proxy hop (urllib3 ProxyError, Go proxyconnect, Node "tunneling socket … cause="), the configured proxy\'s name, WPAD, or a host named like a proxy.',
  matchGroup(g, ctx) {
    const dns = facts(g).filter((f) => f.op === 'dns' && f.kind === 'not-found' && f.answeredBy !== 'proxy');
    const atProxy = dns.map((f) => ({ f, h: hopOf(ctx, f.target) })).filter((x) => x.h.hop === 'proxy' || (x.f.target?.host && /^wpad(\.|$)/.test(x.f.target.host)));
    if (!atProxy.length) return null;
    const best = atProxy.find((x) => x.f.target?.host) ?? atProxy[0]!;
    const host = best.f.target?.host || undefined;
    const configured = host ? isConfiguredProxy(ctx, host) : undefined;
    const stated = atProxy.some((x) => x.f.target?.role === 'proxy');
    const where = configured
      ? ` (the proxy configured in ${configured.layer})`
      : host && /^wpad(\.|$)/.test(host)
        ? ' (the WPAD auto-discovery host)'
        : !stated && host
          ? ' (by its name a proxy; the proxy setting was not among the evidence to confirm it)'
          : '';
    const used = atProxy.map((x) => x.f);
    return {
      confidence: stated || configured ? 'high' : 'medium',
      explanation: `${actorOfGroup(g).name} was sending its request to the proxy, but the proxy's name${host ? ` ${host}` : ''}${where} does not resolve in DNS from this server. This is not a bypass: the proxy setting names a host DNS does not know.`,
      fix: [
        `On the server, check the name: \`Resolve-DnsName ${host ?? '<proxy host>'}\`. Fix the DNS record, or write the proxy's fully qualified name (or its IP address) in machine.config proxyaddress and in the admin's Internet Options.`,
        RESTART,
      ],
      evidence: quoteGroup(g, used),
      facts: used,
    };
  },
  matchEvidence(ev) {
    const probes = failedProbes(ev, (p) => p.errorClass === 'name-unresolved' && !!p.proxy && p.test !== 'dns' && p.test !== 'tcp-direct' && !!p.error && /proxy/i.test(p.error));
    const m: RuleMatch[] = probes.length ? [{ confidence: 'medium', evidence: probes.slice(0, 5).map(quoteProbe) }] : [];
    return m;
  },
};
