// STUB owned by the proxy-path work (issue 4): which route each actor takes to each endpoint.
import type { EvidenceSet } from '../evidence/types.js';
import type { ProxyPath } from '../report/types.js';

export function resolveProxyPaths(_ev: EvidenceSet): ProxyPath[] {
  return [];
}
