// pwsh for the PowerShell suites: .tools/pwsh/pwsh (installed by .ci/install.d/10-pwsh.sh), else PATH.
// Missing pwsh skips those suites with a printed reason locally, and FAILS them when CI=true.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const pesterPath = join(repoRoot, '.tools', 'pester', 'Pester.psd1');

function locate(): string | null {
  const bundled = join(repoRoot, '.tools', 'pwsh', 'pwsh');
  if (existsSync(bundled)) return bundled;
  try {
    return execFileSync('sh', ['-c', 'command -v pwsh'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

export const pwsh = locate();
export const isCI = process.env.CI === 'true';

/**
 * true = run the suite. false = skip it (reason printed). In CI a missing tool is a failure, not a skip:
 * the caller's suite then runs and its first test fails with the reason.
 */
export function shouldRun(what: string, needPester = false): boolean {
  const missing = !pwsh ? 'pwsh not found (.tools/pwsh/pwsh or PATH; run .ci/install.d/10-pwsh.sh)' : needPester && !existsSync(pesterPath) ? `Pester not found at ${pesterPath}` : null;
  if (!missing) return true;
  if (isCI) return true;
  console.warn(`[skip] ${what}: ${missing}`);
  return false;
}

/** Throws (fails the test) when the tools are missing: only reached in CI, where skipping is not allowed. */
export function requirePwsh(needPester = false): string {
  if (!pwsh) throw new Error('CI=true and pwsh is missing: run .ci/install.d/10-pwsh.sh');
  if (needPester && !existsSync(pesterPath)) throw new Error(`CI=true and Pester is missing at ${pesterPath}`);
  return pwsh;
}
