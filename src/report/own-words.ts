// The tool's own fixed sentences: every finding code's title, default explanation and fix steps from
// the registry, and the step that names `aadsync-diagnose fix`. A report field that is one of them is never passed through the redactor
// (src/redact/report.ts): redaction applies to evidence, not to what the tool says.
import { rules } from '../rules/index.js';
import { FIX_COMMAND_STEP } from '../rules/types.js';

let cached: ReadonlySet<string> | undefined;

export function ownWords(): ReadonlySet<string> {
  cached ??= new Set([...rules.flatMap((r) => [r.meta.title, r.meta.explanation, ...r.meta.fix]), FIX_COMMAND_STEP]);
  return cached;
}
