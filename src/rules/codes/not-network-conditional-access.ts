// Conditional Access / MFA on the sync account: the request reached Entra ID, which asked for something a
// service cannot give. A 906 ("unable to retrieve a security token") is decided here by its inner text.
import type { Rule } from '../types.js';
import { actorOfGroup } from '../context.js';
import { REF, quoteGroup } from './_shared.js';
import { AADSTS, facts } from './_facts.js';
import { notNetworkSentence } from './_sentences.js';

// 530xx are all Conditional Access outcomes in Entra's error code reference (53000 device not compliant
// … 53003 blocked … 53011 risk); the others are MFA / proof-up.
const CA_AADSTS = new Set([50072, 50074, 50076, 50079, 50158]);
const isCa = (n: number) => CA_AADSTS.has(n) || (n >= 53000 && n <= 53099);

export const rule: Rule = {
  meta: {
    code: 'not-network-conditional-access',
    title: 'Conditional Access or MFA blocks the sync account (not the network)',
    severity: 'error',
    route: 'none',
    verdict: 'not-network',
    explanation:
      'Entra ID answered the sign-in, so the network and the proxy worked: a Conditional Access policy, MFA registration or Terms of Use applies to the sync account, and a service cannot show the prompt ("Showing a modal dialog box … not running in UserInteractive mode", AADSTS53003/50076/50079).',
    fix: [
      'In Entra ID > Sign-in logs, open the failed sign-in of the sync account (Sync_<server>_… or the ADSync application) and note the policy that applied.',
      'Exclude the directory synchronization account (and the Connect application) from that Conditional Access / MFA / Terms of Use policy.',
      'Run `Start-ADSyncSyncCycle -PolicyType Delta`; do not change the proxy for this.',
    ],
    references: [REF.conditionalAccess, REF.accounts, REF.connectivity],
  },
  band: 'policy',
  verdictSentence: (input) =>
    input.actor.id === 'wizard' || input.actor.id === 'wizard-signin'
      ? notNetworkSentence(input, { what: 'Conditional Access or MFA blocked the account that signed in to the wizard' })
      : notNetworkSentence(input),
  decidesFrom: 'Entra ID asked for something a service cannot give: AADSTS50076/50079/50072/50074/50158/53000-53004, MsalUiRequiredException / interaction_required, "Showing a modal dialog box … not running in UserInteractive mode" (UserInteractive is an API name, never translated).',
  matchGroup(g) {
    const all = facts(g);
    const coded = all.filter((f) => AADSTS(f).some(isCa));
    const codes = [...new Set(coded.flatMap(AADSTS).filter(isCa))];
    // MsalUiRequiredException also carries AADSTS codes that are not an interaction (AADSTS5000224 "this
    // resource is not available"): when Entra's code says what it refused and it is not CA/MFA, the
    // exception type does not decide.
    const otherCode = !codes.length && all.some((f) => AADSTS(f).length > 0);
    const prompt = otherCode ? [] : all.filter((f) => f.op === 'auth' && f.kind === 'policy');
    if (!codes.length && !prompt.length) return null;
    const used = [...coded, ...prompt];
    const actor = actorOfGroup(g);
    const why = codes.length
      ? `Entra ID refused the token with AADSTS${codes.join('/AADSTS')} (Conditional Access or MFA)`
      : 'the sign-in needed user interaction (an MFA, Terms of Use or Conditional Access prompt) that a service cannot show';
    const evidence = quoteGroup(g, used, /AADSTS(?:5007[2469]|50158|5300[0-4])/);
    // In the wizard the account signing in is the admin typed on "Connect to Azure AD" (the sync account
    // only on Configure): sending the admin to exclude the sync account would fix nothing.
    if (actor.id === 'wizard-signin' || actor.id === 'wizard') {
      const account = actor.id === 'wizard-signin'
        ? 'the admin account that signed in on this page'
        : 'the account that signed in (on the "Connect to Azure AD" page the admin you typed; on "Configure" the sync account Sync_<server>_…)';
      return {
        confidence: 'high',
        explanation: `${actor.name} reached Entra ID, so the network and the proxy worked: ${why} for ${account}.${codes.includes(50076) ? ' "Because you moved to a new location" in AADSTS50076 is part of the MFA message, not a network change.' : ''} Fix the sign-in, not the proxy.`,
        fix: [
          'In Entra ID > Sign-in logs, open the failed sign-in of the account used in the wizard (at the time quoted) and note which Conditional Access policy or MFA requirement applied.',
          'For the admin on the "Connect to Azure AD" page: complete the MFA prompt the wizard shows (or register MFA for that account first), or sign in from where the policy allows it; a Hybrid Identity Administrator account is what the wizard needs.',
          'If the failure was on "Configure" or at a scheduled sync, it is the sync account (Sync_<server>_… or the ADSync application): exclude it from that Conditional Access / MFA / Terms of Use policy.',
          'Run the wizard again; do not change the proxy for this.',
        ],
        evidence,
        facts: used,
      };
    }
    return {
      confidence: 'high',
      explanation: `${actor.name} reached Entra ID, so the network and the proxy worked: ${why}. Fix the policy for the sync account, not the proxy.`,
      evidence,
      facts: used,
    };
  },
};
