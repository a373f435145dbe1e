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
  // The rest of `npm run build`: the precomputed gates and the bundled CLI with its code cache (dist/cli.js
  // runs the bundle when it is newer than tsc's modules, so without this step the tests would run those).
  for (const script of ['gen-gates.mjs', 'bundle-cli.mjs']) {
    execFileSync(process.execPath, [fileURLToPath(new URL(`../../scripts/${script}`, import.meta.url))], { cwd: root, stdio: 'pipe' });
  }
}
