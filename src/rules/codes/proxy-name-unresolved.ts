// The proxy's own host name does not resolve. Not a bypass: the process was about to use the proxy.
import type { Rule, RuleMatch } from '../types.js';
import { actorOfGroup, isConfiguredProxy, isMicrosoftHost } from '../context.js';
import { REF, RESTART, failedProbes, has, quoteGroup, quoteProbe } from './_shared.js';

/** First DNS labels proxies are named by ("proxy", "webproxy", "proxy01", "squid"); not "adfs-proxy" (an AD FS Web Application Proxy). */
const PROXY_LIKE_NAME = /^(?:(?:web|www|http|inet|internet|out)-?)?proxy(?:[-_]?\w+)?$|^(?:squid|cntlm|zscaler|bluecoat|websense|forcepoint)(?:[-_]?\w+)?$/i;

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
  matchGroup(g, ctx) {
    const f = g.facts;
    const explicit = has(f, 'proxy-name-unresolved') || f.webStatuses.includes('ProxyNameResolutionFailure');
    const configured = f.unresolvedHosts.map((h) => ({ h, p: isConfiguredProxy(ctx, h) })).filter((x) => x.p);
    const wpad = f.unresolvedHosts.filter((h) => /^wpad(\.|$)/.test(h));
    // With no configuration in the evidence (a pasted error), a name like "proxy.contoso.com" or "webproxy"
    // is the proxy's own: a process sending to a proxy resolves only that name (knowledge.md §7).
    const named = f.unresolvedHosts.filter((h) => !isMicrosoftHost(h) && PROXY_LIKE_NAME.test(h.split('.')[0]!));
    if (!explicit && !configured.length && !wpad.length && !named.length) return null;
    const host = configured[0]?.h ?? (explicit ? f.unresolvedHosts[0] : (named[0] ?? f.unresolvedHosts[0]));
    const where = configured[0]?.p
      ? ` (the proxy configured in ${configured[0].p.layer})`
      : wpad.length
        ? ' (the WPAD auto-discovery host)'
        : !explicit && named.length
          ? ' (by its name a proxy; the proxy setting was not among the evidence to confirm it)'
          : '';
    return {
      confidence: explicit || configured.length ? 'high' : 'medium',
      explanation: `${actorOfGroup(g).name} was sending its request to the proxy, but the proxy's name${host ? ` ${host}` : ''}${where} does not resolve in DNS from this server. This is not a bypass: the proxy setting names a host DNS does not know.`,
      fix: [
        `On the server, check the name: \`Resolve-DnsName ${host ?? '<proxy host>'}\`. Fix the DNS record, or write the proxy's fully qualified name (or its IP address) in machine.config proxyaddress and in the admin's Internet Options.`,
        RESTART,
      ],
      evidence: quoteGroup(g, ['proxy-name-unresolved', 'remote-name-unresolved', 'host-not-found'], /ProxyNameResolutionFailure/),
    };
  },
  matchEvidence(ev) {
    const probes = failedProbes(ev, (p) => p.errorClass === 'name-unresolved' && !!p.proxy && p.test !== 'dns' && p.test !== 'tcp-direct' && !!p.error && /proxy/i.test(p.error));
    const m: RuleMatch[] = probes.length ? [{ confidence: 'medium', evidence: probes.slice(0, 5).map(quoteProbe) }] : [];
    return m;
  },
};
