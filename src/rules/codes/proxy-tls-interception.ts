// Certificate trust failed: the proxy inspects TLS with a CA the server does not trust, or the server lacks
// the roots / cannot fetch CRLs. Either way the traffic reached a TLS endpoint that was not Microsoft's chain.
import type { Rule } from '../types.js';
import { actorOfGroup } from '../context.js';
import { ENDPOINTS_80, REF, quoteGroup } from './_shared.js';
import { facts, hopOf } from './_facts.js';
import { rejectedSentence } from './_sentences.js';

export const rule: Rule = {
  meta: {
    code: 'proxy-tls-interception',
    title: 'TLS certificate not trusted: the proxy inspects TLS, or roots/CRLs are missing',
    severity: 'error',
    route: 'proxy',
    verdict: 'proxy-rejected',
    explanation:
      'The TLS certificate presented was not trusted ("Could not establish trust relationship for the SSL/TLS secure channel", "The remote certificate is invalid"). Usually the proxy breaks and inspects TLS with its own CA, which Microsoft does not support for Azure AD Connect; otherwise the server lacks the DigiCert/Microsoft roots or cannot reach the CRL/OCSP hosts on port 80.',
    fix: [
      'Ask the proxy team to exclude *.microsoftonline.com, *.windows.net, *.microsoftonline-p.com and *.servicebus.windows.net from TLS inspection ("It isn\'t supported to break and analyze traffic between Microsoft Entra Connect and Microsoft Entra ID").',
      'Make sure the server trusts the current Microsoft/DigiCert root CAs (Windows Update root certificate updates, or import them into Local Computer > Trusted Root Certification Authorities).',
      `Allow the CRL/OCSP hosts on port 80 through the proxy: ${ENDPOINTS_80}.`,
      '`Restart-Service ADSync`, then `Start-ADSyncSyncCycle -PolicyType Delta`.',
    ],
    references: [REF.prerequisites, REF.connectivity, REF.writeback],
  },
  band: 'proxy-answered',
  verdictSentence: (input) => rejectedSentence(input, 'the TLS certificate it presented is not trusted (TLS inspection, or missing roots/CRLs)'),
  decidesFrom: 'A certificate chain that was not trusted (tls untrusted): WebException TrustFailure, "Could not establish trust relationship" / "The remote certificate is invalid" in any language, SEC_E_UNTRUSTED_ROOT, CERT_E_UNTRUSTEDROOT, WinHTTP 12045/12175, OpenSSL SELF_SIGNED_CERT_IN_CHAIN / UNABLE_TO_GET_ISSUER_CERT_LOCALLY / CERTIFICATE_VERIFY_FAILED, Java PKIX, Go x509 unknown authority, curl (60); firm when an inspecting proxy\'s CA is named (Zscaler, Fortinet, Blue Coat, …) or a proxy is configured.',
  matchGroup(g, ctx) {
    const all = facts(g);
    const used = all.filter((f) => f.op === 'tls' && (f.kind === 'untrusted' || f.kind === 'certificate'));
    if (!used.length) return null;
    // The proxy's own denial (its page or log line) says more than the certificate it complained about upstream.
    if (all.some((f) => f.answeredBy === 'proxy' && (f.kind === 'blocked' || f.kind === 'upstream'))) return null;
    // A service's own error body quoting the failure of its outbound call: the service answered (remote-service-error).
    if (all.some((f) => f.kind === 'service-error')) return null;
    // Nothing ties the certificate to a proxy, and the same record shows the request went direct (its own DNS of a public name).
    const issuerKnown = used.some((f) => f.issuer || f.answeredBy === 'proxy') || ctx.proxy.fixAddress !== undefined;
    if (!issuerKnown && all.some((f) => f.op === 'dns' && f.kind === 'not-found' && f.target?.host && hopOf(ctx, f.target).hop === 'destination')) return null;
    const issuer = used.find((f) => f.issuer)?.issuer;
    const proxy = ctx.proxy.fixAddress;
    const firm = issuer !== undefined || proxy !== undefined || used.some((f) => f.kind === 'untrusted' && f.sure === 'high');
    return {
      confidence: issuer || proxy ? 'high' : firm ? 'medium' : 'low',
      explanation: `${actorOfGroup(g).name} did not trust the TLS certificate it was shown${issuer ? `: it was issued by ${issuer}, an inspecting proxy's CA, so the proxy broke TLS and re-signed Microsoft's certificate` : proxy ? `; with the proxy ${proxy} in the path that is most often its TLS inspection re-signing Microsoft's certificate with a CA this server (or the service account) does not trust` : '; a TLS-inspecting proxy, missing root CAs or blocked CRL/OCSP checks cause this'}.`,
      evidence: quoteGroup(g, used, /0x80072F8F|12175/i),
      facts: used,
    };
  },
};
