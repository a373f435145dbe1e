// One measurement in its own process, so peak RSS belongs to that measurement alone.
// usage: node dist-bench/child.js <mode> <file> [capBytes]
//   mode: tool | tool-slow | xml2js | saxes-tree
//   tool       what `aadsync-diagnose analyze <file> --json` does (evidence, diagnosis, report, JSON text),
//              with the built modules of dist/ (tool.ts)
//   tool-slow  the same with the fast path off (AADSYNC_DIAGNOSE_NO_FAST_PATH=1, the switch
//              collect-evidence.ts reads; test/evidence/fast-path.test.ts uses the same one)
//   xml2js / saxes-tree  a whole-document parse of the first capBytes (see readPrefix)
// Prints one JSON line: { ms, maxRssMb, bytes, events, findings? }
import { open, stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { builtTool } from './tool.js';

/**
 * The file's first `cap` bytes as a string, cut after the last complete event. A V8 string holds at
 * most 2^29 - 24 characters (~512 MB of ASCII), and xml2js/saxes trees of that much text need
 * several GB: the tree parsers are measured on a prefix, and the runner says so.
 */
async function readPrefix(file: string, cap: number): Promise<string> {
  const st = await stat(file);
  const n = Math.min(st.size, cap);
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    await fh.read(buf, 0, n, 0);
    const text = buf.toString('utf8');
    const end = text.lastIndexOf('</Event>');
    return end >= 0 ? text.slice(0, end + '</Event>'.length) : text;
  } finally {
    await fh.close();
  }
}

async function main(): Promise<void> {
  const [mode, file, capArg] = process.argv.slice(2);
  if (!mode || !file) throw new Error('usage: child.js <mode> <file> [capBytes]');
  const cap = capArg ? Number(capArg) : Number.MAX_SAFE_INTEGER;
  let bytes = 0;
  let events = 0;
  let findings: string[] | undefined;
  const t0 = performance.now();
  if (mode === 'tool' || mode === 'tool-slow') {
    if (mode === 'tool-slow') process.env.AADSYNC_DIAGNOSE_NO_FAST_PATH = '1';
    // The steps of src/analyze.ts analyzePaths, kept apart to read the evidence counts.
    const { collectEvidence } = await builtTool.collectEvidence();
    const { diagnose } = await builtTool.engine();
    const { buildReport } = await builtTool.build();
    const { renderReport } = await builtTool.render();
    const ev = await collectEvidence([file]);
    const d = diagnose(ev);
    const text = renderReport(buildReport(d, ev), 'json', { color: false });
    if (text.length === 0) throw new Error('empty report');
    bytes = ev.inputs.reduce((s, i) => s + i.bytes, 0);
    events = ev.counts.events + ev.counts.traceRecords + ev.counts.textRecords;
    findings = d.findings.map((f) => `${f.code}×${f.count ?? 1}`);
  } else if (mode === 'xml2js') {
    const text = await readPrefix(file, cap);
    bytes = Buffer.byteLength(text);
    const { parseStringPromise } = await import('xml2js');
    // A root is added: without it xml2js silently keeps only the first <Event> and reports no error
    // (seen with xml2js 0.6.2; docs/performance.md, baselines).
    // An <Events> root already there (wevtutil /e:Events) is kept as it is.
    const rooted = /^\s*(?:<\?xml[^>]*\?>\s*)?<Events>/.test(text.slice(0, 200)) ? `${text}</Events>` : `<Events>${text.replace(/^\s*<\?xml[^>]*\?>/, '')}</Events>`;
    const doc = await parseStringPromise(rooted);
    events = (doc.Events?.Event ?? []).length;
  } else if (mode === 'saxes-tree') {
    const text = await readPrefix(file, cap);
    bytes = Buffer.byteLength(text);
    const { SaxesParser } = await import('saxes');
    type Node = { name: string; attributes: Record<string, unknown>; children: (Node | string)[] };
    const root: Node = { name: '#root', attributes: {}, children: [] };
    const stack: Node[] = [root];
    const p = new SaxesParser({ fragment: true });
    p.on('opentag', (t) => {
      const n: Node = { name: t.name, attributes: { ...t.attributes }, children: [] };
      stack[stack.length - 1]!.children.push(n);
      stack.push(n);
      if (t.name === 'Event') events++;
    });
    p.on('closetag', () => void stack.pop());
    p.on('text', (s) => void stack[stack.length - 1]!.children.push(s));
    p.on('error', () => undefined); // an XML declaration in fragment mode; a cut tail
    p.write(text).close();
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  const ms = performance.now() - t0;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms, maxRssMb, bytes, events, findings }) + '\n');
}

main().catch((e: unknown) => {
  process.stdout.write(JSON.stringify({ error: e instanceof Error ? e.message : String(e) }) + '\n');
  process.exitCode = 1;
});
