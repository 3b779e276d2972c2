/**
 * Discovery's I/O: reads published articles from the table's published index (newest first,
 * page by page; never a Scan) and writes the generated files to the publish bucket.
 *
 * `regenerateDiscovery` is the one code path behind the discovery Lambda, the local runtime
 * (after each batch) and `schemapress sitemaps`.
 */
import {
  DeleteObjectsCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ARTICLE_TABLE } from '../contract';
import { type DiscoveryFile, generateDiscoveryFiles } from '../core/discovery/generate';
import { type DiscoveryArticle, type DiscoverySite, toDiscoveryArticle } from '../core/discovery/model';
import { ROBOTS_KEY } from '../core/discovery/robots';
import { isNumberedSitemapKey } from '../core/discovery/sitemap';
import { applyStreamChanges, type StreamRecordLike } from '../core/discovery/stream-filter';
import type { ArticleRecord } from '../core/record';

/** Object metadata marking files this code wrote; a robots.txt without it is the operator's own. */
export const GENERATED_BY_METADATA = { 'generated-by': 'schemapress-discovery' } as const;
const GENERATED_BY_KEY = 'generated-by';
/** Items per Query page: large pages mean few round trips; DynamoDB caps a page at 1 MB anyway. */
export const DEFAULT_QUERY_PAGE_SIZE = 1_000;
const NUMBERED_SITEMAP_PREFIX = 'sitemap-';

/** The record attributes a listing reads (ExpressionAttributeNames keep reserved words like `status` legal). */
const LISTING_ATTRIBUTES = [
  ARTICLE_TABLE.partitionKey,
  'status',
  'facts',
  'publishedUrl',
  'publishedKey',
  'updatedAt',
] as const;

/**
 * Every published article, newest first: Query on the sparse published index, following
 * LastEvaluatedKey until the end. Reads grow with the number of published articles only.
 */
export async function listPublishedArticles(
  documents: DynamoDBDocumentClient,
  tableName: string,
  pageSize = DEFAULT_QUERY_PAGE_SIZE,
): Promise<DiscoveryArticle[]> {
  const { publishedIndex, PUBLISHED_LIST } = ARTICLE_TABLE;
  const names: Record<string, string> = { '#listKey': publishedIndex.partitionKey };
  LISTING_ATTRIBUTES.forEach((attribute, index) => {
    names[`#a${index}`] = attribute;
  });
  const articles: DiscoveryArticle[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: publishedIndex.name,
        KeyConditionExpression: '#listKey = :published',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':published': PUBLISHED_LIST },
        ProjectionExpression: LISTING_ATTRIBUTES.map((_, index) => `#a${index}`).join(', '),
        ScanIndexForward: false,
        Limit: pageSize,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const record = item as Partial<ArticleRecord>;
      // A GSI is eventually consistent: skip an item whose status already moved on.
      if (typeof record.id !== 'string' || (record.status !== undefined && record.status !== 'published'))
        continue;
      articles.push(toDiscoveryArticle(record as ArticleRecord));
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return articles;
}

/** True when the bucket holds a robots.txt that this code did not write. */
async function operatorOwnsRobotsTxt(s3: S3Client, bucket: string): Promise<boolean> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: ROBOTS_KEY }));
    return head.Metadata?.[GENERATED_BY_KEY] !== GENERATED_BY_METADATA[GENERATED_BY_KEY];
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404 || (error as Error).name === 'NotFound') return false;
    if (status === 403) {
      // S3 answers 403 for a missing object when the caller may not list the bucket.
      throw new Error(
        `Cannot tell whether s3://${bucket}/${ROBOTS_KEY} is the operator's own (HeadObject was refused): ` +
          `grant the discovery function s3:GetObject on ${ROBOTS_KEY} and s3:ListBucket on the bucket.`,
      );
    }
    throw error;
  }
}

/**
 * Writes the files in the given order, one PutObject each (atomic per object: readers see
 * the old or the new file, never a mix). An index is last in `files`, after its parts.
 * robots.txt is left alone when the operator uploaded their own. Returns the keys written.
 */
export async function writeDiscoveryFiles(
  s3: S3Client,
  bucket: string,
  files: readonly DiscoveryFile[],
): Promise<string[]> {
  const written: string[] = [];
  for (const file of files) {
    if (file.key === ROBOTS_KEY && (await operatorOwnsRobotsTxt(s3, bucket))) continue;
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: file.key,
        Body: file.body,
        ContentType: file.contentType,
        CacheControl: file.cacheControl,
        Metadata: { ...GENERATED_BY_METADATA },
      }),
    );
    written.push(file.key);
  }
  return written;
}

/**
 * Deletes numbered sitemaps (`sitemap-<n>.xml`) that the new index no longer lists, e.g.
 * after articles were removed. Runs after the index is written, so no index points at a
 * missing part. Returns the keys deleted.
 */
export async function deleteStaleSitemaps(
  s3: S3Client,
  bucket: string,
  keep: ReadonlySet<string>,
): Promise<string[]> {
  const stale: string[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: NUMBERED_SITEMAP_PREFIX,
        ContinuationToken: continuationToken,
      }),
    );
    for (const object of page.Contents ?? []) {
      if (object.Key && isNumberedSitemapKey(object.Key) && !keep.has(object.Key)) stale.push(object.Key);
    }
    continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (continuationToken);
  // DeleteObjects takes at most 1,000 keys per request.
  for (let start = 0; start < stale.length; start += 1_000) {
    await s3.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: stale.slice(start, start + 1_000).map((Key) => ({ Key })), Quiet: true },
      }),
    );
  }
  return stale;
}

export interface DiscoveryDeps {
  readonly s3: S3Client;
  readonly documents: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly publishBucket: string;
  readonly site: DiscoverySite;
  /** @default () => new Date() */
  readonly now?: () => Date;
  /**
   * Generate robots.txt (an operator's own robots.txt in the bucket is kept either way).
   * @default true
   */
  readonly generateRobotsTxt?: boolean;
}

export interface DiscoveryResult {
  /** Published articles read from the index. */
  readonly articles: number;
  /** Keys written, in write order. */
  readonly written: readonly string[];
  /** Numbered sitemaps deleted because the index no longer lists them. */
  readonly deleted: readonly string[];
}

/**
 * Steps: list the published articles (newest first); apply the triggering stream records on
 * top (the index may lag behind them); generate every file; write them (parts before the
 * index); delete numbered sitemaps the new index does not list.
 */
export async function regenerateDiscovery(
  deps: DiscoveryDeps,
  changes: readonly StreamRecordLike[] = [],
): Promise<DiscoveryResult> {
  const articles = applyStreamChanges(await listPublishedArticles(deps.documents, deps.tableName), changes);
  const files = generateDiscoveryFiles(articles, {
    ...deps.site,
    now: deps.now?.() ?? new Date(),
    generateRobotsTxt: deps.generateRobotsTxt ?? true,
  });
  const written = await writeDiscoveryFiles(deps.s3, deps.publishBucket, files);
  const deleted = await deleteStaleSitemaps(
    deps.s3,
    deps.publishBucket,
    new Set(files.map((file) => file.key).filter(isNumberedSitemapKey)),
  );
  return { articles: articles.length, written, deleted };
}
