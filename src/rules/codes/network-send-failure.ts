// The fallback: a network failure whose text has no decisive detail (which hop, which status). Runs last.
import type { Rule } from '../types.js';
import { actorOfGroup } from '../context.js';
import { REF, VERIFY, quoteGroup } from './_shared.js';
import { facts, networkFailure } from './_facts.js';


export const rule: Rule = {
  meta: {
    code: 'network-send-failure',
    title: 'A network request failed without a decisive detail',
    severity: 'warning',
    route: 'unknown',
    fallback: true,
    explanation:
      'A request failed on the network ("An error occurred while sending the request", "The underlying connection was closed") but the message does not say which hop failed or why, so it cannot be pinned on the proxy or on a direct path.',
    fix: [
      'Collect more evidence on the server: `aadsync-diagnose run --as-service` (probes as the ADSync service account) and the wizard trace logs in %ProgramData%\\AADConnect.',
      'Check machine.config (Framework64) has a <defaultProxy> with your proxy, then `Restart-Service ADSync`.',
      VERIFY,
    ],
    references: [REF.connectivity],
  },
  band: 'fallback',
  decidesFrom: 'Any network failure no other code explained (a reset, a closed connection, a timeout, a generic send error, a connect or TLS failure that names no hop), in whichever runtime or language.',
  matchGroup(g) {
    const all = facts(g);
    const net = networkFailure(all);
    if (!net) return null;
    const used = all.filter((f) => ['dns', 'connect', 'tunnel', 'tls', 'transfer', 'http'].includes(f.op) && f.kind !== 'success');
    return {
      confidence: 'low',
      explanation: `${actorOfGroup(g).name} failed on the network, but the message names no hop, status or address that tells whether it went direct or through the proxy.`,
      evidence: quoteGroup(g, used),
      facts: used,
    };
  },
};
