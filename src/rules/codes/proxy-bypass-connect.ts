// A direct TCP connection to a public endpoint failed: the socket message names a public address on 443
// (not the proxy), or "Unable to connect to the remote server" while the process has no proxy.
import type { Rule } from '../types.js';
import { runsAsService } from '../../model/actors.js';
import { actorOfGroup, classifyEndpoint } from '../context.js';
import { ALLOW, GENERIC_MACHINE_CONFIG_STEPS, REF, VERIFY, connectFailedByCode, directWords, failedProbes, has, machineConfigSteps, quoteGroup, quoteProbe } from './_shared.js';
import { bypassSentence } from './_sentences.js';

const CONNECT = ['connect-timeout', 'connect-refused', 'host-unreachable', 'unable-to-connect'];

export const rule: Rule = {
  meta: {
    code: 'proxy-bypass-connect',
    title: 'Traffic went direct: a TCP connection to a Microsoft address failed',
    severity: 'error',
    route: 'direct',
    verdict: 'proxy-bypassed',
    explanation:
      'The process opened a TCP connection straight to a public Microsoft address on port 443 (10060 timed out, 10061 refused, 10065 unreachable) instead of to the proxy, and the firewall dropped it. "Unable to connect to the remote server" from a process with no proxy means the same: it went direct.',
    fix: [...GENERIC_MACHINE_CONFIG_STEPS, ALLOW, VERIFY],
    references: [REF.connectivity, REF.prerequisites, REF.defaultProxy],
  },
  band: 'direct',
  verdictSentence: (input) => bypassSentence(input),
  matchGroup(g, ctx) {
    const f = g.facts;
    const connect = has(f, ...CONNECT) || connectFailedByCode(f);
    if (!connect) return null;
    const actor = actorOfGroup(g);
    const how = has(f, 'connect-timeout') || f.socketCodes.includes(10060) ? 'timed out (10060)' : has(f, 'connect-refused') || f.socketCodes.includes(10061) ? 'was refused (10061)' : has(f, 'host-unreachable') ? 'had no route (10065)' : 'failed';
    const fix = [...machineConfigSteps(ctx), ALLOW, VERIFY];
    const classified = f.endpoints.map((e) => ({ e, c: classifyEndpoint(ctx, e) }));
    const direct = classified.find((x) => x.c.role === 'direct');
    if (direct) {
      return {
        confidence: 'high',
        explanation: directWords(actor, ctx, `opened a TCP connection to ${direct.e.host}:${direct.e.port} and it ${how}; ${direct.c.why}`),
        fix,
        evidence: quoteGroup(g, CONNECT),
      };
    }
    if (classified.length) return null; // it names an endpoint that is not clearly public: not decisive
    if (!has(f, 'unable-to-connect') && !f.webStatuses.includes('ConnectFailure') && !f.winhttpCodes.includes(12029)) return null;
    const svc = ctx.proxy.service;
    const serviceSide = runsAsService(actor.id);
    if (serviceSide && svc.address) return null; // the service has a proxy: an unnamed connect failure is not a bypass
    return {
      confidence: serviceSide && svc.known ? 'medium' : 'low',
      explanation: directWords(actor, ctx, '"could not connect to the remote server", naming no proxy; Microsoft\'s troubleshooting says this message means a direct call without the proxy (or broken DNS)'),
      fix,
      evidence: quoteGroup(g, CONNECT),
    };
  },
  matchEvidence(ev, ctx) {
    const probes = failedProbes(ev, (p) => p.test === 'realm-discovery' && !p.proxy && (p.errorClass === 'timeout' || p.errorClass === 'refused' || p.errorClass === 'unreachable'));
    if (!probes.length) return [];
    return [{
      confidence: 'medium',
      explanation: `The realm-discovery probe as ${[...new Set(probes.map((p) => p.as))].join(' and ')} took no proxy and its direct connection to ${probes[0]!.endpoint}:${probes[0]!.port} failed (${probes[0]!.errorClass}).`,
      fix: [...machineConfigSteps(ctx), ALLOW, VERIFY],
      evidence: probes.slice(0, 5).map(quoteProbe),
    }];
  },
};
