/**
 * Startup (and periodic) reconciliation between the source bucket and the article table:
 * the safety net under event delivery. An object whose event never made it into the queue
 * (the process died between the upload and the enqueue, or s3rver emitted none, as for
 * multi-object deletes) is found here and its event delivered again.
 */

import type { ArticleRecord } from '../lambdas/core/record';
import { compareSequencers, skipReasonFor } from '../lambdas/core/s3-event';
import type { ListedObject } from './local-clients';
import { stripQuotes } from './s3-notification';

export interface ReconcileInput {
  readonly sourceBucket: string;
  readonly sourcePrefix: string;
  readonly acceptedSuffixes: readonly string[];
  /** Every object under the source prefix. */
  readonly objects: readonly ListedObject[];
  readonly records: readonly ArticleRecord[];
  /** Keys with a message waiting or in flight: their event is on its way already. */
  readonly pendingKeys: ReadonlySet<string>;
}

export interface ReconcilePlan {
  /** Objects with no record, a removed record, or a record of other bytes (ETag differs). */
  readonly created: readonly ListedObject[];
  /** Keys whose record is live but whose object is gone. */
  readonly removed: readonly string[];
}

/**
 * Decides which events to deliver again.
 *
 * Steps:
 * 1. Ignore keys that have an event pending, and objects the handler would skip anyway.
 * 2. An object is new or changed when its record is missing, marked removed, or names another ETag.
 * 3. A record is orphaned when it is not removed and its source object is gone.
 */
export function planReconciliation(input: ReconcileInput): ReconcilePlan {
  const recordsByKey = new Map<string, ArticleRecord>();
  for (const record of input.records) {
    if (record.source?.bucket !== input.sourceBucket) continue;
    const known = recordsByKey.get(record.source.key);
    if (!known || compareSequencers(known.source.sequencer, record.source.sequencer) < 0) {
      recordsByKey.set(record.source.key, record);
    }
  }
  const objectKeys = new Set(input.objects.map((o) => o.key));

  const created = input.objects.filter((object) => {
    if (input.pendingKeys.has(object.key)) return false;
    if (skipReasonFor(object.key, input.sourcePrefix, input.acceptedSuffixes) !== undefined) return false;
    const record = recordsByKey.get(object.key);
    if (!record || record.status === 'removed') return true;
    const recordedETag = record.source.etag ? stripQuotes(record.source.etag) : undefined;
    return recordedETag !== undefined && recordedETag !== object.eTag;
  });

  const removed = [...recordsByKey.values()]
    .filter(
      (record) =>
        record.status !== 'removed' &&
        record.source.key.startsWith(input.sourcePrefix) &&
        !objectKeys.has(record.source.key) &&
        !input.pendingKeys.has(record.source.key),
    )
    .map((record) => record.source.key);

  return { created, removed };
}
