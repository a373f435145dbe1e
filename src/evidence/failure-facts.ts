// Turns a message text (event message, trace exception block, pasted error) into language-neutral
// FailureFacts: the exception chain unfolded, its innermost cause, the known phrases and the numbers
// that survive translation. Pure; the rules decide what the facts mean.
import type { FailureFacts } from './types.js';
import {
  matchPhrases,
  NAME_PHRASES,
  PHRASES,
  SOCKET_CODES,
  SOCKET_ERROR_NAMES,
  WEB_STATUSES,
  WINHTTP_CODES,
} from './phrases.js';

// Stack frames in the languages .NET writes them ("at", de "bei", fr "à", es "en", it "in", pt "em",
// ja "場所", ru "в"): an indented keyword, then a dotted method name with its argument list.
const STACK_LINE = /^\s*(?:at|bei|à|en|in|em|場所|в|w)\s+[\w.`$<>[\],+|-]+\s*\(.*\)/u;
// "--- End of inner exception stack trace ---" and its translations; also "--- End of stack trace from previous location ---".
const STACK_MARKER = /^\s*---\s.*\s---\s*$/;

/** Pull "(ExtendedMessage: …)" out of a message: its content is the real cause (docs/windows-facts.md §5.3). */
function splitExtendedMessage(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  for (;;) {
    const m = /\(\s*ExtendedMessage\s*:/i.exec(rest);
    if (!m) break;
    const start = m.index + m[0].length;
    let depth = 1;
    let i = start;
    for (; i < rest.length && depth > 0; i++) {
      if (rest[i] === '(') depth++;
      else if (rest[i] === ')') depth--;
    }
    const inner = rest.slice(start, depth === 0 ? i - 1 : rest.length);
    out.push(rest.slice(0, m.index) + rest.slice(depth === 0 ? i : rest.length));
    rest = inner;
  }
  out.push(rest);
  // The outer text keeps its position first; each extended message is the next (inner) link.
  return out;
}

function stripStack(segment: string): string {
  return segment
    .split(/\r?\n/)
    .filter((line) => !STACK_LINE.test(line) && !STACK_MARKER.test(line))
    .join('\n')
    .replace(/^\s*\(Inner Exception #\d+\)\s*/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Unfold `--->`, "InnerException:"/"Inner Exception:" and "(ExtendedMessage: …)" into a chain, outermost first. */
export function unfoldChain(text: string): string[] {
  const parts: string[] = [];
  for (const piece of splitExtendedMessage(text)) {
    const links = piece.split(
      // "--->" between .NET exceptions; "InnerException : X" in PowerShell error records / ToString() dumps.
      // Not "Check InnerException for more details" (no colon right after the word).
      /\s*--->\s*|(?:^|\r?\n|(?<=[.。]))\s*Inner\s?Exception(?:\s*#?\d+)?\s*[:=]\s*/i,
    );
    for (const link of links) {
      const cleaned = stripStack(link);
      if (cleaned && !/^[.。:;,\s-]*$/.test(cleaned)) parts.push(cleaned);
    }
  }
  return parts;
}

const HOST_RE = /[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*/;
const QUOTED_HOST_AFTER = new RegExp(`^[\\s.。:：]{0,4}['"‘’´\`「]\\s*(${HOST_RE.source})\\s*['"’´\`」]`);

function quotedHostsAfterPhrases(segment: string, ids: string[]): string[] {
  const hosts: string[] = [];
  for (const def of PHRASES) {
    if (!ids.includes(def.id)) continue;
    for (const re of def.patterns) {
      const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
      for (let m = g.exec(segment); m; m = g.exec(segment)) {
        const after = segment.slice(m.index + m[0].length, m.index + m[0].length + 300);
        // The localised sentence may continue a few words before the colon (fr "résolu :", ja "。:").
        const colon = after.search(/[:：]/);
        const tail = colon >= 0 && colon < 40 ? after.slice(colon) : after;
        const q = QUOTED_HOST_AFTER.exec(tail);
        if (q?.[1]) hosts.push(q[1].toLowerCase());
      }
    }
  }
  return hosts;
}

const IPV4 = String.raw`(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}`;
const ENDPOINT_IP = new RegExp(String.raw`(?<![\w.])(${IPV4}|\[[0-9A-Fa-f:.]+\]):(\d{1,5})(?!\d)`, 'g');
const ENDPOINT_PAREN = new RegExp(String.raw`\((${HOST_RE.source}):(\d{1,5})\)`, 'g');
const ENDPOINT_TAIL = new RegExp(String.raw`\s(${HOST_RE.source}):(\d{1,5})\s*[.。]?\s*$`);

function endpointsOf(segment: string, socketish: boolean): { host: string; port: number }[] {
  const out: { host: string; port: number }[] = [];
  const add = (host: string, port: string) => {
    const p = Number(port);
    if (p > 0 && p <= 65535) out.push({ host: host.replace(/^\[|\]$/g, '').toLowerCase(), port: p });
  };
  for (const m of segment.matchAll(ENDPOINT_IP)) add(m[1]!, m[2]!);
  // .NET Core / 5+: "… (login.microsoftonline.com:443)".
  for (const m of segment.matchAll(ENDPOINT_PAREN)) if (/\./.test(m[1]!) || m[1] === 'localhost') add(m[1]!, m[2]!);
  if (socketish) {
    const t = ENDPOINT_TAIL.exec(segment);
    if (t && /[A-Za-z]/.test(t[1]!) && !/^\d/.test(t[1]!)) add(t[1]!, t[2]!);
  }
  return out;
}

function uniq<T>(xs: T[], key: (x: T) => string = (x) => String(x)): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const SOCKET_PHRASES = new Set(['connect-timeout', 'connect-refused', 'host-unreachable', 'unable-to-connect', 'forcibly-closed', 'host-not-found', 'proxy-connect-failed']);

export function extractFailureFacts(text: string): FailureFacts {
  const chain = unfoldChain(text ?? '');
  const whole = chain.join(' ---> ');
  const phrases = matchPhrases(whole);

  // Hosts that failed to resolve: the quoted name after the phrase in any recognised language, and, for a
  // language we do not know, a WebException whose message ends in ": '<host>'" with a name-failure code.
  const unresolvedHosts: string[] = [];
  for (const seg of chain) {
    const segPhrases = matchPhrases(seg);
    unresolvedHosts.push(...quotedHostsAfterPhrases(seg, segPhrases.filter((p) => NAME_PHRASES.includes(p))));
    if (!segPhrases.some((p) => NAME_PHRASES.includes(p)) && /WebException/.test(seg)) {
      const m = new RegExp(`[:：]\\s*['"‘’´\`「](${HOST_RE.source})['"’´\`」]\\s*[.。]?\\s*$`).exec(seg);
      if (m?.[1] && m[1].includes('.')) unresolvedHosts.push(m[1].toLowerCase());
    }
    // .NET Core names the host it could not resolve in parentheses: "No such host is known. (host:443)".
    if (segPhrases.includes('host-not-found')) {
      for (const m of seg.matchAll(ENDPOINT_PAREN)) if (/[A-Za-z]/.test(m[1]!)) unresolvedHosts.push(m[1]!.toLowerCase());
    }
  }

  const endpoints: { host: string; port: number }[] = [];
  for (const seg of chain) {
    const socketish = matchPhrases(seg).some((p) => SOCKET_PHRASES.has(p)) || /SocketException|HttpRequestException/.test(seg);
    endpoints.push(...endpointsOf(seg, socketish));
  }

  const socketCodes: number[] = [];
  for (const m of whole.matchAll(/(?<![\d.:x])(1005[0-4]|1006[0-5]|10013|1100[124])(?![\d.:])/g)) {
    const n = Number(m[1]);
    if (SOCKET_CODES[n]) socketCodes.push(n);
  }
  for (const [name, code] of Object.entries(SOCKET_ERROR_NAMES)) {
    if (new RegExp(`(?:SocketErrorCode|SocketError)\\s*[:=.]?\\s*${name}\\b`).test(whole)) socketCodes.push(code);
  }
  // The localised socket sentences stand for their codes even when the number is not printed.
  const implied: Record<string, number> = { 'connect-timeout': 10060, 'connect-refused': 10061, 'host-unreachable': 10065, 'forcibly-closed': 10054, 'host-not-found': 11001 };
  for (const p of phrases) if (implied[p]) socketCodes.push(implied[p]!);

  const httpStatuses: number[] = [];
  for (const m of whole.matchAll(/\((\d{3})\)/g)) {
    const n = Number(m[1]);
    if (n >= 400 && n <= 599) httpStatuses.push(n);
  }
  // .NET Core: "Response status code does not indicate success: 407 (Proxy Authentication Required)";
  // "StatusCode: 403"; "failed with status code '407'"; "HTTP/1.1 407".
  for (const m of whole.matchAll(/(?:does not indicate success:|StatusCode\s*[:=]|status code\s*['"]?|HTTP\/1\.[01])\s*['"]?(\d{3})\b/gi)) {
    const n = Number(m[1]);
    if (n >= 400 && n <= 599) httpStatuses.push(n);
  }
  if (phrases.includes('proxy-auth-407')) httpStatuses.push(407);

  const aadsts = [...whole.matchAll(/AADSTS(\d{4,8})/g)].map((m) => Number(m[1]));

  const winhttpCodes: number[] = [];
  for (const m of whole.matchAll(/0x8007([0-9A-Fa-f]{4})\b/g)) {
    const n = parseInt(m[1]!, 16);
    if (WINHTTP_CODES[n]) winhttpCodes.push(n);
  }
  for (const m of whole.matchAll(/-2147(\d{6})\b/g)) {
    // Signed decimal HRESULT, e.g. -2147012889 = 0x80072EE7.
    const unsigned = 2 ** 32 - Number(`2147${m[1]}`);
    if ((unsigned & 0xffff0000) >>> 0 === 0x80070000) {
      const n = unsigned & 0xffff;
      if (WINHTTP_CODES[n]) winhttpCodes.push(n);
    }
  }
  for (const [code, name] of Object.entries(WINHTTP_CODES)) {
    if (new RegExp(`ERROR_(?:WINHTTP|INTERNET)_${name}\\b`).test(whole)) winhttpCodes.push(Number(code));
  }
  // A bare 12xxx counts only next to "WinHTTP"/"WinINet"/"error".
  for (const m of whole.matchAll(/(?:win\s?http|wininet|error(?:\s+code)?)[^0-9\n]{0,20}\b(12\d{3})\b/gi)) {
    const n = Number(m[1]);
    if (WINHTTP_CODES[n]) winhttpCodes.push(n);
  }

  const webStatuses: string[] = [];
  for (const s of WEB_STATUSES) {
    // "Timeout" is an ordinary word; the others are distinctive enum names.
    const re = s === 'Timeout' ? /(?:Status\s*[:=]?\s*|WebExceptionStatus\.)Timeout\b/ : new RegExp(`\\b${s}\\b`);
    if (re.test(whole)) webStatuses.push(s);
  }

  return {
    chain,
    innermost: chain[chain.length - 1] ?? '',
    phrases,
    unresolvedHosts: uniq(unresolvedHosts),
    endpoints: uniq(endpoints, (e) => `${e.host}:${e.port}`),
    socketCodes: uniq(socketCodes),
    httpStatuses: uniq(httpStatuses),
    aadsts: uniq(aadsts),
    winhttpCodes: uniq(winhttpCodes),
    webStatuses,
  };
}
