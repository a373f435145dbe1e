// The inputs a report does not list one by one (src/report/build.ts MAX_LISTED_INPUTS), in words, for
// every renderer.
import type { Report } from '../model/report.js';

/** "99 500 more inputs not listed (99 000 text, 500 binary; 12.3 MB)", or null when none was left out. */
export function omittedInputsLine(report: Report): string | null {
  const o = report.inputsOmitted;
  if (!o || o.count === 0) return null;
  const kinds = Object.entries(o.formats)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([f, n]) => `${n} ${f}`)
    .join(', ');
  const mb = o.bytes >= 1024 * 1024 ? `${(o.bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(o.bytes / 1024)} KB`;
  return `${o.count} more input${o.count === 1 ? '' : 's'} not listed (${kinds}; ${mb})`;
}
