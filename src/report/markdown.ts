// The Markdown report (`--format markdown`, report.md in a bundle): pasted into a ticket on GitHub,
// Azure DevOps or ServiceNow. Everything taken from evidence is escaped: it cannot close a table
// cell, start a heading or a link, or smuggle HTML; excerpts sit in fences longer than any
// backtick run they contain.
import { omittedInputsLine } from './inputs.js';
import type { Finding, ProxyPath, Report } from '../model/report.js';
import {
  factText,
  findingAnchor,
  findingCountsText,
  formatBytes,
  formatDuration,
  formatTime,
  inlineCode,
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
} from './present.js';

/** Inline text from data: HTML-significant characters as entities, Markdown punctuation backslash-escaped. */
export function mdText(s: string): string {
  // A backslash in the data ("NT SERVICE\ADSync", "C:\Windows\...") stays as it is unless it could
  // escape what follows; the punctuation that can start emphasis, code, links, tables or HTML is escaped.
  return oneLine(s)
    .replace(/\\(?=[!-/:-@[-`{-~])/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[`*_[\]|~]/g, (c) => `\\${c}`);
}

/** Text from data that starts a line (a paragraph, a quote): also no heading, list or rule marker. */
export function mdBlock(s: string): string {
  return mdText(s)
    .replace(/^([#+\-=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A table cell: one line, `|` escaped (also inside what would look like code), never empty. */
export function mdCell(s: string): string {
  const t = mdText(s);
  return t === '' ? ' ' : t;
}

/** A fenced block whose fence is longer than any backtick run in the content. */
export function mdFence(content: string, info = 'text', indent = ''): string[] {
  const body = sanitizeText(content).replace(/\s+$/, '');
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${indent}${fence}${info}`, ...body.split('\n').map((l) => (l === '' ? '' : indent + l)), `${indent}${fence}`];
}

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function code(s: string): string {
  // Our own identifiers (finding and verdict codes) only; data never goes through here unescaped.
  return /^[A-Za-z0-9._:-]+$/.test(s) ? `\`${s}\`` : mdText(s);
}

const SEVERITY_WORD: Record<Finding['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Info' };

function finding(f: Finding, i: number, fixRef: boolean): string[] {
  const out: string[] = [];
  out.push(`<a id="${findingAnchor(i, f.code)}"></a>`);
  out.push(`### ${i + 1}. ${SEVERITY_WORD[f.severity]}: ${code(f.code)} — ${mdText(f.title)}`);
  out.push('');
  const meta = [`**Route:** ${mdText(f.route)}`, `**Confidence:** ${mdText(f.confidence)}`];
  const rep = repeatNote(f);
  if (rep) meta.push(`**Records:** ${mdText(rep)}`);
  out.push(meta.join(' · '));
  out.push('');
  out.push(mdBlock(f.explanation));
  out.push('');
  if (f.facts?.length) {
    out.push('**Decided from:**');
    out.push('');
    for (const fact of f.facts) out.push(`- ${mdText(factText(fact))}`);
    out.push('');
  }
  const n = recordCount(f);
  if (f.evidence.length) {
    out.push(`**Evidence**${n > f.evidence.length ? ` (${f.evidence.length} of ${n} records quoted)` : ''}:`);
    out.push('');
    for (const e of f.evidence) {
      const where = [`**${mdText(e.kind)}**`, mdText(e.source), mdText(e.location)];
      if (e.time) where.push(mdText(formatTime(e.time)));
      out.push(where.filter((w) => w !== '').join(' · '));
      out.push('');
      out.push(...mdFence(e.excerpt));
      out.push('');
    }
  }
  if (fixRef) {
    out.push(`Fix: see [What to try next](#what-to-try-next), item ${i + 1}.`);
    out.push('');
  }
  return out;
}

function fixes(report: Report): string[] {
  const out: string[] = [];
  const seen = new Map<string, number>();
  const shownSnippets = new Map<string, string>();
  report.findings.forEach((f, i) => {
    if (f.fix.length === 0) return;
    out.push(`### ${i + 1}. ${code(f.code)} — ${mdText(f.title)}`);
    out.push('');
    const key = JSON.stringify(f.fix);
    const same = seen.get(key);
    if (same !== undefined) {
      out.push(`The same steps as item ${same + 1} above.`);
      out.push('');
      return;
    }
    seen.set(key, i);
    f.fix.forEach((step, k) => {
      const { text, code: snippet } = splitFixStep(step);
      const earlier = snippet?.includes('\n') ? shownSnippets.get(snippet) : undefined;
      out.push(`${k + 1}. ${fixText(text)}${earlier ? ` (the snippet is shown under ${earlier})` : ''}`);
      if (snippet && !earlier) {
        shownSnippets.set(snippet, `item ${i + 1}, step ${k + 1}`);
        out.push('');
        out.push(...mdFence(snippet, snippet.trimStart().startsWith('<') ? 'xml' : /^[A-Z][a-z]+-[A-Z]/.test(snippet) ? 'powershell' : 'text', '   '));
        out.push('');
      }
    });
    if (out[out.length - 1] !== '') out.push('');
    const links = f.references.filter(isHttpUrl);
    if (links.length) {
      out.push('References:');
      out.push('');
      for (const r of links) out.push(`- <${r}>`);
      out.push('');
    }
  });
  return out;
}

function extras(p: ProxyPath): string {
  const extra: string[] = [];
  if (p.route === 'pac' && p.pac) extra.push(`PAC ${p.pac}`);
  if (p.bypassRule) extra.push(`bypass rule ${p.bypassRule}`);
  if (p.credentials !== undefined) extra.push(p.credentials ? 'sends credentials' : 'sends no credentials');
  return extra.length ? ` (${extra.join('; ')})` : '';
}

function routeCell(p: ProxyPath): string {
  return p.route === 'direct' ? `**${mdCell(routeWord(p))}**` : mdCell(routeWord(p));
}

function matrix(report: Report): string[] {
  const m = proxyMatrix(report.proxyPaths);
  if (m.actors.length === 0) return [];
  const out = ['## Proxy paths', '', 'Which way each process sends traffic to each endpoint, and which setting decided it.', ''];
  if (!m.dense) {
    out.push(
      ...table(
        ['Actor', 'Route', 'Endpoints', 'Decided by'],
        report.proxyPaths.map((p) => [mdCell(p.actor), routeCell(p), mdCell(p.endpoint), mdCell(`${p.source}${extras(p)}`)]),
      ),
    );
    out.push('');
    return out;
  }
  out.push(
    ...table(
      ['Endpoint', ...m.actors.map(mdCell)],
      m.endpoints.map((e) => [
        mdCell(e),
        ...m.actors.map((a) => {
          const p = m.cell(a, e);
          return p ? routeCell(p) : '-';
        }),
      ]),
    ),
  );
  out.push('');
  out.push(
    ...table(
      ['Actor', 'Endpoint', 'Route', 'Decided by'],
      m.rows.flatMap((row) =>
        (row.uniform ? [row.paths[0]!] : row.paths).map((p) => [
          mdCell(row.actor),
          row.uniform ? 'every endpoint' : mdCell(p.endpoint),
          mdCell(routeWord(p)),
          mdCell(`${p.source}${extras(p)}`),
        ]),
      ),
    ),
  );
  out.push('');
  return out;
}

/** A fix sentence: prose escaped, the rule's `commands` kept as code spans. */
function fixText(s: string): string {
  // mdText trims, so the spaces between prose and a code span are put back ("again: `cmd` (an …").
  return inlineCode(oneLine(s))
    .map((seg) => (seg.code ? `\`${seg.text}\`` : `${/^\s/.test(seg.text) ? ' ' : ''}${mdText(seg.text)}${/\S\s+$/.test(seg.text) ? ' ' : ''}`))
    .join('');
}

function collection(report: Report): string[] {
  const steps = report.collection.steps;
  const sync = report.sync ?? [];
  if (steps.length === 0 && sync.length === 0) return [];
  const out = ['## Collection', ''];
  const bad = steps.filter((s) => s.status === 'failed' || s.status === 'timeout');
  if (bad.length) {
    out.push(`**${plural(bad.length, 'step')} of ${steps.length} did not complete:** the report holds what was collected.`);
    out.push('');
  }
  if (steps.length) {
    out.push(
      ...table(
        ['Step', 'Status', 'Duration', 'Error'],
        steps.map((s) => [
          mdCell(s.name),
          s.status === 'failed' || s.status === 'timeout' ? `**${s.status.toUpperCase()}**` : s.status,
          formatDuration(s.durationMs),
          s.error ? mdCell(s.error) : ' ',
        ]),
      ),
    );
    out.push('');
  }
  for (const c of sync) {
    if (!c.started) {
      out.push(`Sync cycle: not started${c.skippedReason ? ` (${mdText(c.skippedReason)})` : ''}.`);
      out.push('');
      continue;
    }
    out.push(`Sync cycle: ${c.policyType ? `${mdText(c.policyType)} ` : ''}started${c.result ? `, result ${mdText(c.result)}` : ''}.`);
    out.push('');
    if (c.runProfiles.length) {
      out.push(
        ...table(
          ['Connector', 'Run profile', 'Result', 'Start', 'End', 'Step errors'],
          c.runProfiles.map((r) => [
            mdCell(r.connector),
            mdCell(r.runProfile),
            mdCell(r.result),
            r.start ? mdCell(formatTime(r.start)) : ' ',
            r.end ? mdCell(formatTime(r.end)) : ' ',
            r.errors.length ? r.errors.map(mdCell).join('<br>') : ' ',
          ]),
        ),
      );
      out.push('');
    }
  }
  return out;
}

function inputs(report: Report): string[] {
  const list = report.inputs ?? [];
  if (list.length === 0) return [];
  return [
    `## Inputs read (${list.length})`,
    '',
    ...table(
      ['Path', 'Format', 'Size', 'Notes'],
      list.map((i) => [mdCell(i.path), mdCell(i.format), formatBytes(i.bytes), i.notes.length ? i.notes.map(mdCell).join('<br>') : ' ']),
    ),
    '',
    ...(omittedInputsLine(report) ? [`…and ${mdText(omittedInputsLine(report)!)}.`, ''] : []),
  ];
}

export function renderMarkdown(report: Report): string {
  const v = verdictLabel(report.verdict.code);
  const out: string[] = [];
  out.push('# Azure AD Connect proxy diagnosis');
  out.push('');
  out.push(`> **Verdict: ${mdText(v.label)}** (${code(report.verdict.code)})`);
  out.push('>');
  out.push(`> ${mdBlock(report.verdict.summary)}`);
  out.push('');
  const facts = [`**${findingCountsText(report.findings)}**`];
  if (report.summary) facts.push(plural(report.summary.records, 'record'), `${plural(report.summary.inputs, 'input')} read`);
  facts.push(`aadsync-diagnose ${mdText(report.tool.version)}`, `generated ${formatTime(report.generatedAt)}`);
  out.push(facts.join(' · '));
  out.push('');
  const s = report.server;
  if (s) {
    const parts: string[] = [];
    if (s.adsyncVersion) parts.push(`Azure AD Connect ${mdText(s.adsyncVersion)}`);
    if (s.serviceAccount) parts.push(`service account ${mdText(s.serviceAccount)}`);
    if (s.serviceStatus) parts.push(`service ${mdText(s.serviceStatus)}`);
    if (s.serviceStartTime) parts.push(`started ${mdText(formatTime(s.serviceStartTime))}`);
    if (s.stagingMode) parts.push('**staging mode**');
    if (s.schedulerSuspended) parts.push('**scheduler suspended**');
    if (parts.length) {
      out.push(`Server: ${parts.join(' · ')}`);
      out.push('');
    }
  }
  if (report.findings.length) {
    out.push('## Findings');
    out.push('');
    out.push(
      ...table(
        ['#', 'Severity', 'Code', 'Title', 'Route', 'Records'],
        report.findings.map((f, i) => [
          `[${i + 1}](#${findingAnchor(i, f.code)})`,
          SEVERITY_WORD[f.severity],
          code(f.code),
          mdCell(f.title),
          mdCell(f.route),
          String(recordCount(f)),
        ]),
      ),
    );
    out.push('');
    report.findings.forEach((f, i) => out.push(...finding(f, i, f.fix.length > 0)));
  }
  const fx = fixes(report);
  if (fx.length) {
    out.push('<a id="what-to-try-next"></a>');
    out.push('## What to try next');
    out.push('');
    out.push(...fx);
  }
  out.push(...matrix(report));
  out.push(...collection(report));
  out.push(...inputs(report));
  return out.join('\n').replace(/\s+$/, '') + '\n';
}
