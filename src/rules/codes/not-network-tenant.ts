// "Error Code: 106 … Sync from on-premise is not supported for this tenant": Microsoft answered, so the
// network is fine; the tenant type does not allow directory sync.
import type { Rule } from '../types.js';
import { actorOfGroup } from '../context.js';
import { REF, quoteGroup } from './_shared.js';
import { facts } from './_facts.js';
import { notNetworkSentence } from './_sentences.js';

export const rule: Rule = {
  meta: {
    code: 'not-network-tenant',
    title: 'The tenant refuses directory synchronization (not the network)',
    severity: 'error',
    route: 'none',
    verdict: 'not-network',
    explanation:
      'The provisioning web service answered "Error Code: 106 … Sync from on-premise is not supported for this tenant": the request reached Microsoft, so the proxy path works. The tenant (for example a pay-as-you-go Azure-only tenant) does not accept directory synchronization.',
    fix: [
      'Check that the wizard signs in to the intended Entra tenant (the directory with your verified domains and Microsoft 365 / Entra ID licenses).',
      'If it is the right tenant, open a case with Microsoft support quoting "Error Code: 106"; changing the proxy will not help.',
    ],
    references: [REF.tenant106, REF.prerequisites],
  },
  band: 'policy',
  verdictSentence: (input) => notNetworkSentence(input),
  decidesFrom: 'Entra ID\'s answer that the tenant refuses directory sync or a feature: "Error Code: 106", "Sync from on-premise is not supported", "Password Synchronization has not been activated for this company", "You cannot turn off Active Directory synchronization", a missing license.',
  matchGroup(g) {
    const used = facts(g).filter((f) => f.op === 'auth' && f.kind === 'tenant');
    if (!used.length) return null;
    return {
      confidence: 'high',
      explanation: `${actorOfGroup(g).name} reached Microsoft's service, which answered that this tenant refuses the operation (directory sync or the feature is not enabled or allowed for it). The network and proxy are fine.`,
      evidence: quoteGroup(g, used),
      facts: used,
    };
  },
};
