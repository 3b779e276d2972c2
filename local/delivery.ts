/**
 * The local event source mapping: takes batches of up to 10 messages from the durable queue,
 * invokes the ingest handler with an SQS event exactly as Lambda would, and applies its
 * partial batch response (failed messages retried with backoff, then dead-lettered).
 *
 * After each batch it looks up what became of every file (published, failed with reason,
 * removed, skipped, superseded by a newer event), prints one line per file and a batch
 * summary, and runs the after-batch hooks (discovery regeneration).
 */
import { randomUUID } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { ArticleRecord } from '../lambdas/core/record';
import { compareSequencers } from '../lambdas/core/s3-event';
import { DEFAULT_BATCH_SIZE, DEFAULT_BATCH_WINDOW_MS, DEFAULT_HANDLER_TIMEOUT_MS } from './defaults';
import type { DurableQueue } from './durable-queue';
import { objectsInMessage, type QueuedMessage, toSqsEvent } from './s3-notification';

export type IngestHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;

export type FileOutcome =
  | {
      readonly kind: 'published';
      readonly key: string;
      readonly headline?: string;
      readonly warnings: number;
    }
  | { readonly kind: 'failed'; readonly key: string; readonly code: string; readonly message: string }
  | { readonly kind: 'removed'; readonly key: string }
  | { readonly kind: 'skipped'; readonly key: string; readonly reason: string }
  | { readonly kind: 'superseded'; readonly key: string }
  | { readonly kind: 'retry'; readonly key: string; readonly attempt: number; readonly error: string }
  | {
      readonly kind: 'dead-letter';
      readonly key: string;
      readonly error: string;
      readonly messageId: string;
    };

/** What happened since the summary was last taken. */
export interface PipelineSummary {
  published: number;
  removed: number;
  skipped: number;
  /** Events overtaken by a newer event of the same key (nothing to do). */
  superseded: number;
  failed: { key: string; code: string; message: string }[];
  deadLettered: { key: string; error: string; messageId: string }[];
  retries: number;
  batches: number;
  messages: number;
  /** Errors of after-batch hooks (discovery), which never stop the pipeline. */
  hookErrors: string[];
  elapsedMs: number;
}

export function emptySummary(): PipelineSummary {
  return {
    published: 0,
    removed: 0,
    skipped: 0,
    superseded: 0,
    failed: [],
    deadLettered: [],
    retries: 0,
    batches: 0,
    messages: 0,
    hookErrors: [],
    elapsedMs: 0,
  };
}

export interface BatchInfo {
  readonly batchNumber: number;
  readonly outcomes: readonly FileOutcome[];
  /** True when a record was written (published, failed or removed): listings may have changed. */
  readonly changedRecords: boolean;
}

export type AfterBatchHook = (batch: BatchInfo) => Promise<void>;

export interface DeliveryOptions {
  readonly queue: DurableQueue;
  readonly handler: () => IngestHandler;
  /** The current record of a source key, or undefined. */
  readonly findRecord: (key: string) => Promise<ArticleRecord | undefined>;
  /** Why the handler would skip this key, or undefined when it is an article file. */
  readonly skipReason: (key: string) => string | undefined;
  readonly afterBatch: readonly AfterBatchHook[];
  readonly log: (line: string) => void;
  /** @default DEFAULT_BATCH_SIZE */
  readonly batchSize?: number;
  /** @default DEFAULT_BATCH_WINDOW_MS */
  readonly batchWindowMs?: number;
  /** @default DEFAULT_HANDLER_TIMEOUT_MS */
  readonly handlerTimeoutMs?: number;
  readonly functionName?: string;
}

const PROGRESS_LABEL_WIDTH = 11;

export class Delivery {
  private running = false;
  private stopped = false;
  private batchInProgress = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private failure: unknown;
  private batchNumber = 0;
  private summary = emptySummary();
  private summaryStartedAt = Date.now();

  constructor(private readonly options: DeliveryOptions) {}

  /** Idle: nothing waiting, nothing running. */
  get idle(): boolean {
    return !this.batchInProgress && this.options.queue.depth === 0;
  }

  /** The error that stopped the loop (the pipeline itself broke), if any. */
  get fatalError(): unknown {
    return this.failure;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run().catch((error: unknown) => {
      this.failure = error;
      this.options.log(`delivery stopped: ${errorText(error)}`);
    });
  }

  /** Something was enqueued: poll now. */
  notify(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  /** The counts since the last call, and starts a new period. */
  takeSummary(): PipelineSummary {
    const taken = { ...this.summary, elapsedMs: Date.now() - this.summaryStartedAt };
    this.summary = emptySummary();
    this.summaryStartedAt = Date.now();
    return taken;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const messages = this.options.queue.receive(this.options.batchSize ?? DEFAULT_BATCH_SIZE);
      if (messages.length === 0) {
        await this.waitForWork();
        if (this.stopped) return;
        // Let a burst of uploads gather into full batches, as the event source's poller does.
        await sleep(this.options.batchWindowMs ?? DEFAULT_BATCH_WINDOW_MS);
        continue;
      }
      this.batchInProgress = true;
      try {
        await this.deliver(messages);
      } finally {
        this.batchInProgress = false;
      }
    }
  }

  private waitForWork(): Promise<void> {
    return new Promise<void>((resolve) => {
      const nextVisibleAt = this.options.queue.nextVisibleAt();
      const timer =
        nextVisibleAt === undefined
          ? undefined
          : setTimeout(() => done(), Math.max(0, nextVisibleAt - Date.now()));
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      this.wake = done;
    });
  }

  /**
   * One invocation.
   *
   * Steps:
   * 1. Build the SQS event and a Lambda context; invoke the handler with a timeout.
   * 2. Thrown error, timeout or malformed response: every message failed. Otherwise the
   *    messages named in batchItemFailures failed and the rest succeeded.
   * 3. Acknowledge successes; release failures (retry later or dead-letter).
   * 4. Look up each file's outcome, print progress and the batch summary, run the hooks.
   */
  private async deliver(messages: QueuedMessage[]): Promise<void> {
    const started = Date.now();
    const batchNumber = ++this.batchNumber;
    const failedIds = new Map<string, string>();
    try {
      const response = await withTimeout(
        Promise.resolve(this.options.handler()(toSqsEvent(messages), lambdaContext(this.options))),
        this.options.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS,
      );
      const failures = batchItemFailuresOf(response, messages);
      if (failures === 'invalid') {
        for (const m of messages)
          failedIds.set(m.messageId, 'the handler returned a malformed batch response');
      } else {
        for (const id of failures) failedIds.set(id, 'reported in batchItemFailures');
      }
    } catch (error) {
      for (const m of messages) failedIds.set(m.messageId, errorText(error));
    }

    const outcomes: FileOutcome[] = [];
    for (const message of messages) {
      const objects = objectsInMessage(message.body);
      const failure = failedIds.get(message.messageId);
      if (failure === undefined) {
        this.options.queue.ack(message.messageId);
        for (const object of objects) outcomes.push(await this.outcomeOf(object.key, object.sequencer));
        continue;
      }
      const released = this.options.queue.release(message.messageId, failure);
      for (const object of objects) {
        outcomes.push(
          released === 'dead-letter'
            ? { kind: 'dead-letter', key: object.key, error: failure, messageId: message.messageId }
            : { kind: 'retry', key: object.key, attempt: message.receiveCount, error: failure },
        );
      }
    }

    for (const outcome of outcomes) {
      this.count(outcome);
      this.options.log(progressLine(outcome));
    }
    this.summary.batches += 1;
    this.summary.messages += messages.length;
    this.options.log(batchSummaryLine(batchNumber, messages.length, outcomes, Date.now() - started));

    const changedRecords = outcomes.some(
      (o) => o.kind === 'published' || o.kind === 'failed' || o.kind === 'removed',
    );
    for (const hook of this.options.afterBatch) {
      try {
        await hook({ batchNumber, outcomes, changedRecords });
      } catch (error) {
        this.summary.hookErrors.push(errorText(error));
        this.options.log(`after-batch hook failed: ${errorText(error)}`);
      }
    }
  }

  private async outcomeOf(key: string, sequencer: string): Promise<FileOutcome> {
    let record: ArticleRecord | undefined;
    try {
      record = await this.options.findRecord(key);
    } catch (error) {
      return { kind: 'skipped', key, reason: `its record could not be read (${errorText(error)})` };
    }
    const order = record ? compareSequencers(record.source.sequencer, sequencer) : -1;
    if (!record || order < 0) {
      return {
        kind: 'skipped',
        key,
        reason: this.options.skipReason(key) ?? 'the handler left no record (see its log)',
      };
    }
    if (order > 0) return { kind: 'superseded', key };
    switch (record.status) {
      case 'published':
        return {
          kind: 'published',
          key,
          ...(record.facts?.headline ? { headline: record.facts.headline } : {}),
          warnings: record.report?.warnings.length ?? 0,
        };
      case 'failed':
        return {
          kind: 'failed',
          key,
          code: record.error?.code ?? 'FAILED',
          message: record.error?.message ?? 'no reason recorded',
        };
      default:
        return { kind: 'removed', key };
    }
  }

  private count(outcome: FileOutcome): void {
    switch (outcome.kind) {
      case 'published':
      case 'removed':
      case 'skipped':
      case 'superseded':
        this.summary[outcome.kind] += 1;
        break;
      case 'failed':
        this.summary.failed.push({ key: outcome.key, code: outcome.code, message: outcome.message });
        break;
      case 'retry':
        this.summary.retries += 1;
        break;
      case 'dead-letter':
        this.summary.deadLettered.push({
          key: outcome.key,
          error: outcome.error,
          messageId: outcome.messageId,
        });
        break;
    }
  }
}

/** The ids reported failed, or 'invalid' when the response is malformed (Lambda then fails the whole batch). */
function batchItemFailuresOf(response: unknown, messages: readonly QueuedMessage[]): string[] | 'invalid' {
  if (response === undefined || response === null) return [];
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined) return [];
  if (!Array.isArray(failures)) return 'invalid';
  const known = new Set(messages.map((m) => m.messageId));
  const ids: string[] = [];
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || !known.has(id)) return 'invalid';
    ids.push(id);
  }
  return ids;
}

export function progressLine(outcome: FileOutcome): string {
  const label = outcome.kind.padEnd(PROGRESS_LABEL_WIDTH);
  const key = oneLine(outcome.key);
  switch (outcome.kind) {
    case 'published':
      return `${label}${key}${outcome.headline ? `  "${oneLine(outcome.headline)}"` : ''}${
        outcome.warnings ? `  (${outcome.warnings} warning${outcome.warnings === 1 ? '' : 's'})` : ''
      }`;
    case 'failed':
      return `${label}${key}  ${outcome.code}: ${oneLine(outcome.message)}`;
    case 'skipped':
      return `${label}${key}  ${outcome.reason}`;
    case 'retry':
      return `${label}${key}  attempt ${outcome.attempt} failed: ${oneLine(outcome.error)}`;
    case 'dead-letter':
      return `${label}${key}  gave up: ${oneLine(outcome.error)} (dead-letter/${outcome.messageId}.json)`;
    default:
      return `${label}${key}`;
  }
}

function batchSummaryLine(
  batchNumber: number,
  size: number,
  outcomes: readonly FileOutcome[],
  ms: number,
): string {
  const count = (kind: FileOutcome['kind']) => outcomes.filter((o) => o.kind === kind).length;
  const parts = [
    `${count('published')} published`,
    `${count('failed')} failed`,
    `${count('skipped')} skipped`,
  ];
  for (const kind of ['removed', 'superseded', 'retry', 'dead-letter'] as const) {
    if (count(kind)) parts.push(`${count(kind)} ${kind === 'retry' ? 'to retry' : kind}`);
  }
  return `batch ${batchNumber} (${size} message${size === 1 ? '' : 's'}): ${parts.join(', ')} in ${(ms / 1000).toFixed(2)} s`;
}

/** Control characters and line breaks in hostile headlines must not forge progress lines. */
export function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').slice(0, 300);
}

function lambdaContext(options: DeliveryOptions): Context {
  const deadline = Date.now() + (options.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS);
  const functionName = options.functionName ?? 'schemapress-ingest-local';
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`the handler timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
