// Shared by the rule modules: reading a record group's facts (src/facts) and interpreting a fact's
// target with the proxy view (is this hop the proxy, the destination, on-premises). Not a rule.
import { factsOf } from '../../facts/extract.js';
import type { Fact, FactTarget } from '../../facts/types.js';
import type { RecordGroup } from '../../evidence/types.js';
import type { RuleContext } from '../types.js';
import { AD_PORTS, PROXY_PORTS, isConfiguredProxy, isInternalName, isLoopbackOrPrivate, isMicrosoftHost, isPublicIp } from '../context.js';

/** The facts of a group. */
export function facts(g: RecordGroup): Fact[] {
  return factsOf(g).facts;
}

/** First names of proxies ("proxy", "webproxy", "proxy01", "squid"); not "adfs-proxy" (an AD FS Web Application Proxy). */
const PROXY_LIKE_NAME = /^(?:(?:web|www|http|inet|internet|out)-?)?proxy(?:[-_]?\w+)?$|^(?:squid|cntlm|zscaler|bluecoat|websense|forcepoint|wpad)(?:[-_]?\w+)?$/i;

export function looksLikeProxyName(host: string): boolean {
  return !isMicrosoftHost(host) && PROXY_LIKE_NAME.test(host.split('.')[0]!);
}

export type Hop = 'proxy' | 'destination' | 'local' | 'on-premises' | 'unknown';

/**
 * Which hop a fact's target is: what the text says first, then the configuration (a configured proxy),
 * then what the address shows (a LAN/loopback address on a proxy port is a proxy or a local CNTLM; a
 * public address or a public name on 443/80 is the destination; an AD port is on-premises).
 */
export function hopOf(ctx: RuleContext, t: FactTarget | undefined): { hop: Hop; why: string; guess?: boolean } {
  if (!t || !t.host) {
    if (t?.role === 'proxy') return { hop: 'proxy', why: 'the message says the connection was to the proxy' };
    if (t?.role === 'destination') return { hop: 'destination', why: 'the message names the destination, not a proxy' };
    return { hop: 'unknown', why: 'the message names no host' };
  }
  const where = t.port ? `${t.host}:${t.port}` : t.host;
  const configured = isConfiguredProxy(ctx, t.host, t.port);
  if (t.role === 'proxy') return { hop: 'proxy', why: `the message says ${where} is the proxy` };
  if (configured) return { hop: 'proxy', why: `${where} is the proxy configured in ${configured.layer}` };
  if (t.port !== undefined && AD_PORTS.has(t.port)) return { hop: 'on-premises', why: `port ${t.port} is an Active Directory port` };
  const loopback = t.host === 'localhost' || t.host === '::1' || /^127\./.test(t.host);
  if (t.role === 'destination') {
    if (loopback) return { hop: 'local', why: `${where} is on this server itself: the request was for a local service` };
    return { hop: 'destination', why: `${where} is the destination the request was for` };
  }
  if (t.port !== undefined && PROXY_PORTS.has(t.port) && !isMicrosoftHost(t.host)) {
    return { hop: 'proxy', why: `${where} is ${isLoopbackOrPrivate(t.host) ? 'a local/LAN address' : looksLikeProxyName(t.host) ? 'a proxy-named host' : 'an address'} on a proxy port (${t.port})` };
  }
  // An internet-bound request connects to this machine only through a local proxy or forwarder (CNTLM, Fiddler, a VPN client).
  if (loopback && t.port !== undefined && t.port !== 80 && t.port !== 443) {
    return { hop: 'proxy', guess: true, why: `${where} is on this server itself: a local proxy or forwarder (CNTLM, Fiddler, a VPN client), since the destination is not local` };
  }
  if (t.port === undefined && looksLikeProxyName(t.host)) return { hop: 'proxy', why: `${t.host} is by its name a proxy` };
  if (isMicrosoftHost(t.host)) return { hop: 'destination', why: `${where} is a Microsoft endpoint, not a proxy` };
  if (t.host === 'masked') return t.port === 443 ? { hop: 'destination', why: `a host masked in the post on port 443, not a proxy port` } : { hop: 'unknown', why: 'the host is masked in the post' };
  const masked = /^(\d{1,3})\.x\.x\.x$/.exec(t.host);
  if (masked && !['10', '127', '192', '172', '169', '100'].includes(masked[1]!) && (t.port === 443 || t.port === 80)) {
    return { hop: 'destination', why: `${where} is a public address (masked in the post) on port ${t.port}, not a proxy` };
  }
  // A public address on a well-known service port (below 1024) or a Service Bus port: the destination.
  // Proxies listen on the ports of PROXY_PORTS (80 and 443 aside), not on 444 or 636.
  if (isPublicIp(t.host) && (t.port === undefined || t.port < 1024 || t.port === 9350 || t.port === 9352 || t.port === 5671)) {
    return { hop: 'destination', why: `${where} is a public address${t.port ? ` on port ${t.port}` : ''}, not a proxy` };
  }
  if (!isInternalName(t.host) && !/^\d/.test(t.host) && (t.port === undefined || t.port === 443 || t.port === 80)) {
    return { hop: 'destination', why: `${where} is a public name${t.port ? ` on port ${t.port}` : ''}, not a proxy` };
  }
  if (isInternalName(t.host)) return { hop: 'on-premises', why: `${t.host} is an on-premises name` };
  return { hop: 'unknown', why: `${where} is neither a configured proxy nor clearly the destination` };
}

/** Whether the group records a network failure at all (a fact of a network operation that is not a success). */
export function networkFailure(fs: Fact[]): Fact | undefined {
  return fs.find((f) => ['dns', 'connect', 'tunnel', 'tls', 'transfer', 'http'].includes(f.op) && f.kind !== 'success' && f.answeredBy !== 'entra');
}

export const AADSTS = (f: Fact): number[] => f.codes.filter((c) => c.startsWith('aadsts:')).map((c) => Number(c.slice(7)));
