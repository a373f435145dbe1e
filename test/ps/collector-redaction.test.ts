// Issue 15 A6, the PowerShell-only path: a bundle written by ps/Invoke-AADSyncDiagnose.ps1 alone (a server
// without Node) holds no secret. The zero-leak corpus of test/redact/ (every shape, in plain, JSON,
// PowerShell 5.1 JSON, double JSON and XML-escaped spellings) is planted in wizard trace logs of every
// encoding a server writes, in an event, and a proxy password in every proxy layer the collector reads
// (WinINET ProxyServer and its DefaultConnectionSettings blob, netsh winhttp, HTTPS_PROXY,
// machine.config's proxyaddress, an appSettings value of miiserver.exe.config). The real collector runs
// against the simulator, in Full Language and in Constrained Language mode, and every byte of every file
// of the folder is searched for every spelling of every seeded secret. Identities stay, files keep their
// encoding, and the run ends by saying what may be attached.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, ps51JsonString, secretForms, xmlEscape, type Shape } from '../redact/corpus.js';
import { decodeExact, detectEncoding } from '../../src/evidence/decode.js';
import { repoRoot, requirePwsh, shouldRun } from './pwsh.js';

const rules = JSON.parse(readFileSync(join(repoRoot, 'schema', 'redaction-rules.json'), 'utf8')) as {
  rules: { pattern: string; options: string[]; replacement: string }[];
};

/** The rules file applied as its note says, in JavaScript: what the collector's .NET pass must give. */
function applyRules(text: string): string {
  let out = text;
  for (const r of rules.rules) {
    const flags = `g${r.options.includes('IgnoreCase') ? 'i' : ''}${r.options.includes('Multiline') ? 'm' : ''}`;
    out = out.replace(new RegExp(r.pattern, flags), r.replacement);
  }
  return out;
}

const wraps: [string, (l: string) => string][] = [
  ['plain', (l) => `2026-11-25 09:58:12 [ERROR] ${l}`],
  ['JSON', (l) => JSON.stringify({ message: l, other: 1 })],
  ['PowerShell 5.1 JSON', (l) => `{"StepErrors":[${ps51JsonString(l)}]}`],
  ['double JSON', (l) => JSON.stringify({ raw: JSON.stringify({ m: l }) })],
  ['XML-escaped', (l) => `<Event><EventData><Data>${xmlEscape(l)}</Data></EventData></Event>`],
];

const corpus = buildCorpus();
// The proxy layers' own seeds (obviously fake, one per place, so a leak names its place).
const SEEDS = {
  proxyServer: 'P@ssw0rd-FAKE-L001',
  blob: 'FAKE-S3cret-L002',
  netsh: 'FAKE-S3cret-L003',
  env: 'FAKE-S3cret-L004',
  machineConfig: 'FAKE-S3cret-L005',
  appSetting: 'FAKE-S3cret-L006',
  fileName: 'FAKE-S3cret-L007',
};
const USER_SID = 'S-1-5-21-3623811015-3361044348-30300820-1104';
const INET = `HKU\\${USER_SID}\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings`;
const NON_ASCII = 'Gr\u00f6\u00dfe der Warteschlange: 12 \u00e9l\u00e9ments';

/** The corpus document of one trace log: every shape in every spelling, one a line. */
function corpusText(): string {
  const lines = [`[09:12:01.114] [  1] [INFO ] ${NON_ASCII}`];
  for (const shape of corpus) for (const [, wrap] of wraps) lines.push(wrap(shape.line));
  return lines.join('\r\n') + '\r\n';
}

function utf16be(s: string): Buffer {
  const b = Buffer.from(s, 'utf16le');
  b.swap16();
  return b;
}

/** Trace logs planted in the scenario: file name -> bytes (and what the bundle must keep of them). */
function traces(): { name: string; bytes: Buffer; bom: number[]; encoding: string }[] {
  const t = corpusText();
  return [
    { name: 'trace-20261125-091201.log', bytes: Buffer.from(t, 'utf8'), bom: [], encoding: 'utf-8' },
    { name: 'trace-20261125-091301.log', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]), bom: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
    { name: 'trace-20261125-091401.log', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]), bom: [0xff, 0xfe], encoding: 'utf-16le' },
    { name: 'trace-20261125-091501.log', bytes: Buffer.from(t, 'utf16le'), bom: [], encoding: 'utf-16le' },
    { name: 'trace-20261125-091601.log', bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(t)]), bom: [0xfe, 0xff], encoding: 'utf-16be' },
    { name: 'trace-20261125-091701.log', bytes: Buffer.from(t, 'latin1'), bom: [], encoding: 'windows-1252' },
    { name: `trace-20261125-091801-Password=${SEEDS.fileName}.log`, bytes: Buffer.from('[09:18:01] nothing else\r\n', 'utf8'), bom: [], encoding: 'utf-8' },
  ];
}

function blobHex(proxy: string, bypass: string): string {
  const dword = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  return Buffer.concat([
    Buffer.from('460000000500000003000000', 'hex'),
    dword(proxy.length), Buffer.from(proxy, 'latin1'),
    dword(bypass.length), Buffer.from(bypass, 'latin1'),
    dword(0), Buffer.alloc(20),
  ]).toString('hex');
}

/** scenarios/proxy-auth with the seeds planted; returns the scenario folder. */
function seededScenario(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ps-redact-scn-'));
  cpSync(join(repoRoot, 'scenarios', 'proxy-auth'), dir, { recursive: true });
  const scn = JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8'));
  scn.registry[INET].ProxyServer = `svc-proxy:${SEEDS.proxyServer}@proxy.contoso.com:8080`;
  scn.registry[`${INET}\\Connections`] = { DefaultConnectionSettings: { hex: blobHex(`svc-proxy:${SEEDS.blob}@proxy.contoso.com:8080`, '*.contoso.com;<local>') } };
  scn.environment.machine = { HTTPS_PROXY: `http://svc-proxy:${SEEDS.env}@proxy.contoso.com:3128` };
  const aad = join(dir, 'fs', 'C', 'ProgramData', 'AADConnect');
  for (const t of traces()) {
    writeFileSync(join(aad, t.name), t.bytes);
    scn.fileTimes[`C:\\ProgramData\\AADConnect\\${t.name}`] = '2026-11-25T09:20:00Z';
  }
  writeFileSync(join(dir, 'scenario.json'), JSON.stringify(scn, null, 2));
  writeFileSync(join(dir, 'netsh-winhttp.txt'), `\r\nCurrent WinHTTP proxy settings:\r\n\r\n    Proxy Server(s) :  svc-proxy:${SEEDS.netsh}@proxy.contoso.com:8080\r\n    Bypass List     :  <local>\r\n\r\n`);
  const mc = join(dir, 'fs', 'C', 'Windows', 'Microsoft.NET', 'Framework64', 'v4.0.30319', 'Config', 'machine.config');
  writeFileSync(mc, readFileSync(mc, 'utf8').replace('proxyaddress="http://proxy.contoso.com:8080"', `proxyaddress="http://svc-proxy:${SEEDS.machineConfig}@proxy.contoso.com:8080"`));
  const mii = join(dir, 'fs', 'C', 'Program Files', 'Microsoft Azure AD Sync', 'Bin', 'miiserver.exe.config');
  writeFileSync(mii, readFileSync(mii, 'utf8').replace('</configuration>', `  <appSettings>\r\n    <add key="ProxyPassword" value="${SEEDS.appSetting}" />\r\n  </appSettings>\r\n</configuration>`));
  // One event of the window per shape, its data the shape's line (XML-escaped, as the event log gives it).
  const evFile = join(dir, 'events', 'Application.xml');
  const events = corpus.map((s, i) =>
    `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Directory Synchronization'/><EventID Qualifiers='0'>6900</EventID><Version>0</Version><Level>2</Level><Task>0</Task><Opcode>0</Opcode><Keywords>0x80000000000000</Keywords><TimeCreated SystemTime='2026-11-25T09:40:${String(i).padStart(2, '0')}.0000000Z'/><EventRecordID>${49000 + i}</EventRecordID><Correlation/><Execution ProcessID='4242' ThreadID='0'/><Channel>Application</Channel><Computer>AADC01.contoso.com</Computer><Security/></System><EventData><Data>${xmlEscape(s.line)}</Data></EventData></Event>`,
  );
  writeFileSync(evFile, readFileSync(evFile, 'utf8').replace('</Events>', `${events.join('\n')}\n</Events>`));
  return dir;
}

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? allFiles(join(dir, n)) : [join(dir, n)]));
}

/** Base64 blobs of a shape's line that carry its secret (Basic, NTLM, JWT payloads). */
function encodedArtefacts(shape: Shape): string[] {
  const out: string[] = [];
  for (const m of shape.line.matchAll(/[A-Za-z0-9+/_-]{16,}={0,2}/g)) {
    for (const enc of ['base64', 'base64url'] as const) {
      if (Buffer.from(m[0], enc).toString('latin1').includes(shape.secret)) out.push(m[0]);
    }
  }
  return out;
}

/** Every seeded secret found, in any spelling and in UTF-8 or UTF-16, in any file of the folder (or its names). */
function leaks(bundle: string): string[] {
  const found: string[] = [];
  const secrets: { name: string; secret: string; artefacts: string[] }[] = [
    ...corpus.map((s) => ({ name: s.name, secret: s.secret, artefacts: encodedArtefacts(s) })),
    ...Object.entries(SEEDS).map(([name, secret]) => ({ name, secret, artefacts: [] })),
  ];
  for (const file of allFiles(bundle)) {
    const rel = relative(bundle, file);
    const bytes = Buffer.concat([readFileSync(file), Buffer.from(rel, 'utf8')]);
    for (const s of secrets) {
      for (const f of secretForms(s.secret)) if (bytes.includes(f.bytes)) found.push(`${rel}: ${s.name} (${f.form})`);
      for (const a of s.artefacts) {
        if (bytes.includes(Buffer.from(a, 'utf8')) || bytes.includes(Buffer.from(a, 'utf16le'))) found.push(`${rel}: ${s.name} (encoded ${a.slice(0, 12)}...)`);
      }
    }
  }
  return found;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  bundle: string;
}

function collect(constrained: boolean): Run {
  const scn = seededScenario();
  const out = mkdtempSync(join(tmpdir(), 'ps-redact-out-'));
  const bundle = join(out, 'bundle');
  const entry = join(repoRoot, 'ps', 'Invoke-AADSyncDiagnose.ps1');
  const args = ['-OutDir', bundle, '-SimulationPath', scn, '-StepTimeoutSeconds', '120'];
  let r;
  if (!constrained) {
    r = spawnSync(requirePwsh(), ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', entry, ...args], { encoding: 'utf8', timeout: 240_000 });
  } else {
    // Constrained Language as AppLocker/WDAC gives it to an untrusted script (as in
    // test/scenarios/run-simulate.test.ts): the simulator, standing in for the trusted OS and ADSync,
    // is loaded in Full Language; then the session is switched and the real collector runs.
    const wrapper = join(out, 'as-constrained-language.ps1');
    writeFileSync(wrapper, [
      "Import-Module (Join-Path (Split-Path -Parent $env:AADSYNC_TEST_TARGET) 'simulator/AADSyncSimulator.psm1')",
      "$ExecutionContext.SessionState.LanguageMode = 'ConstrainedLanguage'",
      '& $env:AADSYNC_TEST_TARGET @args',
      'exit $LASTEXITCODE',
    ].join('\n'));
    r = spawnSync(requirePwsh(), ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', wrapper, ...args], {
      encoding: 'utf8',
      timeout: 240_000,
      env: { ...process.env, AADSYNC_TEST_TARGET: entry },
    });
  }
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, bundle };
}

function manifest(run: Run): any {
  return JSON.parse(readFileSync(join(run.bundle, 'manifest.json'), 'utf8'));
}

const bundleTrace = (run: Run, name: string) => readFileSync(join(run.bundle, 'traces', name));

describe.runIf(shouldRun('the PowerShell-only path under pwsh'))('the PowerShell-only path writes no secret (issue 15 A6)', () => {
  let full: Run;
  let clm: Run;
  beforeAll(() => {
    requirePwsh();
    full = collect(false);
    clm = collect(true);
  }, 600_000);

  it('Full Language: no seeded secret in any file or file name, in any spelling or encoding', () => {
    expect(full.code, full.stderr).toBe(0);
    expect(manifest(full).options).toMatchObject({ languageMode: 'FullLanguage', runner: 'runspace' });
    expect(allFiles(full.bundle).filter((f) => f.includes('trace-')).length).toBe(traces().length);
    expect(leaks(full.bundle)).toEqual([]);
  });

  it('Constrained Language: no seeded secret either', () => {
    expect(clm.code, clm.stderr).toBe(0);
    expect(manifest(clm).options).toMatchObject({ languageMode: 'ConstrainedLanguage', runner: 'sequential' });
    expect(allFiles(clm.bundle).filter((f) => f.includes('trace-')).length).toBe(traces().length);
    expect(leaks(clm.bundle)).toEqual([]);
  });

  it('cuts user:password@ to user:[REDACTED]@ in every proxy layer; identities and the blob layout stay', () => {
    for (const run of [full, clm]) {
      const w = JSON.parse(readFileSync(join(run.bundle, 'config', 'wininet.json'), 'utf8'));
      const me = w.hives.find((h: any) => h.hive === 'current-user');
      expect(me.user).toBe('CONTOSO\\admin');
      expect(me.values.ProxyServer).toBe('svc-proxy:[REDACTED]@proxy.contoso.com:8080');
      expect(me.defaultConnectionSettings).toBe(blobHex('svc-proxy:[REDACTED]@proxy.contoso.com:8080', '*.contoso.com;<local>'));
      expect(readFileSync(join(run.bundle, 'config', 'winhttp.txt'), 'utf8')).toContain('Proxy Server(s) :  svc-proxy:[REDACTED]@proxy.contoso.com:8080');
      const env = JSON.parse(readFileSync(join(run.bundle, 'config', 'environment.json'), 'utf8'));
      expect(env.variables).toEqual([{ scope: 'machine', name: 'HTTPS_PROXY', value: 'http://svc-proxy:[REDACTED]@proxy.contoso.com:3128' }]);
      expect(readFileSync(join(run.bundle, 'config', 'Framework64', 'machine.config'), 'utf8')).toContain('proxyaddress="http://svc-proxy:[REDACTED]@proxy.contoso.com:8080"');
      expect(readFileSync(join(run.bundle, 'config', 'miiserver.exe.config'), 'utf8')).toContain('<add key="ProxyPassword" value="[REDACTED]" />');
      // A file without secrets is the server's file, byte for byte.
      expect(readFileSync(join(run.bundle, 'config', 'Framework', 'machine.config'))).toEqual(
        readFileSync(join(repoRoot, 'scenarios', 'proxy-auth', 'fs', 'C', 'Windows', 'Microsoft.NET', 'Framework', 'v4.0.30319', 'Config', 'machine.config')),
      );
      expect(readdirSync(join(run.bundle, 'traces'))).toContain('trace-20261125-091801-Password__REDACTED_.log');
    }
  });

  it('keeps every event whole: a header value that runs to the end of its line takes no markup with it', () => {
    for (const run of [full, clm]) {
      const xml = readFileSync(join(run.bundle, 'events', 'Application-Directory Synchronization.xml'), 'utf8');
      const opened = xml.match(/<Event[ >]/g)?.length ?? 0;
      expect(opened).toBeGreaterThanOrEqual(corpus.length);
      expect(xml.match(/<\/Event>/g)?.length).toBe(opened);
      expect(xml.match(/<Data>/g)?.length).toBe(xml.match(/<\/Data>/g)?.length);
      expect(xml).toContain('Proxy-Authorization: [REDACTED]</Data>');
    }
  });

  it('Full Language: each trace log keeps its encoding and BOM, and its text is the rules file applied to it', () => {
    const original = corpusText();
    for (const t of traces().slice(0, 6)) {
      const out = bundleTrace(full, t.name);
      expect([...out.subarray(0, t.bom.length)], t.name).toEqual(t.bom);
      const guess = detectEncoding(out);
      expect(guess.encoding, t.name).toBe(t.encoding);
      const text = decodeExact(out, guess).text;
      expect(text, t.name).toContain(NON_ASCII);
      // .NET's pass over the whole text gives exactly what the same rules give in JavaScript.
      expect(text === applyRules(original), t.name).toBe(true);
    }
  });

  it('Constrained Language: the same encodings; a UTF-16 file without a BOM gains one (Set-Content cannot write it without)', () => {
    const original = corpusText();
    for (const t of traces().slice(0, 6)) {
      const out = bundleTrace(clm, t.name);
      const bom = t.name === 'trace-20261125-091501.log' ? [0xff, 0xfe] : t.bom;
      expect([...out.subarray(0, bom.length)], t.name).toEqual(bom);
      const guess = detectEncoding(out);
      expect(guess.encoding, t.name).toBe(t.encoding);
      expect(decodeExact(out, guess).text === applyRules(original), t.name).toBe(true);
    }
  });

  it('counts what it removed in manifest.json (collectorRedaction), per file, never the values', () => {
    for (const run of [full, clm]) {
      const m = manifest(run);
      expect(m.redaction).toBeNull();
      const c = m.collectorRedaction;
      expect(c.rules).toBe('aadsync-diagnose/redaction-rules@1');
      expect(c.ruleCount).toBe(rules.rules.length);
      expect(c.identities).toBe('kept');
      const files = Object.fromEntries(c.files.map((f: any) => [f.path, f.secrets]));
      expect(c.secrets).toBe(Object.values(files).reduce((a: number, b: any) => a + b, 0));
      expect(files['config/wininet.json']).toBe(2);
      expect(files['config/winhttp.txt']).toBe(1);
      expect(files['config/environment.json']).toBe(1);
      expect(files['config/Framework64/machine.config']).toBe(1);
      expect(files['config/miiserver.exe.config']).toBe(1);
      // Every line of the corpus holds at least one secret.
      expect(files['traces/trace-20261125-091301.log']).toBeGreaterThanOrEqual(corpus.length * wraps.length);
      expect(files['events/Application-Directory Synchronization.xml']).toBeGreaterThanOrEqual(corpus.length);
      expect(JSON.stringify(m)).not.toContain('FAKE');
    }
  });

  it('ends by saying the folder keeps identities, is not to be attached as it is, and how to get what is', () => {
    for (const run of [full, clm]) {
      const secrets = manifest(run).collectorRedaction.secrets;
      expect(run.stdout).toContain(`bundle folder: ${run.bundle} (secrets removed: ${secrets}; identities kept: user, host and domain names)`);
      expect(run.stdout).toContain('not to be attached to a ticket as it is. For a report that is safe to attach, copy the folder to a machine with aadsync-diagnose and run:');
      expect(run.stdout).toContain(`  aadsync-diagnose analyze "${run.bundle}" --redact --format markdown`);
    }
  });

  it('the analyzer reads the redacted folder to the same diagnosis (dist/cli.js analyze)', () => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'analyze', full.bundle, '--json'], { encoding: 'utf8', timeout: 120_000 });
    const report = JSON.parse(r.stdout);
    expect(report.verdict.code).toBe('proxy-rejected');
    expect(report.findings.map((f: any) => f.code)).toContain('proxy-auth-required');
  });

  it('refuses to collect without the rules (ps\\ copied alone): exit 2, one line, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ps-alone-'));
    cpSync(join(repoRoot, 'ps'), join(dir, 'ps'), { recursive: true });
    const bundle = join(dir, 'bundle');
    const r = spawnSync(requirePwsh(), ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(dir, 'ps', 'Invoke-AADSyncDiagnose.ps1'), '-OutDir', bundle, '-Sync', 'None', '-SimulationPath', join(repoRoot, 'scenarios', 'healthy')], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/the redaction rules \(schema\/redaction-rules\.json\) were not found beside the module; nothing was collected/);
    expect(existsSync(bundle)).toBe(false);
  });
});
