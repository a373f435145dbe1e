// Shared by the rule modules: Microsoft references, quoting evidence, the machine.config fix text and the
// plain-words description of which process went where. Not a rule (the registry does not list it).
import { unfoldChain } from '../../evidence/chain.js';
import type { EvidenceSet, MessageRecord, ProbeResult, RecordGroup } from '../../evidence/types.js';
import type { Fact } from '../../facts/types.js';
import type { EvidenceQuote } from '../../model/report.js';
import type { Actor } from '../../model/actors.js';
import { allowList } from '../../route/endpoints.js';
import { serviceBypassRule } from '../../route/proxy-view.js';
import type { RuleContext } from '../types.js';

/** Microsoft documentation (the pages docs/proxy-layers.md and docs/windows-facts.md cite as sources). */
export const REF = {
  connectivity: 'https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-connectivity',
  prerequisites: 'https://learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-install-prerequisites',
  tls: 'https://learn.microsoft.com/entra/identity/hybrid/connect/reference-connect-tls-enforcement',
  writeback: 'https://learn.microsoft.com/entra/identity/authentication/troubleshoot-sspr-writeback',
  phs: 'https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-password-hash-synchronization',
  serviceAccount: 'https://learn.microsoft.com/entra/identity/hybrid/connect/concept-adsync-service-account',
  accounts: 'https://learn.microsoft.com/entra/identity/hybrid/connect/reference-connect-accounts-permissions',
  scheduler: 'https://learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-sync-feature-scheduler',
  staging: 'https://learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-sync-staging-server',
  adConnectivityTools: 'https://learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-adconnectivitytools',
  defaultProxy: 'https://learn.microsoft.com/dotnet/framework/configure-apps/file-schema/network/defaultproxy-element-network-settings',
  m365Urls: 'https://learn.microsoft.com/microsoft-365/enterprise/urls-and-ip-address-ranges',
  conditionalAccess: 'https://learn.microsoft.com/entra/identity/conditional-access/overview',
  tenant106: 'https://github.com/MicrosoftDocs/azure-docs/issues/13750',
} as const;

export const MACHINE_CONFIG_64 = 'C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\Config\\machine.config';
export const MACHINE_CONFIG_32 = 'C:\\Windows\\Microsoft.NET\\Framework\\v4.0.30319\\Config\\machine.config';

export const ENDPOINTS_443 = allowList(443).join(', ');
export const ENDPOINTS_80 = allowList(80).join(', ');

export const RESTART = 'Restart the sync service once so it reads machine.config again: `Restart-Service ADSync` (an elevated Windows PowerShell).';
export const VERIFY =
  'Check from Windows PowerShell 5.1 (it reads machine.config like the service): `Invoke-WebRequest -Uri https://adminwebservice.microsoftonline.com/ProvisioningService.svc`, then `Start-ADSyncSyncCycle -PolicyType Delta`.';
export const ALLOW = `Make sure the proxy allows ${ENDPOINTS_443} on 443, and the CRL/OCSP hosts ${ENDPOINTS_80} on 80.`;

// ---------- evidence quotes ----------

const MAX_EXCERPT = 280;

/** A host:port, IP:port or quoted host name: what tells which hop failed. */
const NAMES_ENDPOINT = /\([\w.-]+:\d{1,5}\)|\b\d{1,3}(?:\.\d{1,3}){3}:\d{1,5}\b|['’´`「][\w-]+(?:\.[\w-]+)+['’´`」]/;
/** Where a PowerShell error record's position lines start ("At line:1 char:1", "At C:\x.ps1:3 char:5"). */
const PS_POSITION = /\s+At (?:line:\d+|\S.*?:\d+) char:\d+\b/;

/** The decisive part of a record's text: the chain link holding one of the words a fact was read from (or `re`), cut to a short window. */
export function excerptOf(text: string, needles: string[] = [], re?: RegExp): string {
  const chain = unfoldChain(text);
  const wanted = needles.map((n) => n.replace(/…$/, '').toLowerCase()).filter((n) => n.length >= 3);
  const firstIn = (s: string): number => {
    let at = -1;
    const lower = s.toLowerCase();
    for (const n of wanted) {
      const k = lower.indexOf(n);
      if (k >= 0 && (at < 0 || k < at)) at = k;
    }
    if (at < 0 && re) {
      const m = re.exec(s);
      if (m) at = m.index;
    }
    return at;
  };
  let seg = '';
  let at = -1;
  for (let i = chain.length - 1; i >= 0 && at < 0; i--) {
    const k = firstIn(chain[i]!);
    if (k >= 0) {
      at = k;
      seg = chain[i]!;
    }
  }
  // The innermost link may repeat the phrase without the endpoint an outer link names (.NET Core:
  // "Connection refused (proxy:3128) ---> SocketException (111): Connection refused"): quote the one
  // that shows which hop failed.
  if (at >= 0 && !NAMES_ENDPOINT.test(seg)) {
    for (let i = chain.length - 1; i >= 0; i--) {
      const s = chain[i]!;
      const k = NAMES_ENDPOINT.test(s) ? firstIn(s) : -1;
      if (k >= 0) {
        at = k;
        seg = s;
        break;
      }
    }
  }
  if (at < 0) {
    seg = chain[chain.length - 1] ?? text.replace(/\s+/g, ' ').trim();
    at = 0;
  }
  // A PowerShell error record: the message ends where its position lines ("At line:1 char:1", "+ ~~~") begin.
  const ps = PS_POSITION.exec(seg);
  if (ps && ps.index > at) seg = seg.slice(0, ps.index);
  if (seg.length <= MAX_EXCERPT) return seg;
  let start = Math.max(0, Math.min(at - 30, seg.length - MAX_EXCERPT));
  // Start on a word boundary so the quote does not begin mid-word.
  if (start > 0) {
    const sp = seg.indexOf(' ', start);
    if (sp >= 0 && sp < at) start = sp + 1;
  }
  return (start > 0 ? '…' : '') + seg.slice(start, start + MAX_EXCERPT).trim() + (start + MAX_EXCERPT < seg.length ? '…' : '');
}

export function quoteRecord(rec: MessageRecord, needles: string[] = [], re?: RegExp): EvidenceQuote {
  const q: EvidenceQuote = { kind: rec.kind, source: rec.source, location: rec.location, excerpt: excerptOf(rec.text, needles, re) };
  if (rec.time) q.time = rec.time;
  return q;
}

/** Quotes for a group: its first sample and, when different, its last one (the engine keeps ~5 in all), cut around the facts' words. */
export function quoteGroup(g: RecordGroup, facts: Fact[] = [], re?: RegExp): EvidenceQuote[] {
  const picks = g.samples.length > 1 ? [g.samples[0]!, g.samples[g.samples.length - 1]!] : g.samples.slice(0, 1);
  const needles = facts.flatMap((f) => f.seen);
  return picks.map((s) => quoteRecord(s, needles, re));
}

// ---------- fix text ----------

export function machineConfigSnippet(address: string | undefined, auth: boolean): string {
  const addr = address ? `http://${address}` : 'http://<PROXYADDRESS>:<PROXYPORT>';
  return [
    '<system.net>',
    `    <defaultProxy${auth ? ' enabled="true" useDefaultCredentials="true"' : ''}>`,
    '        <proxy',
    '        usesystemdefault="true"',
    `        proxyaddress="${addr}"`,
    '        bypassonlocal="true"',
    '        />',
    '    </defaultProxy>',
    '</system.net>',
  ].join('\n');
}

/** The machine.config steps with a placeholder address, for a rule's default fix (no evidence read yet). */
export const GENERIC_MACHINE_CONFIG_STEPS: readonly string[] = [
  `Edit ${MACHINE_CONFIG_64} as an administrator (and ${MACHINE_CONFIG_32} for 32-bit tools) and add this just before </configuration>; if the file already has a <system.net> section, put <defaultProxy> inside that one instead (a section may appear only once, or .NET refuses the whole file):\n${machineConfigSnippet(undefined, false)}`,
  'Replace <PROXYADDRESS>:<PROXYPORT> with the proxy people use (Internet Options > Connections > LAN settings, or `netsh winhttp show proxy`).',
  RESTART,
];

/** The machine.config steps, with the proxy address filled in when the evidence names one (ProxyView.fixAddress). */
export function machineConfigSteps(ctx: RuleContext, opts: { auth?: boolean; address?: string } = {}): string[] {
  const svc = ctx.proxy.service;
  const address = opts.address ?? ctx.proxy.fixAddress;
  // machine.config already has a <defaultProxy> (read from the file or from the wizard's trace): adding the
  // snippet again would make a second section, and .NET refuses the whole file.
  const sectionExists = svc.configs.some((c) => c.present && c.scope.startsWith('machine.config'));
  const existing = svc.address && svc.file?.startsWith('machine.config') ? svc.address : undefined;
  const named = existing ? ` (proxyaddress ${existing})` : sectionExists ? (svc.disabled ? ' (switched off)' : ' (without an address)') : '';
  const steps = [
    sectionExists
      ? `Edit ${MACHINE_CONFIG_64} as an administrator (and ${MACHINE_CONFIG_32} for 32-bit tools): it already has a <defaultProxy> section${named}. Change that section in place so it reads as below; do not add a second <system.net> or <defaultProxy> (a section may appear only once, or .NET refuses the whole file):\n${machineConfigSnippet(address, opts.auth ?? false)}`
      : `Edit ${MACHINE_CONFIG_64} as an administrator (and ${MACHINE_CONFIG_32} for 32-bit tools) and add this just before </configuration>; if the file already has a <system.net> section, put <defaultProxy> inside that one instead (a section may appear only once, or .NET refuses the whole file):\n${machineConfigSnippet(address, opts.auth ?? false)}`,
  ];
  if (!address) steps.push('Replace <PROXYADDRESS>:<PROXYPORT> with the proxy people use (Internet Options > Connections > LAN settings, or `netsh winhttp show proxy`).');
  steps.push(RESTART);
  return steps;
}

export const DOMAIN_ACCOUNT_STEP =
  'Run the ADSync service as an account the proxy accepts: a domain account or a group Managed Service Account (custom install, or change the service account as documented). NT SERVICE\\ADSync reaches the proxy as the computer account DOMAIN\\SERVER$, and a local account cannot answer an NTLM/Kerberos challenge at all.';

export const EXEMPT_AUTH_STEP =
  'Or ask the proxy team to exempt login.microsoftonline.com, login.windows.net and adminwebservice.microsoftonline.com (and the rest of *.microsoftonline.com) from proxy authentication.';

export function cntlmStep(upstream: string | undefined): string {
  return (
    'If the proxy demands authentication the service cannot give (Basic only, or it rejects computer accounts), run CNTLM on this server as a local proxy: ' +
    `create the hash with \`cntlm -H -u <user> -d <DOMAIN>\` and put only the PassNTLMv2 line it prints into cntlm.ini (never a plain Password line), with \`Proxy ${upstream ?? '<upstream proxy:port>'}\` and \`Listen 127.0.0.1:3128\`; ` +
    'then set proxyaddress="http://127.0.0.1:3128" in machine.config and `Restart-Service ADSync`.'
  );
}

// ---------- explanations ----------

/** "machine.config defines no proxy, while CONTOSO\admin's Internet Options use proxy.contoso.com:8080." */
export function serviceLayerWords(ctx: RuleContext, host?: string): string {
  const svc = ctx.proxy.service;
  const people = ctx.proxy.people;
  const rule = host ? serviceBypassRule(svc, host) : undefined;
  let s: string;
  if (!svc.known) s = 'machine.config was not among the evidence, so what the service reads is unknown';
  else if (svc.address && rule) s = `${rule.file} names the proxy ${svc.address}, but its <bypasslist> entry "${rule.entry}" matches https://${host}, so .NET sends that request direct`;
  else if (svc.address) s = `${svc.file} names the proxy ${svc.address}, so this request took a path that skips it (a bypass list entry, bypassonlocal, or a miiserver.exe.config override)`;
  else if (svc.disabled) s = `${svc.file} has <defaultProxy enabled="false">, which switches the proxy off`;
  else s = `${svc.file ?? 'machine.config'} defines no proxy`;
  if (people && !svc.address) s += `, while ${people.who} use ${people.address}`;
  return s;
}

/** One paragraph: which process went direct and why, in the words an admin follows. */
export function directWords(actor: Actor, ctx: RuleContext, what: string, host?: string): string {
  const base = `${actor.name} ${what}. A process that sends its requests to a proxy never does that itself, so this request went direct, around the proxy.`;
  if (actor.id === 'wizard-signin') {
    return `${base} On this page the wizard signs in as the logged-on admin and reads machine.config, falling back to that admin's Internet Options (WinINET) when machine.config names no proxy; here neither gave it one (${serviceLayerWords(ctx, host)}).`;
  }
  if (actor.id === 'unknown' || actor.id === 'wizard' || actor.id === 'admin-powershell') {
    return `${base} Azure AD Connect's processes read the proxy from machine.config (the sync service under its service account, the wizard's Configure page too), not from netsh winhttp: ${serviceLayerWords(ctx, host)}.`;
  }
  return `${base} It reads ${actor.layer}: ${serviceLayerWords(ctx, host)}.`;
}

// ---------- probes ----------

/** A live probe as evidence: what was tried, the path it took, and what came back. */
export function quoteProbe(p: ProbeResult): EvidenceQuote {
  const outcome = p.ok ? 'ok' : `failed: ${p.errorClass ?? 'other'}`;
  return {
    kind: 'probe',
    source: p.file,
    location: `${p.test} ${p.endpoint}:${p.port} as ${p.as}`,
    excerpt:
      `${p.test} to ${p.endpoint}:${p.port}${p.proxy ? ` through ${p.proxy}` : ' direct'} as ${p.as}: ${outcome}` +
      `${p.httpStatus ? ` (HTTP ${p.httpStatus})` : ''}${p.durationMs !== undefined ? ` in ${p.durationMs} ms` : ''}${p.error ? ` — ${p.error.slice(0, 200)}` : ''}`,
  };
}

/** Failed probes, one match of quotes per group of same-class failures. */
export function failedProbes(ev: EvidenceSet, pred: (p: ProbeResult) => boolean): ProbeResult[] {
  return ev.probes.filter((p) => !p.ok && pred(p));
}
