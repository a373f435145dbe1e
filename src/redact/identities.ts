// Identities: customer names that become stable tokens when identities are redacted (the default in a
// bundle, `analyze --redact`), the same token for the same value in every file of one run
// (case-insensitive), with the map kept by the caller beside the bundle:
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
import type { Rule } from './secrets.js';

export interface LearnedIdentities {
  hosts?: string[];
  users?: string[];
  netbiosDomains?: string[];
  domains?: string[];
}

export interface Identities {
  /** The identity rules, then the rule for learned bare words (when any). */
  rules(): Rule[];
  /** The token of a user name (the user part of a `user:pass@` credential). */
  userToken(u: string): string;
  /** Learns identities from a text without changing it (computer names, DOMAIN\user). */
  learn(s: string): void;
  learnIdentities(ids: LearnedIdentities): void;
  /** token -> original value. */
  map(): Record<string, string>;
}

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

export function createIdentities(onIdentity: () => void): Identities {
  const tokens = new TokenTable();
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
    onIdentity();
    return escaped ? out.replace(/\./g, '\\.') : out;
  }

  function userPart(u: string): string {
    onIdentity();
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
        onIdentity();
        const tok = domainToken(d.toLowerCase()).split('.');
        return tok.map((l) => `DC=${l}`).join(',') + trail;
      },
    },
    {
      re: /\b(CN|OU)=((?:\\,|[^,;"'<>\r\n=])+)/g,
      replace: (m) => {
        const v = m[2]!.trim();
        if (/^name-\d+$/.test(v) || PUBLIC_DN_VALUE.test(v)) return m[0]!;
        onIdentity();
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
        // VOCABULARY: `DOMAIN\SERVER$` in the tool's advice is a placeholder, not a customer's domain.
        if (WELL_KNOWN_AUTHORITIES.has(dom.toLowerCase()) || NOT_NETBIOS.has(dom.toLowerCase()) || VOCABULARY.has(dom.toLowerCase())) return m[0]!;
        if (/^DOMAIN-\d+$/.test(dom)) return m[0]!;
        netbios.add(dom.toLowerCase());
        onIdentity();
        const u = /^user-\d+$/.test(user) ? user : userToken(user);
        return `${netbiosToken(dom)}${m[2]}${u}`;
      },
    },
    // Domain SIDs: keep the RID, tokenise the domain identifier.
    {
      re: /\bS-1-5-21-(\d{1,10})-(\d{1,10})-(\d{1,10})(?=-\d|\b)/g,
      replace: (m) => {
        if (m[1] === '0' && m[2] === '0') return m[0]!;
        onIdentity();
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
        onIdentity();
        return ipToken(o.join('.'));
      },
    },
    // DNS names (also regex-escaped `contoso\.com` in bypass lists).
    {
      re: new RegExp(String.raw`(?:(?<![A-Za-z0-9_%\\-]|[A-Za-z0-9]\.)|(?<=%[0-9A-Fa-f]{2}))(${LABEL}(?:\\?\.${LABEL})+)\.?(?![A-Za-z0-9_-]|\(|\\?\.[A-Za-z0-9])`, 'g'),
      replace: (m) => dnsName(m[1]!) ?? m[0]!,
    },
  ];

  let learnedCache: { key: number; rule: Rule | null } | null = null;
  /** The rule for learned bare words, rebuilt only when a word was learned. */
  function learnedRule(): Rule | null {
    const size = shortHosts.size + netbios.size + explicitUsers.size;
    if (learnedCache && learnedCache.key === size) return learnedCache.rule;
    learnedCache = { key: size, rule: buildLearnedRule() };
    return learnedCache.rule;
  }
  function buildLearnedRule(): Rule | null {
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
        onIdentity();
        if (shortHosts.has(w)) return hostToken(w);
        if (netbios.has(w)) return netbiosToken(m[1]!);
        return userToken(m[1]!);
      },
    };
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

  function learnIdentities(ids: LearnedIdentities): void {
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
  }

  return {
    rules: () => {
      const lr = learnedRule();
      return lr ? [...identityRules, lr] : identityRules;
    },
    userToken: (u) => userToken(u),
    learn,
    learnIdentities,
    map: () => Object.fromEntries(tokens.tokenToOriginal),
  };
}
