import { createExtractionContext } from '../../../lambdas/core/rules/context';
import { extractHeadline } from '../../../lambdas/core/rules/headline';
import { parseHtml } from '../../helpers/dom';

const headlineOf = (head: string, body = '', url?: string) =>
  extractHeadline(
    createExtractionContext(parseHtml(`<html><head>${head}</head><body>${body}</body></html>`), { url }),
  );

describe('headline rules', () => {
  it('keeps og:title with its soft hyphen, and an h1 without the hint still repeats it', () => {
    // GIVEN og:title with a soft hyphen, structured data and the h1 with an SEO variant
    const fact = headlineOf(
      '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour plan: council vote and costs"}</script><meta property="og:title" content="Harbour&shy;plan gets the green light">',
      '<article><h1>Harbourplan gets the green light</h1></article>',
    );
    // THEN og:title wins (the h1 repeats it, the hint aside) and keeps the hint as written
    expect(fact).toEqual({ value: 'Harbour\u00adplan gets the green light', source: 'opengraph' });
  });

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

  it('JSON-LD headline wins over og:title when, without an h1, an h2 repeats it word for word', () => {
    // GIVEN a theme that titles the article in h2, og:title and <title> an SEO wording
    const head =
      '<title>Power cut Berlin: lights, trains - how safe is our grid?</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"Lights out, trains stop: how safe is the grid?"}</script><meta property="og:title" content="Power cut Berlin: lights, trains - how safe is our grid?">';
    // WHEN the article's h2 shows the JSON-LD wording
    const fact = headlineOf(
      head,
      '<article><h2>Lights out, trains stop: how safe is the grid?</h2><p>Text.</p></article>',
    );
    // THEN the JSON-LD headline wins
    expect(fact).toEqual({ value: 'Lights out, trains stop: how safe is the grid?', source: 'json-ld' });
    // AND an h2 in an aside (another article's teaser) is no witness: og:title wins
    const teaser = headlineOf(
      head,
      '<article><p>Text.</p></article><aside><h2>Lights out, trains stop: how safe is the grid?</h2></aside>',
    );
    expect(teaser).toEqual({
      value: 'Power cut Berlin: lights, trains - how safe is our grid?',
      source: 'opengraph',
    });
  });

  it('keeps the JSON-LD headline when og:title only adds a kicker or the site name to it', () => {
    const fact = headlineOf(
      '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour plan gets the green light"}</script><meta property="og:title" content="Harbour: Harbour plan gets the green light">',
    );
    expect(fact).toEqual({ value: 'Harbour plan gets the green light', source: 'json-ld' });
  });

  it('microdata headline wins over an og:title too short to be a headline', () => {
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

describe('og:title inside a longer structured headline', () => {
  it('GIVEN JSON-LD, h1 and <title> adding an SEO tail to og:title WHEN extracted THEN og:title wins', () => {
    // GIVEN the structured headline = og:title + a tail, and the h1 and <title> copying the longer form
    const fact = headlineOf(
      '<title>Rovers send a message on derby day in battling win over United | Daily Example</title><meta property="og:site_name" content="Daily Example"><script type="application/ld+json">{"@type":"NewsArticle","headline":"Rovers send a message on derby day in battling win over United"}</script><meta property="og:title" content="Rovers send a message on derby day">',
      '<article><h1>Rovers send a message on derby day in battling win over United</h1></article>',
    );
    // WHEN extracted THEN the h1 does not win back the tail: og:title is the headline itself
    expect(fact).toEqual({ value: 'Rovers send a message on derby day', source: 'opengraph' });
  });

  it('GIVEN JSON-LD and the h1 with a kicker glued to og:title WHEN extracted THEN og:title wins', () => {
    // GIVEN a kicker ("Harbour-") only in the structured headline and the h1
    const fact = headlineOf(
      '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour-Coach Miller: \\"Nothing left to lose\\""}</script><meta property="og:title" content="Coach Miller: &quot;Nothing left to lose&quot;">',
      '<article><h1>Harbour-Coach Miller: "Nothing left to lose"</h1></article>',
    );
    // WHEN extracted THEN the headline without the kicker
    expect(fact).toEqual({ value: 'Coach Miller: "Nothing left to lose"', source: 'opengraph' });
  });

  it('GIVEN og:title matching only part of a word in JSON-LD WHEN extracted THEN JSON-LD, repeated by the h1, stays', () => {
    // GIVEN og:title whose first word is cut out of a longer word of the JSON-LD headline
    const fact = headlineOf(
      '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Shipyards reopen after the long strike"}</script><meta property="og:title" content="yards reopen after the long strike">',
      '<article><h1>Shipyards reopen after the long strike</h1></article>',
    );
    // WHEN extracted THEN no word-boundary containment: the h1 decides for JSON-LD
    expect(fact).toEqual({ value: 'Shipyards reopen after the long strike', source: 'json-ld' });
  });
});

describe('microdata against og:title', () => {
  it('GIVEN a microdata h1 and a <title> repeating it WHEN og:title words it differently THEN og:title wins', () => {
    // GIVEN itemprop="headline" on the visible h1 itself, and <title> built from the same field
    const fact = headlineOf(
      '<title>I sell theme park holidays - the right day saves you thousands - Daily Example</title><meta property="og:site_name" content="Daily Example"><meta property="og:title" content="I sell park holidays - the right day saves you thousands">',
      '<article itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">I sell theme park holidays - the right day saves you thousands</h1><p>Text.</p></article>',
    );
    // WHEN extracted THEN the h1 is no second witness: og:title wins
    expect(fact).toEqual({
      value: 'I sell park holidays - the right day saves you thousands',
      source: 'opengraph',
    });
  });

  it('GIVEN a microdata h1 WHEN og:title is a short product label THEN the microdata headline stays', () => {
    // GIVEN og:title naming only the product the article tests
    const fact = headlineOf(
      '<meta property="og:title" content="Island Ferry Pass">',
      '<article itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">We tried the Island Ferry Pass for a week</h1></article>',
    );
    // WHEN extracted THEN a label of three words does not replace the headline
    expect(fact).toEqual({ value: 'We tried the Island Ferry Pass for a week', source: 'microdata' });
  });
});

describe('a title segment that mentions the site', () => {
  it('GIVEN a long segment holding the host name WHEN the title is cleaned THEN the segment stays', () => {
    // GIVEN "Kicker - HOST: headline" on the host's own site
    const fact = headlineOf(
      '<meta property="og:title" content="Climate summit in Glasgow - DRK: More and more people depend on help">',
      '',
      'https://www.drk.example/press/climate',
    );
    // WHEN extracted THEN the segment is a headline that mentions the site, not the site name
    expect(fact?.value).toBe('Climate summit in Glasgow - DRK: More and more people depend on help');
  });

  it('GIVEN a short segment holding the host name WHEN the title is cleaned THEN it is cut as the site name', () => {
    // GIVEN "Headline | HOST online"
    const fact = headlineOf(
      '<meta property="og:title" content="Ferry fares frozen for winter | Island Times online">',
      '',
      'https://www.islandtimes.example/a',
    );
    // WHEN extracted THEN a site name with a word around it is still cut
    expect(fact?.value).toBe('Ferry fares frozen for winter');
  });
});
