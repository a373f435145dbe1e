// Large bundle files stream through redaction into the zip (stream-text.ts): the same redacted text as
// the whole-file path, no seeded secret or customer name in the zip, the manifest's hash of the bytes
// inside the zip, and a process that packs a ~150 MB bundle stays under 150 MB of RSS.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { writeBundleZip } from '../../src/bundle/write-bundle.js';
import { PIECE_CHARS, READ_BLOCK_BYTES, STREAM_THRESHOLD_BYTES } from '../../src/bundle/stream-text.js';
import { createRedactor } from '../../src/redact/index.js';
import { zipEntries } from '../../src/evidence/zip.js';
import { CUSTOMER_NAMES, FAKE_MARKERS, identitySeedText, writeBigEventXml } from './big-events.js';

const EVENTS = 'events/Application-Directory Synchronization.xml';
const distWriter = fileURLToPath(new URL('../../dist/bundle/write-bundle.js', import.meta.url));

async function readZip(path: string) {
  const files = new Map<string, Buffer>();
  // Generated test data compresses far better than real logs: the zip-bomb ratio check is lifted.
  for await (const e of zipEntries(path, { limits: { maxRatio: 1e9 } })) {
    const parts: Buffer[] = [];
    for await (const c of await e.open()) parts.push(c as Buffer);
    files.set(e.path, Buffer.concat(parts));
  }
  return files;
}

describe('writeBundleZip, a 40 MB UTF-16 LE event export', () => {
  let work: string;
  let bundle: string;
  let file: ReturnType<typeof writeBigEventXml>;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'bundle-large-'));
    bundle = join(work, 'collected');
    mkdirSync(join(bundle, 'events'), { recursive: true });
    file = writeBigEventXml(join(bundle, EVENTS), 40 * 1024 * 1024, { pieceChars: PIECE_CHARS, blockBytes: READ_BLOCK_BYTES });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('redacts it in pieces to the same text as the whole-file path, with no seeded secret or name left', async () => {
    expect(file.bytes).toBeGreaterThan(STREAM_THRESHOLD_BYTES * 8);
    // A secret or a surrogate pair across every block boundary and every naive piece boundary (but
    // where the two fall within one event).
    const boundaries = Math.floor(file.bytes / READ_BLOCK_BYTES) + Math.floor(file.bytes / 2 / PIECE_CHARS);
    expect(file.straddles).toBeGreaterThan(boundaries * 0.85);

    // Token numbers follow first use; both redactors get every identity's token first (the late host
    // excepted: only the file names it), so the two outputs must be equal byte for byte.
    const streamed = createRedactor({ identities: true });
    const whole = createRedactor({ identities: true });
    streamed.text(identitySeedText());
    whole.text(identitySeedText());

    const zipPath = join(work, 'out', 'large.zip');
    mkdirSync(join(work, 'out'), { recursive: true });
    const res = await writeBundleZip(bundle, zipPath, { redact: true, redactor: streamed, now: new Date('2026-11-25T10:01:05Z') });
    const files = await readZip(zipPath);
    const entry = files.get(EVENTS)!;

    const raw = readFileSync(join(bundle, EVENTS));
    whole.learn(raw.subarray(2).toString('utf16le'));
    const expected = whole.bytes(raw);
    expect([...entry.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const got = entry.subarray(2).toString('utf16le');
    const want = expected.subarray(2).toString('utf16le');
    if (got !== want) {
      let d = 0;
      while (got[d] === want[d]) d++;
      expect(got.slice(d - 200, d + 200), `first difference at character ${d}`).toBe(want.slice(d - 200, d + 200));
    }
    expect(entry.equals(expected)).toBe(true);
    expect(res.counts).toEqual(whole.counts());

    for (const m of FAKE_MARKERS) {
      expect(got.includes(m), m).toBe(false);
      expect(entry.includes(Buffer.from(m, 'latin1')), `${m} as bytes`).toBe(false);
    }
    for (const n of CUSTOMER_NAMES) expect(got.toLowerCase().includes(n.toLowerCase()), n).toBe(false);
    // The redaction kept what the diagnosis reads.
    expect(got).toContain('<EventID Qualifiers=\'0\'>906</EventID>');
    expect(got).toContain('\u{1F600}');
    expect(got.split('\r\n<Event ').length - 1).toBe(file.events);

    // The manifest lists the streamed entry with the hash and size of its bytes in the zip.
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    const listed = manifest.files.find((f: { path: string }) => f.path === EVENTS);
    expect(listed).toEqual({ path: EVENTS, bytes: entry.length, sha256: createHash('sha256').update(entry).digest('hex') });
  }, 300_000);
});

describe('writeBundleZip, large UTF-8 and non-UTF-8 files', () => {
  it('keeps multi-byte characters split across reads, and the bytes of a latin1 file', async () => {
    const work = mkdtempSync(join(tmpdir(), 'bundle-utf8-'));
    try {
      const bundle = join(work, 'collected');
      mkdirSync(join(bundle, 'traces'), { recursive: true });
      // Lines of odd byte lengths with 2-, 3- and 4-byte characters: read blocks end inside them.
      const lines: string[] = [];
      for (let i = 0; lines.length < 60_000; i++) lines.push(`[${i}] caf\u00e9 \u20ac\u{1F600} svc-aadc@contoso.com Password=FAKE-S3cret-u${i} ${'x'.repeat(i % 7)}\r\n`);
      const utf8 = Buffer.from(lines.join(''), 'utf8');
      writeFileSync(join(bundle, 'traces', 'utf8.log'), utf8);
      // Not UTF-8 (a Windows-1252 log): latin1, every byte kept where nothing is redacted.
      const ansi = Buffer.alloc(6 * 1024 * 1024, 'ok \xe9t\xe9 line\r\n', 'latin1');
      writeFileSync(join(bundle, 'traces', 'ansi.log'), ansi);
      expect(utf8.length).toBeGreaterThan(STREAM_THRESHOLD_BYTES);

      const zipPath = join(work, 'out', 'u.zip');
      await writeBundleZip(bundle, zipPath, { redact: true, redactor: createRedactor({ identities: true }) });
      const files = await readZip(zipPath);
      const whole = createRedactor({ identities: true });
      whole.learn(utf8.toString('utf8'));
      expect(files.get('traces/utf8.log')!.equals(whole.bytes(utf8))).toBe(true);
      expect(files.get('traces/utf8.log')!.toString('utf8')).not.toContain('FAKE');
      expect(files.get('traces/ansi.log')!.equals(ansi)).toBe(true);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('writeBundleZip memory', () => {
  it.runIf(process.platform === 'linux')('packs a ~150 MB bundle in a process whose peak RSS stays under 150 MB', () => {
    const work = mkdtempSync(join(tmpdir(), 'bundle-rss-'));
    try {
      const bundle = join(work, 'collected');
      mkdirSync(join(bundle, 'events'), { recursive: true });
      mkdirSync(join(bundle, 'traces'), { recursive: true });
      const big = writeBigEventXml(join(bundle, EVENTS), 140 * 1024 * 1024, { pieceChars: PIECE_CHARS, blockBytes: READ_BLOCK_BYTES });
      // A UTF-8 trace log above the threshold and small files on the whole-file path.
      const line = '[15:42:10.010] [  1] [INFO ] proxy.contoso.com:8080 answered 407 to svc-aadc@contoso.com, Password=FAKE-S3cret-T\r\n';
      writeFileSync(join(bundle, 'traces', 'trace-20261124-154210.log'), line.repeat(Math.ceil((10 * 1024 * 1024) / line.length)));
      writeFileSync(join(bundle, 'manifest.json'), JSON.stringify({ host: 'AADC01', steps: [{ name: 'events', status: 'ok', durationMs: 1 }] }));
      writeFileSync(join(bundle, 'events', 'small.xml'), '<Events><Event><Computer>AADC01.contoso.local</Computer></Event></Events>');
      expect(big.bytes).toBeGreaterThan(140 * 1024 * 1024 - 4096);

      // The CLI runs the built code: dist/ is built by the test run's global setup. The peak is the
      // child's own VmHWM: getrusage's maxRSS (process.resourceUsage) carries over the RSS of the
      // forked copy of this test worker across exec, which is already over 150 MB here.
      const script = `
        const { writeBundleZip } = await import(${JSON.stringify(pathToFileURL(distWriter).href)});
        const { readFileSync } = await import('node:fs');
        const res = await writeBundleZip(process.argv[1], process.argv[2], { redact: true });
        const hwm = /^VmHWM:\\s+(\\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
        console.log(JSON.stringify({ maxRssKb: Number(hwm[1]), files: res.manifest.files.length, secrets: res.counts.secrets }));
      `;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, bundle, join(work, 'out', 'b.zip')], { encoding: 'utf8', timeout: 280_000 });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const res = JSON.parse(r.stdout) as { maxRssKb: number; files: number; secrets: number };
      expect(res.files).toBe(3);
      expect(res.secrets).toBeGreaterThan(4 * big.events);
      expect(res.maxRssKb / 1024, 'peak RSS in MB').toBeLessThan(150);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 300_000);
});
