// The sync engine stopped an export because it would delete more objects than the accidental-deletes
// threshold allows (default 500): a safety stop, not the network.
// https://learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-sync-feature-prevent-accidental-deletes
import type { Rule } from '../types.js';
import { quoteGroup } from './_shared.js';
import { facts } from './_facts.js';

const REF_DELETES = 'https://learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-sync-feature-prevent-accidental-deletes';

export const rule: Rule = {
  meta: {
    code: 'sync-deletion-threshold',
    title: 'Export stopped by the accidental-deletes threshold (not the network)',
    severity: 'error',
    route: 'none',
    verdict: 'not-network',
    explanation:
      'The export to Entra ID would have deleted more objects than the accidental-deletes threshold allows (500 by default), so the sync engine stopped it on purpose (run result stopped-deletion-threshold-exceeded, events 6012/6013/116). Nothing failed on the network.',
    fix: [
      'Find out why so many deletions are staged: in Synchronization Service Manager open the Entra ID connector > Search Connector Space > Pending Export: Delete, and check for an OU that left the sync scope or a changed filter.',
      'If the deletions are intended, allow them once: `Disable-ADSyncExportDeletionThreshold`, run `Start-ADSyncSyncCycle -PolicyType Delta`, then `Enable-ADSyncExportDeletionThreshold -DeletionThreshold 500`.',
      'If they are not, undo the scope or filter change and run a delta sync; do not change the proxy for this.',
    ],
    references: [REF_DELETES],
  },
  band: 'policy',
  decidesFrom: 'The run result stopped-deletion-threshold-exceeded, or a message naming the deletion threshold (events 6012/6013/116).',
  verdictSentence: ({ actor, times }) => `${actor.short} stopped an export on purpose${times}: more deletions were staged than the accidental-deletes threshold allows. The network and the proxy are not involved.`,
  matchGroup(g) {
    const used = facts(g).filter((f) => f.kind === 'threshold' || f.codes.includes('run:stopped-deletion-threshold-exceeded'));
    if (!used.length) return null;
    return {
      confidence: 'high',
      explanation: 'The sync engine refused to export because the number of staged deletions is above the accidental-deletes threshold. That is a safety stop the admin must review; Entra ID and the proxy were not even asked.',
      evidence: quoteGroup(g, used),
      facts: used,
    };
  },
};
