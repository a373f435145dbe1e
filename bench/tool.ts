// The bench measures the built tool: the modules in dist/ (what `npm run build` makes, `npm pack`
// ships and users run), loaded at run time. From src/ it takes only types: `import type` compiles to
// nothing, so no copy of src/ is built into the bench, and `tsc -p bench` still fails when a module
// the bench loads is moved or changes its signature.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as CollectEvidence from '../src/evidence/collect-evidence.js';
import type * as Evtx from '../src/evidence/readers/evtx/index.js';
import type * as Build from '../src/report/build.js';
import type * as Render from '../src/report/render.js';
import type * as Engine from '../src/rules/engine.js';

/** The repository root. bench/ (the sources) and dist-bench/ (what runs) both sit directly below it. */
export const REPO = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');

async function dist<T>(path: string): Promise<T> {
  const url = new URL(`../dist/${path}`, import.meta.url);
  try {
    return (await import(url.href)) as T;
  } catch (e) {
    if (!existsSync(url)) throw new Error(`${fileURLToPath(url)} is missing: run \`npm run build\` first (\`npm run bench\` does)`);
    throw e;
  }
}

/** Each loads one module of the built tool (the first call of each is part of what child.ts times). */
export const builtTool = {
  collectEvidence: () => dist<typeof CollectEvidence>('evidence/collect-evidence.js'),
  engine: () => dist<typeof Engine>('rules/engine.js'),
  build: () => dist<typeof Build>('report/build.js'),
  render: () => dist<typeof Render>('report/render.js'),
  evtx: () => dist<typeof Evtx>('evidence/readers/evtx/index.js'),
};
