// On-premises AD / domain controllers unreachable: password hash sync 611/616, LDAP and RPC errors,
// failures on AD ports. The web proxy has nothing to do with LDAP/Kerberos/RPC.
import type { Rule } from '../types.js';
import { AD_PORTS, isMicrosoftHost } from '../context.js';
import { REF, quoteGroup } from './_shared.js';
import { facts, hopOf } from './_facts.js';

const AD_CONTEXT = /LDAP|domain controller|DirectoryServices|Active Directory|\bforest\b|Dom[äa]nencontroller|contr[ôo]leur de domaine|controlador de dominio|ドメイン コントローラー/i;

export const rule: Rule = {
  meta: {
    code: 'ad-connectivity',
    title: 'On-premises Active Directory / domain controllers unreachable (not the proxy)',
    severity: 'error',
    route: 'none',
    verdict: 'not-network',
    explanation:
      'The sync engine could not reach a domain controller (password hash sync 611/616, LDAP or RPC errors, failures on AD ports 389/636/3268/88/135). This traffic never goes through a web proxy.',
    fix: [
      'Run the AD connectivity checks on the server: `Import-Module "C:\\Program Files\\Microsoft Entra Connect\\Tools\\ADConnectivityTool.psm1"` (older builds: `...\\Microsoft Azure Active Directory Connect\\Tools\\`) then `Start-ConnectivityValidation -Forest <forest>`.',
      'Check DNS for the forest (`Resolve-DnsName _ldap._tcp.<domain> -Type SRV`) and that TCP 53, 88, 135, 389, 445, 636, 3268 and the RPC dynamic ports are open from this server to the DCs.',
      'Check the AD DS connector account is not locked out and its password is current.',
    ],
    references: [REF.adConnectivityTools, REF.phs],
  },
  band: 'policy',
  verdictSentence: ({ actor, times }) => `${actor.short} could not reach on-premises Active Directory${times}: that is DNS/firewall/DC trouble, not the web proxy.`,
  decidesFrom: 'On-premises AD could not be reached (directory unavailable): LDAP 0x51 Server Down, "The server is not operational", RPC 0x800706BA / 1722, ERROR_DS_SERVER_DOWN, run results stopped-server-down / no-start-connection, password hash sync events 611/616 with no cloud host in them, a failed connection to an AD port (389, 636, 3268, 88, 135, 445) or an on-premises name that did not resolve.',
  matchGroup(g, ctx) {
    const all = facts(g);
    const cloudNamed = all.some((f) => f.target?.host && isMicrosoftHost(f.target.host));
    if (cloudNamed) return null;
    const text = g.samples[0]?.text ?? '';
    const phs = /Directory Synchronization/i.test(g.provider ?? '') && (g.eventId === 611 || g.eventId === 616) && !all.some((f) => f.op === 'directory' && f.kind === 'refused');
    // A bare LdapException / DirectoryServicesCOMException says only that a directory call failed: when AD
    // answered in the same record (a refusal, wrong credentials), it was reachable.
    const adAnswered = all.some((f) => f.op === 'directory' && f.answeredBy === 'ad');
    const down = all.filter((f) => f.op === 'directory' && f.kind === 'unavailable' && !(adAnswered && f.sure === 'low'));
    // A run that could not reach its connected directory: AD only when the connector is not the Entra one.
    const entraConnector = /\s-\s?AAD\b|onmicrosoft\.com|Windows Azure Active Directory|Microsoft Entra ID \(Microsoft\)/i.test(text);
    const runs = entraConnector ? [] : all.filter((f) => f.codes.includes('run:stopped-server-down') || f.codes.includes('run:no-start-connection'));
    down.push(...runs);
    const adPort = all.filter((f) => (f.op === 'connect' || f.op === 'transfer' || f.op === 'directory') && f.target?.port !== undefined && AD_PORTS.has(f.target.port));
    const internal = all.filter((f) => f.op === 'dns' && f.kind === 'not-found' && f.target?.host && hopOf(ctx, f.target).hop === 'on-premises' && AD_CONTEXT.test(text));
    if (!phs && !down.length && !adPort.length && !internal.length) return null;
    const what = phs
      ? `password hash sync logged event ${g.eventId}, which means a domain controller could not be read`
      : adPort.length
        ? `a connection to ${adPort.map((f) => `${f.target!.host}:${f.target!.port}`).join(', ')} (an Active Directory port) failed`
        : internal.length
          ? `the on-premises name ${internal.map((f) => f.target!.host).join(', ')} did not resolve`
          : 'an LDAP / domain controller connection failed';
    const used = [...down, ...adPort, ...internal];
    return {
      confidence: phs || down.length ? 'high' : 'medium',
      explanation: `The sync engine's on-premises side failed: ${what}. That is AD connectivity (DNS, firewall to the DCs, the connector account), never the web proxy.`,
      evidence: quoteGroup(g, used),
      facts: used,
    };
  },
};
