// Failure facts: what a failure record says, read from the parts of an error that are never translated
// or reworded — exception type names, enum names, stack frames, error numbers, HTTP statuses, AADSTS
// codes, proxy products' own pages and logs, hosts and ports — with localized phrases as one source
// among several. Rules decide from facts (src/rules/codes/*); the report quotes them.

/** What was being done when it failed. */
export type Operation =
  | 'dns' // resolving a name
  | 'connect' // opening a TCP connection
  | 'tunnel' // asking a proxy for a CONNECT tunnel
  | 'tls' // the TLS handshake (protocol or certificate)
  | 'http' // an HTTP exchange got an answer it could not use
  | 'auth' // a sign-in / token request got an answer
  | 'directory' // on-premises AD: LDAP, RPC, DRS replication
  | 'database' // the sync engine's SQL / LocalDB
  | 'sync' // the sync engine's own run results and thresholds
  | 'local' // a local problem: a file, a service, a permission, a requirement
  | 'transfer'; // a request on an open connection failed (reset, closed, timed out) with no detail

/** Who gave the answer the failure is about. */
export type Answerer =
  | 'nobody' // no answer at all: a timeout, a refusal by the OS of the far end, a name with no record
  | 'proxy' // the web proxy answered (407, its page, its log line, its certificate)
  | 'entra' // Entra ID / Microsoft's service answered (AADSTS, an Entra error page)
  | 'server' // the remote service answered (an HTTP error that is not the proxy's)
  | 'ad' // on-premises Active Directory answered
  | 'local' // this machine (its OS, its configuration, its files)
  | 'unknown';

/** Where the failing request was going. */
export interface FactTarget {
  host: string;
  port?: number;
  /** `proxy` when the text says the hop is the proxy; `destination` when it says it is the far end. */
  role: 'proxy' | 'destination' | 'unknown';
}

/** Where a fact was read from: the never-translated parts first. */
export type FactSource = 'type' | 'enum' | 'frame' | 'number' | 'page' | 'header' | 'log' | 'phrase';

export interface Fact {
  op: Operation;
  /**
   * The specific failure, language-neutral: `not-found` (a name), `timed-out`, `refused`, `unreachable`,
   * `reset`, `closed`, `status` (an HTTP status), `untrusted` (a certificate chain), `protocol` (TLS
   * versions/ciphers), `policy`, `credentials`, `tenant`, `error-code`, `access-denied`, `unavailable`,
   * `object`, `threshold`, `full`, `failed`, `success`.
   */
  kind: string;
  answeredBy: Answerer;
  /** Normalised codes seen for it: `winsock:10060`, `http:407`, `aadsts:50076`, `winhttp:12029`, `errno:ECONNREFUSED`, `curl:7`, `hresult:0x80072ee7`, `run:stopped-server-down`. */
  codes: string[];
  /** The HTTP status, for op http/tunnel/auth. */
  status?: number;
  target?: FactTarget;
  /** The proxy product or Microsoft edge whose own words were seen (`Squid`, `Zscaler`, `Azure Front Door`). */
  product?: string;
  /** The inspecting CA named in a certificate chain (`Zscaler Root CA`). */
  issuer?: string;
  sure: 'high' | 'medium' | 'low';
  /** The words of the text it was read from, as seen (an exception type, an enum, a frame, a number). */
  seen: string[];
  via: FactSource[];
}

/** Every fact of one record's text, and the exception chain they were read from. */
export interface RecordFacts {
  /** The exception chain unfolded (`--->`, "Inner Exception", "Caused by", "(ExtendedMessage: …)"), outermost first. */
  chain: string[];
  facts: Fact[];
  /** Every host/IP and port the text names, with its role when the text says it. */
  targets: FactTarget[];
}
