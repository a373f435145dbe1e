// Facts derived once from the evidence and shared by every rule: which proxies are configured where,
// the proxy-path matrix, and the small classifications the rules need (is this endpoint the proxy, a
// public Microsoft address, an on-premises name; which process wrote this record).
import type { EvidenceSet, MessageRecord, RecordGroup } from '../evidence/types.js';
import type { ProxyPath } from '../model/report.js';
import { resolveProxyPaths } from '../route/resolve.js';
import type { RuleContext } from './types.js';

export type ConfiguredProxy = RuleContext['proxies'][number];

/**
 * Parse a proxy setting as Windows writes it: `proxy:8080`, `http://proxy:8080/`, `user:pass@proxy:8080`,
 * WinINET/WinHTTP per-scheme lists `http=proxy:8080;https=proxy:8443`, space- or semicolon-separated lists.
 */
export function parseProxySetting(value: string | null | undefined): { host: string; port?: number; scheme?: string }[] {
  if (!value) return [];
  const out: { host: string; port?: number; scheme?: string }[] = [];
  for (const raw of value.split(/[;\s]+/)) {
    let item = raw.trim();
    if (!item) continue;
    let scheme: string | undefined;
    const eq = /^([a-z]+)=(.*)$/i.exec(item);
    if (eq) {
      scheme = eq[1]!.toLowerCase();
      item = eq[2]!;
    }
    item = item.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/.*$/, '');
    item = item.replace(/^.*@/, ''); // credentials never matter here (and never leave through us)
    const m = /^(\[[0-9a-f:.]+\]|[^:]+)(?::(\d{1,5}))?$/i.exec(item);
    if (!m || !m[1] || /^<.*>$/.test(m[1]) || /^unspecified$/i.test(m[1])) continue;
    const host = m[1].replace(/^\[|\]$/g, '').toLowerCase();
    const port = m[2] ? Number(m[2]) : undefined;
    out.push(scheme ? { host, port, scheme } : { host, port });
  }
  return out;
}

function isNullish(v: string | null | undefined): boolean {
  return !v || /^<?unspecified>?$/i.test(v.trim()) || /^\(?null\)?$/i.test(v.trim());
}

export function buildContext(ev: EvidenceSet): RuleContext {
  const proxies: ConfiguredProxy[] = [];
  const add = (value: string | null | undefined, layer: string) => {
    if (isNullish(value)) return;
    for (const p of parseProxySetting(value)) proxies.push({ ...p, layer });
  };
  for (const c of ev.dotNetProxy) if (c.present && c.enabled !== false) add(c.proxy?.proxyaddress, c.scope);
  for (const w of ev.winInet) {
    if (w.proxyEnable === false) continue;
    add(w.proxyServer, `Internet Options (WinINET, ${w.user ?? w.hive})`);
  }
  for (const w of ev.winHttp) if (!w.direct) add(w.proxyServer, 'WinHTTP (netsh winhttp)');
  for (const t of ev.traceProxy) add(t.proxyAddress ?? undefined, 'machine.config as the wizard read it (trace log)');
  for (const p of ev.probes) add(p.proxy ?? undefined, `probe as ${p.as}`);
  for (const e of ev.environment) if (/^(https?|all)_proxy$/i.test(e.name)) add(e.value, `environment ${e.name} (${e.scope})`);

  const seen = new Set<string>();
  const unique = proxies.filter((p) => {
    const k = `${p.host}:${p.port ?? ''}:${p.layer}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });

  let proxyPaths: ProxyPath[] = [];
  try {
    proxyPaths = resolveProxyPaths(ev);
  } catch {
    // The resolver is another module; a fault there must not hide the findings.
    proxyPaths = [];
  }
  return { proxies: unique, proxyPaths };
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

export function isConfiguredProxy(ctx: RuleContext, host: string, port?: number): ConfiguredProxy | undefined {
  const h = host.toLowerCase();
  const short = h.split('.')[0];
  return ctx.proxies.find((p) => {
    const ph = p.host.toLowerCase();
    // "proxy" in a setting and "proxy.contoso.com" in a message are the same machine (DNS suffix search).
    const sameHost = ph === h || (!ph.includes('.') && ph === short) || (!h.includes('.') && h === ph.split('.')[0]);
    return sameHost && (port === undefined || p.port === undefined || p.port === port);
  });
}

export type EndpointRole = 'proxy' | 'direct' | 'on-premises' | 'unknown';

/** Where a failing connection was going, from the endpoint named in the message and the configuration. */
export function classifyEndpoint(ctx: RuleContext, ep: { host: string; port: number }): { role: EndpointRole; why: string; configured?: ConfiguredProxy } {
  const configured = isConfiguredProxy(ctx, ep.host, ep.port);
  if (configured) return { role: 'proxy', why: `${ep.host}:${ep.port} is the proxy configured in ${configured.layer}`, configured };
  if (AD_PORTS.has(ep.port)) return { role: 'on-premises', why: `port ${ep.port} is an Active Directory port` };
  if (PROXY_PORTS.has(ep.port) && (isLoopbackOrPrivate(ep.host) || !isMicrosoftHost(ep.host))) {
    return { role: 'proxy', why: `${ep.host}:${ep.port} is a local/LAN address on a proxy port` };
  }
  if ((ep.port === 443 || ep.port === 80) && (isPublicIp(ep.host) || isMicrosoftHost(ep.host))) {
    return { role: 'direct', why: `${ep.host}:${ep.port} is a public ${isMicrosoftHost(ep.host) ? 'Microsoft endpoint' : 'address'} on port ${ep.port}, not a proxy` };
  }
  if (isPublicIp(ep.host) && (ep.port === 9350 || ep.port === 9352 || ep.port === 5671)) {
    return { role: 'direct', why: `${ep.host}:${ep.port} is a public address on a Service Bus port` };
  }
  return { role: 'unknown', why: `${ep.host}:${ep.port} is neither a configured proxy nor clearly a public endpoint` };
}

// ---------- who failed ----------

export type ActorId = 'sync-service' | 'writeback' | 'wizard-admin' | 'wizard-configure' | 'wizard' | 'health-agent' | 'powershell' | 'unknown';

export interface Actor {
  id: ActorId;
  /** The process in words: "The sync service (miiserver.exe, service ADSync)". */
  name: string;
  /** Which proxy setting that process reads, in words. */
  layer: string;
}

const ACTORS: Record<ActorId, Actor> = {
  'sync-service': {
    id: 'sync-service',
    name: 'The sync service (miiserver.exe, service ADSync)',
    layer: 'machine.config under the ADSync service account (it never reads an admin\'s Internet Options or netsh winhttp)',
  },
  writeback: {
    id: 'writeback',
    name: 'Password writeback (inside the sync service, miiserver.exe)',
    layer: 'machine.config under the ADSync service account',
  },
  'wizard-admin': {
    id: 'wizard-admin',
    name: 'The installation wizard on its "Connect to Azure AD" page',
    layer: 'machine.config as the logged-on admin, falling back to that admin\'s Internet Options (WinINET) when machine.config names no proxy',
  },
  'wizard-configure': {
    id: 'wizard-configure',
    name: 'The installation wizard on its "Configure" page (running as the sync service account)',
    layer: 'machine.config under the ADSync service account',
  },
  wizard: {
    id: 'wizard',
    name: 'The installation wizard (AzureADConnect.exe)',
    layer: 'machine.config; on the "Connect to Azure AD" page as the logged-on admin (with that admin\'s Internet Options), on the "Configure" page as the service account',
  },
  'health-agent': {
    id: 'health-agent',
    name: 'The Connect Health agent',
    layer: 'its own proxy setting (Set-MicrosoftEntraConnectHealthProxySettings) and machine.config',
  },
  powershell: {
    id: 'powershell',
    name: 'Windows PowerShell (the ADSync cmdlets)',
    layer: 'machine.config as the user running PowerShell',
  },
  unknown: {
    id: 'unknown',
    name: 'The process that logged this',
    layer: 'its proxy setting (for Azure AD Connect: machine.config)',
  },
};

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
    if (/AzureTenantPage|Connect to Azure AD|Unable to validate credentials|AzureInstanceDiscovery|User realm discovery/i.test(text)) return ACTORS['wizard-admin'];
    return ACTORS.wizard;
  }
  if (/run-profile-results|sync[\\/]/i.test(rec.source)) return ACTORS['sync-service'];
  // An ADSync cmdlet only relays what the sync service's own token request met (Get-ADSyncScheduler
  // failing with the modal-dialog text): the request was the service's, not PowerShell's.
  if (/GetSecurityToken|not running in UserInteractive mode/i.test(text)) return ACTORS['sync-service'];
  if (/Start-ADSyncSyncCycle|Get-ADSync|CategoryInfo|FullyQualifiedErrorId/i.test(text)) return ACTORS.powershell;
  if (/GetSecurityToken|ProvisioningWebService|miiserver|Scheduler/i.test(text)) return ACTORS['sync-service'];
  return ACTORS.unknown;
}

export function actorOfGroup(g: RecordGroup): Actor {
  const s = g.samples[0];
  if (!s) return ACTORS.unknown;
  return actorOf(s);
}

// ---------- what the configuration says ----------

/** What the sync service's own configuration (machine.config / miiserver.exe.config) says about a proxy. */
export function serviceProxyState(ev: EvidenceSet): { known: boolean; address?: string; file?: string; disabled?: boolean } {
  const service = ev.dotNetProxy.filter((c) => c.scope === 'miiserver.exe.config' || c.scope === 'machine.config (Framework64)' || c.scope === 'machine.config');
  const withAddr = service.find((c) => c.present && c.enabled !== false && !isNullish(c.proxy?.proxyaddress));
  if (withAddr) return { known: true, address: hostPort(withAddr.proxy!.proxyaddress!), file: withAddr.scope };
  // <defaultProxy enabled="false"> is a proxy switched off, not a missing one: the admin must see the switch.
  const off = service.find((c) => c.present && c.enabled === false);
  if (off) return { known: true, file: off.scope, disabled: true };
  if (service.length) return { known: true, file: service[0]!.scope };
  const trace = ev.traceProxy.find((t) => t.proxyAddress !== undefined);
  if (trace) {
    if (!isNullish(trace.proxyAddress ?? undefined)) return { known: true, address: hostPort(trace.proxyAddress!), file: 'machine.config (trace log)' };
    return { known: true, file: 'machine.config (trace log)' };
  }
  return { known: false };
}

/** The proxy people use: the first enabled WinINET proxy (Internet Options). */
export function peopleProxy(ev: EvidenceSet): { address: string; who: string } | undefined {
  for (const w of ev.winInet) {
    if (w.proxyEnable === false || isNullish(w.proxyServer)) continue;
    const p = parseProxySetting(w.proxyServer).find((x) => x.scheme === 'https') ?? parseProxySetting(w.proxyServer)[0];
    if (p) return { address: p.port ? `${p.host}:${p.port}` : p.host, who: w.user ? `${w.user}'s Internet Options` : w.hive === 'current-user' ? 'the logged-on admin\'s Internet Options' : w.hive === 'service-account' ? 'the service account\'s Internet Options' : `the Internet Options of ${w.hive}` };
  }
  return undefined;
}

export function hostPort(url: string): string {
  const p = parseProxySetting(url)[0];
  return p ? (p.port ? `${p.host}:${p.port}` : p.host) : url;
}

/**
 * The proxy address to write into a machine.config fix: the one the service already has, else the one
 * people use (WinINET), WinHTTP, the trace log, a probe. Undefined when nothing names one.
 */
export function knownProxyAddress(ctx: RuleContext): string | undefined {
  const order = [/machine\.config|miiserver/, /WinINET/, /WinHTTP/, /trace/, /probe/, /environment/];
  for (const re of order) {
    const p = ctx.proxies.find((x) => re.test(x.layer));
    if (p) return p.port ? `${p.host}:${p.port}` : p.host;
  }
  return undefined;
}
