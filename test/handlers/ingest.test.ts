/**
 * The ingest handler against real s3rver + dynalite with the real SDK v3 clients, driven by
 * SQS events carrying real-format S3 notifications.
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSRecord } from 'aws-lambda';
import { getArticleRecord, putArticleRecord } from '../../lambdas/adapters/article-table';
import { s3Client } from '../../lambdas/adapters/clients';
import { logger } from '../../lambdas/adapters/powertools';
import { ARTICLE_TABLE, ENV } from '../../lambdas/contract';
import type { ArticleRecord } from '../../lambdas/core/record';
import { parseNotificationBody } from '../../lambdas/core/s3-event';
import { handler, ingestDependenciesFromEnv } from '../../lambdas/handlers/ingest';
import { ingestObjectEvent } from '../../lambdas/handlers/ingest-record';
import { useEmulators } from '../support/emulators';
import {
  lambdaContext,
  type ObjectEventSpec,
  s3EventRecord,
  s3TestEventBody,
  sequencerSource,
  sqsEvent,
  sqsMessage,
  sqsMessageWithBody,
} from '../support/s3-events';

const stack = useEmulators();
const nextSequencer = sequencerSource();

beforeAll(() => logger.setLogLevel('SILENT'));

/** A news page written for these tests, modelled on a typical CMS article. */
function articlePage(headline: string, paragraphs: readonly string[] = [], extraBody = ''): string {
  const body = (
    paragraphs.length > 0 ? paragraphs : [`${headline}: the full story, reported from the harbour.`]
  )
    .map((paragraph) => `<p>${paragraph}</p>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${headline} | Coast Courier</title>
<meta name="description" content="Summary of ${headline}.">
<meta name="author" content="Ana Ruiz">
<meta property="article:published_time" content="2026-11-20T09:00:00Z">
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/local">Local</a></nav></header>
<article>
<h1>${headline}</h1>
<p class="byline">By Ana Ruiz, 20 November 2026</p>
${body}
${extraBody}
</article>
<footer>© Coast Courier</footer>
</body>
</html>`;
}

/** Puts a source object and returns the event spec describing it. */
async function dropFile(
  key: string,
  content: string | Uint8Array,
  sequencer = nextSequencer(),
): Promise<ObjectEventSpec> {
  const { s3, sourceBucket } = stack();
  const body = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const put = await s3.send(new PutObjectCommand({ Bucket: sourceBucket, Key: key, Body: body }));
  return { bucket: sourceBucket, key, size: body.byteLength, eTag: put.ETag?.replaceAll('"', ''), sequencer };
}

async function deliver(...messages: SQSRecord[]) {
  return handler(sqsEvent(...messages), lambdaContext());
}

async function recordOf(key: string): Promise<ArticleRecord | undefined> {
  const { ddb, tableName } = stack();
  return (await getArticleRecord(ddb, tableName, key))?.record;
}

async function publishedPage(key: string): Promise<string | undefined> {
  const { s3, publishBucket } = stack();
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: publishBucket, Key: key }));
    return await object.Body?.transformToString();
  } catch (error) {
    if (error instanceof Error && error.name === 'NoSuchKey') return undefined;
    throw error;
  }
}

async function pageExists(key: string): Promise<boolean> {
  const { s3, publishBucket } = stack();
  try {
    await s3.send(new HeadObjectCommand({ Bucket: publishBucket, Key: key }));
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'NotFound') return false;
    throw error;
  }
}

describe('ingest handler: publishing', () => {
  it('GIVEN an HTML article WHEN its creation event arrives THEN the page and the record are written', async () => {
    // GIVEN
    const html = articlePage('Harbour closes after storm', [
      'The harbour closed on Tuesday after a storm damaged the outer wall, officials said.',
      'Repairs are expected to take several weeks, and ferries will use the northern pier meanwhile.',
    ]);
    const spec = await dropFile('incoming/local/harbour-closes.html', html);

    // WHEN
    const response = await deliver(sqsMessage([s3EventRecord(spec)]));

    // THEN
    expect(response.batchItemFailures).toEqual([]);
    const record = await recordOf('incoming/local/harbour-closes.html');
    expect(record).toMatchObject({
      status: 'published',
      publishedKey: 'articles/local/harbour-closes.html',
      publishedUrl: 'https://news.example.test/articles/local/harbour-closes.html',
      contentHash: createHash('sha256').update(html).digest('hex'),
      listKey: ARTICLE_TABLE.PUBLISHED_LIST,
      source: {
        bucket: stack().sourceBucket,
        key: 'incoming/local/harbour-closes.html',
        sequencer: spec.sequencer,
      },
    });
    expect(record?.facts?.headline).toContain('Harbour closes after storm');
    expect(record?.publishedSort).toMatch(/#incoming\/local\/harbour-closes\.html$/);
    expect(record?.jsonld).toContain('NewsArticle');
    expect(record?.jsonld).not.toContain('articleBody');
    expect(record?.firstSeenAt).toBe(record?.updatedAt);

    const page = await publishedPage('articles/local/harbour-closes.html');
    expect(page).toContain('application/ld+json');
    expect(page).toContain('NewsArticle');
    expect(page).toContain('The harbour closed on Tuesday');
  });

  it.each([
    ['spaces', 'incoming/world news/storm over the bay.md', 'articles/world news/storm over the bay.md.html'],
    ['a plus sign', 'incoming/c++ and a+b.md', 'articles/c++ and a+b.md.html'],
    ['unicode', 'incoming/café/日本 — ñandú.md', 'articles/café/日本 — ñandú.md.html'],
  ])(
    'GIVEN a key with %s WHEN the URL-encoded event arrives THEN the decoded key is read and published',
    async (_, key, published) => {
      const spec = await dropFile(
        key,
        '# Storm over the bay\n\nThe bay was closed to boats on Sunday as winds rose.\n',
      );

      const response = await deliver(sqsMessage([s3EventRecord(spec)]));

      expect(response.batchItemFailures).toEqual([]);
      expect(await recordOf(key)).toMatchObject({ id: key, status: 'published', publishedKey: published });
      expect(await publishedPage(published)).toContain('application/ld+json');
    },
  );

  it('GIVEN a Markdown file WHEN published THEN the record URL percent-encodes the key', async () => {
    const spec = await dropFile(
      'incoming/a b.md',
      '# A title\n\nSome words about the town fair this weekend.\n',
    );
    await deliver(sqsMessage([s3EventRecord(spec)]));
    expect((await recordOf('incoming/a b.md'))?.publishedUrl).toBe(
      'https://news.example.test/articles/a%20b.md.html',
    );
  });
  it('GIVEN an HTML file and a Markdown file of the same name WHEN both are published THEN each keeps its own page', async () => {
    // GIVEN
    const html = await dropFile('incoming/twin.html', articlePage('The HTML twin'));
    const markdown = await dropFile(
      'incoming/twin.md',
      '# The Markdown twin\n\nIts own text, on its own page.\n',
    );

    // WHEN
    const response = await deliver(sqsMessage([s3EventRecord(html)]), sqsMessage([s3EventRecord(markdown)]));

    // THEN
    expect(response.batchItemFailures).toEqual([]);
    expect((await recordOf('incoming/twin.html'))?.publishedKey).toBe('articles/twin.html');
    expect((await recordOf('incoming/twin.md'))?.publishedKey).toBe('articles/twin.md.html');
    expect(await publishedPage('articles/twin.html')).toContain('The HTML twin');
    expect(await publishedPage('articles/twin.md.html')).toContain('Its own text, on its own page.');
  });
});

describe('ingest handler: at-least-once and out-of-order delivery', () => {
  it('GIVEN an event already applied WHEN it is delivered again THEN nothing changes', async () => {
    // GIVEN
    const key = 'incoming/duplicate.html';
    const spec = await dropFile(key, articlePage('First version of the story'));
    await deliver(sqsMessage([s3EventRecord(spec)]));
    const before = await recordOf(key);
    const pageBefore = await publishedPage('articles/duplicate.html');
    // The object changes without a new event reaching us yet: a reprocessing would show.
    await dropFile(key, articlePage('Second version of the story'));

    // WHEN
    const response = await deliver(sqsMessage([s3EventRecord(spec)]));

    // THEN
    expect(response.batchItemFailures).toEqual([]);
    const after = await recordOf(key);
    expect(after).toEqual(before);
    expect(after?.updatedAt).toBe(before?.updatedAt);
    expect(await publishedPage('articles/duplicate.html')).toBe(pageBefore);
  });

  it('GIVEN a newer event applied WHEN an older one arrives THEN neither table nor bucket change', async () => {
    // GIVEN: two writes; the second event is delivered first.
    const key = 'incoming/out-of-order.html';
    const older = await dropFile(key, articlePage('Older headline'));
    const newer = await dropFile(key, articlePage('Newer headline'));
    await deliver(sqsMessage([s3EventRecord(newer)]));
    const before = await recordOf(key);
    const pageBefore = await publishedPage('articles/out-of-order.html');
    expect(pageBefore).toContain('Newer headline');

    // WHEN: the older event arrives late (the object meanwhile holds yet other content).
    await dropFile(key, articlePage('Content the stale event must not publish'), older.sequencer);
    const response = await deliver(sqsMessage([s3EventRecord(older)]));

    // THEN
    expect(response.batchItemFailures).toEqual([]);
    expect(await recordOf(key)).toEqual(before);
    expect(await publishedPage('articles/out-of-order.html')).toBe(pageBefore);
  });

  it('GIVEN sequencers of different lengths WHEN the longer, numerically newer one came first THEN the shorter is stale', async () => {
    const key = 'incoming/sequencer-lengths.md';
    const newer = await dropFile(key, '# Newer\n\nNewer text of the article body.\n', '0100000000000000000');
    await deliver(sqsMessage([s3EventRecord(newer)]));
    const older = await dropFile(key, '# Older\n\nOlder text of the article body.\n', 'FFFFFFFFFFFFFFFF');
    await deliver(sqsMessage([s3EventRecord(older)]));
    expect((await recordOf(key))?.source.sequencer).toBe('0100000000000000000');
    expect(await publishedPage('articles/sequencer-lengths.md.html')).toContain('Newer');
  });

  it('GIVEN two events for one key in one batch, newest first WHEN delivered THEN the newest wins', async () => {
    const key = 'incoming/same-batch.md';
    const first = await dropFile(key, '# One\n\nThe first text of the story.\n');
    const second = await dropFile(key, '# Two\n\nThe second text of the story.\n');
    await deliver(sqsMessage([s3EventRecord(second)]), sqsMessage([s3EventRecord(first)]));
    expect((await recordOf(key))?.source.sequencer).toBe(second.sequencer);
  });
});

describe('ingest handler: bad input is recorded, not retried', () => {
  it('GIVEN an object over the size limit WHEN its event arrives THEN it is refused from the event size, unread', async () => {
    // GIVEN: no object exists at all; reading it would end as "skipped", not as "failed".
    const { sourceBucket } = stack();
    const key = 'incoming/oversized.html';
    process.env[ENV.MAX_OBJECT_BYTES] = '1024';
    try {
      // WHEN
      const message = sqsMessage([
        s3EventRecord({ bucket: sourceBucket, key, size: 50_000, sequencer: nextSequencer() }),
      ]);
      const response = await deliver(message);

      // THEN
      expect(response.batchItemFailures).toEqual([]);
      expect(await recordOf(key)).toMatchObject({ status: 'failed', error: { code: 'INPUT_TOO_LARGE' } });
      expect((await recordOf(key))?.error?.message).toContain('50000');
    } finally {
      delete process.env[ENV.MAX_OBJECT_BYTES];
    }
  });

  it('GIVEN a binary file WHEN its event arrives THEN the record fails with the reason and the message is acknowledged', async () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0,
    ]);
    const spec = await dropFile('incoming/photo.html', png);

    const response = await deliver(sqsMessage([s3EventRecord(spec)]));

    expect(response.batchItemFailures).toEqual([]);
    const record = await recordOf('incoming/photo.html');
    expect(record).toMatchObject({ status: 'failed', error: { code: 'BINARY_INPUT' } });
    expect(record?.error?.message).toMatch(/not text/);
    expect(record?.listKey).toBeUndefined();
    expect(await pageExists('articles/photo.html')).toBe(false);
  });

  it('GIVEN an empty file WHEN its event arrives THEN the record fails as EMPTY_INPUT', async () => {
    const spec = await dropFile('incoming/empty.md', '');
    const response = await deliver(sqsMessage([s3EventRecord(spec)]));
    expect(response.batchItemFailures).toEqual([]);
    expect(await recordOf('incoming/empty.md')).toMatchObject({
      status: 'failed',
      error: { code: 'EMPTY_INPUT' },
    });
  });

  it('GIVEN a published article WHEN a newer version is not text THEN it fails and its page is withdrawn', async () => {
    // GIVEN
    const key = 'incoming/broken-later.html';
    const first = await deliver(
      sqsMessage([s3EventRecord(await dropFile(key, articlePage('Fine at first')))]),
    );
    expect(first.batchItemFailures).toEqual([]);
    expect(await pageExists('articles/broken-later.html')).toBe(true);
    const firstSeenAt = (await recordOf(key))?.firstSeenAt;

    // WHEN: the object is overwritten with an image (unambiguously binary: a few stray control
    // bytes would be tolerated as text). The read right after the PUT must see the new bytes
    // (local/s3rver-durable-writes.ts: s3rver used to answer the PUT before writing them).
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    const binary = await dropFile(key, png);
    const response = await deliver(sqsMessage([s3EventRecord(binary)]));

    // THEN: a bad file is recorded and acknowledged, never retried.
    expect(response.batchItemFailures).toEqual([]);
    const record = await recordOf(key);
    expect(record?.source.sequencer).toBe(binary.sequencer);
    expect(record).toMatchObject({ status: 'failed', firstSeenAt, error: { code: 'BINARY_INPUT' } });
    expect(record?.listKey).toBeUndefined();
    expect(await pageExists('articles/broken-later.html')).toBe(false);
  });
});

describe('ingest handler: the time budget of a page', () => {
  it('GIVEN a page still processing when its time budget ends WHEN its event arrives THEN it is recorded as PAGE_TOO_COMPLEX and the batch goes on', async () => {
    // GIVEN a published article, and then a budget far too short for a long page
    const kept = 'incoming/budget-neighbour.html';
    await deliver(sqsMessage([s3EventRecord(await dropFile(kept, articlePage('Neighbour story')))]));
    expect(await recordOf(kept)).toMatchObject({ status: 'published' });
    const longKey = 'incoming/budget-long.html';
    const longPage = articlePage(
      'A very long page',
      // Far beyond 5 ms, yet well inside the default budget even on a loaded machine.
      Array.from({ length: 2_000 }, (_, i) => `Paragraph ${i} of the very long page.`),
    );
    const longSpec = await dropFile(longKey, longPage);
    const removal = s3EventRecord({
      bucket: stack().sourceBucket,
      key: kept,
      sequencer: nextSequencer(),
      eventName: 'ObjectRemoved:Delete',
    });
    process.env[ENV.PAGE_TIME_BUDGET_MS] = '5';
    try {
      // WHEN the long page and a removal arrive in one batch
      const response = await deliver(sqsMessage([s3EventRecord(longSpec)]), sqsMessage([removal]));

      // THEN the long page is refused for its time, acknowledged, and the removal still applied
      expect(response.batchItemFailures).toEqual([]);
      const record = await recordOf(longKey);
      expect(record).toMatchObject({ status: 'failed', error: { code: 'PAGE_TOO_COMPLEX' } });
      expect(record?.error?.message).toContain('time budget of 5 ms');
      expect(await recordOf(kept)).toMatchObject({ status: 'removed' });
    } finally {
      delete process.env[ENV.PAGE_TIME_BUDGET_MS];
    }

    // AND with the default budget, the next version of the page is published by a new worker
    const retry = await deliver(sqsMessage([s3EventRecord(await dropFile(longKey, longPage))]));
    expect(retry.batchItemFailures).toEqual([]);
    expect(await recordOf(longKey)).toMatchObject({ status: 'published' });
  });
});

describe('ingest handler: removal', () => {
  it('GIVEN a published article WHEN its removal event arrives THEN the record is removed and the page deleted', async () => {
    // GIVEN
    const key = 'incoming/retracted.html';
    const created = await dropFile(key, articlePage('A story later retracted'));
    await deliver(sqsMessage([s3EventRecord(created)]));
    expect(await pageExists('articles/retracted.html')).toBe(true);

    // WHEN
    const removal = {
      bucket: stack().sourceBucket,
      key,
      eventName: 'ObjectRemoved:Delete',
      sequencer: nextSequencer(),
    };
    const response = await deliver(sqsMessage([s3EventRecord(removal)]));

    // THEN
    expect(response.batchItemFailures).toEqual([]);
    const record = await recordOf(key);
    expect(record?.status).toBe('removed');
    expect(record?.listKey).toBeUndefined();
    expect(record?.publishedSort).toBeUndefined();
    expect(await pageExists('articles/retracted.html')).toBe(false);
  });

  it('GIVEN a published article WHEN an older removal arrives late THEN the page and record stay', async () => {
    const key = 'incoming/recreated.html';
    const removal = {
      bucket: stack().sourceBucket,
      key,
      eventName: 'ObjectRemoved:Delete',
      sequencer: nextSequencer(),
    };
    await deliver(sqsMessage([s3EventRecord(await dropFile(key, articlePage('Recreated after deletion')))]));

    await deliver(sqsMessage([s3EventRecord(removal)]));

    expect((await recordOf(key))?.status).toBe('published');
    expect(await pageExists('articles/recreated.html')).toBe(true);
  });
});

describe('ingest handler: what is not an article', () => {
  it('GIVEN the s3:TestEvent, a garbage body and keys outside the prefix or suffixes WHEN delivered THEN all are acknowledged and nothing is written', async () => {
    const { sourceBucket, ddb, tableName } = stack();
    const outside = await dropFile('drafts/not-yet.html', articlePage('Draft'));
    const wrongSuffix = await dropFile('incoming/photo.jpg', articlePage('Not an article type'));

    const response = await deliver(
      sqsMessageWithBody(s3TestEventBody(sourceBucket)),
      sqsMessageWithBody('{"not":"an S3 event"'),
      sqsMessage([s3EventRecord(outside), s3EventRecord(wrongSuffix)]),
    );

    expect(response.batchItemFailures).toEqual([]);
    for (const id of ['drafts/not-yet.html', 'incoming/photo.jpg']) {
      expect((await ddb.send(new GetCommand({ TableName: tableName, Key: { id } }))).Item).toBeUndefined();
    }
  });
});

describe('ingest handler: transient failures', () => {
  it('GIVEN S3 throttles one read WHEN a batch is processed THEN only that message is reported, and a retry succeeds', async () => {
    // GIVEN: a real server cannot be made to throttle on demand, so the handler's shared client
    // gets a middleware throwing one ThrottlingException for one key (before the SDK's retries).
    const throttled = await dropFile(
      'incoming/throttled.md',
      '# Throttled\n\nThe text of the throttled article.\n',
    );
    const fine = await dropFile('incoming/fine.md', '# Fine\n\nThe text of the other article.\n');
    let throttles = 1;
    const client = s3Client();
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { Key?: string };
        if (context.commandName === 'GetObjectCommand' && input.Key === throttled.key && throttles-- > 0) {
          throw Object.assign(new Error('Rate exceeded'), {
            name: 'ThrottlingException',
            $fault: 'client',
            $metadata: { httpStatusCode: 400 },
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'testThrottleOnce' },
    );
    const throttledMessage = sqsMessage([s3EventRecord(throttled)]);
    const fineMessage = sqsMessage([s3EventRecord(fine)]);

    try {
      // WHEN
      const response = await deliver(throttledMessage, fineMessage);

      // THEN
      expect(response.batchItemFailures).toEqual([{ itemIdentifier: throttledMessage.messageId }]);
      expect(await recordOf('incoming/throttled.md')).toBeUndefined();
      expect((await recordOf('incoming/fine.md'))?.status).toBe('published');

      // WHEN SQS redelivers the failed message
      const retry = await deliver(throttledMessage);

      // THEN
      expect(retry.batchItemFailures).toEqual([]);
      expect((await recordOf('incoming/throttled.md'))?.status).toBe('published');
    } finally {
      client.middlewareStack.remove('testThrottleOnce');
    }
  });
});

describe('ingest handler: item size', () => {
  it('GIVEN a huge page WHEN published THEN the record item stays well under 400 KB', async () => {
    // GIVEN: ~600 KB of article text (the body alone would not fit in an item) and a hostile-sized title.
    const paragraph = 'The council met for eleven hours to debate the harbour budget, line by line. '.repeat(
      20,
    );
    const paragraphs = Array.from({ length: 400 }, (_, index) => `${index}. ${paragraph}`);
    const longTitle = `Budget marathon ${'very '.repeat(5000)}long`;
    const spec = await dropFile('incoming/huge.html', articlePage(longTitle, paragraphs));
    expect(spec.size).toBeGreaterThan(500_000);

    // WHEN
    const response = await deliver(sqsMessage([s3EventRecord(spec)]));

    // THEN
    expect(response.batchItemFailures).toEqual([]);
    const { ddb, tableName } = stack();
    const item = (await ddb.send(new GetCommand({ TableName: tableName, Key: { id: 'incoming/huge.html' } })))
      .Item;
    expect(item?.status).toBe('published');
    expect(Buffer.byteLength(JSON.stringify(item))).toBeLessThan(400 * 1024);
    expect(await publishedPage('articles/huge.html')).toContain('399. The council met');
  });
});

describe('ingestObjectEvent: concurrent deliveries', () => {
  it('GIVEN a newer event is applied while an older one is processing WHEN the older one writes THEN the newer record stays', async () => {
    // GIVEN: while the older event is being processed, another instance applies a newer event
    // (a direct conditional table write, as that instance would do) just before our page write.
    const { ddb, tableName, sourceBucket } = stack();
    const key = 'incoming/racing.md';
    const older = await dropFile(key, '# Racing\n\nThe older text of the racing article.\n');
    const newerSequencer = nextSequencer();
    const deps = ingestDependenciesFromEnv();
    const s3WithConcurrentWriter = {
      send: async (command: Parameters<S3Client['send']>[0]) => {
        if (command instanceof PutObjectCommand) {
          await putArticleRecord(ddb, tableName, {
            id: key,
            status: 'removed',
            source: { bucket: sourceBucket, key, sequencer: newerSequencer },
            extractorVersion: 'other-instance',
            firstSeenAt: new Date().toISOString(),
            updatedAt: new Date().toISOString(),
          });
        }
        return deps.s3.send(command);
      },
    } as S3Client;
    const body = parseNotificationBody(JSON.stringify({ Records: [s3EventRecord(older)] }));
    const event = body.kind === 'records' ? body.events[0] : undefined;
    if (!event) throw new Error('The fixture event did not parse.');

    // WHEN
    const outcome = await ingestObjectEvent(event, { ...deps, s3: s3WithConcurrentWriter });

    // THEN
    expect(outcome).toBe('stale');
    const record = await recordOf(key);
    expect(record?.source.sequencer).toBe(newerSequencer);
    expect(record?.extractorVersion).toBe('other-instance');
    // The removal recorded by the other instance wins in the bucket too: our page was withdrawn.
    expect(await pageExists('articles/racing.md.html')).toBe(false);
  });

  it('GIVEN a newer version is published while an older one is processing WHEN the older page lands THEN the newer page is restored', async () => {
    // GIVEN: another instance stores a newer version and its record just before our (older) page write.
    const { ddb, tableName, sourceBucket, s3 } = stack();
    const key = 'incoming/racing-versions.md';
    const newerText = '# Newer version\n\nThe newer text must end up on the page.\n';
    const older = await dropFile(key, '# Older version\n\nThe older text must not stay on the page.\n');
    const newerSequencer = nextSequencer();
    const deps = ingestDependenciesFromEnv();
    let interfered = false;
    const s3WithConcurrentWriter = {
      send: async (command: Parameters<S3Client['send']>[0]) => {
        if (command instanceof PutObjectCommand && !interfered) {
          interfered = true;
          await s3.send(new PutObjectCommand({ Bucket: sourceBucket, Key: key, Body: newerText }));
          await putArticleRecord(ddb, tableName, {
            id: key,
            status: 'published',
            source: { bucket: sourceBucket, key, sequencer: newerSequencer },
            contentHash: createHash('sha256').update(newerText).digest('hex'),
            extractorVersion: 'other-instance',
            firstSeenAt: new Date().toISOString(),
            updatedAt: new Date().toISOString(),
          });
        }
        return deps.s3.send(command);
      },
    } as S3Client;
    const body = parseNotificationBody(JSON.stringify({ Records: [s3EventRecord(older)] }));
    const event = body.kind === 'records' ? body.events[0] : undefined;
    if (!event) throw new Error('The fixture event did not parse.');

    // WHEN
    const outcome = await ingestObjectEvent(event, { ...deps, s3: s3WithConcurrentWriter });

    // THEN
    expect(outcome).toBe('stale');
    expect((await recordOf(key))?.source.sequencer).toBe(newerSequencer);
    const page = await publishedPage('articles/racing-versions.md.html');
    expect(page).toContain('The newer text must end up on the page.');
    expect(page).not.toContain('older text');
  });
});

describe('ingest handler: configuration', () => {
  it('GIVEN a required variable is missing WHEN invoked THEN it fails with an error naming the variable', async () => {
    const saved = process.env[ENV.SITE_URL];
    delete process.env[ENV.SITE_URL];
    try {
      const spec = await dropFile(
        'incoming/unconfigured.md',
        '# Unconfigured\n\nText of the unconfigured article.\n',
      );
      await expect(deliver(sqsMessage([s3EventRecord(spec)]))).rejects.toThrow(
        /SCHEMAPRESS_SITE_URL is not set/,
      );
      expect(await recordOf('incoming/unconfigured.md')).toBeUndefined();
    } finally {
      process.env[ENV.SITE_URL] = saved;
    }
  });
});
