import type { Rule } from '../types.js';
import type { EvidenceQuote } from '../../model/report.js';
import { REF } from './_shared.js';
import { skipQuotes } from './_sync.js';

export const rule: Rule = {
  meta: {
    code: 'adsync-module-missing',
    title: 'The ADSync PowerShell module or service is not on this machine',
    severity: 'error',
    route: 'none',
    explanation:
      'The ADSync PowerShell module (C:\\Program Files\\Microsoft Azure AD Sync\\Bin\\ADSync) or the ADSync service was not found: this is not an Azure AD Connect sync server, the installation is incomplete, or the tool ran in a 32-bit PowerShell.',
    fix: [
      'Run on the Azure AD Connect server itself, from a 64-bit elevated Windows PowerShell.',
      'If the module exists but is not loaded: `Import-Module "C:\\Program Files\\Microsoft Azure AD Sync\\Bin\\ADSync"`.',
      'If the ADSync service is missing, the sync engine is not installed: repair or reinstall Azure AD Connect.',
    ],
    references: [REF.prerequisites, REF.scheduler],
  },
  matchEvidence(ev) {
    const evidence: EvidenceQuote[] = [...skipQuotes(ev, 'module-missing')];
    for (const a of ev.adsync) {
      if (a.moduleFound === false) evidence.push({ kind: 'config', source: a.file, location: 'module', excerpt: 'ADSync module: not found' });
      if (a.serviceFound === false) evidence.push({ kind: 'config', source: a.file, location: 'service', excerpt: 'ADSync service: not found' });
    }
    return evidence.length ? [{ confidence: 'high', evidence }] : [];
  },
};
