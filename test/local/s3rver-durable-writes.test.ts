/**
 * s3rver's store made safe against kill -9 (local/s3rver-durable-writes.ts): the files a kill
 * can leave behind, a writer really killed while writing, and concurrent writes of one key.
 * Real s3rver (and dynalite) started in-process on random ports, real SDK v3 clients.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { DATA_LAYOUT } from '../../local/defaults';
import { startEmulators } from '../../local/emulators';
import { createLocalS3Client, listAllObjects } from '../../local/local-clients';
import { temporaryDir } from './helpers';
import { WRITER_BUCKET } from './s3-writer-child';

const REPO = resolve(__dirname, '../..');
const WRITER = resolve(__dirname, 's3-writer-child.ts');
const BUCKET = 'durable-writes';

const md5 = (bytes: Uint8Array | string) => createHash('md5').update(bytes).digest('hex');

/** s3rver's file for `resource` of `key` (its layout: `<bucket>/<key>._S3rver_<resource>`). */
const storeFile = (dataDir: string, bucket: string, key: string, resource: string) =>
  join(dataDir, DATA_LAYOUT.s3, bucket, `${key}._S3rver_${resource}`);

/** Runs `work` against the emulators on `dataDir`, then stops them. */
async function withEmulators<T>(dataDir: string, work: (s3: S3Client) => Promise<T>): Promise<T> {
  const emulators = await startEmulators({ dataDir });
  const s3 = createLocalS3Client(emulators.s3Endpoint);
  try {
    return await work(s3);
  } finally {
    s3.destroy();
    await emulators.stop();
  }
}

/** Every object of the bucket: the MD5 of its bytes, its ETag as listed and as read, its type. */
async function readEverything(s3: S3Client, bucket: string) {
  const objects = [];
  for (const listed of await listAllObjects(s3, bucket)) {
    const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: listed.key }));
    const bytes = (await response.Body?.transformToByteArray()) ?? new Uint8Array();
    objects.push({
      key: listed.key,
      bytesMd5: md5(bytes),
      listedETag: listed.eTag,
      readETag: JSON.parse(response.ETag ?? '""') as string,
      contentType: response.ContentType,
    });
  }
  return objects;
}

/** Resolves once the child has printed `lines` lines. */
function afterLines(child: ChildProcessWithoutNullStreams, lines: number): Promise<void> {
  let seen = 0;
  return new Promise((resolvePromise, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString().split('\n').length - 1;
      if (seen >= lines) resolvePromise();
    });
    child.once('close', (code) => reject(new Error(`the writer exited (${code}) after ${seen} PUTs`)));
  });
}

describe('s3rver store: files a kill leaves behind', () => {
  const data = temporaryDir('durable-torn');
  afterAll(() => data.remove());

  it('GIVEN objects whose metadata or ETag file a kill left empty or missing WHEN the emulators start again THEN every object lists and reads with the ETag of its bytes', async () => {
    // GIVEN three stored pages
    const pages: Record<string, string> = {
      'a.html': '<p>first</p>',
      'b.html': '<p>second page</p>',
      'c.html': '<p>third page, longer</p>',
    };
    await withEmulators(data.path, async (s3) => {
      await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
      for (const [key, body] of Object.entries(pages)) {
        await s3.send(
          new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, ContentType: 'text/html' }),
        );
      }
    });
    // ... then left as a process killed mid-write leaves them: a metadata file truncated but
    // never written, an ETag file truncated, an ETag file removed, and a scratch file.
    writeFileSync(storeFile(data.path, BUCKET, 'a.html', 'metadata.json'), '');
    writeFileSync(storeFile(data.path, BUCKET, 'b.html', 'object.md5'), '');
    rmSync(storeFile(data.path, BUCKET, 'c.html', 'object.md5'));
    const scratch = join(data.path, DATA_LAYOUT.s3Scratch);
    mkdirSync(scratch, { recursive: true });
    writeFileSync(join(scratch, 'left-by-a-kill.partial'), '<p>half');

    // WHEN
    const objects = await withEmulators(data.path, (s3) => readEverything(s3, BUCKET));

    // THEN every ETag is the MD5 of the bytes; the headers a kill did not touch are kept
    expect(objects.map((o) => o.key)).toEqual(Object.keys(pages));
    for (const object of objects) {
      expect(object.bytesMd5).toBe(md5(pages[object.key] as string));
      expect(object.listedETag).toBe(object.bytesMd5);
      expect(object.readETag).toBe(object.bytesMd5);
    }
    expect(objects.map((o) => o.contentType)).toEqual(['binary/octet-stream', 'text/html', 'text/html']);
    expect(readdirSync(scratch)).toEqual([]);
  }, 60_000);
});

describe('s3rver store: a writer killed while writing', () => {
  const data = temporaryDir('durable-killed');
  afterAll(() => data.remove());

  // Each round kills the writer after a different number of acknowledged PUTs, with three more
  // PUTs in flight: the kill lands somewhere inside their writes.
  it.each([3, 25, 60])(
    'GIVEN four clients overwriting pages WHEN the process is killed after %i PUTs THEN on the next start every page lists and reads whole, with the ETag of its bytes',
    async (puts) => {
      // GIVEN
      const writer = spawn(process.execPath, ['-r', require.resolve('tsx/cjs'), WRITER, data.path], {
        cwd: REPO,
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      });
      const closed = new Promise((resolvePromise) => writer.once('close', resolvePromise));
      let stderr = '';
      writer.stderr.on('data', (chunk) => {
        stderr += chunk;
      });

      // WHEN
      try {
        await afterLines(writer, puts);
      } catch (error) {
        throw new Error(`${(error as Error).message}: ${stderr}`);
      } finally {
        writer.kill('SIGKILL');
        await closed;
      }

      // THEN
      const objects = await withEmulators(data.path, (s3) => readEverything(s3, WRITER_BUCKET));
      expect(objects.length).toBeGreaterThan(0);
      for (const object of objects) {
        expect(object).toMatchObject({ listedETag: object.bytesMd5, readETag: object.bytesMd5 });
        expect(object.contentType).toBe('text/html');
      }
    },
    90_000,
  );
});

describe('s3rver store: concurrent writes of one key', () => {
  const data = temporaryDir('durable-concurrent');
  afterAll(() => data.remove());

  it('GIVEN twenty PUTs of one key at once WHEN they are all answered THEN the object is one of them whole, with its ETag', async () => {
    const bodies = Array.from({ length: 20 }, (_, i) => `<p>version ${i}</p>`.repeat(10 + i));
    const [object] = await withEmulators(data.path, async (s3) => {
      await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
      // WHEN
      await Promise.all(
        bodies.map((body) => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'same.html', Body: body }))),
      );
      return readEverything(s3, BUCKET);
    });

    // THEN
    expect(bodies.map((body) => md5(body))).toContain(object?.bytesMd5);
    expect(object).toMatchObject({ listedETag: object?.bytesMd5, readETag: object?.bytesMd5 });
  }, 60_000);
});
