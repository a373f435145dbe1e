#!/usr/bin/env node
// `--version` (alone) is answered before anything else is loaded: commander and the commands cost more
// than Node's own start (docs/performance.md, start-up). Same output as commander's: the version, a newline.
// Anything else runs from the bundle of the whole program when the build made one (src/cli/bundled.ts),
// else from the modules.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { TOOL_VERSION } = await import('./version.js');
  process.stdout.write(`${TOOL_VERSION}\n`);
} else {
  const { bundledMain } = await import('./cli/bundled.js');
  const main = bundledMain() ?? (await import('./cli/main.js')).main;
  process.exitCode = await main(process.argv);
}
