// The proxy answered 407: it was reached and wants credentials the process did not send or that it refused.
import type { EvidenceSet } from '../../evidence/types.js';
import type { Rule, RuleContext } from '../types.js';
import { actorOfGroup, knownProxyAddress } from '../context.js';
import { DOMAIN_ACCOUNT_STEP, EXEMPT_AUTH_STEP, REF, cntlmStep, failedProbes, has, machineConfigSteps, quoteGroup, quoteProbe } from './_shared.js';

function fixFor(ctx: RuleContext, ev: EvidenceSet): string[] {
  const rest = [DOMAIN_ACCOUNT_STEP, EXEMPT_AUTH_STEP, cntlmStep(knownProxyAddress(ctx))];
  // machine.config already asks .NET to send credentials to a proxy: repeating the snippet changes
  // nothing; the proxy refused the account, so the account (or the proxy's rule) is the fix.
  const sent = serviceSendsCredentials(ev);
  if (sent) {
    return [
      `${sent} already has the documented authenticating section (useDefaultCredentials="true", proxyaddress ${knownProxyAddress(ctx) ?? 'set'}): nothing to change there. The proxy refused the account the service sends:`,
      ...rest,
    ];
  }
  return [...machineConfigSteps(ctx, { auth: true }), ...rest];
}

/** The service's config file when it sets useDefaultCredentials="true" with a proxy address. */
function serviceSendsCredentials(ev: EvidenceSet): string | undefined {
  const svc = ev.dotNetProxy.find((c) => c.present && c.enabled !== false && !!c.proxy?.proxyaddress && (c.scope === 'machine.config (Framework64)' || c.scope === 'miiserver.exe.config' || c.scope === 'machine.config'));
  if (svc) return svc.useDefaultCredentials ? svc.scope : undefined;
  const trace = ev.traceProxy.find((t) => t.useDefaultCredentials !== undefined && !!t.proxyAddress && !/unspecified/i.test(t.proxyAddress));
  return trace && /^true$/i.test(trace.useDefaultCredentials ?? '') ? 'machine.config (as the wizard read it)' : undefined;
}

/** Why the credentials did not work, from machine.config and the service account. */
function credentialWords(ev: EvidenceSet): string {
  const svc = ev.dotNetProxy.find((c) => c.present && (c.scope === 'machine.config (Framework64)' || c.scope === 'miiserver.exe.config' || c.scope === 'machine.config'));
  const trace = ev.traceProxy.find((t) => t.useDefaultCredentials !== undefined);
  const account = ev.adsync.find((a) => a.serviceAccount)?.serviceAccount;
  const sends = svc ? svc.useDefaultCredentials : trace ? /^true$/i.test(trace.useDefaultCredentials ?? '') : undefined;
  const parts: string[] = [];
  if (sends === false) parts.push(`${svc ? svc.scope : 'machine.config (as the wizard read it)'} does not set useDefaultCredentials="true", so .NET sends no credentials to the proxy`);
  else if (sends === true) parts.push('machine.config sets useDefaultCredentials="true", so credentials were sent and the proxy refused that account');
  if (account) {
    if (/^NT SERVICE\\/i.test(account)) parts.push(`the service runs as ${account}, which reaches the proxy as the computer account DOMAIN\\SERVER$`);
    else if (/^\.\\/.test(account) || (!account.includes('\\') && !account.includes('@'))) parts.push(`the service runs as the local account ${account}, which cannot answer an NTLM/Kerberos challenge`);
    else parts.push(`the service runs as ${account}`);
  }
  return parts.length ? ` Here ${parts.join('; ')}.` : '';
}

export const rule: Rule = {
  meta: {
    code: 'proxy-auth-required',
    title: 'The proxy demands authentication (407) the process did not give',
    severity: 'error',
    route: 'proxy',
    verdict: 'proxy-rejected',
    explanation:
      'The request reached the proxy, which answered "(407) Proxy Authentication Required": machine.config does not tell .NET to send credentials (useDefaultCredentials), or the account the service runs as is one the proxy does not accept.',
    fix: [
      'Set `<defaultProxy enabled="true" useDefaultCredentials="true">` in machine.config (Framework64) and `Restart-Service ADSync`.',
      DOMAIN_ACCOUNT_STEP,
      EXEMPT_AUTH_STEP,
      cntlmStep(undefined),
    ],
    references: [REF.connectivity, REF.prerequisites, REF.serviceAccount],
  },
  priority: 68,
  matchGroup(g, ctx, ev) {
    const f = g.facts;
    if (!f.httpStatuses.includes(407) && !has(f, 'proxy-auth-407')) return null;
    const actor = actorOfGroup(g);
    const who = actor.id === 'wizard-admin' ? ' On the "Connect to Azure AD" page that is the logged-on admin\'s account.' : credentialWords(ev);
    return {
      confidence: 'high',
      explanation: `${actor.name} reached the proxy${knownProxyAddress(ctx) ? ` (${knownProxyAddress(ctx)})` : ''}, and the proxy answered 407 Proxy Authentication Required: it wants credentials it did not get or did not accept.${who}`,
      fix: fixFor(ctx, ev),
      evidence: quoteGroup(g, ['proxy-auth-407'], /\(407\)|\b407\b/),
    };
  },
  matchEvidence(ev, ctx) {
    const probes = failedProbes(ev, (p) => p.errorClass === 'proxy-auth' || p.httpStatus === 407);
    if (!probes.length) return [];
    return [{ confidence: 'high', fix: fixFor(ctx, ev), explanation: `A probe through the proxy got 407 Proxy Authentication Required (as ${[...new Set(probes.map((p) => p.as))].join(' and ')}).${credentialWords(ev)}`, evidence: probes.slice(0, 5).map(quoteProbe) }];
  },
};
