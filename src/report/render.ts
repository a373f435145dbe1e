// One entry point per format. The caller decides colour (TTY, NO_COLOR, --no-color) and -q/--quiet
// (renderVerdictLine); the renderers only turn a Report into a string.
import type { Report } from '../model/report.js';
import { renderText } from './text.js';
import { renderMarkdown } from './markdown.js';
import { renderHtml } from './html.js';

export { renderVerdictLine } from './text.js';

export type ReportFormat = 'text' | 'markdown' | 'json' | 'html';

export interface RenderOptions {
  /** ANSI colour in the text format only; the words are the same without it. */
  color: boolean;
  /** Columns for the text format (default 100). */
  width?: number;
}

export function renderReport(report: Report, format: ReportFormat, opts: RenderOptions): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'markdown':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
    case 'text':
      return renderText(report, { color: opts.color, width: opts.width });
    default: {
      const never: never = format;
      throw new Error(`unknown report format: ${String(never)}`);
    }
  }
}
