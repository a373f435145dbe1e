// The ADSync cmdlets (and the wizard) talk to the sync engine through its COM server; a caller who is not
// in ADSyncAdmins/ADSyncOperators (or not elevated) gets "Retrieving the COM class factory for remote
// component with CLSID {835BEE60-…} … failed due to the following error: 80070005" (E_ACCESSDENIED).
// https://learn.microsoft.com/entra/identity/hybrid/connect/reference-connect-accounts-permissions
import type { Rule } from '../types.js';
import { REF, quoteGroup } from './_shared.js';
import { facts } from './_facts.js';

export const rule: Rule = {
  meta: {
    code: 'adsync-access-denied',
    title: 'The caller may not use the sync engine (ADSyncAdmins / elevation), not the network',
    severity: 'error',
    route: 'none',
    verdict: 'not-network',
    explanation:
      'The account running the ADSync cmdlets or the wizard was refused by the sync engine itself (COM E_ACCESSDENIED 80070005): it is not in the ADSyncAdmins or ADSyncOperators group, or the PowerShell window is not elevated. Nothing left the server.',
    fix: [
      'Run the command from an elevated Windows PowerShell, as an account in the local ADSyncAdmins group (ADSyncOperators for sync cycles), then sign out and in again so the group membership applies.',
      'Check with `whoami /groups | findstr ADSync`.',
    ],
    references: [REF.accounts],
  },
  band: 'policy',
  decidesFrom: 'The sync engine\'s COM server refusing the caller: "COM class factory … CLSID {835BEE60-8731-4159-8BFF-941301D76D05} … 80070005", or a message naming ADSyncAdmins / ADSyncOperators.',
  verdictSentence: ({ actor, times }) => `${actor.short} was refused by the sync engine itself${times}: the account is not in ADSyncAdmins/ADSyncOperators or not elevated. The network and the proxy are not involved.`,
  matchGroup(g) {
    const used = facts(g).filter((f) => f.codes.includes('adsync:access-denied'));
    if (!used.length) return null;
    return {
      confidence: 'high',
      explanation: 'The sync engine refused the caller (E_ACCESSDENIED from its COM server): run the command elevated, as a member of ADSyncAdmins (or ADSyncOperators). This never reached the network.',
      evidence: quoteGroup(g, used, /80070005/),
      facts: used,
    };
  },
};
