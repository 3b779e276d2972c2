import { createHash } from 'node:crypto';
import fs, { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
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

describe('startEmulators: s3rver writes', () => {
  const DISK_DELAY_MS = 300;
  let emulators: Awaited<ReturnType<typeof startEmulators>>;
  let s3: ReturnType<typeof createS3Client>;
  beforeAll(async () => {
    emulators = await startEmulators();
    await provisionResources({ ...emulators, ...names });
    s3 = createS3Client(emulators.s3Endpoint);
  });
  afterAll(async () => {
    s3.destroy();
    await emulators.stop();
  });
  afterEach(() => jest.restoreAllMocks());

  /** Makes the disk slow for writes of bytes containing `marker` (as under heavy I/O load). */
  function slowDiskFor(marker: string): void {
    const holds = (data: unknown) => Buffer.isBuffer(data) && data.includes(marker);
    const write = fs.write;
    jest.spyOn(fs, 'write').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
      const run = () => (write as (...args: unknown[]) => void)(fd, data, ...rest);
      if (holds(data)) setTimeout(run, DISK_DELAY_MS);
      else run();
    }) as typeof fs.write);
    const writev = fs.writev;
    jest.spyOn(fs, 'writev').mockImplementation(((fd: number, chunks: unknown[], ...rest: unknown[]) => {
      const run = () => (writev as (...args: unknown[]) => void)(fd, chunks, ...rest);
      if (chunks.some(holds)) setTimeout(run, DISK_DELAY_MS);
      else run();
    }) as typeof fs.writev);
  }

  it('GIVEN a slow disk WHEN an object is overwritten and read right after the PUT THEN the read sees the new bytes', async () => {
    // GIVEN
    await s3.send(
      new PutObjectCommand({ Bucket: 'src', Key: 'incoming/x.html', Body: '<p>first version</p>' }),
    );
    slowDiskFor('second version');

    // WHEN
    await s3.send(new PutObjectCommand({ Bucket: 'src', Key: 'incoming/x.html', Body: 'second version' }));
    const object = await s3.send(new GetObjectCommand({ Bucket: 'src', Key: 'incoming/x.html' }));

    // THEN
    expect(await object.Body?.transformToString()).toBe('second version');
    expect(object.ETag).toBe(`"${createHash('md5').update('second version').digest('hex')}"`);
    const listing = await s3.send(new ListObjectsV2Command({ Bucket: 'src', Prefix: 'incoming/' }));
    expect(listing.Contents?.map((entry) => entry.Key)).toEqual(['incoming/x.html']);
  });

  it('GIVEN a slow disk WHEN a multipart upload completes THEN the object holds every part', async () => {
    // GIVEN
    slowDiskFor('only part');
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: 'src', Key: 'incoming/multipart.md' }),
    );

    // WHEN
    const part = await s3.send(
      new UploadPartCommand({
        Bucket: 'src',
        Key: 'incoming/multipart.md',
        UploadId,
        PartNumber: 1,
        Body: '# Multipart\n\nThe only part of the article.\n',
      }),
    );
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'src',
        Key: 'incoming/multipart.md',
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
      }),
    );

    // THEN
    const object = await s3.send(new GetObjectCommand({ Bucket: 'src', Key: 'incoming/multipart.md' }));
    expect(await object.Body?.transformToString()).toBe('# Multipart\n\nThe only part of the article.\n');
  });
});
