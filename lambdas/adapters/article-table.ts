/**
 * The article table: one item per source object (see lambdas/core/record.ts), plus the padded
 * sequencer of the event that last wrote it. Every write is conditional on that sequencer, so
 * the newest S3 event always wins, even when older events are delivered later or concurrently.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ARTICLE_TABLE } from '../contract';
import { buildRemovedRecord } from '../core/article-record';
import type { ArticleRecord, SourceObjectRef } from '../core/record';
import { padSequencer } from '../core/s3-event';

/**
 * Item attribute holding `padSequencer(source.sequencer)`: fixed-width upper-case hex, so
 * DynamoDB's string `<` in a condition expression orders events like their numeric value.
 */
export const SEQUENCER_ATTRIBUTE = 'sequencerSort';

export type WriteOutcome = 'written' | 'stale';

export interface StoredArticle {
  readonly record: ArticleRecord;
  /** Padded sequencer of the event that wrote the record. */
  readonly sequencer: string;
}

/** The CreateTable input for the article table, from ARTICLE_TABLE (used by the local emulators). */
export function articleTableDefinition(tableName: string): CreateTableCommandInput {
  const { partitionKey, publishedIndex } = ARTICLE_TABLE;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: partitionKey, AttributeType: 'S' },
      { AttributeName: publishedIndex.partitionKey, AttributeType: 'S' },
      { AttributeName: publishedIndex.sortKey, AttributeType: 'S' },
    ],
    KeySchema: [{ AttributeName: partitionKey, KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [
      {
        IndexName: publishedIndex.name,
        KeySchema: [
          { AttributeName: publishedIndex.partitionKey, KeyType: 'HASH' },
          { AttributeName: publishedIndex.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}

/** Reads one record (strongly consistent: the stale-event check must see the latest write). */
export async function getArticleRecord(
  ddb: DynamoDBDocumentClient,
  tableName: string,
  id: string,
): Promise<StoredArticle | undefined> {
  const response = await ddb.send(
    new GetCommand({ TableName: tableName, Key: { [ARTICLE_TABLE.partitionKey]: id }, ConsistentRead: true }),
  );
  if (!response.Item) return undefined;
  const { [SEQUENCER_ATTRIBUTE]: sequencer, ...record } = response.Item;
  return {
    record: record as ArticleRecord,
    sequencer:
      typeof sequencer === 'string' ? sequencer : padSequencer((record as ArticleRecord).source.sequencer),
  };
}

/**
 * Writes a record unless the table already holds one from the same or a newer event.
 * Returns 'stale' when the condition fails (a duplicate or an out-of-order delivery).
 */
export async function putArticleRecord(
  ddb: DynamoDBDocumentClient,
  tableName: string,
  record: ArticleRecord,
): Promise<WriteOutcome> {
  try {
    await ddb.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...record, [SEQUENCER_ATTRIBUTE]: padSequencer(record.source.sequencer) },
        ConditionExpression: 'attribute_not_exists(#id) OR #sequencer < :sequencer',
        ExpressionAttributeNames: { '#id': ARTICLE_TABLE.partitionKey, '#sequencer': SEQUENCER_ATTRIBUTE },
        ExpressionAttributeValues: { ':sequencer': padSequencer(record.source.sequencer) },
      }),
    );
    return 'written';
  } catch (error) {
    if (isConditionalCheckFailed(error)) return 'stale';
    throw error;
  }
}

export interface RemovalRequest {
  readonly id: string;
  readonly source: SourceObjectRef;
  readonly extractorVersion: string;
  /** The record before the removal, if any (keeps firstSeenAt and the facts for history). */
  readonly previous?: ArticleRecord;
  readonly now: Date;
}

/**
 * Marks an article removed (status `removed`, out of the published index). With no previous
 * record it writes a tombstone, so an older create delivered later cannot resurrect the article.
 */
export function markRemoved(
  ddb: DynamoDBDocumentClient,
  tableName: string,
  request: RemovalRequest,
): Promise<WriteOutcome> {
  return putArticleRecord(ddb, tableName, buildRemovedRecord(request));
}

export function isConditionalCheckFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}
