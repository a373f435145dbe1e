// pac-not-used-by-service: people reach the internet through a proxy that only a PAC script or WPAD
// auto-detection names (AutoConfigURL / AutoDetect), and the sync service's configuration names no
// explicit proxy. The service account has no such settings, and auto-detection under a service account
// depends on the WinHTTP auto-proxy service and the network: do not rely on it, name the proxy.
import type { EvidenceQuote } from '../../model/report.js';
import type { Rule, RuleMatch } from '../types.js';
import { MACHINE_CONFIG_64, REF, RESTART, VERIFY, machineConfigSnippet, quoteProbe } from './_shared.js';
import { manualProxies, pacOf, peopleHives, probeProof, serviceConfigNamesProxy, serviceConfigQuotes, winInetQuote } from './_proxy-path.js';
import { bypassSentence } from './_sentences.js';

export const pacNotUsedByService: Rule = {
  meta: {
    code: 'pac-not-used-by-service',
    title: 'The proxy is known only through a PAC script or WPAD, which the sync service does not use',
    severity: 'warning',
    fixedBy: 'machine-config',
    route: 'direct',
    verdict: 'proxy-bypassed',
    configOnly: true,
    explanation:
      'People on this server find their proxy through a proxy auto-config script (AutoConfigURL) or WPAD auto-detection. ' +
      'The sync service runs under its own account, which has none of these settings, and machine.config names no proxy: the service connects directly. ' +
      'Even where .NET could run the script, auto-detection under a service account is not reliable; Microsoft documents an explicit proxyaddress.',
    fix: [
      'Find the proxy the PAC script returns for login.microsoftonline.com (open the AutoConfigURL in a browser and read FindProxyForURL, or ask the proxy team).',
      `Put that proxy into ${MACHINE_CONFIG_64} as an explicit address:\n${machineConfigSnippet(undefined, false)}`,
      RESTART,
      VERIFY,
    ],
    references: [REF.prerequisites, REF.connectivity, REF.defaultProxy],
  },
  verdictSentence: (input) => bypassSentence(input, { configOnly: true }),
  matchEvidence(ev, ctx): RuleMatch[] {
    const cfg = serviceConfigNamesProxy(ctx);
    if (!cfg.known || cfg.explicit) return [];
    const pacHives = peopleHives(ev).filter((w) => pacOf(w));
    const serviceScript = ctx.proxy.service.script;
    if (pacHives.length === 0 && !serviceScript) return [];
    // A manual proxy is known too: that is service-proxy-missing (the proxy is not only in a PAC).
    if (!serviceScript && manualProxies(ev).length > 0) return [];

    const evidence: EvidenceQuote[] = [...serviceConfigQuotes(ev, ctx), ...pacHives.slice(0, 2).map(winInetQuote)];
    const ds = ctx.proxy.decisions;
    const pacAnswer = ds.find((d) => d.route === 'pac' && d.effective === 'proxy' && d.proxy && d.endpoint.host === 'login.microsoftonline.com')
      ?? ds.find((d) => d.route === 'pac' && d.effective === 'proxy' && d.proxy);
    const proof = probeProof(ev);
    const address = pacAnswer?.proxy ?? (proof.bypassProven.length > 0 ? proof.proxy : undefined);
    const pacUrls = [...new Set(pacHives.map((w) => pacOf(w)!.url ?? 'WPAD auto-detect'))];
    let words = serviceScript
      ? `${serviceScript.file} tells .NET to use ${serviceScript.url ? `the script ${serviceScript.url}` : 'WPAD auto-detection'} and names no proxyaddress: under the service account the script may not be found or run, and the service then goes direct.`
      : `The proxy is known only through ${pacUrls.join(' and ')} in ${pacHives.map((w) => w.user ?? w.hive).join(', ')}'s Internet Options; machine.config names none, and the service account has no such settings, so the service connects directly.`;
    if (pacAnswer) words += ` Evaluated offline, the script sends ${pacAnswer.endpoint.host} to ${pacAnswer.proxy}.`;
    let confidence: RuleMatch['confidence'] = 'medium';
    if (proof.bypassProven.length > 0) {
      confidence = 'high';
      const first = proof.bypassProven[0]!;
      evidence.push(quoteProbe(first.direct), quoteProbe(first.viaProxy));
      words += ` The live probes confirm it: direct to ${first.endpoint} failed, through ${first.viaProxy.proxy ?? 'the proxy'} it worked.`;
    }
    return [
      {
        confidence,
        explanation: words,
        fix: [
          ...(address ? [] : ['Find the proxy the PAC script returns for login.microsoftonline.com (open the AutoConfigURL and read FindProxyForURL, or ask the proxy team).']),
          `Put ${address ?? 'that proxy'} into ${MACHINE_CONFIG_64} as an explicit address (just before </configuration>, inside an existing <system.net> if there is one):\n${machineConfigSnippet(address, false)}`,
          RESTART,
          VERIFY,
        ],
        evidence,
      },
    ];
  },
};

export { pacNotUsedByService as rule };
export default pacNotUsedByService;
