// On-premises Active Directory answered and refused the operation: the connector or the password hash
// sync account lacks a right (8344, "Replicating Directory Changes" 8453), the object is gone (8333,
// 0x80230405) or the DC requires a secure LDAP connection for password writes (0x8023062C). AD was
// reached: not the network, not the proxy.
// https://learn.microsoft.com/entra/identity/hybrid/connect/reference-connect-accounts-permissions
import type { Rule } from '../types.js';
import { REF, quoteGroup } from './_shared.js';
import { facts } from './_facts.js';

export const rule: Rule = {
  meta: {
    code: 'ad-refused',
    title: 'On-premises AD refused the operation: a permission or an object (not the network)',
    severity: 'error',
    route: 'none',
    verdict: 'not-network',
    explanation:
      'A domain controller answered and refused: the AD DS connector account lacks a permission (insufficient access rights 8344, replication rights 8453 for password hash sync), the object no longer exists (8333), or the DC requires an encrypted LDAP connection for password writes. AD was reached, so the network and the proxy are fine.',
    fix: [
      'Give the AD DS connector account the rights Azure AD Connect documents: `Set-ADSyncPasswordHashSyncPermissions` / `Set-ADSyncPasswordWritebackPermissions` / `Set-ADSyncBasicReadPermissions` from the AdSyncConfig module, on the domain or OU named in the error.',
      'If the object is gone (8333, "AD Object is not present"), run a full import on the AD connector so the connector space catches up.',
      'For "128 bit TLS or SSL connection is required", let the connector use LDAP signing/sealing or LDAPS as the domain policy requires.',
    ],
    references: [REF.accounts, REF.phs],
  },
  band: 'policy',
  decidesFrom: 'An answer from a domain controller that refused: permission-issue, 8344 "Insufficient access rights", 8453 "Replication access was denied", DrsException, 8333 / 0x80230405 object not present, 0x8023062C secure connection required, 8456/8457 replication rejected.',
  verdictSentence: ({ actor, times }) => `${actor.short} reached on-premises Active Directory, which refused the operation${times}: a permission or a missing object, not the network or the proxy.`,
  matchGroup(g) {
    const used = facts(g).filter((f) => f.op === 'directory' && f.kind === 'refused');
    if (!used.length) return null;
    return {
      confidence: 'high',
      explanation: 'A domain controller answered and refused: the account Azure AD Connect uses lacks the right for this operation, or the object is gone. Fix the permission or the object; the proxy is not involved.',
      evidence: quoteGroup(g, used),
      facts: used,
    };
  },
};
