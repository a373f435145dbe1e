// Redaction, its own room: what is a secret (secrets.ts, by shape), what is an identity and its token
// (identities.ts), the redactor every writer uses (redactor.ts), and what of a report is evidence
// (report.ts: the tool's own words are never passed through it). docs/report-contract.md "Redaction".
export { REDACTED, isSecretKeyName } from './secrets.js';
export { createRedactor, type Redactor, type RedactorOptions, type RedactionCounts } from './redactor.js';
export type { LearnedIdentities } from './identities.js';
