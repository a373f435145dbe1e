// Registry exports (`reg export`, regedit "Windows Registry Editor Version 5.00" and "REGEDIT4") →
// WinINET settings per hive, WinHTTP settings and proxy environment variables.
//
// Microsoft's collector writes whole-hive exports (REG_HKU.log, REG_HKLM_Software_Hive.log, often
// hundreds of MB) as UTF-16 `.log` files (docs/collectors.md §1.2-§1.4); they arrive here decoded. The
// parser walks the text once, line by line, and keeps values only of the keys that matter for the
// proxy, so memory does not grow with the size of the export.
import { createHash } from 'node:crypto';
import type { EnvironmentProxy, WinHttpSettings, WinInetSettings } from '../types.js';
import { hexToBytes, parseConnectionSettingsBlob, winHttpFromBlob } from './connection-settings.js';

export type RegValue =
  | { kind: 'sz'; value: string }
  | { kind: 'dword'; value: number }
  | { kind: 'qword'; value: bigint }
  | { kind: 'binary'; type: number; value: Uint8Array }
  | { kind: 'expand_sz'; value: string }
  | { kind: 'multi_sz'; value: string[] }
  | { kind: 'deleted' };

export interface RegVisitor {
  /** Whether values of this key are wanted (called once per key). */
  wantKey(key: string): boolean;
  value(key: string, name: string, value: RegValue, line: number): void;
  deletedKey?(key: string, line: number): void;
}

export interface RegScanResult {
  header: 'Windows Registry Editor Version 5.00' | 'REGEDIT4' | null;
  keys: number;
  problems: string[];
}

/** Reads a quoted .reg string starting at `s[start] === '"'`; returns the text and the index after the closing quote. */
function readQuoted(s: string, start: number): { text: string; end: number } | null {
  let out = '';
  for (let i = start + 1; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      out += s[i + 1]!;
      i++;
    } else if (c === '"') {
      return { text: out, end: i + 1 };
    } else {
      out += c;
    }
  }
  return null;
}

function bytesToUtf16(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode(b[i]! | (b[i + 1]! << 8));
  return s;
}

/** Parses the data part of a value line (after `=`). */
function parseData(data: string, unicode: boolean): RegValue | string {
  const d = data.trim();
  if (d === '-') return { kind: 'deleted' };
  if (d.startsWith('"')) {
    const q = readQuoted(d, 0);
    if (!q) return 'unterminated string';
    return { kind: 'sz', value: q.text };
  }
  const dw = /^dword:([0-9a-fA-F]{1,8})$/.exec(d);
  if (dw) return { kind: 'dword', value: parseInt(dw[1]!, 16) };
  const hx = /^hex(?:\(([0-9a-fA-F]{1,8})\))?:(.*)$/s.exec(d);
  if (hx) {
    const type = hx[1] === undefined ? 3 : parseInt(hx[1], 16);
    const bytes = hexToBytes(hx[2]!);
    if (!bytes) return `invalid hex data`;
    const text = (b: Uint8Array): string =>
      unicode ? bytesToUtf16(b) : Array.from(b, (x) => String.fromCharCode(x)).join('');
    if (type === 2) return { kind: 'expand_sz', value: text(bytes).replace(/\0+$/, '') };
    if (type === 7) return { kind: 'multi_sz', value: text(bytes).split('\0').filter((x) => x !== '') };
    if (type === 4 && bytes.length >= 4) {
      return { kind: 'dword', value: (bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0 };
    }
    if (type === 0xb && bytes.length >= 8) {
      let v = 0n;
      for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]!);
      return { kind: 'qword', value: v };
    }
    if (type === 1) return { kind: 'sz', value: text(bytes).replace(/\0+$/, '') };
    return { kind: 'binary', type, value: bytes };
  }
  return `unrecognised value data "${d.slice(0, 40)}"`;
}

/**
 * Walks a .reg text and calls `visitor` for every value of a wanted key. Never throws; lines it
 * cannot read are counted in `problems` (the first few quoted).
 */
export function scanRegText(text: string, visitor: RegVisitor): RegScanResult {
  const result: RegScanResult = { header: null, keys: 0, problems: [] };
  let unreadable = 0;
  const problem = (msg: string): void => {
    unreadable++;
    if (result.problems.length < 10) result.problems.push(msg);
  };
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNo = 0;
  let key: string | null = null;
  let wanted = false;
  let unicode = true;

  const nextLine = (): string | null => {
    if (pos >= text.length) return null;
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    let line = text.slice(pos, nl);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    pos = nl + 1;
    lineNo++;
    return line;
  };

  for (let line = nextLine(); line !== null; line = nextLine()) {
    const t = line.trim();
    if (t === '' || t.startsWith(';')) continue;
    if (result.header === null && lineNo <= 3) {
      if (t === 'Windows Registry Editor Version 5.00') {
        result.header = t;
        continue;
      }
      if (t === 'REGEDIT4') {
        result.header = t;
        unicode = false;
        continue;
      }
    }
    if (t.startsWith('[') && t.endsWith(']')) {
      const inner = t.slice(1, -1);
      if (inner.startsWith('-')) {
        visitor.deletedKey?.(inner.slice(1), lineNo);
        key = null;
        wanted = false;
      } else {
        key = inner;
        result.keys++;
        wanted = visitor.wantKey(key);
      }
      continue;
    }
    if (t.startsWith('"') || t.startsWith('@=')) {
      let name: string;
      let rest: string;
      if (t.startsWith('@=')) {
        name = '';
        rest = t.slice(2);
      } else {
        const q = readQuoted(t, 0);
        if (!q || t[q.end] !== '=') {
          if (wanted) problem(`line ${lineNo}: unreadable value name`);
          continue;
        }
        name = q.text;
        rest = t.slice(q.end + 1);
      }
      // Binary data continues over lines ending in "\" (regedit wraps at ~80 columns). Whole-hive
      // exports hold multi-megabyte binary values: skip them unread when the key is not wanted, and
      // collect pieces in an array (no repeated string concatenation) when it is.
      const startLine = lineNo;
      const keep = wanted && key !== null;
      if (/^hex/i.test(rest) && rest.endsWith('\\')) {
        const pieces: string[] = keep ? [rest.slice(0, -1)] : [];
        for (;;) {
          const more = nextLine();
          if (more === null) break;
          const m = more.trim();
          const cont = m.endsWith('\\');
          if (keep) pieces.push(cont ? m.slice(0, -1) : m);
          if (!cont) break;
        }
        rest = pieces.join('');
      }
      if (!keep || key === null) continue;
      const v = parseData(rest, unicode);
      if (typeof v === 'string') problem(`line ${startLine}: ${v}`);
      else visitor.value(key, name, v, startLine);
      continue;
    }
    if (key !== null && wanted) problem(`line ${lineNo}: unexpected text "${t.slice(0, 40)}"`);
  }
  if (unreadable > result.problems.length) result.problems.push(`… ${unreadable - result.problems.length} more unreadable lines`);
  return result;
}

/** The per-service SID of a Windows service ("NT SERVICE\<name>"): SHA-1 of the upper-case name in UTF-16LE. */
export function serviceSid(serviceName: string): string {
  const hash = createHash('sha1').update(Buffer.from(serviceName.toUpperCase(), 'utf16le')).digest();
  const parts: number[] = [];
  for (let i = 0; i < 20; i += 4) parts.push(hash.readUInt32LE(i));
  return `S-1-5-80-${parts.join('-')}`;
}

const ADSYNC_SID = serviceSid('ADSync');

const WELL_KNOWN_SIDS: Record<string, string> = {
  'S-1-5-18': 'NT AUTHORITY\\SYSTEM',
  'S-1-5-19': 'NT AUTHORITY\\LOCAL SERVICE',
  'S-1-5-20': 'NT AUTHORITY\\NETWORK SERVICE',
  [ADSYNC_SID]: 'NT SERVICE\\ADSync',
};

const IS = String.raw`Software\Microsoft\Windows\CurrentVersion\Internet Settings`;

interface KeyRole {
  role: 'wininet' | 'connections' | 'policy' | 'environment';
  hive: string;
  sid?: string;
  user?: string;
  scope?: string;
  wow64?: boolean;
}

/** What a registry key is for us, or null. */
export function classifyKey(key: string): KeyRole | null {
  const k = key.replace(/\\+$/, '');
  const m = /^(HKEY_CURRENT_USER|HKCU|HKEY_LOCAL_MACHINE|HKLM|HKEY_USERS\\([^\\]+)|HKU\\([^\\]+))\\(.*)$/i.exec(k);
  if (!m) return null;
  const root = m[1]!.toUpperCase();
  const sid = m[2] ?? m[3];
  const sub = m[4]!;
  const subLower = sub.toLowerCase();
  const isLm = root === 'HKEY_LOCAL_MACHINE' || root === 'HKLM';
  const isCu = root === 'HKEY_CURRENT_USER' || root === 'HKCU';
  let hive: string;
  let user: string | undefined;
  if (isCu) hive = 'current-user';
  else if (isLm) hive = 'HKLM';
  else {
    if (sid!.toLowerCase().endsWith('_classes')) return null;
    user = WELL_KNOWN_SIDS[sid!] ?? (sid === '.DEFAULT' ? 'default profile (.DEFAULT)' : undefined);
    hive = sid === ADSYNC_SID ? 'service-account' : `HKU\\${sid}`;
  }
  const withSid = (r: KeyRole): KeyRole => (isCu || isLm ? r : { ...r, sid, user });

  if (!isLm && subLower === 'environment') return withSid({ role: 'environment', hive, scope: isCu ? 'user' : `user (${hive})` });
  if (isLm && /^system\\(currentcontrolset|controlset\d{3})\\control\\session manager\\environment$/.test(subLower)) {
    return { role: 'environment', hive, scope: 'machine' };
  }
  const isLower = IS.toLowerCase();
  const policyIs = String.raw`software\policies\microsoft\windows\currentversion\internet settings`;
  if (subLower === policyIs) return withSid({ role: 'policy', hive: isLm ? 'HKLM policy' : `${hive} policy` });
  let wow64 = false;
  let rel = subLower;
  if (isLm && rel.startsWith('software\\wow6432node\\')) {
    wow64 = true;
    rel = 'software\\' + rel.slice('software\\wow6432node\\'.length);
  }
  const h = wow64 ? `${hive} (WOW6432Node)` : hive;
  if (rel === isLower) return withSid({ role: 'wininet', hive: h, wow64 });
  if (rel === `${isLower}\\connections`) return withSid({ role: 'connections', hive: h, wow64 });
  return null;
}

const PROXY_ENV = /^(https?_proxy|no_proxy|all_proxy)$/i;

export interface RegExportResult {
  winInet: WinInetSettings[];
  winHttp: WinHttpSettings[];
  environment: EnvironmentProxy[];
  notes: string[];
}

/** Reads a registry export (any hive) and keeps the proxy settings in it. Never throws. */
export function parseRegExport(text: string, file: string): RegExportResult {
  const notes: string[] = [];
  const hives = new Map<string, WinInetSettings & { blobs: Map<string, Uint8Array> }>();
  const winHttp: WinHttpSettings[] = [];
  const environment: EnvironmentProxy[] = [];
  const envSeen = new Set<string>();
  let perUserPolicy: boolean | undefined;
  const roles = new Map<string, KeyRole | null>();

  const entry = (role: KeyRole, key: string): WinInetSettings & { blobs: Map<string, Uint8Array> } => {
    let e = hives.get(role.hive);
    if (!e) {
      e = { file, hive: role.hive, blobs: new Map() };
      if (role.sid) e.sid = role.sid;
      if (role.user) e.user = role.user;
      hives.set(role.hive, e);
    }
    if (role.role === 'wininet' || role.role === 'policy') e.keyPath = key;
    return e;
  };

  const scan = scanRegText(text, {
    wantKey(key) {
      const r = classifyKey(key);
      roles.set(key, r);
      return r !== null;
    },
    value(key, name, v) {
      const role = roles.get(key);
      if (!role) return;
      const n = name.toLowerCase();
      const str = v.kind === 'sz' || v.kind === 'expand_sz' ? v.value : undefined;
      const num = v.kind === 'dword' ? v.value : undefined;
      if (role.role === 'environment') {
        if (!PROXY_ENV.test(name) || str === undefined) return;
        const id = `${role.scope}|${name.toUpperCase()}|${str}`;
        if (envSeen.has(id)) return; // CurrentControlSet and ControlSet001 hold the same values
        envSeen.add(id);
        environment.push({ file, scope: role.scope ?? 'machine', name, value: str });
        return;
      }
      if (role.role === 'policy' && n === 'proxysettingsperuser' && num !== undefined && role.hive === 'HKLM policy') {
        perUserPolicy = num !== 0;
        return;
      }
      if (role.role === 'connections') {
        if (v.kind !== 'binary') return;
        if (n === 'winhttpsettings') {
          if (!role.hive.startsWith('HKLM')) return;
          const { settings, problems } = winHttpFromBlob(v.value, file, role.wow64 ? 'WinHttpSettings (WOW6432Node)' : 'WinHttpSettings');
          winHttp.push(settings);
          for (const p of problems) notes.push(`${file}: ${key}\\WinHttpSettings: ${p}`);
        } else if (n === 'defaultconnectionsettings' || n === 'savedlegacysettings') {
          entry(role, key).blobs.set(n, v.value);
        }
        return;
      }
      // Internet Settings values (user, machine or policy key)
      const e = entry(role, key);
      if (v.kind === 'deleted') {
        if (n === 'proxyenable') delete e.proxyEnable;
        if (n === 'proxyserver') delete e.proxyServer;
        if (n === 'proxyoverride') delete e.proxyOverride;
        if (n === 'autoconfigurl') delete e.autoConfigUrl;
        if (n === 'autodetect') delete e.autoDetect;
        return;
      }
      if (n === 'proxyenable' && num !== undefined) e.proxyEnable = num !== 0;
      else if (n === 'proxyserver' && str !== undefined) e.proxyServer = str;
      else if (n === 'proxyoverride' && str !== undefined) e.proxyOverride = str;
      else if (n === 'autoconfigurl' && str !== undefined) e.autoConfigUrl = str;
      else if (n === 'autodetect' && num !== undefined) e.autoDetect = num !== 0;
    },
  });

  if (scan.header === null) {
    notes.push(`${file}: no "Windows Registry Editor Version 5.00" or "REGEDIT4" header; read as registry export anyway`);
  }
  for (const p of scan.problems) notes.push(`${file}: ${p}`);

  const winInet: WinInetSettings[] = [];
  for (const e of hives.values()) {
    const { blobs, ...settings } = e;
    const blob = blobs.get('defaultconnectionsettings') ?? blobs.get('savedlegacysettings');
    if (blob) {
      if (!blobs.has('defaultconnectionsettings')) {
        notes.push(`${file}: ${e.hive} has only SavedLegacySettings (no DefaultConnectionSettings); read from it`);
      }
      const problems = applyConnectionSettingsBlob(settings, blob);
      for (const p of problems) notes.push(`${file}: ${e.hive} DefaultConnectionSettings: ${p}`);
    }
    const hasAny =
      settings.proxyEnable !== undefined ||
      settings.proxyServer !== undefined ||
      settings.autoConfigUrl !== undefined ||
      settings.autoDetect !== undefined ||
      settings.proxyOverride !== undefined ||
      settings.connectionSettings !== undefined;
    if (!hasAny) continue;
    if (perUserPolicy !== undefined) settings.proxySettingsPerUser = perUserPolicy;
    winInet.push(settings);
  }
  return { winInet, winHttp, environment, notes };
}

/**
 * Decodes a WinINET DefaultConnectionSettings (or SavedLegacySettings) blob into
 * `s.connectionSettings` and fills from it what the named values leave unset. Returns the blob's problems.
 */
export function applyConnectionSettingsBlob(s: WinInetSettings, blob: Uint8Array): string[] {
  const cs = parseConnectionSettingsBlob(blob, 'wininet');
  s.connectionSettings = {
    flags: cs.flags,
    direct: cs.direct,
    proxyEnabled: cs.proxyEnabled,
    autoConfigUrlEnabled: cs.autoConfigUrlEnabled,
    autoDetect: cs.autoDetect,
    proxyServer: cs.proxyServer,
    bypassList: cs.bypassList,
    autoConfigUrl: cs.autoConfigUrl,
    usable: cs.usable,
  };
  fillFromBlob(s);
  return cs.problems;
}

/**
 * The named values (ProxyEnable, ProxyServer, …) are what Internet Options shows; the blob is what
 * WinINET and .NET read. Named values win when both exist; the blob fills what is missing.
 */
function fillFromBlob(s: WinInetSettings): void {
  const cs = s.connectionSettings;
  if (!cs || !cs.usable) return;
  s.proxyEnable ??= cs.proxyEnabled;
  if (s.proxyServer === undefined && cs.proxyServer) s.proxyServer = cs.proxyServer;
  if (s.proxyOverride === undefined && cs.bypassList) s.proxyOverride = cs.bypassList;
  if (s.autoConfigUrl === undefined && cs.autoConfigUrlEnabled && cs.autoConfigUrl) s.autoConfigUrl = cs.autoConfigUrl;
  s.autoDetect ??= cs.autoDetect;
}
