// Wrong or expired credentials: a sign-in was answered, so the path to Microsoft (or to AD) works.
import type { Rule } from '../types.js';
import { actorOfGroup } from '../context.js';
import { REF, has, quoteGroup } from './_shared.js';
import { notNetworkSentence } from './_sentences.js';

const CRED_AADSTS = new Set([50034, 50053, 50055, 50056, 50057, 50126, 50173, 7000215, 7000222]);

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
  matchGroup(g) {
    const f = g.facts;
    const codes = f.aadsts.filter((n) => CRED_AADSTS.has(n));
    const writeback32009 = g.eventId === 32009 && /PasswordResetService/i.test(g.provider ?? '');
    if (!codes.length && !writeback32009 && !has(f, 'update-password', 'auth-token-error', 'credentials-invalid')) return null;
    const actor = actorOfGroup(g);
    const onPrem = has(f, 'credentials-invalid') && /management agent/i.test(g.samples[0]?.text ?? '') && !codes.length;
    const why = codes.length
      ? `Entra ID refused the credentials with AADSTS${codes.join('/AADSTS')}`
      : has(f, 'update-password')
        ? 'the cloud sync account\'s password has expired ("Update your password", 0x80048831)'
        : has(f, 'auth-token-error') || writeback32009
          ? 'password writeback could not get an auth token with the admin credentials it was given (32009)'
          : onPrem
            ? 'a connector\'s account (the management agent in the message) was refused by its directory'
            : 'the credentials were refused';
    return {
      confidence: 'high',
      explanation: `${actor.name} got an answer to its sign-in, so the network path works: ${why}. Fix the account, not the proxy.`,
      evidence: quoteGroup(g, ['update-password', 'auth-token-error', 'credentials-invalid'], /AADSTS\d+|32009/),
    };
  },
};
