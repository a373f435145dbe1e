// Shared by the proxy-path rules (service-proxy-missing, pac-not-used-by-service, miiserver-config-override,
// machine-config-restart-needed): the route matrix, what people's settings say, and the live probes as
// proof. Not a rule (the registry does not list it).
import type { DotNetProxyConfig, EvidenceSet, ProbeResult, WinInetSettings } from '../../evidence/types.js';
import type { EvidenceQuote } from '../../model/report.js';
import { parseProxyAddress, proxyForScheme } from '../../route/match.js';
import { resolveRouteMatrix, type RouteDecision } from '../../route/resolve.js';
import type { RuleContext } from '../types.js';

export function decisions(ev: EvidenceSet): RouteDecision[] {
  return resolveRouteMatrix(ev);
}

/** The sync service's decisions (all its endpoints). */
export function serviceDecisions(ev: EvidenceSet): RouteDecision[] {
  return decisions(ev).filter((d) => d.actor === 'sync-service');
}

/** Whether the service's own configuration (machine.config + miiserver.exe.config) names a proxy. */
export function serviceConfigNamesProxy(ev: EvidenceSet): { known: boolean; explicit: boolean; viaScript: boolean } {
  const cfgs = ev.dotNetProxy.filter((c) => c.scope === 'machine.config (Framework64)' || c.scope === 'machine.config' || c.scope === 'miiserver.exe.config');
  const traceAddr = ev.traceProxy.find((t) => t.proxyAddress !== undefined);
  if (cfgs.length === 0 && !traceAddr) return { known: false, explicit: false, viaScript: false };
  const live = cfgs.filter((c) => c.present && c.enabled);
  const explicit =
    live.some((c) => !!c.proxy?.proxyaddress && parseProxyAddress(c.proxy.proxyaddress) !== null) ||
    (cfgs.length === 0 && !!traceAddr?.proxyAddress && !/unspecified/i.test(traceAddr.proxyAddress));
  const disabled = cfgs.some((c) => c.present && !c.enabled);
  const viaScript = live.some((c) => !!c.proxy?.scriptLocation || c.proxy?.autoDetect === true);
  return { known: true, explicit: explicit && !disabled, viaScript };
}

/** WinINET settings of people (not the service account). */
export function peopleHives(ev: EvidenceSet): WinInetSettings[] {
  return ev.winInet.filter((w) => w.hive !== 'service-account');
}

export function manualProxyOf(w: WinInetSettings): string | undefined {
  const cs = w.connectionSettings;
  const server = cs && cs.usable ? (cs.proxyEnabled ? cs.proxyServer : '') : w.proxyEnable ? w.proxyServer : '';
  if (!server) return undefined;
  return proxyForScheme(server, 'https').proxy?.hostPort;
}

export function pacOf(w: WinInetSettings): { url?: string; autoDetect: boolean } | undefined {
  const cs = w.connectionSettings;
  const url = cs && cs.usable ? (cs.autoConfigUrlEnabled ? cs.autoConfigUrl : '') : w.autoConfigUrl;
  const autoDetect = cs && cs.usable ? cs.autoDetect : w.autoDetect === true;
  if (!url && !autoDetect) return undefined;
  return { ...(url ? { url } : {}), autoDetect };
}

/** A manual proxy people or WinHTTP clients use. */
export function manualProxies(ev: EvidenceSet): { hostPort: string; quote: EvidenceQuote }[] {
  const out: { hostPort: string; quote: EvidenceQuote }[] = [];
  for (const w of peopleHives(ev)) {
    const hp = manualProxyOf(w);
    if (hp) out.push({ hostPort: hp, quote: winInetQuote(w) });
  }
  for (const h of ev.winHttp) {
    if (h.direct || !h.proxyServer) continue;
    const hp = proxyForScheme(h.proxyServer, 'https').proxy?.hostPort;
    if (hp) {
      out.push({
        hostPort: hp,
        quote: { kind: 'config', source: h.file, location: h.source ?? 'netsh winhttp show proxy', excerpt: `Proxy Server(s) :  ${h.proxyServer}${h.bypassList ? `  Bypass List :  ${h.bypassList}` : ''}` },
      });
    }
  }
  return out;
}

export function winInetQuote(w: WinInetSettings): EvidenceQuote {
  const parts: string[] = [];
  const cs = w.connectionSettings;
  if (cs && cs.usable) {
    parts.push(`DefaultConnectionSettings flags=0x${cs.flags.toString(16)}`);
    if (cs.proxyServer) parts.push(`proxy=${cs.proxyServer}`);
    if (cs.bypassList) parts.push(`bypass=${cs.bypassList}`);
    if (cs.autoConfigUrl) parts.push(`AutoConfigURL=${cs.autoConfigUrl}`);
    if (cs.autoDetect) parts.push('auto-detect on');
  } else {
    if (w.proxyEnable !== undefined) parts.push(`ProxyEnable=${w.proxyEnable ? 1 : 0}`);
    if (w.proxyServer) parts.push(`ProxyServer=${w.proxyServer}`);
    if (w.proxyOverride) parts.push(`ProxyOverride=${w.proxyOverride}`);
    if (w.autoConfigUrl) parts.push(`AutoConfigURL=${w.autoConfigUrl}`);
    if (w.autoDetect !== undefined) parts.push(`AutoDetect=${w.autoDetect ? 1 : 0}`);
  }
  return { kind: 'config', source: w.file, location: `${w.hive}${w.user ? ` (${w.user})` : ''}`, excerpt: parts.join(', ') || '(no proxy values)' };
}

export function dotNetQuote(c: DotNetProxyConfig, what?: string): EvidenceQuote {
  const excerpt = c.present ? (c.excerpt ?? what ?? '<defaultProxy> present') : (what ?? 'no <system.net><defaultProxy> section');
  const q: EvidenceQuote = { kind: 'config', source: c.file, location: c.scope, excerpt: excerpt.replace(/\s+/g, ' ').trim().slice(0, 400) };
  return q;
}

/** The config files the service reads, quoted (or what the trace log says). */
export function serviceConfigQuotes(ev: EvidenceSet): EvidenceQuote[] {
  const out: EvidenceQuote[] = [];
  for (const c of ev.dotNetProxy) {
    if (c.scope === 'machine.config (Framework64)' || c.scope === 'machine.config' || c.scope === 'miiserver.exe.config') out.push(dotNetQuote(c));
  }
  if (out.length === 0) {
    const t = ev.traceProxy.find((x) => x.proxyAddress !== undefined || x.useSystemDefault !== undefined);
    if (t) {
      out.push({
        kind: 'trace', source: t.file, location: t.location,
        excerpt: `Default Proxy [ProxyAddress]: ${t.proxyAddress ?? '<Unspecified>'}; [UseSystemDefault]: ${t.useSystemDefault ?? 'Unspecified'}`,
      });
    }
  }
  return out;
}

// ------------------------------------------------------------------ probes
export interface ProbeProof {
  /** Endpoints where a direct connection failed and the request through the proxy got an HTTP answer. */
  bypassProven: { endpoint: string; direct: ProbeResult; viaProxy: ProbeResult }[];
  /** Endpoints the server reaches directly (the missing proxy does not hurt them now). */
  directWorks: ProbeResult[];
  /** The proxy answered 407 to the probe. */
  proxyAuth: ProbeResult[];
  /** The proxy that was probed. */
  proxy?: string;
}

/** Proof from the live probes, preferring those run as the service account. */
export function probeProof(ev: EvidenceSet): ProbeProof {
  const as = ev.probes.some((p) => p.as === 'service') ? 'service' : 'admin';
  const ps = ev.probes.filter((p) => p.as === as);
  const proof: ProbeProof = { bypassProven: [], directWorks: [], proxyAuth: [] };
  for (const direct of ps.filter((p) => p.test === 'tcp-direct')) {
    if (direct.ok) {
      proof.directWorks.push(direct);
      continue;
    }
    const via = ps.find((p) => p.test === 'https-proxy' && p.endpoint === direct.endpoint);
    // "through the proxy works": any HTTP answer from the far end (even 404) proves the tunnel.
    if (via && via.ok) proof.bypassProven.push({ endpoint: direct.endpoint, direct, viaProxy: via });
  }
  proof.proxyAuth = ps.filter((p) => (p.test === 'https-proxy' || p.test === 'realm-discovery') && p.errorClass === 'proxy-auth');
  const withProxy = ps.find((p) => p.proxy);
  if (withProxy?.proxy) {
    const hp = parseProxyAddress(withProxy.proxy);
    if (hp) proof.proxy = hp.hostPort;
  }
  return proof;
}

export function probeQuote(p: ProbeResult): EvidenceQuote {
  const outcome = p.ok
    ? `ok${p.httpStatus ? ` (HTTP ${p.httpStatus})` : ''}`
    : `failed: ${p.errorClass ?? 'other'}${p.httpStatus ? ` (HTTP ${p.httpStatus})` : ''}`;
  return {
    kind: 'probe',
    source: p.file,
    location: `${p.test} ${p.endpoint}:${p.port} as ${p.as}`,
    excerpt: `${p.test} to ${p.endpoint}:${p.port}${p.proxy ? ` through ${p.proxy}` : ''}: ${outcome}${p.durationMs !== undefined ? ` in ${p.durationMs} ms` : ''}`,
  };
}

/** The proxy to write into the fix: the probed one, people's manual proxy, WinHTTP, a PAC answer. */
export function fixProxyAddress(ev: EvidenceSet, ctx?: RuleContext): string | undefined {
  const proof = probeProof(ev);
  if (proof.bypassProven.length > 0 && proof.proxy) return proof.proxy;
  const manual = manualProxies(ev)[0];
  if (manual) return manual.hostPort;
  const pacProxy = decisions(ev).find((d) => d.route === 'pac' && d.effective === 'proxy' && d.proxy);
  if (pacProxy?.proxy) return pacProxy.proxy;
  if (proof.proxy) return proof.proxy;
  const p = ctx?.proxies.find((x) => x.port);
  return p ? `${p.host}:${p.port}` : undefined;
}
