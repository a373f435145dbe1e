// A local failure on this server that no network step is part of: a missing file or folder, a service
// that will not start, an installation requirement, a configuration the program cannot load, an access
// refused by the file system. Said plainly so the admin does not chase the proxy.
import type { Rule } from '../types.js';
import { quoteGroup } from './_shared.js';
import { facts, hopOf, networkFailure } from './_facts.js';

const WORDS: Record<string, string> = {
  file: 'a file or folder it needs is missing or not accessible',
  service: 'a Windows service could not be started or reconfigured',
  requirement: 'an installation requirement of this server is not met',
  configuration: 'its configuration cannot be used as written',
  failed: 'a local operation failed',
  program: 'the program failed in its own code (an exception no network step throws, or a DLL or assembly it cannot load)',
  install: 'installing a component on this server failed',
  'access-denied': 'this server refused access',
  refused: 'a service on this server that the request was for is not listening',
  'timed-out': 'a service on this server that the request was for did not answer',
  unreachable: 'a service on this server that the request was for could not be reached',
};

export const rule: Rule = {
  meta: {
    code: 'not-network-local',
    title: 'A local problem on this server (not the network)',
    severity: 'error',
    route: 'none',
    verdict: 'not-network',
    explanation:
      'The error is local to this server: a missing file or folder, a service that does not start, an unmet installation requirement, or a configuration the program cannot load. No request went out, so the proxy is not involved.',
    fix: [
      'Fix the local cause the quoted error names (the path, the service, the requirement, the setting), then run the operation again.',
      'Do not change the proxy for this.',
    ],
    references: ['https://learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-install-prerequisites'],
  },
  band: 'policy',
  decidesFrom: 'A local exception or message with no network failure in the same record: FileNotFoundException / DirectoryNotFoundException / "Could not find a part of the path", UnauthorizedAccessException, a service that failed to start, an installation requirement, a configuration the program cannot load (ConfigurationErrorsException, an authority of "undefined"), an installation step that failed (ProcessExecutionFailedException, an MSI error), or the program\'s own fault (KeyNotFoundException, IndexOutOfRangeException, NullReferenceException, an assembly or DLL it cannot load: GetLastError 126/127/193) when nothing else in the record failed.',
  verdictSentence: ({ actor, times }) => `${actor.short} failed on this server itself${times}: a local problem (file, service, requirement or configuration), not the network or the proxy.`,
  matchGroup(g, ctx) {
    const all = facts(g);
    const local = all.filter((f) => f.op === 'local' && f.kind !== 'pac' && f.kind !== 'proxy-configuration' && !f.codes.includes('adsync:access-denied'));
    // A refused or timed-out connection to a service on this server that the request was for.
    const localService = all.filter((f) => f.op === 'connect' && f.target?.role === 'destination' && hopOf(ctx, f.target).hop === 'local');
    const used = [...local, ...localService];
    if (!used.length) return null;
    // An exception of the program's own code (InvalidOperationException …) is only the wrapper when the
    // record says more: the scheduler reports "busy", Entra or AD answered, a request failed.
    if (used.every((f) => f.kind === 'program') && all.some((f) => f.op !== 'local' && f.kind !== 'success')) return null;
    // A configuration the program cannot load explains a network failure beside it; anything else local does not.
    if (!localService.length && networkFailure(all) && !used.some((f) => f.kind === 'configuration')) return null;
    const what = [...new Set(used.map((f) => WORDS[f.kind] ?? WORDS.failed!))].join('; ');
    return {
      confidence: 'high',
      explanation: `The error is local to this server: ${what}. No request to Microsoft is part of it, so the proxy is not involved.`,
      evidence: quoteGroup(g, used),
      facts: used,
    };
  },
};
