// A signature: one recognisable part of an error text (a type name, an enum value, a stack frame, a
// number in its context, a proxy product's page line) and the fact it stands for. Signatures are data:
// each runtime's list lives in src/facts/signatures/<runtime>.ts, with the public source of its shape.
import type { Answerer, Fact, FactSource, Operation } from './types.js';

export interface Signature {
  /** Short id, unique in the tables, for tests and for reading the tables. */
  id: string;
  /** Matched against the whole (normalised) text; use the `g` flag only when several matches may name different hosts. */
  re: RegExp;
  op: Operation;
  kind: string;
  answeredBy: Answerer;
  via: FactSource;
  sure: Fact['sure'];
  /** A code in the fact's normalised form, from the match (`winsock:10060`). */
  code?: string | ((m: RegExpExecArray) => string | undefined);
  status?: (m: RegExpExecArray) => number | undefined;
  /** The host (and port) the match names, and whether the text says it is the proxy or the destination. */
  host?: (m: RegExpExecArray) => string | undefined;
  port?: (m: RegExpExecArray) => number | undefined;
  role?: 'proxy' | 'destination';
  product?: string | ((m: RegExpExecArray) => string | undefined);
  issuer?: (m: RegExpExecArray) => string | undefined;
}

/** A host name or an IPv4/IPv6 literal as errors print them. */
export const HOST = String.raw`(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?)*)`;
/** An IPv4 address. */
export const IPV4 = String.raw`(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}`;

export function num(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}
