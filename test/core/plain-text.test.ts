import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHtml } from '../../lambdas/core/parse';
import { parseDate, plainTextToArticle } from '../../lambdas/core/plain-text';

const FIXTURES = join(__dirname, '../fixtures/inputs');
// The seed article (shared/seeds/000_3dc81e1ea7d977a8.txt), kept byte for byte as a bundled example.
const SEED = join(__dirname, '../../examples/incoming/iraq-militias.txt');
const words = (text: string | undefined): number => text?.match(/\S+/g)?.length ?? 0;

/** Parses the produced page so assertions look at the structure, not at string layout. */
const page = (html: string) => parseHtml(html, { limits: false }).document;

describe('plainTextToArticle: the shared seed article', () => {
  const { facts, html } = plainTextToArticle(readFileSync(SEED, 'utf8'), 'text', { sourceName: 'seed.txt' });

  test('headline, syndication, standfirst and author are read from the layout', () => {
    expect(facts.headline?.value).toBe('Is Iraq’s new PM losing the fight against Iranian-backed militias?');
    expect(facts.syndication?.value).toEqual({ name: 'the Jerusalem Post' });
    expect(facts.description?.value).toMatch(
      /^Kadhimi pledged to rein in Iranian-backed militias.*armed militias\.$/,
    );
    expect(facts.authors?.value).toHaveLength(1);
    expect(facts.authors?.value[0]).toMatchObject({
      name: 'Maya Carlin',
      jobTitle: 'analyst',
      affiliation: 'Center for Security Policy',
    });
    expect(facts.authors?.value[0]?.bio).toMatch(/^Maya Carlin is an analyst.*Government in Israel\.$/s);
  });

  test('the body is the article paragraphs only: 568 words', () => {
    const body = facts.articleBody?.value ?? '';
    expect(words(body)).toBe(568);
    expect(facts.wordCount).toBe(568);
    expect(body.startsWith('On Sunday, July 5, the Iraqi military')).toBe(true);
    // (the seed has a no-break space inside this sentence)
    expect(body).toMatch(/consolidate Iraq’s\ssecurity forces\.$/);
    expect(body).not.toContain('Originally published');
    expect(body).not.toContain('About Maya Carlin');
  });

  test('"July 5" without a year is not taken as the publication date', () => {
    expect(facts.datePublished).toBeUndefined();
  });

  test('the page has the article structure', () => {
    const document = page(html);
    expect(document.documentElement.lang).toBe('en');
    expect(document.querySelector('main > article > header > h1')?.textContent).toBe(facts.headline?.value);
    expect(document.querySelector('header .standfirst')?.textContent).toBe(facts.description?.value);
    expect(document.querySelector('header .byline')?.textContent).toBe('By Maya Carlin');
    expect(document.querySelector('article > footer h2')?.textContent).toBe('About Maya Carlin');
    expect(document.querySelectorAll('article > p')).toHaveLength(9);
    expect(document.querySelector('script[type="application/ld+json"]')).toBeNull();
  });
});

describe('plainTextToArticle: plain text', () => {
  const source = readFileSync(join(FIXTURES, 'harbour-ferry.txt'), 'utf8');

  test('header lines give syndication, two authors and the date; the bio enriches its author', () => {
    // GIVEN a syndicated article with a byline of two and a bio for one
    // WHEN converted
    const { facts } = plainTextToArticle(source, 'text', {});
    // THEN
    expect(facts.headline?.value).toBe('Harbour ferry returns after a winter of repairs');
    expect(facts.syndication?.value).toEqual({ name: 'the Northbay Courier' });
    expect(facts.datePublished?.value).toBe('2024-03-03');
    expect(facts.description?.value).toBe(
      "The island's only car ferry is back in service, two weeks later than planned.",
    );
    expect(facts.authors?.value.map((a) => a.name)).toEqual(['Ana Sousa', 'Tom Reyes']);
    expect(facts.authors?.value[0]).toMatchObject({
      jobTitle: 'transport reporter',
      affiliation: 'Northbay Courier',
    });
    expect(facts.authors?.value[1]).toEqual({ name: 'Tom Reyes' });
  });

  test('the body excludes headline, header lines, standfirst and bio', () => {
    const { facts } = plainTextToArticle(source, 'text', {});
    const body = facts.articleBody?.value ?? '';
    expect(body.split('\n\n')).toHaveLength(3);
    expect(body.startsWith('The Marigold left the dry dock')).toBe(true);
    expect(facts.wordCount).toBe(words(body));
    for (const excluded of [
      'first appeared',
      'By Ana',
      'Published:',
      'About Ana',
      'is a transport reporter',
    ]) {
      expect(body).not.toContain(excluded);
    }
  });

  test('CRLF line ends and a BOM change nothing', () => {
    const windows = `\uFEFF${source.replace(/\n/g, '\r\n')}`;
    expect(plainTextToArticle(windows, 'text', {}).facts).toEqual(
      plainTextToArticle(source, 'text', {}).facts,
    );
  });

  test('without header lines the first paragraph stays in the body and gives the description', () => {
    // GIVEN a bare article
    const text =
      'Quiet night in the valley\n\nNothing happened, which was news.\n\nThe end came early.\n\nAnd then sleep.';
    // WHEN converted
    const { facts } = plainTextToArticle(text, 'text', {});
    // THEN the lede is both description and body
    expect(facts.description?.value).toBe('Nothing happened, which was news.');
    expect(facts.articleBody?.value.startsWith('Nothing happened')).toBe(true);
    expect(facts.authors).toBeUndefined();
  });

  test.each([
    ['Originally published by The Harbour Times', { name: 'The Harbour Times' }],
    ['Republished from Coastline Weekly.', { name: 'Coastline Weekly' }],
    ['This story was originally published in The Valley Ledger', { name: 'The Valley Ledger' }],
    [
      'Originally published by Ridge Radio at https://ridge.example/news/1.',
      { name: 'Ridge Radio', url: 'https://ridge.example/news/1' },
    ],
  ])('syndication line %j', (line, expected) => {
    const { facts } = plainTextToArticle(`Headline\n\n${line}\n\nOne.\n\nTwo.\n\nThree.`, 'text', {});
    expect(facts.syndication?.value).toEqual(expected);
  });

  test.each([
    ['By Jane Doe', ['Jane Doe']],
    ['By Jane Doe, John Roe and Ann Lee', ['Jane Doe', 'John Roe', 'Ann Lee']],
    ['By JANE DOE & JOHN ROE', ['JANE DOE', 'JOHN ROE']],
    ['By Jane Doe, Staff Writer', ['Jane Doe']],
  ])('byline %j', (line, names) => {
    const { facts } = plainTextToArticle(`Headline\n\n${line}\n\nOne.\n\nTwo.\n\nThree.`, 'text', {});
    expect(facts.authors?.value.map((a) => a.name)).toEqual(names);
  });

  test('hostile text is escaped everywhere in the page', () => {
    // GIVEN text that tries to inject markup in headline, byline and body
    const text =
      '<script>alert(1)</script> & "quotes"\n\nBy <img src=x onerror=alert(1)>\n\nBody with </p><iframe src=//evil> inside.\n\nMore.\n\nEnd.';
    // WHEN converted and parsed
    const { html } = plainTextToArticle(text, 'text', {});
    const document = page(html);
    // THEN there are no injected elements, and the text survives verbatim
    expect(document.querySelectorAll('script, iframe, img')).toHaveLength(0);
    expect(document.querySelector('h1')?.textContent).toBe('<script>alert(1)</script> & "quotes"');
    expect(document.title).toBe('<script>alert(1)</script> & "quotes"');
    expect(html).not.toContain('<script>');
  });
});

describe('plainTextToArticle: Markdown', () => {
  const source = readFileSync(join(FIXTURES, 'field-notes.md'), 'utf8');
  const { facts, html } = plainTextToArticle(source, 'markdown', { url: 'https://example.org/notes/swifts' });
  const document = page(html);

  test('front matter gives the facts, ahead of the text', () => {
    expect(facts.headline).toEqual({
      value: 'Field notes: counting swifts over the old mill',
      source: 'meta',
    });
    expect(facts.authors?.value.map((a) => a.name)).toEqual(['Priya Natarajan', 'Leo Brandt']);
    expect(facts.datePublished?.value).toBe('2024-06-14');
    expect(facts.description?.value).toMatch(/^Volunteers counted 412 swifts/);
    expect(facts.keywords?.value).toEqual(['birds', 'citizen science', 'summer']);
    expect(facts.inLanguage?.value).toBe('en-GB');
  });

  test('the "# Heading" repeating the title is not in the body; the rest renders as HTML', () => {
    expect(facts.articleBody?.value.startsWith('Every June')).toBe(true);
    expect(document.querySelectorAll('h1')).toHaveLength(1);
    expect(document.querySelector('article h2')?.textContent).toBe('How the count works');
    expect(document.querySelectorAll('article ol > li')).toHaveLength(3);
    expect(document.querySelector('article em')?.textContent).toBe('very');
    expect(document.querySelector('article strong')?.textContent).toBe('twice');
    expect(document.querySelector('article blockquote')?.textContent).toContain('forty minutes');
    expect(document.querySelector('a[href="https://example.org/recorder"]')?.textContent).toBe(
      'county recorder',
    );
  });

  test('raw HTML stays text and unsafe links lose their href', () => {
    expect(document.querySelectorAll('article script')).toHaveLength(0);
    expect(document.body.textContent).toContain('<script>alert(1)</script>');
    expect(document.querySelector('a[href^="javascript"]')).toBeNull();
    expect(document.body.textContent).toContain('bad links');
  });

  test('without front matter, "# Heading" is the headline', () => {
    const { facts: plain } = plainTextToArticle(
      '# A heading\n\nBy Kim Ode\n\nFirst.\n\nSecond.\n\nThird.',
      'markdown',
      {},
    );
    expect(plain.headline).toEqual({ value: 'A heading', source: 'markup' });
    expect(plain.authors?.value.map((a) => a.name)).toEqual(['Kim Ode']);
  });
});

describe('parseDate and language', () => {
  test.each([
    ['Published: July 5, 2020', '2020-07-05'],
    ['5 July 2020', '2020-07-05'],
    ['Sept. 30, 2021', '2021-09-30'],
    ['2024-02-29', '2024-02-29'],
    ['2024-01-02T10:30:00+0100', '2024-01-02T10:30:00+01:00'],
    ['February 30, 2023', undefined],
    ['On Sunday, July 5, the military', undefined],
  ])('%j => %j', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });

  test('the language is detected from the text when not declared', () => {
    const german =
      'Neue Fähre für die Insel\n\nDie Stadt hat den Fahrplan nicht mit der Bahn und den Bürgern abgestimmt, sagt die Sprecherin.\n\nDie Fähre fährt ab Montag wieder zwölfmal am Tag.\n\nDer Hafenmeister bittet um Geduld.';
    expect(plainTextToArticle(german, 'text', {}).facts.inLanguage?.value).toBe('de');
  });
});
