// The matching rules of each proxy layer, kept apart from the resolver so each can be tested alone.
// This is the only parser of proxy strings in the tool: the rules, the fixes, the probes and the
// matrix all read addresses through it. Pure functions: no DNS, no I/O.

/** One proxy as `host:port`. */
export interface ProxyAddress {
  /** Lower case; an IPv6 literal without its brackets (`::1`). */
  host: string;
  port: number;
  /** `host:port` as the matrix and the fixes print it (`[::1]:3128` for IPv6). */
  hostPort: string;
}

/** One entry of a proxy list: `https=proxy:8443` gives scheme `https`. */
export interface ProxyEntry extends ProxyAddress {
  /** The protocol the entry serves (`http`, `https`, `ftp`, `socks`), absent for "every protocol". */
  scheme?: string;
}

/** Values that mean "no proxy" where Windows prints one (the wizard's trace, netsh, PowerShell). */
export function isNoProxyValue(text: string | null | undefined): boolean {
  if (text === null || text === undefined) return true;
  const t = text.trim();
  return t === '' || /^<?unspecified>?$/i.test(t) || /^\(?null\)?$/i.test(t) || /^\(none\)$/i.test(t);
}

/**
 * Parses a proxy address as .NET `proxyaddress`, WinINET `ProxyServer` entries and netsh write it:
 * `http://proxy:8080`, `proxy:8080`, `proxy` (port 80), `[::1]:3128`, `user:pass@proxy:8080`.
 * Null when it is not an address (a port outside 1-65535, `<Unspecified>`, an empty string).
 */
export function parseProxyAddress(text: string): ProxyAddress | null {
  let t = text.trim();
  if (isNoProxyValue(t)) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(t);
  let defaultPort = 80;
  if (scheme) {
    if (scheme[1]!.toLowerCase() === 'https') defaultPort = 443;
    t = t.slice(scheme[0].length);
  }
  // user:pass@ never reaches the matrix (secrets), and a path after the authority is ignored by .NET.
  // The user part may itself hold '/' (a password "ab/cd"): cut at the last '@' before the path.
  const at = t.lastIndexOf('@');
  if (at >= 0) t = t.slice(at + 1);
  t = t.replace(/\/.*$/, '');
  let host: string;
  let port = defaultPort;
  const v6 = /^\[([0-9a-f:.]+)\](?::(\d+))?$/i.exec(t);
  if (v6) {
    host = v6[1]!.toLowerCase();
    if (v6[2]) port = Number(v6[2]);
  } else {
    const m = /^([^:\s<>]+)(?::(\d+))?$/.exec(t);
    if (!m) return null;
    host = m[1]!.toLowerCase();
    if (m[2]) port = Number(m[2]);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) return null;
  return { host, port, hostPort: `${host.includes(':') ? `[${host}]` : host}:${port}` };
}

/**
 * Every entry of a WinINET/WinHTTP/.NET proxy string: `proxy:8080`, `http=a:1;https=b:2;socks=s:1080`,
 * space- or semicolon-separated lists. Entries that are not addresses are left out.
 */
export function parseProxyList(value: string | null | undefined): ProxyEntry[] {
  if (isNoProxyValue(value)) return [];
  const out: ProxyEntry[] = [];
  for (const raw of value!.split(/[;\s]+/)) {
    const item = raw.trim();
    if (!item) continue;
    const eq = /^([a-z]+)=(.*)$/i.exec(item);
    const addr = parseProxyAddress(eq ? eq[2]! : item);
    if (!addr) continue;
    out.push(eq ? { ...addr, scheme: eq[1]!.toLowerCase() } : addr);
  }
  return out;
}

/**
 * WinINET/WinHTTP `ProxyServer` syntax: a plain `host:port` serves every protocol; `http=a:1;https=b:2`
 * names one per protocol, and a protocol without an entry goes direct. Returns the proxy for `scheme`,
 * null for direct, and the entry text that decided.
 */
export function proxyForScheme(proxyServer: string, scheme: 'http' | 'https'): { proxy: ProxyAddress | null; entry: string } {
  const entries = proxyServer
    .split(/[;\s]+/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
  const perProtocol = entries.filter((e) => /^[a-z]+=/i.test(e));
  if (perProtocol.length === 0) {
    // "host:port" (or several, the first one wins) for all protocols.
    const first = entries[0];
    return { proxy: first ? parseProxyAddress(first) : null, entry: first ?? '' };
  }
  const mine = perProtocol.find((e) => e.toLowerCase().startsWith(`${scheme}=`));
  if (!mine) return { proxy: null, entry: `no ${scheme}= entry in '${proxyServer}'` };
  return { proxy: parseProxyAddress(mine.slice(scheme.length + 1)), entry: mine };
}

/** A host name without a dot is "local" for `<local>` and .NET `bypassonlocal`. */
export function isPlainHostName(host: string): boolean {
  return !host.includes('.') && !host.includes(':');
}

function escapeRegex(s: string): string {
  return s.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

/**
 * WinINET `ProxyOverride` / WinHTTP bypass list: `;`-separated (netsh also accepts spaces and commas)
 * wildcards matched against the whole host (optionally `scheme://` and `:port`), case-insensitive;
 * `<local>` matches host names without a dot. Returns the entry that matched, or null.
 */
export function matchWildcardBypass(list: string, url: URL): string | null {
  const host = url.hostname.toLowerCase();
  const scheme = url.protocol.replace(/:$/, '').toLowerCase();
  const port = url.port !== '' ? Number(url.port) : scheme === 'https' ? 443 : 80;
  for (const raw of list.split(/[;,\s]+/)) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (entry.toLowerCase() === '<local>') {
      if (isPlainHostName(host)) return entry;
      continue;
    }
    if (entry === '<-loopback>') continue;
    // Same translation as .NET's BypassStringEscape: optional scheme, host wildcard, optional port.
    const m = /^(?:([a-z*]+):\/\/)?([^:/]+)(?::(\d+|\*))?\/?$/i.exec(entry);
    if (!m) continue;
    const [, s, h, p] = m;
    if (s && s !== '*' && s.toLowerCase() !== scheme) continue;
    if (p && p !== '*' && Number(p) !== port) continue;
    const re = new RegExp(`^${escapeRegex(h!.toLowerCase()).replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
    if (re.test(host)) return entry;
  }
  return null;
}

/** The string .NET Framework's WebProxy matches bypass regexes against: `scheme://host[:port]`. */
export function dotNetBypassSubject(url: URL): string {
  const scheme = url.protocol.replace(/:$/, '').toLowerCase();
  return url.port !== '' ? `${scheme}://${url.hostname}:${url.port}` : `${scheme}://${url.hostname}`;
}

export interface RegexBypassResult {
  matched: string | null;
  /** Entries that are not valid regular expressions (typically wildcards such as `*.contoso.com`). */
  invalid: string[];
}

/**
 * .NET `<bypasslist><add address="…"/>`: each entry is a REGULAR EXPRESSION, matched unanchored and
 * case-insensitive against `scheme://host[:port]` (System.Net.WebProxy.IsMatchInBypassList). One
 * invalid entry makes WebProxy drop the whole compiled list, so nothing is bypassed.
 */
export function matchRegexBypass(entries: readonly string[], url: URL): RegexBypassResult {
  const invalid: string[] = [];
  const compiled: { entry: string; re: RegExp }[] = [];
  for (const entry of entries) {
    try {
      compiled.push({ entry, re: new RegExp(entry, 'i') });
    } catch {
      invalid.push(entry);
    }
  }
  if (invalid.length > 0) return { matched: null, invalid };
  const subject = dotNetBypassSubject(url);
  const hit = compiled.find((c) => c.re.test(subject));
  return { matched: hit ? hit.entry : null, invalid };
}
