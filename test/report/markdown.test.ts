import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/render.js';
import { mdBlock, mdFence, mdText } from '../../src/report/markdown.js';
import { bypassReport, hostileReport, HOSTILE_EXCERPT } from './fixtures.js';

/** Cells of a GFM table row: split on pipes that are not backslash-escaped. */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/);
}

/** Every table in the document: its header cell count and each row's cell count. */
function tables(md: string): { header: number; rows: number[]; text: string[] }[] {
  const out: { header: number; rows: number[]; text: string[] }[] = [];
  const lines = md.split('\n');
  let inFence = '';
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const fence = /^\s*(`{3,})/.exec(l);
    if (fence) {
      if (!inFence) inFence = fence[1]!;
      else if (l.trim() === inFence) inFence = '';
      continue;
    }
    if (inFence) continue;
    if (l.startsWith('|') && /^\|(---\|)+$/.test(lines[i + 1] ?? '')) {
      const t = { header: cells(l).length, rows: [] as number[], text: [] as string[] };
      let k = i + 2;
      while (lines[k]?.startsWith('|')) {
        t.rows.push(cells(lines[k]!).length);
        t.text.push(lines[k]!);
        k++;
      }
      out.push(t);
      i = k;
    }
  }
  return out;
}

/** The fenced blocks' contents. */
function fences(md: string): string[] {
  const out: string[] = [];
  const re = /^( *)(`{3,})[a-z]*\n([\s\S]*?)\n\1\2$/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(md)) !== null) out.push(m[3]!.split('\n').map((l) => l.slice(m![1]!.length)).join('\n'));
  return out;
}

describe('markdown report', () => {
  const md = renderReport(bypassReport(), 'markdown', { color: false });

  it('starts with a title and the verdict as a quote', () => {
    const lines = md.split('\n');
    expect(lines[0]).toBe('# Azure AD Connect proxy diagnosis');
    expect(lines[2]).toBe('> **Verdict: Proxy bypassed** (`proxy-bypassed`)');
    expect(lines[4]).toBe(`> ${bypassReport().verdict.summary}`);
  });

  it('has a findings table, a section per finding with evidence in fences, and numbered fix steps', () => {
    expect(md).toContain('| [1](#finding-1-proxy-bypass-dns) | Error | `proxy-bypass-dns` |');
    expect(md).toContain('### 1. Error: `proxy-bypass-dns` — The sync service looked up Azure AD names itself');
    expect(md).toContain('**Route:** direct · **Confidence:** high · **Records:** ×300, first 2026-11-25 09:12:03 UTC, last 09:58:12 UTC');
    expect(md).toContain('**event** · Application/Directory Synchronization/906 · record 47914 · 2026-11-25 09:12:03 UTC');
    expect(fences(md)).toContain(
      "GetSecurityToken: unable to retrieve a security token for the provisioning web service (AWS). The ECMA2 connector will be unable to connect to Azure AD.\n\nSystem.Net.WebException: The remote name could not be resolved: 'login.windows.net'\n   at System.Net.HttpWebRequest.GetRequestStream(TransportContext& context)\n   at Microsoft.IdentityModel.Clients.ActiveDirectory.Internal.Http.HttpClientWrapper.GetResponseAsync()",
    );
    const next = md.slice(md.indexOf('## What to try next'));
    expect(next).toMatch(/\n1\. Add the proxy to the \.NET machine\.config/);
    expect(next).toContain('\n   ```xml\n   <system.net>\n       <defaultProxy enabled="true" useDefaultCredentials="true">');
    expect(next).toContain('\n2. Restart the sync service so it reads machine.config again:\n\n   ```powershell\n   Restart-Service ADSync\n   ```');
    expect(next).toContain('- <https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-connectivity>');
  });

  it('has well-formed tables for the matrix, collection steps and inputs', () => {
    const ts = tables(md);
    expect(ts.length).toBeGreaterThanOrEqual(5);
    for (const t of ts) for (const r of t.rows) expect(r).toBe(t.header);
    expect(md).toContain('| login.microsoftonline.com | **DIRECT** | proxy proxy.contoso.com:8080 | **DIRECT** |');
    expect(md).toContain('| probes-as-service | **FAILED** | 30.0 s | Register-ScheduledTask: Access is denied. (0x80070005) |');
    expect(md).toContain('| events/Application.xml | event-xml | 9.4 MB | truncated after event 12 |');
  });

  it('keeps Windows paths and accounts readable (no needless backslashes)', () => {
    expect(md).toContain('service account NT SERVICE\\ADSync');
    expect(md).toContain('(C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\Config\\machine.config)');
  });
});

describe('markdown escaping', () => {
  const md = renderReport(hostileReport(), 'markdown', { color: false });

  it('does not let a | in evidence, titles, paths or notes break a table', () => {
    const ts = tables(md);
    expect(ts.length).toBeGreaterThanOrEqual(3);
    for (const t of ts) for (const r of t.rows) expect(r).toBe(t.header);
    expect(md).toContain('Proxy block page &lt;b onmouseover="window.\\_\\_pwned=\'title\'"&gt;instead of SOAP&lt;/b&gt; \\| table');
  });

  it('leaves no raw HTML from data outside code fences', () => {
    const outside = md.replace(/^( *)(`{3,})[a-z]*\n[\s\S]*?\n\1\2$/gm, '');
    expect(outside).not.toMatch(/<(script|img|svg|iframe|b)\b/i);
    // Our own anchors are the only tags.
    expect(outside.match(/<[a-z]+\b[^>]*>/gi)!.every((t) => /^<a id="[a-z0-9-]+">$/.test(t) || /^<https:\/\//.test(t) || t === '<br>')).toBe(true);
    // A javascript: reference is never a link.
    expect(md).not.toMatch(/\]\(javascript:/i);
    expect(md).not.toMatch(/<javascript:/i);
  });

  it('fences an excerpt that itself contains ``` with a longer fence, keeping it verbatim', () => {
    const excerptFence = fences(md).find((f) => f.includes('end fence'))!;
    expect(excerptFence).toBe(HOSTILE_EXCERPT.replace(/\u001b/g, '\\x1b').replace(/\u0007/g, '\\x07').replace(/\u202e/gi, '\\u202e'));
    expect(md).toMatch(/\n````text\n<script>/);
  });

  it('escapes the Markdown that would start emphasis, links or code', () => {
    expect(mdText('*bold* _it_ [link](javascript:x) `code` <b>')).toBe('\\*bold\\* \\_it\\_ \\[link\\](javascript:x) \\`code\\` &lt;b&gt;');
    expect(mdText('C:\\Windows\\*')).toBe('C:\\Windows\\\\\\*');
    expect(mdBlock('1. not a list')).toBe('1\\. not a list');
    expect(mdBlock('# not a heading')).toBe('\\# not a heading');
    expect(mdText('version 0.1.0')).toBe('version 0.1.0');
    expect(mdFence('a ```` b')[0]).toBe('`````text');
  });
});
