// machine-config-restart-needed: machine.config (or miiserver.exe.config) was written after the ADSync
// service started. .NET reads configuration once, when the process starts, so the running service still
// uses the old proxy settings until it is restarted (docs/proxy-layers.md; https://learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-install-prerequisites).
import type { EvidenceQuote } from '../../model/report.js';
import type { EvidenceSet } from '../../evidence/types.js';
import type { Rule, RuleMatch } from '../types.js';
import { REF, RESTART, VERIFY } from './_shared.js';

/** Config files the running sync service read at start (the 32-bit machine.config is not one of them). */
function serviceReads(pathOrScope: string): boolean {
  const p = pathOrScope.toLowerCase().replace(/\//g, '\\');
  if (p.includes('framework64') && p.endsWith('machine.config')) return true;
  if (p === 'machine.config (framework64)' || p === 'machine.config') return true;
  return p.endsWith('miiserver.exe.config');
}

function parseTime(t: string | undefined): number | undefined {
  if (!t) return undefined;
  // 7-digit fractions are valid ISO for Date.parse only up to milliseconds: trim the rest.
  const ms = Date.parse(t.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(ms) ? undefined : ms;
}

interface Written { name: string; time: string; ms: number; quote: EvidenceQuote }

/**
 * The collector's record of when each config file was last written on the server (adsync.json
 * configFiles). A file's own modification time in the evidence is not used: that is when it was copied
 * or unpacked, not when it was edited on the server.
 */
function writtenFiles(ev: EvidenceSet): Written[] {
  const out: Written[] = [];
  for (const a of ev.adsync) {
    for (const f of a.configFiles ?? []) {
      const ms = parseTime(f.lastWriteTimeUtc);
      if (ms === undefined || !serviceReads(f.path)) continue;
      out.push({
        name: f.path,
        time: f.lastWriteTimeUtc!,
        ms,
        quote: { kind: 'config', source: a.file, location: `configFiles ${f.bundlePath ?? f.path}`, excerpt: `${f.path} lastWriteTimeUtc ${f.lastWriteTimeUtc}` },
      });
    }
  }
  return out;
}

export const machineConfigRestartNeeded: Rule = {
  meta: {
    code: 'machine-config-restart-needed',
    title: 'machine.config changed after the sync service started: the change is not in effect yet',
    severity: 'warning',
    fixedBy: 'restart',
    route: 'unknown',
    explanation:
      '.NET reads machine.config once, when a program starts. machine.config (or miiserver.exe.config) was written after the ADSync service started, ' +
      'so the running service still uses the proxy settings it had before the edit. Microsoft: restart the sync service once after configuring the proxy.',
    fix: [RESTART, VERIFY],
    references: [REF.prerequisites, REF.connectivity],
  },
  matchEvidence(ev): RuleMatch[] {
    const svc = ev.adsync.find((a) => a.serviceStartTime);
    if (!svc) return [];
    if (svc.serviceStatus && !/running/i.test(svc.serviceStatus)) return []; // it reads the file when it next starts
    const started = parseTime(svc.serviceStartTime);
    if (started === undefined) return [];
    const later = writtenFiles(ev).filter((w) => w.ms > started);
    if (later.length === 0) return [];
    const newest = later.reduce((a, b) => (b.ms > a.ms ? b : a));
    const evidence: EvidenceQuote[] = [
      ...later.map((w) => w.quote),
      { kind: 'config', source: svc.file, location: 'service', excerpt: `ADSync ${svc.serviceStatus ?? ''} since ${svc.serviceStartTime}`.replace(/\s+/g, ' ') },
    ];
    return [
      {
        confidence: 'high',
        explanation:
          `${later.map((w) => `${w.name} was written at ${w.time}`).join('; ')}, after the ADSync service started at ${svc.serviceStartTime}. ` +
          'The running service read its configuration at start, so this edit (possibly the proxy fix) does not apply until the service restarts. ' +
          `Errors after ${newest.time} may still show the old behaviour.`,
        evidence,
      },
    ];
  },
};

export { machineConfigRestartNeeded as rule };
export default machineConfigRestartNeeded;
