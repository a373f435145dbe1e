// machine.config is not well-formed, or its defaultProxy section is misspelt/misplaced: .NET then refuses
// the file (every .NET process on the server fails) or silently ignores the proxy.
import type { Rule, RuleMatch } from '../types.js';
import type { ConfigProblem } from '../../evidence/types.js';
import { REF, RESTART, machineConfigSnippet, quoteGroup } from './_shared.js';
import { facts } from './_facts.js';

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
    fixedBy: 'machine-config',
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
  band: 'policy',
  decidesFrom: 'The files themselves (not well-formed XML, a misspelt or misplaced <defaultProxy>, an unknown attribute, a value .NET cannot parse, a duplicated section), or .NET\'s own words: "Error creating the Web Proxy specified in the \'system.net/defaultProxy\' configuration section".',
  matchGroup(g) {
    const used = facts(g).filter((f) => f.codes.includes('config:defaultProxy'));
    if (!used.length) return null;
    return {
      confidence: 'high',
      explanation: '.NET could not build the proxy that machine.config (or the program\'s .exe.config) describes in <system.net><defaultProxy>: the section has a value it cannot use (an address that is not a URI, a bypass entry that is not a regular expression, an unknown module). Every request of that program fails before it leaves the server.',
      evidence: quoteGroup(g, used),
      facts: used,
    };
  },
  matchEvidence(ev, ctx) {
    const out: RuleMatch[] = [];
    for (const c of ev.dotNetProxy) {
      if (!c.problems.length) continue;
      // The snippet pasted after </configuration> also makes the XML not well-formed; the placement is the
      // cause the admin can act on, so it leads (the parser's "only one root" follows from it).
      const afterRoot = c.problems.find((p) => p.kind === 'misplaced-element' && /after <\/configuration>/.test(p.message));
      const first = afterRoot ?? c.problems[0]!;
      const problems = [first, ...c.problems.filter((p) => p !== first)];
      const alsoBroken = afterRoot && c.problems.some((p) => p.kind === 'not-well-formed')
        ? ' Anything after </configuration> also makes the file not well-formed XML, so .NET refuses the whole file: every .NET process on the server (the wizard, the sync service, PowerShell) fails to read its configuration.'
        : '';
      // The address written in the misplaced section, for the snippet (the parser did not apply it).
      const written = /proxyaddress\s*=\s*"(?:https?:\/\/)?([^"\/]+)/i.exec(c.excerpt ?? '')?.[1];
      const snippet = machineConfigSnippet(ctx.proxy.fixAddress ?? written, c.useDefaultCredentials);
      out.push({
        confidence: first.kind === 'not-well-formed' || first.kind === 'misspelt-element' || first.kind === 'misplaced-element' ? 'high' : 'medium',
        explanation: `${c.scope} (${c.file}) ${WHAT[first.kind]}: ${first.message}.${alsoBroken}${problems.length > 1 ? ` ${problems.length - 1} more problem(s) below.` : ''}`,
        fix: [
          afterRoot
            ? `Fix ${c.file}${first.location ? ` at ${first.location}` : ''}: the <system.net> section is after </configuration>. Cut it from there and paste it just before </configuration>, so the end of the file reads:\n${snippet}\n</configuration>`
            : `Fix ${c.file}${first.location ? ` at ${first.location}` : ''}: ${first.message}. Restore from machine.config.default if unsure, and add the proxy section exactly as documented, just before </configuration>:\n${snippet}`,
          'Check it opens cleanly: `[xml](Get-Content <the file>)` must not throw.',
          RESTART,
        ],
        // No time: a config file's modification time is when it was written or copied, not when anything failed.
        evidence: problems.slice(0, 5).map((p) => ({ kind: 'config' as const, source: c.file, location: p.location ?? c.scope, excerpt: (p.excerpt ?? p.message).slice(0, 280) })),
      });
    }
    return out;
  },
};
