/** readJsonLdBlocks (lambdas/core/page-json-ld.ts) and the extraction context built on it. */
import { readJsonLdBlocks } from '../../../lambdas/core/page-json-ld';
import { createExtractionContext } from '../../../lambdas/core/rules/context';
import { parseHtml } from '../../helpers/dom';

describe('readJsonLdBlocks', () => {
  it('returns every block in document order, flattening arrays and @graph', () => {
    // GIVEN two blocks: a graph and an array
    const document = parseHtml(`<head>
      <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle"}]}</script>
      </head><body><script type="application/ld+json; charset=utf-8">[{"@type":"Person"},[{"@type":"Organization"}]]</script></body>`);
    // WHEN the blocks are read
    const blocks = readJsonLdBlocks(document);
    // THEN both are there, in order, with their nodes flattened
    expect(blocks.map((block) => block.index)).toEqual([0, 1]);
    expect(blocks[0]?.nodes.map((node) => node['@type'])).toEqual(['WebPage', 'NewsArticle']);
    expect(blocks[1]?.nodes.map((node) => node['@type'])).toEqual(['Person', 'Organization']);
    expect(blocks[0]?.element.tagName).toBe('SCRIPT');
  });

  it('reports a malformed block with an error and no nodes, and keeps reading the others', () => {
    const document = parseHtml(
      '<script type="application/ld+json">{"@type": "NewsArticle",</script><script type="application/ld+json">{"@type":"Person"}</script>',
    );
    const [broken, good] = readJsonLdBlocks(document);
    expect(broken?.nodes).toEqual([]);
    expect(broken?.error).toMatch(/malformed JSON-LD/);
    expect(good?.nodes).toHaveLength(1);
  });

  it('tolerates raw newlines inside strings and comment wrappers', () => {
    const document = parseHtml(
      '<script type="application/ld+json"><!--\n{"@type":"NewsArticle","headline":"Line one\nline two"}\n--></script>',
    );
    expect(readJsonLdBlocks(document)[0]?.nodes[0]?.headline).toBe('Line one line two');
  });

  it('ignores scripts of other types', () => {
    expect(readJsonLdBlocks(parseHtml('<script>var x = {"@type":"NewsArticle"};</script>'))).toEqual([]);
  });
});

describe('createExtractionContext', () => {
  it('ranks the article node matching the canonical URL first', () => {
    const document = parseHtml(`<link rel="canonical" href="https://n.example/main">
      <script type="application/ld+json">[{"@type":"NewsArticle","url":"https://n.example/other","headline":"Other"},
      {"@type":"NewsArticle","url":"https://n.example/main","headline":"Main"}]</script>`);
    const context = createExtractionContext(document, { url: 'https://n.example/main?x=1' });
    expect(context.articleNodes[0]?.headline).toBe('Main');
    expect(context.baseUrl).toBe('https://n.example/main');
  });

  it('indexes meta tags by name, property and http-equiv, case-insensitively', () => {
    const context = createExtractionContext(
      parseHtml(
        '<meta NAME="Author" content=" A  B "><meta property="og:title" content="T"><meta http-equiv="Content-Language" content="de">',
      ),
    );
    expect(context.meta.first('author')).toBe('A B');
    expect(context.meta.first('missing', 'og:title')).toBe('T');
    expect(context.meta.all('content-language')).toEqual(['de']);
  });

  it('reads microdata items with nested items and URL-valued properties', () => {
    const context = createExtractionContext(
      parseHtml(`<div itemscope itemtype="https://schema.org/NewsArticle"><a itemprop="url" href="/a">x</a>
        <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">N</span></span></div>`),
      { url: 'https://m.example/' },
    );
    const article = context.microdataArticles[0];
    expect(article?.types).toEqual(['NewsArticle']);
    expect(article?.properties.get('url')).toEqual(['/a']);
    const author = article?.properties.get('author')?.[0];
    expect(typeof author === 'object' && author.properties.get('name')).toEqual(['N']);
    expect(context.resolveUrl('/a')).toBe('https://m.example/a');
    expect(context.resolveUrl('javascript:alert(1)')).toBeUndefined();
  });
});
