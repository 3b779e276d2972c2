/**
 * The one place that names the pipeline's shared resources: table keys and indexes,
 * bucket prefixes and environment variable names. The CDK construct, the adapters and
 * the local runtime all import it, so they cannot drift apart.
 */

/** DynamoDB article table layout. */
export const ARTICLE_TABLE = {
  /** Partition key: the article id, derived from the source key (see `articleIdFor`). */
  partitionKey: 'id',
  /** Sparse global secondary index listing published articles newest first. */
  publishedIndex: {
    name: 'byPublished',
    /** Set to `PUBLISHED_LIST` only while the article is published; absent otherwise (sparse). */
    partitionKey: 'listKey',
    /** `<datePublished as UTC ISO>#<id>`: sorts chronologically, unique per article. */
    sortKey: 'publishedSort',
  },
  /** The only value of the index partition key. */
  PUBLISHED_LIST: 'published',
} as const;

/** Object key prefixes. */
export const PREFIXES = {
  /** Where publishers drop article files in the source bucket (default; configurable). */
  DEFAULT_SOURCE: 'incoming/',
  /** Where enriched pages are written in the publish bucket. */
  PUBLISHED: 'articles/',
} as const;

/** File suffixes accepted by default. */
export const DEFAULT_ACCEPTED_SUFFIXES = ['.html', '.htm', '.txt', '.md', '.markdown'] as const;

/** Default maximum size of one source object, in bytes (10 MB). */
export const DEFAULT_MAX_OBJECT_BYTES = 10 * 1024 * 1024;

/**
 * Default time one page may take to process (decode to enriched page) before its worker thread
 * is stopped and the page refused as too complex: far above any real page (seconds at most),
 * and small enough that a whole SQS batch of pages at the budget fits the ingest function's
 * timeout (checked in test/lib/defaults.test.ts).
 */
export const DEFAULT_PAGE_TIME_BUDGET_MS = 10_000;

/** Environment variable names read by the Lambda adapters (and set by the construct / local runtime). */
export const ENV = {
  SOURCE_BUCKET: 'SCHEMAPRESS_SOURCE_BUCKET',
  PUBLISH_BUCKET: 'SCHEMAPRESS_PUBLISH_BUCKET',
  ARTICLE_TABLE: 'SCHEMAPRESS_ARTICLE_TABLE',
  SOURCE_PREFIX: 'SCHEMAPRESS_SOURCE_PREFIX',
  ACCEPTED_SUFFIXES: 'SCHEMAPRESS_ACCEPTED_SUFFIXES',
  MAX_OBJECT_BYTES: 'SCHEMAPRESS_MAX_OBJECT_BYTES',
  SITE_URL: 'SCHEMAPRESS_SITE_URL',
  PUBLISHER_NAME: 'SCHEMAPRESS_PUBLISHER_NAME',
  PUBLISHER_LOGO: 'SCHEMAPRESS_PUBLISHER_LOGO',
  /** Milliseconds one page may take before it is refused (PAGE_TOO_COMPLEX); default DEFAULT_PAGE_TIME_BUDGET_MS. */
  PAGE_TIME_BUDGET_MS: 'SCHEMAPRESS_PAGE_TIME_BUDGET_MS',
  /** Local runtime and tests only: endpoint of an S3-compatible server (s3rver). */
  S3_ENDPOINT: 'SCHEMAPRESS_S3_ENDPOINT',
  /** Local runtime and tests only: endpoint of a DynamoDB-compatible server (dynalite). */
  DYNAMODB_ENDPOINT: 'SCHEMAPRESS_DYNAMODB_ENDPOINT',
} as const;

export type EnvName = (typeof ENV)[keyof typeof ENV];
