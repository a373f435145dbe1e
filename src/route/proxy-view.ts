// One view of the proxies in the evidence, derived once and read by every rule, fix and verdict:
// which proxies are named where, what the sync service itself uses (machine.config merged with
// miiserver.exe.config, as .NET merges them), the proxy people use, and the one address every fix
// writes. docs/proxy-layers.md explains the layers.
import type { DotNetProxyConfig, EvidenceSet, WinInetSettings } from '../evidence/types.js';
import type { ProxyPath } from '../model/report.js';
import { matchRegexBypass, parseProxyAddress, parseProxyList, proxyForScheme, type ProxyEntry } from './match.js';
import { groupDecisions, resolveRouteMatrix, serviceDotNetConfig, type RouteDecision } from './resolve.js';

/** A proxy named somewhere in the evidence, and where. */
export interface ConfiguredProxy extends ProxyEntry {
  /** The layer in words: `machine.config (Framework64)`, `Internet Options (WinINET, CONTOSO\admin)`, … */
  layer: string;
}

/** What the sync service (miiserver.exe under its service account) reads. */
export interface ServiceProxy {
  /** Whether machine.config, miiserver.exe.config or the wizard's reading of machine.config is in the evidence. */
  known: boolean;
  /** The file that decides, for sentences: where the address is set, or the section that switches it off. */
  file?: string;
  /** Whether only the wizard's trace log tells what machine.config holds. */
  fromTrace: boolean;
  /** The explicit proxy (`host:port`) the service sends its requests to, after merging. */
  address?: string;
  /** `<defaultProxy enabled="false">`: every proxy switched off. */
  disabled: boolean;
  /** The address a switched-off section still names. */
  offAddress?: string;
  /** useDefaultCredentials="true": Windows credentials are sent to the proxy. */
  credentials: boolean;
  /** A PAC script or auto-detect named in the service's own configuration. */
  script?: { url?: string; autoDetect: boolean; file: string };
  bypassOnLocal: boolean;
  /** `<bypasslist>` regular expressions of the service's files, merged. */
  bypassList: string[];
  /** The service's configuration files as read (machine.config first). */
  configs: DotNetProxyConfig[];
  /** The service's rows of the route matrix. */
  decisions: RouteDecision[];
}

export interface PeopleProxy {
  /** `host:port` of the proxy HTTPS traffic takes. */
  address: string;
  /** "CONTOSO\admin's Internet Options", "the logged-on admin's Internet Options", "WinHTTP (netsh)". */
  who: string;
  settings?: WinInetSettings;
}

export interface ProxyView {
  /** Every proxy named anywhere: service config, WinINET, WinHTTP, trace, probes, environment. */
  configured: ConfiguredProxy[];
  service: ServiceProxy;
  /** The proxy people use (WinINET of anyone but the service account, else WinHTTP), for HTTPS. */
  people?: PeopleProxy;
  /** The one proxy address every fix writes into machine.config, and where it came from. */
  fixAddress?: string;
  fixFrom?: string;
  /** The route matrix: every actor × endpoint, and its grouped form for the report. */
  decisions: RouteDecision[];
  paths: ProxyPath[];
}

/** The manual proxy HTTPS traffic takes under these WinINET settings (the blob wins when .NET reads it). */
export function manualProxyOf(w: WinInetSettings): string | undefined {
  const cs = w.connectionSettings;
  const server = cs && cs.usable ? (cs.proxyEnabled ? cs.proxyServer : '') : w.proxyEnable !== false ? w.proxyServer : '';
  if (!server) return undefined;
  return proxyForScheme(server, 'https').proxy?.hostPort;
}

function whoseSettings(w: WinInetSettings): string {
  if (w.user) return `${w.user}'s Internet Options`;
  if (w.hive === 'current-user') return "the logged-on admin's Internet Options";
  if (/^(?:HKLM|machine$)/i.test(w.hive)) return 'the machine-wide Internet Options';
  return `the Internet Options of ${w.hive}`;
}

function configuredProxies(ev: EvidenceSet): ConfiguredProxy[] {
  const out: ConfiguredProxy[] = [];
  const add = (value: string | null | undefined, layer: string) => {
    for (const p of parseProxyList(value)) out.push({ ...p, layer });
  };
  for (const c of ev.dotNetProxy) if (c.present && c.enabled !== false) add(c.proxy?.proxyaddress, c.scope);
  for (const w of ev.winInet) {
    if (w.proxyEnable === false) continue;
    add(w.proxyServer, `Internet Options (WinINET, ${w.user ?? w.hive})`);
  }
  for (const w of ev.winHttp) if (!w.direct) add(w.proxyServer, 'WinHTTP (netsh winhttp)');
  for (const t of ev.traceProxy) add(t.proxyAddress, 'machine.config as the wizard read it (trace log)');
  for (const p of ev.probes) add(p.proxy, `probe as ${p.as}`);
  for (const e of ev.environment) if (/^(https?|all)_proxy$/i.test(e.name)) add(e.value, `environment ${e.name} (${e.scope})`);
  const seen = new Set<string>();
  return out.filter((p) => {
    const k = `${p.hostPort}|${p.scheme ?? ''}|${p.layer}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function serviceProxy(ev: EvidenceSet, decisions: RouteDecision[]): ServiceProxy {
  const cfg = serviceDotNetConfig(ev);
  const fromTrace = cfg.configs.length > 0 && cfg.configs.every((c) => !ev.dotNetProxy.includes(c));
  const address = cfg.enabled && cfg.proxyaddress ? parseProxyAddress(cfg.proxyaddress)?.hostPort : undefined;
  const offAddress = !cfg.enabled && cfg.proxyaddress ? parseProxyAddress(cfg.proxyaddress)?.hostPort : undefined;
  const offFile = !cfg.enabled ? [...cfg.configs].reverse().find((c) => c.present && !c.enabled)?.scope : undefined;
  const name = (scope: string | undefined) => (scope && fromTrace ? 'machine.config (trace log)' : scope);
  const view: ServiceProxy = {
    known: cfg.known,
    fromTrace,
    disabled: cfg.known && !cfg.enabled,
    credentials: cfg.useDefaultCredentials,
    bypassOnLocal: cfg.bypassonlocal === true,
    bypassList: [...cfg.bypassList],
    configs: cfg.configs,
    decisions: decisions.filter((d) => d.actor === 'sync-service'),
  };
  const file = name(address ? cfg.proxyaddressFrom : (offFile ?? cfg.files[0]));
  if (file) view.file = file;
  if (address) view.address = address;
  if (offAddress) view.offAddress = offAddress;
  if (cfg.enabled && (cfg.scriptLocation || cfg.autoDetect)) {
    view.script = { autoDetect: cfg.autoDetect === true, file: name(cfg.files.join(' + ')) ?? 'machine.config' };
    if (cfg.scriptLocation) view.script.url = cfg.scriptLocation;
  }
  return view;
}

function peopleProxy(ev: EvidenceSet): PeopleProxy | undefined {
  for (const w of ev.winInet) {
    if (w.hive === 'service-account') continue;
    const address = manualProxyOf(w);
    if (address) return { address, who: whoseSettings(w), settings: w };
  }
  for (const h of ev.winHttp) {
    const address = !h.direct && h.proxyServer ? proxyForScheme(h.proxyServer, 'https').proxy?.hostPort : undefined;
    if (address) return { address, who: 'WinHTTP (netsh winhttp)' };
  }
  return undefined;
}

/** The proxy the live probes reached when "direct fails, through the proxy works" proves a bypass. */
function provenByProbes(ev: EvidenceSet): string | undefined {
  const as = ev.probes.some((p) => p.as === 'service') ? 'service' : 'admin';
  const ps = ev.probes.filter((p) => p.as === as);
  for (const direct of ps.filter((p) => p.test === 'tcp-direct' && !p.ok)) {
    const via = ps.find((p) => p.test === 'https-proxy' && p.endpoint === direct.endpoint && p.ok && p.proxy);
    const hp = via?.proxy ? parseProxyAddress(via.proxy)?.hostPort : undefined;
    if (hp) return hp;
  }
  return undefined;
}

/**
 * The one proxy address every fix writes, in this order: the service's own (set, or switched off), the
 * one the probes proved, the one people use for HTTPS (WinINET, then WinHTTP), a PAC script's answer,
 * the wizard's reading of machine.config, a probe's, the environment's. Always the HTTPS proxy: Azure
 * AD Connect's traffic is HTTPS, so an `http=` entry of a per-protocol list is never the answer.
 */
function fixAddressOf(ev: EvidenceSet, service: ServiceProxy, people: PeopleProxy | undefined, decisions: RouteDecision[], configured: ConfiguredProxy[]): { address: string; from: string } | undefined {
  if (service.address) return { address: service.address, from: service.file ?? 'machine.config' };
  if (service.offAddress) return { address: service.offAddress, from: `${service.file ?? 'machine.config'} (switched off)` };
  const proven = provenByProbes(ev);
  if (proven) return { address: proven, from: 'the live probes (through the proxy worked)' };
  if (people) return { address: people.address, from: people.who };
  const pac = decisions.find((d) => d.route === 'pac' && d.effective === 'proxy' && d.proxy);
  if (pac?.proxy) return { address: pac.proxy, from: pac.source };
  const rest = configured.filter((p) => p.scheme === undefined || p.scheme === 'https');
  for (const re of [/trace log/, /^probe/, /^environment/]) {
    const p = rest.find((x) => re.test(x.layer));
    if (p) return { address: p.hostPort, from: p.layer };
  }
  return undefined;
}

export function buildProxyView(ev: EvidenceSet): ProxyView {
  const decisions = resolveRouteMatrix(ev);
  const configured = configuredProxies(ev);
  const service = serviceProxy(ev, decisions);
  const people = peopleProxy(ev);
  const view: ProxyView = { configured, service, decisions, paths: groupDecisions(decisions) };
  if (people) view.people = people;
  const fix = fixAddressOf(ev, service, people, decisions, configured);
  if (fix) {
    view.fixAddress = fix.address;
    view.fixFrom = fix.from;
  }
  return view;
}

/** The configured proxy at `host[:port]`, if the name is one ("proxy" and "proxy.contoso.com" are the same machine). */
export function findConfiguredProxy(view: Pick<ProxyView, 'configured'>, host: string, port?: number): ConfiguredProxy | undefined {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  const short = h.split('.')[0];
  return view.configured.find((p) => {
    const sameHost = p.host === h || (!p.host.includes('.') && p.host === short) || (!h.includes('.') && !h.includes(':') && h === p.host.split('.')[0]);
    return sameHost && (port === undefined || p.port === port);
  });
}

/** The service configuration's `<bypasslist>` entry (a .NET regex) that sends https://<host> direct, if any. */
export function serviceBypassRule(service: ServiceProxy, host: string): { file: string; entry: string } | undefined {
  let url: URL;
  try {
    url = new URL(`https://${host}`);
  } catch {
    return undefined;
  }
  for (const c of service.configs) {
    if (!c.present || c.enabled === false || c.bypassList.length === 0) continue;
    const m = matchRegexBypass(c.bypassList, url);
    if (m.matched) return { file: c.scope, entry: m.matched };
  }
  return undefined;
}
