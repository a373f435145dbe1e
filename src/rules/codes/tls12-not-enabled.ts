// TLS 1.2 not enabled for .NET: the wizard's pre-check, AADSTS1002016, "Could not create SSL/TLS secure
// channel" in any language (https://learn.microsoft.com/entra/identity/hybrid/connect/reference-connect-tls-enforcement).
// A send/reset chain alone is not enough: in real posts a proxy's reset reads the same (corpus/).
import type { EvidenceSet, TlsSettings } from '../../evidence/types.js';
import { isFailureGroup } from '../../evidence/group.js';
import { factsOf, successOf } from '../../facts/extract.js';
import type { EvidenceQuote } from '../../model/report.js';
import type { Rule, RuleMatch } from '../types.js';
import { actorOfGroup } from '../context.js';
import { REF, quoteGroup, quoteProbe } from './_shared.js';
import { AADSTS, facts } from './_facts.js';

/** Entra Connect 2.4.131.0 and later no longer need the .NET registry values before install or upgrade (REF.tls). */
function needsNetKeys(ev: EvidenceSet): boolean {
  const v = ev.adsync.find((a) => a.version)?.version;
  if (!v) return true;
  const [a = 0, b = 0, c = 0] = v.split('.').map(Number);
  return a < 2 || (a === 2 && (b < 4 || (b === 4 && c < 131)));
}

/** Whether something on this server proves TLS to Microsoft works (Entra answered, a heartbeat, a passing TLS probe). */
function tlsShownWorking(ev: EvidenceSet): boolean {
  if (ev.probes.some((p) => p.ok && p.tls === 'process-default')) return true;
  if (ev.groups.some((g) => successOf(g).length > 0)) return true;
  return ev.groups.some((g) => isFailureGroup(g) && factsOf(g).facts.some((f) => f.answeredBy === 'entra' && f.op === 'auth'));
}

const NET_KEY = { '64': 'HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319', '32': 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319' } as const;
const shown = (v: number | null) => (v === null ? '(absent)' : String(v));

/** What the registry makes the 64-bit sync service offer, with the quotes that show it. */
function configGaps(t: TlsSettings, netKeys: boolean): { why: string; quote: EvidenceQuote }[] {
  const out: { why: string; quote: EvidenceQuote }[] = [];
  const client = t.schannel.find((s) => s.protocol === 'TLS 1.2' && s.side === 'Client');
  if (client && !client.error && (client.Enabled === 0 || client.DisabledByDefault === 1)) {
    out.push({
      why: `SCHANNEL turns TLS 1.2 off for every client on this server (TLS 1.2\\Client ${client.Enabled === 0 ? 'Enabled=0' : 'DisabledByDefault=1'})`,
      quote: { kind: 'config', source: t.file, location: 'SCHANNEL\\Protocols\\TLS 1.2\\Client', excerpt: `Enabled: ${shown(client.Enabled)}; DisabledByDefault: ${shown(client.DisabledByDefault)}` },
    });
  }
  const net = t.netFramework.find((n) => n.view === '64');
  if (netKeys && net && !net.error && net.SystemDefaultTlsVersions !== 1 && net.SchUseStrongCrypto !== 1) {
    out.push({
      why: '.NET Framework (64-bit) has neither SystemDefaultTlsVersions=1 nor SchUseStrongCrypto=1, the values Microsoft requires for Azure AD Connect 2.x before 2.4.131',
      quote: { kind: 'config', source: t.file, location: `${NET_KEY['64']} (64-bit)`, excerpt: `SystemDefaultTlsVersions: ${shown(net.SystemDefaultTlsVersions)}; SchUseStrongCrypto: ${shown(net.SchUseStrongCrypto)}` },
    });
  }
  return out;
}


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
    fixedBy: 'tls12',
    route: 'none',
    verdict: 'tls-failure',
    explanation:
      'Azure AD Connect 2.x talks to Entra ID over TLS 1.2 only. .NET Framework on this server still offers TLS 1.0/1.1 ("TLS 1.2 needs to be enabled", AADSTS1002016, "Could not create SSL/TLS secure channel"), so the handshake fails whatever the proxy does.',
    fix: TLS_REG,
    references: [REF.tls, REF.prerequisites],
  },
  band: 'tls-config',
  matchEvidence(ev): RuleMatch[] {
    const out: RuleMatch[] = [];
    // Measured: the same HTTPS request failed on TLS with the process's own TLS versions and passed with TLS 1.2 forced.
    const gap = ev.probes.filter((p) => p.tls === 'process-default' && !p.ok && p.errorClass === 'tls' && ev.probes.some((q) => q.tls === 'tls12' && q.ok && q.endpoint === p.endpoint && q.as === p.as));
    if (gap.length) {
      const passed = gap.map((p) => ev.probes.find((q) => q.tls === 'tls12' && q.ok && q.endpoint === p.endpoint && q.as === p.as)!);
      out.push({
        confidence: 'high',
        explanation: `The live probes measured the gap: ${gap[0]!.endpoint} failed on TLS with the TLS versions .NET gives a process on this server, and the same request passed with TLS 1.2 forced. The sync service gets the same defaults, so it cannot reach Entra ID until TLS 1.2 is enabled for .NET.`,
        evidence: [...gap.slice(0, 2).map(quoteProbe), ...passed.slice(0, 2).map(quoteProbe)],
      });
    }
    if (!gap.length && !tlsShownWorking(ev)) {
      const netKeys = needsNetKeys(ev);
      const found = ev.tls.flatMap((t) => configGaps(t, netKeys));
      if (found.length) {
        out.push({
          confidence: found.some((f) => f.why.startsWith('SCHANNEL')) ? 'high' : 'medium',
          explanation: `The registry decides which TLS versions the sync service (miiserver.exe, .NET Framework 4.x) offers: ${found.map((f) => f.why).join('; ')}. Entra ID accepts TLS 1.2 only, so the service's requests fail whatever the proxy does.`,
          evidence: found.map((f) => f.quote),
        });
      }
    }
    return out;
  },
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
