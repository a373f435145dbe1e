// What the rules share, derived once from the evidence: the proxy view (src/route/proxy-view.ts), the
// small classifications the rules need (is this endpoint the proxy, a public Microsoft address, an
// on-premises name) and which process wrote a record.
import type { EvidenceSet, MessageRecord, RecordGroup } from '../evidence/types.js';
import { ACTORS, type Actor } from '../model/actors.js';
import { buildProxyView, findConfiguredProxy, type ConfiguredProxy } from '../route/proxy-view.js';
import type { RuleContext } from './types.js';

export function buildContext(ev: EvidenceSet): RuleContext {
  return { proxy: buildProxyView(ev) };
}

// ---------- address classification ----------

export function isIpv4(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}

export function isLoopbackOrPrivate(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  if (isIpv4(host)) {
    const [a, b] = host.split('.').map(Number) as [number, number];
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
  }
  if (host.includes(':')) return /^(fc|fd|fe80)/i.test(host);
  return false;
}

export function isPublicIp(host: string): boolean {
  return (isIpv4(host) || host.includes(':')) && !isLoopbackOrPrivate(host);
}

const MICROSOFT_SUFFIXES = [
  'microsoftonline.com',
  'microsoftonline-p.com',
  'microsoftonline.us',
  'windows.net',
  'microsoft.com',
  'msauth.net',
  'msftauth.net',
  'msappproxy.net',
  'azure.com',
  'azure.net',
  'office.com',
  'chinacloudapi.cn',
  'usgovcloudapi.net',
  'digicert.com',
  'msocsp.com',
  'windowsupdate.com',
  'aadcdn.microsoftonline-p.com',
  'visualstudio.com',
];

export function isMicrosoftHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return MICROSOFT_SUFFIXES.some((s) => h === s || h.endsWith('.' + s));
}

/** Names only an on-premises DNS answers: single labels and the usual internal suffixes. */
export function isInternalName(host: string): boolean {
  const h = host.toLowerCase();
  if (isIpv4(h)) return isLoopbackOrPrivate(h);
  return !h.includes('.') || /\.(local|lan|corp|internal|intra|intranet|ad|home|localdomain|private)$/.test(h);
}

/** Ports proxies listen on (a loopback/LAN address on one of these is almost always a proxy or CNTLM). */
export const PROXY_PORTS = new Set([3128, 3129, 8000, 8008, 8080, 8081, 8088, 8118, 8888, 9090, 9400, 10080]);
/** On-premises AD ports: a failure there is AD connectivity, not the proxy. */
export const AD_PORTS = new Set([53, 88, 135, 389, 445, 464, 636, 3268, 3269, 9389]);

/** The configured proxy at `host[:port]`, if that name is one ("proxy" and "proxy.contoso.com" are the same machine). */
export function isConfiguredProxy(ctx: RuleContext, host: string, port?: number): ConfiguredProxy | undefined {
  return findConfiguredProxy(ctx.proxy, host, port);
}

// ---------- who failed ----------

/** Which process wrote a record, from its source and text. */
export function actorOf(rec: Pick<MessageRecord, 'kind' | 'source' | 'text' | 'provider'>): Actor {
  const src = `${rec.provider ?? ''} ${rec.source}`;
  const text = rec.text ?? '';
  // Also Event Viewer lines pasted as text ("Error 25.11.2026 PasswordResetService 32002 None …").
  if (/PasswordResetService/i.test(src) || /\bPasswordResetService\b/.test(text) || (/password writeback|PasswordReset|service ?bus/i.test(text) && /ADSync/i.test(src))) return ACTORS.writeback;
  if (/AzureADConnectHealth|Health ?Agent/i.test(src)) return ACTORS['health-agent'];
  if (/\bADSync\b|Directory Synchronization|FIMSynchronizationService/i.test(src)) return ACTORS['sync-service'];
  if (rec.kind === 'trace' || /trace-\d{8}-\d{6}\.log|AADConnect[\\/]trace/i.test(rec.source)) {
    if (/Configure AAD Sync task|ConfigurePageViewModel|\bConfigure\b page|Configuring|ConfigureSync/i.test(text)) return ACTORS['wizard-configure'];
    if (/AzureTenantPage|Connect to Azure AD|Unable to validate credentials|AzureInstanceDiscovery|User realm discovery/i.test(text)) return ACTORS['wizard-signin'];
    return ACTORS.wizard;
  }
  if (/run-profile-results|sync[\\/]/i.test(rec.source) || /^Run profile '/.test(text)) return ACTORS['sync-service'];
  // An ADSync cmdlet only relays what the sync service's own token request met (Get-ADSyncScheduler
  // failing with the modal-dialog text): the request was the service's, not PowerShell's.
  if (/GetSecurityToken|not running in UserInteractive mode/i.test(text)) return ACTORS['sync-service'];
  if (/Start-ADSyncSyncCycle|Get-ADSync|CategoryInfo|FullyQualifiedErrorId/i.test(text)) return ACTORS['admin-powershell'];
  if (/GetSecurityToken|ProvisioningWebService|miiserver|Scheduler/i.test(text)) return ACTORS['sync-service'];
  return ACTORS.unknown;
}

export function actorOfGroup(g: RecordGroup): Actor {
  const s = g.samples[0];
  if (!s) return ACTORS.unknown;
  return actorOf(s);
}

