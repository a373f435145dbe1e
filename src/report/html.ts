// The HTML report (`--format html`, report.html in a bundle): ONE self-contained page. Inline CSS,
// no script at all, no external asset, and a Content-Security-Policy that forbids both, so the page
// works offline and a record quoted from evidence can never run: every value from the report is
// escaped for the element or (quoted) attribute it lands in, and links are emitted only for http(s).
import { omittedInputsLine } from './inputs.js';
import type { Finding, ProxyPath, Report, Timeline } from '../model/report.js';
import {
  factText,
  findingAnchor,
  findingCountsText,
  formatBytes,
  formatDuration,
  formatRange,
  formatTime,
  inlineCode,
  isHttpUrl,
  oneLine,
  plural,
  proxyMatrix,
  recordCount,
  routeWord,
  sanitizeText,
  severityCounts,
  splitFixStep,
  verdictLabel,
} from './present.js';
import { buildTimeline, timelinePosition, timelineTicks } from './timeline.js';

/** Text and quoted-attribute escaping (the same set serves both: & < > " '). */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Inline text from data: one line, control characters made visible, escaped. */
function t(s: string): string {
  return esc(oneLine(s));
}

/** An external link, only for http(s) URLs; anything else (javascript:, data:, file:) is shown as text. */
function link(url: string): string {
  if (!isHttpUrl(url)) return `<span class="url">${t(url)}</span>`;
  return `<a href="${esc(url)}" rel="noopener noreferrer">${esc(url)}</a>`;
}

const SEV_WORD: Record<Finding['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Info' };

const CSS = `
:root{--fg:#1b1f24;--muted:#59636e;--line:#d8dee4;--bg:#f6f8fa;--card:#fff;--bad:#b42318;--bad-bg:#fef3f2;--warn:#b54708;--warn-bg:#fffaeb;--good:#067647;--good-bg:#ecfdf3;--info:#175cd3;--info-bg:#eff8ff;--neutral:#344054;--neutral-bg:#f2f4f7;--code:#f3f4f6}
*{box-sizing:border-box}
html{scroll-behavior:smooth}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 "Segoe UI",system-ui,-apple-system,"Helvetica Neue",Arial,sans-serif}
.page{max-width:1120px;margin:0 auto;padding:24px 28px 48px}
.topbar{display:flex;justify-content:space-between;align-items:baseline;gap:16px;color:var(--muted);font-size:13px;margin-bottom:12px}
.topbar strong{color:var(--fg);font-weight:600}
code,pre,.mono{font-family:"Cascadia Mono",Consolas,"SFMono-Regular",Menlo,monospace;font-size:13px}
code{background:var(--code);padding:1px 5px;border-radius:4px}
h1,h2,h3,h4{line-height:1.25;margin:0}
h2{font-size:19px;margin:34px 0 12px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h3{font-size:16px}
h4{font-size:14px;margin:14px 0 6px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
a{color:var(--info)}
.verdict{border-radius:10px;padding:20px 24px;border:1px solid var(--line);border-left:8px solid var(--neutral);background:var(--card)}
.verdict .eyebrow{font-size:12px;font-weight:700;letter-spacing:.08em;text-transform:uppercase;color:var(--muted)}
.verdict h1{font-size:26px;margin:4px 0 8px;display:flex;align-items:center;gap:12px;flex-wrap:wrap}
.verdict h1 code{font-size:13px;font-weight:500}
.verdict .summary{font-size:16px;margin:0 0 12px;max-width:80ch}
.tone-bad{border-left-color:var(--bad);background:linear-gradient(90deg,var(--bad-bg),var(--card) 60%)}
.tone-bad h1{color:var(--bad)}
.tone-warn{border-left-color:var(--warn);background:linear-gradient(90deg,var(--warn-bg),var(--card) 60%)}
.tone-warn h1{color:var(--warn)}
.tone-good{border-left-color:var(--good);background:linear-gradient(90deg,var(--good-bg),var(--card) 60%)}
.tone-good h1{color:var(--good)}
.chips{display:flex;flex-wrap:wrap;gap:8px;list-style:none;margin:0;padding:0}
.chip{font-size:12.5px;padding:3px 10px;border-radius:999px;background:var(--neutral-bg);color:var(--neutral);border:1px solid var(--line)}
.chip.error{background:var(--bad-bg);color:var(--bad);border-color:#fecdca;font-weight:600}
.chip.warning{background:var(--warn-bg);color:var(--warn);border-color:#fedf89;font-weight:600}
.chip.info{background:var(--info-bg);color:var(--info);border-color:#b2ddff}
.server{margin:12px 0 0;display:flex;flex-wrap:wrap;gap:4px 22px;font-size:13px;color:var(--muted)}
.server b{color:var(--fg);font-weight:600}
.toc{margin:20px 0 0;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 20px}
.toc h2{border:0;margin:0 0 6px;padding:0;font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.toc ol{margin:0;padding-left:20px}
.toc ol ol{padding-left:18px;font-size:14px}
.toc li{margin:2px 0}
.toc .sev{display:inline-block;font-size:10.5px;font-weight:700;text-transform:uppercase;margin-right:8px;min-width:64px;color:var(--muted)}
.toc .sev.error{color:var(--bad)}
.toc .sev.warning{color:var(--warn)}
.toc .sev.info{color:var(--info)}
.toc a{text-decoration:none}
.toc a:hover{text-decoration:underline}
.finding{background:var(--card);border:1px solid var(--line);border-left:5px solid var(--neutral);border-radius:10px;padding:16px 20px;margin:14px 0;scroll-margin-top:12px}
.finding.sev-error{border-left-color:var(--bad)}
.finding.sev-warning{border-left-color:var(--warn)}
.finding.sev-info{border-left-color:var(--info)}
.finding header{display:flex;align-items:center;gap:10px;flex-wrap:wrap}
.finding .num{color:var(--muted);font-weight:600}
.badge{font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.05em;padding:2px 8px;border-radius:4px}
.badge.error{background:var(--bad);color:#fff}
.badge.warning{background:var(--warn);color:#fff}
.badge.info{background:var(--info);color:#fff}
.finding h3{flex-basis:100%;margin-top:6px}
.meta{color:var(--muted);font-size:13px;margin:6px 0 8px}
.meta span+span::before{content:"·";margin:0 8px;color:var(--line)}
.why{margin:8px 0;max-width:90ch}
details{margin:10px 0}
summary{cursor:pointer;font-weight:600;font-size:14px;color:var(--neutral)}
.quote{margin:10px 0 0;border:1px solid var(--line);border-radius:8px;overflow:hidden}
.quote figcaption{background:var(--neutral-bg);padding:6px 12px;font-size:12.5px;color:var(--muted);display:flex;flex-wrap:wrap;gap:2px 14px}
.quote figcaption b{color:var(--fg);font-weight:600}
.quote pre{margin:0;padding:10px 12px;white-space:pre-wrap;overflow-wrap:anywhere;background:#fbfbfc}
.fix ol{margin:4px 0;padding-left:24px}
.fix li{margin:6px 0;padding-left:4px}
.fix pre.snippet{background:#0f172a;color:#e2e8f0;border-radius:8px;padding:10px 14px;margin:8px 0;white-space:pre;overflow-x:auto}
.refs{font-size:13px;color:var(--muted);margin:8px 0 0}
.refs a{overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;background:var(--card);border:1px solid var(--line);border-radius:10px;overflow:hidden;font-size:14px}
th,td{text-align:left;padding:7px 12px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--neutral-bg);font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
tr:last-child td{border-bottom:0}
td.route{font-weight:600;white-space:nowrap}
.route-direct{color:var(--bad)}
.route-proxy{color:var(--good)}
.route-pac,.route-bypassed{color:var(--warn)}
.route-unknown{color:var(--muted)}
.status{font-weight:700;font-size:12px;text-transform:uppercase}
.status-ok{color:var(--good)}
.status-skipped{color:var(--muted)}
.status-failed,.status-timeout{color:var(--bad)}
tr.problem td{background:var(--bad-bg)}
.note{color:var(--warn)}
.muted{color:var(--muted)}
td.actor{font-weight:600;white-space:nowrap}
td.route .mono{font-weight:400;font-size:12px}
h3.sub{font-size:14px;margin:18px 0 8px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
details.reasons{margin:4px 0 0;font-size:12.5px}
details.reasons summary{font-weight:500;font-size:12.5px;color:var(--info)}
details.reasons ol{margin:4px 0;padding-left:18px;color:var(--muted)}
.lead{color:var(--muted);margin:-4px 0 12px;font-size:14px}
.tl{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 16px 16px}
.tl-row{display:grid;grid-template-columns:260px 1fr;gap:14px;align-items:center;min-height:30px;padding:2px 0}
.tl-label{font-size:13px;line-height:1.3;overflow-wrap:anywhere}
.tl-label small{color:var(--muted)}
.tl-track{position:relative;height:22px}
.tl-grid{position:absolute;top:-4px;bottom:-4px;width:0;border-left:1px dashed #e4e7ec}
.tl-axis .tl-track{background:none;height:20px;border-bottom:1px solid var(--line)}
.tl-tick{position:absolute;bottom:2px;transform:translateX(-50%);font-size:11px;color:var(--muted);white-space:nowrap}
.tl-span{position:absolute;top:6px;height:10px;min-width:4px;border-radius:5px;opacity:.35}
.tl-mark{position:absolute;top:3px;width:4px;height:16px;margin-left:-2px;border-radius:2px}
.sev-error .tl-span,.sev-error .tl-mark{background:var(--bad)}
.sev-warning .tl-span,.sev-warning .tl-mark{background:var(--warn)}
.sev-info .tl-span,.sev-info .tl-mark{background:var(--info)}
.sync .tl-span{opacity:1;top:4px;height:14px;border-radius:3px;background:#98a2b3}
.sync.ok .tl-span{background:#6ce9a6}
.sync.bad .tl-span{background:#fda29b}
.tl-legend{font-size:12px;color:var(--muted);margin-top:8px}
footer{margin-top:36px;color:var(--muted);font-size:12px;border-top:1px solid var(--line);padding-top:10px}
@media (max-width:720px){.tl-row{grid-template-columns:120px 1fr}.page{padding:12px}}
@media print{
  @page{margin:14mm}
  html{scroll-behavior:auto}
  body{background:#fff;font-size:11pt}
  .page{max-width:none;padding:0}
  .toc{display:none}
  details::details-content{content-visibility:visible;display:block}
  details>summary{list-style:none}
  .finding,.quote,table,.tl,.verdict{break-inside:avoid-page;box-shadow:none}
  .quote pre,.fix pre.snippet{white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;color:#000;border:1px solid var(--line)}
  .verdict,.tone-bad,.tone-warn,.tone-good{background:#fff}
  .refs a::after{content:""}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;

function verdictSection(report: Report): string {
  const v = verdictLabel(report.verdict.code);
  const c = severityCounts(report.findings);
  const chips: string[] = [];
  if (c.error) chips.push(`<li class="chip error">${plural(c.error, 'error')}</li>`);
  if (c.warning) chips.push(`<li class="chip warning">${plural(c.warning, 'warning')}</li>`);
  if (c.info) chips.push(`<li class="chip info">${plural(c.info, 'note')}</li>`);
  if (!report.findings.length) chips.push(`<li class="chip">no findings</li>`);
  if (report.summary) {
    chips.push(`<li class="chip">${plural(report.summary.records, 'record')} behind the findings</li>`);
    chips.push(`<li class="chip">${plural(report.summary.inputs, 'input')} read</li>`);
    if (report.summary.collectionProblems) chips.push(`<li class="chip error">${plural(report.summary.collectionProblems, 'collection step')} failed</li>`);
  }
  const s = report.server;
  const server: string[] = [];
  if (s?.adsyncVersion) server.push(`<span>Azure AD Connect <b>${t(s.adsyncVersion)}</b></span>`);
  if (s?.serviceAccount) server.push(`<span>Service account <b>${t(s.serviceAccount)}</b></span>`);
  if (s?.serviceStatus) server.push(`<span>ADSync <b>${t(s.serviceStatus)}</b></span>`);
  if (s?.serviceStartTime) server.push(`<span>Service started <b>${t(formatTime(s.serviceStartTime))}</b></span>`);
  if (s?.stagingMode) server.push(`<span><b>Staging mode</b></span>`);
  if (s?.schedulerSuspended) server.push(`<span><b>Scheduler suspended</b></span>`);
  return `<section class="verdict tone-${v.tone}" id="verdict" aria-label="Verdict">
<div class="eyebrow">Verdict</div>
<h1>${esc(v.label)} <code>${t(report.verdict.code)}</code></h1>
<p class="summary">${t(report.verdict.summary)}</p>
<ul class="chips">${chips.join('')}</ul>
${server.length ? `<div class="server">${server.join('')}</div>` : ''}
</section>`;
}

function tocSection(report: Report, sections: { id: string; title: string }[]): string {
  const items = sections.map((s) => {
    if (s.id !== 'findings') return `<li><a href="#${s.id}">${esc(s.title)}</a></li>`;
    const sub = report.findings
      .map((f, i) => `<li><span class="sev ${f.severity}">${SEV_WORD[f.severity]}</span><a href="#${findingAnchor(i, f.code)}">${t(f.title)}</a></li>`)
      .join('');
    return `<li><a href="#findings">${esc(s.title)}</a><ol>${sub}</ol></li>`;
  });
  return `<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol>${items.join('')}</ol></nav>`;
}

function findingCard(f: Finding, i: number, sameAs: number | undefined, all: Finding[]): string {
  const n = recordCount(f);
  const meta = [`<span>Route <b>${t(f.route)}</b></span>`, `<span>Confidence <b>${t(f.confidence)}</b></span>`];
  if ((f.count ?? 1) > 1) meta.push(`<span><b>×${f.count}</b> records</span>`);
  const range = formatRange(f.firstTime, f.lastTime);
  if (range) meta.push(`<span>${t(range)}</span>`);
  const quotes = f.evidence
    .map((e) => {
      const cap = [`<b>${t(e.kind)}</b>`, `<span class="mono">${t(e.source)}</span>`, `<span>${t(e.location)}</span>`];
      if (e.time) cap.push(`<time datetime="${esc(e.time)}">${t(formatTime(e.time))}</time>`);
      return `<figure class="quote"><figcaption>${cap.join('')}</figcaption><pre>${esc(sanitizeText(e.excerpt).replace(/\s+$/, ''))}</pre></figure>`;
    })
    .join('\n');
  const evidence = f.evidence.length
    ? `<details class="evidence"${i === 0 ? ' open' : ''}><summary>Evidence: ${
        n > f.evidence.length ? `${f.evidence.length} of ${n} records quoted` : plural(f.evidence.length, 'record') + ' quoted'
      }</summary>\n${quotes}\n</details>`
    : `<p class="meta">No evidence quoted.</p>`;
  let fix = '';
  if (sameAs !== undefined) {
    const other = all[sameAs]!;
    fix = `<div class="fix"><h4>What to try next</h4><p>The same steps as <a href="#${findingAnchor(sameAs, other.code)}">finding ${sameAs + 1}</a>.</p></div>`;
  } else if (f.fix.length) {
    const steps = f.fix
      .map((step) => {
        const { text, code } = splitFixStep(step);
        return `<li>${fixText(text)}${code ? `<pre class="snippet">${esc(sanitizeText(code))}</pre>` : ''}</li>`;
      })
      .join('');
    fix = `<div class="fix"><h4>What to try next</h4><ol>${steps}</ol></div>`;
  }
  const refs = f.references.length ? `<p class="refs">References: ${f.references.map(link).join(' · ')}</p>` : '';
  return `<article class="finding sev-${f.severity}" id="${findingAnchor(i, f.code)}">
<header><span class="num">${i + 1}</span><span class="badge ${f.severity}">${SEV_WORD[f.severity]}</span><code>${t(f.code)}</code><h3>${t(f.title)}</h3></header>
<p class="meta">${meta.join('')}</p>
<p class="why">${t(f.explanation)}</p>
${f.facts?.length ? `<div class="facts"><h4>Decided from</h4><ul>${f.facts.map((x) => `<li>${t(factText(x))}</li>`).join('')}</ul></div>` : ''}
${evidence}
${fix}
${refs}
</article>`;
}

function timelineSection(report: Report, tl: Timeline): string {
  const tickList = timelineTicks(tl);
  const ticks = tickList.map((k) => `<span class="tl-tick" style="left:${k.position}%">${esc(k.label)}</span>`).join('');
  const grid = tickList.map((k) => `<span class="tl-grid" style="left:${k.position}%"></span>`).join('');
  const rows = tl.lanes.map((lane) => {
    const left = timelinePosition(tl, lane.start);
    const width = Math.max(0, timelinePosition(tl, lane.end) - left);
    const when = lane.start === lane.end ? formatTime(lane.start) : `${formatTime(lane.start)} – ${formatTime(lane.end)}`;
    if (lane.kind === 'sync') {
      const ok = /^success/i.test(lane.result ?? '');
      const label = `${oneLine(lane.label)}${lane.result ? ` → ${oneLine(lane.result)}` : ''}`;
      return `<div class="tl-row sync ${ok ? 'ok' : 'bad'}"><div class="tl-label" title="${esc(label)}">${esc(label)}</div><div class="tl-track">${grid}<span class="tl-span" style="left:${left}%;width:${width}%" title="${esc(`${label}: ${when}`)}"></span></div></div>`;
    }
    const f = report.findings[(lane.finding ?? 1) - 1];
    const href = f ? `#${findingAnchor((lane.finding ?? 1) - 1, f.code)}` : '#findings';
    const marks = lane.marks
      .map((m) => `<span class="tl-mark" style="left:${timelinePosition(tl, m.time)}%" title="${esc(`${oneLine(m.label)} · ${formatTime(m.time)}`)}"></span>`)
      .join('');
    const count = lane.count && lane.count > 1 ? ` <small>×${lane.count}</small>` : '';
    return `<div class="tl-row sev-${lane.severity ?? 'info'}"><div class="tl-label"><a href="${href}">${t(lane.label)}</a>${count}</div><div class="tl-track">${grid}<span class="tl-span" style="left:${left}%;width:${width}%" title="${esc(`${oneLine(lane.label)}: ${when}`)}"></span>${marks}</div></div>`;
  });
  const day = formatTime(tl.start).slice(0, 10);
  return `<section id="timeline"><h2>Timeline</h2>
<p class="lead">Errors around the sync cycle, ${esc(formatTime(tl.start))} to ${esc(formatTime(tl.end))} (times in UTC). A bar spans a finding's first to last record; ticks are the quoted records.${
    tl.lanes.some((l) => l.kind === 'sync') ? ' Grey/green/red bars are the run profiles of the sync cycle.' : ''
  }</p>
<div class="tl" role="img" aria-label="${esc(`Timeline of ${tl.lanes.length} rows on ${day}`)}">
<div class="tl-row tl-axis"><div class="tl-label"><small>UTC${esc(day ? ` ${day}` : '')}</small></div><div class="tl-track">${ticks}</div></div>
${rows.join('\n')}
</div></section>`;
}

function pathExtras(p: ProxyPath): string {
  const extra: string[] = [];
  if (p.route === 'pac' && p.pac) extra.push(`PAC ${p.pac}`);
  if (p.bypassRule) extra.push(`bypass rule ${p.bypassRule}`);
  if (p.credentials !== undefined) extra.push(p.credentials ? 'sends credentials' : 'sends no credentials');
  return extra.length ? ` <span class="muted">(${t(extra.join('; '))})</span>` : '';
}

function decidedBy(p: ProxyPath): string {
  const reasons = p.reasons?.length ? `<details class="reasons"><summary>How it was resolved</summary><ol>${p.reasons.map((r) => `<li>${t(r)}</li>`).join('')}</ol></details>` : '';
  return `${t(p.source)}${pathExtras(p)}${reasons}`;
}

function routeCell(p: ProxyPath): string {
  if (p.route === 'proxy' && p.proxy) return `<td class="route route-proxy">PROXY<br><span class="mono muted">${t(p.proxy)}</span></td>`;
  return `<td class="route route-${esc(p.route)}">${t(routeWord(p).toUpperCase())}</td>`;
}

function matrixSection(report: Report): string {
  const m = proxyMatrix(report.proxyPaths);
  const lead = '<p class="lead">Which way each process sends traffic to each endpoint, and which setting decided it.</p>';
  if (!m.dense) {
    const rows = report.proxyPaths
      .map((p) => `<tr><td class="actor">${t(p.actor)}</td>${routeCell(p)}<td class="mono">${t(p.endpoint)}</td><td>${decidedBy(p)}</td></tr>`)
      .join('\n');
    return `<section id="proxy-paths"><h2>Proxy paths</h2>
${lead}
<table><thead><tr><th>Actor</th><th>Route</th><th>Endpoints</th><th>Decided by</th></tr></thead><tbody>
${rows}
</tbody></table></section>`;
  }
  const head = `<tr><th>Endpoint</th>${m.actors.map((a) => `<th>${t(a)}</th>`).join('')}</tr>`;
  const body = m.endpoints
    .map((e) => {
      const cells = m.actors.map((a) => {
        const p = m.cell(a, e);
        return p ? routeCell(p) : '<td>–</td>';
      });
      return `<tr><td class="mono">${t(e)}</td>${cells.join('')}</tr>`;
    })
    .join('\n');
  const why = m.rows
    .flatMap((row) =>
      (row.uniform ? [row.paths[0]!] : row.paths).map(
        (p) => `<tr><td class="actor">${t(row.actor)}</td><td class="mono">${row.uniform ? 'every endpoint' : t(p.endpoint)}</td>${routeCell(p)}<td>${decidedBy(p)}</td></tr>`,
      ),
    )
    .join('\n');
  return `<section id="proxy-paths"><h2>Proxy paths</h2>
${lead}
<table><thead>${head}</thead><tbody>
${body}
</tbody></table>
<h3 class="sub">Why each route</h3>
<table><thead><tr><th>Actor</th><th>Endpoint</th><th>Route</th><th>Decided by</th></tr></thead><tbody>
${why}
</tbody></table></section>`;
}

/** A fix sentence: prose escaped, the rule's `commands` as <code>. */
function fixText(s: string): string {
  return inlineCode(oneLine(s))
    .map((seg) => (seg.code ? `<code>${esc(seg.text)}</code>` : esc(seg.text)))
    .join('');
}

function collectionSection(report: Report): string {
  const steps = report.collection.steps;
  const bad = steps.filter((s) => s.status === 'failed' || s.status === 'timeout');
  const rows = steps
    .map((s) => {
      const problem = s.status === 'failed' || s.status === 'timeout';
      return `<tr${problem ? ' class="problem"' : ''}><td>${t(s.name)}</td><td><span class="status status-${esc(s.status)}">${esc(s.status)}</span></td><td>${esc(formatDuration(s.durationMs))}</td><td>${s.error ? t(s.error) : ''}</td></tr>`;
    })
    .join('\n');
  const sync = (report.sync ?? [])
    .map((c) => {
      if (!c.started) return `<p>Sync cycle: not started${c.skippedReason ? ` (${t(c.skippedReason)})` : ''}.</p>`;
      const head = `<p>Sync cycle: ${c.policyType ? `${t(c.policyType)} ` : ''}started${c.result ? `, result <b>${t(c.result)}</b>` : ''}.</p>`;
      if (!c.runProfiles.length) return head;
      const rp = c.runProfiles
        .map(
          (r) =>
            `<tr><td>${t(r.connector)}</td><td>${t(r.runProfile)}</td><td>${t(r.result)}</td><td>${r.start ? t(formatTime(r.start)) : ''}</td><td>${r.end ? t(formatTime(r.end)) : ''}</td><td>${r.errors.map(t).join('<br>')}</td></tr>`,
        )
        .join('\n');
      return `${head}<table><thead><tr><th>Connector</th><th>Run profile</th><th>Result</th><th>Start</th><th>End</th><th>Step errors</th></tr></thead><tbody>${rp}</tbody></table>`;
    })
    .join('\n');
  return `<section id="collection"><h2>Collection</h2>
${bad.length ? `<p class="lead"><b class="status-failed">${plural(bad.length, 'step')} of ${steps.length} did not complete</b>: the report holds what was collected.</p>` : ''}
${steps.length ? `<table><thead><tr><th>Step</th><th>Status</th><th>Duration</th><th>Error</th></tr></thead><tbody>\n${rows}\n</tbody></table>` : ''}
${sync}
</section>`;
}

function inputsSection(report: Report): string {
  const list = report.inputs ?? [];
  const withNotes = list.filter((i) => i.notes.length).length;
  const rows = list
    .map(
      (i) =>
        `<tr><td class="mono">${t(i.path)}</td><td>${t(i.format)}</td><td>${esc(formatBytes(i.bytes))}</td><td>${i.notes.map((n) => `<span class="note">${t(n)}</span>`).join('<br>')}</td></tr>`,
    )
    .join('\n');
  return `<section id="inputs"><h2>Inputs read</h2>
<details${withNotes ? ' open' : ''}><summary>${plural(list.length, 'file')}${withNotes ? `, ${withNotes} with notes` : ''}</summary>
<table><thead><tr><th>Path</th><th>Format</th><th>Size</th><th>Notes</th></tr></thead><tbody>
${rows}
</tbody></table>${omittedInputsLine(report) ? `<p>…and ${t(omittedInputsLine(report)!)}.</p>` : ''}</details></section>`;
}

export function renderHtml(report: Report): string {
  const v = verdictLabel(report.verdict.code);
  const tl = report.timeline ?? buildTimeline(report.findings, report.sync ?? []);
  const sections: { id: string; title: string }[] = [];
  const parts: string[] = [];
  if (report.findings.length) {
    sections.push({ id: 'findings', title: `Findings (${findingCountsText(report.findings)})` });
    const seen = new Map<string, number>();
    const cards = report.findings.map((f, i) => {
      const key = JSON.stringify(f.fix);
      const same = f.fix.length ? seen.get(key) : undefined;
      if (f.fix.length && same === undefined) seen.set(key, i);
      return findingCard(f, i, same, report.findings);
    });
    parts.push(`<section id="findings"><h2>Findings</h2>\n${cards.join('\n')}\n</section>`);
  }
  if (tl) {
    sections.push({ id: 'timeline', title: 'Timeline' });
    parts.push(timelineSection(report, tl));
  }
  if (report.proxyPaths.length) {
    sections.push({ id: 'proxy-paths', title: 'Proxy paths' });
    parts.push(matrixSection(report));
  }
  if (report.collection.steps.length || report.sync?.length) {
    sections.push({ id: 'collection', title: 'Collection' });
    parts.push(collectionSection(report));
  }
  if (report.inputs?.length) {
    sections.push({ id: 'inputs', title: 'Inputs read' });
    parts.push(inputsSection(report));
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="aadsync-diagnose ${esc(report.tool.version)}">
<title>${esc(`${v.label}: Azure AD Connect proxy diagnosis`)}</title>
<style>${CSS}</style>
</head>
<body>
<div class="page">
<div class="topbar"><div><strong>aadsync-diagnose</strong> · Azure AD Connect proxy diagnosis</div><div>Generated <time datetime="${esc(report.generatedAt)}">${t(formatTime(report.generatedAt))}</time> · version ${t(report.tool.version)}</div></div>
${verdictSection(report)}
${sections.length ? tocSection(report, sections) : ''}
${parts.join('\n')}
<footer>Report schema version ${report.schemaVersion}. The same report as JSON: <code>aadsync-diagnose analyze &lt;bundle&gt; --json</code>. Times are UTC.</footer>
</div>
</body>
</html>
`;
}
