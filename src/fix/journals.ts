// The journals of `fix` (schema aadsync-diagnose/fix-journal@1, written by the PowerShell side into
// <out>/aadsync-fix-<host>-<id>/journal.json) and how they reach the next bundle: `run` copies those of
// its output folder into fix/ of the bundle it writes (docs/bundle-format.md), so the ticket shows what
// was changed on the server, when, by whom, and whether it was undone.
import { copyFile, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const FIX_JOURNAL_SCHEMA = 'aadsync-diagnose/fix-journal@1';
/** Newest first, at most this many journals go into one bundle. */
const MAX_JOURNALS = 20;

export interface JournalFile {
  path: string;
  /** The fix folder's name, aadsync-fix-<host>-<id>. */
  folder: string;
  id: string;
  status: string;
}

/** The journals of an output folder (its aadsync-fix-*\/journal.json), newest first. Never throws. */
export async function findFixJournals(outRoot: string): Promise<JournalFile[]> {
  let names: string[];
  try {
    names = await readdir(outRoot);
  } catch {
    return [];
  }
  const found: JournalFile[] = [];
  for (const folder of names.filter((n) => n.startsWith('aadsync-fix-'))) {
    const path = join(outRoot, folder, 'journal.json');
    try {
      if (!(await stat(path)).isFile()) continue;
      const doc = JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, '')) as { schema?: unknown; id?: unknown; status?: unknown };
      if (doc.schema !== FIX_JOURNAL_SCHEMA) continue;
      found.push({ path, folder, id: typeof doc.id === 'string' ? doc.id : '', status: typeof doc.status === 'string' ? doc.status : 'unknown' });
    } catch {
      // Not a journal (or one being written): left out.
    }
  }
  return found.sort((a, b) => (a.id === b.id ? b.folder.localeCompare(a.folder) : b.id.localeCompare(a.id)));
}

/** Copies the newest journals of `outRoot` into `<bundleDir>/fix/<folder>.json`. Returns how many. */
export async function copyFixJournals(outRoot: string, bundleDir: string): Promise<number> {
  const journals = (await findFixJournals(outRoot)).slice(0, MAX_JOURNALS);
  if (journals.length === 0) return 0;
  const dir = join(bundleDir, 'fix');
  await mkdir(dir, { recursive: true });
  for (const j of journals) await copyFile(j.path, join(dir, `${j.folder}.json`));
  return journals.length;
}
