import type { ArticleRecord } from '../../lambdas/core/record';
import { planReconciliation } from '../../local/reconcile';

const BUCKET = 'source';

function record(key: string, status: ArticleRecord['status'], etag: string, sequencer = '01'): ArticleRecord {
  return {
    id: key,
    status,
    source: { bucket: BUCKET, key, etag, sequencer },
    extractorVersion: 'test',
    firstSeenAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
  };
}

const plan = (input: Partial<Parameters<typeof planReconciliation>[0]>) =>
  planReconciliation({
    sourceBucket: BUCKET,
    sourcePrefix: 'incoming/',
    acceptedSuffixes: ['.html', '.md'],
    objects: [],
    records: [],
    pendingKeys: new Set(),
    ...input,
  });

describe('planReconciliation', () => {
  it('GIVEN objects without records, with other bytes, or re-uploaded after removal WHEN planned THEN they are delivered again', () => {
    const result = plan({
      objects: [
        { key: 'incoming/new.html', eTag: 'n', size: 1 },
        { key: 'incoming/changed.html', eTag: 'v2', size: 1 },
        { key: 'incoming/same.html', eTag: 's', size: 1 },
        { key: 'incoming/back.html', eTag: 'b', size: 1 },
      ],
      records: [
        record('incoming/changed.html', 'published', '"v1"'),
        record('incoming/same.html', 'failed', '"s"'),
        record('incoming/back.html', 'removed', 'b'),
      ],
    });
    expect(result.created.map((o) => o.key)).toEqual([
      'incoming/new.html',
      'incoming/changed.html',
      'incoming/back.html',
    ]);
    expect(result.removed).toEqual([]);
  });

  it('GIVEN live records whose object is gone WHEN planned THEN their removal is delivered; removed ones are left', () => {
    const result = plan({
      records: [record('incoming/gone.html', 'published', 'g'), record('incoming/old.html', 'removed', 'o')],
    });
    expect(result.removed).toEqual(['incoming/gone.html']);
  });

  it('GIVEN keys with an event pending, or files the handler skips WHEN planned THEN nothing is sent for them', () => {
    const result = plan({
      objects: [
        { key: 'incoming/pending.html', eTag: 'p', size: 1 },
        { key: 'incoming/notes.csv', eTag: 'c', size: 1 },
      ],
      records: [record('incoming/pending-removal.html', 'published', 'x')],
      pendingKeys: new Set(['incoming/pending.html', 'incoming/pending-removal.html']),
    });
    expect(result).toEqual({ created: [], removed: [] });
  });
});
