/**
 * Ingest Lambda: turns article files dropped in the source bucket into published, enriched
 * pages and article records.
 *
 * Trigger: an SQS queue receiving the source bucket's S3 event notifications (ObjectCreated:*,
 * ObjectRemoved:*), with ReportBatchItemFailures: a message that fails transiently is reported
 * in `batchItemFailures` and retried alone; bad files are recorded as `failed` and acknowledged.
 * The local runtime calls `handler` with the same SQS-batch-shaped events.
 *
 * Environment (names from ENV in lambdas/contract.ts):
 * - SCHEMAPRESS_SOURCE_BUCKET, SCHEMAPRESS_PUBLISH_BUCKET, SCHEMAPRESS_ARTICLE_TABLE,
 *   SCHEMAPRESS_SITE_URL: required.
 * - SCHEMAPRESS_SOURCE_PREFIX (default `incoming/`; must end with `/`), SCHEMAPRESS_ACCEPTED_SUFFIXES
 *   (comma-separated; default `.html,.htm,.txt,.md,.markdown`), SCHEMAPRESS_MAX_OBJECT_BYTES
 *   (default 10 MB), SCHEMAPRESS_PUBLISHER_NAME and SCHEMAPRESS_PUBLISHER_LOGO (optional).
 * - SCHEMAPRESS_PAGE_TIME_BUDGET_MS (default 10 s; the construct prop `pageTimeBudget`): a page still processing after that long is
 *   refused as PAGE_TOO_COMPLEX (its worker thread is terminated; see adapters/page-worker.ts).
 * - SCHEMAPRESS_S3_ENDPOINT, SCHEMAPRESS_DYNAMODB_ENDPOINT: local emulators only; when set,
 *   clients use emulator settings and Powertools stays quiet (no metrics output, WARN logs).
 * - Powertools' own variables (POWERTOOLS_LOG_LEVEL, ...) are honoured.
 */
// First, on its own: starts the page worker before the AWS SDK loads (see the module).
import '../adapters/ingest-page-worker';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { documentClient, s3Client } from '../adapters/clients';
import * as env from '../adapters/env';
import { ingestPageWorker } from '../adapters/ingest-page-worker';
import { flushMetrics, logger, metrics } from '../adapters/powertools';
import { EXTRACTOR_VERSION } from '../core/version';
import { type IngestDependencies, type IngestSettings, ingestMessage } from './ingest-record';

export {
  type EventOutcome,
  type IngestDependencies,
  type IngestSettings,
  ingestMessage,
} from './ingest-record';

const processor = new BatchProcessor(EventType.SQS);

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  logger.addContext(context);
  const deps = ingestDependenciesFromEnv();
  try {
    return await processPartialResponse(
      event,
      (record: SQSRecord) => ingestMessage(record, deps),
      processor,
      {
        context,
        // Every message failing is still a partial response: SQS retries each one on its own.
        throwOnFullBatchFailure: false,
        // One at a time: two events for one key in a batch must not race.
        processInParallel: false,
      },
    );
  } finally {
    flushMetrics();
  }
};

/** Settings from the environment (read per invocation: cheap, and tests may change them). */
export function ingestSettingsFromEnv(): IngestSettings {
  const publisher = env.publisher();
  return {
    sourceBucket: env.sourceBucketName(),
    publishBucket: env.publishBucketName(),
    tableName: env.articleTableName(),
    sourcePrefix: env.sourcePrefix(),
    acceptedSuffixes: env.acceptedSuffixes(),
    maxObjectBytes: env.maxObjectBytes(),
    siteUrl: env.siteUrl(),
    ...(publisher ? { publisher } : {}),
    extractorVersion: EXTRACTOR_VERSION,
  };
}

/** The dependencies `handler` uses: shared clients and Powertools utilities, settings from the environment. */
export function ingestDependenciesFromEnv(): IngestDependencies {
  const pageTimeBudget = env.pageTimeBudgetMs();
  return {
    s3: s3Client(),
    ddb: documentClient(),
    settings: ingestSettingsFromEnv(),
    processArticle: (bytes, options) => ingestPageWorker.process(bytes, options, pageTimeBudget),
    logger,
    metrics,
  };
}
