// Shared by the proxy-path rules (service-proxy-missing, pac-not-used-by-service, miiserver-config-override,
// machine-config-restart-needed): the route matrix, what people's settings say, and the live probes as
// proof. Not a rule (the registry does not list it).
import type { DotNetProxyConfig, EvidenceSet, ProbeResult, WinInetSettings } from '../../evidence/types.js';
import type { EvidenceQuote } from '../../model/report.js';
import { parseProxyAddress, proxyForScheme } from '../../route/match.js';
import { manualProxyOf } from '../../route/proxy-view.js';
import type { RuleContext } from '../types.js';

/** Whether the service's own configuration (machine.config + miiserver.exe.config) names a proxy. */
export function serviceConfigNamesProxy(ctx: RuleContext): { known: boolean; explicit: boolean; viaScript: boolean } {
  const svc = ctx.proxy.service;
  return { known: svc.known, explicit: svc.address !== undefined, viaScript: svc.script !== undefined };
}

/** WinINET settings of people (not the service account). */
export function peopleHives(ev: EvidenceSet): WinInetSettings[] {
  return ev.winInet.filter((w) => w.hive !== 'service-account');
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
export function serviceConfigQuotes(ev: EvidenceSet, ctx: RuleContext): EvidenceQuote[] {
  const out: EvidenceQuote[] = [];
  if (!ctx.proxy.service.fromTrace) for (const c of ctx.proxy.service.configs) out.push(dotNetQuote(c));
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

