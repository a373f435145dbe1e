#!/usr/bin/env node
// `--version` (alone) is answered before anything else is loaded: commander and the commands cost more
// than Node's own start (docs/performance.md, start-up). Same output as commander's: the version, a newline.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { TOOL_VERSION } = await import('./version.js');
  process.stdout.write(`${TOOL_VERSION}\n`);
} else {
  const { main } = await import('./cli/main.js');
  process.exitCode = await main(process.argv);
}
