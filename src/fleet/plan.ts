// Scans the inputs for what tells servers apart (identify.ts has the rules): walks the paths, lists
// the members of zips, reads bundle manifests, and reads the first bytes of loose files and of
// collector event logs for the computer they name. Nothing else is read here; the evidence is read
// afterwards, per server (run.ts), by the same walker, so the display paths are the same.
import { dirname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { decodeComplete, detectEncoding } from '../evidence/decode.js';
import { streamEntry, walkInputs, type InputEntry } from '../evidence/input.js';
import { HEAD_BYTES, recognizeFormat } from '../evidence/recognize.js';
import { isRelevantProvider } from '../evidence/relevance.js';
import type { ZipInputEntry } from '../evidence/zip.js';
import type { EvidenceRouter } from '../evidence/collect-evidence.js';
import { InputError } from '../model/errors.js';
import { collectorRoot, hostKey, identify, SHARED_ZIP, type Identification, type ScannedEntry } from './identify.js';

export interface Plan extends Identification {
  /** The given paths, resolved (standard input stays '-'). */
  given: string[];
  /** The paths as given, for the walker. */
  paths: string[];
  /** Standard input, replaying the bytes the plan read, for the collection (when '-' was given). */
  stdin?: NodeJS.ReadableStream;
}

interface Listed {
  entry: InputEntry;
  scanned: ScannedEntry;
}

const ZIP_MAGIC = 0x04034b50;
const EVTX_HEAD = 4096 + 65536;

export async function planServers(paths: string[], opts: { stdin?: NodeJS.ReadableStream } = {}): Promise<Plan> {
  if (paths.length === 0) throw new InputError('no input given');
  const listed: Listed[] = [];
  const given: string[] = [];
  let stdin: NodeJS.ReadableStream | undefined;
  for (const p of paths) {
    if (p === '-') {
      if (stdin) throw new InputError('standard input (-) given twice');
      const se = streamEntry(opts.stdin ?? process.stdin, '(stdin)');
      const head = await se.readHead(HEAD_BYTES);
      const scanned: ScannedEntry = { display: se.displayPath, chain: [], diskFile: '-' };
      await nameFromHead(scanned, head, recognizeFormat(head, se.displayPath));
      listed.push({ entry: se, scanned });
      stdin = await se.open();
      given.push('-');
      continue;
    }
    const root = resolve(p);
    given.push(root);
    for await (const e of walkInputs([p])) {
      const abs = resolve(e.path);
      const chain: string[] = [];
      if (e.path === p) chain.push(dirname(abs));
      else for (let d = dirname(abs); ; d = dirname(d)) {
        chain.push(d);
        if (d === root || dirname(d) === d) break;
      }
      const scanned: ScannedEntry = { display: e.displayPath, chain, diskFile: abs };
      listed.push({ entry: e, scanned });
      let magic: Buffer;
      try {
        magic = await e.readHead(4);
      } catch {
        continue; // the collection says why it cannot be read
      }
      if (magic.length === 4 && magic.readUInt32LE(0) === ZIP_MAGIC) {
        scanned.zip = true;
        await listZip(e, abs, chain, listed);
      }
    }
  }

  // Manifests first: what lies under a bundle needs no more reading here.
  for (const { entry, scanned } of listed) {
    if (scanned.zip || !/(?:^|\/)manifest\.json$/i.test(scanned.display)) continue;
    const host = await manifestHost(entry);
    if (host !== undefined) scanned.manifestHost = host;
  }
  const bundleRoots = listed.filter((l) => l.scanned.manifestHost !== undefined).map((l) => dirOf(l.scanned.display));
  const inBundle = (d: string) => bundleRoots.some((r) => r === '' || d.startsWith(r + '/'));
  const hostFiles = new Set<string>();
  for (const { scanned } of listed) {
    const root = collectorRoot(scanned.display);
    if (root && /(?:^|\/)[^/]+?_(?:Application|SystemEvent|System|Security|CAPI2_Operational|Setup)\.evtx$|RUNHISTORY\/[^/]+?_Get-ADSync/i.test(scanned.display)) hostFiles.add(root);
  }
  for (const { entry, scanned } of listed) {
    if (scanned.zip || scanned.manifestHost !== undefined || inBundle(scanned.display)) continue;
    const root = collectorRoot(scanned.display);
    // A collector run named by its file names needs no content; one that is not, its event logs'.
    if (root && (hostFiles.has(root) || !/\.(?:evtx|xml)$/i.test(scanned.display))) continue;
    if (scanned.diskFile === '-') continue; // read above
    let head: Buffer;
    try {
      head = await entry.readHead(HEAD_BYTES);
    } catch {
      continue;
    }
    const format = recognizeFormat(head, scanned.display);
    if (format === 'evtx' && head.length >= HEAD_BYTES) {
      try {
        head = await entry.readHead(EVTX_HEAD);
      } catch {
        // the first 64 KiB will do
      }
    }
    await nameFromHead(scanned, head, format);
  }

  const id = identify(
    listed.map((l) => l.scanned),
    given,
  );
  return { ...id, given, paths, ...(stdin ? { stdin } : {}) };
}

async function listZip(e: InputEntry, abs: string, chain: string[], listed: Listed[]): Promise<void> {
  if (e.path === '-') return;
  const { zipEntries } = await import('../evidence/zip.js');
  try {
    for await (const m of zipEntries(e.path, { displayName: e.displayPath })) {
      listed.push({ entry: m, scanned: { display: m.displayPath, chain: [...memberDirs(abs, (m as ZipInputEntry).path), ...chain], diskFile: abs } });
    }
  } catch {
    // An unreadable zip: the collection says why (it stays one input of its folder's server).
  }
}

/** `/abs/x.zip!/a/b`, `/abs/x.zip!/a`, `/abs/x.zip!` for a member at a/b/file. */
function memberDirs(zipAbs: string, logical: string): string[] {
  const parts = logical.split('/').slice(0, -1);
  const out: string[] = [];
  for (let i = parts.length; i > 0; i--) out.push(`${zipAbs}!/${parts.slice(0, i).join('/')}`);
  out.push(`${zipAbs}!`);
  return out;
}

function dirOf(display: string): string {
  const i = display.lastIndexOf('/');
  return i < 0 ? '' : display.slice(0, i);
}

/** The host a bundle manifest names: a string, null (a manifest naming none), undefined (not a manifest). */
async function manifestHost(entry: InputEntry): Promise<string | null | undefined> {
  let head: Buffer;
  try {
    head = await entry.readHead(HEAD_BYTES);
  } catch {
    return undefined;
  }
  const text = decodeComplete(head, detectEncoding(head)).replace(/^\uFEFF/, '');
  if (!text.includes('aadsync-diagnose/manifest@1')) return undefined;
  try {
    const m = JSON.parse(text) as { schema?: unknown; host?: unknown };
    if (m.schema !== 'aadsync-diagnose/manifest@1') return undefined;
    return typeof m.host === 'string' && hostKey(m.host) ? m.host : null;
  } catch {
    // Cut at HEAD_BYTES (a manifest listing thousands of files): the host sits near the start.
    const h = /"host"\s*:\s*"([^"\\]{1,255})"/.exec(text);
    return h && hostKey(h[1]) ? h[1]! : null;
  }
}

const XML_EVENT = /<Event[\s>][\s\S]*?<\/Event>/g;
const XML_PROVIDER = /<Provider\b[^>]*?\b(?:Name|EventSourceName)\s*=\s*(["'])([^"']*)\1/;
const XML_COMPUTER = /<Computer>\s*([^<]*?)\s*<\/Computer>/;
const REG_COMPUTER = /^"ComputerName"="([^"\r\n]{1,255})"/gim;

/** The computers the first bytes of a file name (event XML and .evtx: events; a registry export: ComputerName). */
async function nameFromHead(scanned: ScannedEntry, head: Buffer, format: string): Promise<void> {
  const counts = new Map<string, number>();
  const add = (name: string) => {
    if (hostKey(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
  };
  if (format === 'event-xml' || format === 'evtx') {
    // The computers of the Azure AD Connect events (the only ones analyze reads); a log holding none
    // of those in its first events is named by its commonest computer (where the log was written).
    const events: { provider: string; computer: string }[] = [];
    if (format === 'evtx') events.push(...(await evtxComputers(head)));
    else {
      for (const m of decodeComplete(head, detectEncoding(head)).matchAll(XML_EVENT)) {
        const c = XML_COMPUTER.exec(m[0])?.[1];
        if (c !== undefined) events.push({ provider: XML_PROVIDER.exec(m[0])?.[2] ?? '', computer: c });
      }
    }
    const relevant = events.filter((e) => isRelevantProvider(e.provider));
    for (const e of relevant.length ? relevant : events) add(e.computer);
    if (!relevant.length && counts.size > 1) {
      const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
      counts.clear();
      counts.set(top[0], top[1]);
    }
    scanned.namedBy = 'events';
  } else if (format === 'reg-export') {
    for (const m of decodeComplete(head, detectEncoding(head)).matchAll(REG_COMPUTER)) add(m[1]!);
    scanned.namedBy = 'registry';
  }
  if (counts.size === 0) {
    delete scanned.namedBy;
    return;
  }
  scanned.computers = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([n]) => n);
}

/** Computers of the records in the first chunk of an .evtx (the head holds the file header and one chunk). */
async function evtxComputers(head: Buffer): Promise<{ provider: string; computer: string }[]> {
  const names: { provider: string; computer: string }[] = [];
  const { readEvtx } = await import('../evidence/readers/evtx/index.js');
  try {
    for await (const ev of readEvtx({ path: 'head', open: async () => Readable.from([head]) }, { verifyChecksums: false })) {
      if (ev.computer) names.push({ provider: ev.provider, computer: ev.computer });
    }
  } catch {
    // a damaged head names nothing
  }
  return names;
}

/** The router collect-evidence uses for the inputs read together (not alone in a worker). */
export function routerFor(id: Pick<Identification, 'unitOf' | 'byComputer' | 'eventUnits' | 'units'>, opts: { skipStandalone: boolean }): EvidenceRouter {
  const standalone = new Set(opts.skipStandalone ? id.units.filter((u) => u.standaloneRoot).map((u) => u.key) : []);
  return {
    unitOf(display) {
      const key = id.unitOf.get(display);
      // Not seen while planning (it cannot be, the walk is the same): kept rather than lost.
      if (key === undefined) return id.units.length === 1 ? id.units[0]!.key : 'unplanned';
      if (key === SHARED_ZIP) return key;
      return standalone.has(key) ? null : key;
    },
    unitOfEvent(display, computer) {
      const own = id.byComputer.get(display);
      if (own === undefined) return undefined;
      const k = hostKey(computer);
      if (k === null) return own;
      const key = id.eventUnits.get(`${display}\n${k}`) ?? `host:${k}`;
      if (key === own) return own;
      // A name first met deep in the file whose server is read alone elsewhere: left out, and said.
      return standalone.has(key) ? null : key;
    },
  };
}
