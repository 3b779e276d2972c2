/**
 * Makes s3rver's filesystem store answer a PUT only once the object is on disk, and keeps its
 * files readable whatever moment the process is killed at (a publisher's kill -9 must never
 * make the next run fail).
 *
 * s3rver keeps an object as three files: its bytes, `<object>.md5` (the ETag) and
 * `metadata.json` (the headers). Its own store:
 * - answers a PUT as soon as the body has gone through its hashing stream, before the bytes are
 *   written: a read right after the 200 could see the previous version or a truncated file;
 * - writes each file in place (truncate, then write): a process killed between the two leaves
 *   an empty `metadata.json`, and from then on every listing of that bucket fails with HTTP 500
 *   (the JSON cannot be parsed), so `schemapress run` could not start again.
 *
 * Here every file is written whole to a scratch folder beside the buckets and renamed into
 * place, one key's writes never interleave, and a reader copes with what an older version or a
 * kill left behind (see `makeS3rverWritesDurable`).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** What a stored write returns to s3rver's controllers. */
interface StoredContent {
  readonly size: number;
  readonly md5: string;
}

/** Headers and intrinsic values s3rver's controllers read for an object. */
type ObjectMetadata = Record<string, string | number>;

/** The parts of s3rver's FilesystemStore used here (the package ships no types). */
interface FilesystemStoreLike {
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  getMetadata(bucket: string, key: string): Promise<ObjectMetadata>;
  putMetadata(bucket: string, key: string, metadata: unknown, md5?: string): Promise<void>;
  putObject(object: StoreObject): Promise<StoredContent>;
  putPart(bucket: string, uploadId: string, partNumber: number, content: Readable): Promise<StoredContent>;
  deleteObject(bucket: string, key: string): Promise<void>;
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

/** The headers s3rver keeps besides `x-amz-meta-*` (read from the package, so both agree). */
const STORED_HEADERS: readonly string[] = (
  require('s3rver/lib/models/object') as { ALLOWED_METADATA: readonly string[] }
).ALLOWED_METADATA;

const MD5_HEX = /^[0-9a-f]{32}$/;
/** A rename can meet a folder that s3rver's delete just removed (it prunes empty folders): retry. */
const RENAME_ATTEMPTS = 3;

/**
 * Replaces the store's object writes and metadata reads on this one instance (others are
 * untouched). Call before `run()`, while no other process uses the directory.
 *
 * Steps of a PUT:
 * 1. Stream the bytes into a scratch file (outside the buckets, so listings never see it) and
 *    hash them on the way.
 * 2. With the key locked: write the metadata, remove the old `.md5`, rename the bytes into
 *    place, write the new `.md5` (each file whole, then renamed). Killed at any point, the
 *    ETag s3rver reports still matches the bytes (a missing `.md5` is computed from them), and
 *    an object never shows up without its headers.
 * 3. Answer the PUT (and emit its event) only then.
 *
 * Reads take the same key lock, so they see one version's size, ETag and headers; an
 * unreadable `metadata.json` counts as none, an `.md5` that is not an MD5 is recomputed.
 * Scratch files left by a killed process are removed here.
 *
 * @param scratch where files are written before they are renamed into place: on the same file
 *   system as the store, outside it (emptied here).
 */
export function makeS3rverWritesDurable(server: S3rverWithStore, scratch: string): void {
  const { store } = server;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const withKeyLock = createKeyLocks();
  const scratchPath = () => join(scratch, `${randomBytes(8).toString('hex')}.partial`);

  const writeWhole = async (path: string, content: string) => {
    const temporaryPath = scratchPath();
    try {
      await writeFile(temporaryPath, content);
      await renameIntoPlace(temporaryPath, path);
    } catch (error) {
      await rm(temporaryPath, { force: true });
      throw error;
    }
  };
  const writeMetadata = (bucket: string, key: string, metadata: unknown) =>
    writeWhole(
      store.getResourcePath(bucket, key, 'metadata.json'),
      JSON.stringify(storedHeaders(metadata), null, 2),
    );

  store.putObject = async (object) => {
    const objectPath = store.getResourcePath(object.bucket, object.key, 'object');
    const temporaryPath = scratchPath();
    try {
      const stored = await streamToFile(object.content, temporaryPath);
      await withKeyLock(objectPath, async () => {
        await writeMetadata(object.bucket, object.key, object.metadata);
        await rm(`${objectPath}.md5`, { force: true });
        await renameIntoPlace(temporaryPath, objectPath);
        await writeWhole(`${objectPath}.md5`, stored.md5);
      });
      return stored;
    } catch (error) {
      await rm(temporaryPath, { force: true });
      throw error;
    }
  };

  // Used by s3rver's copy: replaces the headers (and the ETag when given) of a stored object.
  store.putMetadata = async (bucket, key, metadata, md5) => {
    const objectPath = store.getResourcePath(bucket, key, 'object');
    await withKeyLock(objectPath, async () => {
      await writeMetadata(bucket, key, metadata);
      if (md5) await writeWhole(`${objectPath}.md5`, md5);
    });
  };

  store.getMetadata = async (bucket, key) => {
    const objectPath = store.getResourcePath(bucket, key, 'object');
    return withKeyLock(objectPath, async () => {
      // Rejects with ENOENT when there is no object, which s3rver's callers expect.
      const stats = await stat(objectPath);
      const headers = await readStoredHeaders(store.getResourcePath(bucket, key, 'metadata.json'));
      let md5 = await readFile(`${objectPath}.md5`, 'utf8').catch(() => '');
      if (!MD5_HEX.test(md5)) {
        md5 = await md5OfFile(objectPath);
        await writeWhole(`${objectPath}.md5`, md5);
      }
      return {
        ...headers,
        etag: JSON.stringify(md5),
        'last-modified': stats.mtime.toUTCString(),
        'content-length': stats.size,
      };
    });
  };

  const deleteObject = store.deleteObject.bind(store);
  store.deleteObject = (bucket, key) =>
    withKeyLock(store.getResourcePath(bucket, key, 'object'), () => deleteObject(bucket, key));

  store.putPart = async (bucket, uploadId, partNumber, content) => {
    const partPath = join(store.getResourcePath(bucket, undefined, 'uploads'), uploadId, String(partNumber));
    const temporaryPath = scratchPath();
    try {
      const stored = await streamToFile(content, temporaryPath);
      await renameIntoPlace(temporaryPath, partPath);
      await writeWhole(`${partPath}.md5`, stored.md5);
      return stored;
    } catch (error) {
      await rm(temporaryPath, { force: true });
      throw error;
    }
  };
}

/** Runs the work of one key at a time, in call order; different keys run concurrently. */
function createKeyLocks(): <T>(key: string, work: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<void>>();
  return async (key, work) => {
    const previous = tails.get(key) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}

/** Streams `content` into `path` and waits until every byte is written. */
async function streamToFile(content: Buffer | Readable, path: string): Promise<StoredContent> {
  const hash = createHash('md5');
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  // Readable.from does not split a Buffer into bytes: it is written as one chunk.
  const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
  await pipeline(source, measure, createWriteStream(path));
  return { size, md5: hash.digest('hex') };
}

/** Renames over `path` (atomic on one file system), creating its folder when needed. */
async function renameIntoPlace(from: string, path: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await mkdir(dirname(path), { recursive: true });
    try {
      await rename(from, path);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= RENAME_ATTEMPTS) throw error;
    }
  }
}

function storedHeaders(metadata: unknown): Record<string, unknown> {
  const headers: Record<string, unknown> = {};
  for (const [name, value] of Object.entries((metadata ?? {}) as Record<string, unknown>)) {
    if (STORED_HEADERS.includes(name) || name.startsWith('x-amz-meta-')) headers[name] = value;
  }
  return headers;
}

/** The stored headers; none when the file is missing or unreadable (torn by a kill). */
async function readStoredHeaders(path: string): Promise<Record<string, string>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, string>)
      : {};
  } catch {
    return {};
  }
}

async function md5OfFile(path: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
