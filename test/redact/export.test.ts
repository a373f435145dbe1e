// Issue 15 A6: the secret rules as data, for the PowerShell collector that runs where Node does not
// (schema/redaction-rules.json, generated from src/redact/secrets.ts). The file is what the rules say;
// applied alone, in JavaScript and in .NET (pwsh, when installed), it removes every seeded secret of
// the zero-leak corpus in every text spelling, and leaves prose and the tool's advice alone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportRedactionRules, type ExportedRules } from '../../src/redact/export.js';
import { buildCorpus, ps51JsonString, secretForms, xmlEscape, type Shape } from './corpus.js';
import { pwsh, repoRoot } from '../ps/pwsh.js';

const file = join(repoRoot, 'schema', 'redaction-rules.json');
const rules = JSON.parse(readFileSync(file, 'utf8')) as ExportedRules;

/** What a consumer does with the file: every rule, in order, Regex.Replace semantics. */
function applyJs(text: string, data: ExportedRules = rules): string {
  let out = text;
  for (const r of data.rules) {
    const flags = `g${r.options.includes('IgnoreCase') ? 'i' : ''}${r.options.includes('Multiline') ? 'm' : ''}`;
    out = out.replace(new RegExp(r.pattern, flags), r.replacement);
  }
  return out;
}

const wraps: [string, (l: string) => string][] = [
  ['plain', (l) => `2026-11-25 09:58:12 [ERROR] ${l}\r\nnext line`],
  ['JSON', (l) => JSON.stringify({ message: l, other: 1 })],
  ['PowerShell 5.1 JSON', (l) => `{"StepErrors":[${ps51JsonString(l)}]}`],
  ['double JSON', (l) => JSON.stringify({ raw: JSON.stringify({ m: l }) })],
  ['XML-escaped', (l) => `<Event><EventData><Data>${xmlEscape(l)}</Data></EventData></Event>`],
];

function leaks(out: string, shape: Shape): string[] {
  const b = Buffer.from(out, 'utf8');
  const found = secretForms(shape.secret).filter((f) => f.form.endsWith('(utf8)') && b.includes(f.bytes)).map((f) => f.form);
  // Base64 blobs in the input that carry the secret (Basic, NTLM, JWT payloads) must be gone too.
  for (const m of shape.line.matchAll(/[A-Za-z0-9+/_-]{16,}={0,2}/g)) {
    for (const enc of ['base64', 'base64url'] as const) {
      if (Buffer.from(m[0], enc).toString('latin1').includes(shape.secret) && out.includes(m[0])) found.push(`blob ${m[0].slice(0, 12)}`);
    }
  }
  return found;
}

describe('schema/redaction-rules.json', () => {
  it('is what src/redact/secrets.ts says (regenerate with npm run build && node scripts/gen-redaction-rules.mjs)', () => {
    expect(rules).toEqual(exportRedactionRules());
    expect(rules.rules.length).toBeGreaterThan(30);
  });

  it('alone removes every seeded secret of the corpus, in every text spelling (JavaScript)', () => {
    const failures: string[] = [];
    for (const shape of buildCorpus()) {
      for (const [name, wrap] of wraps) {
        const l = leaks(applyJs(wrap(shape.line)), shape);
        if (l.length) failures.push(`${shape.name} / ${name}: ${l.join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('leaves prose, the tool\'s advice, host names and codes alone', () => {
    for (const s of [
      'put only the PassNTLMv2 line it prints into cntlm.ini (never a plain Password line), with `Proxy proxy.contoso.com:8080`',
      'Password reset failed for the user; Password writeback: disabled',
      "GetSecurityToken: unable to retrieve a security token. The remote name could not be resolved: 'login.windows.net' 11001",
      'ProxyServer=proxy.contoso.com:8080;ProxyOverride=*.contoso.com;<local>',
      'The proxy requires NTLM authentication (407)',
    ]) {
      expect(applyJs(s), s).toBe(s);
    }
  });

  it.runIf(pwsh !== null)('alone removes every seeded secret in .NET too (pwsh, Regex.Replace)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'redaction-rules-'));
    const shapes = buildCorpus();
    const inputs = shapes.flatMap((shape) => wraps.map(([, wrap]) => wrap(shape.line)));
    writeFileSync(join(dir, 'in.json'), JSON.stringify(inputs));
    const script = `
      $ErrorActionPreference = 'Stop'
      $data = Get-Content -Raw -LiteralPath '${file}' | ConvertFrom-Json
      $texts = Get-Content -Raw -LiteralPath '${join(dir, 'in.json')}' | ConvertFrom-Json
      $out = foreach ($t in $texts) {
        $s = [string]$t
        foreach ($r in $data.rules) {
          $o = [System.Text.RegularExpressions.RegexOptions]::None
          foreach ($n in $r.options) { $o = $o -bor [System.Text.RegularExpressions.RegexOptions]$n }
          $s = [System.Text.RegularExpressions.Regex]::Replace($s, $r.pattern, $r.replacement, $o)
        }
        $s
      }
      [System.IO.File]::WriteAllText('${join(dir, 'out.json')}', (ConvertTo-Json -InputObject @($out) -Compress), [System.Text.UTF8Encoding]::new($false))
    `;
    const r = spawnSync(pwsh!, ['-NoProfile', '-NonInteractive', '-Command', script], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const outputs = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as string[];
    expect(outputs).toHaveLength(inputs.length);
    const failures: string[] = [];
    shapes.forEach((shape, i) => {
      wraps.forEach(([name], j) => {
        const l = leaks(outputs[i * wraps.length + j]!, shape);
        if (l.length) failures.push(`${shape.name} / ${name}: ${l.join(', ')}`);
      });
    });
    expect(failures).toEqual([]);
  }, 150_000);
});
