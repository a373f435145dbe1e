// Run history an admin exported by hand (issue 13.8): `Get-ADSyncRunProfileResult | ConvertTo-Json` as
// Windows PowerShell 5.1 writes it (\/Date(ms)\/ dates, default depth 2, UTF-16LE) and the same objects
// as `Format-List` prints them. Shapes: test/fixtures/run-history/README.md (from a real server's dump).
// Each run becomes a run profile result; a failed run's reason comes from its steps'
// ConnectorConnectionInformationXml (<connection-result>, <server>, <cd-error><error-code>,
// <error-literal>), as the collector writes it into sync/run-profile-results.json.
import type { SyncCycleEvidence } from '../types.js';
import { asArray, asDate } from './bundle-json.js';

type Run = SyncCycleEvidence['runProfileResults'][number];
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function str(v: Json | undefined): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

function tag(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  return m?.[1]?.trim() || undefined;
}

/** "connection to 10.2.3.4:389: failed-connection (0x51 Server Down)" from a step's connection fragment. */
export function connectionLine(xml: string): string | undefined {
  const result = tag(xml, 'connection-result');
  if (!result || result === 'success') return undefined;
  const server = tag(xml, 'server');
  const code = tag(xml, 'error-code');
  const literal = tag(xml, 'error-literal');
  const detail = [code, literal].filter(Boolean).join(' ');
  return `connection${server ? ` to ${server}` : ''}: ${result}${detail ? ` (${detail})` : ''}`;
}

function fromObject(o: { [k: string]: Json }): Run | undefined {
  const connectorName = str(o['ConnectorName']);
  const result = str(o['Result']);
  if (!connectorName || !result) return undefined;
  const run: Run = { connectorName, runProfileName: str(o['RunProfileName']) ?? '', result, stepErrors: [] };
  const sd = asDate(o['StartDate'] as never);
  if (sd) run.startDate = sd;
  const ed = asDate(o['EndDate'] as never);
  if (ed) run.endDate = ed;
  for (const step of asArray(o['RunStepResults'] as never)) {
    if (typeof step !== 'object' || step === null || Array.isArray(step)) continue;
    const s = step as { [k: string]: Json };
    const xml = str(s['ConnectorConnectionInformationXml']);
    const line = xml ? connectionLine(xml) : undefined;
    if (line) run.stepErrors.push(line);
    for (const k of ['ConnectorDiscoveryErrors', 'SyncErrors', 'MvRetryErrors']) {
      const v = str(s[k]);
      // Depth 2 turns nested error objects into their type name: that says nothing.
      if (v && v.includes('<')) run.stepErrors.push(v.slice(0, 4000));
    }
  }
  return run;
}

/** en-US "4/8/2022 8:13:31 PM" (the engine's wall clock, which is UTC) as ISO; undefined for other cultures. */
function usDate(s: string): string | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2})(?: ([AP]M))?$/.exec(s.trim());
  if (!m) return undefined;
  let h = Number(m[4]);
  if (m[7] === 'PM' && h < 12) h += 12;
  if (m[7] === 'AM' && h === 12) h = 0;
  const d = new Date(Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), h, Number(m[5]), Number(m[6])));
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Parses either export. Never throws; notes say what could not be used. */
export function parseRunHistory(text: string, file: string): { sync: SyncCycleEvidence[]; notes: string[] } {
  const notes: string[] = [];
  const runs: Run[] = [];
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body.startsWith('{') || body.startsWith('[')) {
    let doc: Json;
    try {
      doc = JSON.parse(body) as Json;
    } catch (err) {
      return { sync: [], notes: [`${file}: run history that is not valid JSON (${(err as Error).message.slice(0, 120)})`] };
    }
    for (const o of asArray(doc as never)) {
      if (typeof o !== 'object' || o === null || Array.isArray(o)) continue;
      const run = fromObject(o as { [k: string]: Json });
      if (run) runs.push(run);
    }
    if (/\\\/Date\(/.test(text) || /"\/Date\(/.test(text)) {
      notes.push('times from ConvertTo-Json on Windows PowerShell 5.1 are early by the server\'s UTC offset (the engine stores UTC without a zone; 5.1 converts it as local time)');
    }
  } else {
    for (const block of body.split(/\r?\n\s*\r?\n/)) {
      const o: Record<string, string> = {};
      for (const line of block.split(/\r?\n/)) {
        const m = /^(\w+)\s*:\s?(.*)$/.exec(line);
        if (m) o[m[1]!] = m[2]!.trim();
      }
      if (!o['RunHistoryId'] || !o['ConnectorName'] || !o['Result']) continue;
      const run: Run = { connectorName: o['ConnectorName'], runProfileName: o['RunProfileName'] ?? '', result: o['Result'], stepErrors: [] };
      const sd = o['StartDate'] ? usDate(o['StartDate']) : undefined;
      if (sd) run.startDate = sd;
      const ed = o['EndDate'] ? usDate(o['EndDate']) : undefined;
      if (ed) run.endDate = ed;
      runs.push(run);
    }
  }
  if (runs.length === 0) notes.push(`${file}: no run with a connector and a result`);
  return { sync: runs.length ? [{ file, fileKind: 'run-profile-results', started: false, runProfileResults: runs }] : [], notes };
}
