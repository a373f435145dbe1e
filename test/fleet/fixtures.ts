// A support desk's folder of tickets, built from the examples (real layouts and encodings): bundles
// as folders and zips, a ticket zip holding a collector's output, loose files of several computers.
// The computer names are rewritten per copy, in the encoding each file has (UTF-16 LE with BOM or UTF-8).
import { cpSync, createWriteStream, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join, relative } from 'node:path';
import yazl from 'yazl';
import { repoRoot } from '../helpers/cli.js';
import { writeMeclog } from '../collectors/meclog.js';

export const examples = join(repoRoot, 'examples');

/** Rewrites `<Computer>…</Computer>` (and the manifest host, for a bundle) in a copied file, keeping its encoding. */
export function renameComputer(file: string, computer: string): void {
  const bytes = readFileSync(file);
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
  const text = utf16 ? bytes.subarray(2).toString('utf16le') : bytes.toString('utf8');
  const out = text.replace(/<Computer>[^<]*<\/Computer>/g, `<Computer>${computer}</Computer>`);
  writeFileSync(file, utf16 ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(out, 'utf16le')]) : out);
}

/** A copy of an example folder with its events naming `computer` (README.md left out: it is not evidence). */
export function looseCopy(example: string, to: string, computer: string | null): void {
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(join(examples, example))) {
    if (f === 'README.md') continue;
    cpSync(join(examples, example, f), join(to, f));
    if (computer && f.endsWith('.xml')) renameComputer(join(to, f), computer);
  }
}

/** examples/bundle-proxy-bypass with another host in its manifest and events. */
export function bundleCopy(to: string, host: string): void {
  cpSync(join(examples, 'bundle-proxy-bypass'), to, { recursive: true });
  rmSync(join(to, 'README.md'), { force: true });
  const m = join(to, 'manifest.json');
  writeFileSync(m, readFileSync(m, 'utf8').replace(/"host":"[^"]*"/, `"host":"${host}"`));
  for (const f of readdirSync(join(to, 'events'))) renameComputer(join(to, 'events', f), `${host}.contoso.local`);
}

/** Zips a folder (its files at the zip's root, or under `prefix/`). */
export async function zipFolder(dir: string, zipPath: string, prefix = ''): Promise<void> {
  const z = new yazl.ZipFile();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else z.addFile(p, (prefix ? `${prefix}/` : '') + relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  z.end();
  mkdirSync(dirname(zipPath), { recursive: true });
  const w = createWriteStream(zipPath);
  z.outputStream.pipe(w);
  await once(w, 'finish');
}

/** A pasted wizard error (the proxy answered 407), naming no computer. */
export const PASTED_407 =
  'An error occurred executing Configure AAD Sync task: The remote server returned an error: (407) Proxy Authentication Required.\r\n' +
  'System.Net.WebException: The remote server returned an error: (407) Proxy Authentication Required.\r\n';

/**
 * ticket/
 *   AADC01/                 bundle folder (proxy bypass), host AADC01
 *   AADC09.zip              bundle zip (proxy bypass), host AADC09
 *   customer-sync01.zip     a ticket zip holding a Get-MECDiagData run of SYNC01 (staging mode, proxy set)
 *   loose/SRVA/             407 evidence (events name SRVA.contoso.local), machine.config, trace
 *   loose/SRVB/             healthy evidence (events name SRVB.contoso.local), machine.config, netsh
 *   loose/pasted-error.txt  a pasted 407 error, naming no computer, beside SRVA and SRVB: kept apart
 *   mixed/                  conditional-access events of SRVC and proxy-bypass events of SRVD in one
 *                           folder, with a machine.config that names neither: kept apart
 */
export async function buildTicketFolder(root: string): Promise<string> {
  const t = join(root, 'ticket');
  mkdirSync(t, { recursive: true });
  bundleCopy(join(t, 'AADC01'), 'AADC01');
  const b9 = join(root, 'tmp-AADC09');
  bundleCopy(b9, 'AADC09');
  await zipFolder(b9, join(t, 'AADC09.zip'));
  const meclog = join(root, 'tmp-meclog');
  writeMeclog(meclog, '20261125-093000', 'SYNC01');
  await zipFolder(meclog, join(t, 'customer-sync01.zip'));
  looseCopy('proxy-auth-407', join(t, 'loose', 'SRVA'), 'SRVA.contoso.local');
  looseCopy('healthy', join(t, 'loose', 'SRVB'), 'SRVB.contoso.local');
  writeFileSync(join(t, 'loose', 'pasted-error.txt'), PASTED_407);
  mkdirSync(join(t, 'mixed'), { recursive: true });
  cpSync(join(examples, 'conditional-access', 'Application-DirectorySynchronization.xml'), join(t, 'mixed', 'first-Application.xml'));
  renameComputer(join(t, 'mixed', 'first-Application.xml'), 'SRVC.contoso.local');
  cpSync(join(examples, 'proxy-bypass', 'Application-DirectorySynchronization.xml'), join(t, 'mixed', 'second-Application.xml'));
  renameComputer(join(t, 'mixed', 'second-Application.xml'), 'SRVD.contoso.local');
  cpSync(join(examples, 'proxy-bypass', 'machine.config'), join(t, 'mixed', 'machine.config'));
  rmSync(b9, { recursive: true, force: true });
  rmSync(meclog, { recursive: true, force: true });
  return t;
}
