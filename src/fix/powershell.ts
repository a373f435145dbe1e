// Runs the fix functions through the collector's entry script (ps/Invoke-AADSyncDiagnose.ps1 -Fix /
// -Undo) with execa: every value is a separate -File argument and the plan travels as a JSON file, never
// as code. The script writes its result (schema aadsync-diagnose/fix-result@1) to -ResultPath; a
// watchdog ends PowerShell if the script's own limits fail.
import { execa } from 'execa';
import { readFile } from 'node:fs/promises';
import { killTree } from '../collect/collector.js';

export type FixMode = 'preview' | 'apply' | 'undo-preview' | 'undo';

/** One change as the PowerShell side reports it (ps/AADSyncDiagnose/Private/Fix.Journal.ps1). */
export interface FixChange {
  kind: 'file' | 'registry';
  target: string;
  /** pending, unchanged, absent, refused, applied, declined, failed, rolled-back, rollback-failed, restored, already, changed. */
  status: string;
  reason: string | null;
  action: string | null;
  summary: string | null;
  path?: string;
  backupPath?: string | null;
  encoding?: string | null;
  newline?: string | null;
  view?: string;
  key?: string;
  name?: string;
  before: unknown;
  after: unknown;
  /** The exact unified diff (file lines keep their own CR). */
  diff: string;
}

export interface FixRestart {
  status: string;
  detail: string | null;
  startTime: string | null;
  waitedSeconds: number;
  why?: string;
}

export interface FixResult {
  schema: 'aadsync-diagnose/fix-result@1';
  mode: string;
  /** preview, nothing-to-do, applied, declined, refused, rolled-back, rollback-failed, not-elevated, failed, undone, partly-undone. */
  status: string;
  elevated?: boolean;
  simulated?: boolean;
  host?: string;
  changes: FixChange[];
  journalPath: string | null;
  restart: FixRestart | null;
  error: string | null;
  notes: string[];
}

export interface FixScriptOptions {
  powershell: string;
  /** ps/Invoke-AADSyncDiagnose.ps1 */
  script: string;
  mode: FixMode;
  /** The plan file (preview, apply). */
  planPath?: string;
  /** apply: where the journal folder goes; undo: the output folder (newest fix) or one fix's folder. */
  outDir: string;
  resultPath: string;
  simulationPath?: string;
  restart?: boolean;
  restartTimeoutSeconds?: number;
  /** The overall limit of the PowerShell process. */
  timeoutMs: number;
}

export interface FixScriptOutcome {
  exitCode: number | null;
  result: FixResult | null;
  stdout: string;
  stderr: string;
  killed: boolean;
  spawnError?: string;
}

/** The argument vector: data only. -WhatIf is the preview; -Force applies without asking (no console to ask on). */
export function fixScriptArgs(o: FixScriptOptions): string[] {
  const args = ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', o.script, '-OutDir', o.outDir];
  if (o.mode === 'preview' || o.mode === 'apply') {
    if (!o.planPath) throw new Error('internal: a fix needs a plan file');
    args.push('-Fix', '-FixPlan', o.planPath);
  } else {
    args.push('-Undo');
  }
  args.push('-ResultPath', o.resultPath);
  args.push(o.mode === 'preview' || o.mode === 'undo-preview' ? '-WhatIf' : '-Force');
  if (o.restart) args.push('-RestartService', '-RestartTimeoutSeconds', String(Math.max(0, Math.round(o.restartTimeoutSeconds ?? 600))));
  if (o.simulationPath) args.push('-SimulationPath', o.simulationPath);
  return args;
}

export async function runFixScript(o: FixScriptOptions): Promise<FixScriptOutcome> {
  const child = execa(o.powershell, fixScriptArgs(o), {
    reject: false,
    windowsHide: true,
    detached: process.platform !== 'win32',
    stdin: 'ignore',
    encoding: 'utf8',
    maxBuffer: { stdout: 20_000_000, stderr: 1_000_000 },
  });
  let killed = false;
  const watchdog = setTimeout(() => {
    killed = true;
    killTree(child.pid);
  }, o.timeoutMs);
  const r = await child;
  clearTimeout(watchdog);
  const stderr = String(r.stderr ?? '').trim().split(/\r?\n/).slice(0, 5).join('\n');
  const code = (r as { code?: string }).code;
  if (r.failed && r.exitCode === undefined && !killed && !r.isTerminated) {
    return { exitCode: null, result: null, stdout: '', stderr, killed: false, spawnError: code ? `${code}: ${r.shortMessage}` : r.shortMessage };
  }
  let result: FixResult | null = null;
  try {
    const doc = JSON.parse((await readFile(o.resultPath, 'utf8')).replace(/^\uFEFF/, '')) as FixResult;
    if (doc && doc.schema === 'aadsync-diagnose/fix-result@1') result = { ...doc, changes: Array.isArray(doc.changes) ? doc.changes : [], notes: Array.isArray(doc.notes) ? doc.notes : [] };
  } catch {
    result = null;
  }
  return { exitCode: r.exitCode ?? null, result, stdout: String(r.stdout ?? ''), stderr, killed };
}
