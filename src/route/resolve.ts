// The proxy-path matrix: which route each actor (process × Windows account) takes to each endpoint,
// and why. Pure: reads only the evidence (docs/proxy-layers.md for the semantics of each layer).
//
// .NET Framework (wizard, miiserver.exe, Windows PowerShell 5.1, the Health agent) reads
// <system.net><defaultProxy> from machine.config, merged with the program's own .exe.config. With no
// explicit proxy it falls back to the WinINET settings of the Windows account the process runs as —
// the logged-on admin for the wizard's sign-in page, the service account for miiserver.exe, which
// usually has none. WinHTTP (netsh) is read only by WinHTTP clients, never by .NET HttpWebRequest.
import type { DotNetProxyConfig, EvidenceSet, PacScript, WinInetSettings } from '../evidence/types.js';
import type { RouteActorId } from '../model/actors.js';
import type { ProxyPath } from '../model/report.js';
import { ENDPOINTS, endpointUrl, endpointsFor, type Endpoint, type Feature } from './endpoints.js';
import { isPlainHostName, matchRegexBypass, matchWildcardBypass, parseProxyAddress, proxyForScheme } from './match.js';
import { evaluatePac } from './pac.js';

/** A process under one Windows account (src/model/actors.ts). */
export type Actor = RouteActorId;

/** One actor × one endpoint, before grouping. */
export interface RouteDecision {
  actor: Actor;
  endpoint: Endpoint;
  route: ProxyPath['route'];
  /** Where the traffic goes in the end, when known (a PAC or a bypass resolved). */
  effective: 'direct' | 'proxy' | 'unknown';
  proxy: string | null;
  source: string;
  credentials?: boolean;
  pac?: string | null;
  bypassRule?: string | null;
  reasons: string[];
  /** The layer that decided: `machine.config`, `miiserver.exe.config`, `wininet`, `winhttp`, `pac`, `none`. */
  layer: string;
}

// ------------------------------------------------------------------ .NET configuration, merged
export interface MergedDotNet {
  known: boolean;
  /** Files that contributed, in order (machine.config first). */
  files: string[];
  /** The configurations merged, in the same order (one may be what the wizard's trace says it read). */
  configs: DotNetProxyConfig[];
  present: boolean;
  enabled: boolean;
  useDefaultCredentials: boolean;
  usesystemdefault?: boolean;
  proxyaddress?: string;
  proxyaddressFrom?: string;
  bypassonlocal?: boolean;
  scriptLocation?: string;
  autoDetect?: boolean;
  bypassList: string[];
  module?: string;
  broken: string[];
  notes: string[];
}

function traceBool(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  const t = v.trim().toLowerCase();
  if (t === 'true') return true;
  if (t === 'false') return false;
  return undefined;
}

/** The wizard's trace log reports what it read from machine.config: usable when the file is missing. */
function configFromTrace(ev: EvidenceSet): DotNetProxyConfig | undefined {
  const t = ev.traceProxy.find((x) => x.proxyAddress !== undefined || x.useSystemDefault !== undefined || x.enabled !== undefined);
  if (!t) return undefined;
  const address = t.proxyAddress && !/unspecified/i.test(t.proxyAddress) ? t.proxyAddress : undefined;
  const usd = traceBool(t.useSystemDefault);
  const bol = traceBool(t.bypassOnLocal);
  const ad = traceBool(t.autoDetect);
  const proxy: NonNullable<DotNetProxyConfig['proxy']> = {};
  if (address) proxy.proxyaddress = address;
  if (usd !== undefined) proxy.usesystemdefault = usd;
  if (bol !== undefined) proxy.bypassonlocal = bol;
  if (ad !== undefined) proxy.autoDetect = ad;
  return {
    file: `${t.file} (${t.location}, machine.config as the wizard read it)`,
    scope: 'machine.config (Framework64)',
    present: Object.keys(proxy).length > 0 || traceBool(t.enabled) === false,
    enabled: traceBool(t.enabled) ?? true,
    useDefaultCredentials: traceBool(t.useDefaultCredentials) ?? false,
    proxy,
    bypassList: [],
    problems: [],
  };
}

function machineConfig(ev: EvidenceSet, bits: 64 | 32): DotNetProxyConfig | undefined {
  if (bits === 32) return ev.dotNetProxy.find((c) => c.scope === 'machine.config (Framework)');
  return (
    ev.dotNetProxy.find((c) => c.scope === 'machine.config (Framework64)') ??
    ev.dotNetProxy.find((c) => c.scope === 'machine.config') ??
    configFromTrace(ev)
  );
}

/**
 * .NET merges a program's .exe.config over machine.config attribute by attribute (a child section is
 * deserialised on top of its parent); `<bypasslist><add>` entries accumulate.
 */
function mergeDotNet(configs: (DotNetProxyConfig | undefined)[]): MergedDotNet {
  const m: MergedDotNet = { known: false, files: [], configs: [], present: false, enabled: true, useDefaultCredentials: false, bypassList: [], broken: [], notes: [] };
  for (const c of configs) {
    if (!c) continue;
    m.known = true;
    m.files.push(c.scope);
    m.configs.push(c);
    for (const p of c.problems) {
      if (p.kind === 'not-well-formed') m.broken.push(`${c.scope} is not well-formed XML (${p.message}): .NET refuses to load it and the program fails before any request`);
      else m.notes.push(`${c.scope}: ${p.message}`);
    }
    if (!c.present) continue;
    m.present = true;
    m.enabled = c.enabled;
    if (c.useDefaultCredentials) m.useDefaultCredentials = true;
    const p = c.proxy ?? {};
    if (p.usesystemdefault !== undefined) m.usesystemdefault = p.usesystemdefault;
    if (p.proxyaddress !== undefined && p.proxyaddress.trim() !== '') {
      m.proxyaddress = p.proxyaddress;
      m.proxyaddressFrom = c.scope;
    }
    if (p.bypassonlocal !== undefined) m.bypassonlocal = p.bypassonlocal;
    if (p.scriptLocation !== undefined) m.scriptLocation = p.scriptLocation;
    if (p.autoDetect !== undefined) m.autoDetect = p.autoDetect;
    m.bypassList.push(...c.bypassList);
    if (c.module) m.module = c.module;
  }
  return m;
}

// ------------------------------------------------------------------ WinINET of an account
interface AccountSettings {
  label: string;
  /** null: not collected. */
  settings: NormalisedWinInet | null;
  /** Why the settings are what they are (assumptions said plainly). */
  note?: string;
}

interface NormalisedWinInet {
  origin: string;
  proxyServer?: string;
  proxyOverride?: string;
  autoConfigUrl?: string;
  autoDetect: boolean;
}

function normaliseWinInet(w: WinInetSettings): NormalisedWinInet {
  // .NET Framework reads the DefaultConnectionSettings blob (RegBlobWebProxyDataBuilder), not the
  // ProxyEnable/ProxyServer values; WinINET keeps both in step. Prefer the blob when it is usable.
  const cs = w.connectionSettings;
  if (cs && cs.usable) {
    return {
      origin: `${w.hive} DefaultConnectionSettings`,
      ...(cs.proxyEnabled && cs.proxyServer ? { proxyServer: cs.proxyServer } : {}),
      ...(cs.bypassList ? { proxyOverride: cs.bypassList } : {}),
      ...(cs.autoConfigUrlEnabled && cs.autoConfigUrl ? { autoConfigUrl: cs.autoConfigUrl } : {}),
      autoDetect: cs.autoDetect,
    };
  }
  if (cs && !cs.usable) return { origin: `${w.hive} DefaultConnectionSettings (old blob: .NET assumes auto-detect)`, autoDetect: true };
  return {
    origin: `${w.hive} Internet Settings`,
    ...(w.proxyEnable && w.proxyServer ? { proxyServer: w.proxyServer } : {}),
    ...(w.proxyOverride ? { proxyOverride: w.proxyOverride } : {}),
    ...(w.autoConfigUrl ? { autoConfigUrl: w.autoConfigUrl } : {}),
    autoDetect: w.autoDetect === true,
  };
}

function machineWide(ev: EvidenceSet): WinInetSettings | undefined {
  if (!ev.winInet.some((w) => w.proxySettingsPerUser === false)) return undefined;
  // A reg export names the key (HKLM\...); the collector's wininet.json names the hive 'machine'.
  return ev.winInet.find((w) => /^(?:HKLM|machine$)/i.test(w.hive) && (w.proxyServer || w.autoConfigUrl || w.connectionSettings || w.proxyEnable !== undefined));
}

const VIRTUAL_ACCOUNT = /^NT SERVICE\\/i;

function serviceAccountName(ev: EvidenceSet): string | undefined {
  return ev.adsync.find((a) => a.serviceAccount)?.serviceAccount;
}

function accountSettings(ev: EvidenceSet, who: 'admin' | 'service'): AccountSettings {
  const mw = machineWide(ev);
  if (mw) return { label: 'machine-wide WinINET (ProxySettingsPerUser=0)', settings: normaliseWinInet(mw) };
  if (who === 'admin') {
    const w = ev.winInet.find((x) => x.hive === 'current-user');
    return { label: `the admin's WinINET${w?.user ? ` (${w.user})` : ''}`, settings: w ? normaliseWinInet(w) : null };
  }
  const account = serviceAccountName(ev);
  const w = ev.winInet.find((x) => x.hive === 'service-account');
  const label = `the service account's WinINET${account ? ` (${account})` : ''}`;
  if (w) return { label, settings: normaliseWinInet(w) };
  if (!account || VIRTUAL_ACCOUNT.test(account)) {
    // The virtual account's profile is never used interactively, so nobody ever sets a proxy in it.
    return {
      label,
      settings: { origin: 'service account (not collected)', autoDetect: false },
      note: `${account ?? 'NT SERVICE\\ADSync (the default)'} is a virtual account whose WinINET settings are normally empty (assumed: its hive was not collected)`,
    };
  }
  return { label, settings: null };
}

// ------------------------------------------------------------------ PAC
function pacText(ev: EvidenceSet, url: string): PacScript | undefined {
  return ev.pacScripts?.find((p) => p.url.toLowerCase() === url.toLowerCase());
}

function pacDecision(
  ev: EvidenceSet,
  base: Omit<RouteDecision, 'route' | 'effective' | 'proxy' | 'source' | 'layer'>,
  scriptUrl: string,
  origin: string,
  fallback: string | undefined,
): RouteDecision {
  const reasons = [...base.reasons];
  const script = scriptUrl === 'WPAD' ? undefined : pacText(ev, scriptUrl);
  const where = scriptUrl === 'WPAD' ? 'WPAD auto-detect (DHCP/DNS)' : `PAC ${scriptUrl}`;
  reasons.push(`${origin}: ${where}`);
  if (fallback) reasons.push(`when the script cannot be fetched or run, .NET falls back to ${fallback}`);
  if (!script) {
    reasons.push(scriptUrl === 'WPAD' ? 'the WPAD script is found on the network at run time: outcome unknown offline' : 'the PAC text is not in the evidence: outcome unknown');
    return { ...base, route: 'pac', effective: 'unknown', proxy: null, pac: scriptUrl, source: `${origin}: ${where} (not evaluated)`, layer: 'pac', reasons };
  }
  const out = evaluatePac(script.text, endpointUrl(base.endpoint));
  if (out.kind !== 'result') {
    reasons.push(out.reason);
    return { ...base, route: 'pac', effective: 'unknown', proxy: null, pac: scriptUrl, source: `${origin}: ${where} (outcome unknown)`, layer: 'pac', reasons };
  }
  const first = out.entries[0];
  reasons.push(`FindProxyForURL returns "${out.raw}"${out.rule ? ` (because ${out.rule})` : ''}`);
  if (!first || first.type === 'DIRECT') {
    return {
      ...base, route: 'pac', effective: 'direct', proxy: null, pac: scriptUrl,
      bypassRule: out.rule ? `PAC: ${out.rule}` : 'PAC: DIRECT',
      source: `${origin}: ${where} says DIRECT`, layer: 'pac', reasons,
    };
  }
  const hp = first.hostPort ? parseProxyAddress(first.hostPort) : null;
  return {
    ...base, route: 'pac', effective: hp ? 'proxy' : 'unknown', proxy: hp?.hostPort ?? null, pac: scriptUrl,
    source: `${origin}: ${where} says ${first.type} ${first.hostPort ?? ''}`.trim(), layer: 'pac', reasons,
  };
}

// ------------------------------------------------------------------ one .NET actor, one endpoint
function resolveDotNet(
  ev: EvidenceSet,
  actor: Actor,
  endpoint: Endpoint,
  cfg: MergedDotNet,
  account: AccountSettings,
): RouteDecision {
  const url = new URL(endpointUrl(endpoint));
  const reasons: string[] = [];
  const base = { actor, endpoint, reasons, credentials: cfg.useDefaultCredentials };
  const cfgName = cfg.files.length > 0 ? cfg.files.join(' + ') : 'machine.config';
  if (!cfg.known) {
    reasons.push('machine.config was not in the evidence');
    return { ...base, route: 'unknown', effective: 'unknown', proxy: null, source: 'machine.config not collected', layer: 'none' };
  }
  if (cfg.broken.length > 0) {
    reasons.push(...cfg.broken);
    return { ...base, route: 'unknown', effective: 'unknown', proxy: null, source: `${cfg.broken[0]!.split(' ')[0]} is not well-formed`, layer: 'machine.config' };
  }
  reasons.push(...cfg.notes);
  if (!cfg.present) reasons.push(`${cfgName}: no <defaultProxy> section`);
  if (!cfg.enabled) {
    reasons.push(`${cfgName}: defaultProxy enabled="false" turns every proxy off`);
    return { ...base, route: 'direct', effective: 'direct', proxy: null, credentials: false, source: `${cfgName}: defaultProxy enabled="false"`, layer: 'machine.config' };
  }
  if (cfg.module) {
    reasons.push(`${cfgName}: a custom proxy <module type="${cfg.module}"> decides at run time`);
    return { ...base, route: 'unknown', effective: 'unknown', proxy: null, source: `${cfgName}: custom proxy module`, layer: 'machine.config' };
  }
  const decidedBy = cfg.proxyaddressFrom ?? cfgName;
  const layerOf = (scope: string) => (scope.startsWith('miiserver') ? 'miiserver.exe.config' : 'machine.config');

  // The config's own bypass rules apply whatever proxy is chosen.
  const configBypass = (): { rule: string; why: string } | null => {
    if (cfg.bypassonlocal && isPlainHostName(url.hostname)) return { rule: 'bypassonlocal', why: `${cfgName}: bypassonlocal="true" and ${url.hostname} has no dot` };
    const r = matchRegexBypass(cfg.bypassList, url);
    if (r.invalid.length > 0) {
      reasons.push(`${cfgName}: bypasslist entr${r.invalid.length > 1 ? 'ies' : 'y'} ${r.invalid.map((e) => `'${e}'`).join(', ')} ${r.invalid.length > 1 ? 'are' : 'is'} not a valid regular expression (.NET expects a regex such as '\\.contoso\\.com$', not a wildcard): .NET then ignores the whole bypass list`);
    }
    if (r.matched) return { rule: r.matched, why: `${cfgName}: bypasslist regex '${r.matched}' matches '${url.protocol}//${url.hostname}'` };
    return null;
  };

  // Explicit script / auto-detect in the <proxy> element.
  if (cfg.scriptLocation || cfg.autoDetect) {
    const bp = configBypass();
    if (bp) {
      reasons.push(bp.why);
      return { ...base, route: 'bypassed', effective: 'direct', proxy: null, bypassRule: bp.rule, source: bp.why, layer: layerOf(decidedBy) };
    }
    return pacDecision(ev, base, cfg.scriptLocation ?? 'WPAD', `${cfgName}: <proxy ${cfg.scriptLocation ? `scriptLocation="${cfg.scriptLocation}"` : 'autoDetect="true"'}>`, cfg.proxyaddress);
  }

  // Explicit proxyaddress: wins over the account's WinINET proxy (usesystemdefault only fills what is not set).
  if (cfg.proxyaddress) {
    const hp = parseProxyAddress(cfg.proxyaddress);
    reasons.push(`${decidedBy}: proxyaddress="${cfg.proxyaddress}"${cfg.usesystemdefault ? ' (takes precedence over the account\'s WinINET proxy; usesystemdefault only fills what is not set)' : ''}`);
    if (!hp) {
      reasons.push(`'${cfg.proxyaddress}' is not a usable proxy address`);
      return { ...base, route: 'unknown', effective: 'unknown', proxy: null, source: `${decidedBy}: proxyaddress is not an address`, layer: layerOf(decidedBy) };
    }
    const bp = configBypass();
    if (bp) {
      reasons.push(bp.why);
      return { ...base, route: 'bypassed', effective: 'direct', proxy: hp.hostPort, bypassRule: bp.rule, source: bp.why, layer: layerOf(decidedBy) };
    }
    if (cfg.usesystemdefault && account.settings?.proxyOverride) {
      const m = matchWildcardBypass(account.settings.proxyOverride, url);
      if (m) {
        const why = `usesystemdefault="true" brings in ${account.label} ProxyOverride '${m}'`;
        reasons.push(why);
        return { ...base, route: 'bypassed', effective: 'direct', proxy: hp.hostPort, bypassRule: m, source: why, layer: 'wininet' };
      }
    }
    if (!cfg.useDefaultCredentials) reasons.push('useDefaultCredentials is not "true": no Windows credentials are sent, so an authenticating proxy answers 407');
    else if (actor === 'sync-service' || actor === 'wizard-configure') {
      const acct = serviceAccountName(ev);
      if (acct && VIRTUAL_ACCOUNT.test(acct)) reasons.push(`credentials are sent as ${acct}, which appears on the network as the computer account (DOMAIN\\SERVER$)`);
    }
    return { ...base, route: 'proxy', effective: 'proxy', proxy: hp.hostPort, source: `${decidedBy}: proxyaddress ${hp.hostPort}`, layer: layerOf(decidedBy) };
  }

  if (cfg.usesystemdefault === false) {
    reasons.push(`${cfgName}: usesystemdefault="false" and no proxyaddress: no proxy`);
    return { ...base, route: 'direct', effective: 'direct', proxy: null, credentials: false, source: `${cfgName}: usesystemdefault="false", no proxyaddress`, layer: 'machine.config' };
  }

  // No explicit proxy: .NET uses the WinINET settings of the account the process runs as.
  reasons.push(
    cfg.present
      ? `${cfgName}: no proxyaddress${cfg.usesystemdefault ? ', usesystemdefault="true"' : ''}: .NET uses ${account.label}`
      : `.NET then uses ${account.label}`,
  );
  if (account.note) reasons.push(account.note);
  const s = account.settings;
  if (!s) {
    reasons.push(`${account.label} was not collected`);
    return { ...base, route: 'unknown', effective: 'unknown', proxy: null, source: `${account.label}: not collected`, layer: 'wininet' };
  }
  const bp = configBypass();
  if (bp && (s.proxyServer || s.autoConfigUrl || s.autoDetect)) {
    reasons.push(bp.why);
    return { ...base, route: 'bypassed', effective: 'direct', proxy: null, bypassRule: bp.rule, source: bp.why, layer: 'machine.config' };
  }
  // WinINET order: auto-detect, then the PAC URL, then the manual proxy (also the fallback).
  if (s.autoDetect || s.autoConfigUrl) {
    return pacDecision(ev, base, s.autoDetect && !s.autoConfigUrl ? 'WPAD' : s.autoConfigUrl!, `${account.label} (${s.origin})`, s.proxyServer ? `the manual proxy ${s.proxyServer}` : undefined);
  }
  if (!s.proxyServer) {
    reasons.push(`${account.label} has no proxy`);
    return { ...base, route: 'direct', effective: 'direct', proxy: null, credentials: false, source: `${cfg.present ? cfgName : `${cfgName} has no defaultProxy`}; ${account.label} has no proxy`, layer: 'none' };
  }
  const { proxy, entry } = proxyForScheme(s.proxyServer, endpoint.scheme);
  if (!proxy) {
    reasons.push(`${account.label} ProxyServer '${s.proxyServer}': ${entry} (${endpoint.scheme} goes direct)`);
    return { ...base, route: 'direct', effective: 'direct', proxy: null, credentials: false, source: `${account.label}: no ${endpoint.scheme}= proxy`, layer: 'wininet' };
  }
  reasons.push(`${account.label} ProxyServer '${s.proxyServer}' → ${proxy.hostPort}`);
  if (s.proxyOverride) {
    const m = matchWildcardBypass(s.proxyOverride, url);
    if (m) {
      const why = `${account.label} ProxyOverride '${m}' matches ${url.hostname}`;
      reasons.push(why);
      return { ...base, route: 'bypassed', effective: 'direct', proxy: proxy.hostPort, bypassRule: m, source: why, layer: 'wininet' };
    }
  }
  if (!cfg.useDefaultCredentials) reasons.push('useDefaultCredentials is not "true": .NET sends no Windows credentials to this proxy');
  return { ...base, route: 'proxy', effective: 'proxy', proxy: proxy.hostPort, source: `${account.label}: ${proxy.hostPort}`, layer: 'wininet' };
}

// ------------------------------------------------------------------ WinHTTP
function resolveWinHttp(ev: EvidenceSet, endpoint: Endpoint): RouteDecision {
  const w = ev.winHttp.find((x) => !/wow6432/i.test(x.source ?? '')) ?? ev.winHttp[0];
  const reasons: string[] = [];
  const base = { actor: 'winhttp-clients' as const, endpoint, reasons };
  if (!w) {
    reasons.push('WinHTTP settings were not collected');
    return { ...base, route: 'unknown', effective: 'unknown', proxy: null, source: 'WinHTTP not collected', layer: 'none' };
  }
  const from = w.source ?? 'netsh winhttp';
  if (w.direct || !w.proxyServer) {
    reasons.push(`${from}: Direct access (no proxy server)`);
    return { ...base, route: 'direct', effective: 'direct', proxy: null, source: `WinHTTP (${from}): direct access`, layer: 'winhttp' };
  }
  const url = new URL(endpointUrl(endpoint));
  const { proxy, entry } = proxyForScheme(w.proxyServer, endpoint.scheme);
  if (!proxy) {
    reasons.push(`${from}: proxy '${w.proxyServer}': ${entry}`);
    return { ...base, route: 'direct', effective: 'direct', proxy: null, source: `WinHTTP (${from}): no ${endpoint.scheme}= proxy`, layer: 'winhttp' };
  }
  reasons.push(`${from}: proxy ${proxy.hostPort}`);
  if (w.bypassList) {
    const m = matchWildcardBypass(w.bypassList, url);
    if (m) {
      reasons.push(`${from}: bypass list entry '${m}' matches ${url.hostname}`);
      return { ...base, route: 'bypassed', effective: 'direct', proxy: proxy.hostPort, bypassRule: m, source: `WinHTTP bypass '${m}'`, layer: 'winhttp' };
    }
  }
  return { ...base, route: 'proxy', effective: 'proxy', proxy: proxy.hostPort, source: `WinHTTP (${from}): ${proxy.hostPort}`, layer: 'winhttp' };
}

// ------------------------------------------------------------------ the matrix
const ACTOR_FEATURES: Record<Actor, Feature[]> = {
  'sync-service': ['sync', 'password-hash-sync', 'password-writeback'],
  'wizard-signin': ['sync', 'mfa'],
  'wizard-configure': ['sync'],
  'admin-powershell': ['sync'],
  'admin-powershell-x86': ['sync'],
  'health-agent': ['health'],
  'winhttp-clients': ['crl'],
};

function httpsOnly(list: Endpoint[]): Endpoint[] {
  return list.filter((e) => e.port === 443);
}

function hasProxyEvidence(ev: EvidenceSet): boolean {
  return ev.dotNetProxy.length > 0 || ev.winInet.length > 0 || ev.winHttp.length > 0 || ev.traceProxy.length > 0;
}

/**
 * What the sync service (miiserver.exe) reads: machine.config (Framework64) — or, when the file is not in
 * the evidence, what the wizard's trace says it read — with miiserver.exe.config merged over it.
 */
export function serviceDotNetConfig(ev: EvidenceSet): MergedDotNet {
  const m64 = machineConfig(ev, 64);
  const mii = ev.dotNetProxy.find((c) => c.scope === 'miiserver.exe.config');
  const cfg = mergeDotNet([m64, mii]);
  if (!m64 && mii) cfg.notes.push('machine.config (Framework64) was not in the evidence: only miiserver.exe.config is known');
  return cfg;
}

/** Every actor × endpoint decision, ungrouped (what the rules read). Empty when no proxy layer is in the evidence. */
export function resolveRouteMatrix(ev: EvidenceSet): RouteDecision[] {
  if (!hasProxyEvidence(ev)) return [];
  const out: RouteDecision[] = [];
  const m64 = machineConfig(ev, 64);
  const m32 = machineConfig(ev, 32);
  const mii = ev.dotNetProxy.find((c) => c.scope === 'miiserver.exe.config');
  const dotNetKnown = m64 !== undefined || mii !== undefined;
  const admin = accountSettings(ev, 'admin');
  const service = accountSettings(ev, 'service');

  if (dotNetKnown) {
    const svcCfg = serviceDotNetConfig(ev);
    for (const e of httpsOnly(endpointsFor(ACTOR_FEATURES['sync-service']))) out.push(resolveDotNet(ev, 'sync-service', e, svcCfg, service));
    const wizCfg = mergeDotNet([m64]);
    for (const e of httpsOnly(endpointsFor(ACTOR_FEATURES['wizard-signin']))) out.push(resolveDotNet(ev, 'wizard-signin', e, wizCfg, admin));
    for (const e of httpsOnly(endpointsFor(ACTOR_FEATURES['wizard-configure']))) out.push(resolveDotNet(ev, 'wizard-configure', e, wizCfg, service));
    for (const e of httpsOnly(endpointsFor(ACTOR_FEATURES['admin-powershell']))) out.push(resolveDotNet(ev, 'admin-powershell', e, wizCfg, admin));
    if (m32) {
      const x86 = mergeDotNet([m32]);
      for (const e of httpsOnly(endpointsFor(ACTOR_FEATURES['admin-powershell-x86']))) out.push(resolveDotNet(ev, 'admin-powershell-x86', e, x86, admin));
    }
    // Connect Health: its own setting (Set-MicrosoftEntraConnectHealthProxySettings) is not collected;
    // machine.config covers its System.Net traffic. Never WinHTTP. It runs as Local System.
    for (const e of httpsOnly(endpointsFor(ACTOR_FEATURES['health-agent']))) {
      const d = resolveDotNet(ev, 'health-agent', e, wizCfg, { label: "the agent account's WinINET (Local System)", settings: null });
      if (d.route !== 'proxy' && d.route !== 'bypassed') {
        d.reasons.push("the agent's own proxy setting (Get-MicrosoftEntraConnectHealthProxySettings) was not collected; netsh winhttp does not apply to it");
        if (d.route === 'direct' || d.route === 'unknown') {
          d.route = 'unknown';
          d.effective = 'unknown';
          d.source = "machine.config names no proxy; the agent's own proxy setting (Get-MicrosoftEntraConnectHealthProxySettings) was not collected";
        }
      }
      out.push(d);
    }
  }
  if (ev.winHttp.length > 0) {
    for (const e of endpointsFor(ACTOR_FEATURES['winhttp-clients'])) out.push(resolveWinHttp(ev, e));
  }
  return out;
}

function endpointText(list: Endpoint[]): string {
  const names = list.map((e) => (e.port === 80 ? `${e.pattern}:80` : e.pattern));
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 2).join(', ')} +${names.length - 2} more`;
}

/**
 * The compact matrix for the report: one row per actor and distinct route, the endpoints that share
 * it grouped in one row (the full list in the reasons).
 */
export function groupDecisions(decisions: RouteDecision[]): ProxyPath[] {
  const rows: { key: string; ds: RouteDecision[] }[] = [];
  for (const d of decisions) {
    const key = [d.actor, d.route, d.proxy, d.pac ?? '', d.bypassRule ?? '', d.credentials ?? '', d.source, d.effective].join('\u0000');
    const row = rows.find((r) => r.key === key);
    if (row) row.ds.push(d);
    else rows.push({ key, ds: [d] });
  }
  return rows.map(({ ds }) => {
    const d = ds[0]!;
    const endpoints = ds.map((x) => x.endpoint);
    const path: ProxyPath = {
      actor: d.actor,
      endpoint: endpointText(endpoints),
      route: d.route,
      proxy: d.proxy,
      source: d.source,
      reasons: [...d.reasons, ...(endpoints.length > 3 ? [`endpoints: ${endpoints.map((e) => e.pattern).join(', ')}`] : [])],
    };
    if (d.credentials !== undefined && (d.effective === 'proxy' || d.route === 'pac')) path.credentials = d.credentials;
    if (d.route === 'pac') path.pac = d.pac ?? null;
    if (d.bypassRule) path.bypassRule = d.bypassRule;
    return path;
  });
}

export function resolveProxyPaths(ev: EvidenceSet): ProxyPath[] {
  return groupDecisions(resolveRouteMatrix(ev));
}

export { ENDPOINTS };
