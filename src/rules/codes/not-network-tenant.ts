// "Error Code: 106 … Sync from on-premise is not supported for this tenant": Microsoft answered, so the
// network is fine; the tenant type does not allow directory sync.
import type { Rule } from '../types.js';
import { actorOfGroup } from '../context.js';
import { REF, has, quoteGroup } from './_shared.js';
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
  matchGroup(g) {
    if (!has(g.facts, 'tenant-106')) return null;
    return {
      confidence: 'high',
      explanation: `${actorOfGroup(g).name} reached Microsoft's provisioning web service, which answered that this tenant does not support sync from on-premises (Error Code 106). The network and proxy are fine.`,
      evidence: quoteGroup(g, ['tenant-106']),
    };
  },
};
