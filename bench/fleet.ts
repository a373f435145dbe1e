// Inputs of the fleet cases (issue 14): a support desk's folder of bundles, built from the example
// bundle (examples/bundle-proxy-bypass, the layout `run` writes) in three kinds, each with its own host:
//   bypass   the example as it is (machine.config without a proxy, 906 name-resolution failures)
//   rejected the example's config with the 407 example's machine.config, events and trace
//   healthy  the healthy example's machine.config, events and netsh output; no trace, sync or probes
// Deterministic: bundle i is kind i % 3, host FLEET-<i>. Written once (cached by the caller).
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './tool.js';

export type BundleKind = 'bypass' | 'rejected' | 'healthy';
export const KINDS: BundleKind[] = ['bypass', 'rejected', 'healthy'];

const examples = join(REPO, 'examples');

/** The example file with every `<Computer>` naming `computer`, in its own encoding (UTF-16 LE with BOM, or UTF-8). */
function renamed(file: string, computer: string): Buffer {
  const b = readFileSync(file);
  const utf16 = b[0] === 0xff && b[1] === 0xfe;
  const text = (utf16 ? b.subarray(2).toString('utf16le') : b.toString('utf8')).replace(/<Computer>[^<]*<\/Computer>/g, `<Computer>${computer}</Computer>`);
  return utf16 ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) : Buffer.from(text, 'utf8');
}

/** One bundle folder of the given kind at `dir`, its manifest naming `host`. */
export function writeBundle(dir: string, kind: BundleKind, host: string): void {
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(examples, 'bundle-proxy-bypass'), dir, { recursive: true });
  rmSync(join(dir, 'README.md'), { force: true });
  const manifest = join(dir, 'manifest.json');
  writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/"host":"[^"]*"/, `"host":"${host}"`));
  const fqdn = `${host}.contoso.local`;
  const events = join(dir, 'events');
  const eventFile = readdirSync(events)[0]!;
  const example = kind === 'rejected' ? 'proxy-auth-407' : kind === 'healthy' ? 'healthy' : null;
  if (!example) {
    writeFileSync(join(events, eventFile), renamed(join(events, eventFile), fqdn));
    return;
  }
  writeFileSync(join(events, eventFile), renamed(join(examples, example, 'Application-DirectorySynchronization.xml'), fqdn));
  for (const fw of ['Framework', 'Framework64']) cpSync(join(examples, example, 'machine.config'), join(dir, 'config', fw, 'machine.config'));
  rmSync(join(dir, 'traces'), { recursive: true, force: true });
  rmSync(join(dir, 'sync'), { recursive: true, force: true });
  rmSync(join(dir, 'probes'), { recursive: true, force: true });
  if (kind === 'rejected') {
    mkdirSync(join(dir, 'traces'), { recursive: true });
    cpSync(join(examples, 'proxy-auth-407', 'trace-20261125-090544.log'), join(dir, 'traces', 'trace-20261125-090544.log'));
  } else {
    cpSync(join(examples, 'healthy', 'winhttpproxy.txt'), join(dir, 'config', 'winhttp.txt'));
  }
}

/** `count` bundle folders in `dir` (bundle-000 …), kinds in turn. */
export function writeBundleFolder(dir: string, count: number): { dirs: string[]; kinds: BundleKind[] } {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const dirs: string[] = [];
  const kinds: BundleKind[] = [];
  for (let i = 0; i < count; i++) {
    const kind = KINDS[i % KINDS.length]!;
    const d = join(dir, `bundle-${String(i).padStart(3, '0')}`);
    writeBundle(d, kind, `FLEET-${String(i).padStart(3, '0')}`);
    dirs.push(d);
    kinds.push(kind);
  }
  return { dirs, kinds };
}
