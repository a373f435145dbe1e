// The proxy answered 407: it was reached and wants credentials the process did not send or that it refused.
import type { EvidenceSet } from '../../evidence/types.js';
import type { Rule, RuleContext } from '../types.js';
import { actorOfGroup } from '../context.js';
import { rejectedSentence } from './_sentences.js';
import { DOMAIN_ACCOUNT_STEP, EXEMPT_AUTH_STEP, REF, cntlmStep, failedProbes, machineConfigSteps, quoteGroup, quoteProbe } from './_shared.js';
import { facts } from './_facts.js';

function fixFor(ctx: RuleContext): string[] {
  const proxy = ctx.proxy.fixAddress;
  const rest = [DOMAIN_ACCOUNT_STEP, EXEMPT_AUTH_STEP, cntlmStep(proxy)];
  // machine.config already asks .NET to send credentials to a proxy: repeating the snippet changes
  // nothing; the proxy refused the account, so the account (or the proxy's rule) is the fix.
  const sent = serviceSendsCredentials(ctx);
  if (sent) {
    return [
      `${sent} already has the documented authenticating section (useDefaultCredentials="true", proxyaddress ${proxy ?? 'set'}): nothing to change there. The proxy refused the account the service sends:`,
      ...rest,
    ];
  }
  return [...machineConfigSteps(ctx, { auth: true }), ...rest];
}

/** The service's config file, in words, when it names a proxy and sets useDefaultCredentials="true". */
/** Once machine.config already sends the account's credentials, `fix` has nothing to change. */
function fixCommand(ctx: RuleContext): { fixedBy?: null } {
  return serviceSendsCredentials(ctx) ? { fixedBy: null } : {};
}

function serviceSendsCredentials(ctx: RuleContext): string | undefined {
  const svc = ctx.proxy.service;
  if (!svc.address || !svc.credentials) return undefined;
  return svc.fromTrace ? 'machine.config (as the wizard read it)' : svc.file;
}

/** Why the credentials did not work, from machine.config and the service account. */
function credentialWords(ctx: RuleContext, ev: EvidenceSet): string {
  const svc = ctx.proxy.service;
  const account = ev.adsync.find((a) => a.serviceAccount)?.serviceAccount;
  const section = svc.configs.some((c) => c.present);
  const parts: string[] = [];
  if (section && !svc.credentials) parts.push(`${svc.fromTrace ? 'machine.config (as the wizard read it)' : (svc.file ?? 'machine.config')} does not set useDefaultCredentials="true", so .NET sends no credentials to the proxy`);
  else if (section && svc.credentials) parts.push('machine.config sets useDefaultCredentials="true", so credentials were sent and the proxy refused that account');
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
    fixedBy: 'machine-config',
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
  band: 'proxy-answered',
  verdictSentence: (input) =>
    // "did not give" is wrong when machine.config sends credentials and the proxy refuses the account.
    rejectedSentence(input, 'it demands authentication (407) and got no credentials or an account it does not accept'),
  decidesFrom: 'An HTTP 407 from the proxy, with or without the number: "(407) Proxy Authentication Required" in any language, a CONNECT answered 407 (curl, Node, Python, Java, .NET), a Proxy-Authenticate header, a proxy\'s own authentication page (Squid ERR_CACHE_ACCESS_DENIED, TMG 12209, Blue Coat authentication_failed) or access-log line (TCP_DENIED/407).',
  matchGroup(g, ctx, ev) {
    // 407, or a 401 that the proxy itself sent (an intercepting proxy cannot send 407, and answers a
    // client's Proxy-Authorization with 401 and its own headers: Proxy-Connection, its cookies).
    const used = facts(g).filter((f) => f.status === 407 || (f.status === 401 && f.answeredBy === 'proxy'));
    if (!used.length) return null;
    const actor = actorOfGroup(g);
    const who = actor.id === 'wizard-signin' ? ' On the "Connect to Azure AD" page that is the logged-on admin\'s account.' : credentialWords(ctx, ev);
    const product = used.find((f) => f.product)?.product;
    return {
      confidence: 'high',
      explanation: `${actor.name} reached the proxy${ctx.proxy.fixAddress ? ` (${ctx.proxy.fixAddress})` : product ? ` (${product})` : ''}, and the proxy answered 407 Proxy Authentication Required: it wants credentials it did not get or did not accept.${who}`,
      fix: fixFor(ctx),
      ...fixCommand(ctx),
      evidence: quoteGroup(g, used, /\(407\)|\b407\b/),
      facts: used,
    };
  },
  matchEvidence(ev, ctx) {
    const probes = failedProbes(ev, (p) => p.errorClass === 'proxy-auth' || p.httpStatus === 407);
    if (!probes.length) return [];
    return [{ confidence: 'high', fix: fixFor(ctx), ...fixCommand(ctx), explanation: `A probe through the proxy got 407 Proxy Authentication Required (as ${[...new Set(probes.map((p) => p.as))].join(' and ')}).${credentialWords(ctx, ev)}`, evidence: probes.slice(0, 5).map(quoteProbe) }];
  },
};
