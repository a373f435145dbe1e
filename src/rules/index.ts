// The registry of finding codes: one import per module in ./codes/. Adding a code = adding its file + one line here.
import type { Rule } from './types.js';

export const rules: Rule[] = [];

export function findRule(code: string): Rule | undefined {
  return rules.find((r) => r.meta.code === code);
}
