// `fix` in words: the preview (each change as its exact unified diff), the apply, the proof (before ->
// after per actor and endpoint), the undo. Pure: the outcome in, text out.
import type { FixDecision, FixPlan } from './plan.js';
import { standaloneCommand } from './plan.js';
import type { FixChange, FixResult } from './powershell.js';
import type { Proof } from './proof.js';

export interface FixOutcomeView {
  mode: 'preview' | 'apply' | 'undo-preview' | 'undo' | 'plan';
  simulated: boolean;
  diagnosis: { source: string; bundle: string | null; verdict: { code: string; summary: string }; findings: string[] } | null;
  decision: FixDecision | null;
  plan: FixPlan | null;
  planPath: string | null;
  preview: FixResult | null;
  apply: FixResult | null;
  undo: FixResult | null;
  proof: Proof | null;
  afterBundle: string | null;
  /** Lines said once at the end (what to do next). */
  next: string[];
}

const STATUS_WORD: Record<string, string> = {
  pending: 'would change',
  unchanged: 'already as planned',
  absent: 'not on this server',
  refused: 'REFUSED (change it by hand)',
  applied: 'changed',
  declined: 'declined',
  failed: 'FAILED',
  'rolled-back': 'rolled back',
  'rollback-failed': 'ROLLBACK FAILED',
  restored: 'restored',
  already: 'already as before the fix',
  changed: 'changed again since the fix: left alone',
};

function indent(text: string, by = '    '): string[] {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => by + l.replace(/\r$/, ''));
}

function changeLines(c: FixChange, showDiff: boolean, undo: boolean): string[] {
  const word = STATUS_WORD[c.status] ?? c.status;
  const what = c.reason ?? c.summary ?? '';
  const out = [`  ${c.target}: ${word}${what ? ` - ${what}` : ''}`];
  if (!undo && c.kind === 'file' && c.encoding && (c.status === 'pending' || c.status === 'applied')) {
    out.push(`    (${c.encoding}, ${c.newline ?? '?'} line ends: kept; every byte outside the section unchanged${c.backupPath ? `; backup ${c.backupPath}` : ''})`);
  }
  if (showDiff && c.diff) out.push(...indent(c.diff));
  return out;
}

/** A paragraph wrapped at `width`, its first line after `first`, the rest after `rest` (diffs are never wrapped). */
export function wrap(text: string, first: string, rest: string, width = 100): string[] {
  const out: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > width) {
      out.push(line);
      line = rest + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  out.push(line);
  return out;
}

function section(title: string, lines: string[]): string[] {
  return lines.length ? ['', title, ...lines] : [];
}

export function renderFix(v: FixOutcomeView): string {
  const out: string[] = [];
  const head: Record<FixOutcomeView['mode'], string> = {
    preview: 'aadsync-diagnose fix - PREVIEW: nothing is changed without --apply',
    apply: 'aadsync-diagnose fix --apply',
    'undo-preview': 'aadsync-diagnose fix --undo - PREVIEW: nothing is changed without --apply',
    undo: 'aadsync-diagnose fix --undo --apply',
    plan: 'aadsync-diagnose fix - the plan (this machine is not the server: nothing was read or changed on it)',
  };
  out.push(head[v.mode] + (v.simulated ? ' (simulated server)' : ''));
  if (v.diagnosis) {
    out.push(...wrap(`${v.diagnosis.verdict.code} - ${v.diagnosis.verdict.summary}`, 'Diagnosis: ', '  '));
    out.push(`  from ${v.diagnosis.source}${v.diagnosis.bundle ? ` (bundle ${v.diagnosis.bundle})` : ''}`);
  }
  const d = v.decision;
  if (d) {
    out.push(...section('What this fixes', d.items.flatMap((i, n) => [...wrap(i.words, `  ${n + 1}. `, '     '), `     for: ${i.because.join(', ')}`])));
    out.push(...section('What it cannot fix from here', d.blocked.flatMap((b) => wrap(`${b.code}: ${b.why}`, '  - ', '    '))));
    if (d.items.length === 0 && d.blocked.length === 0) out.push('', 'Nothing to change: no finding of this diagnosis is fixed by a change of machine.config or of the .NET TLS values.');
    out.push(...section('Left out of the new section', d.droppedBypass.map((b) => `  - bypass entry "${b.entry}": ${b.why}`)));
  }
  const changes = v.undo ?? v.apply ?? v.preview;
  if (changes && changes.changes.length) {
    const title = v.mode === 'undo' ? 'Restored' : v.mode === 'undo-preview' ? 'The undo would restore (exact diffs)' : v.mode === 'apply' ? 'Changes' : 'Changes (exact diffs)';
    const undo = v.mode === 'undo' || v.mode === 'undo-preview';
    out.push(...section(title, changes.changes.flatMap((c) => changeLines(c, v.mode !== 'apply' && v.mode !== 'undo', undo))));
  }
  for (const r of [v.preview, v.apply, v.undo]) {
    if (r?.error && r.status !== 'preview') out.push('', `${r.mode}: ${r.status} - ${r.error}`);
  }
  if (v.apply?.journalPath) out.push('', `Journal: ${v.apply.journalPath}`);
  if (v.undo?.journalPath && v.mode === 'undo') out.push('', `Journal: ${v.undo.journalPath} (the undo is recorded in it)`);
  const restart = v.apply?.restart ?? v.undo?.restart;
  if (restart) out.push('', `Restart of ADSync: ${restart.status}${restart.detail ? ` - ${restart.detail}` : ''}`);

  const p = v.proof;
  if (p) {
    out.push('', 'Proof (collected again after the change; probes as the service would send them)');
    for (const r of p.routes) {
      const eps = r.endpoints.length > 3 ? `${r.endpoints.slice(0, 3).join(', ')} +${r.endpoints.length - 3} more` : r.endpoints.join(', ');
      out.push(`  ${r.actor.padEnd(20)} ${eps}: ${r.before === r.after ? `${r.after} (unchanged)` : `${r.before} -> ${r.after}`}`);
    }
    for (const pr of p.probes.slice(0, 12)) out.push(`  probe as ${pr.as}: ${pr.test} ${pr.endpoint}: ${pr.before ?? 'not run'} -> ${pr.after ?? 'not run'}`);
    const f = p.findings;
    if (f.resolved.length) out.push(`  findings gone: ${f.resolved.join(', ')}`);
    if (f.remaining.length) out.push(`  findings still there: ${f.remaining.join(', ')}`);
    if (f.added.length) out.push(`  new findings: ${f.added.join(', ')}`);
    out.push(...p.expected.lines.flatMap((l) => wrap(l, '  ', '    ')));
    if (v.afterBundle) out.push(`  bundle after the change: ${v.afterBundle}`);
  }

  const notes = [...(d?.warnings ?? []), ...((v.preview ?? v.apply)?.notes ?? [])];
  out.push(...section('Notes', notes.flatMap((n) => wrap(n, '  - ', '    '))));
  if (v.plan && (v.mode === 'preview' || v.mode === 'plan')) {
    out.push('', 'On a server without Node, the same change (preview; -Confirm applies it, asking first):', `  ${standaloneCommand(v.plan)}`);
    if (v.planPath) out.push(`  or with the plan file: ... -Fix -FixPlan ${v.planPath} -WhatIf`);
  }
  // Commands stay whole on their line; sentences are wrapped.
  if (v.next.length) out.push('', ...v.next.flatMap((n) => (n.startsWith('  ') ? [n] : wrap(n, '', '  '))));
  return out.join('\n') + '\n';
}
