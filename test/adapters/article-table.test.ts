import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  articleTableDefinition,
  getArticleRecord,
  markRemoved,
  putArticleRecord,
  SEQUENCER_ATTRIBUTE,
} from '../../lambdas/adapters/article-table';
import { ARTICLE_TABLE } from '../../lambdas/contract';
import type { ArticleRecord } from '../../lambdas/core/record';
import { padSequencer } from '../../lambdas/core/s3-event';
import { useEmulators } from '../support/emulators';

const stack = useEmulators();
const now = new Date('2026-11-28T10:00:00.000Z');

function recordFor(id: string, sequencer: string, headline = `v${sequencer}`): ArticleRecord {
  return {
    id,
    status: 'published',
    source: { bucket: 'src', key: id, sequencer },
    extractorVersion: '1',
    facts: { headline },
    firstSeenAt: now.toISOString(),
    updatedAt: now.toISOString(),
    listKey: ARTICLE_TABLE.PUBLISHED_LIST,
    publishedSort: `2026-01-01T00:00:00.000Z#${id}`,
  };
}

describe('articleTableDefinition', () => {
  it('GIVEN the contract WHEN the table is defined THEN keys and the sparse index come from ARTICLE_TABLE', () => {
    const definition = articleTableDefinition('t');
    expect(definition.KeySchema).toEqual([{ AttributeName: ARTICLE_TABLE.partitionKey, KeyType: 'HASH' }]);
    expect(definition.GlobalSecondaryIndexes?.[0]).toMatchObject({
      IndexName: ARTICLE_TABLE.publishedIndex.name,
      KeySchema: [
        { AttributeName: ARTICLE_TABLE.publishedIndex.partitionKey, KeyType: 'HASH' },
        { AttributeName: ARTICLE_TABLE.publishedIndex.sortKey, KeyType: 'RANGE' },
      ],
    });
  });
});

describe('putArticleRecord', () => {
  it('GIVEN no record WHEN written THEN it is stored with its padded sequencer', async () => {
    const { ddb, tableName } = stack();
    await expect(putArticleRecord(ddb, tableName, recordFor('first', 'A1'))).resolves.toBe('written');
    const item = await ddb.send(new GetCommand({ TableName: tableName, Key: { id: 'first' } }));
    expect(item.Item?.[SEQUENCER_ATTRIBUTE]).toBe(padSequencer('A1'));
    const stored = await getArticleRecord(ddb, tableName, 'first');
    expect(stored?.record).toEqual(recordFor('first', 'A1'));
  });

  it('GIVEN a newer record WHEN an older or equal one is written THEN it is refused as stale', async () => {
    const { ddb, tableName } = stack();
    await putArticleRecord(ddb, tableName, recordFor('ordered', '0100'));
    // "FF" sorts after "0100" as a plain string but is numerically older.
    await expect(putArticleRecord(ddb, tableName, recordFor('ordered', 'FF'))).resolves.toBe('stale');
    await expect(putArticleRecord(ddb, tableName, recordFor('ordered', '0100', 'dup'))).resolves.toBe(
      'stale',
    );
    await expect(putArticleRecord(ddb, tableName, recordFor('ordered', '0101'))).resolves.toBe('written');
    expect((await getArticleRecord(ddb, tableName, 'ordered'))?.record.source.sequencer).toBe('0101');
  });

  it('GIVEN many concurrent writers WHEN they race THEN the highest sequencer wins', async () => {
    const { ddb, tableName } = stack();
    const sequencers = Array.from({ length: 40 }, (_, index) => `${((index * 7919) % 40).toString(16)}A`);
    await Promise.all(
      sequencers.map((sequencer) => putArticleRecord(ddb, tableName, recordFor('race', sequencer))),
    );
    const highest = [...sequencers].sort((a, b) => Number.parseInt(a, 16) - Number.parseInt(b, 16)).at(-1);
    expect((await getArticleRecord(ddb, tableName, 'race'))?.record.source.sequencer).toBe(highest);
  });
});

describe('markRemoved', () => {
  it('GIVEN a published record WHEN a newer removal is applied THEN it is removed and leaves the index', async () => {
    const { ddb, tableName } = stack();
    const previous = recordFor('gone', '10');
    await putArticleRecord(ddb, tableName, previous);
    const outcome = await markRemoved(ddb, tableName, {
      id: 'gone',
      source: { bucket: 'src', key: 'gone', sequencer: '11' },
      extractorVersion: '1',
      previous,
      now,
    });
    expect(outcome).toBe('written');
    const stored = await getArticleRecord(ddb, tableName, 'gone');
    expect(stored?.record.status).toBe('removed');
    expect(stored?.record.listKey).toBeUndefined();
    expect(stored?.record.publishedSort).toBeUndefined();
  });

  it('GIVEN no record WHEN a removal arrives first THEN a tombstone stops the older creation', async () => {
    const { ddb, tableName } = stack();
    await markRemoved(ddb, tableName, {
      id: 'early-delete',
      source: { bucket: 'src', key: 'early-delete', sequencer: '20' },
      extractorVersion: '1',
      now,
    });
    await expect(putArticleRecord(ddb, tableName, recordFor('early-delete', '1F'))).resolves.toBe('stale');
    expect((await getArticleRecord(ddb, tableName, 'early-delete'))?.record.status).toBe('removed');
  });
});
