// Wrong or expired credentials: a sign-in was answered, so the path to Microsoft (or to AD) works.
import type { Rule } from '../types.js';
import { actorOfGroup } from '../context.js';
import { REF, quoteGroup } from './_shared.js';
import { AADSTS, facts } from './_facts.js';
import { notNetworkSentence } from './_sentences.js';

// 700027: the certificate that signed the app's client assertion is not registered on it (an app credential).
const CRED_AADSTS = new Set([50012, 50034, 50053, 50055, 50056, 50057, 50126, 50173, 70002, 700027, 7000215, 7000222]);

export const rule: Rule = {
  meta: {
    code: 'not-network-credentials',
    title: 'The sync account\'s credentials are wrong or expired (not the network)',
    severity: 'error',
    route: 'none',
    verdict: 'not-network',
    explanation:
      'The sign-in was answered and refused: the cloud sync account\'s password is wrong, expired or the account is disabled (AADSTS50126/50055/50057, 0x80048831 "Update your password", writeback 32009). The proxy is not involved.',
    fix: [
      'Reset or re-enter the account\'s credentials: for the Entra connector, run the Azure AD Connect wizard > Configure > "Customize synchronization options" (or "Change user sign-in") and sign in again so it refreshes the sync account; for an AD DS connector account, update its password in the Synchronization Service Manager > Connectors > Properties.',
      'For password writeback (32009), use a cloud-only (non-federated) administrator when enabling writeback.',
      'Run `Start-ADSyncSyncCycle -PolicyType Delta`; do not change the proxy for this.',
    ],
    references: [REF.accounts, REF.writeback],
  },
  band: 'policy',
  verdictSentence: (input) => notNetworkSentence(input, { reached: 'got an answer to its sign-in' }),
  decidesFrom: 'A sign-in answered with a credentials refusal: AADSTS50126/50055/50057/50053/50034/50173/7000215/7000222/700027/70002/50012, 0x80048831 "Update your password", OAuth invalid_grant/invalid_client, writeback 32009 "Error getting auth token", a connector\'s invalid credentials (no-start-credentials, LDAP 0x31).',
  matchGroup(g) {
    const all = facts(g);
    const coded = all.filter((f) => AADSTS(f).some((n) => CRED_AADSTS.has(n)));
    const words = all.filter((f) => (f.op === 'auth' || f.op === 'directory') && f.kind === 'credentials' && !AADSTS(f).length);
    const writeback32009 = g.eventId === 32009 && /PasswordResetService/i.test(g.provider ?? '');
    // An AADSTS code that is not a credentials code belongs to another code, even beside invalid_grant.
    if (!coded.length && all.some((f) => AADSTS(f).length)) return null;
    if (!coded.length && !words.length && !writeback32009) return null;
    const actor = actorOfGroup(g);
    const codes = [...new Set(coded.flatMap(AADSTS).filter((n) => CRED_AADSTS.has(n)))];
    const used = [...coded, ...words];
    const onPrem = words.some((f) => f.op === 'directory') || (words.some((f) => f.codes.includes('credentials:invalid')) && /management agent/i.test(g.samples[0]?.text ?? ''));
    const why = codes.length
      ? `Entra ID refused the credentials with AADSTS${codes.join('/AADSTS')}`
      : words.some((f) => f.codes.includes('entra:password-expired') || f.codes.includes('hresult:0x80048831'))
        ? 'the cloud sync account\'s password has expired ("Update your password", 0x80048831)'
        : words.some((f) => f.codes.includes('entra:writeback-auth-token')) || writeback32009
          ? 'password writeback could not get an auth token with the admin credentials it was given (32009)'
          : onPrem
            ? 'a connector\'s account was refused by its directory'
            : 'the credentials were refused';
    return {
      confidence: 'high',
      explanation: `${actor.name} got an answer to its sign-in, so the network path works: ${why}. Fix the account, not the proxy.`,
      evidence: quoteGroup(g, used, /AADSTS\d+|32009/),
      facts: used,
    };
  },
};
