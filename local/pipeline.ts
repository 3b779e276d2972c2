/**
 * The whole pipeline on one machine: embedded S3 (s3rver) and DynamoDB (dynalite), the very
 * same ingest handler the Lambda runs, fed S3 event notifications through a durable local
 * queue, a site/status server, and optionally a watched incoming folder.
 *
 * `startLocalPipeline` is the programmatic API (tests, `schemapress run`, the load test):
 *
 *     const pipeline = await startLocalPipeline({ dataDir, incomingDir });
 *     const summary = await pipeline.drain();   // everything dropped so far is processed
 *     await pipeline.stop();
 *
 * The handler reads its configuration from process.env (names in ENV, lambdas/contract.ts),
 * so one pipeline runs per process at a time.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { ARTICLE_TABLE, DEFAULT_ACCEPTED_SUFFIXES, ENV, PREFIXES } from '../lambdas/contract';
import type { ArticleRecord } from '../lambdas/core/record';
import { articleIdFor, skipReasonFor } from '../lambdas/core/s3-event';
import {
  DATA_LAYOUT,
  DEFAULT_DATA_DIR,
  DEFAULT_HOST,
  DEFAULT_PUBLISH_BUCKET,
  DEFAULT_PUBLISHER_NAME,
  DEFAULT_RECONCILE_INTERVAL_MS,
  DEFAULT_SOURCE_BUCKET,
  DEFAULT_TABLE_NAME,
} from './defaults';
import {
  type AfterBatchHook,
  Delivery,
  errorText,
  type IngestHandler,
  type PipelineSummary,
} from './delivery';
import { DurableQueue } from './durable-queue';
import { findRunningInstance, removeEndpointsFile, writeEndpointsFile } from './endpoints-file';
import { IncomingFolderSync, type SyncCounts } from './incoming-sync';
import {
  createLocalDocumentClient,
  createLocalS3Client,
  EMULATOR_CREDENTIALS,
  headObject,
  listAllObjects,
  scanAllRecords,
} from './local-clients';
import { mirrorBucket } from './mirror';
import { planReconciliation } from './reconcile';
import {
  changesFromS3rverEvent,
  type ObjectChange,
  objectsInMessage,
  stripQuotes,
  toS3EventBody,
} from './s3-notification';
import { tapS3rverEvents } from './s3rver-event-tap';
import { PersistentSequencer } from './sequencer';
import { type SiteServer, startSiteServer } from './site-server';
import type { StatusView } from './status-page';

export interface LocalPipelineOptions {
  /** Emulator data, queue, dead letters. @default DEFAULT_DATA_DIR */
  readonly dataDir?: string;
  /** A folder to upload (when changed) and, with `watch`, keep in step. @default none */
  readonly incomingDir?: string;
  /** Watch `incomingDir` for changes. @default true when incomingDir is given */
  readonly watch?: boolean;
  /** Site/status server port; 0 picks a free one. @default 0 */
  readonly httpPort?: number;
  /** @default 0 (random) */
  readonly s3Port?: number;
  /** @default 0 (random) */
  readonly dynamoPort?: number;
  /** @default DEFAULT_SOURCE_BUCKET */
  readonly sourceBucket?: string;
  /** @default DEFAULT_PUBLISH_BUCKET */
  readonly publishBucket?: string;
  /** @default DEFAULT_TABLE_NAME */
  readonly tableName?: string;
  /** @default PREFIXES.DEFAULT_SOURCE */
  readonly sourcePrefix?: string;
  /** Base URL of published pages. @default the local server's URL */
  readonly siteUrl?: string;
  /** @default process.env value, else DEFAULT_PUBLISHER_NAME */
  readonly publisherName?: string;
  /** @default DEFAULT_MAX_RECEIVE_COUNT (durable-queue.ts) */
  readonly maxReceiveCount?: number;
  /** @default DEFAULT_RETRY_BASE_DELAY_MS (durable-queue.ts) */
  readonly retryBaseDelayMs?: number;
  /** @default DEFAULT_BATCH_WINDOW_MS (defaults.ts) */
  readonly batchWindowMs?: number;
  /** @default DEFAULT_HANDLER_TIMEOUT_MS (defaults.ts) */
  readonly handlerTimeoutMs?: number;
  /** @default DEFAULT_WATCH_DEBOUNCE_MS (defaults.ts) */
  readonly watchDebounceMs?: number;
  /** Periodic reconciliation while running; 0 = only at start. @default DEFAULT_RECONCILE_INTERVAL_MS */
  readonly reconcileIntervalMs?: number;
  /** Regenerate sitemaps and feeds after each batch that changed records. @default true */
  readonly discovery?: boolean;
  /** More hooks run after each batch (after discovery). */
  readonly afterBatch?: readonly AfterBatchHook[];
  /** Replaces the ingest handler (tests forcing failures a real server cannot produce). @default lambdas/handlers/ingest */
  readonly handler?: IngestHandler;
  /** Progress lines. @default discarded */
  readonly log?: (line: string) => void;
  /** Called once the servers listen, before the initial reconciliation and folder upload (e.g. to print endpoints first). */
  readonly onListening?: (endpoints: ListeningEndpoints) => void;
}

export interface ListeningEndpoints {
  readonly s3Endpoint: string;
  readonly dynamoEndpoint: string;
  readonly url: string;
  readonly sourceBucket: string;
  readonly publishBucket: string;
  readonly tableName: string;
  readonly sourcePrefix: string;
  readonly dataDir: string;
}

/** The running pipeline: its endpoints (`url` is the site and status page, e.g. `http://127.0.0.1:8080/`) and controls. */
export interface LocalPipeline extends ListeningEndpoints {
  /** The runtime's own S3 client (drop files with it in tests). */
  readonly s3: S3Client;
  /** Uploads `bytes` as `<sourcePrefix><name>`. */
  putSource(name: string, bytes: Uint8Array | string): Promise<void>;
  /** Deletes `<sourcePrefix><name>`. */
  deleteSource(name: string): Promise<void>;
  /** Resolves when every change so far is processed (uploads, queue, retries); returns the counts since the last drain. */
  drain(): Promise<PipelineSummary>;
  /** The counts since the last drain() or summary(), without waiting. */
  summary(): PipelineSummary;
  /** Compares bucket and table and re-delivers what is missing; returns how many events were sent. */
  reconcile(): Promise<number>;
  /** Every article record. */
  records(): Promise<ArticleRecord[]>;
  /** The record of `<sourcePrefix><name>`. */
  record(name: string): Promise<ArticleRecord | undefined>;
  /** Bytes of a publish bucket object, or undefined. */
  publishedObject(key: string): Promise<Uint8Array | undefined>;
  /** Copies the publish bucket into `outDir`; returns the number of files. */
  mirror(outDir: string): Promise<number>;
  statusView(): Promise<StatusView>;
  /** Result of the initial folder sync, when there is a folder. */
  readonly initialSync: SyncCounts | undefined;
  stop(): Promise<void>;
}

let activePipeline: string | undefined;

/**
 * Starts everything.
 *
 * Steps:
 * 1. Refuse a data dir another live `run` uses; set credentials, region and quiet Powertools.
 * 2. Start the emulators on the data dir and create buckets and table (provisionResources).
 * 3. Tap s3rver's events: each source change becomes a real-format S3 notification, persisted
 *    in the durable queue before s3rver answers the request.
 * 4. Start the site server; set the handler's environment; start delivery.
 * 5. Record the endpoints in `<data>/endpoints.json`; reconcile bucket and table (events lost
 *    by a crash are delivered again), then upload the incoming folder and watch it.
 */
export async function startLocalPipeline(options: LocalPipelineOptions = {}): Promise<LocalPipeline> {
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const running = findRunningInstance(dataDir);
  if (running) {
    throw new Error(
      `Another schemapress run (pid ${running.pid}) is using ${dataDir}; stop it, or use another --data dir. ` +
        `Its S3 endpoint is ${running.s3Endpoint}.`,
    );
  }
  if (activePipeline) {
    throw new Error(
      `A local pipeline on ${activePipeline} is already running in this process; stop() it first (the handler's configuration is process-wide).`,
    );
  }
  activePipeline = dataDir;
  const cleanups: (() => Promise<void> | void)[] = [() => (activePipeline = undefined)];
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };

  try {
    return await start(options, dataDir, cleanups, cleanUp);
  } catch (error) {
    await cleanUp().catch(() => undefined);
    throw error;
  }
}

async function start(
  options: LocalPipelineOptions,
  dataDir: string,
  cleanups: (() => Promise<void> | void)[],
  cleanUp: () => Promise<void>,
): Promise<LocalPipeline> {
  const log = options.log ?? (() => undefined);
  const sourceBucket = options.sourceBucket ?? DEFAULT_SOURCE_BUCKET;
  const publishBucket = options.publishBucket ?? DEFAULT_PUBLISH_BUCKET;
  const tableName = options.tableName ?? DEFAULT_TABLE_NAME;
  const sourcePrefix = options.sourcePrefix ?? PREFIXES.DEFAULT_SOURCE;
  mkdirSync(dataDir, { recursive: true });
  prepareLocalEnvironment();

  // Loaded here, not at the top: the adapters it imports read the environment when loaded.
  const { startEmulators, provisionResources } = require('./emulators') as typeof import('./emulators');
  const emulators = await startEmulators({
    dataDir,
    ...(options.s3Port !== undefined ? { s3Port: options.s3Port } : {}),
    ...(options.dynamoPort !== undefined ? { dynamoPort: options.dynamoPort } : {}),
  });
  cleanups.push(() => emulators.stop());
  const { s3Endpoint, dynamoEndpoint } = emulators;
  await provisionResources({ s3Endpoint, dynamoEndpoint, sourceBucket, publishBucket, tableName });

  const s3 = createLocalS3Client(s3Endpoint);
  const documents = createLocalDocumentClient(dynamoEndpoint);
  cleanups.push(() => {
    s3.destroy();
    documents.destroy();
  });

  const queue = new DurableQueue({
    queueDir: join(dataDir, DATA_LAYOUT.queue),
    deadLetterDir: join(dataDir, DATA_LAYOUT.deadLetter),
    ...(options.maxReceiveCount !== undefined ? { maxReceiveCount: options.maxReceiveCount } : {}),
    ...(options.retryBaseDelayMs !== undefined ? { retryBaseDelayMs: options.retryBaseDelayMs } : {}),
  });
  const sequencer = new PersistentSequencer(join(dataDir, DATA_LAYOUT.sequencer));
  const acceptedSuffixes = acceptedSuffixesFromEnv();

  let delivery: Delivery | undefined;
  const enqueue = (change: ObjectChange, sequencerValue = sequencer.next()) => {
    queue.send(toS3EventBody(change, { sequencer: sequencerValue, eventTime: new Date() }));
    delivery?.notify();
  };
  // The S3 -> SQS notification: source bucket, source prefix only, as the deployed filter.
  cleanups.push(
    tapS3rverEvents(s3Endpoint, (event) => {
      for (const change of changesFromS3rverEvent(event)) {
        if (change.bucket === sourceBucket && change.key.startsWith(sourcePrefix)) enqueue(change);
      }
    }),
  );

  const findRecord = async (key: string): Promise<ArticleRecord | undefined> => {
    const { Item } = await documents.send(
      new GetCommand({
        TableName: tableName,
        Key: { [ARTICLE_TABLE.partitionKey]: articleIdFor(key) },
        ConsistentRead: true,
      }),
    );
    return Item as ArticleRecord | undefined;
  };
  const statusView = async (): Promise<StatusView> => ({
    records: await scanAllRecords(documents, tableName),
    queueDepth: queue.depth,
    deadLetters: queue.deadLetters().map((letter) => ({
      messageId: letter.messageId,
      keys: objectsInMessage(letter.body).map((o) => o.key),
      lastError: letter.lastError,
    })),
    sourcePrefix,
    generatedAt: new Date(),
  });

  const site: SiteServer = await startSiteServer({
    host: DEFAULT_HOST,
    port: options.httpPort ?? 0,
    s3,
    publishBucket,
    sourceBucket,
    statusView,
  });
  cleanups.push(() => site.close());

  const siteUrl = options.siteUrl ?? site.url;
  setHandlerEnvironment({
    sourceBucket,
    publishBucket,
    tableName,
    sourcePrefix,
    siteUrl,
    publisherName: options.publisherName,
    s3Endpoint,
    dynamoEndpoint,
  });
  const handler = options.handler ?? loadIngestHandler();
  const hooks: AfterBatchHook[] = [];
  if (options.discovery ?? true) hooks.push(discoveryHook());
  hooks.push(...(options.afterBatch ?? []));

  delivery = new Delivery({
    queue,
    handler: () => handler,
    findRecord,
    skipReason: (key) => skipReasonFor(key, sourcePrefix, acceptedSuffixes),
    afterBatch: hooks,
    log,
    ...(options.batchWindowMs !== undefined ? { batchWindowMs: options.batchWindowMs } : {}),
    ...(options.handlerTimeoutMs !== undefined ? { handlerTimeoutMs: options.handlerTimeoutMs } : {}),
  });
  const activeDelivery = delivery;
  activeDelivery.start();
  cleanups.push(() => activeDelivery.stop());

  // Before the first upload, so other commands reach this instance instead of the locked data dir.
  writeEndpointsFile(dataDir, {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    s3Endpoint,
    dynamoEndpoint,
    httpUrl: site.url,
    siteUrl,
    sourceBucket,
    publishBucket,
    tableName,
    sourcePrefix,
  });
  cleanups.push(() => removeEndpointsFile(dataDir));

  options.onListening?.({
    s3Endpoint,
    dynamoEndpoint,
    url: site.url,
    sourceBucket,
    publishBucket,
    tableName,
    sourcePrefix,
    dataDir,
  });

  let reconciling = 0;
  const reconcile = async (): Promise<number> => {
    reconciling += 1;
    try {
      return await reconcileOnce({
        s3,
        documents,
        queue,
        sourceBucket,
        sourcePrefix,
        tableName,
        acceptedSuffixes,
        sequencer,
        enqueue,
        log,
      });
    } finally {
      reconciling -= 1;
    }
  };
  const redelivered = await reconcile();
  if (redelivered > 0)
    log(`reconcile  ${redelivered} event(s) delivered again (changes made while not running)`);
  const reconcileIntervalMs = options.reconcileIntervalMs ?? DEFAULT_RECONCILE_INTERVAL_MS;
  if (reconcileIntervalMs > 0) {
    const timer = setInterval(() => {
      if (!activeDelivery.idle || reconciling > 0) return;
      reconcile().catch((error: unknown) => log(`reconcile failed: ${errorText(error)}`));
    }, reconcileIntervalMs);
    timer.unref();
    cleanups.push(() => clearInterval(timer));
  }

  let sync: IncomingFolderSync | undefined;
  let initialSync: SyncCounts | undefined;
  if (options.incomingDir) {
    const folderSync = new IncomingFolderSync({
      dir: options.incomingDir,
      s3,
      bucket: sourceBucket,
      prefix: sourcePrefix,
      manifestFile: join(dataDir, DATA_LAYOUT.incomingManifest),
      log,
      ...(options.watchDebounceMs !== undefined ? { debounceMs: options.watchDebounceMs } : {}),
    });
    sync = folderSync;
    cleanups.push(() => folderSync.close());
    initialSync = await folderSync.syncAll();
    if (options.watch ?? true) folderSync.watch();
  }

  let stopped = false;
  return {
    dataDir,
    s3Endpoint,
    dynamoEndpoint,
    url: site.url,
    sourceBucket,
    publishBucket,
    tableName,
    sourcePrefix,
    s3,
    initialSync,
    async putSource(name, bytes) {
      const body = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
      await s3.send(
        new PutObjectCommand({
          Bucket: sourceBucket,
          Key: sourcePrefix + name,
          Body: body,
          ContentLength: body.byteLength,
        }),
      );
    },
    async deleteSource(name) {
      await s3.send(new DeleteObjectCommand({ Bucket: sourceBucket, Key: sourcePrefix + name }));
    },
    async drain() {
      for (;;) {
        if (activeDelivery.fatalError) throw activeDelivery.fatalError;
        if (!sync?.busy && reconciling === 0 && activeDelivery.idle) {
          // Settle one more turn: a finishing upload may enqueue its event right now.
          await sleep(20);
          if (!sync?.busy && reconciling === 0 && activeDelivery.idle) return activeDelivery.takeSummary();
        }
        await sleep(25);
      }
    },
    summary: () => activeDelivery.takeSummary(),
    reconcile,
    records: () => scanAllRecords(documents, tableName),
    record: (name) => findRecord(sourcePrefix + name),
    async publishedObject(key) {
      try {
        const object = await s3.send(new GetObjectCommand({ Bucket: publishBucket, Key: key }));
        return await object.Body?.transformToByteArray();
      } catch (error) {
        if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
    mirror: (outDir) => mirrorBucket(s3, publishBucket, outDir),
    statusView,
    async stop() {
      if (stopped) return;
      stopped = true;
      await cleanUp();
    },
  };
}

interface ReconcileDependencies {
  readonly s3: S3Client;
  readonly documents: DynamoDBDocumentClient;
  readonly queue: DurableQueue;
  readonly sourceBucket: string;
  readonly sourcePrefix: string;
  readonly tableName: string;
  readonly acceptedSuffixes: readonly string[];
  readonly sequencer: PersistentSequencer;
  readonly enqueue: (change: ObjectChange, sequencer: string) => void;
  readonly log: (line: string) => void;
}

/**
 * Steps:
 * 1. Note the keys with events pending; list the source prefix; scan the records.
 * 2. Plan (reconcile.ts): objects new or changed since their record; records whose object is gone.
 * 3. For each: take a sequencer FIRST, then look at the object again (HeadObject) and send the
 *    event only if the object is still in that state. Any change after the look carries a
 *    greater sequencer, so a re-delivered event can never win over a newer real one.
 */
async function reconcileOnce(deps: ReconcileDependencies): Promise<number> {
  const pendingKeys = new Set(
    deps.queue.pendingBodies().flatMap((body) => objectsInMessage(body).map((o) => o.key)),
  );
  const objects = await listAllObjects(deps.s3, deps.sourceBucket, deps.sourcePrefix);
  const records = await scanAllRecords(deps.documents, deps.tableName);
  const plan = planReconciliation({
    sourceBucket: deps.sourceBucket,
    sourcePrefix: deps.sourcePrefix,
    acceptedSuffixes: deps.acceptedSuffixes,
    objects,
    records,
    pendingKeys,
  });
  let sent = 0;
  for (const object of plan.created) {
    const sequencer = deps.sequencer.next();
    const head = await headObject(deps.s3, deps.sourceBucket, object.key);
    if (!head) continue;
    deps.enqueue(
      {
        eventName: 'ObjectCreated:Put',
        bucket: deps.sourceBucket,
        key: object.key,
        size: head.ContentLength ?? object.size,
        eTag: stripQuotes(head.ETag ?? object.eTag),
      },
      sequencer,
    );
    sent += 1;
  }
  for (const key of plan.removed) {
    const sequencer = deps.sequencer.next();
    if (await headObject(deps.s3, deps.sourceBucket, key)) continue;
    deps.enqueue({ eventName: 'ObjectRemoved:Delete', bucket: deps.sourceBucket, key }, sequencer);
    sent += 1;
  }
  return sent;
}

interface HandlerEnvironment {
  readonly sourceBucket: string;
  readonly publishBucket: string;
  readonly tableName: string;
  readonly sourcePrefix: string;
  readonly siteUrl: string;
  readonly publisherName: string | undefined;
  readonly s3Endpoint: string;
  readonly dynamoEndpoint: string;
}

/** What the construct sets on the Lambda function, set here for the in-process handler. */
function setHandlerEnvironment(settings: HandlerEnvironment): void {
  process.env[ENV.SOURCE_BUCKET] = settings.sourceBucket;
  process.env[ENV.PUBLISH_BUCKET] = settings.publishBucket;
  process.env[ENV.ARTICLE_TABLE] = settings.tableName;
  process.env[ENV.SOURCE_PREFIX] = settings.sourcePrefix;
  process.env[ENV.SITE_URL] = settings.siteUrl;
  process.env[ENV.S3_ENDPOINT] = settings.s3Endpoint;
  process.env[ENV.DYNAMODB_ENDPOINT] = settings.dynamoEndpoint;
  if (settings.publisherName) process.env[ENV.PUBLISHER_NAME] = settings.publisherName;
  else process.env[ENV.PUBLISHER_NAME] ??= DEFAULT_PUBLISHER_NAME;
}

/**
 * Process-wide settings for running against the emulators, before any SDK client or
 * Powertools utility is created: the emulators' credentials in place of any real ones (every
 * client here passes them explicitly; this keeps a developer's real keys and session token out
 * of the process, so nothing can reach AWS with them), a region, and Powertools' own switches
 * unless the user set them (WARN logs, no metrics output, no tracing).
 */
function prepareLocalEnvironment(): void {
  process.env.AWS_ACCESS_KEY_ID = EMULATOR_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = EMULATOR_CREDENTIALS.secretAccessKey;
  delete process.env.AWS_SESSION_TOKEN;
  process.env.AWS_REGION ??= 'us-east-1';
  // The SDK's notice that its 2027 releases need Node 22; this project targets Node 20 (engines).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  process.env.POWERTOOLS_TRACE_ENABLED ??= 'false';
}

function acceptedSuffixesFromEnv(): readonly string[] {
  const configured = process.env[ENV.ACCEPTED_SUFFIXES]
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return configured?.length ? configured : DEFAULT_ACCEPTED_SUFFIXES;
}

function loadIngestHandler(): IngestHandler {
  try {
    return (require('../lambdas/handlers/ingest') as { handler: IngestHandler }).handler;
  } catch (error) {
    throw new Error(`Cannot load the ingest handler (lambdas/handlers/ingest.ts): ${errorText(error)}`);
  }
}

/**
 * The hook standing in for the table's DynamoDB stream -> discovery Lambda (dynalite has no
 * streams): after each batch that changed records, regenerate sitemaps, feeds and robots.txt
 * with the discovery handler's own code.
 */
function discoveryHook(): AfterBatchHook {
  type DiscoveryModule = {
    regenerateDiscovery?: (deps: unknown) => Promise<unknown>;
    discoveryDepsFromEnvironment?: () => unknown;
  };
  let discovery: DiscoveryModule | undefined;
  return async (batch) => {
    if (!batch.changedRecords) return;
    discovery ??= require('../lambdas/handlers/discovery') as DiscoveryModule;
    if (!discovery.regenerateDiscovery || !discovery.discoveryDepsFromEnvironment) {
      throw new Error(
        'lambdas/handlers/discovery.ts exports no regenerateDiscovery/discoveryDepsFromEnvironment',
      );
    }
    await discovery.regenerateDiscovery(discovery.discoveryDepsFromEnvironment());
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
