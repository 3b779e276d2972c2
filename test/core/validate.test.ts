import { buildArticleGraph } from '../../lambdas/core/jsonld';
import type { ArticleFacts, JsonLdDocument, JsonLdNode, ValidationReport } from '../../lambdas/core/types';
import { DEFAULT_MAX_HEADLINE_LENGTH, formatIssue, validateArticle } from '../../lambdas/core/validate';

const NOW = new Date('2024-06-01T12:00:00Z');

function goodFacts(): ArticleFacts {
  return {
    headline: { value: 'Harbour reopens after storm', source: 'json-ld' },
    authors: { value: [{ name: 'Ana Souza' }], source: 'markup' },
    datePublished: { value: '2024-05-01T08:00:00+02:00', source: 'json-ld' },
    dateModified: { value: '2024-05-02T08:00:00Z', source: 'json-ld' },
    publisher: {
      value: { name: 'Example News', logo: 'https://news.example.com/logo.png' },
      source: 'json-ld',
    },
    images: { value: ['https://cdn.example.com/harbour.jpg'], source: 'opengraph' },
    canonicalUrl: { value: 'https://news.example.com/a', source: 'meta' },
  };
}

/** A valid graph, with the article node handed to `change` for one defect. */
function graphWith(change: (article: JsonLdNode, doc: JsonLdDocument) => void): JsonLdDocument {
  const doc = buildArticleGraph(goodFacts());
  change(doc['@graph'][0] as JsonLdNode, doc);
  return doc;
}

function codes(report: ValidationReport): { errors: string[]; warnings: string[] } {
  return {
    errors: report.errors.map((issue) => issue.code),
    warnings: report.warnings.map((issue) => issue.code),
  };
}

describe('validateArticle', () => {
  it('passes a complete graph with neither errors nor warnings', () => {
    // GIVEN a graph built from complete facts
    const doc = buildArticleGraph(goodFacts());
    // WHEN
    const report = validateArticle(doc, { now: NOW });
    // THEN
    expect(report).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('reports a missing article node', () => {
    const report = validateArticle({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage' }] });
    expect(report.valid).toBe(false);
    expect(report.errors[0]).toMatchObject({ code: 'ARTICLE_MISSING', path: '$["@graph"]' });
  });

  it('reports a missing headline with its path', () => {
    const report = validateArticle(
      graphWith((article) => delete article.headline),
      { now: NOW },
    );
    expect(report.errors).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'HEADLINE_MISSING',
        path: '$["@graph"][0].headline',
      }),
    ]);
  });

  it('warns about a headline over the recommended length, not at it', () => {
    const atLimit = validateArticle(
      graphWith((article) => {
        article.headline = 'h'.repeat(DEFAULT_MAX_HEADLINE_LENGTH);
      }),
      { now: NOW },
    );
    const over = validateArticle(
      graphWith((article) => {
        article.headline = 'h'.repeat(DEFAULT_MAX_HEADLINE_LENGTH + 1);
      }),
      { now: NOW },
    );
    expect(codes(atLimit).warnings).toEqual([]);
    expect(codes(over)).toEqual({ errors: [], warnings: ['HEADLINE_TOO_LONG'] });
  });

  describe('authors', () => {
    it('warns when there is no author', () => {
      const report = validateArticle(
        graphWith((article) => delete article.author),
        { now: NOW },
      );
      expect(codes(report)).toEqual({ errors: [], warnings: ['AUTHOR_MISSING'] });
    });

    it('flags an author that is a plain string or of the wrong type, with the entry path', () => {
      const report = validateArticle(
        graphWith((article) => {
          article.author = ['Ana Souza', { '@type': 'Thing', name: 'Bot' }];
        }),
        { now: NOW },
      );
      expect(report.errors.map((issue) => [issue.code, issue.path])).toEqual([
        ['AUTHOR_NOT_PERSON', '$["@graph"][0].author[0]'],
        ['AUTHOR_NOT_PERSON', '$["@graph"][0].author[1]'],
      ]);
    });

    it('flags several people in one author name, following the reference to the Person node', () => {
      const doc = graphWith((_article, graph) => {
        const person = graph['@graph'].find((node) => node['@type'] === 'Person') as JsonLdNode;
        person.name = 'Ana Souza and Tom Lee';
      });
      const personIndex = doc['@graph'].findIndex((node) => node['@type'] === 'Person');
      const report = validateArticle(doc, { now: NOW });
      expect(report.errors).toEqual([
        expect.objectContaining({ code: 'AUTHOR_SEVERAL_NAMES', path: `$["@graph"][${personIndex}].name` }),
      ]);
    });

    it.each([['Ana Souza & Tom Lee'], ['Ana Souza; Tom Lee'], ['Ana Souza, Tom Lee']])(
      'flags "%s" as several names',
      (name) => {
        const report = validateArticle(
          graphWith((article) => {
            article.author = { '@type': 'Person', name };
          }),
          { now: NOW },
        );
        expect(codes(report).errors).toEqual(['AUTHOR_SEVERAL_NAMES']);
      },
    );

    it.each([['Souza, Ana'], ['Anne-Marie Dupont'], ['Alexander Andrews']])(
      'accepts "%s" as one name',
      (name) => {
        const report = validateArticle(
          graphWith((article) => {
            article.author = { '@type': 'Person', name };
          }),
          { now: NOW },
        );
        expect(report.errors).toEqual([]);
      },
    );

    it('accepts an Organization author whose name holds "&"', () => {
      const report = validateArticle(
        graphWith((article) => {
          article.author = { '@type': 'Organization', name: 'Smith & Sons Press' };
        }),
        { now: NOW },
      );
      expect(report.errors).toEqual([]);
    });
  });

  describe('dates', () => {
    const withDates = (published: unknown, modified?: unknown) =>
      validateArticle(
        graphWith((article) => {
          article.datePublished = published;
          if (modified === undefined) delete article.dateModified;
          else article.dateModified = modified;
        }),
        { now: NOW },
      );

    it.each([
      ['May 1, 2024'],
      ['2024-13-01'],
      ['2024-02-30T10:00:00Z'],
      ['2024-05-01T25:00:00Z'],
      [20240501],
    ])('rejects %p as not ISO 8601', (value) => {
      expect(codes(withDates(value)).errors).toEqual(['DATE_INVALID']);
    });

    it('warns about a date without offset, and accepts one with an offset', () => {
      expect(codes(withDates('2024-05-01T08:00:00'))).toEqual({
        errors: [],
        warnings: ['DATE_WITHOUT_OFFSET'],
      });
      expect(codes(withDates('2024-05-01'))).toEqual({ errors: [], warnings: ['DATE_WITHOUT_OFFSET'] });
      expect(codes(withDates('2024-05-01T08:00:00.250-05:30'))).toEqual({ errors: [], warnings: [] });
    });

    it('flags dateModified before datePublished, comparing instants across offsets', () => {
      // 09:00+02:00 is 07:00Z: earlier than 08:00Z.
      expect(codes(withDates('2024-05-01T08:00:00Z', '2024-05-01T09:00:00+02:00')).errors).toEqual([
        'DATE_MODIFIED_BEFORE_PUBLISHED',
      ]);
      expect(codes(withDates('2024-05-01T08:00:00Z', '2024-05-01T11:00:00+02:00')).errors).toEqual([]);
    });

    it('flags a date in the future of the given clock', () => {
      const report = withDates('2024-07-01T08:00:00Z');
      expect(report.errors).toEqual([
        expect.objectContaining({ code: 'DATE_IN_FUTURE', path: '$["@graph"][0].datePublished' }),
      ]);
    });

    it('warns when datePublished is missing', () => {
      const report = validateArticle(
        graphWith((article) => {
          delete article.datePublished;
          delete article.dateModified;
        }),
        { now: NOW },
      );
      expect(codes(report).warnings).toEqual(['DATE_PUBLISHED_MISSING']);
    });
  });

  describe('image and publisher', () => {
    it('warns when there is no image', () => {
      const report = validateArticle(
        graphWith((article) => delete article.image),
        { now: NOW },
      );
      expect(codes(report).warnings).toContain('IMAGE_MISSING');
    });

    it('flags a relative image URL, in the ImageObject it references', () => {
      const doc = graphWith((_article, graph) => {
        const image = graph['@graph'].find((node) => node['@type'] === 'ImageObject') as JsonLdNode;
        image.url = '/img/harbour.jpg';
      });
      const imageIndex = doc['@graph'].findIndex((node) => node['@type'] === 'ImageObject');
      expect(validateArticle(doc, { now: NOW }).errors).toEqual([
        expect.objectContaining({ code: 'IMAGE_URL_RELATIVE', path: `$["@graph"][${imageIndex}].url` }),
      ]);
    });

    it('flags a relative image given as a string', () => {
      const report = validateArticle(
        graphWith((article) => {
          article.image = ['https://cdn.example.com/a.jpg', 'b.jpg'];
        }),
        { now: NOW },
      );
      expect(report.errors.map((issue) => [issue.code, issue.path])).toEqual([
        ['IMAGE_URL_RELATIVE', '$["@graph"][0].image[1]'],
      ]);
    });

    it('warns when the publisher is missing', () => {
      const report = validateArticle(
        graphWith((article) => delete article.publisher),
        { now: NOW },
      );
      expect(codes(report)).toEqual({ errors: [], warnings: ['PUBLISHER_MISSING'] });
    });
  });

  it('warns about references that lead nowhere', () => {
    const report = validateArticle(
      graphWith((article) => {
        article.isPartOf = { '@id': 'https://elsewhere.example/#page' };
      }),
      { now: NOW },
    );
    expect(report.warnings).toEqual([
      expect.objectContaining({ code: 'REFERENCE_DANGLING', path: '$["@graph"][0].isPartOf' }),
    ]);
  });

  it('formats an issue for people with severity, code, path and message', () => {
    const line = formatIssue({
      severity: 'error',
      code: 'HEADLINE_MISSING',
      message: 'No headline.',
      path: '$.x',
    });
    expect(line).toBe('error   HEADLINE_MISSING  $.x  No headline.');
  });
});
