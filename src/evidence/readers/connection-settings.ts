// The binary proxy blobs of the registry (docs/windows-facts.md §2.2, §2.3):
//   ...\Internet Settings\Connections\DefaultConnectionSettings / SavedLegacySettings (WinINET, per user)
//   HKLM\...\Internet Settings\Connections\WinHttpSettings (WinHTTP, machine-wide)
//
// Layout (little-endian DWORDs): version, change counter, flags, then length-prefixed strings
// (no terminator): proxy server, bypass list, and for WinINET the auto-config (PAC) URL.
// Flags as .NET's RegBlobWebProxyDataBuilder reads them: 0x1 direct, 0x2 proxy, 0x4 auto-config URL,
// 0x8 auto-detect. .NET ignores a WinINET blob whose version is below 60 (IE 5.0 structure size).
import type { DecodedConnectionSettings, WinHttpSettings } from '../types.js';

export const PROXY_TYPE_DIRECT = 0x1;
export const PROXY_TYPE_PROXY = 0x2;
export const PROXY_TYPE_AUTO_PROXY_URL = 0x4;
export const PROXY_TYPE_AUTO_DETECT = 0x8;

/** Minimum version .NET accepts for a WinINET connection blob (IE50StrucSize). */
const IE50_STRUCT_SIZE = 60;

export interface ConnectionSettings extends DecodedConnectionSettings {
  kind: 'wininet' | 'winhttp';
  version: number;
  counter: number;
  problems: string[];
}

function readU32(b: Uint8Array, at: number): number | undefined {
  if (at + 4 > b.length) return undefined;
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * Decodes a DefaultConnectionSettings/SavedLegacySettings (`kind` 'wininet') or WinHttpSettings
 * (`kind` 'winhttp') blob. Never throws: a short or damaged blob gives what could be read plus problems.
 */
export function parseConnectionSettingsBlob(bytes: Uint8Array, kind: 'wininet' | 'winhttp' = 'wininet'): ConnectionSettings {
  const out: ConnectionSettings = {
    kind,
    version: 0,
    counter: 0,
    flags: 0,
    direct: false,
    proxyEnabled: false,
    autoConfigUrlEnabled: false,
    autoDetect: false,
    proxyServer: '',
    bypassList: '',
    autoConfigUrl: '',
    usable: false,
    problems: [],
  };
  const version = readU32(bytes, 0);
  const counter = readU32(bytes, 4);
  const flags = readU32(bytes, 8);
  if (version === undefined || counter === undefined || flags === undefined) {
    out.problems.push(`blob too short (${bytes.length} bytes; at least 12 needed)`);
    return out;
  }
  out.version = version;
  out.counter = counter;
  out.flags = flags;
  out.direct = (flags & PROXY_TYPE_DIRECT) !== 0;
  out.proxyEnabled = (flags & PROXY_TYPE_PROXY) !== 0;
  out.autoConfigUrlEnabled = (flags & PROXY_TYPE_AUTO_PROXY_URL) !== 0;
  out.autoDetect = (flags & PROXY_TYPE_AUTO_DETECT) !== 0;

  let at = 12;
  const readString = (what: string): string | undefined => {
    const len = readU32(bytes, at);
    if (len === undefined) {
      // Old or trimmed blobs simply end here: not an error for the optional tail.
      return undefined;
    }
    if (at + 4 + len > bytes.length) {
      out.problems.push(`${what} length ${len} runs past the end of the blob (${bytes.length} bytes)`);
      at = bytes.length;
      return undefined;
    }
    const s = utf8.decode(bytes.subarray(at + 4, at + 4 + len)).replace(/\0+$/, '');
    at += 4 + len;
    return s;
  };
  out.proxyServer = readString('proxy server') ?? '';
  out.bypassList = readString('bypass list') ?? '';
  if (kind === 'wininet') out.autoConfigUrl = readString('auto-config URL') ?? '';

  if (kind === 'wininet') {
    out.usable = version >= IE50_STRUCT_SIZE;
    if (!out.usable) out.problems.push(`version ${version} is below 60: .NET ignores this blob and assumes auto-detect`);
  } else {
    out.usable = true;
  }
  return out;
}

/** A WinHttpSettings blob as WinHttpSettings: direct unless the proxy flag is set with a proxy string. */
export function winHttpFromBlob(bytes: Uint8Array, file: string, source: string): { settings: WinHttpSettings; problems: string[] } {
  const cs = parseConnectionSettingsBlob(bytes, 'winhttp');
  const settings: WinHttpSettings = { file, direct: true, source };
  if (cs.proxyEnabled && cs.proxyServer) {
    settings.direct = false;
    settings.proxyServer = cs.proxyServer;
    if (cs.bypassList) settings.bypassList = cs.bypassList;
  } else if (cs.proxyServer) {
    // Flags and string disagree: the flags decide, as they do for the WinINET blob.
    cs.problems.push(`proxy string "${cs.proxyServer}" is stored but the proxy flag is not set: direct access`);
  }
  return { settings, problems: cs.problems };
}

/** Hex as written in bundles (`"46000000…"`) or reg exports (`46,00,00,…`) → bytes; null when not hex. */
export function hexToBytes(hex: string): Uint8Array | null {
  const clean = hex.replace(/[\s,\\]/g, '');
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) return null;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}
