// STUB owned by the reports work: one entry point per format.
import type { Report } from './types.js';

export type ReportFormat = 'text' | 'markdown' | 'json' | 'html';

export interface RenderOptions {
  color: boolean;
}

export function renderReport(report: Report, format: ReportFormat, _opts: RenderOptions): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
  return `${report.verdict.code}: ${report.verdict.summary}\n` + report.findings.map((f) => `- [${f.severity}] ${f.code}: ${f.title}\n`).join('');
}
