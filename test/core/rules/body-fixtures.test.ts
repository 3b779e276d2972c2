import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { extractArticleBody } from '../../../lambdas/core/rules/body';
import { createExtractionContext } from '../../../lambdas/core/rules/context';

/** Pages written for these tests, modelled on common CMS layouts; `<name>.txt` holds the expected body. */
const FIXTURE_DIR = join(__dirname, '..', '..', 'fixtures', 'bodies');
const PAGES = readdirSync(FIXTURE_DIR)
  .filter((file) => file.endsWith('.html'))
  .map((file) => file.replace(/\.html$/, ''))
  .sort();

describe('extractArticleBody on CMS-like pages', () => {
  test('there are at least eight fixture pages', () => {
    expect(PAGES.length).toBeGreaterThanOrEqual(8);
  });

  test.each(PAGES)('%s: the body is the article text only', (name) => {
    // GIVEN a page and the body a reader would call the article
    const html = readFileSync(join(FIXTURE_DIR, `${name}.html`), 'utf8');
    const expected = readFileSync(join(FIXTURE_DIR, `${name}.txt`), 'utf8').trim();
    const { document } = new JSDOM(html).window;
    // WHEN the body is extracted
    const fact = extractArticleBody(document, createExtractionContext(document));
    // THEN it matches, paragraph for paragraph
    expect(fact?.value).toBe(expected);
  });
});
