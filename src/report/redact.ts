// Redaction: the one place every writer passes its output through (bundle files, report.json/md/html,
// `analyze` output). CONTRACT.md "Support bundle".
//
// SECRETS are always removed, also with --no-redact: they are replaced by `[REDACTED]` and counted.
// Secrets are found by their KEY or their SHAPE, never by guessing at random strings:
//   user:pass@ in any URL (the user is kept, as an identity), CNTLM Password/PassNT/PassLM/PassNTLMv2,
//   Authorization / Proxy-Authorization / *-Authenticate credentials (Basic, NTLM, Negotiate, Bearer,
//   Digest…), bare `Bearer <token>`, JWTs (eyJ…), Service Bus SharedAccessKey= and
//   SharedAccessSignature sig=, AccountKey=, SAS sig=, client_secret=, connection-string
//   Password=/Pwd=, JSON/XML/reg-export/PowerShell values whose NAME says password/secret/token,
//   in plain, JSON-escaped, XML-escaped and URL-encoded spellings.
// IDENTITIES (when `identities` is on, the default) become stable tokens, the same for the same value
// in every file of one run (case-insensitive), with the map kept by the caller beside the bundle:
//   UPNs/e-mail          alice@contoso.com        -> user-1@domain-1.example
//   tenants              contoso.onmicrosoft.com  -> tenant-1.onmicrosoft.com
//   AD domains, FQDNs    corp.contoso.com         -> domain-2.example, aadc01.contoso.com -> host-1.domain-1.example
//   short host names     AADC01 (learned)         -> host-1
//   NetBIOS domain\user  CONTOSO\alice            -> DOMAIN-1\user-2
//   LAN IPv4 (RFC 1918, 169.254/16)  10.1.2.3     -> lan-ip-1
//   domain SIDs          S-1-5-21-a-b-c-1104      -> S-1-5-21-0-0-1-1104 (the RID is kept: 500 = Administrator
//                        says something; the domain part is what identifies the customer)
//   DN values            CN=Alice,OU=Sync,DC=contoso,DC=com -> CN=name-1,OU=name-2,DC=domain-1,DC=example
//   ADSync accounts      MSOL_0123456789ab, Sync_AADC01_…@ -> user-N
// KEPT, so the diagnosis still works after redaction: public Microsoft and PKI host names
// (login.microsoftonline.com, *.windows.net, *.servicebus.windows.net, *.azure.com, *.microsoft.com,
// digicert…), public IP addresses, ports, event IDs, error and finding codes, .NET type names, file
// names, well-known accounts (NT SERVICE\ADSync, NT AUTHORITY\SYSTEM) and well-known SIDs.
// Not recognisable, so not redacted: a short host name or NetBIOS domain that appears only bare in
// free text and in no field we learn from (`learn()`), and customers' public IP addresses.

export interface RedactorOptions {
  /** Replace identities by tokens (default true). False = --no-redact: secrets are still removed. */
  identities: boolean;
}

export interface RedactionCounts {
  secrets: number;
  identities: number;
}

export type EncodingHint = 'auto' | 'utf8' | 'utf16le' | 'latin1';

export interface Redactor {
  readonly identities: boolean;
  text(s: string): string;
  /** A deep copy with every string redacted; values under secret-looking keys removed whole. */
  json<T>(value: T): T;
  /** Redacts file bytes, keeping their encoding and BOM (UTF-16 LE stays UTF-16 LE). */
  bytes(buf: Buffer, encodingHint?: EncodingHint): Buffer;
  /**
   * Learns identities from a text without changing it (a first pass over all files, so a short host
   * name found in one file is redacted in every file). Also called by text() itself.
   */
  learn(s: string): void;
  /** Explicitly known identities (from structured fields: manifest host, service account…). */
  learnIdentities(ids: { hosts?: string[]; users?: string[]; netbiosDomains?: string[]; domains?: string[] }): void;
  counts(): RedactionCounts;
  /** token -> original value, for `redaction-map.json` (never inside a bundle). */
  map(): Record<string, string>;
}

export const REDACTED = '[REDACTED]';

// ----------------------------------------------------------------------------------------------
// Secrets

/** One value character inside connection strings and key=value text, including escaped forms. */
const ENT = String.raw`&(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});`;
const JSON_U = String.raw`\\u[0-9a-fA-F]{4}`;
/** A quoted value in its JSON-escaped, XML-escaped, plain or ODBC-brace spelling. */
/** A quote escaped n levels deep in JSON: \" (1), \\\" (3), \\\\\\\" (7). */
const escQuote = (levels: number) => '\\\\'.repeat(levels) + '"';
const escQuoted = (levels: number) => `${escQuote(levels)}(?:(?!${escQuote(levels)})[^\\r\\n])*?${escQuote(levels)}`;
const QUOTED = [
  escQuoted(7),
  escQuoted(3),
  // \"...\" inside a JSON string; \\\" inside it is a deeper-level quote, not the end.
  String.raw`\\"(?:\\\\\\"|\\\\\\\\|\\[^"\\\r\n]|[^"\\\r\n])*?\\"`,
  String.raw`%22(?:(?!%22)[^\s&])*%22`, // URL-encoded "…"
  String.raw`%27(?:(?!%27)[^\s&])*%27`,
  String.raw`&quot;(?:(?!&quot;)[^\r\n])*&quot;`,
  String.raw`&apos;(?:(?!&apos;)[^\r\n])*&apos;`,
  String.raw`\\u0027(?:(?!\\u0027)[^\r\n])*\\u0027`, // PowerShell 5.1 ConvertTo-Json writes ' as \u0027
  String.raw`\\u0022(?:(?!\\u0022)[^\r\n])*\\u0022`,
  String.raw`"(?:[^"\\\r\n]|\\.)*"`,
  String.raw`'(?:[^'\r\n]|'')*'`,
  String.raw`\{(?:[^}\r\n]|\}\})*\}`,
].join('|');
/** Any spelling of a quote that may close a key: "key": / \"key\": / &quot;key&quot;: / %22key%22%3A. */
const KEY_QUOTE = String.raw`(?:\\{0,7}["']|&quot;|&apos;|\\{1,7}u002[27]|%2[27])`;
/** Unquoted connection-string value: up to `;` (entities and \uXXXX escapes are one unit). */
const CONN_VALUE = String.raw`(?:${ENT}|${JSON_U}|[^;\r\n"'<>\\]|\\(?!["\\]))+`;
/** Unquoted token value (query strings, headers): also ends at whitespace and a bare `&`. */
const TOKEN_VALUE = String.raw`(?:${ENT}|${JSON_U}|%[0-9A-Fa-f]{2}|[^;\s"'<>&\\,]|\\(?!["\\]))+`;

/** Names whose value is a secret. Ends the key: `PasswordWriteback` is not one, `ProxyPassword` is. */
const SECRET_KEY_WORD = String.raw`(?:password|passwd|passphrase|pwd|passntlmv2|passnt|passlm|secret|client_?secret|sharedaccesskey|accountkey|apikey|api_key|access_?token|refresh_?token|id_?token|sas_?token)`;

interface Rule {
  re: RegExp;
  replace: (m: RegExpExecArray) => string;
}

/** Credentials that follow an auth scheme: a header value, comma-separated challenges. */
function redactAuthValue(v: string): string {
  return v
    .split(',')
    .map((piece) => {
      const m = /^(\s*)([A-Za-z][A-Za-z0-9-]*)(\s+\S[\s\S]*)?$/.exec(piece);
      if (m && AUTH_SCHEMES.has(m[2]!.toLowerCase())) {
        if (!m[3]) return piece;
        // token68 schemes carry one token: the words after it (a log message going on) are kept.
        const t = /^\s+[A-Za-z0-9+/=._~-]+(\s+[\s\S]*)$/.exec(m[3]);
        if (t && TOKEN68_SCHEMES.has(m[2]!.toLowerCase())) return `${m[1]}${m[2]} ${REDACTED}${t[1]}`;
        return `${m[1]}${m[2]} ${REDACTED}`;
      }
      return piece.trim().length === 0 ? piece : `${/^\s*/.exec(piece)![0]}${REDACTED}`;
    })
    .join(',');
}
const TOKEN68_SCHEMES = new Set(['basic', 'bearer', 'ntlm', 'negotiate']);
const AUTH_SCHEMES = new Set(['basic', 'ntlm', 'negotiate', 'bearer', 'digest', 'kerberos', 'hoba', 'mutual', 'aws4-hmac-sha256', 'pop']);

/** Whether a word after Basic/Bearer/NTLM looks like a credential rather than prose ("NTLM authentication"). */
function looksLikeCredential(t: string): boolean {
  return t.length >= 12 && (/\d/.test(t) || /[+/=]/.test(t) || /[A-Z]/.test(t.slice(1)));
}

function secretRules(user: (u: string) => string): Rule[] {
  const r: Rule[] = [];
  // user:pass@ in URLs (also JSON-escaped slashes and URL-encoded schemes in query strings).
  r.push({
    // The password runs to the LAST @ before the host: a raw @ inside it must not leave a tail behind.
    re: new RegExp(String.raw`(?:\b|(?<=%[0-9A-Fa-f]{2}))([a-z][a-z0-9+.-]{1,15}:(?:\\?/){2}|[a-z][a-z0-9+.-]{1,15}%3A%2F%2F)([^\s:@/\\"'<>]{1,256}?)(:|%3A)([^\s/"'<>]{1,512})(@|%40)`, 'gi'),
    replace: (m) => `${m[1]}${user(m[2]!)}${m[3]}${REDACTED}${m[5]}`,
  });
  // HTTP auth headers: keep the header and scheme, drop the credentials (to the end of the line,
  // stopping at a closing JSON quote).
  r.push({
    re: /\b((?:proxy-)?(?:authorization|authenticate)|www-authenticate)(\s*(?:\\?"\s*)?[:=]\s*(?:\\?"\s*)?)((?:[^\r\n"\\]|\\(?!"))+)/gi,
    replace: (m) => `${m[1]}${m[2]}${redactAuthValue(m[3]!)}`,
  });
  // Bare bearer/basic/NTLM credentials outside a header line.
  r.push({
    re: /\b(Bearer|Basic|NTLM|Negotiate)(\s+)([A-Za-z0-9\-._~+/]{8,}=*)/gi,
    replace: (m) => (looksLikeCredential(m[3]!) ? `${m[1]}${m[2]}${REDACTED}` : m[0]!),
  });
  // JWTs and their header parts.
  r.push({ re: /\beyJ[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*){0,2}/g, replace: () => REDACTED });
  // Service Bus SAS: SharedAccessSignature sr=…&sig=…&se=…&skn=… (any order, & or &amp;).
  // (?<![A-Za-z]) rather than \b: `\u0026sig=` (PowerShell 5.1 JSON) has a digit before it.
  r.push({ re: new RegExp(String.raw`(?:(?<![A-Za-z])|(?<=%[0-9A-Fa-f]{2}))(sig)(=|%3D)(${TOKEN_VALUE})`, 'gi'), replace: (m) => `${m[1]}${m[2]}${REDACTED}` });
  // CNTLM config lines: `PassNTLMv2   D5826E9C…` (whitespace-separated, to the end of the line, also
  // inside a JSON string (\r\n escapes) or XML text). PassNT/PassLM/PassNTLMv2 are distinctive
  // anywhere; `Password` only where a config line starts or in CNTLM's column layout (2+ blanks),
  // so prose such as "Password reset failed" keeps its words.
  const CNTLM_VALUE = String.raw`(?:[^\r\n"<\\]|\\(?![rn"]))+`;
  const LINE_START = String.raw`(?:^|\\r|\\n|&#x?[aAdD1][03]?;|[">])`;
  r.push({
    re: new RegExp(String.raw`\b(PassNTLMv2|PassNT|PassLM)([ \t]+)(${CNTLM_VALUE})`, 'g'),
    replace: (m) => `${m[1]}${m[2]}${REDACTED}`,
  });
  r.push({
    re: new RegExp(String.raw`(${LINE_START}[ \t]*Password[ \t]+|\bPassword(?:[ \t]{2,}|\t))(?![=:])(${CNTLM_VALUE})`, 'gm'),
    replace: (m) => `${m[1]}${REDACTED}`,
  });
  // reg export: "SomethingPassword"="value" or =hex:…\ continuation lines.
  r.push({
    re: new RegExp(String.raw`^("[^"\r\n]*${SECRET_KEY_WORD}[^"\r\n]*")=((?:"(?:[^"\\\r\n]|\\.)*")|(?:[a-z0-9()]+:(?:[^\r\n]*\\\r?\n)*[^\r\n]*))`, 'gim'),
    replace: (m) => `${m[1]}="${REDACTED}"`,
  });
  // XML elements: <Password>…</Password>, <ProxyPassword …>…</…>, also XML-escaped (&lt;…&gt;) and
  // PowerShell-5.1-JSON-escaped (\u003c…\u003e).
  for (const [lt, gt] of [['<', '>'], ['&lt;', '&gt;'], [String.raw`\\u003c`, String.raw`\\u003e`]] as const) {
    r.push({
      re: new RegExp(
        String.raw`(${lt}((?:[A-Za-z_][\w.:-]*?)?${SECRET_KEY_WORD})(?:\s(?:(?!${gt})[^<>\r\n])*)?${gt})((?:(?!${lt})[^<>])*)(${lt}/\2\s*${gt})`,
        'gi',
      ),
      replace: (m) => `${m[1]}${REDACTED}${m[4]}`,
    });
  }
  // appSettings: <add key="ProxyPassword" value="…"/>.
  r.push({
    re: new RegExp(String.raw`(\bkey\s*=\s*(\\{0,7}["']|&quot;)[^"'<>]*?${SECRET_KEY_WORD}[^"'<>\\]*?\2\s+value\s*=\s*)(\\{0,7}["']|&quot;)(?:(?!\3).)*\3`, 'gi'),
    replace: (m) => `${m[1]}${m[3]}${REDACTED}${m[3]}`,
  });
  // PowerShell: -Password 'x', -DomainAdminPassword "x", ConvertTo-SecureString 'x' -AsPlainText.
  r.push({
    re: new RegExp(String.raw`(-[A-Za-z]*${SECRET_KEY_WORD}\s+)(${QUOTED}|[^\s;|)]+)`, 'gi'),
    replace: (m) => `${m[1]}${REDACTED}`,
  });
  r.push({
    re: new RegExp(String.raw`(ConvertTo-SecureString\s+(?:-String\s+)?)(${QUOTED}|[^\s;|)]+)`, 'gi'),
    replace: (m) => `${m[1]}${REDACTED}`,
  });
  // key = value / "key": "value" / key="value" for secret-named keys, in plain, JSON, XML attribute,
  // query-string and connection-string spellings. Password/Pwd values run to `;` (connection strings).
  r.push({
    re: new RegExp(
      String.raw`((?:^|[^A-Za-z0-9]|(?<=%[0-9A-Fa-f]{2}))[A-Za-z0-9_.-]*?${SECRET_KEY_WORD}${KEY_QUOTE}?)(\s*(?::|=|%3D|%3A|&#61;)\s*)(${QUOTED}|${CONN_VALUE})`,
      'gi',
    ),
    replace: (m) => {
      const key = m[1]!;
      const value = m[3]!;
      const q = value[0];
      // Keep the quoting so JSON and XML stay well-formed.
      const escq = /^(\\+"|%2[27])/i.exec(value);
      if (escq) return `${key}${m[2]}${escq[1]}${REDACTED}${escq[1]}`;
      if (value.startsWith('&quot;')) return `${key}${m[2]}&quot;${REDACTED}&quot;`;
      if (value.startsWith('&apos;')) return `${key}${m[2]}&apos;${REDACTED}&apos;`;
      if (q === '"' || q === "'") return `${key}${m[2]}${q}${REDACTED}${q}`;
      if (q === '{') return `${key}${m[2]}{${REDACTED}}`;
      // Unquoted: query-string style secrets end at whitespace or &.
      const isConn = new RegExp(`(?:password|pwd|passwd)${KEY_QUOTE}?$`, 'i').test(key) && /=|%3D|&#61;/i.test(m[2]!);
      if (!isConn) {
        const tv = new RegExp(`^${TOKEN_VALUE}`).exec(value);
        const rest = tv ? value.slice(tv[0].length) : '';
        return `${key}${m[2]}${REDACTED}${rest}`;
      }
      return `${key}${m[2]}${REDACTED}`;
    },
  });
  return r;
}

// ----------------------------------------------------------------------------------------------
// Identities

/** Public names that stay: the endpoints and PKI the diagnosis talks about. Suffix match. */
const PUBLIC_SUFFIXES = [
  'microsoftonline.com', 'microsoftonline-p.com', 'microsoftonline.us', 'microsoftonline.de', 'chinacloudapi.cn',
  'windows.net', 'windows.com', 'microsoft.com', 'microsoft.us', 'azure.com', 'azure.net', 'azure.us', 'azureedge.net',
  'azurewebsites.net', 'cloudapp.net', 'trafficmanager.net', 'msappproxy.net', 'msftauth.net', 'msauth.net',
  'msftidentity.com', 'msidentity.com', 'msocsp.com', 'msecnd.net', 'live.com', 'office.com', 'office365.com',
  'office.net', 'outlook.com', 'sharepoint.com', 'windowsupdate.com', 'microsoftazuread-sso.com', 'msft.net',
  'aka.ms', 'msft.ms', 'digicert.com', 'digicert.cn', 'verisign.com', 'symcb.com', 'symcd.com', 'entrust.net',
  'globalsign.com', 'globalsign.net', 'letsencrypt.org', 'identrust.com', 'lencr.org', 'sectigo.com',
  'usertrust.com', 'comodoca.com', 'geotrust.com', 'thawte.com', 'godaddy.com', 'public-trust.com',
  'github.com', 'w3.org', 'xmlsoap.org', 'oasis-open.org', 'schemas.xmlsoap.org', 'npmjs.org', 'nodejs.org',
  'example.com', 'example.net', 'example.org', 'example',
];
/** 2-label names that are not customer domains although they look like one. */
const NOT_HOSTS = new Set(['system.net', 'system.io', 'system.web', 'system.xml', 'system.data', 'asp.net', 'vb.net', 'ado.net', 'node.js']);
const FILE_EXTENSIONS = new Set(
  'config exe dll log txt xml json evtx etl cab zip ps1 psm1 psd1 ps1xml cs js ts mjs cjs md html htm reg ini cmd bat msi msu hiv csv tmp bak cer crt pem pfx sys vbs inf cat mui dat db mdf ldf sdf yml yaml'.split(
    ' ',
  ),
);
const GENERIC_TLDS = new Set(
  'com net org edu gov mil int info biz local lan corp internal intranet intra home priv private ad localdomain cloud online site tech app dev global group company world'.split(' '),
);
/** Generic TLDs seen on corporate networks, and any two-letter country code. */
function isTld(label: string): boolean {
  const l = label.toLowerCase();
  return GENERIC_TLDS.has(l) || /^[a-z]{2}$/.test(l);
}

/** Well-known "domains" of Windows account names: never tokenised. */
const WELL_KNOWN_AUTHORITIES = new Set(
  ['NT SERVICE', 'NT AUTHORITY', 'BUILTIN', 'NT VIRTUAL MACHINE', 'IIS APPPOOL', 'WORKGROUP', 'Window Manager', 'Font Driver Host', 'SERVICE', 'AUTHORITY', 'NT'].map((s) =>
    s.toLowerCase(),
  ),
);
/** Registry roots and other words that sit before a backslash without being a domain. */
const NOT_NETBIOS = new Set(
  ['HKLM', 'HKCU', 'HKU', 'HKCR', 'HKCC', 'HKEY_LOCAL_MACHINE', 'HKEY_CURRENT_USER', 'HKEY_USERS', 'HKEY_CLASSES_ROOT', 'SOFTWARE', 'SYSTEM', 'SAM', 'SECURITY', 'HARDWARE', 'DEFAULT', 'PROGRA~1', 'PROGRA~2', 'WINDOWS', 'USERS', 'TEMP', 'TMP', 'LOGS', 'CONFIG', 'EVENTS', 'TRACES', 'SYNC', 'PROBES', 'BIN', 'DATA', 'MEC', 'GENERAL', 'AADCLOG', 'AADCTRACE', 'EVENTLOG', 'RUNHISTORY', 'CSEXPORT', 'OBJECT', 'NETTRACE', 'LOCALHOST', 'UNC', 'GLOBALROOT', 'DEVICE', 'PIPE'].map((s) =>
    s.toLowerCase(),
  ),
);
/** Words that must never be learned as a short host name (they are vocabulary, not names). */
const VOCABULARY = new Set(
  ['microsoft', 'azure', 'windows', 'entra', 'office', 'localhost', 'proxy', 'server', 'host', 'computer', 'machine', 'domain', 'user', 'admin', 'administrator', 'system', 'service', 'local', 'null', 'none', 'true', 'false', 'unknown', 'default', 'adsync', 'www', 'mail', 'login', 'dc', 'web', 'sync'],
);

/** CN/OU values that name public CAs or AD's own containers, not the customer. */
const PUBLIC_DN_VALUE =
  /^(?:users|computers|builtin|system|configuration|schema|program data|microsoft\b.*|digicert\b.*|baltimore\b.*|globalsign\b.*|entrust\b.*|verisign\b.*|sectigo\b.*|comodo\b.*|godaddy\b.*|isrg\b.*|usertrust\b.*|.*\broot\b.*\bca\b.*)$/i;

type Kind = 'user' | 'domain' | 'host' | 'tenant' | 'netbios' | 'lanip' | 'sid' | 'name';

class TokenTable {
  private readonly byKind = new Map<Kind, Map<string, string>>();
  private readonly counters = new Map<Kind, number>();
  readonly tokenToOriginal = new Map<string, string>();
  token(kind: Kind, original: string, format: (n: number) => string): string {
    let m = this.byKind.get(kind);
    if (!m) this.byKind.set(kind, (m = new Map()));
    const key = original.toLowerCase();
    let t = m.get(key);
    if (!t) {
      const n = (this.counters.get(kind) ?? 0) + 1;
      this.counters.set(kind, n);
      t = format(n);
      m.set(key, t);
      this.tokenToOriginal.set(t, original);
    }
    return t;
  }
  has(kind: Kind, original: string): boolean {
    return this.byKind.get(kind)?.has(original.toLowerCase()) ?? false;
  }
}

function isPublicName(name: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  return PUBLIC_SUFFIXES.some((s) => n === s || n.endsWith(`.${s}`));
}

/** Whether an IPv4 address (four octets) is a LAN / link-local address. */
function isLanIp(o: number[]): boolean {
  const [a, b] = o as [number, number, number, number];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
}

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';

export function createRedactor(opts: RedactorOptions = { identities: true }): Redactor {
  const identitiesOn = opts.identities;
  const secrets = secretRules((u) => {
    if (!identitiesOn || /^user-\d+$/.test(u)) return u;
    counts.identities++;
    return userToken(u);
  });
  const tokens = new TokenTable();
  const counts: RedactionCounts = { secrets: 0, identities: 0 };
  const userToken = (u: string) => tokens.token('user', u, (n) => `user-${n}`);
  const shortHosts = new Set<string>();
  const netbios = new Set<string>();
  const explicitUsers = new Set<string>();

  const domainToken = (d: string) => tokens.token('domain', d, (n) => `domain-${n}.example`);
  const tenantToken = (t: string) => tokens.token('tenant', t, (n) => `tenant-${n}`);
  const hostToken = (h: string) => tokens.token('host', h, (n) => `host-${n}`);
  const netbiosToken = (d: string) => tokens.token('netbios', d, (n) => `DOMAIN-${n}`);
  const ipToken = (ip: string) => tokens.token('lanip', ip, (n) => `lan-ip-${n}`);
  const nameToken = (s: string) => tokens.token('name', s, (n) => `name-${n}`);
  const sidToken = (s: string) => tokens.token('sid', s, (n) => `S-1-5-21-0-0-${n}`);

  /** A customer DNS name -> its token, or null when it must stay (public, a file, a type name). */
  function dnsName(raw: string): string | null {
    const escaped = raw.includes('\\.');
    const name = raw.replace(/\\\./g, '.');
    const lower = name.toLowerCase().replace(/\.$/, '');
    const labels = lower.split('.');
    if (labels.length < 2) return null;
    const last = labels[labels.length - 1]!;
    if (lower.endsWith('.example') || /^(?:tenant|domain|host)-\d+\./.test(lower)) return null;
    if (isPublicName(lower) || NOT_HOSTS.has(lower)) return null;
    if (FILE_EXTENSIONS.has(last)) return null;
    if (!isTld(last) || /^\d+$/.test(last)) return null;
    // .NET namespaces and type names: System.Net.WebException, Microsoft.Online.… (PascalCase labels).
    const origLabels = name.split('.');
    if (/^(system|microsoft|windows|newtonsoft|mscorlib)$/i.test(origLabels[0]!) && /[A-Z]/.test(name)) return null;
    let out: string;
    if (lower.endsWith('.onmicrosoft.com')) {
      const tenant = labels[labels.length - 3]!;
      const sub = labels.slice(0, -3);
      out = [...sub.map((l) => hostToken(l)), tenantToken(tenant), 'onmicrosoft', 'com'].join('.');
      if (labels.length === 3) out = `${tenantToken(tenant)}.onmicrosoft.com`;
    } else if (labels.length === 2) {
      out = domainToken(lower);
    } else {
      out = `${hostToken(labels[0]!)}.${domainToken(labels.slice(1).join('.'))}`;
    }
    counts.identities++;
    return escaped ? out.replace(/\./g, '\\.') : out;
  }

  function userPart(u: string): string {
    counts.identities++;
    return userToken(u);
  }

  const identityRules: Rule[] = [
    // DN components first (DC= labels make one domain).
    {
      re: /\b((?:DC=[^,;"'<>\r\n\\/]+,?\s*){2,})/gi,
      replace: (m) => {
        const parts = m[1]!.split(',').map((p) => p.trim()).filter((p) => p.length > 0);
        const labels = parts.map((p) => p.replace(/^DC=/i, ''));
        const trail = m[1]!.match(/,?\s*$/)![0];
        const d = labels.join('.');
        if (isPublicName(d)) return m[1]!;
        counts.identities++;
        const tok = domainToken(d.toLowerCase()).split('.');
        return tok.map((l) => `DC=${l}`).join(',') + trail;
      },
    },
    {
      re: /\b(CN|OU)=((?:\\,|[^,;"'<>\r\n=])+)/g,
      replace: (m) => {
        const v = m[2]!.trim();
        if (/^name-\d+$/.test(v) || PUBLIC_DN_VALUE.test(v)) return m[0]!;
        counts.identities++;
        return `${m[1]}=${nameToken(v)}`;
      },
    },
    // UPNs / e-mail addresses.
    {
      re: new RegExp(String.raw`(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-]{1,64})@(${LABEL}(?:\.${LABEL})+)`, 'g'),
      replace: (m) => {
        const user = m[1]!;
        const domain = m[2]!;
        if (/^user-\d+$/.test(user) && (domain.endsWith('.example') || /^tenant-\d+\.onmicrosoft\.com$/i.test(domain))) return m[0]!;
        if (isPublicName(domain) && !domain.toLowerCase().endsWith('.onmicrosoft.com')) return m[0]!;
        const d = dnsName(domain) ?? (domain.toLowerCase().endsWith('.onmicrosoft.com') ? null : domain);
        return `${userPart(user)}@${d ?? domain}`;
      },
    },
    // NetBIOS DOMAIN\user (the domain part in capitals, as Windows writes it), JSON-escaped too.
    {
      re: /(?<![\\/\w.$%-])([A-Z][A-Z0-9-]{1,14})(\\{1,2})([A-Za-z0-9._$-]{1,64})(?![\\/\w])/g,
      replace: (m) => {
        const dom = m[1]!;
        const user = m[3]!;
        if (WELL_KNOWN_AUTHORITIES.has(dom.toLowerCase()) || NOT_NETBIOS.has(dom.toLowerCase())) return m[0]!;
        if (/^DOMAIN-\d+$/.test(dom)) return m[0]!;
        netbios.add(dom.toLowerCase());
        counts.identities++;
        const u = /^user-\d+$/.test(user) ? user : userToken(user);
        return `${netbiosToken(dom)}${m[2]}${u}`;
      },
    },
    // Domain SIDs: keep the RID, tokenise the domain identifier.
    {
      re: /\bS-1-5-21-(\d{1,10})-(\d{1,10})-(\d{1,10})(?=-\d|\b)/g,
      replace: (m) => {
        if (m[1] === '0' && m[2] === '0') return m[0]!;
        counts.identities++;
        return sidToken(`S-1-5-21-${m[1]}-${m[2]}-${m[3]}`);
      },
    },
    // ADSync's generated accounts.
    {
      re: /\b(MSOL_[0-9a-fA-F]{12})\b/g,
      replace: (m) => userPart(m[1]!),
    },
    // LAN IPv4 (not a version number: no digit-dot around it).
    {
      re: /(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d]|\.\d)/g,
      replace: (m) => {
        const o = [m[1], m[2], m[3], m[4]].map(Number);
        if (o.some((x) => x > 255) || !isLanIp(o)) return m[0]!;
        counts.identities++;
        return ipToken(o.join('.'));
      },
    },
    // DNS names (also regex-escaped `contoso\.com` in bypass lists).
    {
      re: new RegExp(String.raw`(?:(?<![A-Za-z0-9_%\\-]|[A-Za-z0-9]\.)|(?<=%[0-9A-Fa-f]{2}))(${LABEL}(?:\\?\.${LABEL})+)\.?(?![A-Za-z0-9_-]|\(|\\?\.[A-Za-z0-9])`, 'g'),
      replace: (m) => dnsName(m[1]!) ?? m[0]!,
    },
  ];

  function learnedRule(): Rule | null {
    const words = [...shortHosts, ...netbios, ...explicitUsers].filter((w) => w.length >= 2);
    if (words.length === 0) return null;
    words.sort((a, b) => b.length - a.length);
    const alt = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    return {
      // Bare words only: never a label inside a DNS name (a learned NetBIOS name may also be a label
      // of a public host name).
      re: new RegExp(String.raw`(?<![A-Za-z0-9_.-])(${alt})(?![A-Za-z0-9_-]|\.[A-Za-z0-9])`, 'gi'),
      replace: (m) => {
        const w = m[1]!.toLowerCase();
        counts.identities++;
        if (shortHosts.has(w)) return hostToken(w);
        if (netbios.has(w)) return netbiosToken(m[1]!);
        return userToken(m[1]!);
      },
    };
  }

  function apply(s: string, rules: Rule[], countAs: keyof RedactionCounts | null): string {
    let out = s;
    for (const rule of rules) {
      rule.re.lastIndex = 0;
      out = out.replace(rule.re, (...args: unknown[]) => {
        // Rebuild an exec-like array from replace's arguments.
        const groups = typeof args[args.length - 1] === 'object' ? 3 : 2;
        const m = args.slice(0, args.length - groups) as string[] as unknown as RegExpExecArray;
        const r = rule.replace(m);
        if (countAs && r !== m[0]) counts[countAs]++;
        return r;
      });
    }
    return out;
  }

  function learn(s: string): void {
    // Host names of the machine that wrote the events: <Computer>AADC01.contoso.com</Computer>.
    for (const m of s.matchAll(/<Computer>\s*([^<\s]+)\s*<\/Computer>/gi)) addShortHost(m[1]!.split('.')[0]!);
    // "host": "AADC01" (bundle manifest), COMPUTERNAME=…, "MachineName": "…".
    for (const m of s.matchAll(/"(?:host|computerName|machineName|computer)"\s*:\s*"([A-Za-z0-9-]{2,63})(?:\.[^"]*)?"/gi)) addShortHost(m[1]!);
    for (const m of s.matchAll(/\bCOMPUTERNAME\s*[=:]\s*([A-Za-z0-9-]{2,15})\b/gi)) addShortHost(m[1]!);
    // DOMAIN\user in any field.
    for (const m of s.matchAll(/(?<![\\/\w.$%-])([A-Z][A-Z0-9-]{1,14})\\{1,2}[A-Za-z0-9._$-]{1,64}(?![\\/\w])/g)) {
      const d = m[1]!.toLowerCase();
      if (!WELL_KNOWN_AUTHORITIES.has(d) && !NOT_NETBIOS.has(d) && !VOCABULARY.has(d) && !/^domain-\d+$/.test(d)) netbios.add(d);
    }
  }
  function addShortHost(h: string) {
    const l = h.toLowerCase();
    if (l.length < 2 || VOCABULARY.has(l) || /^host-\d+$/.test(l) || /^\d+$/.test(l)) return;
    shortHosts.add(l);
  }

  /** Redacts one decoded string (no hex-blob pass: blobs inside blobs are not looked into). */
  function plain(s: string): string {
    let out = apply(s, secrets, 'secrets');
    if (!identitiesOn) return out;
    learn(out);
    out = apply(out, identityRules, null);
    const lr = learnedRule();
    if (lr) out = apply(out, [lr], null);
    return out;
  }

  function text(s: string): string {
    return plain(redactHexBlobs(s, plain));
  }

  const SECRET_KEY_RE = new RegExp(`${SECRET_KEY_WORD}$`, 'i');
  function json<T>(value: T): T {
    const walk = (v: unknown, key: string | null): unknown => {
      if (typeof v === 'string') {
        if (key !== null && SECRET_KEY_RE.test(key) && v.length > 0) {
          counts.secrets++;
          return REDACTED;
        }
        return text(v);
      }
      if (Array.isArray(v)) return v.map((x) => walk(x, null));
      if (v && typeof v === 'object') {
        const o: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v as Record<string, unknown>)) o[identitiesOn ? text(k) : k] = walk(x, k);
        return o;
      }
      return v;
    };
    return walk(value, null) as T;
  }

  function bytes(buf: Buffer, hint: EncodingHint = 'auto'): Buffer {
    const dec = decodeText(buf, hint);
    const red = text(dec.text);
    if (red === dec.text) return buf;
    return encodeText(red, dec);
  }

  return {
    identities: identitiesOn,
    text,
    json,
    bytes,
    learn: (s) => {
      if (identitiesOn) learn(s);
    },
    learnIdentities: (ids) => {
      if (!identitiesOn) return;
      for (const h of ids.hosts ?? []) addShortHost(h.split('.')[0]!);
      for (const d of ids.netbiosDomains ?? []) if (!WELL_KNOWN_AUTHORITIES.has(d.toLowerCase()) && !VOCABULARY.has(d.toLowerCase())) netbios.add(d.toLowerCase());
      for (const u of ids.users ?? []) {
        const m = /^([^\\]+)\\(.+)$/.exec(u);
        if (m && !WELL_KNOWN_AUTHORITIES.has(m[1]!.toLowerCase())) {
          if (!VOCABULARY.has(m[1]!.toLowerCase())) netbios.add(m[1]!.toLowerCase());
          if (!VOCABULARY.has(m[2]!.toLowerCase())) explicitUsers.add(m[2]!.toLowerCase());
        }
      }
      for (const d of ids.domains ?? []) if (!isPublicName(d)) domainToken(d.toLowerCase());
    },
    counts: () => ({ ...counts }),
    map: () => Object.fromEntries(tokens.tokenToOriginal),
  };
}

// ----------------------------------------------------------------------------------------------
// Hex blobs: REG_BINARY values such as WinINET's DefaultConnectionSettings carry the proxy string
// (and sometimes user:pass@) as length-prefixed ASCII. Each long hex run is decoded, redacted like
// text and encoded again; for the DefaultConnectionSettings layout the length fields are rewritten so
// the blob still parses.

function redactHexBlobs(s: string, inner: (t: string) => string): string {
  return s.replace(/(?<![0-9A-Fa-f])((?:[0-9A-Fa-f]{2}){16,})(?![0-9A-Fa-f])/g, (hex) => {
    const buf = Buffer.from(hex, 'hex');
    // Only blobs that hold readable text are worth a look (and cheap to skip otherwise).
    if (!/[\x20-\x7e]{6,}/.test(buf.toString('latin1'))) return hex;
    const upper = hex === hex.toUpperCase();
    const out = rewriteConnectionSettings(buf, inner) ?? rewriteLatin1(buf, inner);
    if (out === null) return hex;
    const h = out.toString('hex');
    return upper ? h.toUpperCase() : h;
  });
}

function rewriteLatin1(buf: Buffer, inner: (t: string) => string): Buffer | null {
  const t = buf.toString('latin1');
  const r = inner(t);
  return r === t ? null : Buffer.from(r, 'latin1');
}

/** DefaultConnectionSettings / WinHttpSettings: 3 dwords, then (len, ASCII) proxy, bypass, PAC URL. */
function rewriteConnectionSettings(buf: Buffer, inner: (t: string) => string): Buffer | null {
  if (buf.length < 24) return null;
  const parts: Buffer[] = [buf.subarray(0, 12)];
  let off = 12;
  let changed = false;
  for (let i = 0; i < 3; i++) {
    if (off + 4 > buf.length) return null;
    const len = buf.readUInt32LE(off);
    if (len > 4096 || off + 4 + len > buf.length) return null;
    const str = buf.subarray(off + 4, off + 4 + len).toString('latin1');
    const red = inner(str);
    if (red !== str) changed = true;
    const b = Buffer.from(red, 'latin1');
    const l = Buffer.alloc(4);
    l.writeUInt32LE(b.length);
    parts.push(l, b);
    off += 4 + len;
  }
  if (!changed) return null;
  // The tail (auto-detect blobs, zero padding) may still quote names: redact it as bytes of text.
  const tail = buf.subarray(off);
  parts.push(rewriteLatin1(tail, inner) ?? tail);
  return Buffer.concat(parts);
}

// ----------------------------------------------------------------------------------------------
// Encodings: keep a file's encoding and BOM.

export interface DecodedText {
  text: string;
  encoding: 'utf8' | 'utf16le' | 'utf16be' | 'latin1';
  bom: boolean;
}

export function decodeText(buf: Buffer, hint: EncodingHint = 'auto'): DecodedText {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: buf.subarray(3).toString('utf8'), encoding: 'utf8', bom: true };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: buf.subarray(2).toString('utf16le'), encoding: 'utf16le', bom: true };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return { text: swap16(buf.subarray(2)).toString('utf16le'), encoding: 'utf16be', bom: true };
  }
  if (hint === 'utf16le' || (hint === 'auto' && looksUtf16le(buf))) {
    return { text: buf.toString('utf16le'), encoding: 'utf16le', bom: false };
  }
  if (hint === 'latin1') return { text: buf.toString('latin1'), encoding: 'latin1', bom: false };
  // Not valid UTF-8 (a binary or an ANSI file): latin1 keeps every byte as it was.
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf8', bom: false };
  } catch {
    return { text: buf.toString('latin1'), encoding: 'latin1', bom: false };
  }
}

export function encodeText(s: string, how: Pick<DecodedText, 'encoding' | 'bom'>): Buffer {
  switch (how.encoding) {
    case 'utf8':
      return how.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')]) : Buffer.from(s, 'utf8');
    case 'utf16le':
      return how.bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]) : Buffer.from(s, 'utf16le');
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), swap16(Buffer.from(s, 'utf16le'))]);
    case 'latin1':
      return Buffer.from(s, 'latin1');
  }
}

function swap16(b: Buffer): Buffer {
  const c = Buffer.from(b.subarray(0, b.length - (b.length % 2)));
  c.swap16();
  return c;
}

/** UTF-16 LE without a BOM: most odd bytes zero in the first KiB (ASCII-range text). */
function looksUtf16le(buf: Buffer): boolean {
  const n = Math.min(buf.length - (buf.length % 2), 1024);
  if (n < 4) return false;
  let zeroOdd = 0;
  let zeroEven = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i + 1] === 0) zeroOdd++;
    if (buf[i] === 0) zeroEven++;
  }
  return zeroOdd > n / 2 / 2 && zeroEven < n / 2 / 8;
}
