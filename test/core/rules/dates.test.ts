import { createExtractionContext } from '../../../lambdas/core/rules/context';
import { extractDateModified, extractDatePublished } from '../../../lambdas/core/rules/dates';
import { parseHtml } from '../../helpers/dom';

const NOW = new Date('2025-01-01T00:00:00Z');
const contextOf = (head: string, body = '', url?: string) =>
  createExtractionContext(parseHtml(`<html><head>${head}</head><body>${body}</body></html>`), { url });
const publishedOf = (head: string, body = '', url?: string) =>
  extractDatePublished(contextOf(head, body, url), { now: NOW });

describe('datePublished rules', () => {
  it('JSON-LD datePublished wins over og: article:published_time', () => {
    const fact = publishedOf(
      '<meta property="article:published_time" content="2020-01-01T00:00:00Z"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-02-03T04:05:06+01:00"}</script>',
    );
    expect(fact).toEqual({ value: '2021-02-03T04:05:06+01:00', source: 'json-ld' });
  });

  it('microdata datePublished wins over meta', () => {
    const fact = publishedOf(
      '<meta name="pubdate" content="2020-01-01">',
      '<div itemscope itemtype="https://schema.org/Article"><meta itemprop="datePublished" content="2019-05-06"></div>',
    );
    expect(fact).toEqual({ value: '2019-05-06', source: 'microdata' });
  });

  it('article:published_time wins over generic date meta', () => {
    const fact = publishedOf(
      '<meta name="date" content="2018-01-01"><meta property="article:published_time" content="2019-01-01T10:00:00Z">',
    );
    expect(fact).toEqual({ value: '2019-01-01T10:00:00Z', source: 'opengraph' });
  });

  it('meta dates win over Dublin Core', () => {
    const fact = publishedOf(
      '<meta name="DC.date.issued" content="2018-01-01"><meta name="parsely-pub-date" content="2019-03-03">',
    );
    expect(fact).toEqual({ value: '2019-03-03', source: 'meta' });
  });

  it('a time element in the article wins over a date in the URL, and sidebar times are ignored', () => {
    const fact = publishedOf(
      '',
      '<aside class="sidebar"><time datetime="2011-11-11">old</time></aside><article><h1>T</h1><time datetime="2016-06-16T12:00:00+02:00">16 June</time></article>',
      'https://example.com/2010/10/10/story',
    );
    expect(fact).toEqual({ value: '2016-06-16T12:00:00+02:00', source: 'markup' });
  });

  it('a written date near the byline wins over the URL', () => {
    const fact = publishedOf(
      '',
      '<article><h1>T</h1><div class="meta">12. März 2024</div></article>',
      'https://example.com/2010/10/10/x',
    );
    expect(fact).toEqual({ value: '2024-03-12', source: 'text' });
  });

  it('falls back to a date in the URL path', () => {
    expect(publishedOf('', '<p>No dates here.</p>', 'https://example.com/2019/07/04/story')).toEqual({
      value: '2019-07-04',
      source: 'url',
    });
  });

  it('rejects a future date and a pre-1990 date, moving on to the next source', () => {
    expect(
      publishedOf(
        '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2099-01-01"}</script><meta property="article:published_time" content="1980-01-01"><meta name="date" content="2020-02-02">',
      ),
    ).toEqual({ value: '2020-02-02', source: 'meta' });
  });

  it('never reads a date from a script', () => {
    expect(
      publishedOf('', '<article><script>var d = "2020-01-01";</script><p>Text</p></article>'),
    ).toBeUndefined();
  });

  it('skips a time labelled as an update when looking for the publication date', () => {
    const fact = publishedOf(
      '',
      '<article><p>Updated <time datetime="2022-02-02">Feb 2</time></p><p>Published <time datetime="2022-01-01">Jan 1</time></p></article>',
    );
    expect(fact?.value).toBe('2022-01-01');
  });
});

describe('dateModified rules', () => {
  it('keeps published and modified apart', () => {
    const context = contextOf(
      '<meta property="article:published_time" content="2021-01-01T00:00:00Z"><meta property="article:modified_time" content="2021-01-05T00:00:00Z">',
    );
    const published = extractDatePublished(context, { now: NOW });
    expect(published?.value).toBe('2021-01-01T00:00:00Z');
    expect(extractDateModified(context, published, { now: NOW })?.value).toBe('2021-01-05T00:00:00Z');
  });

  it('drops a modification date earlier than the publication date', () => {
    const context = contextOf(
      '<meta property="article:published_time" content="2021-01-05"><meta property="article:modified_time" content="2021-01-01">',
    );
    expect(
      extractDateModified(context, extractDatePublished(context, { now: NOW }), { now: NOW }),
    ).toBeUndefined();
  });
});

describe('dates written only as text', () => {
  it('reads the date after a publication label, also in a definition list', () => {
    // GIVEN no metadata, a "Datum" term in the article's own info box and an update label
    const labelled = publishedOf(
      '',
      '<article><h1>Working with foreign drawings</h1><aside class="blogData"><dl><dt>Datum</dt><dd>12.01.2017</dd></dl></aside><p>Text.</p></article>',
    );
    // THEN the labelled date is the publication date
    expect(labelled).toEqual({ value: '2017-01-12', source: 'text' });
    expect(
      publishedOf('', '<main><h2>Notes</h2><p>Text.</p><p>Erschienen am: 13.10.2021</p></main>')?.value,
    ).toBe('2021-10-13');
  });

  it('ignores a label whose date is far from it', () => {
    expect(
      publishedOf(
        '',
        '<main><h2>Notes</h2><p>Posted in our long-running series about rivers and lakes, 12.03.2020</p></main>',
      ),
    ).toBeUndefined();
  });

  it('reads a date written just before the headline', () => {
    // GIVEN a date and a topic line above the h1, nothing after it
    const fact = publishedOf(
      '',
      '<div class="content"><span>01.02.2022</span> | Indoor meeting <h1>A surprise over 1,500 metres</h1><p>He won the race.</p></div>',
    );
    // THEN that date is read
    expect(fact).toEqual({ value: '2022-02-01', source: 'text' });
  });

  it('finds the headline in a lower heading when the page has no h1', () => {
    // GIVEN no h1; the h4 repeats the document title and a date sits right above it
    const fact = extractDatePublished(
      createExtractionContext(
        parseHtml(
          '<html><head><title>Efficient hybrid battery | Science news</title></head><body><p><em>01.11.2023 11:35</em></p><h4>Efficient hybrid battery</h4><p>Researchers report.</p></body></html>',
        ),
      ),
      { now: NOW },
    );
    expect(fact?.value).toBe('2023-11-01');
  });

  it('reads a date opening the first paragraph before a dash', () => {
    const fact = publishedOf(
      '',
      '<article><h1>Bioenergy</h1><p>29.11.2022 – The industry had repeatedly pointed out the drawbacks.</p></article>',
    );
    expect(fact).toEqual({ value: '2022-11-29', source: 'text' });
  });

  it('reads a date closing the document title as the last resort', () => {
    expect(
      publishedOf(
        '<title>Fertile land and elephants | Environment | DW | 23.05.2011</title>',
        '<p>Text.</p>',
      ),
    ).toEqual({ value: '2011-05-23', source: 'text' });
  });
});

describe('the day readers see over metadata', () => {
  it('follows the byline time when the metadata gives another day', () => {
    // GIVEN a date meta (an import date) and a byline time a few days later
    const fact = publishedOf(
      '<meta name="date" content="2022-01-21T15:38:44">',
      '<article><h1>Winter walks</h1><p class="meta"><time datetime="2022-01-27">27.01.2022</time></p></article>',
    );
    // THEN the shown day wins
    expect(fact).toEqual({ value: '2022-01-27', source: 'markup' });
  });

  it('takes the metadata source that agrees with the shown day, keeping its time', () => {
    const fact = publishedOf(
      '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-11-03T10:25:56+00:00"}</script><meta property="article:published_time" content="2023-11-06T14:25:00+01:00">',
      '<article><h1>Ad campaign</h1><time datetime="2023-11-06">6. November 2023</time></article>',
    );
    expect(fact).toEqual({ value: '2023-11-06T14:25:00+01:00', source: 'opengraph' });
  });

  it('keeps the metadata when the shown date is the same numbers read month-first', () => {
    const fact = publishedOf(
      '<meta property="article:published_time" content="2021-11-01T04:00:14Z">',
      '<article><div class="article-header-date"><span>11/01/2021</span></div><h1>Scooter test</h1></article>',
    );
    expect(fact?.value.slice(0, 10)).toBe('2021-11-01');
  });

  it('keeps the metadata when the shown date is years earlier (another event)', () => {
    const fact = publishedOf(
      '<meta property="article:published_time" content="2022-01-26T12:00:00Z">',
      '<article><h1>Route tool update</h1><div class="meta">Launched 06.03.2016</div></article>',
    );
    expect(fact?.value).toBe('2022-01-26T12:00:00Z');
  });
});

describe('UTC instants in the page offset', () => {
  it('re-expresses a UTC instant with the offset of its zone-less twin in the byline', () => {
    // GIVEN JSON-LD in UTC and the byline's time element in local wall-clock time
    const fact = publishedOf(
      '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-11-09T01:09:55Z"}</script>',
      '<article><h1>Playoffs</h1><time datetime="2023-11-08 18:09:55">November 8, 2023 at 6:09 p.m.</time></article>',
    );
    // THEN the same instant carries the page's offset
    expect(fact?.value).toBe('2023-11-08T18:09:55-07:00');
  });

  it("keeps the URL day when it is the UTC instant's local day", () => {
    const fact = publishedOf(
      '<meta property="article:published_time" content="2020-02-25T02:25:54+00:00">',
      '<p>Text.</p>',
      'https://news.example/2020/02/24/press-secretary-leaves/',
    );
    expect(fact?.value).toBe('2020-02-24');
  });

  it('keeps the UTC instant when the URL day is not a local day of it', () => {
    const fact = publishedOf(
      '<meta property="article:published_time" content="2020-02-25T12:00:00+00:00">',
      '<p>Text.</p>',
      'https://news.example/2020/02/20/story/',
    );
    expect(fact?.value).toBe('2020-02-25T12:00:00+00:00');
  });
});

describe('labelled dates outside the article', () => {
  it('skips a labelled date in a comment list inside the article', () => {
    // GIVEN only a comment carries a "Posted on" label
    const fact = publishedOf(
      '',
      `<article><h1>Roomba wall</h1><p>${'Build it with an Arduino and an infrared diode. '.repeat(6)}</p><section class="comments"><p>Posted on 20.08.2019 by Ann</p></section></article>`,
    );
    // THEN no publication date is taken from it
    expect(fact).toBeUndefined();
  });
});

describe('metadata in local time', () => {
  it("keeps a metadata instant with a local offset over a later byline time (a liveblog's latest entry)", () => {
    const fact = publishedOf(
      '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-10-07T09:53:36+02:00"}</script>',
      '<article><h1>Live: the latest</h1><time datetime="2024-07-18T09:08:27Z">18.07.2024</time></article>',
    );
    expect(fact?.value).toBe('2023-10-07T09:53:36+02:00');
  });
});
