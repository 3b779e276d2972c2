/**
 * Defaults of the local runtime (`npm start`, `schemapress run` / `records`), in one place.
 */
import { join } from 'node:path';

/** Where emulator data, the queue and the dead letters live. */
export const DEFAULT_DATA_DIR = '.schemapress';
/** Where `run --once` mirrors the publish bucket. */
export const DEFAULT_OUT_DIR = 'out';
/** The folder `run` uploads and watches. */
export const DEFAULT_INCOMING_DIR = join('examples', 'incoming');
/** Port of the site and status page; `--port 0` picks a free one. */
export const DEFAULT_HTTP_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';

export const DEFAULT_SOURCE_BUCKET = 'schemapress-source';
export const DEFAULT_PUBLISH_BUCKET = 'schemapress-publish';
export const DEFAULT_TABLE_NAME = 'schemapress-articles';
export const DEFAULT_PUBLISHER_NAME = 'SchemaPress Local';

/** Messages per handler invocation, as the SQS event source's maximum batch size. */
export const DEFAULT_BATCH_SIZE = 10;
/** How long the poller waits for more messages before invoking with a partial batch. */
export const DEFAULT_BATCH_WINDOW_MS = 100;
/** An invocation running longer than this counts as failed (Lambda's timeout). */
export const DEFAULT_HANDLER_TIMEOUT_MS = 120_000;
/** Pause after a change in the incoming folder before syncing it (editors write in steps). */
export const DEFAULT_WATCH_DEBOUNCE_MS = 300;
/** Periodic bucket-vs-table reconciliation while running; 0 turns it off. */
export const DEFAULT_RECONCILE_INTERVAL_MS = 60_000;

/** Files and folders below the data dir. */
export const DATA_LAYOUT = {
  /** s3rver's buckets (the emulators also use it in a temp dir when not persisting). */
  s3: 's3',
  /** Whole files are written here, then renamed into `s3` (same file system; emptied at start). */
  s3Scratch: 's3-scratch',
  /** dynalite's LevelDB store. */
  dynamodb: 'dynamodb',
  queue: 'queue',
  deadLetter: 'dead-letter',
  sequencer: 'sequencer.json',
  endpoints: 'endpoints.json',
  incomingManifest: 'incoming-manifest.json',
} as const;
