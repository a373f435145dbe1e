// The proxy refused or replaced the answer: 403, a block/login page (HTML where SOAP/JSON was expected),
// a refused CONNECT tunnel, or its own 502/504 gateway error (it took the request and could not get an
// answer from Microsoft upstream).
import type { Rule, RuleContext } from '../types.js';
import { actorOfGroup } from '../context.js';
import { ALLOW, REF, failedProbes, has, quoteGroup, quoteProbe } from './_shared.js';
import { rejectedSentence } from './_sentences.js';

function fixFor(ctx: RuleContext, gateway = false): string[] {
  const proxy = ctx.proxy.fixAddress;
  const upstream = gateway
    ? [`Ask the proxy team to look up this server's requests in the proxy log${proxy ? ` of ${proxy}` : ''}: a 502/504 is the proxy's own error when it cannot reach the Microsoft endpoint itself (its DNS, its firewall, its parent proxy) or times out waiting for it. The proxy must reach *.microsoftonline.com and login.windows.net on 443.`]
    : [];
  return [
    ...upstream,
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
    verdict: 'proxy-rejected',
    explanation:
      'The request reached the proxy, which refused it (403 Forbidden, a refused CONNECT tunnel) or answered with its own HTML block or sign-in page where Microsoft\'s SOAP/JSON was expected ("unexpected character \'<\'"). The URL is not allowed on the proxy. A 502 Bad Gateway or 504 Gateway Timeout is also the proxy\'s own answer: it could not reach the Microsoft endpoint upstream.',
    fix: [
      `Ask the proxy team to allow the Azure AD Connect endpoints: ${ALLOW.replace(/^Make sure the proxy allows /, '')}`,
      'If the proxy shows a sign-in or acceptance page, exempt these hosts from it.',
      '`Restart-Service ADSync`, then `Start-ADSyncSyncCycle -PolicyType Delta`.',
    ],
    references: [REF.connectivity, REF.m365Urls],
  },
  band: 'proxy-answered',
  matchGroup(g, ctx) {
    const f = g.facts;
    const forbidden = f.httpStatuses.includes(403);
    const html = has(f, 'html-response');
    const tunnel = has(f, 'tunnel-failed');
    // 502 Bad Gateway / 504 Gateway Timeout are what a proxy answers when it cannot get the answer upstream.
    const gateway = f.httpStatuses.filter((s) => s === 502 || s === 504);
    if (!forbidden && !html && !tunnel && !gateway.length) return null;
    const proxy = ctx.proxy.fixAddress;
    const onlyGateway = !forbidden && !html && !tunnel;
    if (onlyGateway) {
      const status = gateway[0] === 502 ? '502 Bad Gateway' : '504 Gateway Timeout';
      return {
        confidence: proxy ? 'high' : 'medium',
        explanation: `${actorOfGroup(g).name} got ${status}: that is ${proxy ? `the proxy ${proxy}` : 'a proxy'} answering with its own error because it could not reach the Microsoft endpoint upstream (its DNS, firewall or parent proxy) or gave up waiting for it. The request went through the proxy; it did not go direct.`,
        fix: fixFor(ctx, true),
        evidence: quoteGroup(g, [], /\(50[24]\)|\b50[24]\b/),
      };
    }
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
  verdictSentence: (input) => rejectedSentence(input, 'it blocked the request or answered with its own page'),
  matchEvidence(ev, ctx) {
    const probes = failedProbes(ev, (p) => !!p.proxy && (p.errorClass === 'forbidden' || p.httpStatus === 403));
    return probes.length ? [{ confidence: 'high', fix: fixFor(ctx), evidence: probes.slice(0, 5).map(quoteProbe) }] : [];
  },
};
