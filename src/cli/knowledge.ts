// `explain <code>` and `codes`: the knowledge entries of the finding codes.
import type { Command } from 'commander';
import { UsageError } from '../model/errors.js';
import { writeOut } from './io.js';

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('the knowledge entry for one finding code: meaning, route, fix, references')
    .argument('<code>', 'a finding code, e.g. proxy-bypass-dns')
    .option('--json', 'print the entry as JSON')
    .action(async (code: string, opts: { json?: boolean }) => {
      const { rules, findRule } = await import('../rules/index.js');
      const rule = findRule(code);
      if (!rule) {
        const near = rules.map((r) => r.meta.code).filter((c) => c.includes(code) || code.includes(c.split('-')[0]!));
        throw new UsageError(`unknown finding code '${code}'${near.length ? ` (did you mean ${near.slice(0, 3).join(', ')}?)` : ''}; 'aadsync-diagnose codes' lists them`);
      }
      const m = rule.meta;
      if (opts.json) return writeOut(JSON.stringify({ ...m, ...(rule.decidesFrom ? { decidesFrom: rule.decidesFrom } : {}), ...(rule.band ? { band: rule.band } : {}) }, null, 2) + '\n');
      const lines = [
        `${m.code} — ${m.title}`,
        `severity: ${m.severity}   route: ${m.route}${m.verdict ? `   verdict: ${m.verdict}` : ''}`,
        '',
        m.explanation,
        '',
        ...(rule.decidesFrom ? ['Decided from:', `  ${rule.decidesFrom}`, ''] : []),
        'Fix:',
        ...m.fix.map((s, i) => `  ${i + 1}. ${s}`),
        '',
        'References:',
        ...m.references.map((r) => `  ${r}`),
      ];
      await writeOut(lines.join('\n') + '\n');
    });
}

export function registerCodes(program: Command): void {
  program
    .command('codes')
    .description('every finding code with its one-line title')
    .option('--json', 'print the list as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { rules } = await import('../rules/index.js');
      const list = rules.map((r) => ({ code: r.meta.code, severity: r.meta.severity, route: r.meta.route, title: r.meta.title }));
      if (opts.json) return writeOut(JSON.stringify(list, null, 2) + '\n');
      const w = Math.max(0, ...list.map((c) => c.code.length));
      await writeOut(list.map((c) => `${c.code.padEnd(w)}  ${c.severity.padEnd(7)}  ${c.title}`).join('\n') + '\n');
    });
}
