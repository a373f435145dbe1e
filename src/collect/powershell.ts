// Where the PowerShell executables and the package's ps/ and scenarios/ folders are.
import { existsSync, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSea } from 'node:sea';

/**
 * The folder that holds ps/ and scenarios/: the package root (dist/collect or src/collect -> ../..),
 * or, in the single executable (npm run build:exe), the exe's own folder: there import.meta.url is
 * the exe itself and the build puts ps/ and scenarios/ beside it.
 */
export function packageRoot(): string {
  if (isSea()) return dirname(process.execPath);
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

export function psDir(): string {
  return join(packageRoot(), 'ps');
}

export function collectorScript(): string {
  return join(psDir(), 'Invoke-AADSyncDiagnose.ps1');
}

export function selfTestScript(): string {
  return join(psDir(), 'Test-AADSyncDiagnose.ps1');
}

/**
 * Windows PowerShell 5.1 (the ADSync module is a 64-bit Windows PowerShell module). A 32-bit Node on
 * 64-bit Windows would be redirected to SysWOW64 by System32: use Sysnative then.
 */
export function windowsPowerShell(env: NodeJS.ProcessEnv = process.env): string {
  const root = env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows';
  const sysnative = `${root}\\Sysnative\\WindowsPowerShell\\v1.0\\powershell.exe`;
  if (process.arch === 'ia32' && existsSync(sysnative)) return sysnative;
  return `${root}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`;
}

/** pwsh for --simulate: `.tools/pwsh/pwsh` of the package, else `pwsh` on PATH. Null when none. */
export function findPwsh(env: NodeJS.ProcessEnv = process.env): string | null {
  const exe = process.platform === 'win32' ? 'pwsh.exe' : 'pwsh';
  const bundled = join(packageRoot(), '.tools', 'pwsh', exe);
  if (isFile(bundled)) return bundled;
  for (const dir of (env.PATH ?? env.Path ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, exe);
    if (isFile(candidate)) return candidate;
  }
  return null;
}

/**
 * Extra folders of scenarios for benchmarks and tests (`npm run bench` generates a 100k-event one in
 * bench-out/): AADSYNC_DIAGNOSE_SCENARIO_PATH, a list like PATH. Searched after the package's own, so
 * it cannot replace a shipped scenario. Not a user option: `--simulate` still takes a name only.
 */
export const SCENARIO_PATH_ENV = 'AADSYNC_DIAGNOSE_SCENARIO_PATH';

/** Scenario folder of `--simulate <name>`: scenarios/<name> of the package (names only, no paths). */
export function scenarioDir(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(name)) return null;
  const extra = (env[SCENARIO_PATH_ENV] ?? '').split(delimiter).filter((d) => d !== '').map((d) => resolve(d));
  for (const base of [join(packageRoot(), 'scenarios'), join(packageRoot(), 'test', 'scenarios'), ...extra]) {
    const dir = join(base, name);
    if (isFile(join(dir, 'scenario.json'))) return dir;
  }
  return null;
}

export const SCENARIOS = ['proxy-bypass', 'proxy-auth', 'healthy', 'staging-mode', 'sync-in-progress', 'module-missing', 'step-hang'] as const;

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
