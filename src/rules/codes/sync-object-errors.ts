// Objects that Entra ID (or the sync rules) refused one by one: duplicate attribute values
// (AttributeValueMustBeUnique, "Uniqueness violation"), InvalidSoftMatch, data validation, large
// objects. The run completed with errors: the path to Entra ID works.
// https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-sync-errors
import type { Rule } from '../types.js';
import { quoteGroup } from './_shared.js';
import { facts } from './_facts.js';

const REF_SYNC_ERRORS = 'https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-sync-errors';

export const rule: Rule = {
  meta: {
    code: 'sync-object-errors',
    title: 'Individual objects failed to sync (duplicate or invalid values), not the network',
    severity: 'error',
    route: 'none',
    verdict: 'not-network',
    explanation:
      'Entra ID answered and refused some objects (a duplicate proxyAddresses or userPrincipalName, an invalid soft match, a value it does not accept): the run completed with errors (completed-sync-errors / completed-export-errors). The network and the proxy work.',
    fix: [
      'Open the Entra Connect Health sync errors report or Synchronization Service Manager > Operations > the export run, and fix the attribute values of the objects listed (remove the duplicate value from one of the two objects).',
      'Run `Start-ADSyncSyncCycle -PolicyType Delta`; do not change the proxy for this.',
    ],
    references: [REF_SYNC_ERRORS],
  },
  band: 'policy',
  decidesFrom: 'Object-level sync errors: "Uniqueness violation", AttributeValueMustBeUnique, InvalidSoftMatch, ObjectTypeMismatch, DataValidationFailed, LargeObject, run results completed-sync-errors / completed-export-errors.',
  verdictSentence: ({ actor, times }) => `${actor.short} reached Entra ID, which refused individual objects${times}: fix their attribute values; the network and the proxy work.`,
  matchGroup(g) {
    const used = facts(g).filter((f) => f.kind === 'object-errors');
    if (!used.length) return null;
    return {
      confidence: 'high',
      explanation: 'Entra ID answered and refused individual objects (duplicate or invalid attribute values). The connection works; fix the objects.',
      evidence: quoteGroup(g, used),
      facts: used,
    };
  },
};
