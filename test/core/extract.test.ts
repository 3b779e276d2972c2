import { NoArticleError } from '../../lambdas/core/errors';
import { countWords, extractFacts } from '../../lambdas/core/extract';
import { parseHtml } from '../helpers/dom';

describe('extractFacts', () => {
  it('gathers every field family, each fact with its source', () => {
    // GIVEN a page with JSON-LD, meta tags and an article
    const document = parseHtml(`<html lang="en"><head>
      <link rel="canonical" href="https://facts.example/story">
      <meta property="og:site_name" content="Facts Daily">
      <meta name="description" content="A short summary of the story for readers.">
      <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Town votes to keep its library",
        "datePublished":"2022-04-01T09:00:00+02:00","author":{"@type":"Person","name":"Rosa Lind"},"image":"/img/library.jpg"}</script>
      </head><body><article><h1>Town votes to keep its library</h1>
      <p>The town council voted on Thursday to keep the library open for at least five more years, after residents collected more than four thousand signatures.</p>
      <p>The decision means the building will also be repaired, starting with the roof, which has leaked for two winters.</p>
      </article></body></html>`);

    // WHEN the facts are extracted
    const facts = extractFacts(document, { url: 'https://facts.example/story?ref=rss' });

    // THEN each field comes from the most trusted source that has it
    expect(facts.headline).toEqual({ value: 'Town votes to keep its library', source: 'json-ld' });
    expect(facts.authors).toEqual({ value: [{ name: 'Rosa Lind' }], source: 'json-ld' });
    expect(facts.datePublished).toEqual({ value: '2022-04-01T09:00:00+02:00', source: 'json-ld' });
    expect(facts.description).toEqual({ value: 'A short summary of the story for readers.', source: 'meta' });
    expect(facts.publisher).toEqual({ value: { name: 'Facts Daily' }, source: 'opengraph' });
    expect(facts.images?.value).toEqual(['https://facts.example/img/library.jpg']);
    expect(facts.canonicalUrl?.value).toBe('https://facts.example/story');
    expect(facts.inLanguage).toEqual({ value: 'en', source: 'markup' });
  });

  it('counts the words of the article body', () => {
    const paragraph =
      'Residents of the valley gathered on Saturday to plant four hundred young oak trees along the river bank, replacing those lost in last year’s storm. ';
    const document = parseHtml(
      `<html><head><title>Tree planting</title></head><body><article><h1>Oaks return to the river</h1><p>${paragraph.repeat(3)}</p><p>${paragraph.repeat(2)}</p></article></body></html>`,
    );
    const facts = extractFacts(document, {});
    expect(facts.articleBody).toBeDefined();
    expect(facts.wordCount).toBe(countWords(facts.articleBody?.value ?? ''));
    expect(facts.wordCount).toBeGreaterThan(50);
  });

  it('throws NoArticleError when the page has neither headline nor text', () => {
    const document = parseHtml('<html><head></head><body><nav><a href="/">Home</a></nav></body></html>');
    expect(() => extractFacts(document, {})).toThrow(NoArticleError);
  });

  it('never lets a page script run or a hostile value through as a URL', () => {
    const document = parseHtml(`<html><head><title>Safe</title>
      <meta property="og:image" content="javascript:alert(1)">
      <script>document.title = 'changed by script';</script></head><body><h1>Safe page</h1></body></html>`);
    const facts = extractFacts(document, {});
    expect(facts.headline?.value).toBe('Safe page');
    expect(facts.images).toBeUndefined();
  });
});

describe('countWords', () => {
  it.each([
    ['', 0],
    ['one', 1],
    ['  two   words ', 2],
    ['line one\n\nline two', 4],
  ])('%j has %d words', (text, expected) => {
    expect(countWords(text)).toBe(expected);
  });
});
