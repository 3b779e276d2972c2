import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, createS3Client } from '../../lambdas/adapters/clients';
import { DataDirInUseError, provisionResources, startEmulators } from '../../local/emulators';

const names = { sourceBucket: 'src', publishBucket: 'pub', tableName: 'articles' };

describe('startEmulators', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'schemapress-emulators-test-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('GIVEN a data dir WHEN the emulators restart THEN objects and items are still there', async () => {
    // GIVEN
    const first = await startEmulators({ dataDir });
    expect(first.s3Endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await provisionResources({ ...first, ...names });
    let s3 = createS3Client(first.s3Endpoint);
    let ddb = createDocumentClient(first.dynamoEndpoint);
    await s3.send(new PutObjectCommand({ Bucket: 'src', Key: 'incoming/a b.md', Body: '# Kept\n' }));
    await ddb.send(new PutCommand({ TableName: 'articles', Item: { id: 'kept', status: 'published' } }));
    s3.destroy();
    ddb.destroy();
    await first.stop();

    // WHEN
    const second = await startEmulators({ dataDir });
    try {
      await provisionResources({ ...second, ...names }); // idempotent on existing resources
      s3 = createS3Client(second.s3Endpoint);
      ddb = createDocumentClient(second.dynamoEndpoint);

      // THEN
      const object = await s3.send(new GetObjectCommand({ Bucket: 'src', Key: 'incoming/a b.md' }));
      expect(await object.Body?.transformToString()).toBe('# Kept\n');
      const item = await ddb.send(new GetCommand({ TableName: 'articles', Key: { id: 'kept' } }));
      expect(item.Item?.status).toBe('published');
    } finally {
      s3.destroy();
      ddb.destroy();
      await second.stop();
    }
  });

  it('GIVEN a data dir in use WHEN a second set starts on it THEN it refuses with a clear error', async () => {
    const running = await startEmulators({ dataDir });
    try {
      await expect(startEmulators({ dataDir })).rejects.toBeInstanceOf(DataDirInUseError);
      await expect(startEmulators({ dataDir })).rejects.toThrow(/in use by another process/);
    } finally {
      await running.stop();
    }
  });

  it('GIVEN no data dir WHEN two sets run at once THEN they use different random ports and stop cleanly', async () => {
    const [a, b] = await Promise.all([startEmulators(), startEmulators()]);
    try {
      expect(new Set([a.s3Endpoint, a.dynamoEndpoint, b.s3Endpoint, b.dynamoEndpoint]).size).toBe(4);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    // Stopping twice is harmless.
    await expect(a.stop()).resolves.toBeUndefined();
  });
});
