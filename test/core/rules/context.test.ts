import { parseHtml } from '../../../lambdas/core/parse';
import { createExtractionContext, type ExtractionContext } from '../../../lambdas/core/rules/context';

function withContext<T>(html: string, read: (context: ExtractionContext) => T, url?: string): T {
  const parsed = parseHtml(html);
  try {
    return read(createExtractionContext(parsed.document, url === undefined ? {} : { url }));
  } finally {
    parsed.dispose();
  }
}

describe('createExtractionContext', () => {
  test('gives each itemprop to its closest enclosing scope, nested items included', () => {
    // GIVEN an article item holding an author item, and a property outside any scope
    const html =
      '<span itemprop="orphan">lost</span>' +
      '<article itemscope itemtype="https://schema.org/NewsArticle/" itemid="#a">' +
      '<h1 itemprop="headline">Harbour repairs</h1>' +
      '<div itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ana Lopez</span></div>' +
      '<meta itemprop="datePublished" content=" 2024-03-05 "><a itemprop="url" href="/a">link</a></article>';
    // WHEN the context is built
    const items = withContext(html, (context) => context.microdata);
    // THEN the article and the nested person are items, in document order
    expect(items.map((item) => [item.types, item.nested, item.id])).toEqual([
      [['NewsArticle'], false, '#a'],
      [['Person'], true, undefined],
    ]);
    const [article, person] = items;
    // AND each property went to its own scope; the person is the article's author
    expect([...(article?.properties.keys() ?? [])]).toEqual(['headline', 'author', 'datePublished', 'url']);
    expect(article?.properties.get('author')?.[0]).toBe(person);
    expect(article?.properties.get('datePublished')).toEqual(['2024-03-05']);
    expect(article?.properties.get('url')).toEqual(['/a']);
    expect(person?.properties.get('name')).toEqual(['Ana Lopez']);
  });

  test('indexes meta tags by name, property and http-equiv, and finds the canonical against <base>', () => {
    // GIVEN meta tags (one with two RDFa properties), a base URL and a canonical link
    const html =
      '<head><base href="https://news.example/section/"><meta property="og:title twitter:title" content=" Repairs  approved ">' +
      '<meta name="Author" content="Ana"><meta name="author" content="Ben"><meta name="empty" content="  ">' +
      '<link rel="stylesheet" href="/s.css"><link rel="Canonical alternate" href="story"></head><body></body>';
    // WHEN the context is built
    const context = withContext(html, (built) => ({
      title: built.meta.first('twitter:title'),
      authors: built.meta.all('author'),
      hasEmpty: built.meta.has('empty'),
      baseUrl: built.baseUrl,
    }));
    // THEN values are trimmed and in document order, empty ones absent, and the canonical resolved
    expect(context).toEqual({
      title: 'Repairs approved',
      authors: ['Ana', 'Ben'],
      hasEmpty: false,
      baseUrl: 'https://news.example/section/story',
    });
  });

  test('names the site of the canonical URL, not of the URL the caller gave', () => {
    // GIVEN a syndicated copy on a mirror whose canonical link names the publisher's site
    const html =
      '<head><link rel="canonical" href="https://WWW.Publisher.example:8443/story"></head><body></body>';
    // WHEN the context is built for the mirror's URL
    const site = withContext(html, (built) => built.siteHost, 'https://mirror.example/copy');
    // THEN the site is the canonical host, without www. or port
    expect(site).toBe('publisher.example');
  });
});
