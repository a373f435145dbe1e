// `netsh winhttp show proxy` output → WinHttpSettings.
//
// The English text (docs/windows-facts.md §3) is:
//
//     Current WinHTTP proxy settings:
//
//         Direct access (no proxy server).
// or
//         Proxy Server(s) :  proxy.contoso.com:8080
//         Bypass List     :  <local>
//
// netsh prints in the console language, and Microsoft's collector keeps that text (docs/collectors.md §1.2),
// so the reader does not depend on the labels: after the heading, the first "label :  value" line is
// the proxy list and the second the bypass list, in every language. "Direct access" is recognised by
// the known translations and, failing that, by the absence of any "label : value" line.
import type { WinHttpSettings } from '../types.js';

/** "Direct access (no proxy server)." in the languages we have seen or can vouch for. */
const DIRECT_PHRASES = [
  /direct access \(no proxy server\)/i,
  /direkter zugriff \(kein proxyserver\)/i, // de
  /accès direct \(pas de serveur proxy\)/i, // fr
  /acceso directo \(sin servidor proxy\)/i, // es
  /直接アクセス/, // ja
];

/** "(none)" for an empty bypass list, in any language: a value in parentheses only. */
function isNone(value: string): boolean {
  return /^\(.*\)$/.test(value.trim()) || value.trim() === '';
}

export interface NetshResult {
  settings: WinHttpSettings | null;
  notes: string[];
}

/** Parses `netsh winhttp show proxy` text. Never throws; `settings` is null when the text says nothing usable. */
export function parseNetshWinhttp(text: string, file: string): NetshResult {
  const notes: string[] = [];
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .map((l) => l.replace(/\s+$/, ''))
    .filter((l) => l.trim() !== '');
  const headingIndex = lines.findIndex((l) => /winhttp/i.test(l) && /[:：]\s*$/.test(l));
  const body = headingIndex >= 0 ? lines.slice(headingIndex + 1) : lines;

  if (body.some((l) => DIRECT_PHRASES.some((re) => re.test(l)))) {
    return { settings: { file, direct: true, source: 'netsh' }, notes };
  }

  // "    Label :  value": the label never contains a colon followed by two spaces, the value may
  // contain colons (host:port, http=host:port). Japanese output may use a full-width colon.
  // Without the heading this is not netsh output ("The following command was not found: …").
  const pairs: { label: string; value: string }[] = [];
  for (const l of headingIndex >= 0 ? body : []) {
    const m = /^\s*([^:：]+?)\s*[:：] {1,2}(.*)$/.exec(l);
    if (m && m[1]!.length <= 60) pairs.push({ label: m[1]!, value: m[2]!.trim() });
  }
  const proxyPair = pairs.find((p) => /proxy/i.test(p.label) && !/bypass/i.test(p.label)) ?? pairs[0];
  const bypassPair = pairs.find((p) => /bypass/i.test(p.label)) ?? (pairs[1] !== proxyPair ? pairs[1] : undefined);

  if (proxyPair && !isNone(proxyPair.value)) {
    const settings: WinHttpSettings = { file, direct: false, proxyServer: proxyPair.value, source: 'netsh' };
    if (bypassPair && !isNone(bypassPair.value)) settings.bypassList = bypassPair.value;
    return { settings, notes };
  }

  if (headingIndex >= 0 && pairs.length === 0 && body.length <= 2) {
    // A heading and one line we cannot read: a language we do not know saying "direct access".
    notes.push(`${file}: WinHTTP proxy text in an unknown language, read as direct access: "${body.join(' ').trim()}"`);
    return { settings: { file, direct: true, source: 'netsh' }, notes };
  }
  const firstLine = lines.find((l) => l.trim() !== '')?.trim().slice(0, 120) ?? '';
  notes.push(
    firstLine
      ? `${file}: not readable as "netsh winhttp show proxy" output (first line: "${firstLine}")`
      : `${file}: empty "netsh winhttp show proxy" output`,
  );
  return { settings: null, notes };
}
