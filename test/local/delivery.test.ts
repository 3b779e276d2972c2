/**
 * Delivery guarantees of the local runtime: retries with backoff, dead letters, and events
 * lost while the pipeline was not running. The real handler runs; failures a real server
 * cannot produce on demand (a throttled write, a crashed invocation) are forced by wrapping it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { DEFAULT_PUBLISH_BUCKET, DEFAULT_SOURCE_BUCKET, DEFAULT_TABLE_NAME } from '../../local/defaults';
import type { IngestHandler } from '../../local/delivery';
import { provisionResources, startEmulators } from '../../local/emulators';
import { createLocalS3Client } from '../../local/local-clients';
import { startLocalPipeline } from '../../local/pipeline';
import { objectsInMessage } from '../../local/s3-notification';
import { articlePage, temporaryDir } from './helpers';

const FAST = { batchWindowMs: 20, retryBaseDelayMs: 10, reconcileIntervalMs: 0, discovery: false } as const;

/** The real ingest handler, loaded after the pipeline set its environment. */
function realHandler(): IngestHandler {
  return (require('../../lambdas/handlers/ingest') as { handler: IngestHandler }).handler;
}

function keysOf(record: SQSEvent['Records'][number]): string[] {
  return objectsInMessage(record.body).map((o) => o.key);
}

describe('retries and dead letters', () => {
  const data = temporaryDir('delivery-data');
  afterAll(() => data.remove());

  it('GIVEN a message that fails twice and one that always fails WHEN delivered THEN the first is retried until published and the second is dead-lettered with its reason', async () => {
    // GIVEN: the real handler, except that 'flaky' fails its first two receives and 'poison' every one.
    const receives = new Map<string, number>();
    const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
      const failures: SQSBatchResponse['batchItemFailures'] = [];
      const passed: SQSEvent['Records'] = [];
      for (const record of event.Records) {
        const key = keysOf(record)[0] ?? '';
        receives.set(key, (receives.get(key) ?? 0) + 1);
        const forcedFailure =
          key.includes('poison') ||
          (key.includes('flaky') && Number(record.attributes.ApproximateReceiveCount) <= 2);
        if (forcedFailure) failures.push({ itemIdentifier: record.messageId });
        else passed.push(record);
      }
      const response = passed.length ? await realHandler()({ Records: passed }, context) : undefined;
      return { batchItemFailures: [...failures, ...(response?.batchItemFailures ?? [])] };
    };
    const pipeline = await startLocalPipeline({ dataDir: data.path, maxReceiveCount: 3, handler, ...FAST });
    try {
      // WHEN
      await pipeline.putSource('flaky.html', articlePage('Published on the third try'));
      await pipeline.putSource('poison.html', articlePage('Never gets through'));
      await pipeline.putSource('fine.html', articlePage('Fine the first time'));
      const summary = await pipeline.drain();

      // THEN
      expect(receives.get('incoming/flaky.html')).toBe(3);
      expect(receives.get('incoming/poison.html')).toBe(3);
      expect(receives.get('incoming/fine.html')).toBe(1);
      expect((await pipeline.record('flaky.html'))?.status).toBe('published');
      expect(await pipeline.record('poison.html')).toBeUndefined();
      expect(summary.retries).toBe(4);
      expect(summary.deadLettered.map((d) => d.key)).toEqual(['incoming/poison.html']);
      const letters = readdirSync(join(data.path, 'dead-letter'));
      expect(letters).toHaveLength(1);
      const letter = JSON.parse(readFileSync(join(data.path, 'dead-letter', letters[0] as string), 'utf8'));
      expect(letter.receiveCount).toBe(3);
      expect(letter.lastError).toMatch(/batchItemFailures/);
      expect(objectsInMessage(letter.body).map((o) => o.key)).toEqual(['incoming/poison.html']);
      const status = await (await fetch(pipeline.url)).text();
      expect(status).toContain('Dead letters (1)');
    } finally {
      await pipeline.stop();
    }
  }, 120_000);

  it('GIVEN a handler that crashes on its first invocation WHEN delivered THEN the whole batch is retried and published', async () => {
    // GIVEN
    let invocations = 0;
    const handler: IngestHandler = async (event, context) => {
      invocations += 1;
      if (invocations === 1) throw new Error('Runtime.ExitError: the function crashed');
      return realHandler()(event, context);
    };
    const dir = temporaryDir('crash-data');
    const pipeline = await startLocalPipeline({ dataDir: dir.path, handler, ...FAST });
    try {
      // WHEN
      await Promise.all(
        ['a', 'b', 'c'].map((name) => pipeline.putSource(`${name}.html`, articlePage(`Story ${name}`))),
      );
      const summary = await pipeline.drain();

      // THEN
      expect(summary.published).toBe(3);
      expect(summary.retries).toBeGreaterThanOrEqual(1);
      expect(summary.deadLettered).toEqual([]);
      expect((await pipeline.records()).map((r) => r.status)).toEqual([
        'published',
        'published',
        'published',
      ]);
    } finally {
      await pipeline.stop();
      dir.remove();
    }
  }, 120_000);
});

describe('events lost while not running', () => {
  const data = temporaryDir('lost-data');
  afterAll(() => data.remove());

  it('GIVEN objects written to the data dir by a process without the pipeline WHEN the pipeline starts THEN reconciliation delivers them', async () => {
    // GIVEN: the emulators alone (nobody listening for events) take two uploads.
    const emulators = await startEmulators({ dataDir: data.path });
    await provisionResources({
      ...emulators,
      sourceBucket: DEFAULT_SOURCE_BUCKET,
      publishBucket: DEFAULT_PUBLISH_BUCKET,
      tableName: DEFAULT_TABLE_NAME,
    });
    const s3 = createLocalS3Client(emulators.s3Endpoint);
    for (const name of ['lost one.html', 'lost-two.md']) {
      await s3.send(
        new PutObjectCommand({
          Bucket: DEFAULT_SOURCE_BUCKET,
          Key: `incoming/${name}`,
          Body: name.endsWith('.md')
            ? '# Lost story two\n\nIt was never announced, and still it was published in the end.\n'
            : articlePage('Lost story one'),
        }),
      );
    }
    s3.destroy();
    await emulators.stop();

    // WHEN
    const pipeline = await startLocalPipeline({ dataDir: data.path, ...FAST });
    try {
      const summary = await pipeline.drain();

      // THEN
      expect(summary.published).toBe(2);
      expect((await pipeline.record('lost one.html'))?.facts?.headline).toBe('Lost story one');
      expect((await pipeline.record('lost-two.md'))?.status).toBe('published');
      // Reconciling again finds nothing left to do.
      expect(await pipeline.reconcile()).toBe(0);
    } finally {
      await pipeline.stop();
    }
  }, 120_000);
});
