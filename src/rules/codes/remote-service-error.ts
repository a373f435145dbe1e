// The destination service itself answered with an HTTP error (a 400, 401, 404, 500 that no proxy page or
// CONNECT explains, a JSON error body of Microsoft's service): the request crossed the network and the
// proxy. RFC 9110: 407 is only ever a proxy's, 502/504 a gateway's; these are not.
import type { Rule } from '../types.js';
import { quoteGroup } from './_shared.js';
import { facts } from './_facts.js';
import { notNetworkSentence } from './_sentences.js';

export const rule: Rule = {
  meta: {
    code: 'remote-service-error',
    title: 'The destination service answered with an error (not the network)',
    severity: 'error',
    route: 'none',
    verdict: 'not-network',
    explanation:
      'The service the request was for answered it with an HTTP error of its own (400 Bad Request, 401, 404, 500 Internal Server Error, an error body), not the proxy: the network path and the proxy worked. The error is the service\'s answer to what was sent.',
    fix: [
      'Read the status and the error body the service returned: they name what it refused (the request, the account, the resource).',
      'Fix that, or ask the service\'s owner; changing the proxy will not help.',
    ],
    references: ['https://learn.microsoft.com/dotnet/api/system.net.httpstatuscode'],
  },
  band: 'far-end-answered',
  decidesFrom: 'An HTTP error status answered by the destination: 400, 401, 404, 405, 409, 500 (and other 4xx/5xx except 403, 407, 502, 503, 504) with no proxy page, proxy product or CONNECT in the record; or a Microsoft service\'s JSON error body.',
  verdictSentence: (input) => notNetworkSentence(input, { reached: 'reached the service', what: `the service answered with its own error${input.finding.facts?.find((f) => f.status)?.status ? ` (HTTP ${input.finding.facts.find((f) => f.status)!.status})` : ''}` }),
  matchGroup(g) {
    const used = facts(g).filter((f) => f.op === 'http' && (f.kind === 'status' || f.kind === 'service-error') && f.answeredBy === 'server');
    if (!used.length) return null;
    const statuses = [...new Set(used.map((f) => f.status).filter((s) => s !== undefined))].join(', ') || 'an error body';
    return {
      confidence: 'medium',
      explanation: `The destination service answered with ${/^\d/.test(statuses) ? `HTTP ${statuses}` : statuses}, its own error: the request got there through the network and the proxy. The status and the error body say what the service refused.`,
      evidence: quoteGroup(g, used),
      facts: used,
    };
  },
};
