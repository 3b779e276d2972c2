/**
 * The status page in a real browser (Debian's chromium through playwright-core): it lists the
 * articles, shows why a file failed, and hostile headlines stay text.
 *
 * Chromium must be installed (`apt-get install -y chromium`; .ci/run does it). Without it this
 * test fails and says so: it is never skipped.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { type LocalPipeline, startLocalPipeline } from '../../local/pipeline';
import { articlePage, temporaryDir } from '../local/helpers';

const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const HOSTILE_HEADLINE = 'Council <img src=x onerror="window.__pwned=1"> votes & more';

describe('status page in a browser', () => {
  const data = temporaryDir('browser-data');
  let pipeline: LocalPipeline | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM_PATH}: install Debian's package (apt-get update && apt-get install -y chromium), as .ci/run does.`,
      );
    }
    pipeline = await startLocalPipeline({ dataDir: data.path, batchWindowMs: 20, reconcileIntervalMs: 0 });
    await pipeline.putSource(
      'council.html',
      articlePage(HOSTILE_HEADLINE.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`)),
    );
    await pipeline.putSource('library.html', articlePage('Libraries scrap late fees', 'Omar Rashid'));
    await pipeline.putSource('empty.txt', '');
    await pipeline.drain();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await pipeline?.stop();
    data.remove();
  });

  it('GIVEN two published articles and a failed file WHEN the status page opens THEN it lists all three and shows the reason of the failure', async () => {
    if (!browser || !pipeline) throw new Error('setup failed');
    const page = await browser.newPage();
    // WHEN
    await page.goto(pipeline.url);

    // THEN
    const rows = page.locator('tr.article');
    await expect(rows.count()).resolves.toBe(3);
    const failedRow = page.locator('tr.article[data-status="failed"]');
    await expect(failedRow.locator('td.status').textContent()).resolves.toBe('failed');
    await expect(failedRow.locator('td.issues-cell').textContent()).resolves.toMatch(/EMPTY_INPUT: .*empty/i);
    await expect(
      page.locator('tr.article[data-key="incoming/library.html"] td.authors').textContent(),
    ).resolves.toBe('Omar Rashid');
    await expect(page.locator('tr.article[data-status="published"]').count()).resolves.toBe(2);
    await page.close();
  });

  it('GIVEN a hostile headline WHEN the status page shows it THEN it is text, not markup, and runs nothing', async () => {
    if (!browser || !pipeline) throw new Error('setup failed');
    const page = await browser.newPage();
    // WHEN
    await page.goto(pipeline.url);

    // THEN
    const headline = page.locator('tr.article[data-key="incoming/council.html"] td.headline');
    await expect(headline.textContent()).resolves.toContain(HOSTILE_HEADLINE);
    await expect(page.locator('td.headline img').count()).resolves.toBe(0);
    await expect(
      page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).resolves.toBeUndefined();
    await page.close();
  });

  it('GIVEN a published article WHEN its link is followed THEN the enriched page opens', async () => {
    if (!browser || !pipeline) throw new Error('setup failed');
    const page = await browser.newPage();
    await page.goto(pipeline.url);
    // WHEN
    await Promise.all([
      page.waitForURL(/\/articles\/library\.html$/),
      page.locator('tr.article[data-key="incoming/library.html"] a', { hasText: 'enriched page' }).click(),
    ]);

    // THEN
    await expect(page.locator('h1').first().textContent()).resolves.toBe('Libraries scrap late fees');
    await page.close();
  });
});
