// Builders for rule tests: real message text goes through the real facts extraction (src/facts), so a
// test exercises the signature and phrase tables as well as the rule.
import { emptyEvidence, type DotNetProxyConfig, type EvidenceSet, type MessageRecord, type RecordGroup, type WinInetSettings } from '../../src/evidence/types.js';
import { diagnose, type Diagnosis } from '../../src/rules/engine.js';
import type { Finding } from '../../src/model/report.js';

export interface RecOpts {
  kind?: MessageRecord['kind'];
  provider?: string;
  eventId?: number;
  level?: number;
  time?: string;
  source?: string;
  location?: string;
  count?: number;
  lastTime?: string;
}

let recordNo = 48000;

/** One record group built from real text; an event from "Directory Synchronization" 906 by default. */
export function group(text: string, o: RecOpts = {}): RecordGroup {
  const kind = o.kind ?? 'event';
  const provider = kind === 'event' ? (o.provider ?? 'Directory Synchronization') : o.provider;
  const eventId = kind === 'event' ? (o.eventId ?? 906) : o.eventId;
  const time = o.time ?? '2026-11-25T09:58:12.0000000Z';
  const rec: MessageRecord = {
    kind,
    source: o.source ?? (kind === 'event' ? `Application/${provider}/${eventId}` : kind === 'trace' ? 'traces/trace-20261125-095800.log' : 'pasted.txt'),
    location: o.location ?? (kind === 'event' ? `record ${recordNo++}` : 'lines 10-14'),
    time,
    text,
  };
  if (provider) rec.provider = provider;
  if (eventId !== undefined) rec.eventId = eventId;
  const level = o.level ?? (kind === 'event' ? 2 : undefined);
  if (level !== undefined) rec.level = level;
  if (kind === 'trace') rec.traceLevel = 'ERROR';
  const g: RecordGroup = { key: `${kind}|${provider}|${eventId}|${text.slice(0, 80)}`, kind, count: o.count ?? 1, firstTime: time, lastTime: o.lastTime ?? time, samples: [rec] };
  if (provider) g.provider = provider;
  if (eventId !== undefined) g.eventId = eventId;
  if (level !== undefined) g.level = level;
  return g;
}

export const trace = (text: string, o: RecOpts = {}) => group(text, { ...o, kind: 'trace' });
export const pasted = (text: string, o: RecOpts = {}) => group(text, { ...o, kind: 'text' });

export function evidence(parts: Partial<EvidenceSet> = {}): EvidenceSet {
  return { ...emptyEvidence(), ...parts };
}

/** machine.config (Framework64) with the given proxyaddress, or with no defaultProxy (null). */
export function machineConfig(address: string | null, o: Partial<DotNetProxyConfig> = {}): DotNetProxyConfig {
  const base: DotNetProxyConfig = {
    file: 'config/Framework64/machine.config',
    scope: 'machine.config (Framework64)',
    present: address !== null,
    enabled: true,
    useDefaultCredentials: false,
    bypassList: [],
    problems: [],
  };
  if (address) base.proxy = { usesystemdefault: true, proxyaddress: address, bypassonlocal: true };
  return { ...base, ...o };
}

export function adminWinInet(proxyServer: string, o: Partial<WinInetSettings> = {}): WinInetSettings {
  return { file: 'config/wininet.json', hive: 'current-user', user: 'CONTOSO\\admin', proxyEnable: true, proxyServer, ...o };
}

export function run(parts: Partial<EvidenceSet>): Diagnosis {
  return diagnose(evidence(parts));
}

export function codes(d: Diagnosis): string[] {
  return d.findings.map((f) => f.code);
}

/** The verdict and finding codes of one record group built from `text` (see group()). */
export function diagnoseText(text: string): { verdict: string; codes: string[] } {
  const d = run({ groups: [group(text)] });
  return { verdict: d.verdict.code, codes: codes(d) };
}

export function finding(d: Diagnosis, code: string): Finding {
  const f = d.findings.find((x) => x.code === code);
  if (!f) throw new Error(`no ${code} finding; got ${codes(d).join(', ') || 'none'}`);
  return f;
}

/** The real 906 wording around an inner cause. */
export const e906 = (inner: string) =>
  `GetSecurityToken: unable to retrieve a security token for the provisioning web service (AWS). The ADSync service is not able to contact Azure Active Directory. ---> ${inner}`;
