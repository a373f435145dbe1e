// The byte-level fast path (event-splitter.ts + event-quick.ts) must give exactly what the
// straightforward path (every event through saxes; CollectOptions.fastPath false, the same switch
// as AADSYNC_DIAGNOSE_NO_FAST_PATH=1) gives: same groups, same findings with the same counts,
// first/last times and quoted evidence, same counts and notes. On generated mixed Application log
// exports in UTF-8 and UTF-16 LE, whole and cut off in the middle of an event.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventXml, writeEventExport } from '../../bench/generate.js';
import { collectEvidence } from '../../src/evidence/collect-evidence.js';
import type { EvidenceSet } from '../../src/evidence/types.js';
import { tokenizeEvent } from '../../src/evidence/readers/event-quick.js';
import { diagnose } from '../../src/rules/engine.js';

let dir: string;
let base: string;

/** Events in shapes the quick tokenizer hands to saxes, or reads in an unusual spelling. */
function oddEvents(): string[] {
  const t = (n: number) => `2026-11-21T0${n}:00:00.0000000Z`;
  const proxy407 = 'System.Net.WebException: The remote server returned an error: (407) Proxy Authentication Required.';
  return [
    // CDATA and a comment: only saxes reads these.
    eventXml('Directory Synchronization', undefined, 906, 2, t(1), 900001, ['x']).replace('<Data>x</Data>', `<Data><![CDATA[GetSecurityToken ---> ${proxy407}]]></Data><!-- copied -->`),
    // Entities, character references and double-quoted attributes.
    eventXml('ADSync', undefined, 6900, 2, t(2), 900002, [`Password change &quot;failed&quot; &#x2014; ${proxy407} &#169; &lt;tag&gt;`])
      .replace(/'/g, '"')
      .replace(/&amp;(quot|#x2014|#169|lt|gt);/g, '&$1;'),
    // A provider name with an entity: not relevant, but only the parser can tell.
    eventXml('A&amp;B', undefined, 1, 2, t(3), 900003, ['The remote name could not be resolved: login.windows.net']),
    // Rendered (wevtutil /f:RenderedXml): the message comes from RenderingInfo.
    eventXml('Directory Synchronization', undefined, 906, 2, t(4), 900004, ['ignored'], "GetSecurityToken: unable to retrieve a security token ---> System.Net.WebException: Die Verbindung mit dem Remoteserver kann nicht hergestellt werden. ---> System.Net.Sockets.SocketException: Es konnte keine Verbindung hergestellt werden, da der Zielcomputer die Verbindung verweigerte 10.0.0.5:8080"),
    // UserData instead of EventData; named Data; CRLF and tabs inside text.
    eventXml('AzureADConnectHealthSyncMonitor', undefined, 2006, 3, t(5), 900005, []).replace('<EventData></EventData>', '<UserData><Health xmlns="urn:x"><Detail>Unable to connect to the remote server\r\n\tat Agent.Upload()</Detail></Health></UserData>'),
    eventXml('PasswordResetService', undefined, 31044, 2, t(6), 900006, []).replace('<EventData></EventData>', "<EventData><Data Name='Details'>TrackingId: 1, The operation has timed out.\r\n  at X</Data><Data Name='Empty'/></EventData>"),
  ];
}

function comparable(ev: EvidenceSet) {
  const d = diagnose(ev);
  return {
    findings: d.findings,
    verdict: d.verdict,
    groups: ev.groups,
    counts: ev.counts,
    notes: ev.inputs.map((i) => i.notes),
  };
}

async function both(file: string) {
  const fast = await collectEvidence([file], { fastPath: true });
  const slow = await collectEvidence([file], { fastPath: false });
  return { fast: comparable(fast), slow: comparable(slow) };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aadsync-fastpath-'));
  const gen = join(dir, 'generated.xml');
  // ~2 MB, 10 % Azure AD Connect events (more than the bench's 2 %, so every template occurs often).
  await writeEventExport(gen, 2_000_000, 0.1, 4242);
  // One event per line, but messages hold CRLFs too: split after each </Event> only.
  const lines = readFileSync(gen, 'utf8').split(/(?<=<\/Event>)\r\n/).filter(Boolean);
  // The odd events spread through the export.
  const odd = oddEvents();
  for (let i = 0; i < odd.length; i++) lines.splice(Math.floor(((i + 1) * lines.length) / (odd.length + 1)), 0, odd[i]!);
  base = `<?xml version="1.0" encoding="UTF-16"?>\r\n<Events>\r\n${lines.join('\r\n')}\r\n</Events>\r\n`;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fast path = straightforward path', () => {
  const variants: { name: string; bytes: () => Buffer }[] = [
    { name: 'UTF-8', bytes: () => Buffer.from(base, 'utf8') },
    { name: 'UTF-8 with BOM, cut in the middle of an event', bytes: () => cut(Buffer.from('\ufeff' + base, 'utf8'), 0.71, 1) },
    { name: 'UTF-16 LE with BOM', bytes: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(base, 'utf16le')]) },
    { name: 'UTF-16 LE with BOM, cut in the middle of an event', bytes: () => cut(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(base, 'utf16le')]), 0.53, 2) },
  ];

  for (const v of variants) {
    it(`gives the same findings, groups, counts and notes (${v.name})`, async () => {
      const file = join(dir, `${v.name.replace(/\W+/g, '-')}.xml`);
      writeFileSync(file, v.bytes());
      const { fast, slow } = await both(file);
      // The comparison must have something to compare: several findings from many events.
      expect(slow.findings.length).toBeGreaterThanOrEqual(3);
      expect(slow.counts.relevantEvents).toBeGreaterThan(30);
      expect(slow.findings.some((f) => (f.count ?? 1) > 10)).toBe(true);
      expect(fast).toEqual(slow);
      if (v.name.includes('cut')) expect(slow.notes[0]).toContainEqual(expect.stringMatching(/^truncated after event \d+$/));
    });
  }

  it('the odd events are read by both paths (CDATA, entities, RenderingInfo, UserData, named Data)', async () => {
    const file = join(dir, 'odd.xml');
    writeFileSync(file, oddEvents().join('\r\n'));
    const { fast, slow } = await both(file);
    expect(fast).toEqual(slow);
    expect(slow.counts).toEqual({ events: 6, relevantEvents: 5, traceRecords: 0, textRecords: 0 });
    const texts = slow.groups.flatMap((g) => g.samples.map((s) => s.text));
    expect(texts).toContainEqual(expect.stringContaining('(407) Proxy Authentication Required'));
    expect(texts).toContainEqual(expect.stringContaining('Password change "failed" \u2014'));
    expect(texts).toContainEqual(expect.stringContaining('Unable to connect to the remote server\n\tat Agent.Upload()'));
    expect(texts).toContainEqual(expect.stringContaining('Die Verbindung'));
  });

  it('AADSYNC_DIAGNOSE_NO_FAST_PATH=1 is the same switch as fastPath: false', async () => {
    // A malformed relevant event: the notes tell the paths apart (saxes over the whole file gives a
    // line:column position; the fast path restates its note without one).
    const file = join(dir, 'env.xml');
    const bad = eventXml('ADSync', undefined, 6900, 2, '2026-11-22T00:00:00.0000000Z', 1, ['The operation has timed out']).replace('</EventData>', '</EventDta>');
    writeFileSync(file, Buffer.from(base.replace('<Events>\r\n', `<Events>\r\n${bad}\r\n`), 'utf8'));
    const before = process.env.AADSYNC_DIAGNOSE_NO_FAST_PATH;
    try {
      delete process.env.AADSYNC_DIAGNOSE_NO_FAST_PATH;
      const byDefault = comparable(await collectEvidence([file]));
      expect(byDefault.notes[0]).toContainEqual(expect.stringMatching(/^malformed XML: .*\(an event skipped\)$/));
      process.env.AADSYNC_DIAGNOSE_NO_FAST_PATH = '1';
      const viaEnv = comparable(await collectEvidence([file]));
      expect(viaEnv.notes[0]).toContainEqual(expect.stringMatching(/^malformed XML at \d+:\d+: .*\(event 1 skipped\)$/));
      expect(viaEnv).toEqual(comparable(await collectEvidence([file], { fastPath: false })));
      // The findings agree on this file too. (Only the counts differ: the fast path counts the damaged
      // event among the file's events, saxes does not.)
      expect(byDefault.findings).toEqual(viaEnv.findings);
      expect(byDefault.groups).toEqual(viaEnv.groups);
    } finally {
      if (before === undefined) delete process.env.AADSYNC_DIAGNOSE_NO_FAST_PATH;
      else process.env.AADSYNC_DIAGNOSE_NO_FAST_PATH = before;
    }
  });
});

describe('tokenizeEvent (the quick tokenizer)', () => {
  it('reads the plain events Windows writes and hands everything unusual to saxes', () => {
    const plain = eventXml('ADSync', undefined, 6900, 2, '2026-11-22T00:00:00.0000000Z', 7, ['a < b\r\nc']);
    const tokens = tokenizeEvent(plain);
    expect(tokens?.[0]).toEqual({ t: 'open', tag: { name: 'Event', attributes: { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' } } });
    expect(tokens).toContainEqual({ t: 'text', text: 'a < b\nc' });
    const [cdata, , entityInName] = oddEvents();
    expect(tokenizeEvent(oddEvents()[1]!)).not.toBeNull(); // entities, double quotes
    expect(tokenizeEvent(cdata!)).toBeNull();
    expect(tokenizeEvent(entityInName!)).toBeNull();
    expect(tokenizeEvent(plain.replace('</System>', '</Sys>'))).toBeNull();
    expect(tokenizeEvent(plain.replace('a &lt; b', 'a & b'))).toBeNull();
    expect(tokenizeEvent(plain.replace('a &lt; b', 'a &nbsp; b'))).toBeNull();
    expect(tokenizeEvent(plain.replace('a &lt; b', 'a \u0001 b'))).toBeNull();
    expect(tokenizeEvent(plain.replace("<Level>", "<Level a='1' a='2'>"))).toBeNull();
    expect(tokenizeEvent(plain + ' ')).toBeNull();
    expect(tokenizeEvent(plain.slice(0, -3))).toBeNull();
  });
});

/** The bytes up to `share` of the length, cut on a multiple of `unit`, inside an event. */
function cut(buf: Buffer, share: number, unit: number): Buffer {
  let n = Math.floor(buf.length * share);
  n -= n % unit;
  return buf.subarray(0, n);
}
