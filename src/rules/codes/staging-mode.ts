import type { Rule } from '../types.js';
import { REF } from './_shared.js';
import { schedulerQuotes, skipQuotes } from './_sync.js';

export const rule: Rule = {
  meta: {
    code: 'staging-mode',
    title: 'The server is in staging mode: it exports nothing',
    severity: 'info',
    route: 'none',
    explanation:
      'Staging mode is on: this server imports and synchronizes but never exports to Entra ID or AD. Missing changes in the cloud are expected from this server; the active server does the exports.',
    fix: [
      'Nothing to fix if this is the standby server. To make it the active one, run the wizard > Configure staging mode and clear the checkbox (after putting the current active server into staging mode).',
    ],
    references: [REF.staging],
  },
  matchEvidence(ev) {
    const evidence = [...skipQuotes(ev, 'staging-mode'), ...schedulerQuotes(ev, 'stagingModeEnabled', true)];
    return evidence.length ? [{ confidence: 'high', evidence }] : [];
  },
};
