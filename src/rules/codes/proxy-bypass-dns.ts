// A process resolved a public endpoint's name itself and failed: with a proxy in use it would only have
// resolved the proxy's name, so it went direct (docs/proxy-layers.md; https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-connectivity).
import type { Rule } from '../types.js';
import { serviceBypassRule } from '../../route/proxy-view.js';
import { actorOfGroup, isMicrosoftHost } from '../context.js';
import { facts, hopOf } from './_facts.js';
import { ALLOW, GENERIC_MACHINE_CONFIG_STEPS, MACHINE_CONFIG_64, REF, RESTART, VERIFY, directWords, failedProbes, machineConfigSteps, quoteGroup, quoteProbe } from './_shared.js';
import { bypassSentence } from './_sentences.js';

export const rule: Rule = {
  meta: {
    code: 'proxy-bypass-dns',
    title: 'Traffic went direct: a Microsoft host name was resolved locally and failed',
    severity: 'error',
    fixedBy: 'machine-config',
    route: 'direct',
    verdict: 'proxy-bypassed',
    explanation:
      'The process looked up a Microsoft endpoint (login.windows.net, login.microsoftonline.com, …) in DNS itself and failed ("The remote name could not be resolved", 11001, NameResolutionFailure, WinHTTP 12007). A process that uses a proxy only resolves the proxy\'s name, so no proxy was in use for this request: usually machine.config has no <defaultProxy>.',
    fix: [...GENERIC_MACHINE_CONFIG_STEPS, ALLOW, VERIFY],
    references: [REF.connectivity, REF.prerequisites, REF.defaultProxy],
  },
  band: 'direct',
  verdictSentence: (input) => bypassSentence(input),
  decidesFrom: 'A name lookup that failed (dns not-found: WebException NameResolutionFailure, Winsock 11001/11002/11004, WinHTTP 12007, ENOTFOUND/EAI_AGAIN, getaddrinfo, UnknownHostException, Go "no such host", curl (6), or the phrase in any language) for a host that is not the proxy and not an on-premises name.',
  matchGroup(g, ctx) {
    const all = facts(g);
    // A blank name ("could not be resolved: ''") names no host at all: it proves nothing about the route.
    const dns = all.filter((f) => f.op === 'dns' && f.kind === 'not-found' && f.answeredBy !== 'proxy' && !f.codes.includes('dns:empty-name'));
    const realm = all.find((f) => f.op === 'auth' && f.kind === 'discovery');
    // "User realm discovery failed" alone (no other network fact): the first call of a sign-in failed.
    const realmOnly = !dns.length && realm && !all.some((f) => f !== realm && f.op !== 'auth');
    if (!dns.length && !realmOnly) return null;
    const hops = dns.map((f) => ({ f, h: hopOf(ctx, f.target) }));
    if (hops.length && hops.every((x) => x.h.hop === 'proxy')) return null; // the proxy's own name: proxy-name-unresolved
    const named = hops.filter((x) => x.h.hop !== 'proxy' && x.f.target?.host);
    if (named.length && named.every((x) => x.h.hop === 'on-premises')) return null; // an on-premises name: not a bypass
    const decided = named.filter((x) => x.h.hop !== 'on-premises');
    const ms = decided.filter((x) => isMicrosoftHost(x.f.target!.host));
    const shown = (ms[0] ?? decided[0])?.f.target?.host;
    const used = decided.length ? decided.map((x) => x.f) : dns.length ? dns : [realm!];
    const actor = actorOfGroup(g);
    const what = shown ? `looked up ${shown} in DNS itself, and the name did not resolve` : realmOnly ? 'failed user realm discovery, the first call of a sign-in, which fails this way when DNS for Microsoft names is not available to it' : 'looked up the target host in DNS itself, and the name did not resolve';
    // A <bypasslist> entry of the service's config that matches the host is the whole cause: say which.
    const rule = shown ? serviceBypassRule(ctx.proxy.service, shown) : undefined;
    const firm = used.some((f) => f.sure === 'high');
    return {
      confidence: ms.length ? 'high' : shown ? (firm ? 'high' : 'medium') : realmOnly ? 'low' : 'medium',
      explanation: directWords(actor, ctx, what, shown),
      fix: rule
        ? [`In ${rule.file === 'miiserver.exe.config' ? 'C:\\Program Files\\Microsoft Azure AD Sync\\Bin\\miiserver.exe.config' : MACHINE_CONFIG_64}, remove <add address="${rule.entry}" /> from <bypasslist> (and any other entry matching Microsoft hosts): .NET sends every request whose https://host matches it direct, and ${shown} cannot be reached direct. Keep the rest of the defaultProxy section as it is.`, RESTART, ALLOW, VERIFY]
        : [...machineConfigSteps(ctx), ALLOW, VERIFY],
      evidence: quoteGroup(g, used),
      facts: used,
    };
  },
  matchEvidence(ev, ctx) {
    // A realm-discovery probe follows the real .NET path of its identity; with no proxy on that path and a
    // name failure, that identity goes direct. (A plain DNS probe failing is normal in a proxy-only network.)
    const probes = failedProbes(ev, (p) => p.test === 'realm-discovery' && !p.proxy && p.errorClass === 'name-unresolved');
    if (!probes.length) return [];
    return [{
      confidence: 'medium',
      explanation: `The realm-discovery probe as ${[...new Set(probes.map((p) => p.as))].join(' and ')} took no proxy and could not resolve ${probes[0]!.endpoint}: that identity goes direct.`,
      fix: [...machineConfigSteps(ctx), ALLOW, VERIFY],
      evidence: probes.slice(0, 5).map(quoteProbe),
    }];
  },
};
