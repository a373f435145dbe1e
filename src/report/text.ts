// The terminal report (`--format text`): what an admin reads top to bottom and follows.
// Verdict first, then each finding with its quoted evidence, then "What to try next", the proxy
// paths, the collection steps and the inputs read. Colour only when asked; the words are the same.
import { omittedInputsLine } from './inputs.js';
import type { Finding, ProxyPath, Report } from '../model/report.js';
import { factText,
  findingCountsText,
  formatBytes,
  formatDuration,
  formatTime,
  isHttpUrl,
  oneLine,
  plural,
  proxyMatrix,
  recordCount,
  repeatNote,
  routeWord,
  sanitizeText,
  splitFixStep,
  verdictLabel,
  type Tone,
} from './present.js';

export interface TextOptions {
  color: boolean;
  /** Columns to wrap prose at (default 100). Evidence and snippets are never cut inside a word. */
  width?: number;
}

type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'green' | 'cyan' | 'redBold' | 'yellowBold' | 'greenBold';
const SGR: Record<Style, string> = {
  bold: '1',
  dim: '2',
  red: '31',
  yellow: '33',
  green: '32',
  cyan: '36',
  redBold: '1;31',
  yellowBold: '1;33',
  greenBold: '1;32',
};

type Paint = (style: Style, s: string) => string;

function painter(color: boolean): Paint {
  return color ? (style, s) => (s === '' ? s : `\x1b[${SGR[style]}m${s}\x1b[0m`) : (_style, s) => s;
}

const TONE_STYLE: Record<Tone, Style> = { bad: 'redBold', warn: 'yellowBold', good: 'greenBold', neutral: 'bold' };
const SEVERITY_STYLE: Record<Finding['severity'], Style> = { error: 'redBold', warning: 'yellowBold', info: 'cyan' };
const SEVERITY_WORD: Record<Finding['severity'], string> = { error: 'ERROR', warning: 'WARNING', info: 'INFO' };

/** Word-wraps one paragraph; a word longer than the line stays whole (a URL or a path is never cut). */
export function wrap(text: string, width: number, indent = '', firstIndent = indent): string[] {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = firstIndent;
  let empty = true;
  for (const w of words) {
    const prefix = lines.length === 0 ? firstIndent : indent;
    if (!empty && line.length + 1 + w.length > width) {
      lines.push(line);
      line = indent + w;
    } else {
      line = empty ? prefix + w : `${line} ${w}`;
    }
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * Quotes an excerpt under a bar. Its own line breaks are kept; a line too long for the terminal
 * continues on a line marked `┊` (a soft wrap at a space, never inside a word), so a reader can
 * tell where the record really breaks.
 */
function quote(excerpt: string, width: number, indent: string): string[] {
  const out: string[] = [];
  const first = `${indent}│ `;
  const cont = `${indent}┊   `;
  for (const raw of sanitizeText(excerpt).replace(/\s+$/, '').split('\n')) {
    if (first.length + raw.length <= width) {
      out.push((first + raw).replace(/\s+$/, ''));
      continue;
    }
    // Soft-wrap at spaces, keeping every character (runs of spaces included) in order.
    let rest = raw;
    let prefix = first;
    while (prefix.length + rest.length > width) {
      const room = width - prefix.length;
      let cut = rest.lastIndexOf(' ', room);
      // A word too long for a continuation line would overflow anyway: keep it with what precedes
      // it ("at Some.Very.Long.Method()") rather than leave a stray word behind.
      const next = cut > 0 ? rest.slice(cut + 1).split(' ')[0]!.length : 0;
      if (cut <= 0 || cont.length + next > width) cut = rest.indexOf(' ', Math.max(room, cut + 1 + next));
      if (cut <= 0) break;
      out.push(prefix + rest.slice(0, cut));
      rest = rest.slice(cut + 1);
      prefix = cont;
    }
    out.push(prefix + rest);
  }
  return out;
}

function heading(title: string, width: number, paint: Paint): string[] {
  return ['', paint('bold', title.toUpperCase()), paint('dim', '─'.repeat(Math.min(width, 100)))];
}

/** The one line `-q/--quiet` prints: "proxy-bypassed: <summary> (2 errors, 1 warning)". */
export function renderVerdictLine(report: Report, opts: { color?: boolean } = {}): string {
  const paint = painter(opts.color === true);
  const v = verdictLabel(report.verdict.code);
  return `${paint(TONE_STYLE[v.tone], report.verdict.code)}: ${oneLine(report.verdict.summary)} (${findingCountsText(report.findings)})\n`;
}

function findingHeader(f: Finding, i: number, width: number, paint: Paint): string[] {
  const tag = `[${i + 1}]`;
  const sev = SEVERITY_WORD[f.severity];
  const plain = `${tag} ${sev} ${f.code} — ${oneLine(f.title)}`;
  const lines = wrap(plain, width, '    ', '');
  // Colour the severity word and code on the first line only; the wrapped words are identical.
  lines[0] = lines[0]!.replace(`${tag} ${sev}`, `${paint('bold', tag)} ${paint(SEVERITY_STYLE[f.severity], sev)}`).replace(
    ` ${f.code} —`,
    ` ${paint('bold', f.code)} —`,
  );
  return lines;
}

function renderFinding(f: Finding, i: number, width: number, paint: Paint, fixRef: string | undefined): string[] {
  const out: string[] = [];
  out.push(...findingHeader(f, i, width, paint));
  const meta = [`route ${f.route}`, `confidence ${f.confidence}`];
  const rep = repeatNote(f);
  if (rep) meta.push(rep);
  out.push(...wrap(meta.join(' · '), width, '    ').map((l) => paint('dim', l)));
  out.push(...wrap(`Why: ${oneLine(f.explanation)}`, width, '         ', '    '));
  if (f.facts?.length) {
    out.push('    Decided from:');
    for (const fact of f.facts) out.push(...wrap(`- ${oneLine(factText(fact))}`, width, '        ', '      '));
  }
  const n = recordCount(f);
  if (f.evidence.length > 0) {
    const quoted = n > f.evidence.length ? ` (${f.evidence.length} of ${n} records quoted)` : '';
    out.push(`    Evidence${quoted}:`);
    for (const e of f.evidence) {
      const where = [e.kind, oneLine(e.source), oneLine(e.location), e.time ? formatTime(e.time) : ''].filter((s) => s !== '');
      out.push(...wrap(where.join(' · '), width, '        ', '      ').map((l) => paint('cyan', l)));
      out.push(...quote(e.excerpt, width, '        '));
    }
  } else {
    out.push(`    Evidence: none quoted`);
  }
  if (fixRef) out.push(`    Fix: see "What to try next" ${fixRef}`);
  return out;
}

function renderFixes(report: Report, width: number, paint: Paint): { lines: string[]; refs: Map<number, string> } {
  const lines: string[] = [];
  const refs = new Map<number, string>();
  const seen = new Map<string, number>();
  const shownSnippets = new Map<string, string>();
  report.findings.forEach((f, i) => {
    if (f.fix.length === 0) return;
    refs.set(i, `[${i + 1}]`);
    lines.push('');
    lines.push(...wrap(`[${i + 1}] ${f.code} — ${oneLine(f.title)}`, width, '    ', '').map((l, k) => (k === 0 ? paint('bold', l) : l)));
    const key = JSON.stringify(f.fix);
    const same = seen.get(key);
    if (same !== undefined) {
      lines.push(`    The same steps as [${same + 1}] above.`);
      return;
    }
    seen.set(key, i);
    f.fix.forEach((step, k) => {
      const { text, code } = splitFixStep(step);
      const num = `${k + 1}. `;
      // Only a multi-line snippet is worth pointing back to; a one-line command is repeated.
      const earlier = code?.includes('\n') ? shownSnippets.get(code) : undefined;
      const note = earlier ? ` (the snippet is shown under ${earlier})` : '';
      lines.push(...wrap(oneLine(text) + note, width, ' '.repeat(4 + num.length), `    ${num}`));
      if (code && !earlier) {
        shownSnippets.set(code, `[${i + 1}] step ${k + 1}`);
        // Snippets are pasted as they are: never wrapped, only indented.
        lines.push('');
        for (const l of sanitizeText(code).split('\n')) lines.push(`${' '.repeat(4 + num.length + 2)}${l}`.replace(/\s+$/, ''));
        lines.push('');
      }
    });
    const links = f.references.filter(isHttpUrl);
    if (links.length) {
      lines.push('    References:');
      for (const r of links) lines.push(`      ${r}`);
    }
  });
  return { lines, refs };
}

function pathExtras(p: ProxyPath): string {
  const extra: string[] = [];
  if (p.route === 'pac' && p.pac) extra.push(`PAC ${oneLine(p.pac)}`);
  if (p.bypassRule) extra.push(`bypass rule ${oneLine(p.bypassRule)}`);
  if (p.credentials !== undefined) extra.push(p.credentials ? 'sends credentials' : 'sends no credentials');
  return extra.length ? ` (${extra.join('; ')})` : '';
}

function renderMatrix(report: Report, width: number, paint: Paint): string[] {
  const m = proxyMatrix(report.proxyPaths);
  if (m.actors.length === 0) return [];
  const colored = paint('bold', 'x') !== 'x';
  const direct = (line: string): string => (colored ? line.replace(/\bDIRECT\b/g, paint('redBold', 'DIRECT')) : line);
  const out = heading(m.dense ? 'Proxy paths (endpoint × actor → route)' : 'Proxy paths (actor → route)', width, paint);
  const proxies = [...new Set(report.proxyPaths.filter((p) => p.route === 'proxy' && p.proxy).map((p) => p.proxy!))];
  // One proxy in the whole report: cells say "proxy" and a legend names it once.
  const short = proxies.length === 1;
  const routeOf = (p: ProxyPath): string => (short && p.route === 'proxy' ? 'proxy' : routeWord(p));
  const word = (actor: string, endpoint: string): string => {
    const p = m.cell(actor, endpoint);
    if (!p) return '-';
    return short && p.route === 'proxy' ? 'proxy' : routeWord(p);
  };
  if (m.dense) {
    const col0 = Math.max('endpoint'.length, ...m.endpoints.map((e) => oneLine(e).length));
    const cols = m.actors.map((a) => Math.max(oneLine(a).length, ...m.endpoints.map((e) => word(a, e).length)));
    const tableWidth = 2 + col0 + cols.reduce((n, c) => n + 2 + c, 0);
    if (tableWidth <= width) {
      const row = (cells: string[]): string => `  ${cells.map((c, k) => c.padEnd(k === 0 ? col0 : cols[k - 1]!)).join('  ')}`.replace(/\s+$/, '');
      out.push(paint('dim', row(['endpoint', ...m.actors.map(oneLine)])));
      for (const e of m.endpoints) out.push(direct(row([oneLine(e), ...m.actors.map((a) => word(a, e))])));
    } else {
      // Too wide for the terminal: one line per actor and endpoint instead of a table.
      for (const a of m.actors) for (const e of m.endpoints) out.push(direct(`  ${oneLine(a)} → ${oneLine(e)}: ${word(a, e)}`));
    }
    if (short) out.push(`  proxy = ${oneLine(proxies[0]!)}`);
    out.push('  Why:');
    for (const row of m.rows) {
      for (const p of row.uniform ? [row.paths[0]!] : row.paths) {
        const target = row.uniform ? 'every endpoint' : oneLine(p.endpoint);
        out.push(...wrap(`${oneLine(row.actor)} → ${target}: ${routeWord(p)} — ${oneLine(p.source)}${pathExtras(p)}`, width, '      ', '    '));
      }
    }
    return out;
  }
  // One route per actor (and endpoint group): a list, the route first, then why.
  const actorW = Math.max('actor'.length, ...report.proxyPaths.map((p) => oneLine(p.actor).length));
  const routeW = Math.max('route'.length, ...report.proxyPaths.map((p) => routeOf(p).length));
  const lead = 2 + actorW + 2 + routeW + 2;
  out.push(paint('dim', `  ${'actor'.padEnd(actorW)}  ${'route'.padEnd(routeW)}  endpoints`));
  for (const p of report.proxyPaths) {
    const head = `  ${oneLine(p.actor).padEnd(actorW)}  ${routeOf(p).padEnd(routeW)}  `;
    const endpoints = wrap(oneLine(p.endpoint), width, ' '.repeat(lead), ' '.repeat(lead));
    out.push(direct(head + endpoints[0]!.slice(lead)));
    out.push(...endpoints.slice(1));
  }
  if (short) out.push(`  proxy = ${oneLine(proxies[0]!)}`);
  out.push('  Why:');
  // The same reason often holds for several actors (one machine.config serves them all): say it once.
  const byReason = new Map<string, string[]>();
  for (const p of report.proxyPaths) {
    const reason = `${oneLine(p.source)}${pathExtras(p)}`;
    const actors = byReason.get(reason) ?? [];
    if (!actors.includes(oneLine(p.actor))) actors.push(oneLine(p.actor));
    byReason.set(reason, actors);
  }
  for (const [reason, actors] of byReason) out.push(...wrap(`${actors.join(', ')}: ${reason}`, width, '      ', '    '));
  return out;
}

function renderCollection(report: Report, width: number, paint: Paint): string[] {
  const steps = report.collection.steps;
  const sync = report.sync ?? [];
  if (steps.length === 0 && sync.length === 0) return [];
  const out = heading('Collection', width, paint);
  const bad = steps.filter((s) => s.status === 'failed' || s.status === 'timeout');
  if (bad.length) {
    out.push(
      ...wrap(`${plural(bad.length, 'step')} of ${steps.length} did not complete: the report holds what was collected.`, width, '  ', '  ').map((l) =>
        paint('redBold', l),
      ),
    );
  }
  const nameW = Math.max(0, ...steps.map((s) => oneLine(s.name).length));
  for (const s of steps) {
    const word = s.status === 'ok' ? 'ok' : s.status.toUpperCase();
    const style: Style = s.status === 'ok' ? 'green' : s.status === 'skipped' ? 'dim' : 'redBold';
    const head = `  ${paint(style, word.padEnd(7))}  ${oneLine(s.name).padEnd(nameW)}  ${formatDuration(s.durationMs)}`;
    out.push(head);
    if (s.error) out.push(...wrap(oneLine(s.error), width, '           ', '           '));
    if (s.notes?.length) out.push(...wrap(s.notes.map(oneLine).join('; '), width, '           ', '           ').map((l) => paint('dim', l)));
  }
  for (const c of sync) {
    if (!c.started) {
      out.push(...wrap(`Sync cycle: not started${c.skippedReason ? ` (${oneLine(c.skippedReason)})` : ''}`, width, '    ', '  '));
      continue;
    }
    out.push(
      ...wrap(`Sync cycle: ${c.policyType ? `${oneLine(c.policyType)} ` : ''}started${c.result ? `, result ${oneLine(c.result)}` : ''}`, width, '    ', '  '),
    );
    for (const rp of c.runProfiles) {
      const when = rp.start ? ` ${formatTime(rp.start)}` : '';
      out.push(...wrap(`${oneLine(rp.connector)}: ${oneLine(rp.runProfile)} → ${oneLine(rp.result)}${when}`, width, '      ', '    '));
      for (const e of rp.errors) out.push(...wrap(oneLine(e), width, '        ', '      '));
    }
  }
  return out;
}

const MAX_INPUTS_LISTED = 40;

function renderInputs(report: Report, width: number, paint: Paint): string[] {
  const inputs = report.inputs ?? [];
  if (inputs.length === 0) return [];
  const out = heading(`Inputs read (${inputs.length + (report.inputsOmitted?.count ?? 0)})`, width, paint);
  // Inputs with notes are always listed: a truncated or damaged file changes how far to trust the report.
  const listed = inputs.length <= MAX_INPUTS_LISTED ? inputs : inputs.filter((i, k) => i.notes.length > 0 || k < MAX_INPUTS_LISTED);
  const pathW = Math.max(...listed.map((i) => oneLine(i.path).length));
  const formatW = Math.max(...listed.map((i) => i.format.length));
  const aligned = 2 + pathW + 2 + formatW + 2 + 10 <= width;
  for (const i of listed) {
    if (aligned) out.push(`  ${oneLine(i.path).padEnd(pathW)}  ${oneLine(i.format).padEnd(formatW)}  ${formatBytes(i.bytes).padStart(9)}`);
    else out.push(...wrap(`${oneLine(i.path)} · ${oneLine(i.format)} · ${formatBytes(i.bytes)}`, width, '      ', '  '));
    for (const n of i.notes) out.push(...wrap(`note: ${oneLine(n)}`, width, '          ', '    ').map((l) => paint('yellow', l)));
  }
  if (listed.length < inputs.length) out.push(`  … and ${inputs.length - listed.length} more (all listed in --format json)`);
  const omitted = omittedInputsLine(report);
  if (omitted) out.push(`  … and ${omitted}`);
  return out;
}

export function renderText(report: Report, opts: TextOptions): string {
  const width = opts.width ?? 100;
  const paint = painter(opts.color);
  const v = verdictLabel(report.verdict.code);
  const out: string[] = [];

  out.push(...wrap(`VERDICT: ${v.label} (${report.verdict.code})`, width, '  ', '').map((l) => paint(TONE_STYLE[v.tone], l)));
  out.push(...wrap(oneLine(report.verdict.summary), width, '  ', '  '));
  const facts = [findingCountsText(report.findings)];
  if (report.summary) facts.push(`${plural(report.summary.records, 'record')} behind them`, `${plural(report.summary.inputs, 'input')} read`);
  out.push(paint('dim', `  ${facts.join(' · ')}`));
  out.push(paint('dim', `  aadsync-diagnose ${report.tool.version} · generated ${formatTime(report.generatedAt)}`));
  const s = report.server;
  if (s) {
    const parts: string[] = [];
    if (s.adsyncVersion) parts.push(`Azure AD Connect ${oneLine(s.adsyncVersion)}`);
    if (s.serviceAccount || s.serviceStatus)
      parts.push(`ADSync service${s.serviceStatus ? ` ${oneLine(s.serviceStatus).toLowerCase()}` : ''}${s.serviceAccount ? ` as ${oneLine(s.serviceAccount)}` : ''}`);
    if (s.serviceStartTime) parts.push(`started ${formatTime(s.serviceStartTime)}`);
    if (s.stagingMode) parts.push('STAGING MODE');
    if (s.schedulerSuspended) parts.push('scheduler suspended');
    if (parts.length) out.push(...wrap(`Server: ${parts.join(' · ')}`, width, '    ', '  ').map((l) => paint('dim', l)));
  }

  const fixes = renderFixes(report, width, paint);
  if (report.findings.length) {
    out.push(...heading(`Findings (${findingCountsText(report.findings)})`, width, paint));
    report.findings.forEach((f, i) => {
      if (i > 0) out.push('');
      out.push(...renderFinding(f, i, width, paint, fixes.refs.get(i)));
    });
  }
  if (fixes.lines.length) {
    out.push(...heading('What to try next', width, paint));
    out.push(...fixes.lines.slice(1));
  }
  out.push(...renderMatrix(report, width, paint));
  out.push(...renderCollection(report, width, paint));
  out.push(...renderInputs(report, width, paint));
  return out.join('\n') + '\n';
}
