import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, readdirSync, existsSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import yazl from 'yazl';
import { zipEntries, ZipEntryError, type ZipNote, type ZipInputEntry, type ZipEntriesOptions } from '../../src/evidence/zip.js';
import { InputError } from '../../src/model/errors.js';
import { buildZip, fileEntry, zeroBombDeflate, type RawEntry } from './build-zip.js';

let root: string;
let savedTmp: string | undefined;
let privateTmp: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'zip-test-'));
  // Anything the reader might write "to temp" would land here: the tests assert it stays empty.
  privateTmp = join(root, 'tmp');
  mkdirSync(privateTmp);
  savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = privateTmp;
});
afterAll(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  rmSync(root, { recursive: true, force: true });
});

let n = 0;
/** Writes the zip alone in a fresh folder, so any file appearing beside it is a write we made. */
function place(buf: Buffer, name = 'input.zip'): { zip: string; dir: string } {
  const dir = join(root, `case-${++n}`, 'inner', 'deeper');
  mkdirSync(dir, { recursive: true });
  const zip = join(dir, name);
  writeFileSync(zip, buf);
  return { zip, dir };
}

async function readAll(s: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

async function collect(zip: string, opts: ZipEntriesOptions = {}) {
  const notes: ZipNote[] = [];
  const entries: ZipInputEntry[] = [];
  const contents = new Map<string, Buffer>();
  const errors = new Map<string, Error>();
  for await (const e of zipEntries(zip, { ...opts, onNote: (x) => notes.push(x) })) {
    entries.push(e);
    try {
      contents.set(e.path, await readAll(await e.open()));
    } catch (err) {
      errors.set(e.path, err as Error);
    }
  }
  return { notes, entries, contents, errors };
}

/** Every file and folder under dir, relative. */
function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const ent of readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      out.push(r);
      if (ent.isDirectory()) walk(join(d, ent.name), r);
    }
  };
  walk(dir, '');
  return out.sort();
}

function assertNothingWritten(dir: string, zipName = 'input.zip') {
  expect(readdirSync(dir)).toEqual([zipName]);
  expect(readdirSync(privateTmp)).toEqual([]);
}

function yazlZip(files: [string, Buffer | string, boolean?][]): Promise<Buffer> {
  return new Promise((res, rej) => {
    const z = new yazl.ZipFile();
    for (const [name, data, compress] of files) {
      z.addBuffer(Buffer.isBuffer(data) ? data : Buffer.from(data), name, { compress: compress ?? true });
    }
    z.end();
    readAll(z.outputStream as unknown as NodeJS.ReadableStream).then(res, rej);
  });
}

describe('zipEntries: ordinary archives', () => {
  it('streams every file with its bytes, logical path and display path', async () => {
    const big = Buffer.from('<Event>x</Event>\r\n'.repeat(50_000));
    const { zip, dir } = place(
      await yazlZip([
        ['manifest.json', '{"schema":"aadsync-diagnose/manifest@1"}'],
        ['events/Application-ADSync.xml', big],
        ['config/winhttp.txt', 'Current WinHTTP proxy settings:\r\n\r\n    Direct access (no proxy server).\r\n', false],
      ]),
    );
    const { entries, contents, notes, errors } = await collect(zip);
    expect(notes).toEqual([]);
    expect(errors.size).toBe(0);
    expect(entries.map((e) => e.path)).toEqual(['manifest.json', 'events/Application-ADSync.xml', 'config/winhttp.txt']);
    expect(entries[1]!.displayPath).toBe('input.zip!/events/Application-ADSync.xml');
    expect(entries[1]!.size).toBe(big.length);
    expect(contents.get('events/Application-ADSync.xml')!.equals(big)).toBe(true);
    expect(contents.get('config/winhttp.txt')!.toString()).toContain('Direct access');
    expect(await entries[0]!.readHead(10)).toEqual(Buffer.from('{"schema":'));
    expect(entries[0]!.mtime).toBeInstanceOf(Date);
    assertNothingWritten(dir);
  });

  it('entries can still be opened after the iteration ended', async () => {
    const { zip } = place(await yazlZip([['a.txt', 'alpha'], ['b.txt', 'bravo']]));
    const list: ZipInputEntry[] = [];
    for await (const e of zipEntries(zip)) list.push(e);
    expect((await readAll(await list[1]!.open())).toString()).toBe('bravo');
    expect((await readAll(await list[0]!.open())).toString()).toBe('alpha');
  });

  it('reads a bundle zip inside a ticket zip, deflated or stored, without extracting', async () => {
    const bundle = await yazlZip([
      ['manifest.json', '{"schema":"aadsync-diagnose/manifest@1"}'],
      ['config/winhttp.txt', 'Proxy Server(s) :  proxy.contoso.com:8080'],
    ]);
    const { zip, dir } = place(
      await yazlZip([
        ['readme.txt', 'ticket 42'],
        ['Ticket/aadsync-diagnose-AADC01.zip', bundle, true],
        ['stored/bundle-copy.zip', bundle, false],
      ]),
    );
    const { entries, contents, notes } = await collect(zip);
    expect(notes).toEqual([]);
    expect(entries.map((e) => e.path)).toEqual([
      'readme.txt',
      'Ticket/aadsync-diagnose-AADC01.zip/manifest.json',
      'Ticket/aadsync-diagnose-AADC01.zip/config/winhttp.txt',
      'stored/bundle-copy.zip/manifest.json',
      'stored/bundle-copy.zip/config/winhttp.txt',
    ]);
    expect(entries[1]!.displayPath).toBe('input.zip!/Ticket/aadsync-diagnose-AADC01.zip!/manifest.json');
    expect(entries[4]!.zipChain).toEqual(['input.zip', 'stored/bundle-copy.zip']);
    expect(contents.get('stored/bundle-copy.zip/config/winhttp.txt')!.toString()).toContain('proxy.contoso.com:8080');
    assertNothingWritten(dir);
  });

  it('stops descending past the nesting limit, with a note', async () => {
    let z = await yazlZip([['deepest.txt', 'hi']]);
    for (let i = 0; i < 3; i++) z = await yazlZip([[`level${i}.zip`, z]]);
    const { zip } = place(z);
    const { entries, notes } = await collect(zip);
    expect(entries).toEqual([]);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.message).toBe('inner zip not read: nested deeper than 2 levels');
    expect(notes[0]!.path).toBe('input.zip!/level2.zip!/level1.zip!/level0.zip');
  });
});

describe('zipEntries: hostile archives', () => {
  it('refuses zip-slip names of every spelling and keeps the good entry', async () => {
    const evilNames = [
      '../../evil.txt',
      'a/../../evil2.txt',
      '/tmp/evil3.txt',
      'C:/Windows/Temp/evil4.txt',
      'C:evil5.txt',
      Buffer.from('..\\..\\evil6.txt', 'latin1'),
      Buffer.from('\\\\server\\share\\evil7.txt', 'latin1'),
    ];
    const { zip, dir } = place(
      buildZip([...evilNames.map((name) => ({ ...fileEntry('x', 'PWNED'), name })), fileEntry('good.txt', 'fine')]),
    );
    const { entries, notes } = await collect(zip);
    expect(entries.map((e) => e.path)).toEqual(['good.txt']);
    expect(notes.map((x) => x.message)).toEqual([
      'entry refused: path traversal (..)',
      'entry refused: path traversal (..)',
      'entry refused: absolute path',
      'entry refused: absolute path with a drive letter',
      'entry refused: absolute path with a drive letter',
      'entry refused: path traversal (..)',
      'entry refused: absolute path',
    ]);
    expect(notes[5]!.path).toBe('input.zip!/../../evil6.txt');
    // Nothing landed where the names point.
    for (const p of ['evil.txt', 'evil2.txt', 'evil6.txt']) {
      expect(existsSync(resolve(dir, '..', '..', p))).toBe(false);
      expect(existsSync(resolve(dir, '..', p))).toBe(false);
    }
    expect(existsSync('/tmp/evil3.txt')).toBe(false);
    expect(tree(join(dir, '..', '..'))).toEqual(['inner', 'inner/deeper', 'inner/deeper/input.zip']);
    assertNothingWritten(dir);
  });

  it('refuses symbolic links (Unix mode) and reparse points (Windows attribute)', async () => {
    const link: RawEntry = { ...fileEntry('link-to-etc', '/etc/passwd', 0), versionMadeBy: (3 << 8) | 30, externalAttrs: (0o120777 << 16) >>> 0 };
    const reparse: RawEntry = { ...fileEntry('junction', 'C:\\Windows', 0), externalAttrs: 0x400 };
    const fifo: RawEntry = { ...fileEntry('pipe', '', 0), versionMadeBy: 3 << 8, externalAttrs: (0o010644 << 16) >>> 0 };
    const normalUnix: RawEntry = { ...fileEntry('normal.txt', 'ok'), versionMadeBy: 3 << 8, externalAttrs: (0o100644 << 16) >>> 0 };
    const { zip, dir } = place(buildZip([link, reparse, fifo, normalUnix]));
    const { entries, notes } = await collect(zip);
    expect(entries.map((e) => e.path)).toEqual(['normal.txt']);
    expect(notes.map((x) => `${x.path}: ${x.message}`)).toEqual([
      'input.zip!/link-to-etc: entry refused: symbolic link',
      'input.zip!/junction: entry refused: reparse point (symbolic link or junction)',
      'input.zip!/pipe: entry refused: special file (mode 010000)',
    ]);
    assertNothingWritten(dir);
  });

  it('refuses a 1 GiB zero bomb (~1 MB compressed) from its header, without inflating it', async () => {
    const GiB = 1024 * 1024 * 1024;
    const payload = zeroBombDeflate(GiB);
    expect(payload.length).toBeLessThan(2 * 1024 * 1024);
    const { zip, dir } = place(buildZip([{ name: 'zeros.bin', payload, method: 8, crc: 0, uncompressedSize: GiB }, fileEntry('ok.txt', 'ok')]));
    const started = process.hrtime.bigint();
    const { entries, notes } = await collect(zip);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(entries.map((e) => e.path)).toEqual(['ok.txt']);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.message).toMatch(/^entry refused: compression ratio \d+:1 \(over 250:1\), a possible zip bomb/);
    // Inflating 1 GiB takes seconds; refusing from the header takes milliseconds.
    expect(ms).toBeLessThan(1500);
    assertNothingWritten(dir);
  });

  it('stops a bomb whose header lies about its size as soon as the actual bytes pass the declared size', async () => {
    const payload = zeroBombDeflate(1024 * 1024 * 1024);
    // Declares 2 MiB inflated: a plausible ratio, so only counting the real bytes catches it.
    const { zip, dir } = place(buildZip([{ name: 'liar.bin', payload, method: 8, crc: 0, uncompressedSize: 2 * 1024 * 1024 }]));
    const { entries, errors, notes } = await collect(zip);
    expect(entries).toHaveLength(1);
    const err = errors.get('liar.bin');
    expect(err).toBeInstanceOf(ZipEntryError);
    expect(err).toBeInstanceOf(InputError);
    expect(err!.message).toBe('input.zip!/liar.bin: holds more data than its header declares (2097152 bytes): refused as a possible zip bomb');
    expect(notes.map((x) => x.message)).toEqual(['holds more data than its header declares (2097152 bytes): refused as a possible zip bomb']);
    assertNothingWritten(dir);
  });

  it('enforces the per-entry and archive-wide caps on actual bytes', async () => {
    const data = Buffer.alloc(3 * 1024 * 1024, 'a');
    const { zip } = place(buildZip([fileEntry('one.log', data), fileEntry('two.log', data), fileEntry('three.log', data)]));
    // Per entry: refused from the header, never inflated.
    const perEntry = await collect(zip, { limits: { maxEntryBytes: 2 * 1024 * 1024, maxRatio: 100_000 } });
    expect(perEntry.entries).toEqual([]);
    expect(perEntry.notes[0]!.message).toBe('entry refused: 3.0 MiB, more than the 2.0 MiB per-file limit');
    // Archive-wide: the third entry pushes the total over 8 MiB while it streams.
    const total = await collect(zip, { limits: { maxTotalBytes: 8 * 1024 * 1024, maxRatio: 100_000 } });
    expect(total.contents.get('one.log')!.length).toBe(data.length);
    expect(total.contents.get('two.log')!.length).toBe(data.length);
    expect(total.errors.get('three.log')!.message).toBe('input.zip!/three.log: the archive inflates to more than 8.0 MiB in total: refused');
  });

  it('refuses an archive of 100 000 entries outright (zip64 count)', async () => {
    const entries: RawEntry[] = [];
    for (let i = 0; i < 100_000; i++) entries.push({ name: `f${i}.txt`, payload: Buffer.alloc(0) });
    const { zip, dir } = place(buildZip(entries, { zip64Count: true }));
    const it = zipEntries(zip)[Symbol.asyncIterator]();
    await expect(it.next()).rejects.toThrow(new InputError('input.zip: has 100000 entries, more than the 20000 this tool reads: refused'));
    assertNothingWritten(dir);
  });

  it('a bad CRC fails the entry at its end, with a note; the other entries stay readable', async () => {
    const bad = { ...fileEntry('events/tampered.xml', '<Events><Event/></Events>'), crc: 0x12345678 };
    const { zip } = place(buildZip([bad, fileEntry('good.xml', '<Events/>')]));
    const { errors, contents, notes } = await collect(zip);
    expect(errors.get('events/tampered.xml')!.message).toBe('input.zip!/events/tampered.xml: CRC-32 mismatch: the entry is corrupt');
    expect(contents.get('good.xml')!.toString()).toBe('<Events/>');
    expect(notes).toEqual([{ path: 'input.zip!/events/tampered.xml', message: 'CRC-32 mismatch: the entry is corrupt' }]);
  });

  it('a truncated zip is refused with one line', async () => {
    const full = buildZip([fileEntry('a.txt', 'x'.repeat(5000)), fileEntry('b.txt', 'y'.repeat(5000))]);
    const { zip, dir } = place(full.subarray(0, Math.floor(full.length * 0.6)));
    await expect(collect(zip)).rejects.toThrow(
      /^input\.zip: not a readable zip \(End of central directory record signature not found\. Either not a zip file, or file is truncated\.\)$/,
    );
    assertNothingWritten(dir);
  });

  it('a file that is not a zip, and an empty file, are input errors', async () => {
    const { zip } = place(Buffer.from('The remote name could not be resolved: login.windows.net\r\n'));
    await expect(collect(zip)).rejects.toBeInstanceOf(InputError);
    const empty = place(Buffer.alloc(0));
    await expect(collect(empty.zip)).rejects.toThrow(/^input\.zip: not a readable zip/);
  });

  it('a corrupt central directory record: refused when nothing was read, a note after good entries', async () => {
    const z = buildZip([fileEntry('a.txt', 'alpha'), fileEntry('b.txt', 'bravo')]);
    const cdStart = z.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const second = z.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), cdStart + 4);
    const firstBroken = Buffer.from(z);
    firstBroken.writeUInt32LE(0xdeadbeef, cdStart);
    await expect(collect(place(firstBroken).zip)).rejects.toThrow(
      'input.zip: corrupt central directory (invalid central directory file header signature: 0xdeadbeef)',
    );
    const secondBroken = Buffer.from(z);
    secondBroken.writeUInt32LE(0xdeadbeef, second);
    const r = await collect(place(secondBroken).zip);
    expect(r.entries.map((e) => e.path)).toEqual(['a.txt']);
    expect(r.notes[0]!.message).toBe(
      'corrupt central directory (invalid central directory file header signature: 0xdeadbeef); entries after the first 1 were not read',
    );
  });

  it('an entry count the file cannot hold is a corrupt central directory', async () => {
    const z = Buffer.from(buildZip([fileEntry('a.txt', 'alpha')]));
    z.writeUInt16LE(5000, z.length - 22 + 8);
    z.writeUInt16LE(5000, z.length - 22 + 10);
    await expect(collect(place(z).zip)).rejects.toThrow('input.zip: corrupt central directory (declares 5000 entries, too many for its size)');
  });

  it('refuses encrypted entries, unsupported methods, stored size lies and data past the end', async () => {
    const enc: RawEntry = { ...fileEntry('secret.txt', 'x', 0), flags: 0x801 };
    const d64: RawEntry = { ...fileEntry('big.evtx', 'x'), method: 9 };
    const storedLie: RawEntry = { ...fileEntry('stored.txt', 'abc', 0), uncompressedSize: 1000 };
    const pastEnd: RawEntry = { ...fileEntry('cut.txt', 'abc'), compressedSize: 10_000_000 };
    const { zip, dir } = place(buildZip([enc, d64, storedLie, pastEnd, fileEntry('ok.txt', 'ok')]));
    const { entries, notes } = await collect(zip);
    expect(entries.map((e) => e.path)).toEqual(['ok.txt']);
    expect(notes.map((x) => x.message)).toEqual([
      'entry refused: encrypted (password-protected zips cannot be read)',
      'entry refused: compression Deflate64 is not supported (re-zip it with standard Deflate)',
      'entry refused: stored entry with sizes that disagree (3 != 1000)',
      'entry refused: its data lies beyond the end of the archive (truncated zip)',
    ]);
    assertNothingWritten(dir);
  });

  it('a deflate stream that is garbage fails that entry only', async () => {
    const garbage: RawEntry = { name: 'broken.xml', payload: Buffer.from('this is not deflate data at all!!'), method: 8, crc: 0, uncompressedSize: 100 };
    const { zip } = place(buildZip([garbage, fileEntry('ok.txt', 'ok')]));
    const { entries, notes, contents } = await collect(zip);
    // Found while sniffing its first bytes: skipped with a note, before any reader sees it.
    expect(entries.map((e) => e.path)).toEqual(['ok.txt']);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.path).toBe('input.zip!/broken.xml');
    expect(notes[0]!.message).toMatch(/^corrupt data \(invalid /);
    expect(contents.get('ok.txt')!.toString()).toBe('ok');
  });

  it('skips a second entry with the same name (case-insensitive), so no file can shadow another', async () => {
    const { zip } = place(buildZip([fileEntry('manifest.json', '{"real":1}'), fileEntry('MANIFEST.json', '{"shadow":1}')]));
    const { entries, notes, contents } = await collect(zip);
    expect(entries).toHaveLength(1);
    expect(contents.get('manifest.json')!.toString()).toBe('{"real":1}');
    expect(notes[0]!.message).toBe('entry refused: a second entry with the same name');
  });

  it('a corrupt inner zip is one note, the outer archive is still read', async () => {
    const inner = buildZip([fileEntry('x.txt', 'x')]).subarray(0, 40);
    const withSig = Buffer.concat([inner, Buffer.alloc(100)]);
    const { zip } = place(buildZip([fileEntry('bundle.zip', withSig), fileEntry('ok.txt', 'ok')]));
    const { entries, notes } = await collect(zip);
    expect(entries.map((e) => e.path)).toEqual(['ok.txt']);
    expect(notes[0]!.path).toBe('input.zip!/bundle.zip');
    expect(notes[0]!.message).toMatch(/^inner zip not read: /);
  });

  it('a deflated inner zip larger than the memory cap is skipped with a note', async () => {
    const inner = await yazlZip([['data.bin', Buffer.alloc(200_000, 7), false]]);
    const { zip } = place(buildZip([fileEntry('bundle.zip', inner), fileEntry('ok.txt', 'ok')]));
    const { notes } = await collect(zip, { limits: { maxNestedZipBytes: 100_000 } });
    expect(notes[0]!.message).toMatch(/more than 97\.7 KiB; extract it and pass it directly$/);
  });
});

// The raw deflate helper itself: the bomb really inflates to its full size (checked on a small one).
describe('zeroBombDeflate', () => {
  it('inflates to exactly the requested zeros', async () => {
    const { inflateRawSync } = await import('node:zlib');
    const out = inflateRawSync(zeroBombDeflate(8 * 1024 * 1024));
    expect(out.length).toBe(8 * 1024 * 1024);
    expect(out.every((b) => b === 0)).toBe(true);
    expect(deflateRawSync).toBeTypeOf('function');
  });
});
