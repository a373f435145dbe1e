// `run`: collect on the server (or a simulated one), diagnose the bundle, write the reports and the zip.
// Interprets no evidence itself: the analyze pipeline (src/analyze.ts) does.
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { CollectionStep } from '../evidence/types.js';
import type { OutputOptions } from '../cli/options.js';
import { EXIT, InputError, UsageError } from '../model/errors.js';
import type { Report } from '../model/report.js';
import { TOOL_VERSION } from '../version.js';
import { COLLECTOR_STEPS, recordSteps, runCollector, type ProgressEvent } from './collector.js';
import { createStepDisplay, silentDisplay, type StepDisplay } from './display.js';
import { collectorScript, findPwsh, psDir, scenarioDir, SCENARIOS, windowsPowerShell } from './powershell.js';
import { checkPowerShellHost, decideHost } from './host-check.js';

export interface RunOptions {
  sync: 'delta' | 'initial' | 'none';
  sinceMs: number;
  stepTimeoutMs: number;
  /** The folder that receives the bundle folder and its zip (default: the current folder). */
  out?: string;
  probe: boolean;
  asService: boolean;
  redact: boolean;
  /**
   * Keep the collector's raw folder beside the zip (--keep-raw). By default it is removed once the zip
   * is written: it holds the evidence unredacted, and only the zip is meant to leave the server.
   */
  keepRaw?: boolean;
  powershell?: string;
  simulate?: string;
  /**
   * The folder of the simulated server, when it is not the shipped scenarios/<simulate>: `fix` works on a
   * copy of the scenario in its output folder (src/fix/run.ts), which its changes write to.
   */
  simulationDir?: string;
  output: OutputOptions;
  /** Show the listr2 step list (stderr is a terminal, not --json, not -q). */
  progress: boolean;
  /** Overall limit of the collector (tests); default: every step's limit plus two minutes. */
  watchdogMs?: number;
  platform?: NodeJS.Platform;
  now?: Date;
}

export interface RunResult {
  exitCode: number;
  report: Report;
  text: string;
  /** The collector's raw folder: where it was written (it is gone unless `rawKept`). */
  bundleDir: string;
  /** Whether the raw folder is still there (--keep-raw, or the zip could not be written). */
  rawKept: boolean;
  zipPath: string | null;
  /** SHA-256 of the zip file, lowercase hex. */
  zipSha256: string | null;
  /** redaction-map.json beside the zip (null with --no-redact). */
  mapPath: string | null;
  steps: CollectionStep[];
}

/** `aadsync-diagnose-<host>-<UTC yyyymmddThhmmssZ>`, safe as a folder name on every OS. */
export function bundleName(host: string, now: Date): string {
  const ts = now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  const h = host.replace(/[^A-Za-z0-9-]/g, '_').slice(0, 63) || 'host';
  return `aadsync-diagnose-${h}-${ts}`;
}

export async function runDiagnose(o: RunOptions): Promise<RunResult> {
  const platform = o.platform ?? process.platform;
  const now = o.now ?? new Date();

  // Which PowerShell, which collector, which scenario.
  let powershell: string;
  let simulationPath: string | undefined;
  if (o.simulate !== undefined) {
    const dir = o.simulationDir ?? scenarioDir(o.simulate);
    if (!dir) throw new UsageError(`--simulate: unknown scenario '${o.simulate}' (one of ${SCENARIOS.join(', ')})`);
    simulationPath = dir;
    const ps = o.powershell ?? findPwsh();
    if (!ps) throw new UsageError('--simulate needs PowerShell 7 (pwsh): install it or pass --powershell <path to pwsh>');
    powershell = ps;
  } else {
    if (platform !== 'win32') {
      throw new UsageError('run needs the Azure AD Connect server (Windows); to diagnose files from it here, use: aadsync-diagnose analyze <path...>');
    }
    powershell = o.powershell ?? windowsPowerShell();
  }
  if (o.powershell !== undefined && !(await isFile(o.powershell))) throw new UsageError(`--powershell: '${o.powershell}' is not a file`);

  // Before anything is written: can this PowerShell run the scripts (a Group Policy execution policy
  // beats -ExecutionPolicy Bypass), and in which language mode (src/collect/host-check.ts)?
  const host = await checkPowerShellHost(powershell, psDir()).catch(() => null);
  if (host) {
    const decision = decideHost(host, psDir());
    if (decision.blocked) throw new UsageError(decision.blocked);
    if (decision.notice && o.progress) process.stderr.write(`aadsync-diagnose: ${decision.notice}\n`);
  }

  // Output folder: the bundle folder and the zip go inside it; never an existing bundle folder.
  const outRoot = resolve(o.out ?? '.');
  if (o.out !== undefined && o.out.split(/[\\/]+/).includes('..')) throw new UsageError(`--out: '${o.out}' contains '..': give the folder directly`);
  const outStat = await stat(outRoot).catch(() => null);
  if (outStat && !outStat.isDirectory()) throw new UsageError(`--out: '${o.out}' is a file, not a folder`);
  await mkdir(outRoot, { recursive: true }).catch((e: Error) => {
    throw new InputError(`--out: cannot create '${o.out}': ${e.message}`);
  });
  const name = bundleName(o.simulate ? `sim-${o.simulate}` : hostname(), now);
  let bundleDir = join(outRoot, name);
  for (let i = 2; await exists(bundleDir); i++) bundleDir = join(outRoot, `${name}-${i}`);
  const zipPath = `${bundleDir}.zip`;

  const plan = [...COLLECTOR_STEPS, ...(o.asService ? ['probes-as-service'] : []), 'diagnose'];
  const display: StepDisplay = o.progress ? createStepDisplay(plan) : silentDisplay;
  const stepTimeoutSeconds = Math.max(1, Math.round(o.stepTimeoutMs / 1000));

  const outcome = await runCollector({
    powershell,
    script: collectorScript(),
    bundleDir,
    sync: o.sync === 'initial' ? 'Initial' : o.sync === 'none' ? 'None' : 'Delta',
    sinceHours: Math.max(0.01, Math.round((o.sinceMs / 3_600_000) * 1000) / 1000),
    stepTimeoutSeconds,
    noProbe: !o.probe,
    toolVersion: TOOL_VERSION,
    ...(simulationPath ? { simulationPath } : {}),
    ...(o.watchdogMs !== undefined ? { watchdogMs: o.watchdogMs } : {}),
    onProgress: (e: ProgressEvent) => display.onProgress(e),
  });
  if (outcome.spawnError) {
    await display.finish();
    throw new UsageError(`cannot start PowerShell '${powershell}': ${outcome.spawnError}`);
  }
  if (outcome.exitCode === 2 && outcome.steps.length === 0) {
    await display.finish();
    throw new UsageError(`the collector refused its parameters: ${outcome.stderr.split('\n')[0] || 'exit code 2'}`);
  }
  if (!(await exists(bundleDir))) {
    await display.finish();
    throw new InputError(`the collector wrote nothing (exit code ${outcome.exitCode}): ${outcome.stderr.split('\n')[0] ?? ''}`);
  }

  // --as-service: the probes again under the service account (Windows only; src/collect/as-service.ts).
  if (o.asService) {
    const step = await probesAsService(bundleDir, powershell, o, platform, stepTimeoutSeconds);
    await recordSteps(bundleDir, [step]);
    display.onProgress({ event: 'step-end', step: step.name, status: step.status, durationMs: step.durationMs, error: step.error });
  }

  // The journals of the fixes made from this output folder travel in the bundle (docs/bundle-format.md, fix/).
  const { copyFixJournals } = await import('../fix/journals.js');
  await copyFixJournals(outRoot, bundleDir);

  // Diagnose the folder with the shared pipeline; the collection steps come from the manifest.
  const { analyzePaths } = await import('../analyze.js');
  const started = Date.now();
  const { report } = await analyzePaths([bundleDir], o.output);
  const { readManifestSteps } = await import('./collector.js');
  const steps = await readManifestSteps(bundleDir);
  if (report.collection.steps.length === 0 && steps.length > 0) report.collection.steps = steps;
  display.onProgress({ event: 'step-end', step: 'diagnose', status: 'ok', durationMs: Date.now() - started, error: null });
  await display.finish();

  const { renderReport } = await import('../report/render.js');
  if (o.keepRaw) {
    // The raw folder keeps its own (unredacted) reports beside the collected files.
    await writeFile(join(bundleDir, 'report.json'), renderReport(report, 'json', { color: false }), 'utf8');
    await writeFile(join(bundleDir, 'report.md'), renderReport(report, 'markdown', { color: false }), 'utf8');
    await writeFile(join(bundleDir, 'report.html'), renderReport(report, 'html', { color: false }), 'utf8');
  }

  // The zip renders its own reports from the report object, redacted with the zip's tokens.
  const zip = await writeZip(bundleDir, zipPath, outRoot, o.redact, report);
  // Only the zip leaves the server: the raw folder (every file unredacted) goes unless asked to stay.
  if (!o.keepRaw) await rm(bundleDir, { recursive: true, force: true });
  // Where the bundle is, for --json and -q (docs/report-contract.md "bundle").
  report.bundle = { path: zip.zipPath, sha256: zip.sha256 };
  const text = renderReport(report, o.output.format, { color: o.output.color });

  const collectionFailed = (report.collection.steps.length > 0 ? report.collection.steps : steps).some((s) => s.status === 'failed' || s.status === 'timeout');
  const exitCode = collectionFailed || outcome.killed || outcome.exitCode === 3
    ? EXIT.partial
    : report.findings.some((f) => f.severity === 'error')
      ? EXIT.errorFindings
      : EXIT.ok;
  return {
    exitCode,
    report,
    text,
    bundleDir,
    rawKept: o.keepRaw === true,
    zipPath: zip.zipPath,
    zipSha256: zip.sha256,
    mapPath: zip.mapPath,
    steps: report.collection.steps,
  };
}

async function probesAsService(bundleDir: string, powershell: string, o: RunOptions, platform: NodeJS.Platform, stepTimeoutSeconds: number): Promise<CollectionStep> {
  if (!o.probe) return { name: 'probes-as-service', status: 'skipped', durationMs: 0, error: 'not requested (--no-probe)' };
  if (o.simulate !== undefined) return { name: 'probes-as-service', status: 'skipped', durationMs: 0, error: 'simulated server: no live network probes' };
  let account: string | null = null;
  try {
    const ad = JSON.parse(await readFile(join(bundleDir, 'config', 'adsync.json'), 'utf8')) as { service?: { account?: string } };
    account = ad.service?.account ?? null;
  } catch {
    account = null;
  }
  if (!account) return { name: 'probes-as-service', status: 'skipped', durationMs: 0, error: 'the ADSync service account is unknown (service not found)' };
  const { probeAsService } = await import('./as-service.js');
  const proxyJson = join(bundleDir, 'probes', 'proxy-input.json');
  const r = await probeAsService({
    powershell,
    outDir: join(bundleDir, 'probes'),
    serviceAccount: account,
    ...((await exists(proxyJson)) ? { proxyJson } : {}),
    timeoutMs: stepTimeoutSeconds * 1000,
    platform,
  });
  return { name: 'probes-as-service', status: r.status, durationMs: r.durationMs, error: r.error };
}

/** The redacted zip of docs/report-contract.md "The support bundle" beside the folder (src/bundle/write-bundle.ts). */
async function writeZip(
  bundleDir: string,
  zipPath: string,
  outDir: string,
  redact: boolean,
  report: Report,
): Promise<{ zipPath: string; sha256: string; mapPath: string | null }> {
  const { writeBundleZip } = await import('../bundle/write-bundle.js');
  const r = await writeBundleZip(bundleDir, zipPath, { redact, report, outDir, toolVersion: TOOL_VERSION });
  return { zipPath: r.zipPath, sha256: r.sha256, mapPath: r.mapPath };
}

async function exists(p: string): Promise<boolean> {
  return (await stat(p).catch(() => null)) !== null;
}

async function isFile(p: string): Promise<boolean> {
  if (!isAbsolute(p) && !p.includes('/') && !p.includes('\\')) return true; // a bare name: resolved on PATH by the OS
  return (await stat(p).catch(() => null))?.isFile() === true;
}

