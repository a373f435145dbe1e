// `fix`: from the latest diagnosis to a checked change and its proof.
//   1. the diagnosis: a bundle (--from), or a collection now (run --sync none: nothing started on the server)
//   2. which fixes apply (plan.ts), as a plan file - data for the PowerShell functions, which make every change
//   3. the preview: the PowerShell side works every change out from the files and values as they are and
//      returns each as an exact diff (-WhatIf); without --apply, that is all
//   4. --apply: elevated only; the changes, with backups and a journal in --out; --restart if asked
//   5. the proof: the collection again (look-back from the change on, probes as the service would send them)
//      compared before -> after; if the service's path is not the planned one: say so, offer the undo
// --undo: the PowerShell side takes the newest fix of --out (or a given journal) back, exactly.
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { collectEvidence } from '../evidence/collect-evidence.js';
import type { EvidenceSet } from '../evidence/types.js';
import { EXIT, InputError, UsageError } from '../model/errors.js';
import type { Report } from '../model/report.js';
import { buildContext } from '../rules/context.js';
import { TOOL_VERSION } from '../version.js';
import { collectorScript, findPwsh, scenarioDir, SCENARIOS, windowsPowerShell } from '../collect/powershell.js';
import { decideFixes, restartOnlyPlan, type FixDecision, type FixPlan } from './plan.js';
import { runFixScript, type FixMode, type FixResult } from './powershell.js';
import { buildProof, type Snapshot } from './proof.js';
import { renderFix, type FixOutcomeView } from './render.js';

export interface FixOptions {
  apply: boolean;
  /** true: the newest fix of --out; a string: a journal.json or a fix folder. */
  undo?: true | string;
  /** A bundle (folder or zip) to decide from, instead of collecting now. */
  from?: string;
  /** --proxy, normalised to http://host:port. */
  proxy?: string;
  restart: boolean;
  restartTimeoutMs: number;
  out?: string;
  sinceMs: number;
  probe: boolean;
  asService: boolean;
  powershell?: string;
  simulate?: string;
  /** Write the plan here too (for Invoke-AADSyncDiagnose.ps1 -Fix -FixPlan on a server without Node). */
  planOut?: string;
  json: boolean;
  /** One line per stage on stderr (a terminal, not --json). */
  progress: boolean;
  platform?: NodeJS.Platform;
}

export interface FixOutcome {
  exitCode: number;
  text: string;
  json: Record<string, unknown>;
}

/** The marker the fix simulator requires before it writes into a folder (ps/simulator/AADSyncFixSimulator.psm1). */
const SIMULATED_SERVER_MARKER = '.aadsync-simulated-server';

interface Diagnosis extends Snapshot {
  ev: EvidenceSet;
  report: Report;
  source: string;
  bundle: string | null;
}

async function exists(p: string): Promise<boolean> {
  return (await stat(p).catch(() => null)) !== null;
}

export async function runFix(o: FixOptions): Promise<FixOutcome> {
  const platform = o.platform ?? process.platform;
  const outRoot = resolve(o.out ?? '.');
  if (o.out !== undefined && o.out.split(/[\\/]+/).includes('..')) throw new UsageError(`--out: '${o.out}' contains '..': give the folder directly`);
  const outStat = await stat(outRoot).catch(() => null);
  if (outStat && !outStat.isDirectory()) throw new UsageError(`--out: '${o.out}' is a file, not a folder`);
  const say = (line: string) => {
    if (o.progress) process.stderr.write(`${line}\n`);
  };

  // Where the server is: this machine, or a simulated one (a copy of the scenario in --out, made on the
  // first change and kept, so a later --undo or --restart finds the same server).
  let powershell: string | undefined;
  let serverDir: string | undefined;
  let planOnly = false;
  if (o.simulate !== undefined) {
    const pristine = scenarioDir(o.simulate);
    if (!pristine) throw new UsageError(`--simulate: unknown scenario '${o.simulate}' (one of ${SCENARIOS.join(', ')})`);
    powershell = o.powershell ?? findPwsh() ?? undefined;
    if (!powershell) throw new UsageError('--simulate needs PowerShell 7 (pwsh): install it or pass --powershell <path to pwsh>');
    const copy = join(outRoot, `aadsync-simulated-${o.simulate}`);
    if (await exists(copy)) serverDir = copy;
    else if (o.apply && !o.undo) {
      await mkdir(outRoot, { recursive: true });
      await cp(pristine, copy, { recursive: true });
      await writeFile(join(copy, SIMULATED_SERVER_MARKER), 'a copy of a scenario that aadsync-diagnose fix --simulate may change\n');
      serverDir = copy;
    } else if (o.undo) throw new UsageError(`--undo --simulate ${o.simulate}: no simulated server in '${outRoot}' (a fix --apply --simulate ${o.simulate} --out <this folder> makes one)`);
    else serverDir = pristine; // a preview only reads
  } else if (platform !== 'win32') {
    if (o.from && o.planOut && !o.apply && !o.undo) planOnly = true;
    else {
      throw new UsageError(
        'fix changes the Azure AD Connect server: run it there (Windows). To try it here: aadsync-diagnose fix --simulate proxy-bypass; to write a plan for a server without Node: fix --from <bundle> --plan-out plan.json',
      );
    }
  } else {
    powershell = o.powershell ?? windowsPowerShell();
  }
  const work = await mkdtemp(join(tmpdir(), 'aadsync-fix-'));
  try {
    if (o.undo) return await undo(o, powershell!, serverDir, outRoot, work, say);
    return await fix(o, powershell, serverDir, outRoot, work, planOnly, say);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function scriptTimeout(o: FixOptions): number {
  return o.restartTimeoutMs + 5 * 60_000;
}

async function callScript(o: FixOptions, powershell: string, mode: FixMode, args: { planPath?: string; outDir: string; serverDir: string | undefined; work: string }): Promise<FixResult> {
  const resultPath = join(args.work, `${mode}-result.json`);
  const r = await runFixScript({
    powershell,
    script: collectorScript(),
    mode,
    ...(args.planPath ? { planPath: args.planPath } : {}),
    outDir: args.outDir,
    resultPath,
    ...(args.serverDir ? { simulationPath: args.serverDir } : {}),
    restart: o.restart && (mode === 'apply' || mode === 'undo'),
    restartTimeoutSeconds: Math.round(o.restartTimeoutMs / 1000),
    timeoutMs: scriptTimeout(o),
  });
  if (r.spawnError) throw new UsageError(`cannot start PowerShell '${powershell}': ${r.spawnError}`);
  if (r.killed) throw new InputError(`the fix did not finish within ${Math.round(scriptTimeout(o) / 1000)}s and PowerShell was stopped; the journal in ${args.outDir} says what was changed`);
  if (!r.result) throw new InputError(`the fix script gave no result (exit code ${r.exitCode}): ${r.stderr.split('\n')[0] ?? ''}`);
  if (r.result.status === 'not-elevated') {
    const what = mode === 'undo' ? 'fix --undo --apply' : 'fix --apply';
    throw new UsageError(`${what} needs an elevated prompt (Run as administrator); nothing was changed`);
  }
  return r.result;
}

async function undo(o: FixOptions, powershell: string, serverDir: string | undefined, outRoot: string, work: string, say: (l: string) => void): Promise<FixOutcome> {
  let target = outRoot;
  if (typeof o.undo === 'string') {
    const p = resolve(o.undo);
    const st = await stat(p).catch(() => null);
    if (!st) throw new UsageError(`--undo: '${o.undo}' does not exist (a journal.json or its aadsync-fix-* folder)`);
    target = st.isDirectory() ? p : dirname(p);
    if (!st.isDirectory() && basename(p) !== 'journal.json') throw new UsageError(`--undo: '${o.undo}' is not a journal.json`);
  }
  const mode: FixMode = o.apply ? 'undo' : 'undo-preview';
  say(o.apply ? 'taking the fix back ...' : 'working out what the undo would restore ...');
  const r = await callScript(o, powershell, mode, { outDir: target, serverDir, work });
  const view: FixOutcomeView = {
    mode,
    simulated: serverDir !== undefined,
    diagnosis: null,
    decision: null,
    plan: null,
    planPath: null,
    preview: null,
    apply: null,
    undo: r,
    proof: null,
    afterBundle: null,
    next: [],
  };
  let exitCode: number = EXIT.ok;
  if (r.status === 'refused') throw new UsageError(`--undo: ${r.error ?? 'refused'}`);
  if (mode === 'undo-preview' && r.status === 'preview') {
    view.next.push(`To restore this${o.restart ? '' : ' (add --restart to restart ADSync afterwards)'}:`, `  aadsync-diagnose fix --undo --apply${o.restart ? ' --restart' : ''}${o.simulate ? ` --simulate ${o.simulate}` : ''}${o.out ? ` --out ${o.out}` : ''}`);
  }
  if (r.status === 'nothing-to-do') view.next.push('Nothing to undo: every change of that fix is already as it was before it.');
  if (r.status === 'partly-undone' || r.status === 'failed') exitCode = EXIT.partial;
  if (mode === 'undo' && r.status === 'undone' && !r.restart) view.next.push('ADSync reads machine.config only when it starts: restart it when no sync cycle runs (aadsync-diagnose fix --restart --apply, or Restart-Service ADSync).');
  return { exitCode, text: renderFix(view), json: jsonOf(view, exitCode) };
}

/** The diagnosis to decide from: a bundle, or a collection now. */
async function diagnosis(o: FixOptions, powershell: string | undefined, serverDir: string | undefined, outRoot: string, label: string, sinceMs: number, asService: boolean): Promise<Diagnosis & { exitCode?: number }> {
  if (o.from && label === 'before') {
    const from = resolve(o.from);
    if (!(await exists(from))) throw new UsageError(`--from: '${o.from}' does not exist`);
    await refuseTokenised(from);
    const ev = await collectEvidence([from]);
    const { reportOf } = await import('../analyze.js');
    const report = reportOf(ev);
    return { ev, report, decisions: buildContext(ev).proxy.decisions, probes: ev.probes, source: `the bundle ${o.from}`, bundle: null };
  }
  const { runDiagnose } = await import('../collect/run.js');
  const r = await runDiagnose({
    sync: 'none',
    sinceMs,
    stepTimeoutMs: 10 * 60_000,
    out: outRoot,
    probe: o.probe,
    asService,
    redact: true,
    keepRaw: true,
    ...(powershell ? { powershell } : {}),
    ...(o.simulate !== undefined ? { simulate: o.simulate } : {}),
    ...(serverDir ? { simulationDir: serverDir } : {}),
    output: { format: 'json', color: false, quiet: true },
    progress: false,
  });
  // The raw folder is read once more for the route matrix, then removed: only the zip stays (as with run).
  const ev = await collectEvidence([r.bundleDir]);
  await rm(r.bundleDir, { recursive: true, force: true });
  return {
    ev,
    report: r.report,
    decisions: buildContext(ev).proxy.decisions,
    probes: ev.probes,
    source: `a collection now (run --sync none${o.probe ? '' : ' --no-probe'})`,
    bundle: r.zipPath,
    exitCode: r.exitCode,
  };
}

/** A bundle whose identities are tokens cannot give the address a fix writes (it would write host-1). */
async function refuseTokenised(path: string): Promise<void> {
  let manifestText: string | null = null;
  if ((await stat(path)).isDirectory()) manifestText = await readFile(join(path, 'manifest.json'), 'utf8').catch(() => null);
  else if (/\.zip$/i.test(path)) {
    const { zipEntries } = await import('../evidence/zip.js');
    try {
      for await (const e of zipEntries(path)) {
        if (e.path !== 'manifest.json' && !e.path.endsWith('/manifest.json')) continue;
        const parts: Buffer[] = [];
        for await (const c of await e.open()) parts.push(c as Buffer);
        manifestText = Buffer.concat(parts).toString('utf8');
        break;
      }
    } catch {
      manifestText = null;
    }
  }
  if (!manifestText) return;
  try {
    const m = JSON.parse(manifestText.replace(/^\uFEFF/, '')) as { redaction?: { identities?: number } | null };
    if ((m.redaction?.identities ?? 0) > 0) {
      throw new UsageError(`--from: the bundle's names are tokens (it was redacted), so the proxy address is one too; run fix without --from to collect afresh, or give --proxy host:port`);
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
  }
}

async function fix(o: FixOptions, powershell: string | undefined, serverDir: string | undefined, outRoot: string, work: string, planOnly: boolean, say: (l: string) => void): Promise<FixOutcome> {
  say(o.from ? `reading the diagnosis from ${o.from} ...` : 'collecting the diagnosis (no sync cycle is started) ...');
  const before = await diagnosis(o, powershell, serverDir, outRoot, 'before', o.sinceMs, false);
  const view = buildContext(before.ev).proxy;
  const decision: FixDecision = decideFixes(before.report, before.ev, view, { ...(o.proxy ? { proxy: o.proxy } : {}), source: `aadsync-diagnose fix ${TOOL_VERSION}` });
  let plan: FixPlan | null = decision.plan;
  if (!plan && o.restart && decision.items.some((i) => i.kind === 'restart')) plan = restartOnlyPlan(view, `aadsync-diagnose fix ${TOOL_VERSION}`);
  const outView: FixOutcomeView = {
    mode: planOnly ? 'plan' : o.apply ? 'apply' : 'preview',
    simulated: serverDir !== undefined,
    diagnosis: { source: before.source, bundle: before.bundle, verdict: before.report.verdict, findings: before.report.findings.map((f) => f.code) },
    decision,
    plan,
    planPath: null,
    preview: null,
    apply: null,
    undo: null,
    proof: null,
    afterBundle: null,
    next: [],
  };
  const done = (exitCode: number): FixOutcome => ({ exitCode, text: renderFix(outView), json: jsonOf(outView, exitCode) });
  if (plan && o.planOut) {
    const p = resolve(o.planOut);
    await writeFile(p, JSON.stringify(plan, null, 2) + '\n', 'utf8');
    outView.planPath = p;
  }
  if (planOnly || !plan) return done(EXIT.ok);

  const planPath = join(work, 'plan.json');
  await writeFile(planPath, JSON.stringify(plan), 'utf8');
  say('working out the changes from the files and values as they are ...');
  const preview = await callScript(o, powershell!, 'preview', { planPath, outDir: outRoot, serverDir, work });
  outView.preview = preview;
  if (!o.apply) {
    if (preview.status === 'preview') {
      outView.next.push(
        `To make these changes${o.restart ? '' : ' (add --restart to restart ADSync afterwards, when no sync cycle runs)'}:`,
        `  aadsync-diagnose fix --apply${o.restart ? ' --restart' : ''}${o.simulate ? ` --simulate ${o.simulate}` : ''}${o.out ? ` --out ${o.out}` : ''}`,
      );
    }
    if (preview.status === 'refused') outView.next.push('--apply would change nothing: every planned change must be possible first (the refused file above needs a human).');
    return done(EXIT.ok);
  }
  if (preview.elevated === false) throw new UsageError('fix --apply needs an elevated prompt (Run as administrator); nothing was changed');
  if (preview.status === 'refused') {
    outView.mode = 'preview';
    outView.next.push('Nothing was changed: every planned change must be possible first (the refused file above needs a human).');
    return done(EXIT.usage);
  }
  if (preview.status === 'nothing-to-do' && !o.restart) {
    outView.mode = 'preview';
    outView.next.push('Nothing to change: everything is already as planned.');
    return done(EXIT.ok);
  }

  const started = Date.now();
  say('applying (backups beside each file, journal in the output folder) ...');
  await mkdir(outRoot, { recursive: true });
  const applied = await callScript(o, powershell!, 'apply', { planPath, outDir: outRoot, serverDir, work });
  outView.apply = applied;
  if (applied.status !== 'applied' && applied.status !== 'nothing-to-do') {
    outView.next.push(applied.status === 'rolled-back' ? 'Nothing was left changed: what had been done was rolled back (see the journal).' : 'See the journal: some changes could not be rolled back.');
    return done(EXIT.partial);
  }

  // The proof: the same collection again, only what happened since the change.
  say('collecting again to prove the change ...');
  const after = await diagnosis(o, powershell, serverDir, outRoot, 'after', Math.max(60_000, Date.now() - started + 60_000), o.asService);
  outView.afterBundle = after.bundle;
  outView.proof = buildProof(before, after, plan);
  const ok = outView.proof.expected.ok;
  if (!ok) {
    outView.next.push(
      'The change did not give the sync service the planned path. To take it back exactly (the journal above says what it restores):',
      `  aadsync-diagnose fix --undo --apply${o.simulate ? ` --simulate ${o.simulate}` : ''}${o.out ? ` --out ${o.out}` : ''}`,
    );
  } else if (applied.journalPath) {
    outView.next.push('To take it back exactly:', `  aadsync-diagnose fix --undo --apply${o.simulate ? ` --simulate ${o.simulate}` : ''}${o.out ? ` --out ${o.out}` : ''}`);
  }
  return done(ok ? EXIT.ok : EXIT.errorFindings);
}

function jsonOf(v: FixOutcomeView, exitCode: number): Record<string, unknown> {
  return {
    schema: 'aadsync-diagnose/fix@1',
    mode: v.mode,
    simulated: v.simulated,
    diagnosis: v.diagnosis,
    decision: v.decision,
    plan: v.plan,
    planPath: v.planPath,
    preview: v.preview,
    apply: v.apply,
    undo: v.undo,
    proof: v.proof,
    afterBundle: v.afterBundle,
    next: v.next,
    exitCode,
  };
}
