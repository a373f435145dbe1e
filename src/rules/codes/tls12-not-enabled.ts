// TLS 1.2 not enabled for .NET: the wizard's pre-check, AADSTS1002016, "Could not create SSL/TLS secure
// channel" in any language (https://learn.microsoft.com/entra/identity/hybrid/connect/reference-connect-tls-enforcement).
// A send/reset chain alone is not enough: in real posts a proxy's reset reads the same (corpus/).
import type { Rule } from '../types.js';
import { actorOfGroup } from '../context.js';
import { REF, quoteGroup } from './_shared.js';
import { AADSTS, facts } from './_facts.js';

const TLS_REG = [
  'Set TLS 1.2 for .NET Framework (both registry views), as an administrator:\n' +
    'reg add "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319" /v SystemDefaultTlsVersions /t REG_DWORD /d 1 /f\n' +
    'reg add "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319" /v SchUseStrongCrypto /t REG_DWORD /d 1 /f\n' +
    'reg add "HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319" /v SystemDefaultTlsVersions /t REG_DWORD /d 1 /f\n' +
    'reg add "HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319" /v SchUseStrongCrypto /t REG_DWORD /d 1 /f',
  'Enable TLS 1.2 in SCHANNEL for client and server: under HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client and \\Server set Enabled=1 and DisabledByDefault=0 (REG_DWORD).',
  'Reboot the server, then run the wizard again (or `Restart-Service ADSync`).',
];

export const rule: Rule = {
  meta: {
    code: 'tls12-not-enabled',
    title: 'TLS 1.2 is not enabled for .NET on this server',
    severity: 'error',
    route: 'none',
    verdict: 'tls-failure',
    explanation:
      'Azure AD Connect 2.x talks to Entra ID over TLS 1.2 only. .NET Framework on this server still offers TLS 1.0/1.1 ("TLS 1.2 needs to be enabled", AADSTS1002016, "Could not create SSL/TLS secure channel"), so the handshake fails whatever the proxy does.',
    fix: TLS_REG,
    references: [REF.tls, REF.prerequisites],
  },
  band: 'tls-config',
  verdictSentence: ({ actor, times }) => `${actor.short} could not negotiate TLS with Entra ID${times}: TLS 1.2 is not enabled for .NET on this server.`,
  decidesFrom: 'A TLS handshake that failed on the protocol (tls protocol): "TLS 1.2 needs to be enabled", AADSTS1002016, "Could not create SSL/TLS secure channel" in any language, WebException SecureChannelFailure, SEC_E_ALGORITHM_MISMATCH / SEC_E_UNSUPPORTED_FUNCTION, WinHTTP 12157 — not a certificate failure.',
  matchGroup(g, _ctx, ev) {
    const all = facts(g);
    const tls12Ok = ev.traceProxy.some((t) => t.tls12Configured === true);
    const direct = all.filter((f) => f.codes.includes('tls:1.2-required') || AADSTS(f).includes(1002016));
    const channel = all.filter((f) => f.op === 'tls' && f.kind === 'protocol');
    if (!direct.length && !channel.length) return null;
    if (!direct.length && all.some((f) => f.op === 'tls' && (f.kind === 'untrusted' || f.kind === 'certificate'))) return null; // a certificate problem, not the protocol
    const actor = actorOfGroup(g);
    const why = direct.length ? 'the message says TLS 1.2 is required and was not used' : 'no TLS session could be created ("Could not create SSL/TLS secure channel")';
    const used = [...direct, ...channel.filter((f) => !direct.includes(f))];
    return {
      confidence: direct.length || !tls12Ok ? 'high' : 'medium',
      explanation: `${actor.name} could not negotiate TLS: ${why}.${tls12Ok ? ' The wizard\'s trace log says TLS 1.2 is configured, so also check whether the proxy or a TLS inspector resets the handshake.' : ''}`,
      evidence: quoteGroup(g, used, /AADSTS1002016/),
      facts: used,
    };
  },
};
