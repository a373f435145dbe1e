// Presentation facts shared by the text, Markdown and HTML renderers: labels, time formatting,
// the proxy-path matrix, fix-step splitting and sanitising of evidence text. Pure, no I/O.
import type { Finding, FindingFact, ProxyPath, Report, Severity, VerdictCode } from '../model/report.js';

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** How a verdict should look: the tone drives colour in text and HTML. */
export type Tone = 'bad' | 'warn' | 'good' | 'neutral';

export const VERDICT_LABEL: Record<VerdictCode, { label: string; tone: Tone }> = {
  'proxy-bypassed': { label: 'Proxy bypassed', tone: 'bad' },
  'proxy-rejected': { label: 'Proxy rejected the traffic', tone: 'bad' },
  'proxy-unreachable': { label: 'Proxy unreachable', tone: 'bad' },
  'tls-failure': { label: 'TLS failure', tone: 'bad' },
  'not-network': { label: 'Not a network problem', tone: 'warn' },
  inconclusive: { label: 'Inconclusive', tone: 'neutral' },
  healthy: { label: 'Healthy', tone: 'good' },
};

export function verdictLabel(code: string): { label: string; tone: Tone } {
  return VERDICT_LABEL[code as VerdictCode] ?? { label: code, tone: 'neutral' };
}

/** Epoch ms of an ISO time (Windows writes 7 fractional digits; Date.parse accepts them), or undefined. */
export function parseTime(iso: string | undefined): number | undefined {
  if (iso === undefined || iso === '') return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** "2026-11-25 09:58:12 UTC"; a time that does not parse is shown as written. */
export function formatTime(iso: string | undefined): string {
  const ms = parseTime(iso);
  if (ms === undefined) return iso ?? '';
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
}

/** "first 2026-11-25 09:12:03 UTC, last 09:58:12 UTC" (the date is not repeated on the same day). */
export function formatRange(first: string | undefined, last: string | undefined): string {
  const parts: string[] = [];
  if (first) parts.push(`first ${formatTime(first)}`);
  if (last && last !== first) {
    const f = formatTime(first);
    const l = formatTime(last);
    parts.push(`last ${first && f.slice(0, 10) === l.slice(0, 10) ? l.slice(11) : l}`);
  }
  return parts.join(', ');
}

/** How many records a finding stands for. */
export function recordCount(f: Finding): number {
  return f.count ?? f.evidence.length;
}

/** "×300, first …, last …" when the evidence repeats; '' for a single record. */
export function repeatNote(f: Finding): string {
  // Only a count the engine gave means repeats; two config quotes are not "×2".
  const n = f.count ?? 1;
  const range = formatRange(f.firstTime, f.lastTime);
  if (n <= 1) return range;
  return range ? `×${n}, ${range}` : `×${n}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function severityCounts(findings: Finding[]): { error: number; warning: number; info: number } {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity] += 1;
  return c;
}

/** "2 errors, 1 warning" (zeros left out); "no findings" when empty. */
export function findingCountsText(findings: Finding[]): string {
  const c = severityCounts(findings);
  const parts: string[] = [];
  if (c.error) parts.push(plural(c.error, 'error'));
  if (c.warning) parts.push(plural(c.warning, 'warning'));
  if (c.info) parts.push(plural(c.info, 'note'));
  return parts.length ? parts.join(', ') : 'no findings';
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return `${m} min ${s} s`;
}

/**
 * Evidence text made safe to show: CRLF/CR become LF, tabs become spaces, and every other control
 * character (ESC of an ANSI sequence, BEL, NUL, C1 controls, bidi overrides) is shown as a visible
 * escape, so a record cannot repaint a terminal or hide text.
 */
export function sanitizeText(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '    ')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
      const cp = c.codePointAt(0)!;
      return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
    });
}

/** One line: newlines and runs of whitespace collapsed (titles, table cells). */
export function oneLine(s: string): string {
  return sanitizeText(s).replace(/\s+/g, ' ').trim();
}

/**
 * A fix step is a sentence, optionally followed by a block to paste (the machine.config snippet):
 * everything after the first line break, or from the first `<system.net>`/`<configuration>` tag
 * when the rule wrote the snippet on the same line.
 */
export function splitFixStep(step: string): { text: string; code?: string } {
  const s = step.replace(/\r\n?/g, '\n');
  const nl = s.indexOf('\n');
  if (nl >= 0) {
    const text = s.slice(0, nl).trim();
    const code = dedent(s.slice(nl + 1)).replace(/\s+$/, '');
    return code ? { text, code } : { text };
  }
  const tag = s.search(/<(system\.net|configuration|defaultProxy)\b/);
  if (tag > 0) {
    return { text: s.slice(0, tag).trim().replace(/[:,]$/, ':'), code: s.slice(tag).trim() };
  }
  // "Restart the service: Restart-Service ADSync": the command becomes a line to copy, never wrapped.
  const cmd = /^(.*\S):\s+((?:[A-Z][a-z]+-[A-Z][A-Za-z0-9]+|netsh|reg|sc(?:\.exe)?|wevtutil|certutil)(?:\s.*)?)$/.exec(s.trim());
  if (cmd && !/[.;]$/.test(cmd[2]!)) return { text: `${cmd[1]}:`, code: cmd[2]!.trim() };
  return { text: s.trim() };
}

function dedent(block: string): string {
  const lines = block.split('\n');
  while (lines.length && lines[0]!.trim() === '') lines.shift();
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length);
  const min = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(min)).join('\n');
}

export function isHttpUrl(s: string): boolean {
  return /^https?:\/\/[^\s<>"'`]+$/i.test(s);
}

/** One cell of the proxy-path matrix: a short word an admin reads at a glance. */
export function routeWord(p: ProxyPath): string {
  switch (p.route) {
    case 'direct':
      return 'DIRECT';
    case 'proxy':
      return p.proxy ? `proxy ${p.proxy}` : 'proxy';
    case 'pac':
      return 'PAC';
    case 'bypassed':
      return 'bypassed';
    default:
      return 'unknown';
  }
}

/** A fix sentence split into prose and `inline code` (a rule marks commands with backticks). */
export function inlineCode(s: string): { code: boolean; text: string }[] {
  const out: { code: boolean; text: string }[] = [];
  const re = /`([^`\n]+)`/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    if (m.index > last) out.push({ code: false, text: s.slice(last, m.index) });
    out.push({ code: true, text: m[1]! });
    last = re.lastIndex;
  }
  if (last < s.length) out.push({ code: false, text: s.slice(last) });
  return out;
}

export interface Matrix {
  actors: string[];
  endpoints: string[];
  cell(actor: string, endpoint: string): ProxyPath | undefined;
  /** Per actor: the paths, and whether every endpoint goes the same way for the same reason. */
  rows: { actor: string; paths: ProxyPath[]; uniform: boolean }[];
  /**
   * Whether the paths form a full grid (every actor has a route for every endpoint). When the
   * resolver gives each actor its own endpoint group, a grid would be mostly empty: show a list.
   */
  dense: boolean;
}

/** The proxy-path matrix: actors × endpoints, in the order the resolver gave them. */
export function proxyMatrix(paths: ProxyPath[]): Matrix {
  const actors: string[] = [];
  const endpoints: string[] = [];
  const byKey = new Map<string, ProxyPath>();
  for (const p of paths) {
    if (!actors.includes(p.actor)) actors.push(p.actor);
    if (!endpoints.includes(p.endpoint)) endpoints.push(p.endpoint);
    const key = `${p.actor}\u0000${p.endpoint}`;
    if (!byKey.has(key)) byKey.set(key, p);
  }
  const rows = actors.map((actor) => {
    const ps = paths.filter((p) => p.actor === actor);
    const first = ps[0]!;
    const uniform = ps.every((p) => p.route === first.route && p.proxy === first.proxy && p.source === first.source);
    return { actor, paths: ps, uniform };
  });
  const dense = endpoints.length > 1 && actors.every((a) => endpoints.every((e) => byKey.has(`${a}\u0000${e}`)));
  return { actors, endpoints, cell: (a, e) => byKey.get(`${a}\u0000${e}`), rows, dense };
}

/** Collection steps that went wrong (a skipped step is not a problem: its precondition was absent). */
export function collectionProblems(report: Report): number {
  return report.collection.steps.filter((s) => s.status === 'failed' || s.status === 'timeout').length;
}

/** A stable HTML id / Markdown anchor for a finding. */
export function findingAnchor(index: number, code: string): string {
  return `finding-${index + 1}-${code.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}

const OP_WORDS: Record<string, string> = {
  dns: 'name lookup', connect: 'TCP connection', tunnel: 'CONNECT tunnel', tls: 'TLS handshake', http: 'HTTP answer', auth: 'sign-in',
  directory: 'Active Directory', database: 'sync database', sync: 'sync engine', local: 'local operation', transfer: 'request',
};
const KIND_WORDS: Record<string, string> = {
  'not-found': 'the name did not resolve', 'timed-out': 'timed out', refused: 'was refused', unreachable: 'had no route', failed: 'failed',
  untrusted: 'certificate not trusted', certificate: 'certificate error', protocol: 'no common protocol', revocation: 'revocation check failed',
  blocked: 'blocked by a page', upstream: 'the proxy could not reach the destination', page: 'answered with a page', html: 'an HTML page came back',
  reset: 'connection reset', closed: 'connection closed', canceled: 'canceled', 'error-code': 'error code', policy: 'interaction or policy required',
  credentials: 'credentials refused', tenant: 'tenant refused', discovery: 'realm discovery failed', unavailable: 'not reachable', success: 'succeeded',
  threshold: 'threshold reached', busy: 'busy', 'object-errors': 'objects refused', 'service-error': 'error body', 'access-denied': 'access denied',
  'run-result': 'run result', edge: "Microsoft's edge page",
};
const ANSWER_WORDS: Record<string, string> = {
  nobody: 'nobody answered', proxy: 'the proxy answered', entra: 'Microsoft / Entra ID answered', server: 'the destination answered',
  ad: 'Active Directory answered', local: 'this server', unknown: 'who answered is not shown',
};

/** One fact in words: "TCP connection timed out to 40.126.1.1:443 (destination); nobody answered — SocketException 10060 [number]". */
export function factText(f: FindingFact): string {
  const what = `${OP_WORDS[f.op] ?? f.op}: ${f.status !== undefined && f.kind === 'status' ? `HTTP ${f.status}` : (KIND_WORDS[f.kind] ?? f.kind)}`;
  const t = f.target;
  const where = t && (t.host || t.role !== 'unknown') ? ` ${f.op === 'dns' ? 'for' : 'to'} ${t.host ? (t.port ? `${t.host}:${t.port}` : t.host) : 'an unnamed host'}${t.role !== 'unknown' ? ` (the ${t.role})` : ''}` : '';
  const who = [ANSWER_WORDS[f.answeredBy] ?? f.answeredBy, f.product, f.issuer ? `issued by ${f.issuer}` : undefined].filter(Boolean).join(', ');
  const seen = [...f.codes, ...f.seen.map((s) => `"${s}"`)].slice(0, 4).join(', ');
  return `${what}${where}; ${who} — seen: ${seen} [${f.via.join(', ')}; ${f.sure}]`;
}
