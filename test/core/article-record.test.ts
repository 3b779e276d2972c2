import { ARTICLE_TABLE } from '../../lambdas/contract';
import {
  buildFailedRecord,
  buildPublishedRecord,
  buildRemovedRecord,
  DEFAULT_MAX_TEXT_CHARS,
  publishedSortFor,
  storedJsonLd,
} from '../../lambdas/core/article-record';
import type { ArticleRecord, SourceObjectRef } from '../../lambdas/core/record';
import type { ArticleFacts, ProcessResult } from '../../lambdas/core/types';

const source: SourceObjectRef = { bucket: 'src', key: 'incoming/a.html', sequencer: '0A', size: 10 };
const now = new Date('2026-11-28T10:00:00.000Z');

function resultWith(facts: ArticleFacts, body = 'Body text.'): ProcessResult {
  return {
    kind: 'html',
    encoding: 'utf-8',
    facts: { ...facts, articleBody: { value: body, source: 'markup' } },
    jsonld: {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'NewsArticle', headline: facts.headline?.value, articleBody: body },
        { '@type': 'WebPage', name: 'x' },
      ],
    },
    report: { valid: true, errors: [], warnings: [] },
    page: new TextEncoder().encode('<html></html>'),
    pageEncoding: 'utf-8',
    notices: [],
  };
}

const published = (facts: ArticleFacts, previous?: ArticleRecord, body?: string) =>
  buildPublishedRecord({
    id: source.key,
    source,
    extractorVersion: '1.0.0',
    result: resultWith(facts, body),
    contentHash: 'ab'.repeat(32),
    publishedKey: 'articles/a.html',
    publishedUrl: 'https://news.example.test/articles/a.html',
    ...(previous ? { previous } : {}),
    now,
  });

describe('buildPublishedRecord', () => {
  it('GIVEN a processed article WHEN recorded THEN it is listed, summarised and sorted by its date', () => {
    const record = published({
      headline: { value: 'Storm closes the harbour', source: 'json-ld' },
      authors: { value: [{ name: 'Ana Ruiz' }, { name: 'Tom Lee' }], source: 'json-ld' },
      datePublished: { value: '2026-11-27T08:30:00+02:00', source: 'json-ld' },
      publisher: { value: { name: 'Harbour Times' }, source: 'options' },
      images: {
        value: ['https://cdn.example.test/a.jpg', 'https://cdn.example.test/b.jpg'],
        source: 'opengraph',
      },
      wordCount: 420,
    });
    expect(record).toMatchObject({
      id: 'incoming/a.html',
      status: 'published',
      listKey: ARTICLE_TABLE.PUBLISHED_LIST,
      publishedSort: '2026-11-27T06:30:00.000Z#incoming/a.html',
      firstSeenAt: now.toISOString(),
      updatedAt: now.toISOString(),
      facts: {
        headline: 'Storm closes the harbour',
        authors: ['Ana Ruiz', 'Tom Lee'],
        publisherName: 'Harbour Times',
        image: 'https://cdn.example.test/a.jpg',
        url: 'https://news.example.test/articles/a.html',
        wordCount: 420,
      },
    });
    expect(record.error).toBeUndefined();
  });

  it('GIVEN the JSON-LD has an article body WHEN recorded THEN the stored JSON-LD has none', () => {
    const record = published({ headline: { value: 'H', source: 'markup' } }, undefined, 'secret body words');
    expect(record.jsonld).toBeDefined();
    expect(record.jsonld).not.toContain('articleBody');
    expect(record.jsonld).not.toContain('secret body words');
    expect(JSON.parse(record.jsonld as string)['@graph']).toHaveLength(2);
  });

  it('GIVEN a previous record WHEN republished THEN firstSeenAt is kept', () => {
    const previous = { ...published({}), firstSeenAt: '2020-01-01T00:00:00.000Z' };
    expect(published({}, previous).firstSeenAt).toBe('2020-01-01T00:00:00.000Z');
  });

  it('GIVEN no usable date WHEN recorded THEN it sorts by when it was first seen', () => {
    const record = published({ datePublished: { value: 'yesterday-ish', source: 'text' } });
    expect(record.publishedSort).toBe(`${now.toISOString()}#incoming/a.html`);
  });

  it('GIVEN hostile huge facts WHEN recorded THEN every text is bounded', () => {
    const huge = 'x'.repeat(1_000_000);
    const record = published({
      headline: { value: huge, source: 'markup' },
      description: { value: huge, source: 'meta' },
      authors: { value: Array.from({ length: 5000 }, () => ({ name: huge })), source: 'markup' },
      keywords: { value: Array.from({ length: 5000 }, () => huge), source: 'meta' },
    });
    expect(record.facts?.headline?.length).toBeLessThanOrEqual(DEFAULT_MAX_TEXT_CHARS);
    expect(record.facts?.authors?.length).toBeLessThanOrEqual(25);
    expect(Buffer.byteLength(JSON.stringify(record))).toBeLessThan(100_000);
  });
});

describe('storedJsonLd', () => {
  it('GIVEN a graph too large even without bodies WHEN stored THEN it is dropped', () => {
    const jsonld = { '@context': 'https://schema.org' as const, '@graph': [{ keywords: 'k'.repeat(500) }] };
    expect(storedJsonLd(jsonld, 100)).toBeUndefined();
    expect(storedJsonLd(jsonld, 10_000)).toContain('keywords');
  });
});

describe('publishedSortFor', () => {
  it('GIVEN a date with an offset WHEN sorted THEN it is normalised to UTC', () => {
    expect(publishedSortFor('2026-01-02T00:00:00-05:00', 'x', 'id')).toBe('2026-01-02T05:00:00.000Z#id');
  });
});

describe('buildFailedRecord', () => {
  it('GIVEN an input error WHEN recorded THEN it is failed, unlisted and has the code and message', () => {
    const previous = published({ headline: { value: 'H', source: 'markup' } });
    const record = buildFailedRecord({
      id: source.key,
      source,
      extractorVersion: '1.0.0',
      error: { code: 'BINARY_INPUT', message: 'The file is not text.' },
      previous: { ...previous, firstSeenAt: '2021-01-01T00:00:00.000Z' },
      now,
    });
    expect(record).toMatchObject({
      status: 'failed',
      error: { code: 'BINARY_INPUT', message: 'The file is not text.' },
      firstSeenAt: '2021-01-01T00:00:00.000Z',
    });
    expect(record.listKey).toBeUndefined();
    expect(record.publishedSort).toBeUndefined();
    expect(record.publishedKey).toBeUndefined();
  });
});

describe('buildRemovedRecord', () => {
  it('GIVEN a published record WHEN removed THEN it leaves the index and keeps its facts', () => {
    const previous = published({ headline: { value: 'Kept for history', source: 'markup' } });
    const record = buildRemovedRecord({ id: source.key, source, extractorVersion: '2.0.0', previous, now });
    expect(record.status).toBe('removed');
    expect(record.listKey).toBeUndefined();
    expect(record.publishedSort).toBeUndefined();
    expect(record.publishedUrl).toBeUndefined();
    expect(record.facts?.headline).toBe('Kept for history');
    expect(record.firstSeenAt).toBe(previous.firstSeenAt);
  });

  it('GIVEN no previous record WHEN removed THEN a tombstone is built', () => {
    const record = buildRemovedRecord({ id: source.key, source, extractorVersion: '2.0.0', now });
    expect(record).toEqual({
      id: source.key,
      status: 'removed',
      source,
      extractorVersion: '2.0.0',
      firstSeenAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
  });
});
