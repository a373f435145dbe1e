// The proxy refused or replaced the answer: 403, a block/login page (HTML where SOAP/JSON was expected),
// a refused CONNECT tunnel.
import type { Rule, RuleContext } from '../types.js';
import { actorOfGroup, knownProxyAddress } from '../context.js';
import { ALLOW, REF, failedProbes, has, quoteGroup, quoteProbe } from './_shared.js';

function fixFor(ctx: RuleContext): string[] {
  const proxy = knownProxyAddress(ctx);
  return [
    `Ask the proxy team to look up this server's requests in the proxy log${proxy ? ` of ${proxy}` : ''} and allow them: ${ALLOW.replace(/^Make sure the proxy allows /, '')}`,
    'If Azure AD MFA is used by the admin running the wizard, also allow https://secure.aadcdn.microsoftonline-p.com ("The MFA endpoint can\'t be reached").',
    'If the proxy shows a sign-in or acceptance page, exempt these hosts from it (a service cannot click through a page).',
    '`Restart-Service ADSync`, then `Start-ADSyncSyncCycle -PolicyType Delta`.',
  ];
}

export const rule: Rule = {
  meta: {
    code: 'proxy-denied',
    title: 'The proxy refused the request or answered with its own page',
    severity: 'error',
    route: 'proxy',
    explanation:
      'The request reached the proxy, which refused it (403 Forbidden, a refused CONNECT tunnel) or answered with its own HTML block or sign-in page where Microsoft\'s SOAP/JSON was expected ("unexpected character \'<\'"). The URL is not allowed on the proxy.',
    fix: [
      `Ask the proxy team to allow the Azure AD Connect endpoints: ${ALLOW.replace(/^Make sure the proxy allows /, '')}`,
      'If the proxy shows a sign-in or acceptance page, exempt these hosts from it.',
      '`Restart-Service ADSync`, then `Start-ADSyncSyncCycle -PolicyType Delta`.',
    ],
    references: [REF.connectivity, REF.m365Urls],
  },
  priority: 66,
  matchGroup(g, ctx) {
    const f = g.facts;
    const forbidden = f.httpStatuses.includes(403);
    const html = has(f, 'html-response');
    const tunnel = has(f, 'tunnel-failed');
    if (!forbidden && !html && !tunnel) return null;
    const proxy = knownProxyAddress(ctx);
    const what = tunnel
      ? 'the proxy refused to open the CONNECT tunnel to Microsoft'
      : html
        ? 'an HTML page came back where Microsoft\'s SOAP/JSON answer was expected: the proxy\'s block page, sign-in page or a captive portal answered instead'
        : 'the request was answered with 403 Forbidden, which the proxy sends for a URL it does not allow';
    return {
      confidence: tunnel || html || proxy ? 'high' : 'medium',
      explanation: `${actorOfGroup(g).name} reached ${proxy ? `the proxy ${proxy}` : 'a proxy'}, and ${what}.`,
      fix: fixFor(ctx),
      evidence: quoteGroup(g, ['tunnel-failed', 'html-response', 'forbidden-403'], /\(403\)|\b403\b/),
    };
  },
  matchEvidence(ev, ctx) {
    const probes = failedProbes(ev, (p) => !!p.proxy && (p.errorClass === 'forbidden' || p.httpStatus === 403));
    return probes.length ? [{ confidence: 'high', fix: fixFor(ctx), evidence: probes.slice(0, 5).map(quoteProbe) }] : [];
  },
};
