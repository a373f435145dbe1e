// The fleet view in every format (issue 14): the summary table first (one row a server), then each
// server's own report as the single-server renderers write it. json: { …, summary, servers }; jsonl: one
// report a line; csv: the summary rows; html: one page, the table linking to each server's section.
import type { FleetReport, FleetRow, Report } from '../model/report.js';
import { renderHtml, esc } from '../report/html.js';
import { renderMarkdown, mdCell } from '../report/markdown.js';
import { formatTime, oneLine, verdictLabel } from '../report/present.js';
import { renderText, renderVerdictLine } from '../report/text.js';

export type FleetFormat = 'text' | 'markdown' | 'json' | 'html' | 'jsonl' | 'csv';

export interface FleetRenderOptions {
  color: boolean;
  quiet?: boolean;
  summaryOnly?: boolean;
  width?: number;
}

export function renderFleet(doc: FleetReport, format: FleetFormat, opts: FleetRenderOptions): string {
  switch (format) {
    case 'json':
      return JSON.stringify(doc, null, 2) + '\n';
    case 'jsonl':
      return opts.summaryOnly || !doc.servers
        ? doc.summary.rows.map((r) => JSON.stringify(r)).join('\n') + (doc.summary.rows.length ? '\n' : '')
        : doc.servers.map((r) => JSON.stringify(r)).join('\n') + (doc.servers.length ? '\n' : '');
    case 'csv':
      return renderCsv(doc.summary.rows);
    case 'markdown':
      return renderFleetMarkdown(doc);
    case 'html':
      return renderFleetHtml(doc);
    case 'text':
      return renderFleetText(doc, opts);
    default: {
      const never: never = format;
      throw new Error(`unknown fleet format: ${String(never)}`);
    }
  }
}

/** "2026-11-24 10:00 – 2026-11-25 09:30" (UTC, to the minute). */
function span(r: FleetRow): string {
  if (!r.firstTime && !r.lastTime) return '';
  const minute = (t: string) => formatTime(t).replace(/:\d{2}(?:\.\d+)? UTC$/, '').replace(/ UTC$/, '');
  const a = minute(r.firstTime ?? r.lastTime ?? '');
  const b = minute(r.lastTime ?? r.firstTime ?? '');
  return a === b ? a : `${a} – ${b}`;
}

function topWords(r: FleetRow): string {
  return r.topFinding ? `${r.topFinding.code}` : '';
}

/** Column headers, shared by every table format. */
const HEAD = ['server', 'verdict', 'top finding', 'service proxy', 'sync version', 'evidence (UTC)', 'from'];

function cells(r: FleetRow): string[] {
  return [r.server, r.verdict, topWords(r), r.serviceProxy, r.syncVersion ?? '', span(r), r.from];
}

function headline(doc: FleetReport): string {
  const s = doc.summary;
  const parts = Object.entries(s.verdicts).map(([v, n]) => `${n} ${v}`);
  return `${s.servers} servers: ${parts.join(', ')}`;
}

// ---- text ----

function renderFleetText(doc: FleetReport, opts: FleetRenderOptions): string {
  const width = opts.width ?? 100;
  const out: string[] = [];
  if (opts.quiet) {
    // -q: one verdict line a server.
    for (const r of doc.servers ?? []) out.push(`${r.host?.name ?? 'unknown server'}: ${renderVerdictLine(r, { color: opts.color }).trimEnd()}`);
    if (!doc.servers) for (const r of doc.summary.rows) out.push(`${r.server}: ${r.verdict}`);
    return out.join('\n') + '\n';
  }
  out.push(`FLEET: ${headline(doc)} (exit code ${doc.summary.exitCode})`, '');
  // Never cut: a name, a proxy or a path cut short is worse than a long line.
  const rows = [HEAD.map((h) => h.toUpperCase()), ...doc.summary.rows.map(cells)];
  const w = HEAD.map((_, i) => Math.max(...rows.map((r) => oneLine(r[i]!).length)));
  for (const r of rows) out.push(r.map((c, i) => oneLine(c).padEnd(w[i]!)).join('  ').trimEnd());
  keptApartText(doc, out);
  if (opts.summaryOnly || !doc.servers) return out.join('\n') + '\n';
  doc.servers.forEach((r, i) => {
    const h = r.host;
    out.push('', '═'.repeat(Math.min(width, 100)));
    out.push(`SERVER ${i + 1} of ${doc.servers!.length}: ${h?.name ?? 'unknown server'}${h ? ` (${identifiedWords(h.identifiedBy)}${h.sources.length ? `: ${h.sources.join(', ')}` : ''})` : ''}`);
    for (const n of h?.notes ?? []) out.push(`  note: ${oneLine(n)}`);
    out.push('═'.repeat(Math.min(width, 100)));
    out.push(renderText(r, { color: opts.color, width }).trimEnd());
  });
  return out.join('\n') + '\n';
}

function keptApartText(doc: FleetReport, out: string[]): void {
  if (doc.summary.keptApart.length) {
    out.push('', 'KEPT APART');
    for (const k of doc.summary.keptApart) out.push(`  ${k.inputs.join(', ')} (${k.server}): ${oneLine(k.reason)}`);
  }
  if (doc.summary.unreadable.length) {
    out.push('', 'NOTHING READABLE');
    for (const u of doc.summary.unreadable) out.push(`  ${u.server}: ${oneLine(u.error)}`);
  }
}

export function identifiedWords(by: string): string {
  switch (by) {
    case 'bundle-manifest':
      return 'named by its bundle manifest';
    case 'collector':
      return "named by its collector's files";
    case 'events':
      return 'named by the computer in its events';
    case 'registry':
      return 'named by its registry export';
    case 'folder':
      return 'files of its folder';
    case 'kept-apart':
      return 'kept apart: names no computer';
    default:
      return 'no computer named';
  }
}

// ---- markdown ----

function renderFleetMarkdown(doc: FleetReport): string {
  const out: string[] = [];
  out.push('# Azure AD Connect proxy diagnosis: several servers', '');
  out.push(`**${mdCell(headline(doc))}** (exit code ${doc.summary.exitCode})`, '');
  out.push(`| ${HEAD.join(' | ')} |`, `|${HEAD.map(() => '---').join('|')}|`);
  doc.summary.rows.forEach((r, i) => {
    const c = cells(r).map(mdCell);
    if (doc.servers) c[0] = `[${c[0]}](#server-${i + 1})`;
    out.push(`| ${c.join(' | ')} |`);
  });
  out.push('');
  if (doc.summary.keptApart.length) {
    out.push('**Kept apart**', '');
    for (const k of doc.summary.keptApart) out.push(`- ${mdCell(k.inputs.join(', '))} (${mdCell(k.server)}): ${mdCell(k.reason)}`);
    out.push('');
  }
  if (doc.summary.unreadable.length) {
    out.push('**Nothing readable**', '');
    for (const u of doc.summary.unreadable) out.push(`- ${mdCell(u.server)}: ${mdCell(u.error)}`);
    out.push('');
  }
  doc.servers?.forEach((r, i) => {
    out.push(`<a id="server-${i + 1}"></a>`, '', `## Server ${i + 1}: ${mdCell(r.host?.name ?? 'unknown server')}`, '');
    if (r.host) out.push(`${mdCell(identifiedWords(r.host.identifiedBy))}${r.host.sources.length ? `: ${mdCell(r.host.sources.join(', '))}` : ''}`, '');
    for (const n of r.host?.notes ?? []) out.push(`> ${mdCell(n)}`, '');
    out.push(demote(renderMarkdown(r)).trimEnd(), '');
  });
  return out.join('\n') + '\n';
}

/** A server's report one heading level down (its # becomes ###), fenced blocks untouched. */
function demote(md: string): string {
  let fence = false;
  return md
    .split('\n')
    .map((l) => {
      if (/^\s*(```|~~~)/.test(l)) fence = !fence;
      return !fence && /^#{1,4} /.test(l) ? `##${l}` : l;
    })
    .join('\n');
}

// ---- csv ----

const CSV_HEAD = ['server', 'from', 'identifiedBy', 'verdict', 'topFinding', 'topFindingSeverity', 'topFindingTitle', 'serviceProxy', 'syncVersion', 'firstTime', 'lastTime', 'errors', 'warnings'];

/** One field, quoted; a leading = + - @ (a formula to a spreadsheet) is defused with a quote mark. */
export function csvField(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

function renderCsv(rows: FleetRow[]): string {
  const lines = [CSV_HEAD.map(csvField).join(',')];
  for (const r of rows) {
    lines.push(
      [r.server, r.from, r.identifiedBy, r.verdict, r.topFinding?.code ?? '', r.topFinding?.severity ?? '', r.topFinding?.title ?? '', r.serviceProxy, r.syncVersion, r.firstTime, r.lastTime, r.errors, r.warnings]
        .map(csvField)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

// ---- html ----

const FLEET_CSS = `
.fleet table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
.fleet th,.fleet td{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top;font-size:.92rem}
.fleet .verdict-bad{color:#b42318;font-weight:600}.fleet .verdict-warn{color:#9a6700;font-weight:600}.fleet .verdict-good{color:#1a7f37;font-weight:600}
.server-report{border-top:3px solid #57606a;margin-top:2.5rem;padding-top:1rem}
.server-report>h2.server-name{margin:0 0 .25rem}
.server-report .back{font-size:.85rem}
`;

/**
 * The single-server page's body, its ids and in-page links prefixed so several can share one page.
 * renderHtml escapes everything from the evidence (esc: " < > & '), so `id="` and `href="#` only
 * ever come from its own markup.
 */
function serverBody(html: string, prefix: string): { css: string; body: string } {
  const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  const start = html.indexOf('<div class="page">');
  const end = html.lastIndexOf('</div>\n</body>');
  let body = start >= 0 && end > start ? html.slice(start + '<div class="page">'.length, end) : html;
  body = body.replace(/<div class="topbar">[\s\S]*?<\/div><\/div>\n/, '').replace(/<footer>[\s\S]*?<\/footer>\n?/, '');
  body = body.replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${prefix}${id}"`).replace(/\bhref="#([^"]+)"/g, (_m, id: string) => `href="#${prefix}${id}"`);
  return { css, body };
}

function renderFleetHtml(doc: FleetReport): string {
  const servers = doc.servers ?? [];
  let css = '';
  const sections = servers.map((r, i) => {
    const { css: c, body } = serverBody(renderHtml(r), `s${i + 1}-`);
    css ||= c;
    const h = r.host;
    const notes = (h?.notes ?? []).map((n) => `<p class="note">${esc(oneLine(n))}</p>`).join('');
    return `<section class="server-report" id="server-${i + 1}" aria-label="${esc(h?.name ?? 'unknown server')}">
<h2 class="server-name">Server ${i + 1}: ${esc(h?.name ?? 'unknown server')}</h2>
<p class="back">${h ? esc(identifiedWords(h.identifiedBy)) + (h.sources.length ? `: ${esc(h.sources.join(', '))}` : '') : ''} · <a href="#summary">back to the summary</a></p>
${notes}
${body}
</section>`;
  });
  if (!css) css = /<style>([\s\S]*?)<\/style>/.exec(renderHtml(placeholderReport(doc)))?.[1] ?? '';
  const rows = doc.summary.rows
    .map((r, i) => {
      const tone = verdictLabel(r.verdict).tone;
      const name = servers.length ? `<a href="#server-${i + 1}">${esc(r.server)}</a>` : esc(r.server);
      const c = cells(r);
      return `<tr><td>${name}</td><td class="verdict-${tone}">${esc(c[1]!)}</td><td>${esc(r.topFinding ? `${r.topFinding.code}: ${oneLine(r.topFinding.title)}` : '')}</td><td>${esc(c[3]!)}</td><td>${esc(c[4]!)}</td><td>${esc(c[5]!)}</td><td>${esc(c[6]!)}</td></tr>`;
    })
    .join('\n');
  const kept = doc.summary.keptApart.length
    ? `<h2>Kept apart</h2><ul>${doc.summary.keptApart.map((k) => `<li><code>${esc(k.inputs.join(', '))}</code> (${esc(k.server)}): ${esc(oneLine(k.reason))}</li>`).join('')}</ul>`
    : '';
  const unreadable = doc.summary.unreadable.length
    ? `<h2>Nothing readable</h2><ul>${doc.summary.unreadable.map((u) => `<li>${esc(u.server)}: ${esc(oneLine(u.error))}</li>`).join('')}</ul>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="aadsync-diagnose ${esc(doc.tool.version)}">
<title>${esc(`${doc.summary.servers} servers: Azure AD Connect proxy diagnosis`)}</title>
<style>${css}${FLEET_CSS}</style>
</head>
<body>
<div class="page">
<div class="topbar"><div><strong>aadsync-diagnose</strong> · Azure AD Connect proxy diagnosis</div><div>Generated <time datetime="${esc(doc.generatedAt)}">${esc(formatTime(doc.generatedAt))}</time> · version ${esc(doc.tool.version)}</div></div>
<section class="fleet" id="summary" aria-label="Summary">
<h1>${esc(headline(doc))}</h1>
<p>Exit code ${doc.summary.exitCode}: the worst server's.</p>
<table><thead><tr>${HEAD.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table>
${kept}${unreadable}
</section>
${sections.join('\n')}
<footer>Report schema version ${doc.schemaVersion}. The same as JSON: <code>aadsync-diagnose analyze &lt;inputs&gt; --json</code>. Times are UTC.</footer>
</div>
</body>
</html>
`;
}

/** A minimal report, only to take the single-server page's stylesheet when no server report is shown. */
function placeholderReport(doc: FleetReport): Report {
  return {
    schemaVersion: 1,
    tool: doc.tool,
    generatedAt: doc.generatedAt,
    verdict: { code: doc.summary.worstVerdict, summary: headline(doc) },
    findings: [],
    proxyPaths: [],
    collection: { steps: [] },
  };
}

