import { extractAuthors, splitNames } from '../../../lambdas/core/rules/authors';
import { createExtractionContext } from '../../../lambdas/core/rules/context';
import { parseHtml } from '../../helpers/dom';

const authorsOf = (head: string, body = '') =>
  extractAuthors(createExtractionContext(parseHtml(`<html><head>${head}</head><body>${body}</body></html>`)));
const names = (fact: ReturnType<typeof authorsOf>) => fact?.value.map((person) => person.name);

describe('author rules', () => {
  it('JSON-LD author wins over meta author', () => {
    const fact = authorsOf(
      '<meta name="author" content="Meta Person"><script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Json Person","jobTitle":"Reporter"}}</script>',
    );
    expect(fact?.source).toBe('json-ld');
    expect(fact?.value).toEqual([{ name: 'Json Person', jobTitle: 'Reporter' }]);
  });

  it('follows @id references to the Person node of a graph', () => {
    const fact = authorsOf(
      '<script type="application/ld+json">{"@graph":[{"@type":"Article","author":{"@id":"#p"}},{"@type":"Person","@id":"#p","name":"Graph Person","url":"https://example.com/graph-person"}]}</script>',
    );
    expect(fact?.value).toEqual([{ name: 'Graph Person', url: 'https://example.com/graph-person' }]);
  });

  it('microdata author wins over meta author', () => {
    const fact = authorsOf(
      '<meta name="author" content="Meta Person">',
      '<article itemscope itemtype="http://schema.org/Article"><span itemprop="author" itemscope itemtype="http://schema.org/Person"><span itemprop="name">Micro Person</span></span></article>',
    );
    expect(fact?.source).toBe('microdata');
    expect(names(fact)).toEqual(['Micro Person']);
  });

  it('meta author wins over twitter:creator', () => {
    const fact = authorsOf(
      '<meta name="twitter:creator" content="Twitter Person"><meta name="author" content="Meta Person">',
    );
    expect(names(fact)).toEqual(['Meta Person']);
  });

  it('meta author wins over Dublin Core creator', () => {
    const fact = authorsOf(
      '<meta name="DC.creator" content="Dublin Person"><meta name="author" content="Meta Person">',
    );
    expect(names(fact)).toEqual(['Meta Person']);
  });

  it('Dublin Core creator wins over a byline', () => {
    const fact = authorsOf(
      '<meta name="dc.creator" content="Dublin Person">',
      '<article><p class="byline">By Byline Person</p></article>',
    );
    expect(fact?.source).toBe('dublin-core');
  });

  it('a byline in the article wins over a "By" line of text, and sidebar bylines are ignored', () => {
    const fact = authorsOf(
      '',
      '<aside class="related"><span class="byline">By Sidebar Person</span></aside><article><h1>Title</h1><div class="byline">By Article Person</div><p>By the river, the town...</p></article>',
    );
    expect(fact).toEqual({ value: [{ name: 'Article Person' }], source: 'markup' });
  });

  it('never takes a comment author', () => {
    const fact = authorsOf(
      '',
      '<article><h1>Title</h1><p>Text.</p></article><section id="comments"><span class="comment-author">Commenter</span></section>',
    );
    expect(fact).toBeUndefined();
  });

  it('reads a "By" line of text when there is no byline markup', () => {
    const fact = authorsOf(
      '',
      '<article><h1>Title</h1><p>By Olive Plainfield</p><p>Body text of the article.</p></article>',
    );
    expect(fact).toEqual({ value: [{ name: 'Olive Plainfield' }], source: 'text' });
  });

  it('ignores twitter handles', () => {
    expect(authorsOf('<meta name="twitter:creator" content="@handle">')).toBeUndefined();
  });
});

describe('splitNames', () => {
  it.each([
    ['By Jane Doe', ['Jane Doe']],
    ['Jane Doe and John Roe', ['Jane Doe', 'John Roe']],
    ['Ana Souza, Bilal Chaudhry & Chen Wei', ['Ana Souza', 'Bilal Chaudhry', 'Chen Wei']],
    ['Von Katharina Müller und Felix Gruber', ['Katharina Müller', 'Felix Gruber']],
    ['By Helen Marsh - March 4, 2024 - 6 min read', ['Helen Marsh']],
    ['Jane Doe | Updated 3 May 2024', ['Jane Doe']],
    ['5 min read', []],
    ['12 March 2024', []],
    ['Weitere Stories', []],
    ['vom Krimiblogger', ['Krimiblogger']],
    ['Jane Doe, Senior Correspondent', ['Jane Doe']],
  ])('%s -> %j', (raw, expected) => {
    expect(splitNames(raw)).toEqual(expected);
  });

  it('drops the site name from a found byline but keeps it when the page declares it', () => {
    const context = createExtractionContext(
      parseHtml('<meta property="og:site_name" content="Example News">'),
    );
    expect(splitNames('By Example News', context, 'found')).toEqual([]);
    expect(splitNames('Example News', context, 'declared')).toEqual(['Example News']);
  });
});

describe('author meta conventions', () => {
  it('reads Dublin Core "Family, Given" creators one person per tag', () => {
    const fact = authorsOf(
      '<meta name="dc.creator" content="Tollefson, Jeff"><meta name="dc.creator" content="Basu, Mohana">',
    );
    expect(fact?.value.map((person) => person.name)).toEqual(['Jeff Tollefson', 'Mohana Basu']);
  });

  it('never takes a photo credit for an author', () => {
    expect(
      authorsOf('', '<article><h1>T</h1><span class="author">Bild: SN/APA/Keystone</span></article>'),
    ).toBeUndefined();
  });
});

describe('byline markup', () => {
  it('takes the linked names of a byline and keeps words of separate spans apart', () => {
    const fact = authorsOf(
      '',
      '<article><h1>T</h1><div class="byline"><span>By</span><span><a href="https://n.example/staff/alex-b">Alex Baker</a></span><span>Thursday, November 9, 2023</span></div></article>',
    );
    expect(fact?.value).toEqual([{ name: 'Alex Baker', url: expect.stringMatching(/staff\/alex-b$/) }]);
  });
});
