// Runs ps/Invoke-AADSyncDiagnose.ps1 with execa: parameters are -File arguments (data, never code),
// progress comes back as `##aadsync {json}` lines on stdout, and an overall watchdog kills PowerShell
// if the script's own per-step limits fail. The bundle's manifest.json is the record of the steps;
// after a kill, the step that was running is recorded as `timeout` there.
import { execa } from 'execa';
import { spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { readFile, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { CollectionStep } from '../evidence/types.js';

export type StepStatus = CollectionStep['status'];

export type ProgressEvent =
  | { event: 'start'; outDir?: string; steps: string[] }
  | { event: 'step-start'; step: string }
  | { event: 'step-end'; step: string; status: StepStatus; durationMs: number; error: string | null }
  | { event: 'done'; exitCode: number };

const PREFIX = '##aadsync ';
const STATUSES: StepStatus[] = ['ok', 'failed', 'skipped', 'timeout'];

/** One stdout line -> a progress event, or null for anything else (never throws). */
export function parseProgressLine(line: string): ProgressEvent | null {
  const l = line.replace(/^\uFEFF/, '').trimEnd();
  if (!l.startsWith(PREFIX)) return null;
  let v: unknown;
  try {
    v = JSON.parse(l.slice(PREFIX.length));
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  switch (o.event) {
    case 'start':
      return { event: 'start', steps: Array.isArray(o.steps) ? o.steps.map(String) : [], ...(typeof o.outDir === 'string' ? { outDir: o.outDir } : {}) };
    case 'step-start':
      return typeof o.step === 'string' ? { event: 'step-start', step: o.step } : null;
    case 'step-end': {
      if (typeof o.step !== 'string') return null;
      const status = STATUSES.includes(o.status as StepStatus) ? (o.status as StepStatus) : 'failed';
      return {
        event: 'step-end',
        step: o.step,
        status,
        durationMs: typeof o.durationMs === 'number' ? o.durationMs : 0,
        error: typeof o.error === 'string' ? o.error : null,
      };
    }
    case 'done':
      return { event: 'done', exitCode: typeof o.exitCode === 'number' ? o.exitCode : 3 };
    default:
      return null;
  }
}

export interface CollectorOptions {
  /** powershell.exe, or pwsh for --simulate. */
  powershell: string;
  script: string;
  /** The bundle folder (must not exist, or be empty). */
  bundleDir: string;
  sync: 'Delta' | 'Initial' | 'None';
  sinceHours: number;
  stepTimeoutSeconds: number;
  noProbe: boolean;
  toolVersion: string;
  /** Scenario folder: the collector answers every read of the machine from it. */
  simulationPath?: string;
  /** The overall limit; default: every step's limit plus two minutes. */
  watchdogMs?: number;
  onProgress?: (e: ProgressEvent) => void;
}

export interface CollectorOutcome {
  exitCode: number | null;
  /** The watchdog killed PowerShell. */
  killed: boolean;
  /** From the manifest (the truth), else from the progress lines. */
  steps: CollectionStep[];
  /** First lines of stderr, for a one-line error. */
  stderr: string;
  /** The process could not be started at all (ENOENT etc.). */
  spawnError?: string;
}

/** The argument vector: every value is a separate -File parameter, never part of a command string. */
export function collectorArgs(o: CollectorOptions): string[] {
  const args = [
    '-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass',
    '-File', o.script,
    '-OutDir', o.bundleDir,
    '-Sync', o.sync,
    '-SinceHours', String(o.sinceHours),
    '-StepTimeoutSeconds', String(o.stepTimeoutSeconds),
    '-ToolVersion', o.toolVersion,
  ];
  if (o.noProbe) args.push('-NoProbe');
  if (o.simulationPath) args.push('-SimulationPath', o.simulationPath);
  return args;
}

export const COLLECTOR_STEPS = ['preflight', 'proxy-config', 'sync-cycle', 'events', 'traces', 'probes'];

export async function runCollector(o: CollectorOptions): Promise<CollectorOutcome> {
  const watchdogMs = o.watchdogMs ?? o.stepTimeoutSeconds * 1000 * COLLECTOR_STEPS.length + 120_000;
  const seen = new Map<string, CollectionStep>();
  let planned: string[] = [...COLLECTOR_STEPS];
  let running: string | null = null;
  let startedAt = 0;

  // Own process group on POSIX: a .NET-tool pwsh is a launcher with the real pwsh as its child, and
  // the probes step starts child processes; the watchdog must end the whole tree.
  const child = execa(o.powershell, collectorArgs(o), {
    reject: false,
    windowsHide: true,
    detached: process.platform !== 'win32',
    stdin: 'ignore',
    buffer: { stdout: false, stderr: true },
    maxBuffer: { stderr: 1_000_000 },
    encoding: 'utf8',
  });
  let killed = false;
  const kill = () => {
    killed = true;
    killTree(child.pid);
  };
  const watchdog = setTimeout(kill, watchdogMs);
  const onSignal = () => {
    killTree(child.pid);
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  const rl = createInterface({ input: child.stdout });
  rl.on('line', (line) => {
    const e = parseProgressLine(line);
    if (!e) return;
    if (e.event === 'start' && e.steps.length > 0) planned = e.steps;
    if (e.event === 'step-start') {
      running = e.step;
      startedAt = Date.now();
    }
    if (e.event === 'step-end') {
      running = null;
      seen.set(e.step, { name: e.step, status: e.status, durationMs: e.durationMs, error: e.error });
    }
    o.onProgress?.(e);
  });
  const r = await child;
  clearTimeout(watchdog);
  process.removeListener('SIGINT', onSignal);
  rl.close();
  const stderr = String(r.stderr ?? '').trim().split(/\r?\n/).slice(0, 5).join('\n');
  const code = (r as { code?: string }).code;
  if (r.failed && r.exitCode === undefined && !killed && !r.isTerminated) {
    return { exitCode: null, killed: false, steps: [], stderr, spawnError: code ? `${code}: ${r.shortMessage}` : r.shortMessage };
  }
  if (killed) {
    const unfinished: CollectionStep[] = [];
    if (running) {
      const s: CollectionStep = { name: running, status: 'timeout', durationMs: Date.now() - startedAt, error: `the collector did not finish within ${Math.round(watchdogMs / 1000)}s and was stopped` };
      seen.set(running, s);
      unfinished.push(s);
      o.onProgress?.({ event: 'step-end', step: s.name, status: s.status, durationMs: s.durationMs, error: s.error });
    }
    for (const name of planned) {
      if (seen.has(name)) continue;
      const s: CollectionStep = { name, status: 'failed', durationMs: 0, error: 'not run: the collector was stopped by the watchdog' };
      seen.set(name, s);
      unfinished.push(s);
      o.onProgress?.({ event: 'step-end', step: s.name, status: s.status, durationMs: 0, error: s.error });
    }
    await recordSteps(o.bundleDir, unfinished).catch(() => undefined);
  }
  const fromManifest = await readManifestSteps(o.bundleDir);
  const steps = fromManifest.length > 0 ? mergeSteps(fromManifest, [...seen.values()]) : [...seen.values()];
  return { exitCode: r.exitCode ?? null, killed, steps, stderr };
}

function mergeSteps(a: CollectionStep[], b: CollectionStep[]): CollectionStep[] {
  const out = new Map(a.map((s) => [s.name, s]));
  for (const s of b) if (!out.has(s.name)) out.set(s.name, s);
  return [...out.values()];
}

/** Steps of the collector's manifest.json, leniently (a missing or torn file gives []). */
export async function readManifestSteps(bundleDir: string): Promise<CollectionStep[]> {
  try {
    const m = JSON.parse((await readFile(join(bundleDir, 'manifest.json'), 'utf8')).replace(/^\uFEFF/, '')) as { steps?: unknown };
    if (!Array.isArray(m.steps)) return [];
    return m.steps.flatMap((x): CollectionStep[] => {
      const s = x as Record<string, unknown>;
      if (typeof s?.name !== 'string') return [];
      const status = STATUSES.includes(s.status as StepStatus) ? (s.status as StepStatus) : 'failed';
      return [{ name: s.name, status, durationMs: typeof s.durationMs === 'number' ? s.durationMs : 0, error: typeof s.error === 'string' ? s.error : null }];
    });
  } catch {
    return [];
  }
}

/**
 * Adds or replaces steps in the bundle's manifest.json (the collector's file): used after the
 * watchdog stopped the collector, and for the steps the driver runs itself (probes-as-service).
 */
export async function recordSteps(bundleDir: string, steps: CollectionStep[]): Promise<void> {
  const path = join(bundleDir, 'manifest.json');
  let m: Record<string, unknown>;
  try {
    m = JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, '')) as Record<string, unknown>;
  } catch {
    m = { schema: 'aadsync-diagnose/manifest@1', tool: { name: 'aadsync-diagnose' }, steps: [], files: [], redaction: null };
  }
  const list = Array.isArray(m.steps) ? (m.steps as { name?: string }[]) : [];
  for (const s of steps) {
    const i = list.findIndex((x) => x?.name === s.name);
    if (i >= 0) list[i] = { ...list[i], ...s };
    else list.push(s);
  }
  m.steps = list;
  if (!m.finishedAt) m.finishedAt = new Date().toISOString();
  const tmp = `${path}.partial`;
  await writeFile(tmp, JSON.stringify(m), 'utf8');
  await rename(tmp, path);
}

/** Ends a process and its descendants: the process group on POSIX, taskkill /T on Windows. */
export function killTree(pid: number | undefined): void {
  if (!pid) return;
  if (process.platform === 'win32') {
    spawnSync('taskkill', ['/PID', String(pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' });
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
