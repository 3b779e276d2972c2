import fc from 'fast-check';
import { blockHoldsArticle, buildArticleGraph, isArticleNode } from '../../lambdas/core/jsonld';
import { processArticle } from '../../lambdas/core/process';
import type { ArticleFacts, JsonLdDocument, JsonLdNode } from '../../lambdas/core/types';

const CANONICAL = 'https://news.example.com/world/2024/05/01/harbour-reopens';

function fullFacts(): ArticleFacts {
  return {
    headline: { value: 'Harbour reopens after storm', source: 'json-ld' },
    description: { value: 'Ferries run again on Wednesday.', source: 'meta' },
    authors: {
      value: [
        {
          name: 'Ana Souza',
          url: 'https://news.example.com/staff/ana',
          jobTitle: 'Port reporter',
          bio: 'Covers the port.',
        },
        { name: 'Tom Lee', affiliation: 'Coastal Wire' },
      ],
      source: 'markup',
    },
    datePublished: { value: '2024-05-01T08:00:00+02:00', source: 'json-ld' },
    dateModified: { value: '2024-05-01T10:30:00+02:00', source: 'json-ld' },
    publisher: {
      value: {
        name: 'Example News',
        url: 'https://news.example.com/',
        logo: 'https://news.example.com/logo.png',
      },
      source: 'json-ld',
    },
    images: {
      value: ['https://cdn.example.com/harbour.jpg', 'https://cdn.example.com/harbour-4x3.jpg'],
      source: 'opengraph',
    },
    articleSection: { value: 'World', source: 'meta' },
    keywords: { value: ['harbour', 'storm', 'Harbour'], source: 'meta' },
    inLanguage: { value: 'en-GB', source: 'meta' },
    canonicalUrl: { value: CANONICAL, source: 'meta' },
    articleBody: { value: 'The harbour reopened.\n\nFerries run again.', source: 'markup' },
    wordCount: 6,
    dateline: { value: 'LISBON', source: 'text' },
  };
}

function nodeOfType(doc: JsonLdDocument, type: string): JsonLdNode | undefined {
  return doc['@graph'].find((node) => node['@type'] === type);
}

function articleOf(doc: JsonLdDocument): JsonLdNode {
  const articles = doc['@graph'].filter(isArticleNode);
  expect(articles).toHaveLength(1);
  return articles[0] as JsonLdNode;
}

/** Every `{"@id"}` reference, anywhere, as [path, id]. */
function references(value: unknown, path = '$', out: Array<[string, string]> = []): Array<[string, string]> {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      references(item, `${path}[${index}]`, out);
    });
  } else if (value !== null && typeof value === 'object') {
    const node = value as JsonLdNode;
    const keys = Object.keys(node);
    if (path !== '$' && keys.length === 1 && typeof node['@id'] === 'string') out.push([path, node['@id']]);
    else for (const key of keys) references(node[key], `${path}.${key}`, out);
  }
  return out;
}

/** Paths of undefined, null, '' or empty array/object values. */
function emptyValues(value: unknown, path = '$', out: string[] = []): string[] {
  if (value === undefined || value === null || value === '') out.push(path);
  else if (Array.isArray(value)) {
    if (value.length === 0) out.push(path);
    value.forEach((item, index) => {
      emptyValues(item, `${path}[${index}]`, out);
    });
  } else if (typeof value === 'object') {
    if (Object.keys(value).length === 0) out.push(path);
    for (const [key, item] of Object.entries(value)) emptyValues(item, `${path}.${key}`, out);
  }
  return out;
}

function definedIds(doc: JsonLdDocument): Set<string> {
  const ids = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      const node = value as JsonLdNode;
      if (typeof node['@id'] === 'string' && Object.keys(node).length > 1) ids.add(node['@id']);
      Object.values(node).forEach(visit);
    }
  };
  visit(doc['@graph']);
  return ids;
}

function expectNoDanglingReferences(doc: JsonLdDocument): void {
  const ids = definedIds(doc);
  const dangling = references(doc).filter(([, id]) => !ids.has(id));
  expect(dangling).toEqual([]);
}

describe('buildArticleGraph', () => {
  it('links NewsArticle, WebPage, authors, publisher and primary image by @id, Yoast style', () => {
    // GIVEN facts for a complete article
    const facts = fullFacts();
    // WHEN
    const doc = buildArticleGraph(facts);
    // THEN
    expect(doc['@context']).toBe('https://schema.org');
    const article = articleOf(doc);
    expect(article['@type']).toBe('NewsArticle');
    expect(article['@id']).toBe(`${CANONICAL}#article`);
    expect(article.mainEntityOfPage).toEqual({ '@id': CANONICAL });
    expect(article.publisher).toEqual({ '@id': 'https://news.example.com/#organization' });
    expect(article.image).toEqual([
      { '@id': `${CANONICAL}#primaryimage` },
      'https://cdn.example.com/harbour-4x3.jpg',
    ]);
    expect(article.author).toEqual([
      { '@id': 'https://news.example.com/#/schema/person/ana-souza' },
      { '@id': 'https://news.example.com/#/schema/person/tom-lee' },
    ]);
    expect(article).toMatchObject({
      headline: 'Harbour reopens after storm',
      description: 'Ferries run again on Wednesday.',
      datePublished: '2024-05-01T08:00:00+02:00',
      dateModified: '2024-05-01T10:30:00+02:00',
      articleSection: 'World',
      keywords: ['harbour', 'storm'],
      inLanguage: 'en-GB',
      wordCount: 6,
      articleBody: 'The harbour reopened.\n\nFerries run again.',
      dateline: 'LISBON',
    });
    expect(nodeOfType(doc, 'WebPage')).toMatchObject({ '@id': CANONICAL, url: CANONICAL });
    expect(nodeOfType(doc, 'ImageObject')).toMatchObject({
      '@id': `${CANONICAL}#primaryimage`,
      url: 'https://cdn.example.com/harbour.jpg',
    });
    expect(nodeOfType(doc, 'Organization')).toEqual({
      '@type': 'Organization',
      '@id': 'https://news.example.com/#organization',
      name: 'Example News',
      url: 'https://news.example.com/',
      logo: {
        '@type': 'ImageObject',
        '@id': 'https://news.example.com/#/schema/logo/image/',
        url: 'https://news.example.com/logo.png',
        contentUrl: 'https://news.example.com/logo.png',
      },
    });
    const people = doc['@graph'].filter((node) => node['@type'] === 'Person');
    expect(people).toEqual([
      {
        '@type': 'Person',
        '@id': 'https://news.example.com/#/schema/person/ana-souza',
        name: 'Ana Souza',
        url: 'https://news.example.com/staff/ana',
        jobTitle: 'Port reporter',
        description: 'Covers the port.',
      },
      {
        '@type': 'Person',
        '@id': 'https://news.example.com/#/schema/person/tom-lee',
        name: 'Tom Lee',
        affiliation: { '@type': 'Organization', name: 'Coastal Wire' },
      },
    ]);
    expectNoDanglingReferences(doc);
    expect(emptyValues(doc)).toEqual([]);
  });

  it('keeps an over-long headline whole (validation warns instead)', () => {
    const headline = 'A'.repeat(180);
    const doc = buildArticleGraph({ headline: { value: headline, source: 'meta' } });
    expect(articleOf(doc).headline).toBe(headline);
  });

  it('writes syndication as isBasedOn and sourceOrganization', () => {
    const doc = buildArticleGraph({
      ...fullFacts(),
      syndication: {
        value: { name: 'the Harbour Post', url: 'https://harbourpost.example/story/1' },
        source: 'text',
      },
    });
    const article = articleOf(doc);
    expect(article.isBasedOn).toBe('https://harbourpost.example/story/1');
    expect(article.sourceOrganization).toEqual({ '@type': 'Organization', name: 'the Harbour Post' });
  });

  it('links an author affiliated with the publisher to the publisher node', () => {
    const facts = fullFacts();
    facts.authors = { value: [{ name: 'Ana Souza', affiliation: 'Example News' }], source: 'markup' };
    const doc = buildArticleGraph(facts);
    expect(articleOf(doc).author).toEqual({ '@id': 'https://news.example.com/#/schema/person/ana-souza' });
    expect(nodeOfType(doc, 'Person')?.affiliation).toEqual({
      '@id': 'https://news.example.com/#organization',
    });
  });

  it('gives authors without Latin letters a stable id and keeps duplicates out', () => {
    const facts: ArticleFacts = {
      headline: { value: '港の再開', source: 'meta' },
      authors: {
        value: [{ name: '山田 太郎' }, { name: '佐藤 花子' }, { name: '山田 太郎' }],
        source: 'markup',
      },
    };
    const first = buildArticleGraph(facts, { url: 'https://jp.example/a' });
    const second = buildArticleGraph(facts, { url: 'https://jp.example/a' });
    const ids = first['@graph'].filter((node) => node['@type'] === 'Person').map((node) => node['@id']);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    expect(second['@graph'].filter((node) => node['@type'] === 'Person').map((node) => node['@id'])).toEqual(
      ids,
    );
  });

  describe('publisher precedence', () => {
    const sitePublisher = { name: 'Site Wide Media', logo: 'https://site.example/logo.png' };

    it('uses the page’s publisher over the site-wide one', () => {
      const doc = buildArticleGraph(fullFacts(), { publisher: sitePublisher });
      expect(nodeOfType(doc, 'Organization')?.name).toBe('Example News');
    });

    it('uses the site-wide publisher when the page names none', () => {
      const facts = fullFacts();
      delete facts.publisher;
      const doc = buildArticleGraph(facts, { publisher: sitePublisher });
      expect(nodeOfType(doc, 'Organization')).toMatchObject({ name: 'Site Wide Media' });
      expect((nodeOfType(doc, 'Organization')?.logo as JsonLdNode | undefined)?.url).toBe(
        'https://site.example/logo.png',
      );
    });

    it('fills the page publisher’s missing logo from the site-wide one of the same name', () => {
      const facts = fullFacts();
      facts.publisher = { value: { name: 'site wide media' }, source: 'meta' };
      const doc = buildArticleGraph(facts, { publisher: sitePublisher });
      expect((nodeOfType(doc, 'Organization')?.logo as JsonLdNode | undefined)?.url).toBe(
        'https://site.example/logo.png',
      );
    });
  });

  it('without any URL, uses fragment ids that still resolve inside the graph', () => {
    // GIVEN a local file without canonical or --url
    const facts = fullFacts();
    delete facts.canonicalUrl;
    facts.publisher = { value: { name: 'Example News' }, source: 'meta' };
    // WHEN
    const doc = buildArticleGraph(facts);
    // THEN
    expect(articleOf(doc)['@id']).toBe('#article');
    expect(nodeOfType(doc, 'WebPage')?.['@id']).toBe('#webpage');
    expectNoDanglingReferences(doc);
  });

  describe('merging the page’s own JSON-LD', () => {
    const yoastLikeGraph: JsonLdNode[] = [
      {
        '@type': 'Article',
        '@id': `${CANONICAL}#article`,
        isPartOf: { '@id': CANONICAL },
        author: { '@id': 'https://news.example.com/#/schema/person/5f1c' },
        headline: 'Harbour reopens',
        commentCount: 4,
        isAccessibleForFree: false,
        hasPart: { '@type': 'WebPageElement', isAccessibleForFree: false, cssSelector: '.paywall' },
        copyrightYear: '2024',
      },
      {
        '@type': 'WebPage',
        '@id': CANONICAL,
        url: CANONICAL,
        breadcrumb: { '@id': `${CANONICAL}#breadcrumb` },
        potentialAction: [{ '@type': 'ReadAction', target: [CANONICAL] }],
      },
      {
        '@type': 'BreadcrumbList',
        '@id': `${CANONICAL}#breadcrumb`,
        itemListElement: [
          { '@type': 'ListItem', position: 1, name: 'Home', item: 'https://news.example.com/' },
        ],
      },
      {
        '@type': 'WebSite',
        '@id': 'https://news.example.com/#website',
        name: 'Example News',
        url: 'https://news.example.com/',
      },
      {
        '@type': 'Person',
        '@id': 'https://news.example.com/#/schema/person/5f1c',
        name: 'Ana Souza',
        sameAs: ['https://social.example/@ana'],
      },
      {
        '@type': 'NewsMediaOrganization',
        '@id': 'https://news.example.com/#/schema/Organization/1',
        name: 'Example News',
        ethicsPolicy: 'https://news.example.com/ethics',
      },
    ];

    it('absorbs the page article: extracted facts win, what only the page knew is kept', () => {
      // WHEN
      const doc = buildArticleGraph(fullFacts(), { existing: yoastLikeGraph });
      // THEN one article, with our headline and the page's paywall markup and counts
      const article = articleOf(doc);
      expect(article['@type']).toBe('NewsArticle');
      expect(article.headline).toBe('Harbour reopens after storm');
      expect(article).toMatchObject({ commentCount: 4, isAccessibleForFree: false, copyrightYear: '2024' });
      expect(article.hasPart).toEqual({
        '@type': 'WebPageElement',
        isAccessibleForFree: false,
        cssSelector: '.paywall',
      });
      expectNoDanglingReferences(doc);
      expect(emptyValues(doc)).toEqual([]);
    });

    it('keeps other nodes as they were and links the WebPage to them', () => {
      const doc = buildArticleGraph(fullFacts(), { existing: yoastLikeGraph });
      expect(nodeOfType(doc, 'BreadcrumbList')).toEqual(yoastLikeGraph[2]);
      expect(nodeOfType(doc, 'WebSite')).toEqual(yoastLikeGraph[3]);
      const webPages = doc['@graph'].filter((node) => node['@type'] === 'WebPage');
      expect(webPages).toHaveLength(1);
      expect(webPages[0]).toMatchObject({
        '@id': CANONICAL,
        isPartOf: { '@id': 'https://news.example.com/#website' },
        breadcrumb: { '@id': `${CANONICAL}#breadcrumb` },
        potentialAction: [{ '@type': 'ReadAction', target: [CANONICAL] }],
      });
    });

    it('merges a page Person of the same name into ours and repoints references to it', () => {
      const doc = buildArticleGraph(fullFacts(), { existing: yoastLikeGraph });
      const people = doc['@graph'].filter((node) => node['@type'] === 'Person');
      expect(people.map((person) => person.name)).toEqual(['Ana Souza', 'Tom Lee']);
      expect(people[0]).toMatchObject({
        '@id': 'https://news.example.com/#/schema/person/ana-souza',
        sameAs: ['https://social.example/@ana'],
        jobTitle: 'Port reporter',
      });
      expect(JSON.stringify(doc)).not.toContain('person/5f1c');
    });

    it('merges the page’s publisher node, keeping its more specific type', () => {
      const doc = buildArticleGraph(fullFacts(), { existing: yoastLikeGraph });
      const organizations = doc['@graph'].filter((node) => String(node['@type']).endsWith('Organization'));
      expect(organizations).toHaveLength(1);
      expect(organizations[0]).toMatchObject({
        '@type': 'NewsMediaOrganization',
        '@id': 'https://news.example.com/#organization',
        ethicsPolicy: 'https://news.example.com/ethics',
      });
    });

    it('turns the page article’s author strings into Person nodes when extraction found none', () => {
      const facts = fullFacts();
      delete facts.authors;
      const doc = buildArticleGraph(facts, {
        existing: [
          {
            '@type': 'BlogPosting',
            headline: 'x',
            author: ['Rui Costa', { '@type': 'Person', name: 'Mia Lund' }],
          },
        ],
      });
      const people = doc['@graph'].filter((node) => node['@type'] === 'Person');
      expect(people.map((person) => person.name)).toEqual(['Rui Costa', 'Mia Lund']);
      expect(articleOf(doc).author).toEqual(people.map((person) => ({ '@id': person['@id'] })));
    });

    it('keeps a NewsArticle subtype the page declares', () => {
      const doc = buildArticleGraph(fullFacts(), {
        existing: [{ '@type': 'OpinionNewsArticle', headline: 'x' }],
      });
      expect(articleOf(doc)['@type']).toBe('OpinionNewsArticle');
    });

    it('ends with exactly one article node, reporting the dropped second one', () => {
      const notices: string[] = [];
      const doc = buildArticleGraph(fullFacts(), {
        existing: [
          { '@type': 'Article', '@id': 'https://news.example.com/#a1', headline: 'one' },
          { '@type': 'NewsArticle', '@id': 'https://news.example.com/#a2', headline: 'two', pageEnd: '9' },
        ],
        notices,
      });
      // The NewsArticle is preferred as the main one.
      expect(articleOf(doc).pageEnd).toBe('9');
      expect(notices).toEqual([expect.stringContaining('second article node')]);
    });

    it('pulls an article nested in a WebPage out and references it', () => {
      const doc = buildArticleGraph(fullFacts(), {
        existing: [
          {
            '@type': 'ItemPage',
            '@id': 'https://news.example.com/other-page',
            url: 'https://news.example.com/other-page',
            mainEntity: { '@type': 'NewsArticle', headline: 'nested', speakable: { cssSelector: ['h1'] } },
          },
        ],
      });
      const article = articleOf(doc);
      expect(article.speakable).toEqual({ cssSelector: ['h1'] });
      const itemPage = doc['@graph'].find((node) => node['@type'] === 'ItemPage');
      expect(itemPage?.mainEntity).toEqual({ '@id': article['@id'] });
    });

    it('drops references to nodes outside the graph and says so', () => {
      const notices: string[] = [];
      const doc = buildArticleGraph(fullFacts(), {
        existing: [
          {
            '@type': 'WebSite',
            '@id': 'https://news.example.com/#website',
            publisher: { '@id': 'https://elsewhere.example/#org' },
          },
        ],
        notices,
      });
      expectNoDanglingReferences(doc);
      expect(notices.join('\n')).toContain('https://elsewhere.example/#org');
    });

    it('copies page values, never aliasing or mutating them', () => {
      const existing = structuredClone(yoastLikeGraph);
      buildArticleGraph(fullFacts(), { existing });
      expect(existing).toEqual(yoastLikeGraph);
    });
  });

  it('for any combination of facts and page nodes: one article, no dangling reference, no empty value', () => {
    const optionalText = fc.option(
      fc.oneof(fc.string(), fc.constantFrom('  ', 'Ana Souza', 'Example News')),
      {
        nil: undefined,
      },
    );
    const optionalUrl = fc.option(
      fc.oneof(fc.webUrl(), fc.constantFrom('/relative.jpg', 'javascript:alert(1)', '')),
      {
        nil: undefined,
      },
    );
    const pageNode = fc.record(
      {
        '@type': fc.constantFrom(
          'Article',
          'NewsArticle',
          'WebPage',
          'Person',
          'Organization',
          'ImageObject',
          'WebSite',
        ),
        '@id': fc.constantFrom(
          '#a',
          '#b',
          `${CANONICAL}#article`,
          CANONICAL,
          'https://news.example.com/#organization',
        ),
        name: optionalText,
        url: optionalUrl,
        author: fc.option(fc.constantFrom({ '@id': '#a' }, 'Ana Souza', [{ '@id': '#b' }, '']), {
          nil: undefined,
        }),
        mainEntity: fc.option(fc.constantFrom({ '@id': '#a' }, { '@type': 'Article', headline: 'n' }), {
          nil: undefined,
        }),
      },
      { requiredKeys: ['@type'] },
    );
    fc.assert(
      fc.property(
        optionalText,
        optionalUrl,
        optionalUrl,
        fc.array(fc.record({ name: fc.string(), affiliation: optionalText, url: optionalUrl }), {
          maxLength: 3,
        }),
        fc.array(pageNode, { maxLength: 6 }),
        (headline, canonical, image, authors, existing) => {
          const facts: ArticleFacts = {
            ...(headline !== undefined && { headline: { value: headline, source: 'meta' } }),
            ...(canonical !== undefined && { canonicalUrl: { value: canonical, source: 'meta' } }),
            ...(image !== undefined && { images: { value: [image], source: 'meta' } }),
            authors: { value: authors, source: 'markup' },
            publisher: { value: { name: 'Example News', logo: image }, source: 'meta' },
          };
          const doc = buildArticleGraph(facts, { existing: existing as JsonLdNode[] });
          articleOf(doc);
          expectNoDanglingReferences(doc);
          expect(emptyValues(doc)).toEqual([]);
          expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('blockHoldsArticle', () => {
  it('finds article nodes at the top and nested, and nothing in other blocks', () => {
    expect(blockHoldsArticle([{ '@type': 'BlogPosting' }])).toBe(true);
    expect(
      blockHoldsArticle([
        { '@type': ['WebPage'], mainEntity: { '@type': 'https://schema.org/NewsArticle' } },
      ]),
    ).toBe(true);
    expect(
      blockHoldsArticle([{ '@type': 'BreadcrumbList', itemListElement: [] }, { '@type': 'WebSite' }]),
    ).toBe(false);
  });
});

describe('the whole pipeline: extracted facts win over the page’s own article block', () => {
  it('emits the h1 headline, not the page JSON-LD’s SEO headline, and keeps the block’s other properties', () => {
    // GIVEN a page whose JSON-LD headline is an SEO variant, and whose h1 repeats og:title
    const html = `<!DOCTYPE html><html><head><title>Harbour plan gets the green light</title>
<meta property="og:title" content="Harbour plan gets the green light">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Harbour plan 2024: council vote, costs, timeline","datePublished":"2024-03-01T08:00:00Z",
"copyrightYear":2024,"isAccessibleForFree":true}</script></head>
<body><article><h1>Harbour plan gets the green light</h1><p>The council approved the plan on Friday.</p></article></body></html>`;

    // WHEN the page goes through the whole pipeline
    const { facts, jsonld } = processArticle(new TextEncoder().encode(html), {
      url: 'https://harbour.example/plan',
      sourceName: 'plan.html',
    });

    // THEN the emitted article carries the extracted headline, and what only the page knew
    const articles = jsonld['@graph'].filter(isArticleNode);
    expect(facts.headline?.value).toBe('Harbour plan gets the green light');
    expect(facts.datePublished?.value).toMatch(/^2024-03-01T08:00/);
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({
      headline: 'Harbour plan gets the green light',
      datePublished: facts.datePublished?.value,
      copyrightYear: 2024,
      isAccessibleForFree: true,
    });
  });

  it('updates a page `name` that only repeated the page’s headline, and keeps a different one', () => {
    // GIVEN page article nodes whose name repeats their headline, or says something else
    const facts: ArticleFacts = {
      headline: { value: 'Harbour plan gets the green light', source: 'opengraph' },
    };
    const graphWith = (name: string) =>
      buildArticleGraph(facts, {
        existing: [{ '@type': 'NewsArticle', headline: 'Harbour plan 2024: vote, costs', name }],
      })['@graph'].find(isArticleNode);

    // THEN a repeated name follows our headline; an independent one is kept
    expect(graphWith('Harbour plan 2024: vote, costs')?.name).toBe('Harbour plan gets the green light');
    expect(graphWith('Harbour plan')?.name).toBe('Harbour plan');
  });
});
