// The fallback: a network failure whose text has no decisive detail (which hop, which status). Runs last.
import type { Rule } from '../types.js';
import { actorOfGroup } from '../context.js';
import { REF, VERIFY, isNetworkFailure, quoteGroup } from './_shared.js';

const GENERIC = ['send-request-error', 'connection-closed', 'send-error', 'forcibly-closed', 'operation-timeout', 'request-aborted', 'unable-to-connect', 'connect-timeout', 'connect-refused', 'remote-name-unresolved', 'host-not-found'];

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
  matchGroup(g) {
    if (!isNetworkFailure(g.facts)) return null;
    return {
      confidence: 'low',
      explanation: `${actorOfGroup(g).name} failed on the network, but the message names no hop, status or address that tells whether it went direct or through the proxy.`,
      evidence: quoteGroup(g, GENERIC),
    };
  },
};
