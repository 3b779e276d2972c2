import { createExtractionContext } from '../../../lambdas/core/rules/context';
import { extractHeadline } from '../../../lambdas/core/rules/headline';
import { parseHtml } from '../../helpers/dom';

const headlineOf = (head: string, body = '', url?: string) =>
  extractHeadline(
    createExtractionContext(parseHtml(`<html><head>${head}</head><body>${body}</body></html>`), { url }),
  );

describe('headline rules', () => {
  it('JSON-LD headline wins over og:title when the visible h1 repeats it', () => {
    // GIVEN a page whose JSON-LD and OpenGraph disagree, and whose h1 shows the JSON-LD wording
    const fact = headlineOf(
      '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Council approves the harbour plan"}</script><meta property="og:title" content="Harbour plan gets the green light">',
      '<article><h1>Council approves the harbour plan</h1></article>',
    );
    // THEN JSON-LD, the most trusted source, wins
    expect(fact).toEqual({ value: 'Council approves the harbour plan', source: 'json-ld' });
  });

  it('og:title wins over a different JSON-LD headline when no h1 repeats the JSON-LD one', () => {
    // GIVEN structured data carrying an SEO variant and og:title the editor's title, no h1 deciding
    const fact = headlineOf(
      '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour plan 2024: council vote, costs, timeline"}</script><meta property="og:title" content="Harbour plan gets the green light">',
      '<article><p>Text.</p></article>',
    );
    // THEN the editorial og:title wins
    expect(fact).toEqual({ value: 'Harbour plan gets the green light', source: 'opengraph' });
  });

  it('keeps the JSON-LD headline when og:title only adds a kicker or the site name to it', () => {
    const fact = headlineOf(
      '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour plan gets the green light"}</script><meta property="og:title" content="Harbour: Harbour plan gets the green light">',
    );
    expect(fact).toEqual({ value: 'Harbour plan gets the green light', source: 'json-ld' });
  });

  it('microdata headline wins over og:title', () => {
    const fact = headlineOf(
      '<meta property="og:title" content="From OpenGraph">',
      '<div itemscope itemtype="https://schema.org/NewsArticle"><span itemprop="headline">From microdata</span></div>',
    );
    expect(fact).toEqual({ value: 'From microdata', source: 'microdata' });
  });

  it('og:title wins over twitter:title and <title>', () => {
    const fact = headlineOf(
      '<title>From title</title><meta name="twitter:title" content="From Twitter"><meta property="og:title" content="From OpenGraph">',
    );
    expect(fact).toEqual({ value: 'From OpenGraph', source: 'opengraph' });
  });

  it('twitter:title wins over the h1', () => {
    const fact = headlineOf(
      '<meta name="twitter:title" content="From Twitter">',
      '<h1>From the heading</h1>',
    );
    expect(fact).toEqual({ value: 'From Twitter', source: 'meta' });
  });

  it('the article h1 wins over <title>, and a sidebar h1 is ignored', () => {
    const fact = headlineOf(
      '<title>Title tag</title>',
      '<aside class="sidebar"><h1>Trending now</h1></aside><article><h1>The article heading</h1></article>',
    );
    expect(fact).toEqual({ value: 'The article heading', source: 'markup' });
  });

  it('cuts the site name from og:title', () => {
    const fact = headlineOf(
      '<meta property="og:site_name" content="Daily Example"><meta property="og:title" content="Rates rise again | Daily Example">',
    );
    expect(fact?.value).toBe('Rates rise again');
  });

  it('prefers the visible h1 when a meta title is the same headline truncated', () => {
    const fact = headlineOf(
      '<meta property="og:title" content="Council agrees plan to rebuild the old…">',
      '<h1>Council agrees plan to rebuild the old harbour wall</h1>',
    );
    expect(fact).toEqual({
      value: 'Council agrees plan to rebuild the old harbour wall',
      source: 'opengraph',
    });
  });

  it('decodes entities a CMS encoded twice', () => {
    const fact = headlineOf('<meta property="og:title" content="Caf&amp;eacute; reopens &amp;amp; expands">');
    expect(fact?.value).toBe('Café reopens & expands');
  });

  it('yields nothing for a page without any title', () => {
    expect(headlineOf('', '<p>Only a paragraph.</p>')).toBeUndefined();
  });
});

describe('site names in titles', () => {
  it.each([
    ['Ferry fares frozen - Island Times', 'https://islandtimes.example/a', 'Ferry fares frozen'],
    ['Big news » ☆☆☆☆☆ - Watchers e.V. - Current events', 'https://watchers.example/a', 'Big news'],
    ['Popkultur.de | The 25 best films', 'https://popkultur.de/a', 'The 25 best films'],
    ['A headline - with a dash inside', 'https://other.example/a', 'A headline - with a dash inside'],
    ['Services resume › Ferry News', 'https://ferrynews.example/a', 'Services resume'],
    [
      'Minister opens the new bridge - Transport Office',
      'https://www.transportoffice.gv.at/a',
      'Minister opens the new bridge',
    ],
    [
      '»No money left for the rent« (island times)',
      'https://island-times.example/a',
      '»No money left for the rent«',
    ],
    ['Rents rise again (and again)', 'https://island-times.example/a', 'Rents rise again (and again)'],
  ])('%s', (title, url, expected) => {
    expect(headlineOf(`<title>${title}</title>`, '', url)?.value).toBe(expected);
  });
});

describe('a bracketed site name', () => {
  it('GIVEN og:title closing with "(site name)" WHEN extracted THEN the bracket is cut and the wording matches the h1', () => {
    // GIVEN og:title = headline + "(site name)", the h1 and twitter:title the bare headline
    const fact = headlineOf(
      '<meta property="og:title" content="»No money left for the rent« (island times)"><meta name="twitter:title" content="»No money left for the rent«">',
      '<article><h1>»No money left for the rent«</h1></article>',
      'https://www.island-times.example/2024/rent',
    );
    // WHEN extracted THEN the site name in brackets is gone
    expect(fact).toEqual({ value: '»No money left for the rent«', source: 'opengraph' });
  });
});

describe('site logo headings', () => {
  it('skips an h1 that links to the home page and falls back to the title', () => {
    const fact = headlineOf(
      '<title>Muffin basics | Bakery Blog</title>',
      '<h1><a href="/">Bakery Blog</a></h1><h2>Muffin basics</h2>',
      'https://bakeryblog.example/muffins',
    );
    expect(fact).toEqual({ value: 'Muffin basics', source: 'markup' });
  });
});

describe('headings that mention the site', () => {
  it('keeps an h1 that only mentions the site name', () => {
    const fact = headlineOf(
      '<meta property="og:site_name" content="Bakery Blog">',
      '<article><h1>Bakery Blog turns ten</h1></article>',
    );
    expect(fact?.value).toBe('Bakery Blog turns ten');
  });
});

describe('the visible h1 as a witness', () => {
  it('lets the document title decide when the h1 repeats neither JSON-LD nor og:title', () => {
    // GIVEN a live ticker whose h1 shows the latest entry, and whose title repeats the JSON-LD headline
    const fact = headlineOf(
      '<title>Harbour strike: news and updates</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour strike: news and updates"}</script><meta property="og:title" content="Harbour strike: the latest news and updates">',
      '<article><h1>Dockers vote to extend the walkout +++ ferries cancelled</h1></article>',
    );
    // THEN the JSON-LD headline, which the title confirms, wins
    expect(fact).toEqual({ value: 'Harbour strike: news and updates', source: 'json-ld' });
  });

  it('keeps og:title’s kicker when the h1 shows the kicker too', () => {
    // GIVEN JSON-LD without the kicker, and og:title and the h1 (kicker in its own span) with it
    const fact = headlineOf(
      '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Unions march for higher wages"}</script><meta property="og:title" content="National demo / Unions march for higher wages">',
      '<article><h1><span class="kicker">National demo</span>Unions march for higher wages</h1></article>',
    );
    // THEN the headline keeps the kicker, in og:title's spacing
    expect(fact).toEqual({ value: 'National demo / Unions march for higher wages', source: 'opengraph' });
  });

  it('lets the h1 overrule JSON-LD when the document title repeats the h1', () => {
    const fact = headlineOf(
      '<title>How we rebuilt our task queue | Acme Engineering</title><meta property="og:site_name" content="Acme Engineering"><script type="application/ld+json">{"@type":"BlogPosting","headline":"a task queue"}</script>',
      '<article><h1>How we rebuilt our task queue</h1></article>',
    );
    expect(fact).toEqual({ value: 'How we rebuilt our task queue', source: 'markup' });
  });

  it('keeps JSON-LD when the document title repeats it rather than the h1', () => {
    const fact = headlineOf(
      '<title>Brexit: talks enter the next round</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"Brexit: talks enter the next round"}</script>',
      '<article><h1>The war of nerves over Brexit enters the next round</h1></article>',
    );
    expect(fact).toEqual({ value: 'Brexit: talks enter the next round', source: 'json-ld' });
  });

  it('lets an h1 about the same thing overrule og:title', () => {
    // GIVEN og:title with a search-engine wording and an h1 sharing its subject
    const fact = headlineOf(
      '<meta property="og:title" content="Privatkredit-Zinsen: So ermitteln Sie Ihre Kosten">',
      '<article><h1>Wie hoch sind die Zinsen für einen Privatkredit?</h1></article>',
    );
    // THEN the visible h1 wins
    expect(fact).toEqual({ value: 'Wie hoch sind die Zinsen für einen Privatkredit?', source: 'markup' });
  });

  it.each([
    ['a site-wide label', 'Welcome to the pages of the Foreign Office'],
    ['a short label', 'Travel advice'],
  ])('keeps og:title over an h1 that is %s', (_label, heading) => {
    const fact = headlineOf(
      '<meta property="og:title" content="Italy: travel and safety advice">',
      `<article><h1>${heading}</h1></article>`,
    );
    expect(fact).toEqual({ value: 'Italy: travel and safety advice', source: 'opengraph' });
  });
});
