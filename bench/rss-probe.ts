// Preloaded into the CLI process the bench times (`node --import <this> dist/cli.js run …`): at exit,
// writes that process's own peak RSS (getrusage RUSAGE_SELF: PowerShell, its child, is not included)
// to the file named by AADSYNC_BENCH_RSS_FILE. Polling /proc would miss a peak in the last moments
// (report rendering, the zip); the kernel's high-water mark does not.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.AADSYNC_BENCH_RSS_FILE;
  if (!file) return;
  try {
    writeFileSync(file, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
  } catch {
    // the bench reports the figure as missing
  }
});
