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
