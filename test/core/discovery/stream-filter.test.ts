import {
  applyStreamChanges,
  batchChangesListing,
  changesListing,
  fromImage,
} from '../../../lambdas/core/discovery/stream-filter';

/** A stored article image as a DynamoDB stream delivers it. */
function image(overrides: Record<string, unknown> = {}, listed = true) {
  const base: Record<string, unknown> = {
    id: { S: 'incoming/a.html' },
    status: { S: listed ? 'published' : 'failed' },
    updatedAt: { S: '2024-05-10T10:00:00Z' },
    facts: { M: { headline: { S: 'Rates rise' }, authors: { L: [{ S: 'Ann' }, { S: 'Bo' }] } } },
    publishedUrl: { S: 'https://news.example.com/articles/a.html' },
    ...(listed
      ? { listKey: { S: 'published' }, publishedSort: { S: '2024-05-10T09:00:00.000Z#incoming/a.html' } }
      : {}),
    ...overrides,
  };
  return base as Record<string, { [type: string]: unknown }>;
}

describe('changesListing', () => {
  it('is true for a published insert and for the removal of a published item', () => {
    expect(changesListing({ eventName: 'INSERT', dynamodb: { NewImage: image() } })).toBe(true);
    expect(changesListing({ eventName: 'REMOVE', dynamodb: { OldImage: image() } })).toBe(true);
  });

  it('is true when an article leaves or enters the published list', () => {
    // GIVEN published -> removed (listKey gone) and failed -> published
    const removed = image({ status: { S: 'removed' } }, false);
    expect(changesListing({ eventName: 'MODIFY', dynamodb: { OldImage: image(), NewImage: removed } })).toBe(
      true,
    );
    expect(
      changesListing({ eventName: 'MODIFY', dynamodb: { OldImage: image({}, false), NewImage: image() } }),
    ).toBe(true);
  });

  it('is true when a listed fact changes', () => {
    const retitled = image({
      facts: { M: { headline: { S: 'Rates rise again' }, authors: { L: [{ S: 'Ann' }] } } },
    });
    expect(changesListing({ eventName: 'MODIFY', dynamodb: { OldImage: image(), NewImage: retitled } })).toBe(
      true,
    );
  });

  it('is false when only unlisted attributes change, even with map keys in another order', () => {
    // GIVEN the same facts with the map's keys reordered, and a new updatedAt and report
    const reordered = image({
      updatedAt: { S: '2024-05-10T11:00:00Z' },
      report: { M: { valid: { BOOL: true } } },
      facts: { M: { authors: { L: [{ S: 'Ann' }, { S: 'Bo' }] }, headline: { S: 'Rates rise' } } },
    });
    expect(
      changesListing({ eventName: 'MODIFY', dynamodb: { OldImage: image(), NewImage: reordered } }),
    ).toBe(false);
  });

  it('is false for failed records that were never published', () => {
    const failed = image({}, false);
    expect(changesListing({ eventName: 'INSERT', dynamodb: { NewImage: failed } })).toBe(false);
    expect(
      changesListing({
        eventName: 'MODIFY',
        dynamodb: { OldImage: failed, NewImage: image({ status: { S: 'removed' } }, false) },
      }),
    ).toBe(false);
  });

  it('is true when the stream carries no images (cannot tell)', () => {
    expect(changesListing({ eventName: 'MODIFY', dynamodb: {} })).toBe(true);
  });

  it('batchChangesListing is true when any record is', () => {
    const failed = { eventName: 'INSERT', dynamodb: { NewImage: image({}, false) } };
    expect(batchChangesListing([failed, failed])).toBe(false);
    expect(batchChangesListing([failed, { eventName: 'REMOVE', dynamodb: { OldImage: image() } }])).toBe(
      true,
    );
    expect(batchChangesListing([])).toBe(false);
  });
});

describe('applyStreamChanges', () => {
  const listed = {
    id: 'incoming/a.html',
    url: 'https://news.example.com/articles/a.html',
    headline: 'Old title',
  };
  const other = { id: 'incoming/b.html', url: 'https://news.example.com/articles/b.html' };

  it('adds or replaces articles whose new image is published, the index notwithstanding', () => {
    // GIVEN an index read that still shows the old headline and misses a new article
    const renamed = image({ facts: { M: { headline: { S: 'New title' }, wordCount: { N: '420' } } } });
    const fresh = image({
      id: { S: 'incoming/c.html' },
      publishedUrl: { S: 'https://news.example.com/c.html' },
    });
    // WHEN the batch's records are applied
    const result = applyStreamChanges(
      [listed, other],
      [
        {
          eventName: 'MODIFY',
          dynamodb: { Keys: { id: { S: 'incoming/a.html' } }, OldImage: image(), NewImage: renamed },
        },
        { eventName: 'INSERT', dynamodb: { Keys: { id: { S: 'incoming/c.html' } }, NewImage: fresh } },
      ],
    );
    // THEN the listing shows the stream's versions
    expect(result.map((article) => [article.id, article.headline])).toEqual([
      ['incoming/a.html', 'New title'],
      ['incoming/b.html', undefined],
      ['incoming/c.html', 'Rates rise'],
    ]);
    expect(result[2]?.url).toBe('https://news.example.com/c.html');
  });

  it('takes out articles removed or unpublished by the batch, and ignores records without images', () => {
    const unpublished = image({ id: { S: 'incoming/b.html' }, status: { S: 'removed' } }, false);
    const result = applyStreamChanges(
      [listed, other],
      [
        { eventName: 'REMOVE', dynamodb: { Keys: { id: { S: 'incoming/a.html' } } } },
        { eventName: 'MODIFY', dynamodb: { NewImage: unpublished } },
        { eventName: 'MODIFY', dynamodb: { Keys: { id: { S: 'incoming/z.html' } } } },
      ],
    );
    expect(result).toEqual([]);
  });
});

describe('fromImage', () => {
  it('turns stream attribute values into plain values', () => {
    expect(
      fromImage({
        s: { S: 'x' },
        n: { N: '1.5' },
        b: { BOOL: false },
        z: { NULL: true },
        l: { L: [{ S: 'a' }, { N: '2' }] },
        m: { M: { k: { SS: ['p', 'q'] } } },
        ns: { NS: ['3', '4'] },
        bin: { B: 'AAE=' },
      }),
    ).toEqual({ s: 'x', n: 1.5, b: false, z: null, l: ['a', 2], m: { k: ['p', 'q'] }, ns: [3, 4] });
  });
});
