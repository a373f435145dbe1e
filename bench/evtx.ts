// Throughput of the .evtx reader against evtxexport (libevtx-utils) and evtx_dump.py (python3-evtx)
// on the same files in the same run, with peak RSS of each (each reader runs in its own process).
//
//   node dist-bench/evtx.js [--size-mb 64] [--source <file.evtx>] [--no-python]
//
// The large file is made from the valid chunks of a sample, repeated, with a fixed-up file header
// (chunk count, last chunk, next record id, checksum), so every reader reads every chunk. python-evtx
// runs on the original sample only (it reads about 1 MB/s; the large file would take minutes).
// Exported `benchEvtx` for the bench runner (`npm run bench`).
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { builtTool, REPO } from './tool.js';

// A public sample kept in the repository (test/fixtures/evtx-samples/README.md: omerbenamram/evtx, MIT).
const DEFAULT_SOURCE = join(REPO, 'test', 'fixtures', 'evtx-samples', 'security.evtx');

export interface BenchRow {
  reader: string;
  file: string;
  mb: number;
  seconds: number;
  mbPerSecond: number;
  peakRssMb: number;
  records?: number;
  note?: string;
}

/** Writes `targetMb` of chunks copied from `source` (its ElfChnk chunks, in order, repeated). */
export function makeLargeEvtx(source: string, target: string, targetMb: number): void {
  const src = readFileSync(source);
  const chunks: Buffer[] = [];
  for (let off = 4096; off + 65536 <= src.length; off += 65536) {
    const c = src.subarray(off, off + 65536);
    if (c.toString('latin1', 0, 8) === 'ElfChnk\0') chunks.push(c);
  }
  if (chunks.length === 0) throw new Error(`${source}: no chunks`);
  const count = Math.min(65535, Math.max(1, Math.floor((targetMb * 1024 * 1024) / 65536)));
  const header = Buffer.from(src.subarray(0, 4096));
  header.writeBigUInt64LE(0n, 8); // first chunk
  header.writeBigUInt64LE(BigInt(count - 1), 16); // last chunk
  header.writeBigUInt64LE(BigInt(count * 1000 + 1), 24); // next record id (ids repeat; readers do not care)
  header.writeUInt16LE(count, 42);
  header.writeUInt32LE(0, 120); // clean, not full
  header.writeUInt32LE(crc32(header.subarray(0, 120)), 124);
  const fd = openSync(target, 'w');
  try {
    writeSync(fd, header);
    for (let i = 0; i < count; i++) writeSync(fd, chunks[i % chunks.length]!);
  } finally {
    closeSync(fd);
  }
}

function measure(cmd: string, args: string[]): Promise<{ seconds: number; peakRssMb: number; stdout: string }> {
  // python3 wraps the command to read the child's peak RSS (getrusage RUSAGE_CHILDREN, in KiB).
  const wrapper =
    'import resource,subprocess,sys,time\n' +
    't=time.perf_counter()\n' +
    'p=subprocess.run(sys.argv[1:],stdout=subprocess.PIPE,stderr=subprocess.DEVNULL)\n' +
    'e=time.perf_counter()-t\n' +
    'tail=p.stdout[-2000:].decode("utf-8","replace")\n' +
    'print(e, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n' +
    'print(tail)\n';
  return new Promise((res, rej) => {
    const child = spawn('python3', ['-c', wrapper, cmd, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', rej);
    child.on('close', () => {
      const [first, ...rest] = out.split('\n');
      const [s, kb] = (first ?? '').split(' ').map(Number);
      res({ seconds: s ?? NaN, peakRssMb: (kb ?? NaN) / 1024, stdout: rest.join('\n') });
    });
  });
}

function hasTool(name: string): boolean {
  return (process.env.PATH ?? '').split(':').some((d) => existsSync(join(d, name)));
}

/** Our reader (the built one, dist/) in this process (the child side of --child). */
async function childRun(file: string): Promise<void> {
  const { readEvtx } = await builtTool.evtx(); // loaded before the clock starts, as a static import was
  const t = process.hrtime.bigint();
  let n = 0;
  const read = readEvtx(file);
  for await (const e of read) if (e.recordId >= 0) n++;
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  process.stdout.write(JSON.stringify({ records: n, seconds: s, maxRssKb: process.resourceUsage().maxRSS }) + '\n');
}

async function ours(file: string): Promise<BenchRow> {
  const r = await measure(process.execPath, [fileURLToPath(import.meta.url), '--child', file]);
  const j = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { records: number; seconds: number; maxRssKb: number };
  const mb = statSync(file).size / 1024 / 1024;
  // Throughput from the reader's own clock (excludes Node start-up, ~40 ms); RSS of the whole process.
  return { reader: 'aadsync-diagnose readEvtx', file, mb, seconds: j.seconds, mbPerSecond: mb / j.seconds, peakRssMb: r.peakRssMb, records: j.records };
}

async function tool(reader: 'evtxexport' | 'evtx_dump.py', file: string): Promise<BenchRow> {
  const args = reader === 'evtxexport' ? ['-f', 'xml', file] : [file];
  const r = await measure(reader, args);
  const mb = statSync(file).size / 1024 / 1024;
  return { reader, file, mb, seconds: r.seconds, mbPerSecond: mb / r.seconds, peakRssMb: r.peakRssMb, note: 'includes process start and XML output to a pipe' };
}

export async function benchEvtx(opts: { sizeMb?: number; source?: string; python?: boolean } = {}): Promise<BenchRow[]> {
  const source = opts.source ?? DEFAULT_SOURCE;
  const dir = mkdtempSync(join(tmpdir(), 'evtx-bench-'));
  const big = join(dir, 'large.evtx');
  const rows: BenchRow[] = [];
  try {
    makeLargeEvtx(source, big, opts.sizeMb ?? 64);
    rows.push(await ours(source));
    if (hasTool('evtxexport')) rows.push(await tool('evtxexport', source));
    if (opts.python !== false && hasTool('evtx_dump.py')) rows.push(await tool('evtx_dump.py', source));
    rows.push(await ours(big));
    if (hasTool('evtxexport')) rows.push(await tool('evtxexport', big));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

export function formatRows(rows: BenchRow[]): string {
  const lines = ['reader                       file            MB      s     MB/s  peak RSS MB  records'];
  for (const r of rows) {
    lines.push(
      `${r.reader.padEnd(28)} ${r.file.split('/').pop()!.padEnd(14).slice(0, 14)} ${r.mb.toFixed(1).padStart(6)} ${r.seconds.toFixed(2).padStart(6)} ${r.mbPerSecond.toFixed(1).padStart(8)} ${r.peakRssMb.toFixed(0).padStart(12)}  ${r.records ?? ''}`,
    );
  }
  return lines.join('\n');
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--child') return childRun(argv[1]!);
  const sizeAt = argv.indexOf('--size-mb');
  const sourceAt = argv.indexOf('--source');
  const rows = await benchEvtx({
    sizeMb: sizeAt >= 0 ? Number(argv[sizeAt + 1]) : undefined,
    source: sourceAt >= 0 ? argv[sourceAt + 1] : undefined,
    python: !argv.includes('--no-python'),
  });
  process.stdout.write(formatRows(rows) + '\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`bench evtx: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
