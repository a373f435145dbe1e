// Builds dist/ once per test run so the end-to-end tests run the CLI users get (node dist/cli.js).
// Type errors do not stop the emit (npm test's pretest step is the strict type gate).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  try {
    execFileSync(process.execPath, [fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url)), '-p', root], {
      cwd: root,
      stdio: 'pipe',
    });
  } catch {
    // Emitted anyway; the type errors are reported by `npm run build`.
  }
}
