// A direct TCP connection to a public endpoint failed: the socket message names a public address on 443
// (not the proxy), or "Unable to connect to the remote server" while the process has no proxy.
import type { Rule } from '../types.js';
import { runsAsService } from '../../model/actors.js';
import type { Fact } from '../../facts/types.js';
import { actorOfGroup, isMicrosoftHost } from '../context.js';
import { ALLOW, GENERIC_MACHINE_CONFIG_STEPS, REF, VERIFY, directWords, failedProbes, machineConfigSteps, quoteGroup, quoteProbe } from './_shared.js';
import { facts, hopOf } from './_facts.js';
import { bypassSentence } from './_sentences.js';

function how(f: Fact): string {
  const ws = f.codes.find((c) => c.startsWith('winsock:'))?.slice(8);
  switch (f.kind) {
    case 'refused': return `was refused (${ws ?? 'nothing listens on that port'})`;
    case 'timed-out': return `timed out (${ws ?? 'no answer'})`;
    case 'unreachable': return `had no route${ws ? ` (${ws})` : ''}`;
    case 'access-denied': return 'was blocked on this server (a local firewall or port rule)';
    default: return 'failed';
  }
}

export const rule: Rule = {
  meta: {
    code: 'proxy-bypass-connect',
    title: 'Traffic went direct: a TCP connection to a Microsoft address failed',
    severity: 'error',
    fixedBy: 'machine-config',
    route: 'direct',
    verdict: 'proxy-bypassed',
    explanation:
      'The process opened a TCP connection straight to a public Microsoft address on port 443 (10060 timed out, 10061 refused, 10065 unreachable) instead of to the proxy, and the firewall dropped it. "Unable to connect to the remote server" from a process with no proxy means the same: it went direct.',
    fix: [...GENERIC_MACHINE_CONFIG_STEPS, ALLOW, VERIFY],
    references: [REF.connectivity, REF.prerequisites, REF.defaultProxy],
  },
  band: 'direct',
  verdictSentence: (input) => bypassSentence(input),
  decidesFrom: 'A TCP connection that failed (connect refused / timed out / unreachable: Winsock 10060/10061/10065/10013, ECONNREFUSED/ETIMEDOUT, ConnectTimeoutError, java.net.ConnectException, Go dial errors, curl (7)/(28)) to a public address or a public name on 443/80 that is not the proxy; or "Unable to connect to the remote server" from a process whose configuration names no proxy.',
  matchGroup(g, ctx) {
    const all = facts(g);
    const connects = all.filter((f) => f.op === 'connect' && f.kind !== 'servicebus' && f.answeredBy !== 'proxy');
    if (!connects.length) return null;
    const actor = actorOfGroup(g);
    const fix = [...machineConfigSteps(ctx), ALLOW, VERIFY];
    const hops = connects.map((f) => ({ f, h: hopOf(ctx, f.target) }));
    if (hops.some((x) => x.h.hop === 'proxy')) return null; // the proxy's own address: proxy-unreachable
    const direct = hops.find((x) => x.h.hop === 'destination');
    if (direct) {
      const t = direct.f.target;
      const where = t?.host ? (t.port ? `${t.host}:${t.port}` : t.host) : 'the destination';
      const used = hops.filter((x) => x.h.hop === 'destination').map((x) => x.f);
      return {
        confidence: t?.host && (used.some((f) => f.sure === 'high') || isMicrosoftHost(t.host)) ? 'high' : 'medium',
        explanation: directWords(actor, ctx, `opened a TCP connection to ${where} and it ${how(direct.f)}; ${direct.h.why}`, t?.host),
        fix,
        evidence: quoteGroup(g, used),
        facts: used,
      };
    }
    if (hops.some((x) => x.h.hop !== 'unknown' || x.f.target?.host)) return null; // names an endpoint that is not clearly public: not decisive
    // "Unable to connect to the remote server" naming no endpoint: Microsoft's troubleshooting reads it as a
    // direct call without the proxy — decisive only when the process's configuration names no proxy.
    const UNABLE = ['dotnet:unable-to-connect', 'webstatus:ConnectFailure', 'winhttp:12029'];
    const generic = connects.filter((f) => f.codes.some((c) => UNABLE.includes(c)));
    if (!generic.length) return null;
    // Decisive only when the configuration fills the gap: the process reads a configuration that names no proxy.
    const svc = ctx.proxy.service;
    const serviceSide = runsAsService(actor.id);
    if (!svc.known || svc.address || svc.script) return null;
    return {
      confidence: serviceSide ? 'medium' : 'low',
      explanation: directWords(actor, ctx, '"could not connect to the remote server", naming no proxy; Microsoft\'s troubleshooting says this message means a direct call without the proxy (or broken DNS)'),
      fix,
      evidence: quoteGroup(g, generic),
      facts: generic,
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
