// A process resolved a public endpoint's name itself and failed: with a proxy in use it would only have
// resolved the proxy's name, so it went direct (knowledge.md S1, §7).
import type { Rule } from '../types.js';
import { serviceBypassRule } from '../../route/proxy-view.js';
import { actorOfGroup, isConfiguredProxy, isInternalName, isMicrosoftHost } from '../context.js';
import { ALLOW, GENERIC_MACHINE_CONFIG_STEPS, MACHINE_CONFIG_64, REF, RESTART, VERIFY, directWords, failedProbes, has, machineConfigSteps, quoteGroup, quoteProbe } from './_shared.js';
import { bypassSentence } from './_sentences.js';

export const rule: Rule = {
  meta: {
    code: 'proxy-bypass-dns',
    title: 'Traffic went direct: a Microsoft host name was resolved locally and failed',
    severity: 'error',
    route: 'direct',
    verdict: 'proxy-bypassed',
    explanation:
      'The process looked up a Microsoft endpoint (login.windows.net, login.microsoftonline.com, …) in DNS itself and failed ("The remote name could not be resolved", 11001, NameResolutionFailure, WinHTTP 12007). A process that uses a proxy only resolves the proxy\'s name, so no proxy was in use for this request: usually machine.config has no <defaultProxy>.',
    fix: [...GENERIC_MACHINE_CONFIG_STEPS, ALLOW, VERIFY],
    references: [REF.connectivity, REF.prerequisites, REF.defaultProxy],
  },
  band: 'direct',
  verdictSentence: (input) => bypassSentence(input),
  matchGroup(g, ctx) {
    const f = g.facts;
    const nameFailure =
      has(f, 'remote-name-unresolved', 'host-not-found') ||
      f.socketCodes.some((c) => c === 11001 || c === 11002) ||
      f.webStatuses.includes('NameResolutionFailure') ||
      f.winhttpCodes.includes(12007);
    const realmOnly = !nameFailure && has(f, 'user-realm-discovery') && f.phrases.length === 1 && !f.socketCodes.length && !f.httpStatuses.length;
    if (!nameFailure && !realmOnly) return null;
    const hosts = f.unresolvedHosts.filter((h) => !isConfiguredProxy(ctx, h));
    if (f.unresolvedHosts.length && !hosts.length) return null; // only the proxy's name: proxy-name-unresolved
    if (hosts.length && hosts.every((h) => isInternalName(h))) return null; // an on-premises name: not a bypass
    const ms = hosts.filter(isMicrosoftHost);
    const shown = ms[0] ?? hosts[0];
    const actor = actorOfGroup(g);
    const what = shown ? `looked up ${shown} in DNS itself, and the name did not resolve` : realmOnly ? 'failed user realm discovery, the first call of a sign-in, which fails this way when DNS for Microsoft names is not available to it' : 'looked up the target host in DNS itself, and the name did not resolve';
    // A <bypasslist> entry of the service's config that matches the host is the whole cause: say which.
    const rule = shown ? serviceBypassRule(ctx.proxy.service, shown) : undefined;
    return {
      confidence: ms.length ? 'high' : shown ? 'medium' : realmOnly ? 'low' : 'medium',
      explanation: directWords(actor, ctx, what, shown),
      fix: rule
        ? [`In ${rule.file === 'miiserver.exe.config' ? 'C:\\Program Files\\Microsoft Azure AD Sync\\Bin\\miiserver.exe.config' : MACHINE_CONFIG_64}, remove <add address="${rule.entry}" /> from <bypasslist> (and any other entry matching Microsoft hosts): .NET sends every request whose https://host matches it direct, and ${shown} cannot be reached direct. Keep the rest of the defaultProxy section as it is.`, RESTART, ALLOW, VERIFY]
        : [...machineConfigSteps(ctx), ALLOW, VERIFY],
      evidence: quoteGroup(g, ['remote-name-unresolved', 'host-not-found', 'user-realm-discovery'], /NameResolutionFailure|11001|0x80072EE7|12007/i),
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
