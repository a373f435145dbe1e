// Runs Debian's two independent .evtx readers and parses their XML output into comparable records:
// evtx_dump.py (python3-evtx, python-evtx 0.6.x) and evtxexport (libevtx-utils, libyal).
// Their output is regular enough for a small extractor; it is not well-formed XML in all cases
// (python-evtx writes raw control characters), so no XML parser is used here.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface RefRecord {
  recordId: number;
  eventId: number;
  qualifiers?: number;
  provider: string;
  time: string;
  /** EventData/Data in document order: [name or null, value]. */
  data: [string | null, string][];
  userData: Record<string, string>;
}

export type Tool = 'evtx_dump.py' | 'evtxexport';

export async function toolAvailable(tool: Tool): Promise<boolean> {
  try {
    await run('sh', ['-c', `command -v ${tool}`]);
    return true;
  } catch {
    return false;
  }
}

export async function runTool(tool: Tool, file: string): Promise<{ records: RefRecord[]; stderr: string }> {
  const args = tool === 'evtxexport' ? ['-f', 'xml', file] : [file];
  let stdout = '';
  let stderr = '';
  try {
    const r = await run(tool, args, { maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' });
    stdout = r.stdout;
    stderr = r.stderr;
  } catch (e) {
    // Both tools exit non-zero when they give up part way; what they printed until then still counts.
    const err = e as { stdout?: string; stderr?: string };
    stdout = err.stdout ?? '';
    stderr = err.stderr ?? String(e);
  }
  return { records: parseEvents(stdout), stderr };
}

export function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()]!;
  });
}

/** python-evtx writes an array substitution as `<string>a</string><string>b</string>` inside one Data. */
function pythonArray(v: string): string[] | null {
  if (!/^\s*<string>/.test(v)) return null;
  const items: string[] = [];
  const re = /<string>([\s\S]*?)<\/string>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(v)) !== null) items.push(m[1]!);
  return items;
}

export function parseEvents(xml: string): RefRecord[] {
  const out: RefRecord[] = [];
  const blocks = xml.split(/<\/Event>/);
  for (const block of blocks) {
    const start = block.indexOf('<Event ');
    if (start < 0) continue;
    const b = block.slice(start);
    const sys = b.slice(0, Math.max(0, b.indexOf('</System>')));
    const rid = /<EventRecordID>(\d+)<\/EventRecordID>/.exec(sys);
    const eid = /<EventID(?:\s+Qualifiers="(\d*)")?\s*>(\d+)<\/EventID>/.exec(sys);
    const prov = /<Provider\s+Name="([^"]*)"/.exec(sys);
    const time = /<TimeCreated\s+SystemTime="([^"]*)"/.exec(sys);
    const rec: RefRecord = {
      recordId: rid ? Number(rid[1]) : NaN,
      eventId: eid ? Number(eid[2]) : NaN,
      provider: prov ? unescapeXml(prov[1]!) : '',
      time: time ? time[1]! : '',
      data: [],
      userData: {},
    };
    if (eid?.[1]) rec.qualifiers = Number(eid[1]);
    const ed = /<EventData(?:\s[^>]*)?>([\s\S]*?)<\/EventData>/.exec(b);
    if (ed) {
      const re = /<Data(?:\s+Name="([^"]*)")?\s*(?:\/>|>([\s\S]*?)<\/Data>)/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(ed[1]!)) !== null) {
        const name = m[1] !== undefined ? unescapeXml(m[1]) : null;
        const arr = pythonArray(unescapeXml(m[2] ?? ''));
        if (arr && name === null) for (const it of arr) rec.data.push([null, it]);
        else if (arr) rec.data.push([name, arr.join(', ')]);
        else rec.data.push([name, unescapeXml(m[2] ?? '')]);
      }
    }
    const ud = /<UserData>([\s\S]*?)<\/UserData>/.exec(b);
    if (ud) {
      // Leaf elements: `<a x="1"/>` or `<a>text</a>`.
      const re = /<([\w:]+)(?:\s[^>]*?)?(?:\/>|>([^<]*)<\/\1>)/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(ud[1]!)) !== null) {
        // A repeated name keeps its last value, as our readers flatten UserData.
        rec.userData[m[1]!.replace(/^.*:/, '')] = unescapeXml(m[2] ?? '');
      }
    }
    out.push(rec);
  }
  return out;
}
