// Issue 15 C3: one event of 1,000,000 nested elements (7 MB) took 470 MB of memory (our element stack,
// saxes' tag stack, the fast path's token list). Elements deeper than MAX_EVENT_DEPTH end that event
// with a note; the events after it are read. Memory is checked in a child process with a small heap:
// it ran out of memory before (exit 134), it now diagnoses.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_EVENT_DEPTH, readEventXml } from '../../src/evidence/readers/event-xml.js';
import { cliPath } from '../helpers/cli.js';

const HEAD =
  "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Directory Synchronization'/><EventID Qualifiers='0'>906</EventID><Level>2</Level><TimeCreated SystemTime='2026-11-25T09:58:12.0000000Z'/><EventRecordID>RID</EventRecordID><Channel>Application</Channel><Computer>AADC01</Computer></System><EventData><Data>";
const TAIL = '</Data></EventData></Event>\r\n';
const deep = (n: number, rid: number) => HEAD.replace('RID', String(rid)) + '<a>'.repeat(n) + 'x' + '</a>'.repeat(n) + TAIL;
const normal = (rid: number) => `${HEAD.replace('RID', String(rid))}The remote name could not be resolved: 'login.windows.net'${TAIL}`;

describe('an event nested deeper than the limit', () => {
  it(`is skipped with a note; the events around it are read (limit ${MAX_EVENT_DEPTH})`, async () => {
    const xml = normal(1) + deep(MAX_EVENT_DEPTH + 5, 2) + normal(3) + deep(10, 4);
    for (const slice of [xml, ...[7, 100, 4096].map((n) => xml.match(new RegExp(`[\\s\\S]{1,${n}}`, 'g'))!)]) {
      const notes: string[] = [];
      async function* chunks() {
        for (const c of typeof slice === 'string' ? [slice] : slice) yield c;
      }
      const ids: number[] = [];
      for await (const e of readEventXml(chunks(), { file: 'x.xml', onNote: (n) => notes.push(n) })) ids.push(e.recordId);
      expect(ids).toEqual([1, 3, 4]);
      expect(notes).toEqual([`event 2: elements nested deeper than ${MAX_EVENT_DEPTH} levels: skipped`]);
    }
  });

  it('a million nested elements: analyze (fast and slow path) and events finish in a 64 MB heap', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deep-'));
    const file = join(dir, 'Application.xml');
    writeFileSync(file, deep(1_000_000, 1) + normal(2));
    for (const [args, env] of [
      [['analyze', file, '-q'], {}],
      [['analyze', file, '-q'], { AADSYNC_DIAGNOSE_NO_FAST_PATH: '1' }],
      [['events', file, '--format', 'text'], {}],
    ] as const) {
      const r = spawnSync(process.execPath, ['--max-old-space-size=64', cliPath, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 60_000 });
      expect(r.status, `${args.join(' ')} ${JSON.stringify(env)}: ${r.stderr.slice(0, 300)}`).toBe(args[0] === 'events' ? 0 : 1);
      if (args[0] === 'events') {
        expect(r.stdout).toContain("'login.windows.net'");
        expect(r.stderr).toMatch(/nested deeper than \d+ levels: skipped/);
      } else expect(r.stdout).toMatch(/^proxy-bypassed: /);
    }
  });
});
