// The proxy itself could not be reached: connection refused/timed out to the proxy's address and port,
// or the message says so ("Cannot connect to proxy").
import type { Rule } from '../types.js';
import { runsAsService } from '../../model/actors.js';
import { actorOfGroup, classifyEndpoint } from '../context.js';
import { REF, RESTART, connectFailedByCode, failedProbes, has, quoteGroup, quoteProbe } from './_shared.js';

const CONNECT = ['connect-refused', 'connect-timeout', 'host-unreachable', 'unable-to-connect', 'proxy-connect-failed'];

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
  matchGroup(g, ctx) {
    const f = g.facts;
    const connect = has(f, ...CONNECT) || connectFailedByCode(f);
    if (!connect) return null;
    const actor = actorOfGroup(g);
    const how = has(f, 'connect-refused') || f.socketCodes.includes(10061) ? 'refused the connection (10061: nothing listens on that port)' : has(f, 'connect-timeout') || f.socketCodes.includes(10060) ? 'did not answer (10060: timed out)' : has(f, 'host-unreachable') ? 'is unreachable (no route)' : 'could not be connected to';
    const proxyEp = f.endpoints.map((e) => ({ e, c: classifyEndpoint(ctx, e) })).find((x) => x.c.role === 'proxy');
    if (proxyEp) {
      return {
        confidence: proxyEp.c.configured ? 'high' : 'medium',
        explanation: `${actor.name} was using the proxy: ${proxyEp.c.why}. The proxy ${how}. The address/port is wrong or the proxy is down; traffic did not go around it.`,
        fix: [
          `From the server: \`Test-NetConnection ${proxyEp.e.host} -Port ${proxyEp.e.port}\`. If it fails, correct proxyaddress in machine.config (and the Internet Options) to the proxy's real address and port, or get the proxy running.`,
          ...(proxyEp.e.host === '127.0.0.1' || proxyEp.e.host === 'localhost' ? ['The proxy is on this server itself (a CNTLM or Fiddler): start it and set its service to start automatically.'] : []),
          RESTART,
        ],
        evidence: quoteGroup(g, CONNECT),
      };
    }
    if (has(f, 'proxy-connect-failed')) {
      return { confidence: 'high', explanation: `${actor.name} says it could not connect to the proxy.`, evidence: quoteGroup(g, ['proxy-connect-failed']) };
    }
    // "Unable to connect" naming no endpoint, from the service, while the service's machine.config names a
    // proxy: the only connection the service makes is to that proxy.
    const svc = ctx.proxy.service;
    if (!f.endpoints.length && svc.address && runsAsService(actor.id) && has(f, 'unable-to-connect')) {
      return {
        confidence: 'medium',
        explanation: `${actor.name} could not connect, and it sends every request to the proxy ${svc.address} named in ${svc.file}: that proxy could not be reached.`,
        evidence: quoteGroup(g, CONNECT),
      };
    }
    return null;
  },
  matchEvidence(ev) {
    const probes = failedProbes(ev, (p) => p.errorClass === 'proxy-unreachable');
    return probes.length ? [{ confidence: 'high', evidence: probes.slice(0, 5).map(quoteProbe) }] : [];
  },
};
