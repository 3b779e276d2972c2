/**
 * Makes s3rver answer a PutObject (or UploadPart) only once the object's bytes are on disk.
 *
 * s3rver's filesystem store resolves `putObject` as soon as the request body has gone through
 * its hashing stream, before the file write stream has written (or even opened) the file. Under
 * disk or CPU pressure a client could get its 200, read the object back and see the previous
 * version, or an empty or truncated file: the ingest handler then published stale content under
 * the new event's sequencer. Here both writes go to a temporary file that is renamed over the
 * object only when complete, so a reader sees the old bytes or the new ones, never a mix, and
 * the PUT is answered (and its event emitted) only afterwards.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** What a stored write returns to s3rver's controllers. */
interface StoredContent {
  readonly size: number;
  readonly md5: string;
}

/** The parts of s3rver's FilesystemStore used here (the package ships no types). */
interface FilesystemStoreLike {
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  putMetadata(bucket: string, key: string, metadata: unknown, md5: string): Promise<void>;
  putObject(object: StoreObject): Promise<StoredContent>;
  putPart(bucket: string, uploadId: string, partNumber: number, content: Readable): Promise<StoredContent>;
}

interface StoreObject {
  readonly bucket: string;
  readonly key: string;
  readonly content: Buffer | Readable;
  readonly metadata: unknown;
}

/** An s3rver instance: its store is created in the constructor. */
export interface S3rverWithStore {
  readonly store: FilesystemStoreLike;
}

/** Replaces the store's object and part writes on this one instance (others are untouched). */
export function makeS3rverWritesDurable(server: S3rverWithStore): void {
  const { store } = server;
  store.putObject = async (object) => {
    const objectPath = store.getResourcePath(object.bucket, object.key, 'object');
    const stored = await writeCompletely(objectPath, object.content);
    await store.putMetadata(object.bucket, object.key, object.metadata, stored.md5);
    return stored;
  };
  store.putPart = async (bucket, uploadId, partNumber, content) => {
    const partPath = join(store.getResourcePath(bucket, undefined, 'uploads'), uploadId, String(partNumber));
    const stored = await writeCompletely(partPath, content);
    await writeFile(`${partPath}.md5`, stored.md5);
    return stored;
  };
}

/**
 * Writes `content` to a temporary file next to `path`, waits until every byte is written, then
 * renames it over `path` (atomic on one file system). The temporary name does not end in
 * s3rver's object suffix, so listings never show it.
 */
async function writeCompletely(path: string, content: Buffer | Readable): Promise<StoredContent> {
  await mkdir(dirname(path), { recursive: true });
  const temporaryPath = `${path}.${randomBytes(6).toString('hex')}.partial`;
  const hash = createHash('md5');
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  try {
    // Readable.from does not split a Buffer into bytes: it is written as one chunk.
    const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
    await pipeline(source, measure, createWriteStream(temporaryPath));
    await rename(temporaryPath, path);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  }
  return { size, md5: hash.digest('hex') };
}
