// docs/codes/ is written from the rule modules (scripts/gen-code-docs.mjs): a finding code's knowledge lives
// in its module, and the pages must be what the modules say today.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ESM script shared with npm run docs:codes
import { codePages } from '../../scripts/gen-code-docs.mjs';
import { repoRoot } from '../helpers/cli.js';

describe('docs/codes', () => {
  it('holds one page per registered code, each exactly what its module says (npm run docs:codes rewrites them)', async () => {
    const pages = (await codePages(join(repoRoot, 'dist'))) as Record<string, string>;
    const dir = join(repoRoot, 'docs/codes');
    expect(readdirSync(dir).sort()).toEqual(Object.keys(pages).sort());
    for (const [file, content] of Object.entries(pages)) expect(readFileSync(join(dir, file), 'utf8'), file).toBe(content);
  });
});
