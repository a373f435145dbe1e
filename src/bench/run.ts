// `npm run bench`: the tool's analyze against the baselines admins and developers use today,
// on the same generated inputs, in the same run. Not part of `npm test`.
//   node dist/bench/run.js [--quick] [--json] [--out <dir>] [--case <name>]...
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync, createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, totalmem } from 'node:os';
import { writeEventExport, writeTraceLog } from './generate.js';

const MB = 1024 * 1024;
const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, '../..');

interface Measure {
  mbPerS: number;
  eventsPerS?: number;
  peakRssMb?: number;
  note?: string;
}
interface Case {
  name: string;
  file: string;
  bytes: number;
  events: number;
  tool: Measure & { findings?: string[] };
  baselines: Record<string, Measure | null>;
}

function args(): { quick: boolean; json: boolean; out: string; only: string[] } {
  const a = process.argv.slice(2);
  const only: string[] = [];
  let out = join(repo, 'bench-out');
  for (let i = 0; i < a.length; i++) if (a[i] === '--case') only.push(a[++i]!);
  const o = a.indexOf('--out');
  if (o >= 0 && a[o + 1]) out = resolve(a[o + 1]!);
  return { quick: a.includes('--quick'), json: a.includes('--json'), out, only };
}

function progress(msg: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${msg}`);
  else process.stderr.write(`${msg}\n`);
}

function child(mode: string, file: string, cap?: number): { ms: number; maxRssMb: number; bytes: number; events: number; findings?: string[]; error?: string } {
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', join(here, 'child.js'), mode, file, ...(cap ? [String(cap)] : [])], {
    encoding: 'utf8',
    maxBuffer: 16 * MB,
  });
  const line = (r.stdout || '').trim().split('\n').pop() || '{}';
  try {
    return JSON.parse(line);
  } catch {
    return { ms: 0, maxRssMb: 0, bytes: 0, events: 0, error: (r.stderr || 'no output').split('\n')[0] };
  }
}

function pwshPath(): string | null {
  for (const p of [join(repo, '.tools/pwsh/pwsh'), '/usr/bin/pwsh']) if (existsSync(p)) return p;
  return null;
}

function selectString(file: string): Measure | null {
  const pwsh = pwshPath();
  if (!pwsh) return null;
  const bytes = statSync(file).size;
  const r = spawnSync(pwsh, ['-NoProfile', '-NonInteractive', '-File', join(repo, 'bench/select-string.ps1'), '-Path', file], { encoding: 'utf8', maxBuffer: 16 * MB });
  try {
    const j = JSON.parse(r.stdout.trim().split('\n').pop()!);
    return { mbPerS: bytes / MB / (j.ms / 1000) };
  } catch {
    return { mbPerS: 0, note: `Select-String failed: ${(r.stderr || '').split('\n')[0]}` };
  }
}

function grep(file: string): Measure {
  const bytes = statSync(file).size;
  const t0 = performance.now();
  spawnSync('grep', ['-c', 'could not be resolved', file], { encoding: 'utf8' });
  return { mbPerS: bytes / MB / ((performance.now() - t0) / 1000) };
}

function measureXmlCase(name: string, file: string, events: number, capForTreeParsers: number): Case {
  const bytes = statSync(file).size;
  progress(`${name}: aadsync-diagnose analyze`);
  const t = child('tool', file);
  const tool = {
    mbPerS: t.ms ? bytes / MB / (t.ms / 1000) : 0,
    eventsPerS: t.ms ? t.events / (t.ms / 1000) : 0,
    peakRssMb: Math.round(t.maxRssMb),
    findings: t.findings,
    ...(t.error ? { note: t.error } : {}),
  };
  const baselines: Record<string, Measure | null> = {};
  for (const mode of ['xml2js', 'saxes-tree'] as const) {
    progress(`${name}: ${mode} (first ${Math.round(capForTreeParsers / MB)} MB)`);
    const b = child(mode, file, capForTreeParsers);
    baselines[mode === 'saxes-tree' ? 'saxes' : 'xml2js'] = b.error
      ? { mbPerS: 0, note: b.error }
      : { mbPerS: b.bytes / MB / (b.ms / 1000), peakRssMb: Math.round(b.maxRssMb), note: `whole-document parse of the first ${Math.round(b.bytes / MB)} MB (a V8 string cannot hold more)` };
  }
  progress(`${name}: Select-String`);
  baselines.selectString = selectString(file);
  progress(`${name}: grep -c`);
  baselines.grep = grep(file);
  return { name, file, bytes, events, tool, baselines };
}

async function ensure(file: string, make: () => Promise<unknown>): Promise<void> {
  if (existsSync(file) && existsSync(file + '.done')) return;
  await make();
  writeFileSync(file + '.done', '');
}

async function main(): Promise<void> {
  const o = args();
  const scale = o.quick ? 0.1 : 1;
  mkdirSync(o.out, { recursive: true });
  const cases: Case[] = [];
  const want = (n: string) => o.only.length === 0 || o.only.some((x) => n.includes(x));
  const treeCap = Math.min(256 * MB, Math.round(1024 * MB * scale));

  if (want('mixed-application-log')) {
    const f = join(o.out, `mixed-application-log-${scale}.xml`);
    let meta = { events: 0 };
    progress('generating the mixed Application log');
    await ensure(f, async () => {
      meta = await writeEventExport(f, Math.round(1024 * MB * scale), 0.02, 42);
      writeFileSync(f + '.json', JSON.stringify(meta));
    });
    meta = JSON.parse(readFileSync(f + '.json', 'utf8'));
    cases.push(measureXmlCase('mixed-application-log', f, meta.events, treeCap));
  }
  if (want('adsync-events')) {
    const f = join(o.out, `adsync-events-${scale}.xml`);
    progress('generating the Azure AD Connect event export');
    // ~200k events of ~1.1 KB each.
    await ensure(f, async () => writeFileSync(f + '.json', JSON.stringify(await writeEventExport(f, Math.round(230 * MB * scale), 1, 43))));
    const meta = JSON.parse(readFileSync(f + '.json', 'utf8'));
    cases.push(measureXmlCase('adsync-events', f, meta.events, treeCap));
  }
  if (want('wizard-trace')) {
    const f = join(o.out, `trace-20261125-093000-${scale}.log`);
    progress('generating the wizard trace log');
    await ensure(f, async () => writeFileSync(f + '.json', JSON.stringify(await writeTraceLog(f, Math.round(500 * MB * scale), 7))));
    const bytes = statSync(f).size;
    progress('wizard-trace: aadsync-diagnose analyze');
    const t = child('tool', f);
    cases.push({
      name: 'wizard-trace',
      file: f,
      bytes,
      events: t.events,
      tool: { mbPerS: bytes / MB / (t.ms / 1000), eventsPerS: t.events / (t.ms / 1000), peakRssMb: Math.round(t.maxRssMb), findings: t.findings, ...(t.error ? { note: t.error } : {}) },
      baselines: { xml2js: null, saxes: null, selectString: selectString(f), grep: grep(f) },
    });
  }
  if (want('bundle-zip')) {
    const f = join(o.out, `bundle-${scale}.zip`);
    progress('generating the bundle zip');
    await ensure(f, async () => {
      const { ZipFile } = await import('yazl');
      const ev = join(o.out, `bundle-events-${scale}.xml`);
      await writeEventExport(ev, Math.round(60 * MB * scale), 0.3, 44);
      const zip = new ZipFile();
      zip.addFile(ev, 'events/Application-Directory Synchronization.xml');
      zip.addBuffer(Buffer.from('Current WinHTTP proxy settings:\r\n\r\n    Direct access (no proxy server).\r\n\r\n'), 'config/winhttp.txt');
      zip.end();
      const out = createWriteStream(f);
      zip.outputStream.pipe(out);
      await once(out, 'finish');
    });
    const bytes = statSync(f).size;
    progress('bundle-zip: aadsync-diagnose analyze');
    const t = child('tool', f);
    cases.push({
      name: 'bundle-zip',
      file: f,
      bytes,
      events: t.events,
      tool: { mbPerS: bytes / MB / (t.ms / 1000), eventsPerS: t.events / (t.ms / 1000), peakRssMb: Math.round(t.maxRssMb), findings: t.findings, ...(t.error ? { note: t.error } : {}) },
      baselines: { xml2js: null, saxes: null, selectString: null, grep: null },
    });
  }
  if (want('evtx')) {
    const evtxBench = join(here, 'evtx.js');
    if (existsSync(evtxBench)) {
      progress('evtx: reader vs evtxexport and evtx_dump.py');
      const r = spawnSync(process.execPath, [evtxBench, '--json', ...(o.quick ? ['--quick'] : []), '--out', o.out], { encoding: 'utf8', maxBuffer: 16 * MB });
      try {
        const j = JSON.parse(r.stdout.trim().split('\n').pop()!);
        for (const c of Array.isArray(j.cases) ? j.cases : [j]) cases.push(c);
      } catch {
        process.stderr.write(`evtx bench failed: ${(r.stderr || '').split('\n')[0]}\n`);
      }
    }
  }
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');

  const doc = {
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version },
    quick: o.quick,
    cases: cases.map((c) => ({ ...c, file: undefined })),
  };
  if (o.json) {
    process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
    return;
  }
  const f = (m: Measure | null | undefined) => (m ? `${m.mbPerS.toFixed(1)}` : '-');
  const rows = [['case', 'MB', 'events', 'tool MB/s', 'events/s', 'peak MB', 'xml2js', 'saxes tree', 'Select-String', 'grep -c']];
  for (const c of cases) {
    rows.push([
      c.name,
      (c.bytes / MB).toFixed(0),
      String(c.events),
      c.tool.mbPerS.toFixed(1),
      Math.round(c.tool.eventsPerS ?? 0).toString(),
      String(c.tool.peakRssMb ?? '-'),
      f(c.baselines.xml2js),
      f(c.baselines.saxes),
      f(c.baselines.selectString),
      f(c.baselines.grep),
    ]);
  }
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  process.stdout.write(rows.map((r) => r.map((x, i) => (i === 0 ? x.padEnd(w[i]!) : x.padStart(w[i]!))).join('  ')).join('\n') + '\n');
  process.stdout.write(`(baselines in MB/s; ${doc.machine.cpus} × ${doc.machine.cpu}, Node ${doc.machine.node})\n`);
  for (const c of cases) if (c.tool.note) process.stdout.write(`${c.name}: ${c.tool.note}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
});
