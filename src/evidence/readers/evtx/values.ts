// Substitution and value formatting for EVTX binary XML (MS-EVEN6 2.2.18 value types).
// Every function takes the chunk buffer and an absolute [offset, offset+size) window that the caller
// has already bounds-checked against the chunk's valid length; none of them allocates per byte.

export const VT = {
  Null: 0x00,
  String: 0x01,
  AnsiString: 0x02,
  Int8: 0x03,
  UInt8: 0x04,
  Int16: 0x05,
  UInt16: 0x06,
  Int32: 0x07,
  UInt32: 0x08,
  Int64: 0x09,
  UInt64: 0x0a,
  Real32: 0x0b,
  Real64: 0x0c,
  Bool: 0x0d,
  Binary: 0x0e,
  Guid: 0x0f,
  SizeT: 0x10,
  FileTime: 0x11,
  SysTime: 0x12,
  Sid: 0x13,
  HexInt32: 0x14,
  HexInt64: 0x15,
  EvtHandle: 0x20,
  BinXml: 0x21,
  EvtXml: 0x23,
  ArrayFlag: 0x80,
} as const;

/** Fixed element size of a value type, 0 when variable (strings, binary, SID, BinXml). */
export function fixedSize(type: number): number {
  switch (type & 0x7f) {
    case VT.Int8:
    case VT.UInt8:
      return 1;
    case VT.Int16:
    case VT.UInt16:
      return 2;
    case VT.Int32:
    case VT.UInt32:
    case VT.Real32:
    case VT.Bool:
    case VT.HexInt32:
      return 4;
    case VT.Int64:
    case VT.UInt64:
    case VT.Real64:
    case VT.FileTime:
    case VT.HexInt64:
      return 8;
    case VT.Guid:
    case VT.SysTime:
      return 16;
    default:
      return 0;
  }
}

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push((i < 16 ? '0' : '') + i.toString(16).toUpperCase());

/** UTF-16LE text without the trailing NULs Windows stores with most strings. */
export function utf16(buf: Buffer, start: number, end: number): string {
  let e = end;
  if ((e - start) & 1) e--;
  while (e - 2 >= start && buf[e - 2] === 0 && buf[e - 1] === 0) e -= 2;
  return e > start ? buf.toString('utf16le', start, e) : '';
}

function ansi(buf: Buffer, start: number, end: number): string {
  let e = end;
  while (e > start && buf[e - 1] === 0) e--;
  return e > start ? buf.toString('latin1', start, e) : '';
}

/** Unsigned 64-bit as decimal, exact (BigInt only above 2^53). */
function u64Dec(buf: Buffer, o: number): string {
  const lo = buf.readUInt32LE(o);
  const hi = buf.readUInt32LE(o + 4);
  if (hi < 0x200000) return String(hi * 4294967296 + lo);
  return buf.readBigUInt64LE(o).toString();
}

function u64Hex(buf: Buffer, o: number): string {
  const lo = buf.readUInt32LE(o);
  const hi = buf.readUInt32LE(o + 4);
  if (hi === 0) return '0x' + lo.toString(16);
  return '0x' + hi.toString(16) + lo.toString(16).padStart(8, '0');
}

export function guid(buf: Buffer, o: number): string {
  const d1 = buf.readUInt32LE(o).toString(16).toUpperCase().padStart(8, '0');
  const d2 = buf.readUInt16LE(o + 4).toString(16).toUpperCase().padStart(4, '0');
  const d3 = buf.readUInt16LE(o + 6).toString(16).toUpperCase().padStart(4, '0');
  let d4 = '';
  for (let i = 8; i < 10; i++) d4 += HEX[buf[o + i]!];
  let d5 = '';
  for (let i = 10; i < 16; i++) d5 += HEX[buf[o + i]!];
  return `{${d1}-${d2}-${d3}-${d4}-${d5}}`;
}

export function hexBytes(buf: Buffer, start: number, end: number): string {
  // toString('hex') is native; Windows shows binary in upper case.
  return buf.toString('hex', start, end).toUpperCase();
}

function sid(buf: Buffer, o: number, size: number): string {
  if (size < 8) return '';
  const rev = buf[o]!;
  const count = buf[o + 1]!;
  // Authority is 48-bit big-endian.
  const auth = buf.readUIntBE(o + 2, 6);
  let s = `S-${rev}-${auth}`;
  const n = Math.min(count, (size - 8) >> 2);
  for (let i = 0; i < n; i++) s += '-' + buf.readUInt32LE(o + 8 + i * 4);
  return s;
}

const FILETIME_UNIX_DIFF_S = 11644473600;
let lastSecond = -1;
let lastPrefix = '';

/** FILETIME (100 ns ticks since 1601) → ISO 8601 UTC with 7 fractional digits, '' when out of range. */
export function filetimeIso(buf: Buffer, o: number): string {
  const lo = buf.readUInt32LE(o);
  const hi = buf.readUInt32LE(o + 4);
  // ticks = hi*2^32 + lo, split so that no intermediate exceeds 2^53 for any real date.
  // 2^32 = 429 * 1e7 + 4967296
  if (hi > 0x7fffffff) return '';
  const rest = hi * 4967296 + lo;
  const seconds = hi * 429 + Math.floor(rest / 1e7);
  const frac = rest % 1e7;
  const unix = seconds - FILETIME_UNIX_DIFF_S;
  if (unix !== lastSecond) {
    const ms = unix * 1000;
    if (!(ms >= -62135596800000 && ms <= 253402300799000)) return '';
    lastSecond = unix;
    lastPrefix = new Date(ms).toISOString().slice(0, 19);
  }
  return lastPrefix + '.' + String(frac).padStart(7, '0') + 'Z';
}

function systemtimeIso(buf: Buffer, o: number): string {
  const y = buf.readUInt16LE(o);
  const mo = buf.readUInt16LE(o + 2);
  const d = buf.readUInt16LE(o + 6);
  const h = buf.readUInt16LE(o + 8);
  const mi = buf.readUInt16LE(o + 10);
  const s = buf.readUInt16LE(o + 12);
  const ms = buf.readUInt16LE(o + 14);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${String(y).padStart(4, '0')}-${p2(mo)}-${p2(d)}T${p2(h)}:${p2(mi)}:${p2(s)}.${String(ms).padStart(3, '0')}Z`;
}

function real32(v: number): string {
  return String(Number(v.toPrecision(7)));
}

/** One scalar (not an array) of a fixed-size or variable type. `size` bytes are available at `o`. */
function scalar(buf: Buffer, type: number, o: number, size: number): string {
  switch (type) {
    case VT.Null:
      return '';
    case VT.String:
      return utf16(buf, o, o + size);
    case VT.AnsiString:
      return ansi(buf, o, o + size);
    case VT.Int8:
      return size >= 1 ? String(buf.readInt8(o)) : '';
    case VT.UInt8:
      return size >= 1 ? String(buf[o]) : '';
    case VT.Int16:
      return size >= 2 ? String(buf.readInt16LE(o)) : '';
    case VT.UInt16:
      return size >= 2 ? String(buf.readUInt16LE(o)) : '';
    case VT.Int32:
      return size >= 4 ? String(buf.readInt32LE(o)) : '';
    case VT.UInt32:
      return size >= 4 ? String(buf.readUInt32LE(o)) : '';
    case VT.Int64:
      return size >= 8 ? buf.readBigInt64LE(o).toString() : '';
    case VT.UInt64:
      return size >= 8 ? u64Dec(buf, o) : '';
    case VT.Real32:
      return size >= 4 ? real32(buf.readFloatLE(o)) : '';
    case VT.Real64:
      return size >= 8 ? String(buf.readDoubleLE(o)) : '';
    case VT.Bool: {
      // Usually 4 bytes; some writers use 1 or 2 (seen in the wild). Any non-zero byte is true.
      let v = 0;
      for (let i = 0; i < size && i < 4; i++) v |= buf[o + i]!;
      return v !== 0 ? 'true' : 'false';
    }
    case VT.Binary:
      return hexBytes(buf, o, o + size);
    case VT.Guid:
      return size >= 16 ? guid(buf, o) : '';
    case VT.SizeT:
      if (size >= 8) return u64Hex(buf, o);
      if (size >= 4) return '0x' + buf.readUInt32LE(o).toString(16);
      return '';
    case VT.FileTime:
      return size >= 8 ? filetimeIso(buf, o) : '';
    case VT.SysTime:
      return size >= 16 ? systemtimeIso(buf, o) : '';
    case VT.Sid:
      return sid(buf, o, size);
    case VT.HexInt32:
      return size >= 4 ? '0x' + buf.readUInt32LE(o).toString(16) : '';
    case VT.HexInt64:
      return size >= 8 ? u64Hex(buf, o) : '';
    default:
      // EvtHandle, EvtXml and unknown types carry nothing a reader of the event log shows.
      return '';
  }
}

/**
 * A substitution value as Windows renders it in event XML. BinXml (0x21) is not handled here:
 * the caller parses it as a nested fragment. Arrays are joined with ", " (in `<Data>` the caller
 * repeats the element per item instead, as Windows does: see arrayItems).
 */
export function formatValue(buf: Buffer, type: number, o: number, size: number): string {
  if (size <= 0) return '';
  if ((type & VT.ArrayFlag) === 0) return scalar(buf, type, o, size);
  return arrayItems(buf, type, o, size).join(', ');
}

/** The items of an array value (type | 0x80), each formatted as its scalar type. */
export function arrayItems(buf: Buffer, type: number, o: number, size: number): string[] {
  const base = type & 0x7f;
  const parts: string[] = [];
  if (size <= 0) return parts;
  if (base === VT.String) {
    // Array of NUL-terminated UTF-16 strings.
    let start = o;
    const end = o + (size & ~1);
    for (let p = o; p + 1 < end; p += 2) {
      if (buf[p] === 0 && buf[p + 1] === 0) {
        parts.push(buf.toString('utf16le', start, p));
        start = p + 2;
      }
    }
    if (start < end) parts.push(utf16(buf, start, end));
  } else if (base === VT.AnsiString) {
    let start = o;
    for (let p = o; p < o + size; p++) {
      if (buf[p] === 0) {
        parts.push(buf.toString('latin1', start, p));
        start = p + 1;
      }
    }
    if (start < o + size) parts.push(buf.toString('latin1', start, o + size));
  } else {
    const el = base === VT.SizeT ? (size % 8 === 0 ? 8 : 4) : fixedSize(base);
    if (el === 0) return [scalar(buf, base, o, size)];
    for (let p = o; p + el <= o + size; p += el) parts.push(scalar(buf, base, p, el));
  }
  return parts;
}
