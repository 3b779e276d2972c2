/**
 * Embedded S3- and DynamoDB-compatible servers (s3rver, dynalite) for the local runtime and
 * tests, in this process, on 127.0.0.1.
 *
 * Node 17+ (OpenSSL 3) refuses the DES cipher s3rver uses for ListObjectsV2 continuation
 * tokens, so paged listings need `--openssl-legacy-provider` in NODE_OPTIONS (local/test only;
 * see `needsLegacyOpenSsl`). Clients talking to s3rver must use path-style addressing and
 * `requestChecksumCalculation: 'WHEN_REQUIRED'` (createS3Client in lambdas/adapters/clients.ts
 * does when given an endpoint).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { articleTableDefinition } from '../lambdas/adapters/article-table';
import { createDocumentClient, createS3Client } from '../lambdas/adapters/clients';
import { DATA_LAYOUT } from './defaults';
import { makeS3rverWritesDurable, type S3rverWithStore } from './s3rver-durable-writes';

/** The parts of s3rver's API used here (the package ships no types). */
interface S3rverInstance extends S3rverWithStore {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  resetOnClose: boolean;
}) => S3rverInstance;
/** The parts of dynalite's API used here (the package ships no types). */
type DynaliteFactory = (options: {
  createTableMs: number;
  deleteTableMs: number;
  updateTableMs: number;
  path?: string;
}) => Server;

/** The parts of `level` (dynalite's LevelDB binding) used to probe the data dir's lock. */
type LevelConstructor = new (path: string) => { open(): Promise<void>; close(): Promise<void> };

// Loaded with require: these packages ship no type declarations, and a global `declare module`
// here could clash with one elsewhere in the tree.
const S3rver = require('s3rver') as S3rverConstructor;
const dynalite = require('dynalite') as DynaliteFactory;

/** Thrown when another process holds the DynamoDB data directory (LevelDB allows one opener). */
export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `The data directory ${dataDir} is in use by another process (its DynamoDB store is locked). ` +
        'Stop that process, use another --data directory, or connect to the running instance instead.',
    );
    this.name = 'DataDirInUseError';
  }
}

export const DEFAULT_HOST = '127.0.0.1';
/** How long provisioning waits for a new table to become ACTIVE. */
const TABLE_ACTIVE_TIMEOUT_MS = 30_000;
const TABLE_POLL_INTERVAL_MS = 100;

export interface EmulatorOptions {
  /** Persist S3 objects and DynamoDB items under this directory. @default a temp dir (S3) and memory (DynamoDB), discarded on stop */
  readonly dataDir?: string;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** @default 0 (a random free port) */
  readonly s3Port?: number;
  /** @default 0 (a random free port) */
  readonly dynamoPort?: number;
}

export interface Emulators {
  readonly s3Endpoint: string;
  readonly dynamoEndpoint: string;
  /** Stops both servers (and deletes the temp dir when no dataDir was given). */
  stop(): Promise<void>;
}

export interface ResourceNames {
  readonly s3Endpoint: string;
  readonly dynamoEndpoint: string;
  readonly sourceBucket: string;
  readonly publishBucket: string;
  readonly tableName: string;
}

/** True when this Node refuses legacy ciphers that s3rver's paged listings need. */
export function needsLegacyOpenSsl(): boolean {
  const major = Number(process.versions.node.split('.')[0]);
  return (
    major >= 17 &&
    !process.execArgv
      .concat(process.env.NODE_OPTIONS ?? '')
      .join(' ')
      .includes('openssl-legacy-provider')
  );
}

/**
 * Starts s3rver and dynalite.
 *
 * Steps:
 * 1. Choose storage: `<dataDir>/s3` and `<dataDir>/dynamodb` when persisting, else a temp dir and memory.
 * 2. Start s3rver (silent; a PUT answered only once its files are whole on disk, see
 *    s3rver-durable-writes.ts) and dynalite (tables
 *    ACTIVE at once) on the host and ports.
 * 3. Return the endpoints and a stop() that closes both (and removes the temp dir).
 */
export async function startEmulators(options: EmulatorOptions = {}): Promise<Emulators> {
  const host = options.host ?? DEFAULT_HOST;
  const temporaryDir = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'schemapress-s3-'));
  const storageRoot = options.dataDir ?? (temporaryDir as string);
  const s3Directory = join(storageRoot, DATA_LAYOUT.s3);
  const dynamoDirectory = options.dataDir ? join(options.dataDir, DATA_LAYOUT.dynamodb) : undefined;
  mkdirSync(s3Directory, { recursive: true });
  if (dynamoDirectory) {
    mkdirSync(dynamoDirectory, { recursive: true });
    // dynalite would start anyway and crash the process on its first request: check first.
    await assertNotLocked(dynamoDirectory, options.dataDir as string);
  }

  const s3 = new S3rver({
    address: host,
    port: options.s3Port ?? 0,
    silent: true,
    directory: s3Directory,
    resetOnClose: false,
  });
  // s3rver acknowledges a PUT before the bytes are on disk, and a kill mid-write could leave a
  // torn metadata file that fails every later listing. Safe here: the data dir's lock is checked.
  makeS3rverWritesDurable(s3, join(storageRoot, DATA_LAYOUT.s3Scratch));
  const s3Address = await s3.run();

  let dynamoServer: Server;
  try {
    dynamoServer = dynalite({
      createTableMs: 0,
      deleteTableMs: 0,
      updateTableMs: 0,
      ...(dynamoDirectory ? { path: dynamoDirectory } : {}),
    });
    await new Promise<void>((resolve, reject) => {
      dynamoServer.once('error', reject);
      dynamoServer.listen(options.dynamoPort ?? 0, host, () => {
        dynamoServer.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await s3.close();
    throw error;
  }
  const dynamoAddress = dynamoServer.address() as AddressInfo;
  // dynalite opens (and locks) its LevelDB store lazily: hold the lock before returning, so a
  // second start on the same data dir is refused rather than racing this one for it.
  if (dynamoDirectory) await waitForStoreOpen(`http://${host}:${dynamoAddress.port}`);

  let stopped = false;
  return {
    s3Endpoint: `http://${host}:${s3Address.port}`,
    dynamoEndpoint: `http://${host}:${dynamoAddress.port}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      dynamoServer.closeAllConnections?.();
      await Promise.all([
        s3.close(),
        new Promise<void>((resolve, reject) =>
          dynamoServer.close((error) => (error ? reject(error) : resolve())),
        ),
      ]);
      if (temporaryDir) rmSync(temporaryDir, { recursive: true, force: true });
    },
  };
}

/** Any request that reads the store waits for dynalite's deferred LevelDB open. */
async function waitForStoreOpen(dynamoEndpoint: string): Promise<void> {
  const ddb = createDocumentClient(dynamoEndpoint);
  try {
    await ddb.send(new ListTablesCommand({ Limit: 1 }));
  } finally {
    ddb.destroy();
  }
}

async function assertNotLocked(levelPath: string, dataDir: string): Promise<void> {
  const { Level } = require('level') as { Level: LevelConstructor };
  const probe = new Level(levelPath);
  try {
    await probe.open();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    if (cause?.code === 'LEVEL_LOCKED') throw new DataDirInUseError(dataDir);
    throw error;
  }
  await probe.close();
}

/** Creates the buckets and the article table if they do not exist yet (safe to call on every start). */
export async function provisionResources(names: ResourceNames): Promise<void> {
  const s3 = createS3Client(names.s3Endpoint);
  const ddb = createDocumentClient(names.dynamoEndpoint);
  try {
    for (const bucket of new Set([names.sourceBucket, names.publishBucket])) {
      await ensureBucket(s3, bucket);
    }
    await ensureTable(ddb, names.tableName);
  } finally {
    s3.destroy();
    ddb.destroy();
  }
}

async function ensureBucket(s3: ReturnType<typeof createS3Client>, bucket: string): Promise<void> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw error;
  }
}

async function ensureTable(ddb: ReturnType<typeof createDocumentClient>, tableName: string): Promise<void> {
  try {
    await ddb.send(new CreateTableCommand(articleTableDefinition(tableName)));
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ResourceInUseException')) throw error;
  }
  const deadline = Date.now() + TABLE_ACTIVE_TIMEOUT_MS;
  for (;;) {
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    if (Date.now() > deadline) {
      throw new Error(
        `Table ${tableName} is still ${Table?.TableStatus} after ${TABLE_ACTIVE_TIMEOUT_MS} ms.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, TABLE_POLL_INTERVAL_MS));
  }
}

function isNotFound(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return error.name === 'NotFound' || error.name === 'NoSuchBucket' || status === 404;
}
