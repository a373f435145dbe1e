// machine.config is not well-formed, or its defaultProxy section is misspelt/misplaced: .NET then refuses
// the file (every .NET process on the server fails) or silently ignores the proxy.
import type { Rule, RuleMatch } from '../types.js';
import type { ConfigProblem } from '../../evidence/types.js';
import { REF, RESTART, machineConfigSnippet } from './_shared.js';
import { knownProxyAddress } from '../context.js';

const WHAT: Record<ConfigProblem['kind'], string> = {
  'not-well-formed': 'is not well-formed XML, so .NET refuses the whole file and every .NET process on the server (the wizard, the sync service, PowerShell) fails to start its network stack',
  'misspelt-element': 'has a misspelt element in <system.net>, so .NET either refuses the file or never sees the proxy',
  'misplaced-element': 'has its proxy setting in the wrong place (outside <configuration>/<system.net>/<defaultProxy>), where .NET does not read it',
  'unknown-attribute': 'has an attribute .NET does not know (attribute names are case-sensitive: proxyaddress, usesystemdefault, bypassonlocal), so .NET refuses the file',
  'invalid-value': 'has a value .NET cannot parse (e.g. a proxyaddress that is not a URI, or a boolean that is not true/false)',
  'duplicate-section': 'defines a section twice (two <system.net> or <defaultProxy> sections), which .NET refuses',
};

export const rule: Rule = {
  meta: {
    code: 'machine-config-invalid',
    title: 'machine.config is invalid or its defaultProxy section is misspelt or misplaced',
    severity: 'error',
    route: 'unknown',
    explanation:
      'The sync service and the wizard read the proxy from machine.config. This file is not well-formed, or its <system.net><defaultProxy> section is misspelt, misplaced or has unknown attributes: .NET refuses the file or ignores the proxy.',
    fix: [
      'Restore the file from its backup (machine.config.default is Microsoft\'s original), then add the proxy section again exactly as documented, just before </configuration>.',
      'Check it opens cleanly: `[xml](Get-Content C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\Config\\machine.config)` must not throw.',
      RESTART,
    ],
    references: [REF.prerequisites, REF.defaultProxy],
  },
  matchEvidence(ev, ctx) {
    const out: RuleMatch[] = [];
    for (const c of ev.dotNetProxy) {
      if (!c.problems.length) continue;
      const first = c.problems[0]!;
      out.push({
        confidence: first.kind === 'not-well-formed' || first.kind === 'misspelt-element' || first.kind === 'misplaced-element' ? 'high' : 'medium',
        explanation: `${c.scope} (${c.file}) ${WHAT[first.kind]}: ${first.message}.${c.problems.length > 1 ? ` ${c.problems.length - 1} more problem(s) below.` : ''}`,
        fix: [
          `Fix ${c.file}${first.location ? ` at ${first.location}` : ''}: ${first.message}. Restore from machine.config.default if unsure, and add the proxy section exactly as documented, just before </configuration>:\n${machineConfigSnippet(knownProxyAddress(ctx), c.useDefaultCredentials)}`,
          'Check it opens cleanly: `[xml](Get-Content <the file>)` must not throw.',
          RESTART,
        ],
        evidence: c.problems.slice(0, 5).map((p) => {
          const q = { kind: 'config' as const, source: c.file, location: p.location ?? c.scope, excerpt: (p.excerpt ?? p.message).slice(0, 280) };
          return c.modifiedAt ? { ...q, time: c.modifiedAt } : q;
        }),
      });
    }
    return out;
  },
};
