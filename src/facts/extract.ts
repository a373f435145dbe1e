// Record text -> facts. Every signature table (src/facts/signatures/), the localized phrases
// (phrases.ts) and the targets (targets.ts) are read over the text; what they say about the same
// failure is merged into one fact, and a fact that names no host gets the host the text names for that
// kind of step. Pure and deterministic; cached per text.
import { unfoldChain } from '../evidence/chain.js';
import type { RecordGroup } from '../evidence/types.js';
import { repairMojibake } from './mojibake.js';
import { matchPhrases, PHRASE_FACTS, PHRASES } from './phrases.js';
import type { Signature } from './signature.js';
import { CLIENT_SIGNATURES } from './signatures/clients.js';
import { DOTNET_SIGNATURES } from './signatures/dotnet.js';
import { ENTRA_CONNECT_SIGNATURES } from './signatures/entra-connect.js';
import { HTTP_SIGNATURES } from './signatures/http.js';
import { PROXY_SIGNATURES, proxyProduct } from './signatures/proxies.js';
import { WINDOWS_SIGNATURES } from './signatures/windows.js';
import { gateFor, gateText, mayMatch, type GateText } from './gate.js';
import { findTargets } from './targets.js';
import type { FindingFact } from '../model/report.js';
import type { Fact, FactSource, FactTarget, RecordFacts } from './types.js';

export const SIGNATURES: readonly Signature[] = [
  ...WINDOWS_SIGNATURES,
  ...DOTNET_SIGNATURES,
  ...HTTP_SIGNATURES,
  ...CLIENT_SIGNATURES,
  ...PROXY_SIGNATURES,
  ...ENTRA_CONNECT_SIGNATURES,
];

const SURE = { low: 1, medium: 2, high: 3 } as const;
const MAX_SEEN = 4;

function seenText(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 90 ? `${t.slice(0, 89)}…` : t;
}

function fromSignature(sig: Signature, m: RegExpExecArray): Fact {
  const code = typeof sig.code === 'function' ? sig.code(m) : sig.code;
  const f: Fact = { op: sig.op, kind: sig.kind, answeredBy: sig.answeredBy, codes: code ? [code] : [], sure: sig.sure, seen: [seenText(m[0])], via: [sig.via] };
  const status = sig.status?.(m);
  if (status !== undefined) f.status = status;
  const host = sig.host?.(m);
  if (host) {
    f.target = { host: host.toLowerCase(), role: sig.role ?? 'unknown' };
    const port = sig.port?.(m);
    if (port !== undefined) f.target.port = port;
  } else if (sig.role) {
    f.target = { host: '', role: sig.role };
  }
  const product = typeof sig.product === 'function' ? sig.product(m) : sig.product;
  if (product) f.product = product;
  const issuer = sig.issuer?.(m);
  if (issuer) f.issuer = issuer;
  return f;
}

/** Facts that say the same thing about the same failure become one (several codes may name it). */
function mergeKey(f: Fact): string {
  return [f.op, f.kind, f.status ?? '', f.op === 'auth' || f.op === 'sync' ? f.codes.join(',') : '', f.target?.host ?? ''].join('|');
}

function merge(into: Fact, f: Fact): void {
  if (SURE[f.sure] > SURE[into.sure]) into.sure = f.sure;
  for (const s of f.seen) if (!into.seen.includes(s) && into.seen.length < MAX_SEEN) into.seen.push(s);
  for (const v of f.via) if (!into.via.includes(v)) into.via.push(v);
  if (into.answeredBy === 'unknown' && f.answeredBy !== 'unknown') into.answeredBy = f.answeredBy;
  if (!into.target && f.target) into.target = f.target;
  else if (into.target && f.target && into.target.role === 'unknown' && f.target.role !== 'unknown') into.target.role = f.target.role;
  into.product ??= f.product;
  into.issuer ??= f.issuer;
  for (const c of f.codes) if (!into.codes.includes(c)) into.codes.push(c);
}

/** A general fact of an operation ("failed", no code) folds into a specific one of the same operation. */
function foldGeneral(facts: Fact[]): Fact[] {
  const out: Fact[] = [];
  for (const f of facts) {
    const general = (f.kind === 'failed' || f.codes.length === 0) && !f.target?.host;
    const specific = general ? facts.find((o) => o !== f && o.op === f.op && o.kind !== 'failed' && (o.codes.length > 0 || o.target?.host) && o.kind !== 'success') : undefined;
    if (specific && (f.kind === 'failed' || f.kind === specific.kind)) {
      merge(specific, f);
      continue;
    }
    out.push(f);
  }
  return out;
}

/**
 * Whether the text says the hop that failed was the proxy: urllib3's ProxyError, Go's "proxyconnect",
 * Node's "tunneling socket … cause=", curl's "Could not resolve proxy", .NET's proxy tunnel frame. Then
 * a name or connection failure in the same text is the proxy's, not the destination's.
 */
function proxyHop(facts: Fact[]): boolean {
  return facts.some((f) => (f.op === 'connect' || f.op === 'dns' || f.op === 'tunnel') && f.target?.role === 'proxy' && f.kind !== 'status' && f.kind !== 'success');
}

const PROXY_HOP_CAUSE = /tunneling socket could not be established,\s*cause=/i;

function roleFromText(f: Fact, hop: boolean): FactTarget['role'] {
  if (f.target?.role && f.target.role !== 'unknown') return f.target.role;
  if (hop && (f.op === 'dns' || f.op === 'connect')) return 'proxy';
  return 'unknown';
}

/** Which step of a request a target belongs to. */
function targetFits(f: Fact, t: { op: 'dns' | 'connect' | 'any' }): boolean {
  if (f.op === 'dns') return t.op === 'dns' || t.op === 'any';
  if (f.op === 'connect' || f.op === 'tunnel' || f.op === 'tls' || f.op === 'transfer' || f.op === 'http' || f.op === 'directory') return t.op === 'connect' || t.op === 'any';
  return false;
}

function attachTargets(facts: Fact[], text: string, gt: GateText): FactTarget[] {
  const targets = findTargets(text, gt);
  const hop = proxyHop(facts) || PROXY_HOP_CAUSE.test(text);
  for (const f of facts) {
    if (f.target?.host) continue;
    const wanted = roleFromText(f, hop);
    // In a proxy hop, the destination the client was asked for is not where it failed.
    const fits = targets.filter((t) => targetFits(f, t) && !(wanted === 'proxy' && t.role === 'destination'));
    // The hop the fact is about: one with the same stated role, else one with no stated role, else any.
    const pick =
      (wanted !== 'unknown' ? fits.find((t) => t.role === wanted) ?? fits.find((t) => t.role === 'unknown') : undefined) ??
      fits.find((t) => t.role === 'unknown' && t.op === (f.op === 'dns' ? 'dns' : 'connect') && t.port !== undefined) ??
      fits.find((t) => t.role === 'destination') ??
      fits[0];
    if (!pick) {
      // The text says which hop it was without naming it (a ProxyError around a bare getaddrinfo failure).
      if (wanted !== 'unknown') f.target = { host: '', role: wanted };
      continue;
    }
    // The same host named elsewhere in the text with its role (urllib3's pool host) lends it that role and port.
    const same = targets.find((t) => t !== pick && t.host === pick.host && t.role !== 'unknown');
    const target: FactTarget = { host: pick.host, role: wanted !== 'unknown' ? wanted : pick.role !== 'unknown' ? pick.role : (same?.role ?? 'unknown') };
    const port = pick.port ?? same?.port;
    if (port !== undefined) target.port = port;
    f.target = target;
  }
  // "request to http://localhost:4873/… failed, reason: connect ECONNREFUSED 127.0.0.1:4873": the loopback
  // address that refused is the destination the request was for (a local service), not a proxy.
  const localDestination = targets.find((t) => t.role === 'destination' && isLoopbackHost(t.host));
  if (localDestination) {
    for (const f of facts) {
      if (f.op === 'connect' && f.target?.host && f.target.role === 'unknown' && isLoopbackHost(f.target.host) && f.target.port === localDestination.port) f.target.role = 'destination';
    }
  }
  const seen = new Set<string>();
  return targets
    .filter((t) => {
      const k = `${t.host}:${t.port ?? ''}:${t.role}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .map(({ host, port, role }) => (port !== undefined ? { host, port, role } : { host, role }));
}

/** The last two labels of a host name (`tile.openstreetmap.org` -> `openstreetmap.org`); none for an IP. */
function siteOf(host: string): string | undefined {
  if (/^[\d.]+$|:/.test(host)) return undefined;
  return host.toLowerCase().split('.').slice(-2).join('.');
}

/**
 * A cache that belongs to the destination itself (a site's own Squid or CDN in front of it): its page
 * names, in X-Cache / Via (RFC 9110 §7.6.3), a cache host of the same site as the URL it failed to
 * retrieve. Its error is the destination's answer, not the customer's proxy refusing.
 */
function destinationsOwnCache(text: string): boolean {
  const url = /(?:retrieve the URL|URL)\s*:?\s*(?:<a href=")?https?:\/\/([A-Za-z0-9.-]+)/i.exec(text)?.[1];
  if (!url) return false;
  const caches = [...text.matchAll(/^(?:X-Cache(?:-Lookup)?:\s*\w+ from|Via:\s*\d\.\d)\s+([A-Za-z0-9.-]+)/gim)].map((m) => m[1]!);
  const site = siteOf(url);
  return site !== undefined && caches.some((c) => siteOf(c) === site);
}

/** Who answered an HTTP status that names nobody: RFC 9110 — 407 is the proxy's, 502/504 a gateway's. */
function statusAnswerer(facts: Fact[], text: string): void {
  if (destinationsOwnCache(text)) {
    for (const f of facts) if (f.answeredBy === 'proxy' && f.kind !== 'success') f.answeredBy = 'server';
    for (const f of facts) if (f.answeredBy === 'unknown' && f.status !== undefined) f.answeredBy = 'server';
    return;
  }
  const proxySaid = facts.some((f) => f.answeredBy === 'proxy' && f.kind !== 'success') || proxyProduct(text) !== undefined;
  const microsoftSaid = facts.some((f) => f.answeredBy === 'entra' && (f.kind === 'edge' || f.kind === 'page'));
  // A web server's own page or header (IIS's sub-status page, Application Gateway) answered the status.
  const serverSaid = facts.some((f) => f.answeredBy === 'server' && (f.via.includes('page') || f.via.includes('header')));
  for (const f of facts) {
    if (f.answeredBy !== 'unknown' || (f.kind !== 'status' && f.kind !== 'html')) continue;
    if (f.status === 407) f.answeredBy = 'proxy'; // only a proxy sends 407 (RFC 9110 §15.5.8)
    else if (microsoftSaid) f.answeredBy = 'entra';
    else if (serverSaid) f.answeredBy = 'server';
    else if (proxySaid) f.answeredBy = 'proxy';
    else if (f.status === 502 || f.status === 504) f.answeredBy = 'proxy';
    else if (f.status !== undefined && f.status !== 403 && f.status !== 503) f.answeredBy = 'server';
  }
}

const PHRASE_VIA: FactSource = 'phrase';

function isLoopbackHost(h: string): boolean {
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

/**
 * A message a terminal UI drew inside a box (npm, Ink, Rich, winget's tables) and wrapped: the border
 * closes one line and opens the next ("self-signed     │\n│ certificate in certificate chain"). The two
 * borders and the break between them are one space of the message.
 */
export function joinBoxedLines(text: string): string {
  return text.includes('\u2502') || text.includes('\u2503') || text.includes('\u2551')
    ? text.replace(/[ \t]*[\u2502\u2503\u2551][ \t]*\r?\n[ \t]*[\u2502\u2503\u2551][ \t]*/g, ' ')
    : text;
}

export function extractFacts(input: string): RecordFacts {
  const text = joinBoxedLines(repairMojibake(input ?? ''));
  const chain = unfoldChain(text);
  const raw: Fact[] = [];
  const gt = gateText(text);
  for (const sig of SIGNATURES) {
    if (!mayMatch(gateFor(sig.re), gt)) continue;
    sig.re.lastIndex = 0;
    if (sig.re.global) {
      for (let m = sig.re.exec(text); m; m = sig.re.exec(text)) raw.push(fromSignature(sig, m));
    } else {
      const m = sig.re.exec(text);
      if (m) raw.push(fromSignature(sig, m));
    }
  }
  for (const id of matchPhrases(text, gt)) {
    const t = PHRASE_FACTS[id];
    if (!t) continue;
    const def = PHRASES.find((p) => p.id === id)!;
    const m = def.patterns.map((re) => re.exec(text)).find((x) => x);
    const f: Fact = { op: t.op, kind: t.kind, answeredBy: t.answeredBy, codes: t.code ? [t.code] : [], sure: t.sure, seen: [seenText(m?.[0] ?? id)], via: [PHRASE_VIA] };
    if (t.role) f.target = { host: '', role: t.role };
    raw.push(f);
  }
  // Codes first, so that a phrase or a frame folds into the numbered fact it describes.
  const byKey = new Map<string, Fact>();
  for (const f of raw) {
    const k = mergeKey(f);
    const have = byKey.get(k);
    if (have) merge(have, f);
    else byKey.set(k, f);
  }
  const facts = foldGeneral([...byKey.values()]);
  const targets = attachTargets(facts, text, gt);
  statusAnswerer(facts, text);
  return { chain, facts, targets };
}

const SUCCESS_SIGNATURES = SIGNATURES.filter((s) => s.kind === 'success');

/** The success facts of a text only (a heartbeat, a CONNECT let through, the wizard reaching Entra ID): cheap, for any record. */
export function extractSuccess(input: string): Fact[] {
  const out: Fact[] = [];
  const gt = gateText(input ?? '');
  for (const sig of SUCCESS_SIGNATURES) {
    if (!mayMatch(gateFor(sig.re), gt)) continue;
    sig.re.lastIndex = 0;
    const m = sig.re.exec(input ?? '');
    if (m) out.push(fromSignature(sig, m));
  }
  return out;
}

const successCache = new WeakMap<RecordGroup, Fact[]>();

/** The success facts of a record group (see extractSuccess), read from its first sample once. */
export function successOf(g: RecordGroup): Fact[] {
  let f = successCache.get(g);
  if (!f) {
    f = cache.get(g)?.facts.filter((x) => x.kind === 'success') ?? extractSuccess(g.samples[0]?.text ?? '');
    successCache.set(g, f);
  }
  return f;
}

const cache = new WeakMap<RecordGroup, RecordFacts>();

/** The facts of a failure record group (evidence/group.ts isFailureGroup), read from its first sample once. */
export function factsOf(g: RecordGroup): RecordFacts {
  let f = cache.get(g);
  if (!f) {
    f = extractFacts(g.samples[0]?.text ?? '');
    cache.set(g, f);
  }
  return f;
}

/** The report's view of facts (src/model/report.ts FindingFact). */
export function toFindingFacts(fs: Fact[]): FindingFact[] {
  return fs.map((f) => {
    const o: FindingFact = { op: f.op, kind: f.kind, answeredBy: f.answeredBy, codes: [...f.codes], sure: f.sure, seen: [...f.seen], via: [...f.via] };
    if (f.status !== undefined) o.status = f.status;
    if (f.target && (f.target.host || f.target.role !== 'unknown')) o.target = { ...f.target };
    if (f.product) o.product = f.product;
    if (f.issuer) o.issuer = f.issuer;
    return o;
  });
}
