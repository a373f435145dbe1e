// Builds zip files byte by byte, so tests can write exactly the lies a hostile archive tells:
// any name, any declared sizes and CRC, any attributes, any flags, zip64 entry counts.
import { deflateRawSync, constants as zc } from 'node:zlib';
import { crc32Update } from '../../src/evidence/zip.js';

export interface RawEntry {
  name: string | Buffer;
  /** Bytes as they sit in the archive (already deflated for method 8). */
  payload: Buffer;
  method?: number;
  crc?: number;
  compressedSize?: number;
  uncompressedSize?: number;
  flags?: number;
  /** High byte: host system (3 = Unix, 0 = MS-DOS). */
  versionMadeBy?: number;
  externalAttrs?: number;
}

/** A regular file entry, deflated or stored, with true sizes and CRC. */
export function fileEntry(name: string, content: Buffer | string, method: 0 | 8 = 8): RawEntry {
  const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  return {
    name,
    payload: method === 8 ? deflateRawSync(data) : data,
    method,
    crc: crc32Update(0, data),
    uncompressedSize: data.length,
  };
}

/**
 * A deflate stream of `totalBytes` zeros, made by repeating one byte-aligned block sequence
 * (a sync-flushed deflate of 1 MiB of zeros) and closing with an empty final block. Cheap to build
 * (about 1 KiB per MiB) and genuinely inflates to the full size.
 */
export function zeroBombDeflate(totalBytes: number): Buffer {
  const MiB = 1024 * 1024;
  if (totalBytes % MiB !== 0) throw new Error('whole MiB only');
  const block = deflateRawSync(Buffer.alloc(MiB), { finishFlush: zc.Z_SYNC_FLUSH, level: 9 });
  const parts: Buffer[] = [];
  for (let i = 0; i < totalBytes / MiB; i++) parts.push(block);
  // Final fixed-Huffman block holding only end-of-block: bits 1 (BFINAL), 01 (fixed), 0000000 (EOB).
  parts.push(Buffer.from([0x03, 0x00]));
  return Buffer.concat(parts);
}

export function buildZip(entries: RawEntry[], opts: { zip64Count?: boolean; truncateAt?: number } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.isBuffer(e.name) ? e.name : Buffer.from(e.name, 'utf8');
    const method = e.method ?? 0;
    const flags = e.flags ?? (Buffer.isBuffer(e.name) ? 0 : 0x800);
    const crc = e.crc ?? 0;
    const csize = e.compressedSize ?? e.payload.length;
    const usize = e.uncompressedSize ?? e.payload.length;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(flags, 6);
    lh.writeUInt16LE(method, 8);
    lh.writeUInt16LE(0x6000, 10); // 12:00:00
    lh.writeUInt16LE(((2026 - 1980) << 9) | (11 << 5) | 25, 12);
    lh.writeUInt32LE(crc >>> 0, 14);
    lh.writeUInt32LE(csize, 18);
    lh.writeUInt32LE(usize, 22);
    lh.writeUInt16LE(name.length, 26);
    lh.writeUInt16LE(0, 28);
    locals.push(lh, name, e.payload);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(e.versionMadeBy ?? 20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(flags, 8);
    ch.writeUInt16LE(method, 10);
    ch.writeUInt16LE(0x6000, 12);
    ch.writeUInt16LE(((2026 - 1980) << 9) | (11 << 5) | 25, 14);
    ch.writeUInt32LE(crc >>> 0, 16);
    ch.writeUInt32LE(csize, 20);
    ch.writeUInt32LE(usize, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE((e.externalAttrs ?? 0) >>> 0, 38);
    ch.writeUInt32LE(offset, 42);
    centrals.push(ch, name);
    offset += 30 + name.length + e.payload.length;
  }
  const cd = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  const count = entries.length;
  if (opts.zip64Count) {
    const z64 = Buffer.alloc(56);
    z64.writeUInt32LE(0x06064b50, 0);
    z64.writeBigUInt64LE(44n, 4);
    z64.writeUInt16LE(45, 12);
    z64.writeUInt16LE(45, 14);
    z64.writeBigUInt64LE(BigInt(count), 24);
    z64.writeBigUInt64LE(BigInt(count), 32);
    z64.writeBigUInt64LE(BigInt(cd.length), 40);
    z64.writeBigUInt64LE(BigInt(offset), 48);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(0x07064b50, 0);
    loc.writeBigUInt64LE(BigInt(offset + cd.length), 8);
    loc.writeUInt32LE(1, 16);
    tail.push(z64, loc);
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  const c16 = opts.zip64Count ? 0xffff : count;
  eocd.writeUInt16LE(c16, 8);
  eocd.writeUInt16LE(c16, 10);
  eocd.writeUInt32LE(opts.zip64Count ? 0xffffffff : cd.length, 12);
  eocd.writeUInt32LE(opts.zip64Count ? 0xffffffff : offset, 16);
  tail.push(eocd);
  const all = Buffer.concat([...locals, cd, ...tail]);
  return opts.truncateAt !== undefined ? all.subarray(0, opts.truncateAt) : all;
}

/**
 * The non-recursive zip bomb (issue 15 C1): one local entry, its data listed `copies` times by the
 * central directory under different names, every record pointing at the same bytes.
 */
export function buildOverlappingZip(entry: RawEntry, copies: number): Buffer {
  const one = buildZip([entry]);
  // buildZip's layout: local header + name + payload, then one central record, then the end record.
  const name = Buffer.isBuffer(entry.name) ? entry.name : Buffer.from(entry.name, 'utf8');
  const localLen = 30 + name.length + entry.payload.length;
  const central = one.subarray(localLen, localLen + 46 + name.length);
  const records: Buffer[] = [];
  for (let i = 0; i < copies; i++) {
    const n = Buffer.from(`copy-${String(i).padStart(3, '0')}-${name.toString('utf8')}`, 'utf8');
    const rec = Buffer.from(central.subarray(0, 46));
    rec.writeUInt16LE(n.length, 28);
    records.push(rec, n);
  }
  const cd = Buffer.concat(records);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(copies, 8);
  eocd.writeUInt16LE(copies, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(localLen, 16);
  return Buffer.concat([one.subarray(0, localLen), cd, eocd]);
}
