/**
 * What the ingest Lambda does with one SQS message (an S3 event notification) and with each
 * object event in it. Everything it touches comes in through `IngestDependencies`, so the
 * local runtime and tests can drive it directly.
 *
 * Delivery is at least once and out of order: each object event is compared with the stored
 * record's sequencer before anything is written, and the record write is conditional, so
 * duplicates and stale events change nothing and the newest event always wins.
 */
import { createHash } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSRecord } from 'aws-lambda';
import {
  getArticleRecord,
  markRemoved,
  putArticleRecord,
  type StoredArticle,
} from '../adapters/article-table';
import { deletePublishedPage, putPublishedPage } from '../adapters/publish-store';
import { getSourceObject, type SourceObject } from '../adapters/source-store';
import { buildFailedRecord, buildPublishedRecord } from '../core/article-record';
import { InputError, InputTooLargeError, isInputError } from '../core/errors';
import type { ArticleRecord, SourceObjectRef } from '../core/record';
import {
  articleIdFor,
  type ObjectEvent,
  padSequencer,
  parseNotificationBody,
  publishedKeyFor,
  publishedUrlFor,
  skipReasonFor,
} from '../core/s3-event';
import type { OrganizationFact, ProcessOptions, ProcessResult } from '../core/types';

export interface IngestSettings {
  /** Events from any other bucket are skipped. */
  readonly sourceBucket: string;
  readonly publishBucket: string;
  readonly tableName: string;
  readonly sourcePrefix: string;
  readonly acceptedSuffixes: readonly string[];
  readonly maxObjectBytes: number;
  /** Base of the published pages' public URLs. */
  readonly siteUrl: string;
  readonly publisher?: OrganizationFact;
  readonly extractorVersion: string;
}

export interface IngestDependencies {
  readonly s3: S3Client;
  readonly ddb: DynamoDBDocumentClient;
  readonly settings: IngestSettings;
  /**
   * The core pipeline, in this thread or behind a time budget in a worker (PageWorker);
   * throws InputError subclasses for files that cannot become articles.
   */
  readonly processArticle: (
    bytes: Uint8Array,
    options: ProcessOptions,
  ) => ProcessResult | Promise<ProcessResult>;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** @default () => new Date() */
  readonly clock?: () => Date;
}

/**
 * - published / failed / removed: the table (and bucket) now reflect this event;
 * - duplicate: this very event was already applied; stale: a newer one was;
 * - skipped: not an article file of this pipeline (or the object was gone when read).
 */
export type EventOutcome = 'published' | 'failed' | 'removed' | 'duplicate' | 'stale' | 'skipped';

export const METRIC_NAMES = {
  published: 'ArticlesPublished',
  failed: 'ArticlesFailed',
  removed: 'ArticlesRemoved',
  skipped: 'ObjectsSkipped',
  duplicate: 'EventsDuplicate',
  stale: 'EventsStale',
  extractionTime: 'ExtractionTime',
} as const;

/**
 * Handles one SQS message. Throws (so the message is retried) only on transient faults;
 * S3's setup test event and unparseable bodies are acknowledged and logged, since retrying
 * them cannot help.
 */
export async function ingestMessage(message: SQSRecord, deps: IngestDependencies): Promise<EventOutcome[]> {
  const body = parseNotificationBody(message.body);
  if (body.kind === 'test-event') {
    deps.logger.info('Ignoring the s3:TestEvent S3 sends when notifications are configured');
    return [];
  }
  if (body.kind === 'unrecognized') {
    deps.logger.warn('Ignoring a message that is not an S3 event notification', {
      messageId: message.messageId,
      reason: body.reason,
    });
    return [];
  }
  for (const reason of body.ignored)
    deps.logger.info('Ignoring a record', { messageId: message.messageId, reason });
  const outcomes: EventOutcome[] = [];
  for (const event of body.events) outcomes.push(await ingestObjectEvent(event, deps));
  return outcomes;
}

/**
 * Applies one object event.
 *
 * Steps:
 * 1. Skip objects from another bucket, outside the prefix, or with another suffix.
 * 2. Read the stored record; stop if it comes from this event (duplicate) or a newer one (stale).
 * 3. Removal: delete the page, mark the record removed (conditionally).
 * 4. Creation: refuse by the event's size, read the exact version, hash, process.
 * 5. Write the page, then the record (conditionally); a typed input error records `failed`.
 */
export async function ingestObjectEvent(event: ObjectEvent, deps: IngestDependencies): Promise<EventOutcome> {
  const { logger, settings } = deps;
  logger.appendKeys({ objectKey: event.key, sequencer: event.sequencer, eventName: event.eventName });
  try {
    const skipReason =
      event.bucket === settings.sourceBucket
        ? skipReasonFor(event.key, settings.sourcePrefix, settings.acceptedSuffixes)
        : `from bucket ${event.bucket}, not the source bucket ${settings.sourceBucket}`;
    if (skipReason)
      return count(deps, 'skipped', 'Skipping an object that is not an article file', skipReason);

    const id = articleIdFor(event.key);
    const stored = await getArticleRecord(deps.ddb, settings.tableName, id);
    const order = orderAgainst(event, stored);
    if (order !== 'newer') return count(deps, order, 'Ignoring an event already superseded');

    const source = sourceRefFor(event);
    const outcome =
      event.action === 'removed'
        ? await remove(id, source, stored, deps)
        : await publish(id, event, source, stored, deps);
    return outcome;
  } catch (error) {
    if (!isInputError(error))
      logger.error('Processing failed (transient fault or bug); the message will be retried', { error });
    throw error;
  } finally {
    logger.removeKeys(['objectKey', 'sequencer', 'eventName']);
  }
}

async function publish(
  id: string,
  event: ObjectEvent,
  source: SourceObjectRef,
  stored: StoredArticle | undefined,
  deps: IngestDependencies,
): Promise<EventOutcome> {
  const { settings } = deps;
  const now = (deps.clock ?? defaultClock)();
  const base = { id, source, extractorVersion: settings.extractorVersion, previous: stored?.record, now };

  // Refused from the event alone: an oversized object is never downloaded.
  if (event.size !== undefined && event.size > settings.maxObjectBytes) {
    return fail(base, new InputTooLargeError(event.size, settings.maxObjectBytes), undefined, deps);
  }

  let object: SourceObject;
  try {
    object = await readSource(source, deps);
  } catch (error) {
    if (error instanceof InputError) return fail(base, error, undefined, deps);
    // Deleted since the event was sent: the removal's own event will update the record.
    if (isNoSuchKey(error))
      return count(deps, 'skipped', 'The object no longer exists', 'deleted before it was read');
    throw error;
  }

  const contentHash = sha256(object.bytes);
  let page: RenderedPage;
  try {
    page = await renderAndPutPage(source, object, now, deps);
  } catch (error) {
    if (error instanceof InputError) return fail(base, error, contentHash, deps);
    throw error;
  }
  const { result, publishedKey, publishedUrl } = page;
  const record = buildPublishedRecord({ ...base, result, contentHash, publishedKey, publishedUrl });
  const written = await putArticleRecord(deps.ddb, settings.tableName, record);
  if (written === 'stale') return recoverFromLostRace(id, deps);
  for (const notice of result.notices) deps.logger.info('Processing notice', { notice });
  return count(deps, 'published', 'Published the article', undefined, {
    publishedKey,
    valid: result.report.valid,
  });
}

interface RenderedPage {
  readonly result: ProcessResult;
  readonly publishedKey: string;
  readonly publishedUrl: string;
}

/** Processes the source bytes and writes the enriched page. Throws InputError for bad input. */
async function renderAndPutPage(
  source: SourceObjectRef,
  object: SourceObject,
  now: Date,
  deps: IngestDependencies,
): Promise<RenderedPage> {
  const { settings } = deps;
  const publishedKey = publishedKeyFor(source.key, settings.sourcePrefix);
  const publishedUrl = publishedUrlFor(settings.siteUrl, publishedKey);
  const started = performance.now();
  let result: ProcessResult;
  try {
    result = await deps.processArticle(object.bytes, {
      sourceName: source.key,
      url: publishedUrl,
      ...(object.contentType ? { contentType: object.contentType } : {}),
      maxBytes: settings.maxObjectBytes,
      ...(settings.publisher ? { publisher: settings.publisher } : {}),
      now,
    });
  } finally {
    deps.metrics.addMetric(METRIC_NAMES.extractionTime, MetricUnit.Milliseconds, performance.now() - started);
  }
  await putPublishedPage(deps.s3, {
    bucket: settings.publishBucket,
    key: publishedKey,
    body: result.page,
    encoding: result.pageEncoding,
    // Metadata travels as HTTP headers: ASCII only.
    metadata: { 'source-key': encodeURIComponent(source.key), sequencer: source.sequencer },
  });
  return { result, publishedKey, publishedUrl };
}

async function fail(
  base: {
    id: string;
    source: SourceObjectRef;
    extractorVersion: string;
    previous?: ArticleRecord;
    now: Date;
  },
  error: InputError,
  contentHash: string | undefined,
  deps: IngestDependencies,
): Promise<EventOutcome> {
  // The publish bucket mirrors the table: a page exists only while its article is published.
  if (base.previous?.publishedKey) {
    await deletePublishedPage(deps.s3, deps.settings.publishBucket, base.previous.publishedKey);
  }
  const record = buildFailedRecord({
    ...base,
    error: { code: error.code, message: error.message },
    contentHash,
  });
  const written = await putArticleRecord(deps.ddb, deps.settings.tableName, record);
  if (written === 'stale') return recoverFromLostRace(base.id, deps);
  return count(deps, 'failed', 'The file cannot become an article', error.message, { code: error.code });
}

async function remove(
  id: string,
  source: SourceObjectRef,
  stored: StoredArticle | undefined,
  deps: IngestDependencies,
): Promise<EventOutcome> {
  const { settings } = deps;
  await deletePublishedPage(
    deps.s3,
    settings.publishBucket,
    publishedKeyFor(source.key, settings.sourcePrefix),
  );
  const written = await markRemoved(deps.ddb, settings.tableName, {
    id,
    source,
    extractorVersion: settings.extractorVersion,
    ...(stored ? { previous: stored.record } : {}),
    now: (deps.clock ?? defaultClock)(),
  });
  if (written === 'stale') return recoverFromLostRace(id, deps);
  return count(deps, 'removed', 'Removed the article');
}

/**
 * A newer event for the same key was recorded while this one was being processed (two
 * deliveries for one key running concurrently). The table is right (conditional write), but
 * this event may have overwritten or deleted the newer event's page: bring the page back in
 * line with the newest record.
 *
 * Steps:
 * 1. Re-read the record. Not published: make sure no page exists.
 * 2. Published: re-read that version of the source; if it is still the recorded content
 *    (same hash), render and write its page again. Otherwise an even newer event is on its way
 *    and will write the page itself.
 */
async function recoverFromLostRace(id: string, deps: IngestDependencies): Promise<EventOutcome> {
  const { settings } = deps;
  deps.logger.warn('A newer event for this object was recorded concurrently; re-syncing its page');
  const current = await getArticleRecord(deps.ddb, settings.tableName, id);
  if (current) {
    const { record } = current;
    const publishedKey = publishedKeyFor(record.source.key, settings.sourcePrefix);
    if (record.status !== 'published') {
      await deletePublishedPage(deps.s3, settings.publishBucket, publishedKey);
    } else {
      try {
        const object = await readSource(record.source, deps);
        if (sha256(object.bytes) === record.contentHash) {
          await renderAndPutPage(record.source, object, (deps.clock ?? defaultClock)(), deps);
        }
      } catch (error) {
        if (!(error instanceof InputError) && !isNoSuchKey(error)) throw error;
      }
    }
  }
  return count(deps, 'stale', 'Ignoring an event superseded during processing');
}

function readSource(source: SourceObjectRef, deps: IngestDependencies): Promise<SourceObject> {
  return getSourceObject(deps.s3, {
    bucket: source.bucket,
    key: source.key,
    ...(source.versionId ? { versionId: source.versionId } : {}),
    maxBytes: deps.settings.maxObjectBytes,
  });
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function orderAgainst(
  event: ObjectEvent,
  stored: StoredArticle | undefined,
): 'newer' | 'duplicate' | 'stale' {
  if (!stored) return 'newer';
  const incoming = padSequencer(event.sequencer);
  if (incoming === stored.sequencer) return 'duplicate';
  return incoming > stored.sequencer ? 'newer' : 'stale';
}

function sourceRefFor(event: ObjectEvent): SourceObjectRef {
  return {
    bucket: event.bucket,
    key: event.key,
    sequencer: event.sequencer,
    ...(event.versionId ? { versionId: event.versionId } : {}),
    ...(event.eTag ? { etag: event.eTag } : {}),
    ...(event.size !== undefined ? { size: event.size } : {}),
  };
}

function count(
  deps: IngestDependencies,
  outcome: EventOutcome,
  message: string,
  reason?: string,
  extra: Record<string, unknown> = {},
): EventOutcome {
  deps.metrics.addMetric(METRIC_NAMES[outcome], MetricUnit.Count, 1);
  deps.logger.info(message, { outcome, ...(reason ? { reason } : {}), ...extra });
  return outcome;
}

function isNoSuchKey(error: unknown): boolean {
  return error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NoSuchVersion');
}

const defaultClock = () => new Date();
