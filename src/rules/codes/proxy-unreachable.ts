// The proxy itself could not be reached: connection refused/timed out to the proxy's address and port,
// or the message says so ("Cannot connect to proxy").
import type { Rule } from '../types.js';
import { runsAsService } from '../../model/actors.js';
import { actorOfGroup, isConfiguredProxy } from '../context.js';
import { facts, hopOf } from './_facts.js';
import { REF, RESTART, failedProbes, quoteGroup, quoteProbe } from './_shared.js';


export const rule: Rule = {
  meta: {
    code: 'proxy-unreachable',
    title: 'The proxy itself cannot be reached',
    severity: 'error',
    route: 'proxy',
    verdict: 'proxy-unreachable',
    explanation:
      'The process used the proxy, but the TCP connection to the proxy\'s address and port was refused or timed out: the proxy address or port in the configuration is wrong, the proxy (or a local CNTLM/Fiddler) is not running, or a firewall blocks the server from the proxy.',
    fix: [
      'From the server: `Test-NetConnection <proxy host> -Port <proxy port>`. Correct proxyaddress in machine.config (and the Internet Options) to the proxy\'s real address and port.',
      'If the proxy is a local CNTLM or Fiddler on 127.0.0.1, start it and set its service to start automatically.',
      RESTART,
    ],
    references: [REF.connectivity, REF.prerequisites],
  },
  band: 'proxy-hop',
  verdictSentence: ({ actor, ctx, times }) =>
    `${actor.short} could not reach the proxy${ctx.proxy.fixAddress ? ` ${ctx.proxy.fixAddress}` : ''}${times}: the proxy refused or did not answer the connection (wrong address/port, or the proxy is down).`,
  decidesFrom: 'A TCP connection that failed (refused, timed out, unreachable) to the proxy itself: the message says so (ProxyError "Cannot connect to proxy", Go "proxyconnect", "Unable to connect to the proxy"), or the address is the configured proxy, or a LAN/loopback address on a proxy port; or "Unable to connect" from a service whose machine.config names a proxy.',
  matchGroup(g, ctx) {
    const all = facts(g);
    const connects = all.filter((f) => f.op === 'connect' && f.kind !== 'servicebus' && f.answeredBy !== 'proxy');
    if (!connects.length) return null;
    const actor = actorOfGroup(g);
    const atProxy = connects.map((f) => ({ f, h: hopOf(ctx, f.target) })).filter((x) => x.h.hop === 'proxy');
    if (atProxy.length) {
      const best = atProxy.find((x) => x.f.target?.host && x.f.kind !== 'failed') ?? atProxy.find((x) => x.f.target?.host) ?? atProxy[0]!;
      const t = best.f.target;
      const kind = atProxy.find((x) => x.f.kind !== 'failed')?.f.kind ?? best.f.kind;
      const how = kind === 'refused' ? 'refused the connection (nothing listens on that port)' : kind === 'timed-out' ? 'did not answer (timed out)' : kind === 'unreachable' ? 'is unreachable (no route)' : 'could not be connected to';
      const configured = t?.host ? isConfiguredProxy(ctx, t.host, t.port) : undefined;
      const used = atProxy.map((x) => x.f);
      return {
        confidence: configured || used.some((f) => f.target?.role === 'proxy' && f.sure === 'high') ? 'high' : atProxy.every((x) => x.h.guess) ? 'low' : 'medium',
        explanation: `${actor.name} was using the proxy: ${best.h.why}. The proxy ${how}. The address/port is wrong or the proxy is down; traffic did not go around it.`,
        fix: [
          t?.host
            ? `From the server: \`Test-NetConnection ${t.host}${t.port ? ` -Port ${t.port}` : ''}\`. If it fails, correct proxyaddress in machine.config (and the Internet Options) to the proxy's real address and port, or get the proxy running.`
            : "From the server: `Test-NetConnection <proxy host> -Port <proxy port>`. Correct proxyaddress in machine.config (and the Internet Options) to the proxy's real address and port, or get the proxy running.",
          ...(t?.host && /^(?:127\.|localhost$|::1$)/.test(t.host) ? ['The proxy is on this server itself (a CNTLM or Fiddler): start it and set its service to start automatically.'] : []),
          RESTART,
        ],
        evidence: quoteGroup(g, used),
        facts: used,
      };
    }
    // "Unable to connect" naming no endpoint, from the service, while the service's machine.config names a
    // proxy: the only connection the service makes is to that proxy.
    const svc = ctx.proxy.service;
    const unnamed = connects.filter((f) => !f.target?.host && (f.kind === 'failed' || f.kind === 'refused' || f.kind === 'timed-out'));
    if (unnamed.length && !connects.some((f) => f.target?.host) && svc.address && runsAsService(actor.id)) {
      return {
        confidence: 'medium',
        explanation: `${actor.name} could not connect, and it sends every request to the proxy ${svc.address} named in ${svc.file}: that proxy could not be reached.`,
        evidence: quoteGroup(g, unnamed),
        facts: unnamed,
      };
    }
    return null;
  },
  matchEvidence(ev) {
    const probes = failedProbes(ev, (p) => p.errorClass === 'proxy-unreachable');
    return probes.length ? [{ confidence: 'high', evidence: probes.slice(0, 5).map(quoteProbe) }] : [];
  },
};
