// STUB owned by the rules work (issue 2): turns a message text into language-neutral FailureFacts.
import type { FailureFacts } from './types.js';

export function extractFailureFacts(text: string): FailureFacts {
  const chain = text.split('--->').map((s) => s.trim()).filter(Boolean);
  return {
    chain,
    innermost: chain[chain.length - 1] ?? '',
    phrases: [],
    unresolvedHosts: [],
    endpoints: [],
    socketCodes: [],
    httpStatuses: [],
    aadsts: [],
    winhttpCodes: [],
    webStatuses: [],
  };
}
