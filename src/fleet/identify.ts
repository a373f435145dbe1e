// Which server each input came from (issue 14: one diagnosis per server). Pure: src/fleet/plan.ts
// scans the inputs (paths, zips, the first bytes of some files) and hands the facts to identify().
//
// The rules, in order:
// 1. A bundle made by `run` (a folder or zip holding manifest.json, schema aadsync-diagnose/manifest@1)
//    is one server: everything under the manifest's folder, named by the manifest's `host`.
// 2. A Microsoft collector's run (MECLOG/AADCLOG `<yyyyMMdd-HHmmss>` folder, an
//    AADCloudProvisioningDiagnostics zip) is one server, named by its `<HOST>_…` file names, else by
//    the computer its event logs name.
// 3. Loose files name a computer when their content does (the `<Computer>` of their events, a registry
//    export's ComputerName). A file goes to the server it names; a file whose events name several
//    computers is read once and each event goes to its own computer's server.
// 4. A loose file that names no computer goes to the server named by the evidence of the folder it
//    came in (the nearest enclosing folder whose evidence names any server), when that is exactly one.
//    When that folder holds evidence of several servers, the file is kept apart: diagnosed on its own,
//    never with either, and the report says so. When nothing anywhere names a server, all such files
//    are one server of unknown name (analyze of one server, as before).
// Names are compared by their first DNS label, case-insensitively (AADC01.contoso.com is AADC01).

export type IdentifiedBy = 'bundle-manifest' | 'collector' | 'events' | 'registry' | 'folder' | 'kept-apart' | 'none';

/** What plan.ts found out about one input file (a file on disk, a zip member, standard input). */
export interface ScannedEntry {
  /** The display path the evidence walker gives it (collect-evidence, zip.ts). */
  display: string;
  /** The folders it came in, nearest first (`/abs/dir`, `/abs/x.zip!/dir`, `/abs/x.zip!`), as keys. */
  chain: string[];
  /** The file on disk holding it: itself, or its outermost zip ('-' for standard input). */
  diskFile: string;
  /** Whether it is a zip (listed for routing; its members are entries of their own). */
  zip?: boolean;
  /** A bundle manifest: the host it names (null when the manifest names none). */
  manifestHost?: string | null;
  /** Computer names its content gives, most frequent first (events' Computer, a registry ComputerName). */
  computers?: string[];
  /** How the computers were found: events or a registry export. */
  namedBy?: 'events' | 'registry';
}

export interface ServerUnit {
  key: string;
  /** The server's name (AADC01), or a label when none is known. */
  name: string;
  identifiedBy: IdentifiedBy;
  /** Display paths of the inputs it is read from (files and zip members). */
  entries: string[];
  /** Bundles, collector runs and folders it came from, for the summary. */
  sources: string[];
  /** Why inputs of this set were kept apart from (or joined to) this server. */
  notes: string[];
  /** A file or folder on disk holding this server's inputs and nothing else: read alone (a worker task). */
  standaloneRoot?: string;
}

export interface KeptApart {
  inputs: string[];
  server: string;
  reason: string;
}

export interface Identification {
  units: ServerUnit[];
  /** Display path of each input (and zip) -> unit key; SHARED_ZIP for a zip feeding several units. */
  unitOf: Map<string, string>;
  /** Loose files read by computer: display path -> the unit of their own computer. */
  byComputer: Map<string, string>;
  /** For those files: `display\ncomputer key` -> the unit of that computer's events (else `host:<key>`). */
  eventUnits: Map<string, string>;
  keptApart: KeptApart[];
}

export const SHARED_ZIP = '*';

/** A computer name as a comparison key: its first DNS label, upper case; null when it names nothing. */
export function hostKey(name: string | null | undefined): string | null {
  if (name === null || name === undefined) return null;
  const t = name.trim().replace(/^\\\\/, '');
  if (t === '' || /^(?:localhost|-|\.|\(none\)|unknown|null)$/i.test(t)) return null;
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(t)) return t;
  const label = t.split('.')[0]!.toUpperCase();
  return label === '' ? null : label;
}

const COLLECTOR_RUN = /^(.*?(?:^|\/)(?:MECLOG|AADCLOG)\/\d{8}-\d{6})\//i;
const COLLECTOR_BARE_RUN = /^(.*?(?:^|\/)\d{8}-\d{6})\/(?:CONFIG|EVENTLOG|AADCTRACE|RUNHISTORY|CSEXPORT|OBJECT|NETTRACE|GETOBJ)\//i;
const CLOUD_SYNC_ZIP = /^(.*?(?:^|\/)AADCloudProvisioningDiagnostics-\d{8}-\d{6}[^/]*\.zip!)\//i;
const COLLECTOR_HOST_FILE = /(?:^|\/)([^/]+?)_(?:Application|SystemEvent|System|Security|CAPI2_Operational|Setup)\.evtx$|(?:^|\/)RUNHISTORY\/([^/]+?)_Get-ADSync/i;

/** The collector run a display path lies in (its display prefix), or null. */
export function collectorRoot(display: string): string | null {
  const p = display.replace(/\\/g, '/');
  return COLLECTOR_RUN.exec(p)?.[1] ?? COLLECTOR_BARE_RUN.exec(p)?.[1] ?? CLOUD_SYNC_ZIP.exec(p)?.[1] ?? null;
}

function under(display: string, root: string): boolean {
  return display.startsWith(root + '/');
}

function dirOfDisplay(display: string): string {
  const i = display.lastIndexOf('/');
  return i < 0 ? '' : display.slice(0, i);
}

/** Counts names by key, keeping the most common spelling of each. */
class Names {
  private readonly counts = new Map<string, Map<string, number>>();
  add(name: string, n = 1): string | null {
    const key = hostKey(name);
    if (!key) return null;
    let m = this.counts.get(key);
    if (!m) this.counts.set(key, (m = new Map()));
    const spelled = name.trim();
    m.set(spelled, (m.get(spelled) ?? 0) + n);
    return key;
  }
  keys(): string[] {
    return [...this.counts.keys()];
  }
  spelling(key: string): string {
    const m = this.counts.get(key);
    if (!m) return key;
    // The short name when both forms are seen (AADC01 rather than AADC01.contoso.com), else the commonest.
    const forms = [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1));
    const short = forms.find(([f]) => !f.includes('.'));
    return (short ?? forms[0]!)[0];
  }
}

export function identify(entries: ScannedEntry[], given: string[]): Identification {
  const units = new Map<string, ServerUnit>();
  const unitOf = new Map<string, string>();
  const byComputer = new Map<string, string>();
  const eventUnits = new Map<string, string>();
  const keptApart: KeptApart[] = [];
  /** The name key of each unit (bundles and collectors may have none). */
  const nameKey = new Map<string, string | null>();

  const unit = (key: string, name: string, identifiedBy: IdentifiedBy, k: string | null): ServerUnit => {
    let u = units.get(key);
    if (!u) {
      units.set(key, (u = { key, name, identifiedBy, entries: [], sources: [], notes: [] }));
      nameKey.set(key, k);
    }
    return u;
  };
  const assign = (e: ScannedEntry, u: ServerUnit, source?: string) => {
    unitOf.set(e.display, u.key);
    u.entries.push(e.display);
    if (source && !u.sources.includes(source)) u.sources.push(source);
  };

  const files = entries.filter((e) => !e.zip);

  // 1. Bundles: each is one server (two bundles of one host name are two collections, maybe two
  //    customers' AADC01, and a redacted bundle's host is a token such as host-1: never merged).
  const bundleRoots: { root: string; host: string | null }[] = [];
  for (const e of files) if (e.manifestHost !== undefined) bundleRoots.push({ root: dirOfDisplay(e.display), host: e.manifestHost });
  // The innermost bundle wins when one sits inside another.
  bundleRoots.sort((a, b) => b.root.length - a.root.length);
  const bundleOf = (display: string) => bundleRoots.find((b) => (b.root === '' ? true : under(display, b.root)));

  // 2. Collector runs, likewise one server each: named by <HOST>_ file names, else by their events.
  const collectorHosts = new Map<string, Names>();
  const collectorEvents = new Map<string, Names>();
  for (const e of files) {
    if (bundleOf(e.display)) continue;
    const root = collectorRoot(e.display);
    if (!root) continue;
    const m = COLLECTOR_HOST_FILE.exec(e.display.replace(/\\/g, '/'));
    const host = m?.[1] ?? m?.[2];
    if (host) {
      if (!collectorHosts.has(root)) collectorHosts.set(root, new Names());
      collectorHosts.get(root)!.add(host);
    }
    if (e.namedBy === 'events' && e.computers?.length) {
      if (!collectorEvents.has(root)) collectorEvents.set(root, new Names());
      for (const c of e.computers) collectorEvents.get(root)!.add(c);
    }
  }

  const loose: ScannedEntry[] = [];
  for (const e of files) {
    const b = bundleOf(e.display);
    if (b) {
      const label = b.root === '' ? '.' : b.root.replace(/!$/, '');
      const u = unit(`bundle:${b.root}`, b.host ?? label, 'bundle-manifest', hostKey(b.host));
      assign(e, u, `bundle ${label}`);
      continue;
    }
    const root = collectorRoot(e.display);
    if (root) {
      const hosts = collectorHosts.get(root) ?? collectorEvents.get(root);
      const keys = hosts?.keys() ?? [];
      const spelled = keys.length ? hosts!.spelling(keys[0]!) : null;
      const u = unit(`collector:${root}`, spelled ?? root, 'collector', keys[0] ?? null);
      if (keys.length > 1 && u.notes.length === 0) {
        u.notes.push(`collector run ${root} names several computers (${keys.map((x) => hosts!.spelling(x)).join(', ')}): read as ${spelled}, the name its files carry most`);
      }
      assign(e, u, `collector ${root.replace(/!$/, '')}`);
      continue;
    }
    loose.push(e);
  }

  // Which units have evidence under each folder.
  const folderUnits = new Map<string, Set<string>>();
  const addToFolders = (e: ScannedEntry, key: string) => {
    for (const dir of e.chain) {
      let s = folderUnits.get(dir);
      if (!s) folderUnits.set(dir, (s = new Set()));
      s.add(key);
    }
  };
  for (const e of files) {
    const key = unitOf.get(e.display);
    if (key) addToFolders(e, key);
  }
  const anchored = new Set(units.keys());

  // 3. Loose files that name a computer: the bundle or collector run of that name nearest to them
  //    (in the folder they came in, or one above), else the server of that name among loose files.
  const names = new Names();
  /**
   * The bundle or collector run named k that e belongs with: in the nearest folder around e holding
   * any, the one of that name when that is e's own folder; further up, only when it is the only one
   * there (a folder of many tickets is no evidence that two of them are one server).
   */
  const anchoredNamed = (e: ScannedEntry, k: string): string | null => {
    for (let i = 0; i < e.chain.length; i++) {
      const here = [...(folderUnits.get(e.chain[i]!) ?? [])].filter((key) => anchored.has(key));
      if (here.length === 0) continue;
      const named = here.filter((key) => nameKey.get(key) === k);
      if (named.length === 1 && (i === 0 || here.length === 1)) return named[0]!;
      return null;
    }
    return null;
  };
  const unitForName = (e: ScannedEntry, k: string, spelled: string, by: IdentifiedBy): ServerUnit => {
    const key = anchoredNamed(e, k);
    return key ? units.get(key)! : unit(`host:${k}`, spelled, by, k);
  };
  const unnamed: ScannedEntry[] = [];
  for (const e of loose) {
    const spelledByKey = new Map<string, string>();
    for (const c of e.computers ?? []) {
      const k = names.add(c);
      if (k && !spelledByKey.has(k)) spelledByKey.set(k, c.trim());
    }
    const distinct = [...spelledByKey.keys()];
    if (distinct.length === 0) {
      unnamed.push(e);
      continue;
    }
    const by: IdentifiedBy = e.namedBy === 'registry' ? 'registry' : 'events';
    const own = unitForName(e, distinct[0]!, spelledByKey.get(distinct[0]!)!, by);
    assign(e, own, `files in ${folderLabel(e)}`);
    addToFolders(e, own.key);
    if (e.namedBy !== 'events') continue;
    byComputer.set(e.display, own.key);
    eventUnits.set(`${e.display}\n${distinct[0]}`, own.key);
    // Every event goes to its own computer's server: for the names in this file's first events, the
    // server decided here; a name met further in goes to the loose server of that name (plan.ts routerFor).
    for (const k of distinct.slice(1)) {
      const u = unitForName(e, k, spelledByKey.get(k)!, 'events');
      eventUnits.set(`${e.display}\n${k}`, u.key);
      if (!u.sources.includes(`events of ${e.display}`)) u.sources.push(`events of ${e.display}`);
      addToFolders(e, u.key);
    }
    if (distinct.length > 1) {
      const who = distinct.map((k) => spelledByKey.get(k)!).join(', ');
      keptApart.push({ inputs: [e.display], server: who, reason: `its events name ${distinct.length} computers (${who}): each computer's events are diagnosed as that server's` });
    }
  }
  // Loose servers are called by the commonest spelling of their name.
  for (const u of units.values()) if (u.key.startsWith('host:')) u.name = names.spelling(u.key.slice(5));

  // Loose files naming different computers in one folder are never merged: say so.
  const looseByFolder = new Map<string, Map<string, string[]>>();
  for (const e of loose) {
    const key = unitOf.get(e.display);
    if (!key || e.chain[0] === undefined) continue;
    let m = looseByFolder.get(e.chain[0]);
    if (!m) looseByFolder.set(e.chain[0], (m = new Map()));
    m.set(key, [...(m.get(key) ?? []), e.display]);
  }
  for (const m of looseByFolder.values()) {
    if (m.size < 2) continue;
    for (const [key, displays] of m) {
      const u = units.get(key)!;
      const others = [...m.keys()].filter((k) => k !== key).map((k) => units.get(k)!.name);
      const reason = `they name computer ${u.name}; other files in the same folder name ${others.join(', ')}: diagnosed as separate servers`;
      keptApart.push({ inputs: displays, server: u.name, reason });
      u.notes.push(`${displays.join(', ')}: ${reason}`);
    }
  }

  // 4. Loose files that name no computer: the server of their folder, if there is exactly one.
  const apart = new Map<string, { dir: string; label: string; servers: string[]; entries: ScannedEntry[] }>();
  const keepApart = (dir: string, label: string, servers: Set<string>, e: ScannedEntry) => {
    const a = apart.get(dir) ?? { dir, label, servers: [...servers].map((k) => units.get(k)!.name), entries: [] };
    a.entries.push(e);
    apart.set(dir, a);
  };
  for (const e of unnamed) {
    let decided = false;
    for (let i = 0; i < e.chain.length; i++) {
      const s = folderUnits.get(e.chain[i]!);
      if (!s || s.size === 0) continue;
      decided = true;
      if (s.size === 1) assign(e, units.get([...s][0]!)!, `files in ${folderLabel(e)}`);
      else keepApart(e.chain[i]!, folderLabel(e, i), s, e);
      break;
    }
    if (decided) continue;
    // No folder around it holds named evidence: the whole set decides.
    const every = new Set([...units.keys()].filter((k) => k !== 'unknown'));
    if (every.size === 1) assign(e, units.get([...every][0]!)!, `files in ${folderLabel(e)}`);
    else if (every.size === 0) assign(e, unit('unknown', 'unknown server', 'none', null), `files in ${folderLabel(e)}`);
    else keepApart('', 'the inputs', every, e);
  }
  for (const a of apart.values()) {
    const label = a.dir === '' ? 'files naming no computer' : `files naming no computer in ${a.label}`;
    const u = unit(`apart:${a.dir}`, label, 'kept-apart', null);
    const reason = `they name no computer, and ${a.dir === '' ? 'the inputs hold' : `their folder ${a.label} holds`} evidence of ${a.servers.length} servers (${[...a.servers].sort().join(', ')}): kept apart, diagnosed on their own`;
    for (const e of a.entries) assign(e, u, a.label);
    u.notes.push(`${a.entries.map((e) => e.display).join(', ')}: ${reason}`);
    keptApart.push({ inputs: a.entries.map((e) => e.display), server: label, reason });
  }

  // A server named only by another computer's file has no input of its own: its events come by routing.
  // Zips: the unit of their members, or shared.
  for (const z of entries.filter((e) => e.zip)) {
    const keys = new Set<string>();
    for (const e of files) if (e.display.startsWith(z.display + '!/')) keys.add(unitOf.get(e.display)!);
    unitOf.set(z.display, keys.size === 1 ? [...keys][0]! : SHARED_ZIP);
  }

  // Files read by computer need the walk that routes their events: they, and the servers their events
  // go to, are read together, never alone.
  const routed = new Set<string>([...byComputer.values(), ...eventUnits.values()]);
  for (const u of units.values()) if (u.entries.length === 0) routed.add(u.key);
  standaloneRoots(units, entries, given, routed);
  const ordered = [...units.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.key < b.key ? -1 : 1));
  return { units: ordered, unitOf, byComputer, eventUnits, keptApart };
}

/** The folder an entry came in (i = 0) or the i-th one above, as its display path shows it. */
function folderLabel(e: ScannedEntry, i = 0): string {
  let d = e.display;
  for (let k = 0; k <= i; k++) {
    const cut = d.lastIndexOf('/');
    d = cut < 0 ? '' : d.slice(0, cut);
    if (d.endsWith('!')) break; // a zip's root
  }
  return d === '' ? '.' : d;
}

/**
 * A unit whose inputs are all the inputs under one file or folder on disk, inside what was given, is
 * read alone (in a worker): the folder of a bundle, a bundle zip, a collector's folder or zip.
 */
function standaloneRoots(units: Map<string, ServerUnit>, entries: ScannedEntry[], given: string[], routed: Set<string>): void {
  const givenAbs = given.filter((g) => g !== '-');
  const byDisk = new Map<string, Set<string>>();
  const unitOfDisplay = new Map<string, string>();
  for (const u of units.values()) for (const d of u.entries) unitOfDisplay.set(d, u.key);
  for (const e of entries) {
    if (e.zip) continue;
    const k = unitOfDisplay.get(e.display);
    if (!k) continue;
    let s = byDisk.get(e.diskFile);
    if (!s) byDisk.set(e.diskFile, (s = new Set()));
    s.add(k);
  }
  // Which units have files at or under each path (a file, and every folder above it): one pass.
  const under = new Map<string, Set<string>>();
  for (const [disk, keys] of byDisk) {
    for (let p = disk; ; ) {
      let s = under.get(p);
      if (!s) under.set(p, (s = new Set()));
      for (const k of keys) s.add(k);
      const cut = p.lastIndexOf('/');
      if (cut <= 0) break;
      p = p.slice(0, cut);
    }
  }
  const entryByDisplay = new Map(entries.map((e) => [e.display, e]));
  for (const u of units.values()) {
    if (routed.has(u.key)) continue;
    const disks = [...new Set(u.entries.map((d) => entryByDisplay.get(d)?.diskFile ?? '-'))];
    if (disks.length === 0 || disks.includes('-')) continue;
    const root = disks.length === 1 ? disks[0]! : commonDir(disks);
    if (!root) continue;
    if (!givenAbs.some((g) => root === g || root.startsWith(g.endsWith('/') ? g : g + '/'))) continue;
    const there = under.get(root);
    if (there && there.size === 1 && there.has(u.key)) u.standaloneRoot = root;
  }
}

function commonDir(paths: string[]): string | null {
  const parts = paths.map((p) => p.split('/'));
  const first = parts[0]!;
  let n = first.length - 1; // a folder, never the first file itself
  for (const p of parts.slice(1)) {
    let i = 0;
    while (i < n && i < p.length - 1 && p[i] === first[i]) i++;
    n = i;
  }
  if (n <= 1) return null;
  return first.slice(0, n).join('/');
}
