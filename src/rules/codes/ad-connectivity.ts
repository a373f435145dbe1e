// On-premises AD / domain controllers unreachable: password hash sync 611/616, LDAP and RPC errors,
// failures on AD ports. The web proxy has nothing to do with LDAP/Kerberos/RPC.
import type { Rule } from '../types.js';
import { AD_PORTS, isInternalName, isMicrosoftHost } from '../context.js';
import { REF, has, isNetworkFailure, quoteGroup } from './_shared.js';

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
  matchGroup(g) {
    const f = g.facts;
    const cloudNamed = f.unresolvedHosts.some(isMicrosoftHost) || f.endpoints.some((e) => isMicrosoftHost(e.host));
    const text = g.samples[0]?.text ?? f.chain.join(' ');
    const phs = /Directory Synchronization/i.test(g.provider ?? '') && (g.eventId === 611 || g.eventId === 616);
    const ldap = has(f, 'ldap-unavailable');
    const adPort = isNetworkFailure(f) && f.endpoints.some((e) => AD_PORTS.has(e.port));
    const internalName = f.unresolvedHosts.some(isInternalName) && AD_CONTEXT.test(text);
    if (cloudNamed || !(phs || ldap || adPort || internalName)) return null;
    const what = phs
      ? `password hash sync logged event ${g.eventId}, which means a domain controller could not be read`
      : adPort
        ? `a connection to ${f.endpoints.filter((e) => AD_PORTS.has(e.port)).map((e) => `${e.host}:${e.port}`).join(', ')} (an Active Directory port) failed`
        : internalName
          ? `the on-premises name ${f.unresolvedHosts.filter(isInternalName).join(', ')} did not resolve`
          : 'an LDAP / domain controller connection failed';
    return {
      confidence: phs || ldap ? 'high' : 'medium',
      explanation: `The sync engine's on-premises side failed: ${what}. That is AD connectivity (DNS, firewall to the DCs, the connector account), never the web proxy.`,
      evidence: quoteGroup(g, ['ldap-unavailable', 'remote-name-unresolved', 'connect-timeout', 'connect-refused']),
    };
  },
};
