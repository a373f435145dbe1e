// The support-bundle ZIP of docs/report-contract.md, from the folder the collector (`run`) left behind.
//
// - Every file is redacted on the way in (secrets always; identities unless --no-redact), keeping its
//   encoding (UTF-16 LE stays UTF-16 LE with its BOM). File names are evidence too: every zip entry
//   name (and so manifest.json's list) is redacted, a secret in a file name never reaches the zip.
// - The reports are rendered INSIDE the zip writer from the report object, after its evidence was
//   redacted with the zip's own redactor (src/redact/report.ts): the tool's words, the HTML's markup
//   and CSS never pass the redactor, and the tokens are the same as in the files.
// - manifest.json lists every file with the SHA-256 of the bytes INSIDE the zip, every collection
//   step (from the collector's manifest.json), and redaction counts, never values.
// - redaction-map.json (token -> original) is written BESIDE the zip, never inside it.
// - Nothing is written outside the zip's folder: `..` in the output path is refused, symlinks in the
//   bundle folder are not followed (listed as skipped), and the zip is written to a temporary name in
//   the same folder and renamed at the end, so a failure leaves no half-written zip.
// - Memory does not grow with file size: files above STREAM_THRESHOLD_BYTES are read, learned from
//   and redacted in pieces cut at line boundaries (stream-text.ts) and streamed into their zip entry;
//   smaller files are redacted whole, one at a time, and no file is kept between the two passes.
import { lstat, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { createReadStream, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createHash, randomBytes } from 'node:crypto';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import yazl from 'yazl';
import { UsageError } from '../model/errors.js';
import { createRedactor, type Redactor, type RedactionCounts } from '../redact/index.js';
import { decodeExact } from '../evidence/decode.js';
import { TOOL_VERSION } from '../version.js';
import type { Report } from '../model/report.js';
import { redactReport } from '../redact/report.js';
import { renderReport } from '../report/render.js';
import { ownWords } from '../report/own-words.js';
import { buildManifest, parseCollectorManifest, type BundleManifest, type BundleManifestFile } from './manifest.js';
import { redactLargeFile, scanLargeFile, STREAM_THRESHOLD_BYTES, type StreamEncoding } from './stream-text.js';

export interface WriteBundleOptions {
  /** Replace identities by tokens (default). False = --no-redact: identities kept, secrets removed. */
  redact: boolean;
  /** The report to put in the zip as report.json, report.md and report.html (its evidence redacted first). */
  report?: Report;
  /** The folder the user chose (`run --out`); the zip must be inside it. Default: the zip's folder. */
  outDir?: string;
  now?: Date;
  toolVersion?: string;
  /** An existing redactor to share tokens with (e.g. the one that redacted the printed report). */
  redactor?: Redactor;
}

export interface WriteBundleResult {
  zipPath: string;
  /** SHA-256 of the zip file as written, lowercase hex. */
  sha256: string;
  /** Where the map was written, or null with --no-redact (nothing to map). */
  mapPath: string | null;
  counts: RedactionCounts;
  manifest: BundleManifest;
}

const REPORT_NAMES = { json: 'report.json', markdown: 'report.md', html: 'report.html' } as const;
/** The collector's manifest is replaced by ours; a stray map must never travel inside a zip. */
const NEVER_COPIED = new Set(['manifest.json', 'redaction-map.json']);

/** Checks the output path; returns the absolute zip path and its folder. */
export function checkOutputPath(zipPath: string, outDir?: string): { zip: string; dir: string } {
  if (zipPath.split(/[\\/]+/).includes('..')) throw new UsageError(`--out: '${zipPath}' contains '..': give the folder directly`);
  if (!/\.zip$/i.test(zipPath)) throw new UsageError(`--out: '${zipPath}' must end in .zip`);
  const zip = resolve(zipPath);
  const dir = dirname(zip);
  if (outDir !== undefined) {
    if (outDir.split(/[\\/]+/).includes('..')) throw new UsageError(`--out: '${outDir}' contains '..': give the folder directly`);
    const rel = relative(resolve(outDir), zip);
    if (rel === '' || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) {
      throw new UsageError(`the bundle '${zipPath}' would be written outside the output folder '${outDir}'`);
    }
  }
  return { zip, dir };
}

interface FoundFile {
  rel: string;
  abs: string;
  mtime: Date;
  size: number;
}

/** Regular files under root, without following symlinks; anything else is listed as skipped. */
async function walk(root: string): Promise<{ files: FoundFile[]; skipped: { path: string; reason: string }[] }> {
  const files: FoundFile[] = [];
  const skipped: { path: string; reason: string }[] = [];
  const visit = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const abs = join(dir, e.name);
      const rel = relative(root, abs).split(sep).join('/');
      const st = await lstat(abs);
      if (st.isSymbolicLink()) skipped.push({ path: rel, reason: 'symbolic link (not followed)' });
      else if (st.isDirectory()) await visit(abs);
      else if (st.isFile()) files.push({ rel, abs, mtime: st.mtime, size: st.size });
      else skipped.push({ path: rel, reason: 'not a regular file' });
    }
  };
  await visit(root);
  return { files, skipped };
}

/**
 * A redacted entry name that no other entry has: two files whose names differed only in a secret
 * (`trace-Password=a.log`, `trace-Password=b.log`) both become `trace-Password=[REDACTED].log`; the
 * second gets `-2` before its extension.
 */
function entryName(name: string, taken: Set<string>): string {
  let n = name;
  for (let i = 2; taken.has(n.toLowerCase()); i++) n = name.replace(/(\.[A-Za-z0-9]{1,8})?$/, (ext) => `-${i}${ext}`);
  taken.add(n.toLowerCase());
  return n;
}

async function fileSha256(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

/** Identities named in the collector's structured files: learned before any file is redacted. */
function learnFromStructured(r: Redactor, rel: string, text: string): void {
  let v: unknown;
  try {
    v = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return;
  }
  const users: string[] = [];
  const hosts: string[] = [];
  const walkJson = (x: unknown, key: string) => {
    if (typeof x === 'string') {
      if (/^(user|account|serviceAccount)$/i.test(key) && x.includes('\\')) users.push(x);
      if (/^(host|computer|computerName|machineName)$/i.test(key)) hosts.push(x);
    } else if (Array.isArray(x)) x.forEach((y) => walkJson(y, key));
    else if (x && typeof x === 'object') for (const [k, y] of Object.entries(x)) walkJson(y, k);
  };
  walkJson(v, '');
  if (rel === 'manifest.json' || users.length > 0 || hosts.length > 0) r.learnIdentities({ users, hosts });
}

/**
 * Writes the support-bundle zip at `zipPath` from the collector's folder `bundleDir`, and
 * `redaction-map.json` beside it. Throws UsageError for a bad output path, and leaves nothing
 * behind when it fails.
 */
export async function writeBundleZip(bundleDir: string, zipPath: string, opts: WriteBundleOptions): Promise<WriteBundleResult> {
  const { zip, dir } = checkOutputPath(zipPath, opts.outDir);
  const root = resolve(bundleDir);
  const rootStat = await lstat(root).catch(() => null);
  if (!rootStat || !rootStat.isDirectory()) throw new UsageError(`bundle folder '${bundleDir}' does not exist or is not a folder`);
  const relZip = relative(root, zip);
  if (!isAbsolute(relZip) && relZip !== '..' && !relZip.startsWith(`..${sep}`)) {
    throw new UsageError(`the bundle zip '${zipPath}' must not be inside the folder it packs ('${bundleDir}')`);
  }

  const r = opts.redactor ?? createRedactor({ identities: opts.redact });
  const now = opts.now ?? new Date();
  const { files, skipped } = await walk(root);

  // Pass 1: learn every identity first, so a name first seen in the last file is redacted in all.
  // Nothing is kept for pass 2 (a small file is read again, a large one streamed again): memory holds
  // one small file or one piece of a large one at a time, whatever the bundle's size.
  const largeEncodings = new Map<string, StreamEncoding>();
  let collectorManifest: string | null = null;
  for (const f of files) {
    if (f.size > STREAM_THRESHOLD_BYTES && f.rel !== 'manifest.json') {
      // Structured learning (learnFromStructured) needs the whole JSON; a large file is learned from
      // as text only.
      largeEncodings.set(f.rel, await scanLargeFile(f.abs, opts.redact ? (t) => r.learn(t) : null));
      continue;
    }
    const buf = await readFile(f.abs);
    if (f.rel === 'manifest.json') collectorManifest = buf.toString('utf8');
    if (!opts.redact) continue;
    // The same sniffer and decoding as pass 2 and the readers (src/evidence/decode.ts).
    const text = decodeExact(buf).text;
    if (/\.json$/i.test(f.rel)) learnFromStructured(r, f.rel, text);
    r.learn(text);
  }

  // Pass 2: redact into the zip, hashing what goes in. The zip is written to a temporary name in the
  // same folder as it is produced, then renamed: no half-written zip at the final name.
  const reportNames = new Set<string>(opts.report ? Object.values(REPORT_NAMES) : []);
  const zipfile = new yazl.ZipFile();
  const listed: BundleManifestFile[] = [];
  let manifest: BundleManifest;
  let zipHash = '';
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(zip)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const ws = createWriteStream(tmp, { flags: 'wx', mode: 0o600 });
  try {
    // A failing output (a full disk) also ends the wait for an entry: it must not hang the run.
    const outputFailed = new Promise<never>((_res, rej) => {
      ws.on('error', rej);
      zipfile.outputStream.on('error', rej);
      zipfile.on('error', rej);
    });
    outputFailed.catch(() => undefined);
    const closed = new Promise<void>((res) => ws.on('close', res));
    zipfile.outputStream.pipe(ws);

    /** One entry from a stream of bytes; resolves when the zip has taken them all (one entry at a time). */
    const addStream = async (rel: string, source: Iterable<Buffer> | AsyncIterable<Buffer>, mtime: Date) => {
      const entry: BundleManifestFile = { path: rel, bytes: 0, sha256: '' };
      listed.push(entry);
      const hash = createHash('sha256');
      const hashed = async function* () {
        for await (const b of source) {
          hash.update(b);
          entry.bytes += b.length;
          yield b;
        }
      };
      const rs = Readable.from(hashed());
      const taken = new Promise<void>((res, rej) => {
        rs.on('end', res);
        rs.on('error', rej);
      });
      zipfile.addReadStream(rs, rel, { mtime, mode: 0o100644 });
      await Promise.race([taken, outputFailed]);
      entry.sha256 = hash.digest('hex');
    };
    const add = (rel: string, data: Buffer, mtime: Date) => {
      zipfile.addBuffer(data, rel, { mtime, mode: 0o100644 });
      listed.push({ path: rel, bytes: data.length, sha256: sha256(data) });
    };

    const names = new Set<string>([...reportNames, 'manifest.json'].map((n) => n.toLowerCase()));
    for (const f of files) {
      if (NEVER_COPIED.has(f.rel) || reportNames.has(f.rel)) continue;
      const name = entryName(r.path(f.rel), names);
      const enc = largeEncodings.get(f.rel);
      if (enc) await addStream(name, redactLargeFile(f.abs, enc, (t) => r.text(t)), f.mtime);
      else await addStream(name, [r.bytes(await readFile(f.abs))], f.mtime);
    }
    if (opts.report) {
      const report = redactReport(opts.report, r, { ownWords: ownWords() });
      for (const k of Object.keys(REPORT_NAMES) as (keyof typeof REPORT_NAMES)[]) {
        add(REPORT_NAMES[k], Buffer.from(renderReport(report, k, { color: false }), 'utf8'), now);
      }
    }
    manifest = buildManifest({
      collector: parseCollectorManifest(collectorManifest),
      toolVersion: opts.toolVersion ?? TOOL_VERSION,
      files: listed,
      skipped,
      redactor: r,
      now,
    });
    zipfile.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8'), 'manifest.json', { mtime: now, mode: 0o100644 });
    zipfile.end();
    await Promise.race([closed, outputFailed]);

    const fh = await open(tmp, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    zipHash = await fileSha256(tmp);
    await rename(tmp, zip);
  } catch (err) {
    if (!ws.closed) await new Promise<void>((res) => ws.destroy().once('close', () => res()));
    await rm(tmp, { force: true });
    throw err;
  }

  let mapPath: string | null = null;
  if (opts.redact) mapPath = await writeRedactionMap(dir, basename(zip), r.map(), now);
  return { zipPath: zip, sha256: zipHash, mapPath, counts: r.counts(), manifest };
}

/**
 * `redaction-map.json` beside the zip: one entry per bundle name, so a second bundle written to the
 * same folder does not lose the map of the first. Readable by the owner only.
 */
async function writeRedactionMap(dir: string, zipName: string, map: Record<string, string>, now: Date): Promise<string> {
  const path = join(dir, 'redaction-map.json');
  let bundles: Record<string, unknown> = {};
  try {
    const st = await lstat(path);
    if (st.isFile()) {
      const prev = JSON.parse(await readFile(path, 'utf8')) as { bundles?: Record<string, unknown> };
      if (prev && typeof prev.bundles === 'object' && prev.bundles !== null) bundles = prev.bundles;
    }
  } catch {
    bundles = {};
  }
  bundles[zipName] = { writtenAt: now.toISOString(), tokens: map };
  const body = JSON.stringify(
    {
      schema: 'aadsync-diagnose/redaction-map@1',
      note: 'Keep this file on the server. It turns the tokens in the support bundle back into names; never send it with the bundle.',
      bundles,
    },
    null,
    2,
  );
  const tmp = join(dir, `.redaction-map.json.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(body + '\n', 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return path;
}
