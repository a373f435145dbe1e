// The HTML report in a real headless Chromium (Debian's /usr/bin/chromium driven by playwright-core),
// loaded from file:// with every network request failed and recorded: it renders, the verdict and
// sections are there, the table of contents resolves, evidence cannot run script, and printing
// shows every collapsed section. Missing chromium: skipped locally, a failure when CI=true.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { renderReport } from '../../src/report/render.js';
import { bypassReport, hostileReport, HOSTILE_EXCERPT } from './fixtures.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { sanitizeText } from '../../src/report/present.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const available = existsSync(CHROMIUM);
const inCi = process.env.CI === 'true';

if (!available) {
  // Visible in the run either way: a skip locally, a failure in CI.
  describe('HTML report in Chromium', () => {
    it.skipIf(!inCi)(`needs ${CHROMIUM} (install with .ci/install.d/50-chromium.sh)`, () => {
      expect.fail(`${CHROMIUM} is missing: CI must install it (.ci/install.d/50-chromium.sh)`);
    });
  });
}

describe.skipIf(!available)('HTML report in Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    dir = mkdtempSync(join(tmpdir(), 'aadsync-report-html-'));
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens an HTML file offline: any request that is not file:// is recorded and failed. */
  async function open(html: string, name: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; external: Set<string> }> {
    const file = join(dir, name);
    writeFileSync(file, html);
    const context = await browser.newContext({ viewport, offline: false });
    const attempted = new Set<string>();
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      attempted.add(url);
      return route.abort('internetdisconnected');
    });
    const page = await context.newPage();
    // Also every request the page made, routed or not (a belt to the route's braces).
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) attempted.add(r.url());
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, external: attempted };
  }

  it('the offline check would notice a page that reaches out (control)', async () => {
    const { page, external } = await open('<!DOCTYPE html><img src="http://203.0.113.7/pixel.png">', 'control.html');
    await page.waitForTimeout(200);
    expect([...external]).toEqual(['http://203.0.113.7/pixel.png']);
    await page.context().close();
  });

  it('renders the verdict first, then the sections, without a single network request', async () => {
    const report = bypassReport();
    const { page, external } = await open(renderReport(report, 'html', { color: false }), 'bypass.html');
    expect(await page.title()).toBe('Proxy bypassed: Azure AD Connect proxy diagnosis');
    const verdict = page.locator('#verdict');
    await expect.poll(() => verdict.isVisible()).toBe(true);
    expect(await verdict.locator('h1').innerText()).toContain('Proxy bypassed');
    expect(await verdict.locator('.summary').innerText()).toBe(report.verdict.summary);
    // The verdict is the first thing on the page after the one-line top bar.
    const order = await page.evaluate(() => [...document.querySelectorAll('.page > section, .page > nav')].map((e) => e.id || e.className));
    expect(order).toEqual(['verdict', 'toc', 'findings', 'timeline', 'proxy-paths', 'collection', 'inputs']);
    expect(await page.locator('article.finding').count()).toBe(3);
    expect(await page.locator('article.finding').first().locator('h3').innerText()).toBe(report.findings[0]!.title);
    expect(await page.locator('#collection tr.problem').innerText()).toContain('Access is denied');
    expect(await page.locator('.tl-row').count()).toBe(4); // axis + 2 run profiles + 1 finding
    expect(await page.locator('.fix pre.snippet').first().innerText()).toContain('proxyaddress="http://proxy.contoso.com:8080"');
    expect([...external]).toEqual([]);
    await page.context().close();
  });

  it('has a table of contents whose links all land on existing sections', async () => {
    const { page } = await open(renderReport(bypassReport(), 'html', { color: false }), 'toc.html', { width: 1280, height: 700 });
    const hrefs = await page.locator('nav.toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs.length).toBe(8);
    for (const h of hrefs) {
      expect(h).toMatch(/^#[a-z0-9-]+$/);
      expect(await page.locator(h).count(), h).toBe(1);
    }
    // Following a link scrolls its target into view.
    const last = hrefs.find((h) => h.startsWith('#finding-3-'))!;
    await page.locator(`nav.toc a[href="${last}"]`).click();
    await expect.poll(() => page.evaluate((id) => {
      const r = document.querySelector(id)!.getBoundingClientRect();
      return r.top >= -2 && r.top < window.innerHeight;
    }, last)).toBe(true);
    expect(await page.evaluate(() => location.hash)).toBe(last);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
    await page.context().close();
  });

  it('shows evidence holding <script> as text: nothing from the evidence runs or becomes markup', async () => {
    const { page, external } = await open(renderReport(hostileReport(), 'html', { color: false }), 'hostile.html');
    // The first finding's evidence is open; hovering gives injected handlers their chance.
    expect(await page.locator('details.evidence').first().getAttribute('open')).toBe('');
    await page.locator('.quote pre').first().hover();
    await page.locator('#verdict').hover();
    await page.locator('article.finding h3').hover();
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    const dom = await page.evaluate(() => ({
      scripts: document.querySelectorAll('script').length,
      injected: document.querySelectorAll('img, svg, iframe, b[onmouseover]').length,
      handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
      hrefs: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!),
    }));
    expect(dom.scripts).toBe(0);
    expect(dom.injected).toBe(0);
    expect(dom.handlers).toEqual([]);
    for (const h of dom.hrefs) expect(h).toMatch(/^(#[a-z0-9-]+|https:\/\/)/);
    // What the evidence said is shown, as text, character for character (control characters made visible).
    expect(await page.locator('.quote pre').first().innerText()).toBe(sanitizeText(HOSTILE_EXCERPT));
    expect(await page.locator('.quote figcaption').first().innerText()).toContain('traces/trace-"><script>window.__pwned="src"</script>.log');
    expect(await page.locator('article.finding h3').innerText()).toBe('Proxy block page <b onmouseover="window.__pwned=\'title\'">instead of SOAP</b> | table');
    expect(await page.locator('.refs').innerText()).toContain('javascript:window.__pwned="ref"');
    expect(await page.locator('#verdict .summary').innerText()).toContain('<script>window.__pwned="verdict"</script>');
    expect([...external]).toEqual([]);
    await page.context().close();
  });

  it('prints with every collapsed section expanded', async () => {
    const { page } = await open(renderReport(bypassReport(), 'html', { color: false }), 'print.html');
    const closed = page.locator('details:not([open])');
    const n = await closed.count();
    expect(n).toBeGreaterThanOrEqual(2); // evidence of findings 2 and 3
    const inner = (k: number) => closed.nth(k).locator(':scope > :not(summary)').first();
    // On screen they are collapsed...
    for (let k = 0; k < n; k++) expect(await inner(k).isVisible(), `screen ${k}`).toBe(false);
    await page.emulateMedia({ media: 'print' });
    // ...on paper they are open, and the table of contents (links) is left out.
    for (let k = 0; k < n; k++) expect(await inner(k).isVisible(), `print ${k}`).toBe(true);
    expect(await page.locator('nav.toc').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.context().close();
  });

  it('renders the report of a real example and saves the screenshot (docs/report-screenshot.png with UPDATE_SCREENSHOT=1)', async () => {
    const example = join(repoRoot, 'examples', 'bundle-proxy-bypass');
    let html = renderReport(bypassReport(), 'html', { color: false });
    if (existsSync(example) && existsSync(join(repoRoot, 'dist', 'cli.js'))) {
      const res = runCli(['analyze', example, '--format', 'html'], { timeoutMs: 120_000 });
      if ((res.code === 0 || res.code === 1) && res.stdout.startsWith('<!DOCTYPE html>')) html = res.stdout;
    }
    const { page, external } = await open(html, 'example.html', { width: 1280, height: 1700 });
    const hrefs = await page.locator('a[href^="#"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    for (const h of hrefs) expect(await page.locator(h).count(), h).toBe(1);
    const shot = join(dir, 'report-screenshot.png');
    await page.screenshot({ path: shot, fullPage: false });
    const png = readFileSync(shot);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(50_000);
    if (process.env.UPDATE_SCREENSHOT === '1') copyFileSync(shot, join(repoRoot, 'docs', 'report-screenshot.png'));
    expect([...external]).toEqual([]);
    await page.context().close();
  });
});
