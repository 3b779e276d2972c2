import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { deletePublishedPage, putPublishedPage } from '../../lambdas/adapters/publish-store';
import { getSourceObject } from '../../lambdas/adapters/source-store';
import { InputTooLargeError } from '../../lambdas/core/errors';
import { useEmulators } from '../support/emulators';

const stack = useEmulators();

describe('getSourceObject', () => {
  it('GIVEN an object with a unicode key WHEN read THEN the exact bytes and content type come back', async () => {
    const { s3, sourceBucket } = stack();
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69, 0x0a, 0xe2, 0x80, 0xa8]);
    const key = 'incoming/café + ünïcode.txt';
    await s3.send(
      new PutObjectCommand({ Bucket: sourceBucket, Key: key, Body: bytes, ContentType: 'text/plain' }),
    );

    const object = await getSourceObject(s3, { bucket: sourceBucket, key, maxBytes: 1000 });

    expect(Array.from(object.bytes)).toEqual(Array.from(bytes));
    expect(object.contentType).toBe('text/plain');
    expect(object.eTag).toBeDefined();
  });

  it('GIVEN an object over the limit WHEN read THEN InputTooLargeError is thrown with its size', async () => {
    const { s3, sourceBucket } = stack();
    await s3.send(
      new PutObjectCommand({ Bucket: sourceBucket, Key: 'incoming/big.txt', Body: 'x'.repeat(2048) }),
    );

    const read = getSourceObject(s3, { bucket: sourceBucket, key: 'incoming/big.txt', maxBytes: 1024 });

    await expect(read).rejects.toBeInstanceOf(InputTooLargeError);
    await expect(read).rejects.toMatchObject({ code: 'INPUT_TOO_LARGE', size: 2048, limit: 1024 });
  });

  it('GIVEN a missing object WHEN read THEN the SDK NoSuchKey error propagates', async () => {
    const { s3, sourceBucket } = stack();
    await expect(
      getSourceObject(s3, { bucket: sourceBucket, key: 'incoming/none.md', maxBytes: 10 }),
    ).rejects.toMatchObject({ name: 'NoSuchKey' });
  });
});

describe('putPublishedPage / deletePublishedPage', () => {
  it('GIVEN an enriched page WHEN published THEN it is stored with its charset and cache policy, and can be deleted', async () => {
    const { s3, publishBucket } = stack();
    const body = new TextEncoder().encode('<!doctype html><title>é</title>');

    await putPublishedPage(s3, {
      bucket: publishBucket,
      key: 'articles/a b.html',
      body,
      encoding: 'utf-8',
      metadata: { 'source-key': encodeURIComponent('incoming/a b.html') },
    });

    const stored = await s3.send(new GetObjectCommand({ Bucket: publishBucket, Key: 'articles/a b.html' }));
    expect(stored.ContentType).toBe('text/html; charset=utf-8');
    expect(stored.CacheControl).toBe('public, max-age=300');
    expect(stored.Metadata?.['source-key']).toBe('incoming%2Fa%20b.html');
    expect(Array.from(await (stored.Body?.transformToByteArray() ?? Promise.resolve([])))).toEqual(
      Array.from(body),
    );

    await deletePublishedPage(s3, publishBucket, 'articles/a b.html');
    await expect(
      s3.send(new HeadObjectCommand({ Bucket: publishBucket, Key: 'articles/a b.html' })),
    ).rejects.toMatchObject({
      name: 'NotFound',
    });
    // Deleting again is not an error.
    await expect(deletePublishedPage(s3, publishBucket, 'articles/a b.html')).resolves.toBeUndefined();
  });
});
