/**
 * Secure defaults for every resource of the publishing pipeline, as pure functions.
 *
 * Each resource's properties are merged in three layers, as AWS Solutions Constructs do:
 *   1. defaults  - what this module returns (safe, cheap, documented in README.md ("Deploying on AWS"));
 *   2. user      - the optional `*Props` escape hatches of `PublishingPipeline`;
 *   3. required  - settings the pipeline relies on for safety or correctness. A user value
 *                  that would weaken one of them is refused with an error saying what to do.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ARTICLE_TABLE, DEFAULT_PAGE_TIME_BUDGET_MS } from '../lambdas/contract';

/** Data (buckets, table, logs) survives `cdk destroy` unless the operator opts out. */
export const DEFAULT_REMOVAL_POLICY = RemovalPolicy.RETAIN;
/** How long the ingest Lambda may work on one SQS batch (up to 10 files of up to 10 MB each). */
export const DEFAULT_INGEST_TIMEOUT = Duration.minutes(2);
/** jsdom keeps the whole DOM in memory; 1 GB also buys proportionally more CPU on Lambda. */
export const DEFAULT_INGEST_MEMORY_MB = 1024;
/** Discovery rebuilds every sitemap and feed from the published index in one invocation. */
export const DEFAULT_DISCOVERY_TIMEOUT = Duration.minutes(5);
export const DEFAULT_DISCOVERY_MEMORY_MB = 512;
/** SQS delivers at most 10 messages per batch to a Lambda when no batching window is set. */
export const DEFAULT_INGEST_BATCH_SIZE = 10;
/**
 * How long one page may take (decode to enriched page) before its worker thread is stopped and
 * the page recorded as PAGE_TOO_COMPLEX (`pageTimeBudget`): the handler's own default.
 */
export const DEFAULT_PAGE_TIME_BUDGET = Duration.millis(DEFAULT_PAGE_TIME_BUDGET_MS);
/**
 * What an ingest invocation needs besides its pages' processing time: reading the objects,
 * writing pages and records, and a fresh page worker after each page stopped at its budget
 * (a worker loads in well under a second).
 */
export const INGEST_BATCH_HEADROOM = Duration.seconds(20);
/** Caps parallel ingest invocations so a bulk upload cannot exhaust the account's concurrency. */
export const DEFAULT_INGEST_MAX_CONCURRENCY = 10;
/** AWS recommends a queue visibility timeout of at least six times the function timeout. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;
/** A message that failed this many times goes to the dead-letter queue. */
export const DEFAULT_MAX_RECEIVE_COUNT = 5;
/** Keep dead letters as long as SQS allows, so an operator can inspect and redrive them. */
export const DEFAULT_DEAD_LETTER_RETENTION = Duration.days(14);
/** Discovery batches stream changes so one regeneration covers many articles. */
export const DEFAULT_DISCOVERY_BATCHING_WINDOW = Duration.seconds(30);
export const DEFAULT_DISCOVERY_BATCH_SIZE = 100;
export const DEFAULT_DISCOVERY_RETRY_ATTEMPTS = 3;
/** Stream records older than this go to the discovery dead-letter queue instead of blocking the shard. */
export const DEFAULT_DISCOVERY_MAX_RECORD_AGE = Duration.days(1);
export const DEFAULT_LOG_RETENTION = logs.RetentionDays.THREE_MONTHS;
/** Access logs are for audits and incident analysis, not archives. */
export const DEFAULT_ACCESS_LOG_EXPIRATION = Duration.days(365);
/** Older versions of source files: long enough to recover from a bad overwrite. */
export const DEFAULT_NONCURRENT_VERSION_EXPIRATION = Duration.days(90);
export const DEFAULT_ABORT_INCOMPLETE_UPLOAD_AFTER = Duration.days(7);

/** Every bucket drops the parts of multipart uploads that never completed. */
const ABORT_INCOMPLETE_UPLOADS_RULE: s3.LifecycleRule = {
  id: 'abort-incomplete-uploads',
  abortIncompleteMultipartUploadAfter: DEFAULT_ABORT_INCOMPLETE_UPLOAD_AFTER,
};
/** Object served for `https://<distribution>/`. */
export const DEFAULT_ROOT_OBJECT = 'index.html';
/** Largest source object the pipeline accepts (jsdom needs about 20 times the page size in memory). */
export const MAX_OBJECT_BYTES_LIMIT = 50 * 1024 * 1024;

/** Server access logs of the data buckets land under this prefix of the log bucket. */
export const SOURCE_ACCESS_LOG_PREFIX = 's3/source/';
export const PUBLISH_ACCESS_LOG_PREFIX = 's3/publish/';
export const DISTRIBUTION_LOG_PREFIX = 'cloudfront/';

/** Settings for which the user may not choose a weaker value. */
export type RequiredProps<T> = { readonly [K in keyof T]?: T[K] };

/**
 * Merges defaults -> user -> required. Throws when the user sets a required property to a
 * different value, rather than silently overriding it (the user asked for something unsafe).
 *
 * `what` names the prop in error messages, e.g. 'sourceBucketProps'.
 */
export function mergeSecureProps<T extends object>(
  what: string,
  defaults: T,
  user: Partial<T> | undefined,
  required: RequiredProps<T>,
): T {
  for (const key of Object.keys(required) as (keyof T)[]) {
    const wanted = required[key];
    const given = user?.[key];
    if (given !== undefined && !sameSetting(given, wanted)) {
      throw new Error(
        `${what}.${String(key)} cannot be changed: schemapress requires ${describe(wanted)} ` +
          `(got ${describe(given)}); remove ${String(key)} from ${what}.`,
      );
    }
  }
  return { ...defaults, ...stripUndefined(user), ...required };
}

function stripUndefined<T extends object>(value: Partial<T> | undefined): Partial<T> {
  if (value === undefined) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function sameSetting(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // CDK settings such as BlockPublicAccess or Duration are value objects: compare their contents.
  return typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value instanceof Duration) return value.toHumanString();
  return JSON.stringify(value) ?? String(value);
}

// ---------------------------------------------------------------------------------------------
// S3 buckets
// ---------------------------------------------------------------------------------------------

/**
 * Every bucket: private, TLS only, encrypted at rest, bucket-owner owned objects.
 *
 * Encryption is SSE-S3 (S3-managed AES-256) rather than SSE-KMS: the published pages are
 * public by design, CloudFront with Origin Access Control would need a key policy and a KMS
 * request per cache miss for SSE-KMS, and SSE-S3 costs nothing per request. Operators who
 * need their own key for the source bucket can pass `sourceBucketProps.encryption`.
 */
export const REQUIRED_BUCKET_PROPS = {
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  enforceSSL: true,
  publicReadAccess: false,
} as const satisfies RequiredProps<s3.BucketProps>;

/** The bucket receiving S3 server access logs and CloudFront standard logs. */
export function defaultLogBucketProps(removalPolicy: RemovalPolicy): s3.BucketProps {
  return {
    ...REQUIRED_BUCKET_PROPS,
    encryption: s3.BucketEncryption.S3_MANAGED,
    // CloudFront standard logging writes with an ACL grant, so ACLs must stay enabled here.
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
    versioned: false,
    removalPolicy,
    lifecycleRules: [
      { id: 'expire-logs', expiration: DEFAULT_ACCESS_LOG_EXPIRATION },
      ABORT_INCOMPLETE_UPLOADS_RULE,
    ],
  };
}

/** Defaults for the bucket where publishers drop article files. */
export function defaultSourceBucketProps(
  logBucket: s3.IBucket,
  removalPolicy: RemovalPolicy,
): s3.BucketProps {
  return {
    encryption: s3.BucketEncryption.S3_MANAGED,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    serverAccessLogsBucket: logBucket,
    serverAccessLogsPrefix: SOURCE_ACCESS_LOG_PREFIX,
    removalPolicy,
    lifecycleRules: [
      { id: 'expire-old-versions', noncurrentVersionExpiration: DEFAULT_NONCURRENT_VERSION_EXPIRATION },
      ABORT_INCOMPLETE_UPLOADS_RULE,
    ],
  };
}

/** The source bucket keeps versions: the ingest handler reads exactly the version an event names. */
export const REQUIRED_SOURCE_BUCKET_PROPS = {
  ...REQUIRED_BUCKET_PROPS,
  versioned: true,
} as const satisfies RequiredProps<s3.BucketProps>;

/** Defaults for the bucket holding enriched pages and discovery files, served by CloudFront. */
export function defaultPublishBucketProps(
  logBucket: s3.IBucket,
  removalPolicy: RemovalPolicy,
): s3.BucketProps {
  return {
    encryption: s3.BucketEncryption.S3_MANAGED,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    // Pages are regenerated from the source bucket; versions would only add cost.
    versioned: false,
    serverAccessLogsBucket: logBucket,
    serverAccessLogsPrefix: PUBLISH_ACCESS_LOG_PREFIX,
    removalPolicy,
    lifecycleRules: [ABORT_INCOMPLETE_UPLOADS_RULE],
  };
}

/** Public reads go through CloudFront (Origin Access Control), never to the bucket. */
export const REQUIRED_PUBLISH_BUCKET_PROPS = {
  ...REQUIRED_BUCKET_PROPS,
  websiteIndexDocument: undefined,
} as const satisfies RequiredProps<s3.BucketProps>;

// ---------------------------------------------------------------------------------------------
// DynamoDB
// ---------------------------------------------------------------------------------------------

export function defaultArticleTableProps(removalPolicy: RemovalPolicy): dynamodb.TableProps {
  return {
    partitionKey: { name: ARTICLE_TABLE.partitionKey, type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    encryption: dynamodb.TableEncryption.AWS_MANAGED,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    // Deletion protection follows the removal policy: a retained table also refuses manual deletion.
    deletionProtection: removalPolicy === RemovalPolicy.RETAIN,
    removalPolicy,
  };
}

/** The handlers depend on this key and the stream feeding discovery. */
export const REQUIRED_ARTICLE_TABLE_PROPS = {
  partitionKey: { name: ARTICLE_TABLE.partitionKey, type: dynamodb.AttributeType.STRING },
  sortKey: undefined,
  stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
  pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
} as const satisfies RequiredProps<dynamodb.TableProps>;

/**
 * The sparse newest-first index of published articles. Projection ALL: discovery builds
 * sitemaps and feeds from the index alone, and records are bounded (no article body).
 */
export function publishedIndexProps(): dynamodb.GlobalSecondaryIndexProps {
  return {
    indexName: ARTICLE_TABLE.publishedIndex.name,
    partitionKey: { name: ARTICLE_TABLE.publishedIndex.partitionKey, type: dynamodb.AttributeType.STRING },
    sortKey: { name: ARTICLE_TABLE.publishedIndex.sortKey, type: dynamodb.AttributeType.STRING },
    projectionType: dynamodb.ProjectionType.ALL,
  };
}

// ---------------------------------------------------------------------------------------------
// SQS
// ---------------------------------------------------------------------------------------------

/** Every queue: SQS-managed server-side encryption (S3 notifications can write to it) and TLS only. */
export const REQUIRED_QUEUE_PROPS = {
  encryption: sqs.QueueEncryption.SQS_MANAGED,
  enforceSSL: true,
} as const satisfies RequiredProps<sqs.QueueProps>;

export function defaultDeadLetterQueueProps(): sqs.QueueProps {
  return { ...REQUIRED_QUEUE_PROPS, retentionPeriod: DEFAULT_DEAD_LETTER_RETENTION };
}

/** The queue between S3 notifications and the ingest Lambda. */
export function defaultIngestQueueProps(
  deadLetterQueue: sqs.IQueue,
  functionTimeout: Duration,
): sqs.QueueProps {
  return {
    ...REQUIRED_QUEUE_PROPS,
    visibilityTimeout: visibilityTimeoutFor(functionTimeout),
    retentionPeriod: DEFAULT_DEAD_LETTER_RETENTION,
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: DEFAULT_MAX_RECEIVE_COUNT },
  };
}

/**
 * The longest per-page time budget at which a whole batch, every page using its full budget,
 * still fits the function timeout with INGEST_BATCH_HEADROOM to spare (10 s by default).
 */
export function maxPageTimeBudget(
  functionTimeout: Duration = DEFAULT_INGEST_TIMEOUT,
  batchSize: number = DEFAULT_INGEST_BATCH_SIZE,
): Duration {
  const available = functionTimeout.toMilliseconds() - INGEST_BATCH_HEADROOM.toMilliseconds();
  return Duration.millis(Math.max(0, Math.floor(available / batchSize)));
}

/** At least six times the function timeout, so a message is not redelivered while still being processed. */
export function visibilityTimeoutFor(functionTimeout: Duration): Duration {
  return Duration.seconds(functionTimeout.toSeconds() * VISIBILITY_TIMEOUT_FACTOR);
}
