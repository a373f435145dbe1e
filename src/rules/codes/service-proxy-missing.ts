// service-proxy-missing: the sync service has no proxy (machine.config and miiserver.exe.config name none)
// while a proxy exists for people (WinINET) or WinHTTP. The wizard's sign-in page, running as the admin,
// can pass through the admin's proxy while the service, under its own account, goes direct and fails.
// Live probes ("direct fails, through the proxy works") prove it and prove the fix.
import type { EvidenceQuote } from '../../model/report.js';
import type { Rule, RuleMatch } from '../types.js';
import { MACHINE_CONFIG_32, MACHINE_CONFIG_64, REF, RESTART, VERIFY, machineConfigSnippet, quoteProbe } from './_shared.js';
import { manualProxies, probeProof, serviceConfigNamesProxy, serviceConfigQuotes } from './_proxy-path.js';
import { bypassSentence } from './_sentences.js';

export const serviceProxyMissing: Rule = {
  meta: {
    code: 'service-proxy-missing',
    title: 'The sync service has no proxy, although this server has one',
    severity: 'error',
    fixedBy: 'machine-config',
    route: 'direct',
    verdict: 'proxy-bypassed',
    configOnly: true,
    explanation:
      'machine.config (and miiserver.exe.config) define no proxy, so the sync service (miiserver.exe, under its service account) connects directly. ' +
      'A proxy is set for people (Internet Options, WinINET) or for WinHTTP, but the service reads neither: it reads machine.config, and its own account has no Internet Options. ' +
      'The wizard can pass on its sign-in page (it runs as the admin and uses the admin\'s proxy) and then fail on Configure or at the first scheduled sync.',
    fix: [
      `Add the proxy to ${MACHINE_CONFIG_64} (and ${MACHINE_CONFIG_32} for 32-bit tools) just before </configuration>:\n${machineConfigSnippet(undefined, false)}`,
      RESTART,
      VERIFY,
    ],
    references: [REF.prerequisites, REF.connectivity, REF.defaultProxy],
  },
  verdictSentence: (input) => bypassSentence(input, { configOnly: true }),
  matchEvidence(ev, ctx): RuleMatch[] {
    const cfg = serviceConfigNamesProxy(ctx);
    if (!cfg.known || cfg.explicit || cfg.viaScript) return [];
    const people = manualProxies(ev);
    if (people.length === 0) return [];
    const service = ctx.proxy.service.decisions;
    const login = service.find((d) => d.endpoint.host === 'login.microsoftonline.com') ?? service[0];
    // The service's own account may still have a proxy (a domain account with Internet Options set, or
    // machine-wide WinINET): then it is not missing.
    if (login && login.effective === 'proxy') return [];

    const proof = probeProof(ev);
    const address = ctx.proxy.fixAddress;
    const auth = proof.proxyAuth.length > 0 || ctx.proxy.service.credentials;
    const evidence: EvidenceQuote[] = [...serviceConfigQuotes(ev, ctx), ...people.slice(0, 2).map((p) => p.quote)];
    let confidence: RuleMatch['confidence'] = login?.effective === 'direct' ? 'medium' : 'low';
    let proofWords = '';
    if (proof.bypassProven.length > 0) {
      confidence = 'high';
      const first = proof.bypassProven[0]!;
      evidence.push(quoteProbe(first.direct), quoteProbe(first.viaProxy));
      proofWords =
        ` The live probes prove it: a direct connection to ${proof.bypassProven.map((b) => b.endpoint).join(', ')} failed (${first.direct.errorClass ?? 'failed'}), ` +
        `while the same request through ${first.viaProxy.proxy ?? 'the proxy'} was answered — so adding this proxy to machine.config is the fix.`;
    } else if (proof.directWorks.length > 0) {
      confidence = 'low';
      evidence.push(quoteProbe(proof.directWorks[0]!));
      proofWords = ' The live probes reached the endpoints directly, so the firewall lets this server out today; the service still ignores the proxy, which breaks as soon as direct access is closed.';
    }
    for (const p of proof.proxyAuth.slice(0, 1)) {
      evidence.push(quoteProbe(p));
      proofWords += ' The proxy asked for authentication (407): set useDefaultCredentials="true" and run the service as an account the proxy accepts.';
    }
    const accountWords =
      login && login.effective === 'unknown'
        ? ' The service account\'s own Internet Options were not collected, so it is possible (though rare) that they name a proxy.'
        : '';
    const who = people.map((p) => `${p.quote.location}: ${p.hostPort}`).join('; ');
    return [
      {
        confidence,
        explanation:
          `${ctx.proxy.service.configs.some((c) => c.scope === 'miiserver.exe.config') ? 'machine.config and miiserver.exe.config define' : 'machine.config defines'} no proxy, so the sync service connects directly` +
          `${login ? ` (${login.reasons.slice(0, 3).join('; ')})` : ''}. A proxy exists on this server (${who}), but the service never reads Internet Options of other accounts or netsh winhttp.` +
          accountWords +
          proofWords,
        fix: [
          `Edit ${MACHINE_CONFIG_64} as an administrator (and ${MACHINE_CONFIG_32} for 32-bit tools) and add this just before </configuration> (inside the existing <system.net> if there is one):\n${machineConfigSnippet(address, auth)}`,
          ...(address ? [] : ['Replace <PROXYADDRESS>:<PROXYPORT> with the proxy people use.']),
          RESTART,
          VERIFY,
        ],
        evidence,
      },
    ];
  },
};

export { serviceProxyMissing as rule };
export default serviceProxyMissing;
