// Every substitution value type of MS-EVEN6, formatted as Windows renders it in event XML.
import { describe, expect, it } from 'vitest';
import { arrayItems, filetimeIso, formatValue, VT } from '../../src/evidence/readers/evtx/values.js';

function f(type: number, bytes: Buffer): string {
  // Offset 3 inside a larger buffer: the formatter must honour offset and size, not the buffer ends.
  const buf = Buffer.concat([Buffer.from([0xaa, 0xbb, 0xcc]), bytes, Buffer.from([0xdd])]);
  return formatValue(buf, type, 3, bytes.length);
}
const le = (n: number, size: number): Buffer => {
  const b = Buffer.alloc(size);
  if (size === 8) b.writeBigUInt64LE(BigInt(n));
  else b.writeUIntLE(n, 0, size);
  return b;
};

describe('value types', () => {
  it('strings: UTF-16 without trailing NULs, ANSI', () => {
    expect(f(VT.String, Buffer.from('login.windows.net\0', 'utf16le'))).toBe('login.windows.net');
    expect(f(VT.AnsiString, Buffer.from('proxy:8080\0', 'latin1'))).toBe('proxy:8080');
    expect(f(VT.Null, Buffer.from([1, 2]))).toBe('');
  });

  it('signed and unsigned integers of every width', () => {
    expect(f(VT.Int8, Buffer.from([0xff]))).toBe('-1');
    expect(f(VT.UInt8, Buffer.from([0xff]))).toBe('255');
    expect(f(VT.Int16, le(0xfffe, 2))).toBe('-2');
    expect(f(VT.UInt16, le(906, 2))).toBe('906');
    expect(f(VT.Int32, le(0xfffffffd, 4))).toBe('-3');
    expect(f(VT.UInt32, le(4294967295, 4))).toBe('4294967295');
    const i64 = Buffer.alloc(8);
    i64.writeBigInt64LE(-9007199254740993n);
    expect(f(VT.Int64, i64)).toBe('-9007199254740993');
    const u64 = Buffer.alloc(8);
    u64.writeBigUInt64LE(18446744073709551615n);
    expect(f(VT.UInt64, u64)).toBe('18446744073709551615');
    u64.writeBigUInt64LE(48213n);
    expect(f(VT.UInt64, u64)).toBe('48213');
  });

  it('float, double, bool (4-byte and short forms)', () => {
    const r32 = Buffer.alloc(4);
    r32.writeFloatLE(0.1);
    expect(f(VT.Real32, r32)).toBe('0.1');
    const r64 = Buffer.alloc(8);
    r64.writeDoubleLE(2.5e-7);
    expect(f(VT.Real64, r64)).toBe('2.5e-7');
    expect(f(VT.Bool, le(1, 4))).toBe('true');
    expect(f(VT.Bool, le(0, 4))).toBe('false');
    expect(f(VT.Bool, Buffer.from([1]))).toBe('true');
  });

  it('binary as upper-case hex, GUID in braces, SID', () => {
    expect(f(VT.Binary, Buffer.from([0x0a, 0xbc, 0x00]))).toBe('0ABC00');
    const g = Buffer.from('2555f24b3cf4a74f8c3e00c04fc2ffee', 'hex');
    expect(f(VT.Guid, g)).toBe('{4BF25525-F43C-4FA7-8C3E-00C04FC2FFEE}');
    const sid = Buffer.from([1, 5, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0, 0xec, 0x8b, 0xdd, 0x3b, 0x83, 0x1c, 0x2b, 0x46, 0x82, 0xf5, 0x8f, 0x28, 0x50, 0x04, 0, 0]);
    expect(f(VT.Sid, sid)).toBe('S-1-5-21-1004375020-1177230467-680523138-1104');
    expect(f(VT.Sid, Buffer.from([1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0]))).toBe('S-1-5-18');
  });

  it('size_t, hex32 and hex64 as Windows writes them (0x, lower case, no padding)', () => {
    expect(f(VT.SizeT, Buffer.from('4c02000000000000', 'hex'))).toBe('0x24c');
    expect(f(VT.SizeT, le(0x738c, 4))).toBe('0x738c');
    expect(f(VT.HexInt32, le(0xc000006d, 4))).toBe('0xc000006d');
    expect(f(VT.HexInt64, Buffer.from('0000000000002080', 'hex'))).toBe('0x8020000000000000');
    expect(f(VT.HexInt64, le(0x3e7, 8))).toBe('0x3e7');
  });

  it('FILETIME with 7 fractional digits, SYSTEMTIME, out-of-range times empty', () => {
    // 2026-11-25T09:58:12.1234567Z
    const ticks = (BigInt(Date.UTC(2026, 10, 25, 9, 58, 12)) * 10000n + 11644473600n * 10000000n + 1234567n);
    const ft = Buffer.alloc(8);
    ft.writeBigUInt64LE(ticks);
    expect(f(VT.FileTime, ft)).toBe('2026-11-25T09:58:12.1234567Z');
    expect(filetimeIso(Buffer.alloc(8, 0xff), 0)).toBe('');
    const st = Buffer.alloc(16);
    [2026, 11, 3, 25, 9, 58, 12, 345].forEach((v, i) => st.writeUInt16LE(v, i * 2));
    expect(f(VT.SysTime, st)).toBe('2026-11-25T09:58:12.345Z');
  });

  it('arrays (type | 0x80): strings split on NUL, fixed-size items, joined for text', () => {
    const strings = Buffer.from('\0Intel(R) 82574L\0second\0', 'utf16le');
    expect(arrayItems(strings, VT.String | VT.ArrayFlag, 0, strings.length)).toEqual(['', 'Intel(R) 82574L', 'second']);
    const u16 = Buffer.concat([le(1, 2), le(2, 2), le(65535, 2)]);
    expect(arrayItems(u16, VT.UInt16 | VT.ArrayFlag, 0, u16.length)).toEqual(['1', '2', '65535']);
    expect(f(VT.UInt16 | VT.ArrayFlag, u16)).toBe('1, 2, 65535');
    const ansi = Buffer.from('a\0bc\0', 'latin1');
    expect(arrayItems(ansi, VT.AnsiString | VT.ArrayFlag, 0, ansi.length)).toEqual(['a', 'bc']);
  });

  it('short or odd-sized data never throws', () => {
    for (let t = 0; t < 0x100; t++) {
      for (const size of [0, 1, 3, 7, 15]) expect(() => f(t, Buffer.alloc(size, 0xff))).not.toThrow();
    }
  });
});
