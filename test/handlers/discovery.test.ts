/**
 * The discovery handler against real s3rver + dynalite with the real SDK v3 clients:
 * records in the table, a DynamoDB stream event in, files in the publish bucket out.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type * as DiscoveryStore from '../../lambdas/adapters/discovery-store';
import { ARTICLE_TABLE, ENV } from '../../lambdas/contract';
import { ATOM_NAMESPACE } from '../../lambdas/core/discovery/feeds';
import { generateDiscoveryFiles } from '../../lambdas/core/discovery/generate';
import { SITEMAP_NAMESPACE } from '../../lambdas/core/discovery/sitemap';
import type { ArticleRecord } from '../../lambdas/core/record';
import type * as DiscoveryHandler from '../../lambdas/handlers/discovery';
import { writeEndpointsFile } from '../../local/endpoints-file';
import { parseXml } from '../core/discovery/parse-xml';
import { useEmulators } from '../support/emulators';

const stack = useEmulators();
const PUBLICATION = 'The Example Test Times';
const NOW = Date.now();
const HOUR = 60 * 60 * 1000;

let handlerModule: typeof DiscoveryHandler;
let store: typeof DiscoveryStore;
let savedPublisher: string | undefined;
beforeAll(() => {
  // Loaded after useEmulators() set the environment: the adapters read it when first loaded.
  savedPublisher = process.env[ENV.PUBLISHER_NAME];
  process.env[ENV.PUBLISHER_NAME] = PUBLICATION;
  handlerModule = require('../../lambdas/handlers/discovery');
  store = require('../../lambdas/adapters/discovery-store');
});
afterAll(() => {
  if (savedPublisher === undefined) delete process.env[ENV.PUBLISHER_NAME];
  else process.env[ENV.PUBLISHER_NAME] = savedPublisher;
});

/** A stored record; published ones carry the sparse index keys, as the ingest handler writes them. */
function record(
  name: string,
  hoursAgo: number,
  status: ArticleRecord['status'] = 'published',
): ArticleRecord {
  const id = `incoming/${name}.html`;
  const datePublished = new Date(NOW - hoursAgo * HOUR).toISOString();
  const published = status === 'published';
  return {
    id,
    status,
    source: { bucket: 'schemapress-source', key: id, sequencer: '0A' },
    extractorVersion: '0.1.0',
    facts: {
      headline: `${name} headline | ${PUBLICATION}`,
      description: `About ${name}.`,
      authors: ['Ann Reporter'],
      datePublished,
      language: 'en',
      image: `${stack().siteUrl}images/${name}.jpg`,
    },
    publishedKey: `articles/${name}.html`,
    publishedUrl: `${stack().siteUrl}articles/${name}.html`,
    firstSeenAt: datePublished,
    updatedAt: new Date(NOW).toISOString(),
    ...(published
      ? { listKey: ARTICLE_TABLE.PUBLISHED_LIST, publishedSort: `${datePublished}#${id}` }
      : { error: { code: 'NO_ARTICLE', message: 'The page holds no article.' } }),
  };
}

/** A plain value as a DynamoDB attribute value, as stream images carry it. */
function attributeValue(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(attributeValue) };
  if (value && typeof value === 'object') {
    return {
      M: Object.fromEntries(
        Object.entries(value)
          .filter(([, item]) => item !== undefined)
          .map(([key, item]) => [key, attributeValue(item)]),
      ),
    };
  }
  return { NULL: true };
}

let sequence = 100;
/** A stream record shaped like AWS's (NEW_AND_OLD_IMAGES). */
function streamRecord(
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  oldItem: ArticleRecord | undefined,
  newItem: ArticleRecord | undefined,
): DynamoDBRecord {
  const id = (newItem ?? oldItem)?.id ?? '';
  sequence += 1;
  return {
    eventID: `event-${sequence}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    eventSourceARN: `arn:aws:dynamodb:us-east-1:123456789012:table/${stack().tableName}/stream/2024-05-10T00:00:00.000`,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(NOW / 1000),
      Keys: { id: { S: id } },
      ...(oldItem ? { OldImage: (attributeValue(oldItem) as { M: never }).M } : {}),
      ...(newItem ? { NewImage: (attributeValue(newItem) as { M: never }).M } : {}),
      SequenceNumber: String(sequence).padStart(21, '0'),
      SizeBytes: 512,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

async function putRecord(ddb: DynamoDBDocumentClient, item: ArticleRecord): Promise<void> {
  await ddb.send(new PutCommand({ TableName: stack().tableName, Item: item }));
}

async function read(s3: S3Client, key: string) {
  const object = await s3.send(new GetObjectCommand({ Bucket: stack().publishBucket, Key: key }));
  return {
    body: (await object.Body?.transformToString('utf-8')) ?? '',
    contentType: object.ContentType,
    cacheControl: object.CacheControl,
  };
}

async function exists(s3: S3Client, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: stack().publishBucket, Key: key }));
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
      return false;
    throw error;
  }
}

const sitemapUrls = (xml: string): string[] =>
  Array.from(parseXml(xml).getElementsByTagNameNS(SITEMAP_NAMESPACE, 'loc'), (loc) => loc.textContent ?? '');

const DISCOVERY_KEYS = ['sitemap.xml', 'news-sitemap.xml', 'feed.xml', 'feed.json', 'robots.txt'];

describe('discovery handler', () => {
  const first = () => record('first', 1);
  const second = () => record('second', 2);
  const third = () => record('third', 80);
  const failed = () => record('broken', 3, 'failed');

  it('writes every file from the published index when a stream batch publishes articles', async () => {
    // GIVEN three published records and a failed one in the table
    const { s3, ddb, siteUrl } = stack();
    for (const item of [first(), second(), third(), failed()]) await putRecord(ddb, item);
    // WHEN the handler receives their INSERT records
    const result = await handlerModule.handler({
      Records: [first(), second(), third(), failed()].map((item) => streamRecord('INSERT', undefined, item)),
    });
    // THEN every file is in the bucket with its content type and cache policy
    expect(result.discovery?.articles).toBe(3);
    expect(result.discovery?.written).toEqual(DISCOVERY_KEYS);
    const sitemap = await read(s3, 'sitemap.xml');
    expect(sitemap.contentType).toBe('application/xml; charset=utf-8');
    expect(sitemap.cacheControl).toBe('public, max-age=300');
    expect((await read(s3, 'feed.xml')).contentType).toBe('application/atom+xml; charset=utf-8');
    expect((await read(s3, 'feed.json')).contentType).toBe('application/feed+json; charset=utf-8');
    expect((await read(s3, 'robots.txt')).body).toContain(`Sitemap: ${siteUrl}sitemap.xml`);
    // AND the sitemap lists the published articles newest first, never the failed one
    expect(sitemapUrls(sitemap.body)).toEqual(
      ['first', 'second', 'third'].map((n) => `${siteUrl}articles/${n}.html`),
    );
    // AND the News sitemap holds the two from the last two days, titled without the site name
    const news = (await read(s3, 'news-sitemap.xml')).body;
    expect(sitemapUrls(news)).toEqual(['first', 'second'].map((n) => `${siteUrl}articles/${n}.html`));
    expect(news).toContain(`<news:name>${PUBLICATION}</news:name>`);
    expect(news).toContain('<news:title>first headline</news:title>');
    const atom = parseXml((await read(s3, 'feed.xml')).body);
    expect(atom.getElementsByTagNameNS(ATOM_NAMESPACE, 'entry')).toHaveLength(3);
    expect(JSON.parse((await read(s3, 'feed.json')).body).items).toHaveLength(3);
  });

  it('drops a removed article from every file', async () => {
    // GIVEN the second article is removed (status removed, index keys gone)
    const { s3, ddb, siteUrl } = stack();
    const { listKey: _listKey, publishedSort: _publishedSort, ...rest } = second();
    const removed: ArticleRecord = { ...rest, status: 'removed' };
    await putRecord(ddb, removed);
    // WHEN the handler receives the MODIFY record
    await handlerModule.handler({ Records: [streamRecord('MODIFY', second(), removed)] });
    // THEN its URL is in no file, and the others still are
    for (const key of ['sitemap.xml', 'news-sitemap.xml', 'feed.xml', 'feed.json']) {
      const { body } = await read(s3, key);
      expect(body).not.toContain(`${siteUrl}articles/second.html`);
      expect(body).toContain(`${siteUrl}articles/first.html`);
    }
  });

  it('leaves the files alone when no record changes a listing, and rebuilds on request', async () => {
    // GIVEN feed.xml deleted behind the handler's back
    const { s3, ddb } = stack();
    await s3.send(new DeleteObjectCommand({ Bucket: stack().publishBucket, Key: 'feed.xml' }));
    const stillFailed = { ...failed(), updatedAt: new Date(NOW + 1000).toISOString() };
    await putRecord(ddb, stillFailed);
    // WHEN a batch only touches a record that was never published
    const skipped = await handlerModule.handler({ Records: [streamRecord('MODIFY', failed(), stillFailed)] });
    // THEN nothing is regenerated
    expect(skipped).toEqual({ batchItemFailures: [] });
    expect(await exists(s3, 'feed.xml')).toBe(false);
    // WHEN an operator invokes a rebuild with an empty batch
    const rebuilt = await handlerModule.handler({ Records: [], rebuild: true });
    // THEN every file is back
    expect(rebuilt.discovery?.written).toEqual(DISCOVERY_KEYS);
    expect(await exists(s3, 'feed.xml')).toBe(true);
  });

  it("keeps an operator's own robots.txt", async () => {
    // GIVEN a robots.txt uploaded by the operator
    const { s3 } = stack();
    const own = 'User-agent: *\nDisallow: /drafts/\n';
    await s3.send(
      new PutObjectCommand({
        Bucket: stack().publishBucket,
        Key: 'robots.txt',
        Body: own,
        ContentType: 'text/plain',
      }),
    );
    // WHEN the files are rebuilt
    const result = await handlerModule.handler({ Records: [], rebuild: true });
    // THEN it is untouched and the rest is written
    expect(result.discovery?.written).toEqual(DISCOVERY_KEYS.filter((key) => key !== 'robots.txt'));
    expect((await read(s3, 'robots.txt')).body).toBe(own);
    await s3.send(new DeleteObjectCommand({ Bucket: stack().publishBucket, Key: 'robots.txt' }));
  });

  it("lists the batch's own changes even when the index has not caught up with them", async () => {
    // GIVEN a stream batch announcing an article the index does not show yet (GSIs are eventually
    // consistent) and the removal of one it still shows
    const { s3, siteUrl } = stack();
    const lagging = record('lagging', 1);
    // WHEN the handler runs
    await handlerModule.handler({
      Records: [streamRecord('INSERT', undefined, lagging), streamRecord('REMOVE', third(), undefined)],
    });
    // THEN the files follow the stream
    const urls = sitemapUrls((await read(s3, 'sitemap.xml')).body);
    expect(urls).toContain(`${siteUrl}articles/lagging.html`);
    expect(urls).not.toContain(`${siteUrl}articles/third.html`);
    // AND the next run, with nothing in the batch, shows the table as it is
    await handlerModule.handler({ Records: [], rebuild: true });
    const rebuilt = sitemapUrls((await read(s3, 'sitemap.xml')).body);
    expect(rebuilt).not.toContain(`${siteUrl}articles/lagging.html`);
    expect(rebuilt).toContain(`${siteUrl}articles/third.html`);
  });

  it('throws, so the event source retries, when the environment is incomplete', async () => {
    const saved = process.env[ENV.SITE_URL];
    delete process.env[ENV.SITE_URL];
    try {
      await expect(handlerModule.handler({ Records: [], rebuild: true })).rejects.toThrow(ENV.SITE_URL);
    } finally {
      process.env[ENV.SITE_URL] = saved;
    }
  });
});

describe('discovery store', () => {
  it('reads the published index newest first, page by page, with Query only', async () => {
    // GIVEN five more published articles (and the ones above)
    const { ddb, tableName } = stack();
    for (let index = 0; index < 5; index++) await putRecord(ddb, record(`paged-${index}`, 10 + index));
    // WHEN listed two items per page, watching the commands sent (the real client still does the work)
    const sent: { name: string; input: Record<string, unknown> }[] = [];
    const watched = {
      send: (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
        sent.push({ name: command.constructor.name, input: command.input });
        return ddb.send(command as never);
      },
    } as unknown as DynamoDBDocumentClient;
    const articles = await store.listPublishedArticles(watched, tableName, 2);
    // THEN every published article comes back, newest first
    expect(articles.map((article) => article.id)).toEqual([
      'incoming/first.html',
      'incoming/paged-0.html',
      'incoming/paged-1.html',
      'incoming/paged-2.html',
      'incoming/paged-3.html',
      'incoming/paged-4.html',
      'incoming/third.html',
    ]);
    // AND only index Queries were sent, newest first, following the pages
    expect(new Set(sent.map((command) => command.name))).toEqual(new Set(['QueryCommand']));
    expect(sent.length).toBeGreaterThanOrEqual(4);
    for (const { input } of sent) {
      expect(input).toMatchObject({
        IndexName: ARTICLE_TABLE.publishedIndex.name,
        ScanIndexForward: false,
        Limit: 2,
      });
    }
  });

  it('writes numbered sitemaps before their index and deletes parts the index no longer lists', async () => {
    // GIVEN a leftover part from a bigger site
    const { s3, publishBucket, siteUrl } = stack();
    await s3.send(new PutObjectCommand({ Bucket: publishBucket, Key: 'sitemap-9.xml', Body: '<urlset/>' }));
    const articles = [1, 2, 3].map((index) => ({
      id: `a${index}`,
      url: `${siteUrl}articles/a${index}.html`,
    }));
    const files = generateDiscoveryFiles(articles, {
      siteUrl,
      publicationName: PUBLICATION,
      now: new Date(NOW),
      maxUrlsPerSitemap: 2,
    });
    // WHEN written, watching the order of the PutObject calls
    const puts: string[] = [];
    const watched = {
      send: (command: { constructor: { name: string }; input: { Key?: string } }) => {
        if (command.constructor.name === 'PutObjectCommand') puts.push(command.input.Key ?? '');
        return s3.send(command as never);
      },
    } as unknown as S3Client;
    await store.writeDiscoveryFiles(watched, publishBucket, files);
    const deleted = await store.deleteStaleSitemaps(
      s3,
      publishBucket,
      new Set(['sitemap-1.xml', 'sitemap-2.xml']),
    );
    // THEN the parts went first and the index after them
    expect(puts.indexOf('sitemap-1.xml')).toBeLessThan(puts.indexOf('sitemap.xml'));
    expect(puts.indexOf('sitemap-2.xml')).toBeLessThan(puts.indexOf('sitemap.xml'));
    // AND the index names exactly the parts in the bucket; the leftover is gone
    expect(deleted).toEqual(['sitemap-9.xml']);
    const listing = await s3.send(new ListObjectsV2Command({ Bucket: publishBucket, Prefix: 'sitemap' }));
    expect((listing.Contents ?? []).map((object) => object.Key).sort()).toEqual([
      'sitemap-1.xml',
      'sitemap-2.xml',
      'sitemap.xml',
    ]);
    expect(sitemapUrls((await read(s3, 'sitemap.xml')).body)).toEqual([
      `${siteUrl}sitemap-1.xml`,
      `${siteUrl}sitemap-2.xml`,
    ]);
  });
});

describe('schemapress sitemaps', () => {
  it("rebuilds through a running instance's endpoints", async () => {
    // GIVEN a data dir whose endpoints.json names the running emulators, and no feed.json yet
    const { s3, publishBucket } = stack();
    await s3.send(new DeleteObjectCommand({ Bucket: publishBucket, Key: 'feed.json' }));
    const dataDir = mkdtempSync(join(tmpdir(), 'schemapress-sitemaps-'));
    writeEndpointsFile(dataDir, {
      pid: process.pid,
      startedAt: new Date(NOW).toISOString(),
      s3Endpoint: stack().s3Endpoint,
      dynamoEndpoint: stack().dynamoEndpoint,
      httpUrl: stack().siteUrl,
      sourceBucket: stack().sourceBucket,
      publishBucket,
      tableName: stack().tableName,
      sourcePrefix: 'incoming/',
    });
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      // WHEN the command runs on it
      const { main } = require('../../cli/sitemaps') as typeof import('../../cli/sitemaps');
      const code = await main(['--data', dataDir, '--no-robots']);
      // THEN it succeeds, says what it wrote, and the feed is back
      expect(code).toBe(0);
      expect(log.mock.calls.flat().join('\n')).toMatch(/published article\(s\); wrote sitemap\.xml/);
      expect(JSON.parse((await read(s3, 'feed.json')).body).items.length).toBeGreaterThan(0);
    } finally {
      log.mockRestore();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
