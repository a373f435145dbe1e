#!/usr/bin/env node
// Writes docs/codes/<code>.md and docs/codes/README.md from the rule modules themselves (src/rules/codes/*),
// so the knowledge of a finding code lives in one place: its module. test/repo/code-docs.test.ts fails
// when the pages are not what this script writes from the current build.
//   npm run build && node scripts/gen-code-docs.mjs [--check]
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The pages, as { file name: content }, from a built dist/. */
export async function codePages(distDir = join(ROOT, 'dist')) {
  const { rules } = await import(pathToFileURL(join(distDir, 'rules/index.js')).href);
  const { CLAIM_BANDS, FIX_COMMAND_STEP, FIX_KINDS } = await import(pathToFileURL(join(distDir, 'rules/types.js')).href);
  const pages = {};
  const index = [
    '# Finding codes',
    '',
    'One page per finding code, written by `scripts/gen-code-docs.mjs` from the code\'s own module in',
    '`src/rules/codes/` (do not edit these pages: edit the module). The contract of the codes (they are only',
    'ever added) is in `docs/report-contract.md`; which process reads which proxy setting is in',
    '`docs/proxy-layers.md`.',
    '',
    '| code | severity | verdict it argues for | title |',
    '|---|---|---|---|',
  ];
  for (const r of rules) {
    const m = r.meta;
    index.push(`| [\`${m.code}\`](${m.code}.md) | ${m.severity} | ${m.verdict ?? '—'} | ${m.title.replace(/\|/g, '\\|')} |`);
    const band = r.band ? CLAIM_BANDS.find((b) => b.band === r.band) : undefined;
    const lines = [
      `# \`${m.code}\``,
      '',
      `**${m.title}**`,
      '',
      `Severity \`${m.severity}\` · route \`${m.route}\` · verdict ${m.verdict ? `\`${m.verdict}\`` : 'none (an error of this code alone leaves the diagnosis inconclusive)'}` +
        (m.configOnly ? ' · decided from configuration alone' : '') + (m.decidesAsWarning ? ' · decides the verdict although a warning' : ''),
      '',
      '## What it means',
      '',
      m.explanation,
      '',
    ];
    if (r.decidesFrom) lines.push('## Decided from', '', r.decidesFrom, '');
    if (band) lines.push('## When it may claim a failure record', '', `Band \`${band.band}\`: ${band.why} (Bands in order: ${CLAIM_BANDS.map((b) => `\`${b.band}\``).join(' → ')}.)`, '');
    else lines.push('## When it is found', '', 'From the evidence as a whole (configuration, sync state, live probes), not from single failure records.', '');
    lines.push('## Which proxy setting matters', '', m.route === 'direct' || m.route === 'proxy'
      ? 'The sync service (miiserver.exe) and the wizard\'s Configure page read machine.config under the ADSync service account; the wizard\'s "Connect to Azure AD" page reads machine.config as the logged-on admin and falls back to that admin\'s Internet Options; nothing of Azure AD Connect reads `netsh winhttp`. See docs/proxy-layers.md.'
      : 'None: this is not a proxy-path problem. docs/proxy-layers.md says which process reads which setting when the proxy is in question.', '');
    lines.push('## Fix', '', ...m.fix.map((s, i) => `${i + 1}. ${s.replace(/\n/g, '\n   ')}`), '');
    if (m.fixedBy) lines.push(`\`aadsync-diagnose fix\` makes this change (${FIX_KINDS[m.fixedBy]}): ${FIX_COMMAND_STEP.replace(/^Or let the tool make this change on the server: /, '')} The report's fix steps end with this.`, '');
    lines.push('## Sources', '', ...m.references.map((u) => `- ${u}`), '');
    lines.push(`Module: \`src/rules/codes/${m.code}.ts\`.`, '');
    pages[`${m.code}.md`] = lines.join('\n');
  }
  pages['README.md'] = index.join('\n') + '\n';
  return pages;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = join(ROOT, 'docs/codes');
  const pages = await codePages();
  if (process.argv.includes('--check')) {
    const stale = Object.entries(pages).filter(([f, c]) => { try { return readFileSync(join(dir, f), 'utf8') !== c; } catch { return true; } });
    if (stale.length) { console.error(`docs/codes is stale: ${stale.map(([f]) => f).join(', ')}`); process.exit(1); }
    process.exit(0);
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [f, c] of Object.entries(pages)) writeFileSync(join(dir, f), c);
  console.log(`wrote ${Object.keys(pages).length} pages to docs/codes/`);
}
