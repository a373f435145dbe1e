// Secrets: always removed (also with --no-redact), replaced by `[REDACTED]` and counted.
//
// A secret is recognised by its SHAPE, wherever it stands (an event message, a file name, a config
// excerpt, a zip entry name, an error line), never by a list of places it may appear in:
//   - credentials in a URL or proxy string: `user:pass@host` with or without a scheme, an empty user
//     (`http://:pass@host`), `DOMAIN\user`, a `/`, `@` or `?` inside the password, URL-encoded
//     (`%3A`, `%40`), a password wrapped onto the next line;
//   - HTTP credentials: Authorization / Proxy-Authorization / *-Authenticate values, bare Basic,
//     Bearer, NTLM and Negotiate tokens, Cookie / Set-Cookie values (ESTSAUTH… is an Entra session),
//     x-api-key / api-key / Ocp-Apim-Subscription-Key headers;
//   - tokens: JWTs (eyJ…), SAS `sig=`, Service Bus SharedAccessKey, storage AccountKey;
//   - key material: PEM private key blocks (also with escaped line ends, inside event XML or JSON),
//     DPAPI blobs (base64 `AQAAANCMnd8BFdERjHoAwE/Cl+sB…`, hex `01000000d08c9ddf0115d111…`, reg-export
//     hex lists), CNTLM password hashes (PassNT/PassLM/PassNTLMv2 + 32 hex digits);
//   - values whose NAME says they are secret (password, pwd, secret, client_secret, token, apikey,
//     accountkey, sharedaccesskey…), as key=value, "key": "value", key="value", <Key>value</Key>,
//     <add key="…Password" value="…"/>, reg export "…Password"="…", PowerShell -…Password 'value' and
//     ConvertTo-SecureString 'value' — EVERY occurrence, in plain, JSON-escaped, XML-escaped,
//     URL-encoded spellings, and with the name itself written with character references
//     (`Pass&#x77;ord=`, `Pass\u0077ord`, `Pass%77ord`);
//   - a token value cut by a line wrap keeps nothing of its second half.
// What is NOT a secret stays: proxy host and port, the user name of a credential (an identity, see
// identities.ts), auth scheme names, and prose that merely names these things ("put only the
// PassNTLMv2 line into cntlm.ini", "Password writeback: disabled").

export const REDACTED = '[REDACTED]';

/** A rule: a regular expression and what a match becomes, or a scanner of its own (`scan`). */
export interface Rule {
  re?: RegExp;
  replace?: (m: RegExpExecArray) => string;
  /** For rules a single regex cannot express: returns the new text, calling `hit` once per secret. */
  scan?: (s: string, hit: () => void) => string;
  /** A cheap test that must hold for the rule to match at all (skips the regex on most texts). */
  gate?: RegExp;
  /** The rule as data for other redactors (export.ts: the PowerShell side): see NetRule. */
  net?: NetRule | NetRule[];
}

/**
 * A secret rule as data: a pattern in the syntax JavaScript and .NET share, and a replacement in the
 * `$1` syntax both share. Written from the same pieces as the rule itself (one definition). Where the
 * rule decides in code (which auth scheme words to keep, which cookie is which, a wrapped tail's line
 * break), the data form redacts at least as much: the whole header value, every cookie value, the
 * tail joined to its line.
 */
export interface NetRule {
  name: string;
  pattern?: string;
  /** JavaScript flags of the pattern (i, m); default: the rule's own. */
  flags?: string;
  replacement: string;
}

/** One value character inside connection strings and key=value text, including escaped forms. */
const ENT = String.raw`&(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});`;
const JSON_U = String.raw`\\u[0-9a-fA-F]{4}`;
/** A quote escaped n levels deep in JSON: \" (1), \\\" (3), \\\\\\\" (7). */
const escQuote = (levels: number) => '\\\\'.repeat(levels) + '"';
const escQuoted = (levels: number) => `${escQuote(levels)}(?:(?!${escQuote(levels)})[^\\r\\n])*?${escQuote(levels)}`;
/** A quoted value in its JSON-escaped, XML-escaped, URL-encoded, plain or ODBC-brace spelling. */
const QUOTED = [
  escQuoted(7),
  escQuoted(3),
  // \"...\" inside a JSON string; \\\" inside it is a deeper-level quote, not the end.
  String.raw`\\"(?:\\\\\\"|\\\\\\\\|\\[^"\\\r\n]|[^"\\\r\n])*?\\"`,
  String.raw`%22(?:(?!%22)[^\s&])*%22`,
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
const CONN_VALUE = String.raw`(?:${ENT}|${JSON_U}|[^;\r\n"'<>\\]|\\(?!["\\rn]))+`;
/** Unquoted token value (query strings, headers): also ends at whitespace, a bare `&`, `,` and `;`. */
const TOKEN_VALUE = String.raw`(?:${ENT}|${JSON_U}|%[0-9A-Fa-f]{2}|[^;\s"'<>&\\,]|\\(?!["\\rn]))+`;

/**
 * A line break inside a value that was wrapped: a real one, a JSON-escaped one or an XML character
 * reference pair, then the indentation of the continued line.
 */
const WRAP_BREAK = String.raw`(?:\r?\n|\\r\\n|\\n|&#x[dD];&#x[aA];|&#13;&#10;|&#x[aA];|&#10;)[ \t]*`;
/**
 * The second half of a token wrapped onto the next line. Only taken when the value ran right up to
 * the end of a line of 60 or more characters (a wrap column: 64 for PEM, 76 for mail, 80 or 120 for a
 * console), and only when what starts the next line looks like the rest of a token: it ends the line
 * (or meets a quote or separator) or is 20 characters or more, and it carries a digit or + / = _ —
 * never a timestamp, never a new `key:` line, never a word of prose ("at System.Net…", "ERROR").
 */
const WRAP_TAIL = String.raw`(?:(?=\r?\n|\\[rn]|&#)(?<=(?:^|[\r\n]|\\n|&#x[aA];|&#10;)(?:(?!\\n|&#x[aA];|&#10;)[^\r\n]){60,})${WRAP_BREAK}(?!\d{1,4}[-/.:]\d)(?=[A-Za-z0-9~.%-]*[0-9+/=_])(?:[A-Za-z0-9+/=_~.%-]+(?=$|[\r\n"'<>;&,)\\@])|[A-Za-z0-9+/=_~.%-]{20,}(?=[ \t])))?`;

/** Names whose value is a secret. Ends the key: `PasswordWriteback` is not one, `ProxyPassword` is. */
const SECRET_KEY_WORD = String.raw`(?:password|passwd|passphrase|pwd|passntlmv2|passnt|passlm|secret|client_?secret|sharedaccesskey|accountkey|apikey|api_key|x-api-key|access_?token|refresh_?token|id_?token|sas_?token|subscription-key)`;
const SECRET_KEY_END = new RegExp(`${SECRET_KEY_WORD}$`, 'i');

/** A key name with its character references, \uXXXX and %XX escapes decoded (`Pass&#x77;ord` -> `Password`). */
export function decodeKeyName(k: string): string {
  return k
    .replace(/&#x([0-9a-fA-F]{1,6});/g, (_m, h: string) => String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff)))
    .replace(/&#(\d{1,7});/g, (_m, d: string) => String.fromCodePoint(Math.min(Number(d), 0x10ffff)))
    .replace(/\\u([0-9a-fA-F]{4})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Whether a (decoded) key name says its value is a secret. */
export function isSecretKeyName(k: string): boolean {
  return SECRET_KEY_END.test(decodeKeyName(k));
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

/** Schemes written `scheme:user@host` without `//` whose part before `@` is an address, not a password. */
const ADDRESS_SCHEMES = new Set(['mailto', 'sip', 'sips', 'tel', 'urn', 'xmpp', 'im', 'pres', 'news']);


/** A host after `@`: a DNS name, an IPv4 address or a bracketed IPv6 address, and a port. */
const HOST = String.raw`(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9-]{1,63})*)`;


/** The line break of a wrapped value's tail, kept; the tail itself is redacted. */
function wrapped(tail: string | undefined): string {
  if (!tail) return '';
  const br = new RegExp(`^${WRAP_BREAK}`).exec(tail);
  return `${br ? br[0] : ''}${REDACTED}`;
}

/** Regex rule helper: the replacement sees exec-like groups; `net` is its data form (NetRule). */
function rx(re: RegExp, replace: (m: RegExpExecArray) => string, gate?: RegExp, net?: NetRule | NetRule[]): Rule {
  const rule: Rule = { re, replace };
  if (gate) rule.gate = gate;
  if (net) rule.net = net;
  return rule;
}

/**
 * The secret rules, in order. `user` maps the user name of a `user:pass@` credential (an identity:
 * tokenised when identities are redacted, else kept).
 */
export function secretRules(user: (u: string) => string): Rule[] {
  const r: Rule[] = [];

  // PEM private keys, whole blocks first (any line ends: real, JSON-escaped, XML references), then a
  // block whose end was cut off (a piece of a big file, a truncated export), then the end of a block
  // whose start was cut off. Public keys and certificates are not secrets and stay.
  const PEM_BODY = String.raw`(?:[A-Za-z0-9+/=:,\- \t\r\n]|\\[rn]|&#x?[0-9a-fA-F]{1,2};)`;
  const PEM_GATE = /PRIVATE KEY-----/;
  r.push(rx(new RegExp(String.raw`(-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY)-----)(?![ \t]*\[REDACTED\])${PEM_BODY}{0,65536}?(-----END \2-----)`, 'g'), (m) => `${m[1]}${REDACTED}${m[3]}`, PEM_GATE, { name: 'pem-private-key', replacement: `$1${REDACTED}$3` }));
  r.push(rx(new RegExp(String.raw`(-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----)(?![ \t]*\[REDACTED\])${PEM_BODY}+`, 'g'), (m) => `${m[1]}${REDACTED}`, PEM_GATE, { name: 'pem-private-key-cut-end', replacement: `$1${REDACTED}` }));
  r.push(rx(new RegExp(String.raw`(?<![A-Za-z0-9+/=\]])[A-Za-z0-9+/=]{16}${PEM_BODY}*(?=-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----)`, 'g'), () => REDACTED, PEM_GATE, { name: 'pem-private-key-cut-start', replacement: REDACTED }));

  // DPAPI blobs: version 1 and the provider GUID df9d8cd0-1501-11d1-8c7a-00c04fc297eb give every blob
  // the same first bytes, in base64 (wrapped lines too: a full line of 40 or more characters, not
  // ended by = padding, goes on), hex and reg-export hex lists.
  r.push(rx(new RegExp(String.raw`AQAAANCMnd8BFdERjHoAwE[A-Za-z0-9+/=]*(?:(?<=[A-Za-z0-9+/]{40})${WRAP_BREAK}[A-Za-z0-9+/=]+(?=$|[\r\n"'<]|\\[rn]|&#))*`, 'gm'), () => REDACTED, /AQAAANCMnd8BFdERjHoAwE/, { name: 'dpapi-base64', replacement: REDACTED }));
  r.push(rx(/01000000d08c9ddf0115d1118c7a00c04fc297eb[0-9a-fA-F]*/gi, () => REDACTED, /01000000d08c9ddf0115d1118c7a00c04fc297eb/i, { name: 'dpapi-hex', replacement: REDACTED }));
  r.push(rx(/01,00,00,00,d0,8c,9d,df,01,15,d1,11,8c,7a,00,c0,4f,c2,97,eb(?:,(?:\\\r?\n[ \t]*)?[0-9a-fA-F]{2})*/gi, () => REDACTED, /01,00,00,00,d0,8c,9d,df/i, { name: 'dpapi-reg-hex', replacement: REDACTED }));

  // user:pass@ in URLs (also JSON-escaped slashes and URL-encoded schemes in query strings). The
  // password runs to the LAST @ before the host (a raw @, / or ? inside it must not leave a tail
  // behind) and may be wrapped onto the next line.
  // One password character: never the start of another URL (a leak: `…?x=http://svc:pw@host` would be
  // swallowed by an outer match that is then left as it was), never the next entry of a WinINET
  // per-protocol list (`…;https=`).
  const PCH = String.raw`(?:(?!:\/\/|:\\\/\\\/|%3A%2F%2F|;[A-Za-z]{2,8}=)[^\s"'<>])`;
  // The password: one run to the LAST @ before the host, or wrapped once (its first part then holds no @
  // and is not the port of an authority).
  const PASS = String.raw`(?:(?![0-9]{1,5}(?:[/?#\s]|\\[rn]|&#))(?:(?!@|%40)${PCH})+${WRAP_BREAK}${PCH}{1,256}|(?![0-9]{1,5}(?:[/?#\s]|\\[rn]|&#))${PCH}{1,512})`;
  const AT_GATE = /@|%40/i;
  r.push(
    rx(
      new RegExp(
        String.raw`(?:\b|(?<=%[0-9A-Fa-f]{2}))([a-z][a-z0-9+.-]{1,15}:(?:\\?/){2}|[a-z][a-z0-9+.-]{1,15}%3A%2F%2F)([^\s:@/\\"'<>]{0,256}?|[^\s:@/"'<>]{0,64}(?:\\{1,2}|%5[cC])[^\s:@/\\"'<>]{1,64}?)(:|%3A)(${PASS})(@|%40)(?=${HOST}|%5B)`,
        'gi',
      ),
      (m) => (m[4] === REDACTED ? m[0]! : `${m[1]}${user(m[2]!)}${m[3]}${REDACTED}${m[5]}`),
      AT_GATE,
      { name: 'url-credentials', replacement: `$1$2$3${REDACTED}$5` },
    ),
  );
  // The same without a scheme: WinINET ProxyServer `svc:pw@proxy:8080`, `http=svc:pw@proxy:8080;…`,
  // an environment variable, a line someone typed. Starts after a separator, never inside a word.
  r.push(
    rx(
      new RegExp(
        String.raw`(?<=^|[\s=;,"'(\[{|>]|&quot;|&apos;|\\u0027|\\u0022)(?!(?:mailto|sips?|tel|urn|xmpp|im|pres|news):)([A-Za-z0-9._%+!$~-]{0,64}(?:(?:\\{1,2}|%5[cC])[A-Za-z0-9._%+!$~-]{1,64})?):(?!//|\\/)(${PASS})(@|%40)(?=${HOST}(?::\d{1,5})?(?![A-Za-z0-9_.-]))`,
        'gm',
      ),
      (m) => {
        if (ADDRESS_SCHEMES.has(m[1]!.toLowerCase()) || m[2] === REDACTED) return m[0]!;
        return `${user(m[1]!)}:${REDACTED}${m[3]}`;
      },
      AT_GATE,
      { name: 'proxy-string-credentials', replacement: `$1:${REDACTED}$3` },
    ),
  );

  // HTTP auth headers: keep the header and scheme, drop the credentials (to the end of the line,
  // stopping at a closing JSON quote), and the rest of a credential wrapped onto the next line.
  r.push(
    rx(
      new RegExp(String.raw`\b((?:proxy-)?(?:authorization|authenticate)|www-authenticate)(\s*(?:\\?"\s*)?[:=]\s*(?:\\?"\s*)?)((?:[^\r\n"\\]|\\(?![rn"]))+)(${WRAP_TAIL})`, 'gi'),
      (m) => {
        const v = redactAuthValue(m[3]!);
        return `${m[1]}${m[2]}${v}${v.endsWith(REDACTED) ? wrapped(m[4]) : (m[4] ?? '')}`;
      },
      /authori[sz]|authentic/i,
      { name: 'http-authorization', replacement: `$1$2${REDACTED}` },
    ),
  );
  // Cookie and Set-Cookie headers: every value (ESTSAUTH, ESTSAUTHPERSISTENT: an Entra sign-in session).
  r.push(rx(/\b((?:set-)?cookie)(\s*(?:\\?"\s*)?:\s*(?:\\?"\s*)?)((?:[^\r\n"\\]|\\(?![rn"]))+)/gi, (m) => `${m[1]}${m[2]}${redactCookies(m[3]!, m[1]!.toLowerCase() === 'set-cookie')}`, /cookie/i, { name: 'http-cookie', replacement: `$1$2${REDACTED}` }));
  // Entra session cookies anywhere else (a HAR excerpt, a pasted cookie jar).
  r.push(
    rx(
      new RegExp(String.raw`\b(ESTSAUTH[A-Z]*|SignInStateCookie|x-ms-RefreshTokenCredential[0-9]*)(=|%3D|\s*:\s*)(?![ \t]*\[REDACTED\])(${TOKEN_VALUE})(${WRAP_TAIL})`, 'gi'),
      (m) => `${m[1]}${m[2]}${REDACTED}${wrapped(m[4])}`,
      /ESTSAUTH|SignInStateCookie|x-ms-RefreshTokenCredential/i,
      { name: 'entra-session-cookie', replacement: `$1$2${REDACTED}` },
    ),
  );
  // API key headers.
  r.push(
    rx(
      new RegExp(String.raw`\b((?:x-)?api-?key|Ocp-Apim-Subscription-Key|x-functions-key)(\s*(?:\\?"\s*)?:\s*(?:\\?"\s*)?)(?![ \t]*\[REDACTED\])(${TOKEN_VALUE})(${WRAP_TAIL})`, 'gi'),
      (m) => `${m[1]}${m[2]}${REDACTED}${wrapped(m[4])}`,
      /api-?key|subscription-key|functions-key/i,
      { name: 'api-key-header', replacement: `$1$2${REDACTED}` },
    ),
  );
  // Bare bearer/basic/NTLM credentials outside a header line.
  r.push(
    rx(
      new RegExp(String.raw`\b(Bearer|Basic|NTLM|Negotiate)(\s+)([A-Za-z0-9\-._~+/]{8,}=*)(${WRAP_TAIL})`, 'gi'),
      (m) => (looksLikeCredential(m[3]!) ? `${m[1]}${m[2]}${REDACTED}${wrapped(m[4])}` : m[0]!),
      /bearer|basic|ntlm|negotiate/i,
      // As data: the credential test of looksLikeCredential written into the pattern (12 or more
      // characters with a digit, + / or =; the mixed-case-only case needs code and is left out).
      {
        name: 'auth-scheme-token',
        pattern: String.raw`\b(Bearer|Basic|NTLM|Negotiate)(\s+)((?=[A-Za-z0-9\-._~+/]{12})(?=[A-Za-z0-9\-._~]*[0-9+/=])[A-Za-z0-9\-._~+/]{8,}=*)(${WRAP_TAIL})`,
        replacement: `$1$2${REDACTED}`,
      },
    ),
  );
  // JWTs and their header parts, wrapped or not.
  r.push(rx(new RegExp(String.raw`\beyJ[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*){0,2}(${WRAP_TAIL})`, 'g'), (m) => `${REDACTED}${wrapped(m[1])}`, /eyJ/, { name: 'jwt', replacement: REDACTED }));
  // Service Bus / storage SAS: sig=… (any order, & or &amp;, URL-encoded).
  // (?<![A-Za-z]) rather than \b: `\u0026sig=` (PowerShell 5.1 JSON) has a digit before it.
  r.push(
    rx(
      new RegExp(String.raw`(?:(?<![A-Za-z])|(?<=%[0-9A-Fa-f]{2}))(sig)(=|%3D)(?![ \t]*\[REDACTED\])(${TOKEN_VALUE})(${WRAP_TAIL})`, 'gi'),
      (m) => `${m[1]}${m[2]}${REDACTED}${wrapped(m[4])}`,
      /sig/i,
      { name: 'sas-signature', replacement: `$1$2${REDACTED}` },
    ),
  );
  // CNTLM config: PassNT/PassLM/PassNTLMv2 hold a 32-hex-digit hash; in cntlm.ini the value is the one
  // word that ends the line, or stands after CNTLM's column blanks. That is their shape: the words in
  // prose, as in the tool's own advice "put only the PassNTLMv2 line it prints into cntlm.ini", are not.
  const CNTLM_VALUE = String.raw`(?:[^\r\n"<\\]|\\(?![rn"]))+`;
  const ONE_WORD = String.raw`(?:[^\s"<\\]|\\(?![rn"\\]))+(?=[ \t]*(?:$|[\r\n"<]|\\+[rn"]))`;
  r.push(
    rx(
      new RegExp(String.raw`\b(PassNTLMv2|PassNT|PassLM)((?:[ \t]*[=:][ \t]*|[ \t]+)(?=[0-9A-Fa-f]{32}(?![0-9A-Za-z]))|[ \t]{2,}|\t|[ \t]*=[ \t]*|[ \t]+(?=${ONE_WORD}))(?![ \t]*\[REDACTED\])([0-9A-Fa-f]{32}(?![0-9A-Za-z])|${CNTLM_VALUE})`, 'gim'),
      (m) => `${m[1]}${m[2]}${REDACTED}`,
      /pass(?:nt|lm)/i,
      { name: 'cntlm-hash', replacement: `$1$2${REDACTED}` },
    ),
  );
  // CNTLM `Password <value>`: a config line (first on its line, also after a JSON string's \r\n escape
  // or in XML text) whose value is one word, or CNTLM's column layout (two or more blanks or a tab)
  // anywhere. Prose keeps its words: "Password reset failed for …" is several words after one blank.
  const LINE_START = String.raw`(?:^|\\r|\\n|&#x?[aAdD1][03]?;|[">])`;
  r.push(rx(new RegExp(String.raw`(${LINE_START}[ \t]*Password[ \t]+)(?![=:])(?![ \t]*\[REDACTED\])(${ONE_WORD})`, 'gm'), (m) => `${m[1]}${REDACTED}`, /password/i, { name: 'cntlm-password-line', replacement: `$1${REDACTED}` }));
  r.push(rx(new RegExp(String.raw`(\bPassword(?:[ \t]{2,}|\t))(?![=:])(?![ \t]*\[REDACTED\])(${CNTLM_VALUE})`, 'g'), (m) => `${m[1]}${REDACTED}`, /password/i, { name: 'cntlm-password-columns', replacement: `$1${REDACTED}` }));
  // reg export: "SomethingPassword"="value" or =hex:…\ continuation lines.
  r.push(
    rx(/^("((?:[^"\\\r\n]|\\.)*)")=((?:"(?:[^"\\\r\n]|\\.)*")|(?:[a-z0-9()]+:(?:[^\r\n]*\\\r?\n)*[^\r\n]*))/gim, (m) =>
      isSecretKeyName(m[2]!) && m[3] !== `"${REDACTED}"` ? `${m[1]}="${REDACTED}"` : m[0]!,
    undefined,
    {
      name: 'reg-export-value',
      pattern: String.raw`^("(?:[^"\\\r\n]|\\.)*${SECRET_KEY_WORD}")=((?:"(?:[^"\\\r\n]|\\.)*")|(?:[a-z0-9()]+:(?:[^\r\n]*\\\r?\n)*[^\r\n]*))`,
      replacement: `$1="${REDACTED}"`,
    },
    ),
  );
  // XML elements: <Password>…</Password>, <ProxyPassword …>…</…>, also XML-escaped (&lt;…&gt;) and
  // PowerShell-5.1-JSON-escaped (\u003c…\u003e).
  for (const [lt, gt, gate] of [
    ['<', '>', /</],
    ['&lt;', '&gt;', /&lt;/],
    [String.raw`\\u003c`, String.raw`\\u003e`, /\\u003c/i],
  ] as const) {
    r.push(
      rx(
        new RegExp(String.raw`(${lt}((?:[A-Za-z_][\w.:-]*?)?${SECRET_KEY_WORD})(?:\s(?:(?!${gt})[^<>\r\n])*)?${gt})((?:(?!${lt})[^<>])*)(${lt}/\2\s*${gt})`, 'gi'),
        (m) => (m[3]!.length === 0 || m[3] === REDACTED ? m[0]! : `${m[1]}${REDACTED}${m[4]}`),
        gate,
        { name: `xml-element${lt === '<' ? '' : lt === '&lt;' ? '-escaped' : '-json-escaped'}`, replacement: `$1${REDACTED}$4` },
      ),
    );
  }
  // appSettings: <add key="ProxyPassword" value="…"/> (the key possibly written with references).
  r.push(
    rx(/(\bkey\s*=\s*(\\{0,7}["']|&quot;)([^"'<>]*?)\2\s+value\s*=\s*)(\\{0,7}["']|&quot;)((?:(?!\4).)*)\4/gi, (m) =>
      isSecretKeyName(m[3]!.replace(/\\+$/, '')) && m[5] !== REDACTED && m[5] !== '' ? `${m[1]}${m[4]}${REDACTED}${m[4]}` : m[0]!,
    /key/i,
    {
      name: 'app-setting',
      pattern: String.raw`(\bkey\s*=\s*(\\{0,7}["']|&quot;)[^"'<>]*?${SECRET_KEY_WORD}\2\s+value\s*=\s*)(\\{0,7}["']|&quot;)(?:(?!\3).)*\3`,
      replacement: `$1$3${REDACTED}$3`,
    }),
  );
  // PowerShell: -Password 'x', -DomainAdminPassword "x", ConvertTo-SecureString 'x' -AsPlainText.
  // A parameter starts after a blank (never inside a cmdlet name such as Set-ADSyncAADPasswordResetConfiguration).
  r.push(rx(new RegExp(String.raw`((?<=^|[\s(;|{])-[A-Za-z]*${SECRET_KEY_WORD}\s+)(?![ \t]*\[REDACTED\])(?!-[A-Za-z])(${QUOTED}|[^\s;|)]+)`, 'gi'), (m) => `${m[1]}${REDACTED}`, /pass|pwd|secret|key|token/i, { name: 'powershell-parameter', replacement: `$1${REDACTED}` }));
  r.push(rx(new RegExp(String.raw`(ConvertTo-SecureString\s+(?:-String\s+)?)(?![ \t]*\[REDACTED\])(?!-[A-Za-z])(${QUOTED}|[^\s;|)]+)`, 'gi'), (m) => `${m[1]}${REDACTED}`, /ConvertTo-SecureString/i, { name: 'convertto-securestring', replacement: `$1${REDACTED}` }));
  // key = value / "key": "value" / key="value" for secret-named keys: every occurrence (see scanKeyValues).
  r.push({ scan: scanKeyValues, net: keyValueNetRules() });
  return r;
}

/** Every value of a Cookie header (`a=1; b=2`); for Set-Cookie only the first pair is the cookie. */
function redactCookies(v: string, setCookie: boolean): string {
  let first = true;
  return v.replace(/(^|;\s*)([^=;\s]+)(\s*=\s*)([^;]*)/g, (all, pre: string, name: string, eq: string, val: string) => {
    const isCookie = setCookie ? first : true;
    first = false;
    if (!isCookie || val.trim() === '' || val === REDACTED) return all;
    return `${pre}${name}${eq}${REDACTED}`;
  });
}

// ---------------------------------------------------------------------------------------------
// key=value secrets. A scanner rather than one regex: every `key<sep>` is looked at, the key is
// decoded (character references, \uXXXX, %XX) and judged by its name; a value is consumed only when
// it is redacted, so a secret inside the value of an innocent key (`url=https://x/?client_secret=…`)
// and the second secret of a query string are both found.

const KEY_CHARS = String.raw`(?:[A-Za-z0-9_.-]|&#x?[0-9a-fA-F]{1,6};|\\u00[0-9a-fA-F]{2}|%[0-9a-fA-F]{2}(?=[A-Za-z0-9_.-]|&#|\\u|%))`;
/** Any key, its name possibly escaped: only used when the text holds an escape at all. */
const KEY_SEP_ANY = new RegExp(
  String.raw`(?<![A-Za-z0-9_.-]|&#x?[0-9a-fA-F]{1,6};|\\u00[0-9a-fA-F]{2})(${KEY_CHARS}{2,96}?)(${KEY_QUOTE}?)(\s*(?::|=|%3D|%3A|&#61;|&#x3[dD];)\s*)`,
  'gi',
);
/** A key whose plain name ends with a secret word (the common case, and a much faster search). */
const KEY_SEP_PLAIN = new RegExp(
  String.raw`(?<![A-Za-z0-9_.-]|&#x?[0-9a-fA-F]{1,6};|\\u00[0-9a-fA-F]{2})((?:${KEY_CHARS}{0,64}?)${SECRET_KEY_WORD})(${KEY_QUOTE}?)(\s*(?::|=|%3D|%3A|&#61;|&#x3[dD];)\s*)`,
  'gi',
);
const HAS_ESCAPE = /&#x?[0-9a-f]{1,6};|\\u00[0-9a-f]{2}|%[0-9a-f]{2}/i;
const QUOTED_AT = new RegExp(`(?:${QUOTED})`, 'y');
const CONN_AT = new RegExp(CONN_VALUE, 'y');
const TOKEN_AT = new RegExp(TOKEN_VALUE, 'y');
const WRAP_AT = new RegExp(WRAP_TAIL, 'y');

function scanKeyValues(s: string, hit: () => void): string {
  if (!/[=:]|%3[ADad]|&#/.test(s)) return s;
  const once = scanWith(KEY_SEP_PLAIN, s, hit);
  return HAS_ESCAPE.test(once) ? scanWith(KEY_SEP_ANY, once, hit) : once;
}

function scanWith(keySep: RegExp, s: string, hit: () => void): string {
  let out = '';
  let from = 0;
  keySep.lastIndex = 0;
  for (let m = keySep.exec(s); m !== null; m = keySep.exec(s)) {
    const keyName = m[1]!.replace(/^%[0-9A-Fa-f]{2}/, '');
    const valueAt = m.index + m[0].length;
    if (!isSecretKeyName(keyName) || /^[ \t]*\[REDACTED\]/.test(s.slice(valueAt, valueAt + 16))) continue;
    const sep = m[3]!;
    const quoted = exAt(QUOTED_AT, s, valueAt);
    let replacement: string;
    let end: number;
    if (quoted !== null) {
      const escq = /^(\\+"|%2[27]|&quot;|&apos;|\\u002[27])/i.exec(quoted);
      const q = escq ? escq[1]! : quoted[0]!;
      if (quoted.slice(q.length, quoted.length - q.length) === REDACTED || quoted.length === 2 * q.length) continue;
      replacement = q === '{' ? `{${REDACTED}}` : `${q}${REDACTED}${q}`;
      end = valueAt + quoted.length;
    } else {
      const isConn = /(?:password|pwd|passwd)$/i.test(decodeKeyName(keyName)) && /=|%3D|&#61;|&#x3d;/i.test(sep);
      const v = exAt(isConn ? CONN_AT : TOKEN_AT, s, valueAt);
      if (v === null) continue;
      end = valueAt + v.length;
      replacement = REDACTED;
      const tail = exAt(WRAP_AT, s, end);
      if (tail) {
        replacement += wrapped(tail);
        end += tail.length;
      }
    }
    hit();
    out += s.slice(from, valueAt) + replacement;
    from = end;
    keySep.lastIndex = end;
  }
  return from === 0 ? s : out + s.slice(from);
}

/**
 * The key=value scanner as data: one rule per quoting (keeping the quotes, so JSON and XML stay
 * well-formed), then connection-string passwords (to `;`), then unquoted tokens. Only plainly written
 * key names: a name written with character references needs the scanner's decoding.
 */
function keyValueNetRules(): NetRule[] {
  const KEY = String.raw`((?:^|[^A-Za-z0-9]|(?<=%[0-9A-Fa-f]{2}))[A-Za-z0-9_.-]*?${SECRET_KEY_WORD}${KEY_QUOTE}?)(\s*(?::|=|%3D|%3A|&#61;|&#x3[dD];)\s*)`;
  const QUOTES: [string, string, string][] = [
    ['json-3', escQuoted(3), '\\\\\\"'],
    ['json-1', String.raw`\\"(?:\\\\\\"|\\\\\\\\|\\[^"\\\r\n]|[^"\\\r\n])*?\\"`, '\\"'],
    ['url-double', String.raw`%22(?:(?!%22)[^\s&])*%22`, '%22'],
    ['url-single', String.raw`%27(?:(?!%27)[^\s&])*%27`, '%27'],
    ['xml-double', String.raw`&quot;(?:(?!&quot;)[^\r\n])*&quot;`, '&quot;'],
    ['xml-single', String.raw`&apos;(?:(?!&apos;)[^\r\n])*&apos;`, '&apos;'],
    ['ps-json-single', String.raw`\\u0027(?:(?!\\u0027)[^\r\n])*\\u0027`, '\\u0027'],
    ['ps-json-double', String.raw`\\u0022(?:(?!\\u0022)[^\r\n])*\\u0022`, '\\u0022'],
    ['double', String.raw`"(?:[^"\\\r\n]|\\.)*"`, '"'],
    ['single', String.raw`'(?:[^'\r\n]|'')*'`, "'"],
    ['braces', String.raw`\{(?:[^}\r\n]|\}\})*\}`, '{'],
  ];
  const out: NetRule[] = QUOTES.map(([name, q, open]) => ({
    name: `key-value-${name}`,
    pattern: `${KEY}(?![ \\t]*\\[REDACTED\\])(?:${q})`,
    flags: 'gi',
    replacement: `$1$2${open}${REDACTED}${open === '{' ? '}' : open}`,
  }));
  out.push({
    name: 'key-value-connection-password',
    pattern: String.raw`((?:^|[^A-Za-z0-9])[A-Za-z0-9_.-]*?(?:password|pwd|passwd)${KEY_QUOTE}?)(\s*(?:=|%3D|&#61;|&#x3[dD];)\s*)(?![ \t]*\[REDACTED\])(?!["'{]|\\|%2[27]|&quot;|&apos;)${CONN_VALUE}`,
    flags: 'gi',
    replacement: `$1$2${REDACTED}`,
  });
  out.push({
    name: 'key-value-token',
    pattern: `${KEY}(?![ \\t]*\\[REDACTED\\])(?!["'{]|\\\\|%2[27]|&quot;|&apos;)${TOKEN_VALUE}`,
    flags: 'gi',
    replacement: `$1$2${REDACTED}`,
  });
  return out;
}

function exAt(re: RegExp, s: string, at: number): string | null {
  re.lastIndex = at;
  const m = re.exec(s);
  return m && m[0].length > 0 ? m[0] : null;
}
