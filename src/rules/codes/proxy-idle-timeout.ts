// Long operations (exports) cut through the proxy: the proxy's idle timeout is shorter than the 5 minutes
// an export call may take.
import type { Rule } from '../types.js';
import { actorOfGroup } from '../context.js';
import { REF, quoteGroup } from './_shared.js';
import { facts, hopOf } from './_facts.js';
import { rejectedSentence } from './_sentences.js';

export const rule: Rule = {
  meta: {
    code: 'proxy-idle-timeout',
    title: 'Long operations time out through the proxy (idle timeout too short)',
    severity: 'warning',
    route: 'proxy',
    verdict: 'proxy-rejected',
    decidesAsWarning: true,
    explanation:
      'Export calls to Entra ID can take up to 5 minutes. A proxy that drops idle connections sooner cuts them, and exports fail now and then ("The operation has timed out", "The request was aborted"). Microsoft requires a proxy idle timeout of at least 6 minutes.',
    fix: [
      'Ask the proxy team to raise the idle/read timeout for *.microsoftonline.com and *.windows.net to at least 6 minutes (360 seconds).',
      'Then watch the next export runs: `Get-ADSyncRunProfileResult | Select -First 5`.',
    ],
    references: [REF.connectivity, REF.prerequisites],
  },
  band: 'proxy-answered',
  verdictSentence: (input) => rejectedSentence(input, 'it cut long exports (idle timeout under 6 minutes)'),
  decidesFrom: 'A request that timed out or was cut (transfer timed-out / canceled / closed) during a long operation (an export, 5+ minutes) while a proxy is in the path.',
  matchGroup(g, ctx) {
    const used = facts(g).filter((f) => f.op === 'transfer' && (f.kind === 'timed-out' || f.kind === 'canceled' || f.kind === 'closed'));
    if (!used.length) return null;
    const text = g.samples.map((s) => s.text).join('\n');
    const long = /export/i.test(text) || /00:0[5-9]:\d\d|\b[5-9] minutes?\b|300 ?s/i.test(text);
    const viaProxy = facts(g).some((f) => hopOf(ctx, f.target).hop === 'proxy') || ctx.proxy.configured.length > 0;
    if (!long || !viaProxy) return null;
    const proxy = ctx.proxy.fixAddress;
    return {
      confidence: 'medium',
      explanation: `${actorOfGroup(g).name} timed out during a long operation (an export) through the proxy${proxy ? ` ${proxy}` : ''}. Exports can take up to 5 minutes; a proxy idle timeout shorter than that cuts them.`,
      evidence: quoteGroup(g, used),
      facts: used,
    };
  },
};
