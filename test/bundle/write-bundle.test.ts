import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { writeBundleZip } from '../../src/bundle/write-bundle.js';
import type { Report } from '../../src/model/report.js';
import { zipEntries } from '../../src/evidence/zip.js';
import { UsageError } from '../../src/model/errors.js';
import { secretForms } from '../redact/corpus.js';

const example = resolve(import.meta.dirname, '..', '..', 'examples', 'bundle-proxy-bypass');
/** The tool's own CNTLM advice (rules/codes/_shared.ts cntlmStep): must reach the zip's reports intact. */
const CNTLM_ADVICE =
  'If the proxy demands authentication the service cannot give (Basic only, or it rejects computer accounts), run CNTLM on this server as a local proxy: ' +
  'create the hash with `cntlm -H -u <user> -d <DOMAIN>` and put only the PassNTLMv2 line it prints into cntlm.ini (never a plain Password line), with `Proxy proxy.contoso.com:8080` and `Listen 127.0.0.1:3128`; ' +
  'then set proxyaddress="http://127.0.0.1:3128" in machine.config and `Restart-Service ADSync`.';
const SECRETS = ['FAKE-S3cret-B001', 'P@ssw0rd-FAKE-B002', 'FAKE-S3cret-B003', 'FAKE-S3cret-B004', 'FAKE-S3cret-B005'];

let work: string;
let bundle: string;
let out: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'bundle-test-'));
  bundle = join(work, 'collected');
  out = join(work, 'out');
  mkdirSync(out);
  cpSync(example, bundle, { recursive: true });
  rmSync(join(bundle, 'README.md'));
  // Seeded secrets where a real server has them.
  const mc = join(bundle, 'config', 'Framework64', 'machine.config');
  writeFileSync(
    mc,
    readFileSync(mc, 'utf8').replace('</configuration>', `<!-- old: <proxy proxyaddress="http://svc-proxy:${SECRETS[0]}@proxy.contoso.com:8080" /> -->\r\n</configuration>`),
  );
  // A UTF-16 LE file with a BOM, as Out-File writes it.
  writeFileSync(
    join(bundle, 'config', 'cntlm.ini'),
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`Username    svc-proxy\r\nDomain      CONTOSO\r\nPassword    ${SECRETS[1]}\r\nProxy       proxy.contoso.com:8080\r\n`, 'utf16le')]),
  );
  const manifest = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8'));
  manifest.steps.push({ name: 'probes-as-service', status: 'failed', durationMs: 30000, error: `Proxy-Authorization: Basic ${Buffer.from(`svc:${SECRETS[2]}`).toString('base64')} rejected by proxy.contoso.com` });
  writeFileSync(join(bundle, 'manifest.json'), JSON.stringify(manifest));
  // Outside the bundle: a symlink must not pull it in.
  writeFileSync(join(work, 'outside.txt'), `Password=${SECRETS[3]}; not part of the bundle`);
  symlinkSync(join(work, 'outside.txt'), join(bundle, 'config', 'linked.txt'));
  symlinkSync(work, join(bundle, 'linked-dir'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

async function readZip(path: string) {
  const files = new Map<string, Buffer>();
  for await (const e of zipEntries(path)) {
    const parts: Buffer[] = [];
    for await (const c of await e.open()) parts.push(c as Buffer);
    files.set(e.path, Buffer.concat(parts));
  }
  return files;
}

/** A report that quotes customer names and a secret as evidence, beside the tool's own words. */
const report: Report = {
  schemaVersion: 1,
  tool: { name: 'aadsync-diagnose', version: '0.0.0-test' },
  generatedAt: '2026-11-25T10:01:00Z',
  verdict: { code: 'proxy-bypassed', summary: 'AADC01.contoso.com went direct; proxy.contoso.com:8080 not used' },
  findings: [
    {
      code: 'proxy-auth-required',
      severity: 'error',
      route: 'proxy',
      confidence: 'high',
      title: 'The proxy demands authentication (407) the process did not give',
      explanation: 'On AADC01 as CONTOSO\\adm-jdoe the proxy proxy.contoso.com:8080 (10.20.30.40) answered 407.',
      evidence: [{ kind: 'text', source: 'collected/notes.txt', location: 'line 1', excerpt: `On AADC01 as CONTOSO\\adm-jdoe, client_secret=${SECRETS[4]}` }],
      fix: [CNTLM_ADVICE],
      references: [],
    },
  ],
  proxyPaths: [],
  collection: { steps: [] },
};
describe('writeBundleZip', () => {
  it('writes a redacted zip with a manifest of hashes, steps and counts, and the map beside it', async () => {
    const zipPath = join(out, 'aadsync-diagnose-AADC01-20261125T100100Z.zip');
    const res = await writeBundleZip(bundle, zipPath, { redact: true, report, outDir: out, now: new Date('2026-11-25T10:01:05Z') });
    expect(res.zipPath).toBe(zipPath);
    // Only the zip and the map in the output folder: no temporary file left.
    expect(readdirSync(out).sort()).toEqual(['aadsync-diagnose-AADC01-20261125T100100Z.zip', 'redaction-map.json']);

    const files = await readZip(zipPath);
    expect([...files.keys()].sort()).toEqual(
      [
        'config/Framework/machine.config',
        'config/Framework64/machine.config',
        'config/adsync.json',
        'config/cntlm.ini',
        'config/environment.json',
        'config/winhttp.txt',
        'config/wininet.json',
        'events/Application-Directory Synchronization.xml',
        'manifest.json',
        'probes/probes-admin.json',
        'report.html',
        'report.json',
        'report.md',
        'sync/cycle.json',
        'sync/run-profile-results.json',
        'traces/trace-20261124-154210.log',
      ].sort(),
    );
    expect(files.has('redaction-map.json')).toBe(false);

    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(manifest.schema).toBe('aadsync-diagnose/manifest@1');
    expect(manifest.host).toMatch(/^host-\d+$/);
    // Every file with the hash of the bytes inside the zip.
    expect(manifest.files.map((f: { path: string }) => f.path).sort()).toEqual([...files.keys()].filter((k) => k !== 'manifest.json').sort());
    for (const f of manifest.files) {
      const b = files.get(f.path)!;
      expect(f.sha256).toBe(createHash('sha256').update(b).digest('hex'));
      expect(f.bytes).toBe(b.length);
    }
    // Steps from the collector, errors redacted.
    expect(manifest.steps.map((s: { name: string; status: string }) => `${s.name}:${s.status}`)).toEqual([
      'preflight:ok', 'proxy-config:ok', 'sync-cycle:ok', 'events:ok', 'traces:ok', 'probes:ok', 'probes-as-service:failed',
    ]);
    expect(manifest.steps[6].error).toMatch(/^Proxy-Authorization: Basic \[REDACTED\] rejected by host-\d+\.domain-\d+\.example$/);
    expect(manifest.redaction.secrets).toBeGreaterThanOrEqual(4);
    expect(manifest.redaction.identities).toBeGreaterThan(10);
    expect(manifest.skipped).toEqual([
      { path: 'config/linked.txt', reason: 'symbolic link (not followed)' },
      { path: 'linked-dir', reason: 'symbolic link (not followed)' },
    ]);

    // UTF-16 LE stays UTF-16 LE with its BOM.
    const cntlm = files.get('config/cntlm.ini')!;
    expect([...cntlm.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(cntlm.subarray(2).toString('utf16le')).toMatch(
      /^Username    svc-proxy\r\nDomain      DOMAIN-1\r\nPassword    \[REDACTED\]\r\nProxy       host-\d+\.domain-1\.example:8080\r\n$/,
    );

    // Zero leaks: no seeded secret and no customer name in any byte of any file in the zip.
    const all = Buffer.concat([...files.values()]);
    for (const s of SECRETS) for (const f of secretForms(s)) expect(all.includes(f.bytes), `${s} ${f.form}`).toBe(false);
    for (const name of ['contoso', 'CONTOSO', 'AADC01', 'adm-jdoe', '3623811015', '10.20.30.40']) {
      expect(all.toString('latin1').toLowerCase().includes(name.toLowerCase()), name).toBe(false);
      expect(all.includes(Buffer.from(name, 'utf16le')), `${name} utf16`).toBe(false);
    }
    // The WinINET blob names the proxy in hex: rewritten too, and still a well-formed blob.
    const wininet = JSON.parse(files.get('config/wininet.json')!.toString('utf8'));
    const blob = Buffer.from(wininet.hives[0].defaultConnectionSettings, 'hex');
    const proxyLen = blob.readUInt32LE(12);
    expect(blob.subarray(16, 16 + proxyLen).toString('latin1')).toMatch(/^host-\d+\.domain-1\.example:8080$/);
    expect(blob.subarray(16 + proxyLen + 4).toString('latin1')).toContain('*.domain-');
    // Proxy diagnosis survives: Microsoft endpoints, ports, event ids.
    const events = files.get('events/Application-Directory Synchronization.xml')!.toString('utf8');
    expect(events).toContain("resolved: 'login.windows.net'");
    expect(events).toMatch(/<EventID[^>]*>906<\/EventID>/);

    // The map, beside the zip, reverses the tokens.
    const map = JSON.parse(readFileSync(join(out, 'redaction-map.json'), 'utf8'));
    const tokens = map.bundles['aadsync-diagnose-AADC01-20261125T100100Z.zip'].tokens;
    expect(tokens[manifest.host].toLowerCase()).toBe('aadc01');
    expect(tokens['domain-1.example']).toBe('contoso.com');
    expect(JSON.stringify(map)).not.toContain('FAKE');
  });

  it('the redacted zip gives the same diagnosis as the folder it came from', async () => {
    const { analyzePaths } = await import('../../src/analyze.js');
    const zipPath = join(out, 'c.zip');
    await writeBundleZip(bundle, zipPath, { redact: true });
    const fmt = { format: 'json' as const, color: false, quiet: true };
    const before = (await analyzePaths([bundle], fmt)).report;
    const after = (await analyzePaths([zipPath], fmt)).report;
    expect(after.verdict.code).toBe(before.verdict.code);
    expect(after.findings.map((f) => `${f.code}/${f.severity}/${f.route}`)).toEqual(before.findings.map((f) => `${f.code}/${f.severity}/${f.route}`));
    expect(before.verdict.code).toBe('proxy-bypassed');
  });

  it('--no-redact keeps identities, removes every secret, and writes no map', async () => {
    const zipPath = join(out, 'b.zip');
    const res = await writeBundleZip(bundle, zipPath, { redact: false, report });
    expect(res.mapPath).toBeNull();
    expect(readdirSync(out)).toEqual(['b.zip']);
    const files = await readZip(zipPath);
    const all = Buffer.concat([...files.values()]);
    for (const s of SECRETS) for (const f of secretForms(s)) expect(all.includes(f.bytes), `${s} ${f.form}`).toBe(false);
    expect(all.toString('latin1')).toContain('proxy.contoso.com:8080');
    expect(JSON.parse(files.get('manifest.json')!.toString()).host).toBe('AADC01');
  });

  it('a second bundle in the same folder keeps the first one\'s map', async () => {
    await writeBundleZip(bundle, join(out, 'first.zip'), { redact: true });
    await writeBundleZip(bundle, join(out, 'second.zip'), { redact: true });
    const map = JSON.parse(readFileSync(join(out, 'redaction-map.json'), 'utf8'));
    expect(Object.keys(map.bundles).sort()).toEqual(['first.zip', 'second.zip']);
  });

  it('refuses output paths with .., outside the output folder, or inside the bundle folder', async () => {
    await expect(writeBundleZip(bundle, `${out}/../escape.zip`, { redact: true })).rejects.toThrow(UsageError);
    await expect(writeBundleZip(bundle, `${out}\\..\\escape.zip`, { redact: true })).rejects.toThrow(/contains '\.\.'/);
    await expect(writeBundleZip(bundle, join(work, 'elsewhere.zip'), { redact: true, outDir: out })).rejects.toThrow(/outside the output folder/);
    await expect(writeBundleZip(bundle, join(bundle, 'self.zip'), { redact: true })).rejects.toThrow(/must not be inside the folder it packs/);
    expect(existsSync(join(work, 'escape.zip'))).toBe(false);
    expect(existsSync(join(work, 'elsewhere.zip'))).toBe(false);
    expect(readdirSync(out)).toEqual([]);
  });

  it('leaves no half-written file when writing fails', async () => {
    // The final name is taken by a folder: the rename fails after the zip was written.
    mkdirSync(join(out, 'taken.zip'));
    await expect(writeBundleZip(bundle, join(out, 'taken.zip'), { redact: true })).rejects.toThrow();
    expect(readdirSync(out)).toEqual(['taken.zip']);
    expect(readdirSync(join(out, 'taken.zip'))).toEqual([]);
  });
});

describe('the zip: file names are evidence, the reports keep the tool\'s words (issue 15 A2, B)', () => {
  it('a secret in a file name reaches no entry name, no manifest path, no report; two such names stay apart', async () => {
    const secretA = 'FAKE-S3cret-N001';
    const secretB = 'FAKE-S3cret-N002';
    writeFileSync(join(bundle, 'traces', `trace-20261125-Password=${secretA}.log`), '[12:00:00.000] [  1] [INFO ] x\r\n');
    writeFileSync(join(bundle, 'traces', `trace-20261125-Password=${secretB}.log`), '[12:00:00.000] [  1] [INFO ] y\r\n');
    writeFileSync(join(bundle, 'config', `svc:${secretA}@proxy.contoso.com.txt`), 'x\r\n');
    for (const redact of [true, false]) {
      const zipPath = join(out, `names-${redact}.zip`);
      await writeBundleZip(bundle, zipPath, { redact, report: { ...report, inputs: [{ path: `collected/traces/trace-20261125-Password=${secretA}.log`, format: 'trace-log', bytes: 1, notes: [] }] } });
      const files = await readZip(zipPath);
      const names = [...files.keys()];
      expect(names.join('\n')).not.toContain(secretA);
      expect(names.join('\n')).not.toContain(secretB);
      expect(names.filter((n) => n.startsWith('traces/trace-20261125-Password=')).sort()).toEqual([
        'traces/trace-20261125-Password=[REDACTED]-2.log',
        'traces/trace-20261125-Password=[REDACTED].log',
      ]);
      const all = Buffer.concat([...files.values()]);
      for (const s of [secretA, secretB]) for (const f of secretForms(s)) expect(all.includes(f.bytes), `${redact} ${s} ${f.form}`).toBe(false);
      const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
      expect(manifest.files.map((f: { path: string }) => f.path).sort()).toEqual(names.filter((n) => n !== 'manifest.json').sort());
    }
  });

  for (const redact of [true, false]) {
    it(`report.html, report.md and report.json keep the tool's own words and CSS (${redact ? 'redacted' : '--no-redact'})`, async () => {
      const zipPath = join(out, `words-${redact}.zip`);
      const res = await writeBundleZip(bundle, zipPath, { redact, report });
      const files = await readZip(zipPath);
      const html = files.get('report.html')!.toString('utf8');
      const md = files.get('report.md')!.toString('utf8');
      const json = JSON.parse(files.get('report.json')!.toString('utf8'));
      const { renderReport } = await import('../../src/report/render.js');
      // The page's style sheet is the renderer's, byte for byte: no class name became a token.
      const style = (h: string) => /<style>[\s\S]*?<\/style>/.exec(h)![0];
      expect(style(html)).toBe(style(renderReport(report, 'html', { color: false })));
      expect(html).toContain('.chip.info');
      // The advice survives (the proxy name in it is the customer's: a token when identities are redacted).
      const advice = redact ? CNTLM_ADVICE.replace('proxy.contoso.com', json.findings[0].fix[0].match(/Proxy (\S+):8080/)[1]) : CNTLM_ADVICE;
      expect(json.findings[0].fix[0]).toBe(advice);
      expect(md).toContain('put only the PassNTLMv2 line it prints into cntlm.ini (never a plain Password line)');
      expect(md).not.toContain('[REDACTED]<');
      // The evidence is redacted: the secret always, the names when asked.
      expect(json.findings[0].evidence[0].excerpt).toContain('client_secret=[REDACTED]');
      expect(JSON.stringify(json).includes('AADC01')).toBe(!redact);
      // No token in the map that is no customer value (CSS classes, the tool's words).
      if (res.mapPath) {
        const tokens = JSON.parse(readFileSync(res.mapPath, 'utf8')).bundles[`words-${redact}.zip`].tokens as Record<string, string>;
        for (const v of Object.values(tokens)) expect(v, v).not.toMatch(/^(?:chip|info|ok|error|warn|finding|lane|mark)\b/i);
      }
    });
  }
});
