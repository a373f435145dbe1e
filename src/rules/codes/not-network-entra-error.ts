// Any other AADSTS error: Entra ID itself answered, so the request crossed the network and the proxy.
// Added to CONTRACT's codes (additions are allowed): before it, an AADSTS700016 or AADSTS90002 left
// the diagnosis at "nothing recognisable", which sent admins back to the proxy.
import type { Rule } from '../types.js';
import { actorOfGroup } from '../context.js';
import { quoteGroup } from './_shared.js';
import { AADSTS, facts } from './_facts.js';
import { notNetworkSentence } from './_sentences.js';

const ERROR_CODES_REF = 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes';

export const rule: Rule = {
  meta: {
    code: 'not-network-entra-error',
    title: 'Entra ID answered with an AADSTS error (not the network)',
    severity: 'error',
    route: 'none',
    verdict: 'not-network',
    explanation:
      'An AADSTS error code is written by Entra ID itself: the request reached Microsoft through whatever path it took, so the network and the proxy worked for it. The code says what Entra ID refused (an application, a tenant, a consent, a token).',
    fix: [
      'Look the code up: https://login.microsoftonline.com/error?code=<number> shows Microsoft\'s text for it, and the AADSTS reference lists the common ones.',
      'Fix what the code names (tenant, account, application or consent); changing the proxy will not help.',
      'If the code names the sync account or the Azure AD Connect application, re-run the wizard\'s "Configure" task and sign in again so it refreshes them.',
    ],
    references: [ERROR_CODES_REF],
  },
  // After tls12-not-enabled (80, which claims AADSTS1002016) and the other not-network codes, before
  // every proxy code: an answer from Entra ID proves the path.
  band: 'far-end-answered',
  verdictSentence: (input) => notNetworkSentence(input),
  decidesFrom: 'Any AADSTS code no more specific code claims (Entra ID wrote it, so the request reached Microsoft).',
  matchGroup(g) {
    const all = facts(g);
    const used = all.filter((f) => AADSTS(f).length > 0 || (f.op === 'auth' && f.kind === 'error-code' && f.answeredBy === 'entra'));
    const codes = [...new Set(used.flatMap(AADSTS))];
    if (!used.length) return null;
    const named = [...new Set(used.flatMap((f) => f.codes.filter((c) => c.startsWith('oauth:')).map((c) => c.slice(6))))];
    const list = codes.length ? codes.map((n) => `AADSTS${n}`).join(', ') : named.length ? named.join(', ') : 'an MSAL service error';
    return {
      confidence: 'high',
      explanation: `${actorOfGroup(g).name} got an answer from Entra ID (${list}), so the request crossed the network and the proxy. Entra ID refused it for the reason the code gives: ${codes.length ? `look it up at https://login.microsoftonline.com/error?code=${codes[0]}` : 'the error names it'}.`,
      fix: [
        codes.length ? `Look the code up: https://login.microsoftonline.com/error?code=${codes[0]} shows Microsoft's text for ${list.split(', ')[0]}.` : `Read the error Entra ID returned (${list}) and the request's correlation id in Entra ID > Sign-in logs.`,
        'Fix what the code names (tenant, account, application or consent); changing the proxy will not help.',
        'If the code names the sync account or the Azure AD Connect application, re-run the wizard\'s "Configure" task and sign in again so it refreshes them.',
      ],
      evidence: quoteGroup(g, used, /AADSTS\d+/),
      facts: used,
    };
  },
};
