// The certificate revocation check could not be done (CRYPT_E_REVOCATION_OFFLINE / NO_REVOCATION_CHECK,
// WinHTTP 12057): the CRL/OCSP hosts on port 80 are out of reach from the path certificate validation
// uses (WinHTTP's proxy setting, not machine.config). Which path it took is not in the message.
// https://learn.microsoft.com/azure/security/fundamentals/tls-certificate-changes
import type { Rule } from '../types.js';
import { ENDPOINTS_80, quoteGroup } from './_shared.js';
import { facts } from './_facts.js';

export const rule: Rule = {
  meta: {
    code: 'crl-unreachable',
    title: 'Certificate revocation lists could not be reached',
    severity: 'error',
    route: 'unknown',
    explanation:
      'Windows could not check whether the server\'s certificate was revoked (CRYPT_E_REVOCATION_OFFLINE, CRYPT_E_NO_REVOCATION_CHECK, WinHTTP 12057): the CRL/OCSP hosts on port 80 were not reachable. Windows fetches them through WinHTTP (`netsh winhttp` proxy), not through machine.config, so a server whose WinHTTP proxy is unset goes direct and is dropped.',
    fix: [
      `Allow the CRL/OCSP hosts on port 80 through the proxy: ${ENDPOINTS_80}.`,
      'Give WinHTTP the proxy so revocation checks use it: `netsh winhttp set proxy proxy-server="<proxy:port>" bypass-list="<local>"` (or `netsh winhttp import proxy source=ie`).',
    ],
    references: ['https://learn.microsoft.com/azure/security/fundamentals/tls-certificate-changes'],
  },
  band: 'tls-config',
  decidesFrom: 'A revocation check that could not be made: CRYPT_E_REVOCATION_OFFLINE (0x80092013), CRYPT_E_NO_REVOCATION_CHECK (0x80092012), WinHTTP 12057 SECURE_CERT_REV_FAILED.',
  matchGroup(g) {
    const used = facts(g).filter((f) => f.op === 'tls' && f.kind === 'revocation');
    if (!used.length) return null;
    return {
      confidence: 'high',
      explanation: 'The certificate revocation check failed because the CRL/OCSP servers could not be reached. Windows fetches them through WinHTTP; the message does not say whether that went through the proxy or direct.',
      evidence: quoteGroup(g, used),
      facts: used,
    };
  },
};
