// The proxy refused or replaced the answer: 403, a block/login page (HTML where SOAP/JSON was expected),
// a refused CONNECT tunnel, or its own 502/504 gateway error (it took the request and could not get an
// answer from Microsoft upstream).
import type { Rule, RuleContext } from '../types.js';
import { actorOfGroup } from '../context.js';
import { ALLOW, REF, failedProbes, quoteGroup, quoteProbe } from './_shared.js';
import { facts } from './_facts.js';
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
  decidesFrom: 'The proxy answered and refused: its block page or log line (Squid ERR_ACCESS_DENIED / TCP_DENIED/403, Blue Coat policy_denied, Zscaler, Forcepoint, Palo Alto, Fortinet, Cisco, McAfee, Netskope, Sophos, Check Point, TMG), a CONNECT refused with any status, its own upstream error (ERR_DNS_FAIL, ERR_CONNECT_FAIL, dns_unresolved_hostname, 502/504), an HTML page where SOAP/JSON was expected, or a 403 that no Microsoft page explains.',
  matchGroup(g, ctx) {
    const all = facts(g);
    if (all.some((f) => f.answeredBy === 'entra' && (f.kind === 'edge' || f.kind === 'page'))) return null; // Microsoft's own page answered
    const byProxy = all.filter((f) => f.answeredBy === 'proxy' && f.status !== 407 && f.kind !== 'success' && f.op !== 'tls' && (f.op === 'tunnel' || f.op === 'http'));
    const forbidden = all.filter((f) => f.op === 'http' && f.status === 403 && f.answeredBy === 'unknown');
    // An HTML page where SOAP/JSON was expected is somebody's page: not the proxy's when the page itself is a web server's error.
    const serverPage = all.some((f) => f.op === 'http' && f.answeredBy === 'server');
    const html = serverPage ? [] : all.filter((f) => f.kind === 'html' && f.answeredBy !== 'server' && f.answeredBy !== 'entra');
    const used = [...byProxy, ...forbidden, ...html];
    if (!used.length) return null;
    const proxy = ctx.proxy.fixAddress;
    const product = used.find((f) => f.product)?.product;
    const name = proxy ? `the proxy ${proxy}` : product ? `the proxy (${product})` : 'a proxy';
    const upstream = byProxy.filter((f) => f.kind === 'upstream' || f.status === 502 || f.status === 504);
    const onlyUpstream = upstream.length > 0 && used.every((f) => upstream.includes(f));
    if (onlyUpstream) {
      const status = upstream.find((f) => f.status)?.status;
      const what = status ? `${status === 502 ? '502 Bad Gateway' : status === 504 ? '504 Gateway Timeout' : `HTTP ${status}`}: that is ${name} answering with its own error` : `${name} answered with its own error page`;
      return {
        confidence: proxy || product ? 'high' : 'medium',
        explanation: `${actorOfGroup(g).name} got ${what} because it could not reach the Microsoft endpoint upstream (its DNS, firewall or parent proxy) or gave up waiting for it. The request went through the proxy; it did not go direct.`,
        fix: fixFor(ctx, true),
        evidence: quoteGroup(g, upstream, /\(50[24]\)|\b50[24]\b/),
        facts: upstream,
      };
    }
    const tunnel = byProxy.find((f) => f.op === 'tunnel');
    const blocked = byProxy.find((f) => f.kind === 'blocked' || f.kind === 'page');
    const what = tunnel
      ? `the proxy refused to open the CONNECT tunnel${tunnel.status ? ` (HTTP ${tunnel.status})` : ''}`
      : blocked
        ? `the proxy answered with its own block page${blocked.product ? ` (${blocked.product})` : ''}`
        : html.length
          ? 'an HTML page came back where Microsoft\'s SOAP/JSON answer was expected: the proxy\'s block page, sign-in page or a captive portal answered instead'
          : 'the request was answered with 403 Forbidden, which the proxy sends for a URL it does not allow';
    return {
      confidence: tunnel || blocked || proxy ? 'high' : 'medium',
      explanation: `${actorOfGroup(g).name} reached ${name}, and ${what}.`,
      fix: fixFor(ctx),
      evidence: quoteGroup(g, used, /\(403\)|\b403\b/),
      facts: used,
    };
  },
  verdictSentence: (input) => rejectedSentence(input, 'it blocked the request or answered with its own page'),
  matchEvidence(ev, ctx) {
    const probes = failedProbes(ev, (p) => !!p.proxy && (p.errorClass === 'forbidden' || p.httpStatus === 403));
    return probes.length ? [{ confidence: 'high', fix: fixFor(ctx), evidence: probes.slice(0, 5).map(quoteProbe) }] : [];
  },
};
