/**
 * Discovery Lambda: keeps `sitemap.xml`, `news-sitemap.xml`, `feed.xml`, `feed.json` and
 * `robots.txt` in the publish bucket in step with the published articles.
 *
 * Triggered by the article table's DynamoDB stream (NEW_AND_OLD_IMAGES), batched by the
 * event source's batching window: when any record of the batch changes what is listed, every
 * file is regenerated once. A failure throws, so the event source retries the batch.
 *
 * Full rebuild in AWS (e.g. after changing the site URL): invoke the function with
 * `{ "Records": [], "rebuild": true }`, e.g.
 * `aws lambda invoke --function-name <DiscoveryFunction> --cli-binary-format raw-in-base64-out
 *  --payload '{"Records":[],"rebuild":true}' /dev/stdout`.
 * Locally: `npx schemapress sitemaps [--data DIR]`.
 *
 * Environment (names from ENV in lambdas/contract.ts): SCHEMAPRESS_ARTICLE_TABLE,
 * SCHEMAPRESS_PUBLISH_BUCKET, SCHEMAPRESS_SITE_URL (required); SCHEMAPRESS_PUBLISHER_NAME
 * (the Google News publication name; the site's host name when unset);
 * SCHEMAPRESS_S3_ENDPOINT / SCHEMAPRESS_DYNAMODB_ENDPOINT (local emulators only).
 */
import type { Context, DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { documentClient, s3Client } from '../adapters/clients';
import { type DiscoveryDeps, type DiscoveryResult, regenerateDiscovery } from '../adapters/discovery-store';
import { articleTableName, publishBucketName, publisher, siteUrl } from '../adapters/env';
import { flushMetrics, logger, MetricUnit, metrics } from '../adapters/powertools';
import { batchChangesListing } from '../core/discovery/stream-filter';

export { type DiscoveryDeps, type DiscoveryResult, regenerateDiscovery };

/** A DynamoDB stream batch, or a manual rebuild request. */
export interface DiscoveryEvent {
  readonly Records?: readonly DynamoDBRecord[];
  /** Regenerate even when no record changes a listing. */
  readonly rebuild?: boolean;
}

/** Dependencies from the environment, with the shared clients. */
export function discoveryDepsFromEnvironment(): DiscoveryDeps {
  const site = siteUrl();
  return {
    s3: s3Client(),
    documents: documentClient(),
    tableName: articleTableName(),
    publishBucket: publishBucketName(),
    site: { siteUrl: site, publicationName: publisher()?.name ?? new URL(site).hostname },
  };
}

/**
 * The batch response: never partial (one regeneration covers the whole batch; a failure
 * throws and the batch is retried), with what was done for logs and tests.
 */
export interface DiscoveryResponse extends DynamoDBBatchResponse {
  /** Absent when no record of the batch changed a listing. */
  readonly discovery?: DiscoveryResult;
}

export const handler = async (event: DiscoveryEvent, context?: Context): Promise<DiscoveryResponse> => {
  if (context) logger.addContext(context);
  try {
    const records = event.Records ?? [];
    if (event.rebuild !== true && !batchChangesListing(records)) {
      logger.debug('No record changes a listing; discovery files left as they are', {
        records: records.length,
      });
      return { batchItemFailures: [] };
    }
    const result = await regenerateDiscovery(discoveryDepsFromEnvironment(), records);
    logger.info('Discovery files regenerated', {
      ...result,
      records: records.length,
      rebuild: event.rebuild === true,
    });
    metrics.addMetric('DiscoveryRegenerations', MetricUnit.Count, 1);
    metrics.addMetric('ArticlesListed', MetricUnit.Count, result.articles);
    return { batchItemFailures: [], discovery: result };
  } finally {
    flushMetrics();
  }
};
