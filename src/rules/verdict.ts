// The verdict (CONTRACT.md "Verdicts"): the highest that applies, in this order —
// proxy-bypassed · proxy-rejected · proxy-unreachable · tls-failure · not-network · inconclusive · healthy —
// and one sentence a person can read that names the process and the proxy layer.
import type { EvidenceSet, RecordGroup } from '../evidence/types.js';
import type { Finding, VerdictCode } from '../model/report.js';
import type { RuleContext } from './types.js';
import { actorOf, knownProxyAddress, peopleProxy, serviceProxyState, type ActorId } from './context.js';

export const VERDICT_ORDER: VerdictCode[] = ['proxy-bypassed', 'proxy-rejected', 'proxy-unreachable', 'tls-failure', 'not-network', 'inconclusive', 'healthy'];

/** Findings decided from configuration alone: they say a path goes direct, not that a request failed. */
const CONFIG_ONLY_BYPASS = new Set(['service-proxy-missing', 'pac-not-used-by-service']);

/** Sort weight of a finding by the verdict it supports (lower = more important). */
export function verdictWeight(f: Finding): number {
  return VERDICT_ORDER.indexOf(f.supports ?? 'inconclusive');
}

const SHORT_ACTOR: Record<ActorId, string> = {
  'sync-service': 'The sync service (miiserver.exe)',
  writeback: 'Password writeback (in miiserver.exe)',
  'wizard-admin': 'The wizard\'s "Connect to Azure AD" page (as the logged-on admin)',
  'wizard-configure': 'The wizard\'s "Configure" page (as the service account)',
  wizard: 'The installation wizard',
  'health-agent': 'The Connect Health agent',
  powershell: 'Windows PowerShell',
  unknown: 'A process on the server',
};

function actorOfFinding(f: Finding, actors?: Map<string, ActorId>): ActorId {
  const known = actors?.get(f.code);
  if (known) return known;
  if (CONFIG_ONLY_BYPASS.has(f.code)) return 'sync-service';
  const q = f.evidence.find((e) => e.kind === 'event' || e.kind === 'trace' || e.kind === 'text');
  if (!q) return f.evidence.some((e) => e.kind === 'sync') ? 'sync-service' : 'unknown';
  return actorOf({ kind: q.kind as 'event' | 'trace' | 'text', source: q.source, text: q.excerpt }).id;
}

function times(f: Finding): string {
  if (!f.count || f.count < 2) return '';
  const a = f.firstTime?.slice(0, 10);
  const b = f.lastTime?.slice(0, 10);
  const when = a && b ? (a === b ? ` on ${a}` : `, ${a} to ${b}`) : '';
  return ` (${f.count} times${when})`;
}

/** Evidence of a working sync: successful run profiles or cycle, password sync heartbeats/batches (654/651). */
export function healthyEvidence(ev: EvidenceSet): string | undefined {
  for (const s of ev.sync) {
    const runs = s.runProfileResults;
    if (runs.length && runs.every((r) => /^success$/i.test(r.result))) return `${runs.length} run profile${runs.length > 1 ? 's' : ''} completed with success`;
    if (s.started && /success/i.test(s.result ?? '') && !runs.some((r) => !/^success$/i.test(r.result))) return 'the sync cycle completed with success';
  }
  const beats = ev.groups.filter((g) => /Directory Synchronization/i.test(g.provider ?? '') && (g.eventId === 654 || g.eventId === 651));
  if (beats.length) {
    const n = beats.reduce((a, g) => a + g.count, 0);
    return `${n} password hash sync heartbeat/batch event${n > 1 ? 's' : ''} (654/651) were logged`;
  }
  return undefined;
}

export interface VerdictInput {
  findings: Finding[];
  ev: EvidenceSet;
  ctx: RuleContext;
  /** Error records no rule recognised. */
  unclaimedErrors: RecordGroup[];
  /** Which process each finding's records came from (from its record groups), when known. */
  actors?: Map<string, ActorId>;
}

export function pickVerdict({ findings, ev, ctx, unclaimedErrors, actors }: VerdictInput): { code: VerdictCode; summary: string } {
  const observedFailures = findings.filter((f) => f.supports !== 'not-network' && f.evidence.some((e) => e.kind !== 'config'));
  const notNetwork = findings.filter((f) => f.supports === 'not-network');
  const counts = (f: Finding): boolean => {
    const v = f.supports;
    if (!v) return false;
    if (f.severity !== 'error' && f.code !== 'proxy-idle-timeout') return false;
    // A configuration-only bypass decides the verdict unless every failure seen is a non-network one:
    // then the admin must not be sent to the proxy for a Conditional Access policy.
    if (CONFIG_ONLY_BYPASS.has(f.code)) return observedFailures.some((o) => !CONFIG_ONLY_BYPASS.has(o.code)) || notNetwork.length === 0;
    return true;
  };
  const decisive = findings.filter(counts);
  // A low-confidence finding decides only when nothing firmer does ("User realm discovery failed" alone
  // must not outrank a 407 quoted beside it).
  for (const pool of [decisive.filter((f) => f.confidence !== 'low'), decisive]) {
    for (const code of VERDICT_ORDER.slice(0, 5)) {
      const top = pool.find((f) => f.supports === code);
      if (!top) continue;
      const summary = summarise(code, top, ev, ctx, actorOfFinding(top, actors));
      // A verdict resting on a guess must not read as firmly as one the evidence decides.
      if (top.confidence !== 'low') return { code, summary };
      return {
        code,
        summary: `${summary} (Low confidence: the evidence does not show the failing request's route directly; add machine.config and the Application event log, or run aadsync-diagnose run on the server, to confirm.)`,
      };
    }
  }

  const errors = findings.filter((f) => f.severity === 'error' || f.code === 'network-send-failure');
  if (errors.length || unclaimedErrors.length) {
    const what = errors.length
      ? `${errors[0]!.title}${times(errors[0]!)}`
      : `${unclaimedErrors.reduce((a, g) => a + g.count, 0)} error record(s) that match no known signature (first: ${unclaimedErrors[0]!.provider ?? unclaimedErrors[0]!.samples[0]?.source ?? 'unknown source'}${unclaimedErrors[0]!.eventId !== undefined ? ` ${unclaimedErrors[0]!.eventId}` : ''})`;
    return { code: 'inconclusive', summary: `Errors were found, but none shows which way the traffic went: ${what}.` };
  }
  const healthy = healthyEvidence(ev);
  // "Healthy" needs the whole picture: when a collection step failed or hung, what is missing may be
  // exactly the failure (a sync cycle that never returned is not a working sync).
  const incomplete = ev.collection.filter((s) => s.status === 'failed' || s.status === 'timeout');
  if (healthy && incomplete.length) {
    const what = incomplete.map((s) => `${s.name} ${s.status === 'timeout' ? 'timed out' : 'failed'}`).join(', ');
    return {
      code: 'inconclusive',
      summary: `No errors were found in what was collected, but the collection is incomplete (${what}), so sync cannot be called healthy; run it again or collect that part by hand.`,
    };
  }
  if (healthy) {
    const notes = findings.filter((f) => f.severity === 'warning').map((f) => f.title);
    return { code: 'healthy', summary: `Sync works: ${healthy}, and no errors were found${notes.length ? ` (warning: ${notes[0]})` : ''}.` };
  }
  const info = findings.find((f) => f.severity !== 'error');
  if (info) return { code: 'inconclusive', summary: `No errors and no evidence of a working sync were found; ${info.title.charAt(0).toLowerCase()}${info.title.slice(1)}.` };
  return { code: 'inconclusive', summary: 'Nothing recognisable was found in the input: no Azure AD Connect errors, proxy configuration or sync results.' };
}

function summarise(code: VerdictCode, top: Finding, ev: EvidenceSet, ctx: RuleContext, actorId: ActorId): string {
  const actor = SHORT_ACTOR[actorId];
  const svc = serviceProxyState(ev);
  const people = peopleProxy(ev);
  const proxy = knownProxyAddress(ctx);
  switch (code) {
    case 'proxy-bypassed': {
      let layer: string;
      if (actorId === 'wizard-admin') {
        const mc = svc.known ? (svc.address ? `${svc.file} names ${svc.address} but this request skipped it` : `${svc.file ?? 'machine.config'} names no proxy`) : 'machine.config was not in the evidence';
        layer = people ? `${mc}, and it did not use ${people.address} from ${people.who}` : ev.winInet.length ? `${mc}, and the admin's Internet Options give none either` : `${mc} (the admin's Internet Options were not among the evidence)`;
      }
      else if (!svc.known) layer = 'machine.config was not in the evidence, so it is unknown which proxy it was given';
      else if (svc.address) layer = `${svc.file} names ${svc.address}, but this request skipped it (bypass rule or override)`;
      else if (svc.disabled) layer = `${svc.file} switches its proxy off (<defaultProxy enabled="false">)`;
      else layer = `${svc.file ?? 'machine.config'} defines no proxy${people ? `, while ${people.who} use ${people.address}` : proxy ? `, while ${proxy} is the proxy configured elsewhere` : ''}`;
      // Decided from configuration alone, nothing failed yet: say what the settings make it do.
      const verb = CONFIG_ONLY_BYPASS.has(top.code) ? 'goes direct' : 'went direct';
      return `${actor} ${verb}${times(top)}: ${layer}.`;
    }
    case 'proxy-rejected': {
      const why: Record<string, string> = {
        // "did not give" is wrong when machine.config sends credentials and the proxy refuses the account.
        'proxy-auth-required': 'it demands authentication (407) and got no credentials or an account it does not accept',
        'proxy-denied': 'it blocked the request or answered with its own page',
        'proxy-tls-interception': 'the TLS certificate it presented is not trusted (TLS inspection, or missing roots/CRLs)',
        'proxy-idle-timeout': 'it cut long exports (idle timeout under 6 minutes)',
      };
      return `${actor} reached the proxy${proxy ? ` ${proxy}` : ''}, which refused it${times(top)}: ${why[top.code] ?? top.title}.`;
    }
    case 'proxy-unreachable':
      return top.code === 'proxy-name-unresolved'
        ? `${actor} could not use the proxy${times(top)}: the proxy's own name does not resolve in DNS.`
        : `${actor} could not reach the proxy${proxy ? ` ${proxy}` : ''}${times(top)}: the proxy refused or did not answer the connection (wrong address/port, or the proxy is down).`;
    case 'tls-failure':
      return `${actor} could not negotiate TLS with Entra ID${times(top)}: TLS 1.2 is not enabled for .NET on this server.`;
    case 'not-network': {
      if (top.code === 'ad-connectivity') return `${actor} could not reach on-premises Active Directory${times(top)}: that is DNS/firewall/DC trouble, not the web proxy.`;
      const reached = top.code === 'not-network-credentials' ? 'got an answer to its sign-in' : 'reached Entra ID';
      if (top.code === 'not-network-conditional-access' && (actorId === 'wizard' || actorId === 'wizard-admin')) {
        return `${actor} ${reached}, so the network and the proxy work${times(top)}: Conditional Access or MFA blocked the account that signed in to the wizard.`;
      }
      return `${actor} ${reached}, so the network and the proxy work${times(top)}: ${top.title.replace(/ \(not (?:the )?(?:network|proxy)\)$/, '')}.`;
    }
    default:
      return top.title;
  }
}
