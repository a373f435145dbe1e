// The repository stands alone (issue 11): a clone with nothing beside it builds, tests and benches.
// Nothing tracked under the roots below may read a path outside the repository (the old sibling
// folder of shared documents and samples, an absolute path of this machine, a relative path that climbs
// above the root) or cite a document that is not in it. A comment that cites a document names a file in
// the repository (`docs/proxy-layers.md`, `docs/windows-facts.md §2.2`) or a public URL.
// .ci/run proves the same at run time: it tests a fresh clone in an otherwise empty folder.
//
// The patterns are assembled from pieces so that this file does not match them itself.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

const ROOT = repoRoot.replace(/[\\/]$/, '');
/** What is checked: the code, its tests, scripts, bench and CI, the PowerShell collector, the manifest. */
const ROOTS = ['src', 'test', 'scripts', 'bench', '.ci', 'ps', 'schema', 'package.json'];

const SIBLING = 'sha' + 'red';
/** The folder that held the checkout and its sibling on the founding machines. */
const WORK = ['', 'work', ''].join('/');
/** Documents that lived only beside the repository; cited without a path inside it, they are dead references. */
const RETIRED_DOCS = ['CONTRACT', 'knowledge', 'windows-facts', 'collectors', 'stack', 'ARCHITECTURE', 'anchors'].map((n) => `${n}.md`);

export interface Problem {
  line: number;
  text: string;
  why: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Things that read or name a place outside the repository, anywhere in a file. */
function outsidePatterns(parentDir: string): { re: RegExp; why: string }[] {
  const pats = [
    { re: new RegExp(`\\.\\.[\\\\/]+${SIBLING}\\b`), why: `reads ../${SIBLING}, a folder beside the repository, not in it` },
    { re: new RegExp(`['"\`]\\.\\.['"\`]\\s*,\\s*['"\`]${SIBLING}['"\`]`), why: `joins '..' and '${SIBLING}': a folder beside the repository` },
    { re: new RegExp(`${WORK}${SIBLING}\\b`), why: `an absolute path of the folder beside the checkout on one machine` },
    {
      re: new RegExp(`(?<![\\w/.-])(?:${RETIRED_DOCS.map(escape).join('|')})\\b`),
      why: 'cites a document that is not in the repository: cite docs/<name>.md or a public URL',
    },
  ];
  // The folder that holds this checkout: nothing in it but the checkout belongs to the project.
  if (parentDir.length > 1 && parentDir !== dirname(parentDir)) {
    pats.push({ re: new RegExp(`${escape(parentDir.replace(/\\/g, '/'))}/`), why: `an absolute path into ${parentDir}, outside the repository` });
  }
  return pats;
}

/** Depth of a repository-relative file's folder: `src/route/x.ts` is 2. */
function depthOf(rel: string): number {
  return rel.split('/').length - 1;
}

/**
 * Relative paths that climb above the repository root, counted from the file's own folder (code in
 * src/ runs from the same depth in dist/): three `..` steps, as one string or as separate join()
 * arguments, in a file two folders deep. Test data that means to climb (a hostile zip entry) says so
 * on its line with `standalone: test data`.
 */
function climbsAbove(rel: string, line: string): boolean {
  if (line.includes('standalone: test data')) return false;
  const depth = depthOf(rel);
  for (const m of line.matchAll(/(?<![\w.])((?:\.\.[\\/])+)/g)) if (m[1]!.length / 3 > depth) return true;
  for (const m of line.matchAll(/((?:['"`]\.\.['"`]\s*,\s*)+)['"`][^'"`.]/g)) if ((m[1]!.match(/\.\./g) ?? []).length > depth) return true;
  return false;
}

type CommentStyle = 'c' | 'hash' | 'none';
function commentStyle(rel: string): CommentStyle {
  if (/\.(?:[cm]?[jt]s|tsx?)$/.test(rel)) return 'c';
  if (/\.(?:ps1|psm1|psd1|sh|bash|py|ya?ml|toml)$/.test(rel) || rel.startsWith('.ci/') || /(?:^|\/)[^./]+$/.test(rel)) return 'hash';
  return 'none';
}

/** The comments of a file, each with the line it starts on. */
export function comments(text: string, style: CommentStyle): { line: number; text: string }[] {
  if (style === 'none') return [];
  const re = style === 'c' ? /\/\*[\s\S]*?\*\/|\/\/[^\n]*/g : /<#[\s\S]*?#>|#[^\n]*/g;
  const out: { line: number; text: string }[] = [];
  for (const m of text.matchAll(re)) {
    // `https://…` inside a string is not a comment.
    if (style === 'c' && m[0].startsWith('//') && text[m.index! - 1] === ':') continue;
    const line = text.slice(0, m.index).split('\n').length;
    m[0].split('\n').forEach((t, i) => out.push({ line: line + i, text: t }));
  }
  return out;
}

/** Document paths a comment cites (a page under docs/, `corpus/README.md`), URLs left out. */
export function citedDocPaths(comment: string): string[] {
  const withoutUrls = comment.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, ' ');
  return [...withoutUrls.matchAll(/(?<![\w.-])((?:[\w.-]+\/)+[\w.-]+\.md)\b/g)].map((m) => m[1]!);
}

/** Everything wrong with one file, given its repository-relative path and text. */
export function checkFile(rel: string, text: string, opts: { root: string; exists: (rel: string) => boolean }): Problem[] {
  const problems: Problem[] = [];
  const lines = text.split('\n');
  const pats = outsidePatterns(dirname(opts.root));
  lines.forEach((l, i) => {
    for (const p of pats) if (p.re.test(l)) problems.push({ line: i + 1, text: l.trim(), why: p.why });
    if (climbsAbove(rel, l)) problems.push({ line: i + 1, text: l.trim(), why: 'a relative path that climbs above the repository root' });
  });
  for (const c of comments(text, commentStyle(rel))) {
    for (const doc of citedDocPaths(c.text)) {
      if (!opts.exists(doc)) problems.push({ line: c.line, text: c.text.trim(), why: `cites ${doc}, which is not in the repository` });
    }
  }
  return problems;
}

function trackedFiles(): string[] {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--', ...ROOTS], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return out.split('\0').filter(Boolean);
  } catch {
    // Not a git checkout (an unpacked archive): every file under the roots.
    const walk = (rel: string): string[] => {
      const abs = join(ROOT, rel);
      if (!existsSync(abs)) return [];
      if (!statSync(abs).isDirectory()) return [rel];
      return readdirSync(abs).flatMap((n) => (n === 'node_modules' ? [] : walk(`${rel}/${n}`)));
    };
    return ROOTS.flatMap(walk);
  }
}

const existsInRepo = (rel: string) => existsSync(join(ROOT, ...rel.split('/')));

describe('the standalone check itself', () => {
  const opts = { root: '/home/dev/src/aadsync-diagnose', exists: (rel: string) => rel === 'docs/proxy-layers.md' };
  const up = '..';

  it('flags the sibling folder, however it is spelled', () => {
    const bad = [
      `export const SAMPLES = resolve(REPO, '${up}/${SIBLING}/evtx-samples');`,
      `const source = resolve(repo, '${up}', '${SIBLING}', 'evtx-samples', 'security.evtx');`,
      `cp ${WORK}${SIBLING}/evtx-samples/* .`,
    ];
    for (const l of bad) expect(checkFile('test/evtx/samples.ts', l, opts), l).not.toEqual([]);
  });

  it('flags paths that climb above the root, and an absolute path into the checkout\'s parent folder', () => {
    expect(checkFile('src/bench/evtx.ts', `resolve(HERE, '${up}/${up}/${up}/other/x.evtx')`, opts)).not.toEqual([]);
    expect(checkFile('src/a.ts', `join(here, '${up}', '${up}', 'other')`, opts)).not.toEqual([]);
    expect(checkFile('test/x.test.ts', `readFileSync('/home/dev/src/other-project/data.json')`, opts)).not.toEqual([]);
    // Near misses: climbing inside the repository, and test data that says it climbs on purpose.
    expect(checkFile('src/collect/as-service.ts', `resolve(dirname(f), '${up}', '${up}', 'ps')`, opts)).toEqual([]);
    expect(checkFile('test/evtx/samples.ts', `resolve(dirname(f), '${up}/${up}')`, opts)).toEqual([]);
    expect(checkFile('test/zip/z.test.ts', `entry('${up}/${up}/${up}/etc/passwd') // standalone: test data`, opts)).toEqual([]);
  });

  it('flags a comment citing a document that is not in the repository, and the retired sibling documents by name', () => {
    const missing = ['docs', 'missing-page.md'].join('/');
    expect(checkFile('src/x.ts', `// see ${missing} §2`, opts)).not.toEqual([]);
    expect(checkFile('ps/x.ps1', `# shapes as in ${missing} section 1`, opts)).not.toEqual([]);
    expect(checkFile('src/x.ts', `// the layer semantics (${RETIRED_DOCS[1]} §3)`, opts)).not.toEqual([]);
    expect(checkFile('src/x.ts', `/** The JSON report of ${RETIRED_DOCS[0]}. */`, opts)).not.toEqual([]);
    // Near misses: a doc that exists, a public URL ending in .md, a bundle file name, a string (not a comment).
    expect(checkFile('src/x.ts', '// which process reads which layer: docs/proxy-layers.md', opts)).toEqual([]);
    expect(checkFile('src/x.ts', '// https://github.com/MicrosoftDocs/entra-docs/blob/main/docs/identity/x.md', opts)).toEqual([]);
    expect(checkFile('src/x.ts', '// writes report.json, report.md and report.html', opts)).toEqual([]);
    expect(checkFile('src/x.ts', "const p = 'https://example.org/docs/other.md';", opts)).toEqual([]);
  });
});

describe('the repository stands alone', () => {
  const files = trackedFiles();

  it('has files to check (the roots exist)', () => {
    expect(files.some((f) => f.startsWith('src/'))).toBe(true);
    expect(files).toContain('package.json');
  });

  it('reads nothing outside the repository and cites only documents inside it or public URLs', () => {
    const found: string[] = [];
    for (const rel of files) {
      let buf: Buffer;
      try {
        buf = readFileSync(join(ROOT, ...rel.split('/')));
      } catch {
        continue; // tracked but deleted in this working tree
      }
      if (buf.subarray(0, 8000).includes(0)) continue; // binary (.evtx samples)
      const text = buf.toString('utf8');
      for (const p of checkFile(rel, text, { root: ROOT, exists: existsInRepo })) found.push(`${rel}:${p.line}: ${p.why}\n    ${p.text.slice(0, 160)}`);
    }
    expect(found, `${found.length} place(s) reach outside the repository:\n${found.join('\n')}\n`).toEqual([]);
  });

  it('keeps the evtx samples the tests and the bench read, with their licence', () => {
    const dir = join(ROOT, 'test', 'fixtures', 'evtx-samples');
    for (const f of ['LICENSE-MIT', 'README.md', 'security.evtx']) expect(existsSync(join(dir, f)), f).toBe(true);
    expect(relative(ROOT, dir).split(sep)[0]).toBe('test');
  });
});
