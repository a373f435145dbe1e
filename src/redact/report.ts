// What of a report is evidence, and so passes the redactor, and what is the tool's own words, which
// never do (issue 15 B: redacting the rendered report rewrote the tool's CNTLM advice and tokenised
// the CSS class names of report.html).
//
// The report OBJECT is redacted, field by field, and only then rendered: markup, CSS, headings and
// labels of the renderers never meet the redactor.
//   - untouched: codes, severities, routes, titles, references, counts, times, step names, formats,
//     the tool's name and version, the summary numbers, the bundle path of `run` (local to the server);
//   - evidence, redacted: quoted excerpts with their source and location, input paths and notes, step
//     errors and notes, server facts, the sync cycle, a path's proxy, PAC URL and bypass rule — and
//     every field this file does not name (a field added later is evidence until said otherwise);
//   - the tool's sentences that carry values from the evidence (the verdict summary, a finding's
//     explanation and fix steps, a path's reasons, timeline labels): a sentence that is one of the
//     tool's own fixed texts (`ownWords`, the registry's titles, explanations and fix steps) is left as
//     it is; any other is redacted for the values in it. The secret and identity rules match shapes
//     the tool's prose does not have: test/redact/own-words.test.ts renders every finding code's fix,
//     redacted and not, in every format, and checks the words arrive intact.
import type { Report } from '../model/report.js';
import type { Redactor } from './redactor.js';

export interface ReportRedactionOptions {
  /** The tool's own fixed sentences (never redacted). */
  ownWords?: ReadonlySet<string>;
}

type Obj = Record<string, unknown>;
type Field = 'keep' | 'said' | ((v: unknown) => unknown);

/**
 * Redacts the fields of `o`: 'keep' stays, 'said' is a tool sentence, a function handles its field,
 * and ANY OTHER field (one added later, one this file does not know) is redacted as evidence: an
 * unknown field fails closed.
 */
function fields(o: unknown, spec: Record<string, Field>, r: Redactor, said: (s: string) => string): unknown {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return r.json(o);
  const out: Obj = {};
  for (const [k, v] of Object.entries(o as Obj)) {
    const f = spec[k];
    if (f === 'keep') out[k] = v;
    else if (f === 'said') out[k] = typeof v === 'string' ? said(v) : Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? said(x) : r.json(x))) : r.json(v);
    else if (typeof f === 'function') out[k] = f(v);
    else out[k] = r.json(v);
  }
  return out;
}

export function redactReport(report: Report, r: Redactor, opts: ReportRedactionOptions = {}): Report {
  const own = opts.ownWords ?? new Set<string>();
  const said = (s: string): string => (own.has(s) ? s : r.text(s));
  const each = (spec: Record<string, Field>) => (v: unknown) => (Array.isArray(v) ? v.map((x) => fields(x, spec, r, said)) : r.json(v));
  const path = (v: unknown) => (typeof v === 'string' ? r.path(v) : r.json(v));

  const spec: Record<string, Field> = {
    schemaVersion: 'keep',
    tool: 'keep',
    generatedAt: 'keep',
    summary: 'keep',
    // run's own output: where it wrote the zip on this server (docs/report-contract.md "bundle").
    bundle: 'keep',
    // Counts of formats: no names in it.
    inputsOmitted: 'keep',
    verdict: (v) => fields(v, { code: 'keep', summary: 'said' }, r, said),
    findings: each({
      code: 'keep',
      severity: 'keep',
      route: 'keep',
      confidence: 'keep',
      title: 'keep',
      references: 'keep',
      supports: 'keep',
      count: 'keep',
      firstTime: 'keep',
      lastTime: 'keep',
      explanation: 'said',
      fix: 'said',
      evidence: each({ kind: 'keep', time: 'keep', source: path }),
    }),
    proxyPaths: each({ actor: 'keep', endpoint: 'keep', route: 'keep', credentials: 'keep', source: 'said', reasons: 'said' }),
    collection: (v) => fields(v, { steps: each({ name: 'keep', status: 'keep', durationMs: 'keep' }) }, r, said),
    inputs: each({ format: 'keep', bytes: 'keep', path }),
    timeline: (v) =>
      fields(
        v,
        {
          start: 'keep',
          end: 'keep',
          lanes: each({
            id: 'keep',
            kind: 'keep',
            severity: 'keep',
            finding: 'keep',
            start: 'keep',
            end: 'keep',
            count: 'keep',
            label: 'said',
            marks: each({ time: 'keep', label: 'said' }),
          }),
        },
        r,
        said,
      ),
  };
  return fields(report, spec, r, said) as Report;
}
