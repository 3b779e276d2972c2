/**
 * Keeps the source bucket's prefix in step with a local folder: uploads new and changed
 * files (compared by MD5, which is s3rver's and S3's single-part ETag), deletes objects whose
 * file was deleted, and watches the folder (debounced) so edits flow through the pipeline.
 *
 * Only objects this folder uploaded are ever deleted (tracked in a manifest under the data
 * dir), so files dropped into the bucket by other S3 clients are left alone.
 */
import { createHash } from 'node:crypto';
import {
  type FSWatcher,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { DEFAULT_WATCH_DEBOUNCE_MS } from './defaults';
import { headObject, listAllObjects } from './local-clients';
import { stripQuotes } from './s3-notification';
import { contentTypeFor } from './site-server';

/** Editor backups, swap and partial-download files are not articles being published. */
const IGNORED_NAME = /(^\.)|(~$)|(\.(swp|swx|tmp|part|crdownload)$)/i;

export interface IncomingSyncOptions {
  readonly dir: string;
  readonly s3: S3Client;
  readonly bucket: string;
  /** Key prefix the folder maps to, e.g. `incoming/`. */
  readonly prefix: string;
  /** JSON file remembering what this folder uploaded (relative path -> MD5). */
  readonly manifestFile: string;
  /** @default DEFAULT_WATCH_DEBOUNCE_MS */
  readonly debounceMs?: number;
  readonly log: (line: string) => void;
}

export interface SyncCounts {
  uploaded: number;
  unchanged: number;
  deleted: number;
}

export class IncomingFolderSync {
  private manifest: Record<string, string>;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private chain: Promise<void> = Promise.resolve();
  private pendingOperations = 0;
  private watcher: FSWatcher | undefined;
  private closed = false;
  private lastError: unknown;

  constructor(private readonly options: IncomingSyncOptions) {
    this.manifest = readManifest(options.manifestFile, resolve(options.dir));
  }

  /** True while a change is waiting for its debounce or being uploaded. */
  get busy(): boolean {
    return this.timers.size > 0 || this.pendingOperations > 0;
  }

  /** The key a file of the folder is uploaded under. */
  keyFor(relativePath: string): string {
    return this.options.prefix + relativePath.split(sep).join('/');
  }

  /**
   * Brings the bucket in line with the folder.
   *
   * Steps:
   * 1. List the prefix once (ETags).
   * 2. Upload every file whose MD5 differs from its object's ETag.
   * 3. Delete objects this folder uploaded earlier whose file is gone (and not replaced since).
   */
  async syncAll(): Promise<SyncCounts> {
    return this.serialized(async () => {
      const counts: SyncCounts = { uploaded: 0, unchanged: 0, deleted: 0 };
      const remote = new Map(
        (await listAllObjects(this.options.s3, this.options.bucket, this.options.prefix)).map((o) => [
          o.key,
          o.eTag,
        ]),
      );
      const files = listFiles(this.options.dir);
      for (const relativePath of files) {
        const bytes = readFileSync(join(this.options.dir, relativePath));
        const md5 = md5Hex(bytes);
        if (remote.get(this.keyFor(relativePath)) === md5) {
          counts.unchanged += 1;
          this.remember(relativePath, md5);
          continue;
        }
        await this.upload(relativePath, bytes, md5);
        counts.uploaded += 1;
      }
      const present = new Set(files);
      for (const [relativePath, md5] of Object.entries(this.manifest)) {
        if (present.has(relativePath)) continue;
        if (remote.get(this.keyFor(relativePath)) === md5) {
          await this.delete(relativePath);
          counts.deleted += 1;
        } else {
          this.forget(relativePath);
        }
      }
      return counts;
    });
  }

  /** Watches the folder (and its subfolders) until `close()`. */
  watch(): void {
    if (this.watcher || this.closed) return;
    this.watcher = watch(this.options.dir, { recursive: true }, (_event, filename) => {
      // No file name means "something changed": resync everything.
      this.schedule(filename ? filename.toString() : '');
    });
    this.watcher.on('error', (error) =>
      this.options.log(`watch error on ${this.options.dir}: ${String(error)}`),
    );
  }

  /** Stops watching and waits for uploads under way. */
  async close(): Promise<void> {
    this.closed = true;
    this.watcher?.close();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await this.chain;
  }

  /** The last error of a watched change (they are logged, never thrown). */
  get error(): unknown {
    return this.lastError;
  }

  private schedule(relativePath: string): void {
    if (this.closed) return;
    clearTimeout(this.timers.get(relativePath));
    this.timers.set(
      relativePath,
      setTimeout(() => {
        this.timers.delete(relativePath);
        this.serialized(() => this.syncPath(relativePath)).catch((error: unknown) => {
          this.lastError = error;
          this.options.log(`could not sync ${relativePath || this.options.dir}: ${String(error)}`);
        });
      }, this.options.debounceMs ?? DEFAULT_WATCH_DEBOUNCE_MS),
    );
  }

  private async syncPath(relativePath: string): Promise<void> {
    if (relativePath === '') {
      await this.syncAllUnserialized();
      return;
    }
    const fullPath = join(this.options.dir, relativePath);
    const stats = statOrUndefined(fullPath);
    if (stats?.isDirectory()) {
      for (const inner of listFiles(fullPath)) await this.syncFile(join(relativePath, inner));
      return;
    }
    if (stats?.isFile()) {
      await this.syncFile(relativePath);
      return;
    }
    // Gone: a file, or a folder with everything in it.
    for (const known of Object.keys(this.manifest)) {
      if (known === relativePath || known.startsWith(relativePath + sep)) await this.delete(known);
    }
  }

  private async syncAllUnserialized(): Promise<void> {
    for (const relativePath of listFiles(this.options.dir)) await this.syncFile(relativePath);
    for (const known of Object.keys(this.manifest)) {
      if (!statOrUndefined(join(this.options.dir, known))?.isFile()) await this.delete(known);
    }
  }

  private async syncFile(relativePath: string): Promise<void> {
    if (isIgnored(relativePath)) return;
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(this.options.dir, relativePath));
    } catch {
      return; // Deleted again before we got to it; its own change event follows.
    }
    const md5 = md5Hex(bytes);
    const head = await headObject(this.options.s3, this.options.bucket, this.keyFor(relativePath));
    if (head?.ETag && stripQuotes(head.ETag) === md5) {
      this.remember(relativePath, md5);
      return;
    }
    await this.upload(relativePath, bytes, md5);
  }

  private async upload(relativePath: string, bytes: Buffer, md5: string): Promise<void> {
    const key = this.keyFor(relativePath);
    await this.options.s3.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: key,
        Body: bytes,
        ContentType: uploadContentType(key),
      }),
    );
    this.remember(relativePath, md5);
    this.options.log(`uploaded   ${key} (${bytes.byteLength} bytes)`);
  }

  private async delete(relativePath: string): Promise<void> {
    const key = this.keyFor(relativePath);
    await this.options.s3.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }));
    this.forget(relativePath);
    this.options.log(`deleted    ${key}`);
  }

  private remember(relativePath: string, md5: string): void {
    if (this.manifest[relativePath] === md5) return;
    this.manifest = { ...this.manifest, [relativePath]: md5 };
    writeManifest(this.options.manifestFile, resolve(this.options.dir), this.manifest);
  }

  private forget(relativePath: string): void {
    if (!(relativePath in this.manifest)) return;
    const { [relativePath]: _removed, ...rest } = this.manifest;
    this.manifest = rest;
    writeManifest(this.options.manifestFile, resolve(this.options.dir), this.manifest);
  }

  /** Runs operations one at a time, so two quick saves of one file upload in order. */
  private serialized<T>(operation: () => Promise<T>): Promise<T> {
    this.pendingOperations += 1;
    const result = this.chain.then(operation);
    this.chain = result.then(
      () => undefined,
      () => undefined,
    );
    return result.finally(() => {
      this.pendingOperations -= 1;
    });
  }
}

/** Relative paths of every file below `dir`, ignored names left out. */
export function listFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const relativePath = relative(dir, join(entry.parentPath, entry.name));
    if (!isIgnored(relativePath)) files.push(relativePath);
  }
  return files.sort();
}

function isIgnored(relativePath: string): boolean {
  return relativePath.split(sep).some((part) => IGNORED_NAME.test(part));
}

function uploadContentType(key: string): string {
  // No charset: the bytes may be in any encoding, and the pipeline detects it from the content.
  return contentTypeFor(key).replace(/; charset=utf-8$/, '');
}

function md5Hex(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

function statOrUndefined(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

interface Manifest {
  /** Absolute path of the folder; a manifest of another folder is not ours to act on. */
  readonly dir: string;
  readonly files: Record<string, string>;
}

function readManifest(file: string, dir: string): Record<string, string> {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Manifest>;
    return parsed.dir === dir && parsed.files && typeof parsed.files === 'object' ? parsed.files : {};
  } catch {
    return {};
  }
}

function writeManifest(file: string, dir: string, files: Record<string, string>): void {
  const manifest: Manifest = { dir, files };
  writeFileSync(`${file}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}
