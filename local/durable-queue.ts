/**
 * A small on-disk stand-in for the SQS queue between the source bucket and the ingest Lambda.
 *
 * Like SQS: a message stays until it is acknowledged; every receive counts; a message whose
 * processing failed becomes visible again after a delay (exponential backoff here, where SQS
 * uses the visibility timeout); after `maxReceiveCount` receives it moves to the dead-letter
 * folder. Every change is written (atomically: temp file + rename) before the call returns,
 * so killing the process at any point loses nothing: what was being processed is delivered
 * again on the next start, with its receive count kept.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QueuedMessage } from './s3-notification';

/** Same as the dead-letter redrive policy of the deployed queue. */
export const DEFAULT_MAX_RECEIVE_COUNT = 5;
/** First retry delay; doubled on each further failure. */
export const DEFAULT_RETRY_BASE_DELAY_MS = 500;
export const DEFAULT_RETRY_MAX_DELAY_MS = 30_000;

export interface DurableQueueOptions {
  /** Folder holding one JSON file per message waiting or being processed. */
  readonly queueDir: string;
  /** Folder receiving one JSON file per message given up on. */
  readonly deadLetterDir: string;
  /** @default DEFAULT_MAX_RECEIVE_COUNT */
  readonly maxReceiveCount?: number;
  /** @default DEFAULT_RETRY_BASE_DELAY_MS */
  readonly retryBaseDelayMs?: number;
  /** @default DEFAULT_RETRY_MAX_DELAY_MS */
  readonly retryMaxDelayMs?: number;
  /** @default Date.now */
  readonly clock?: () => number;
}

interface StoredMessage extends QueuedMessage {
  /** Send order; file names alone would not keep it. */
  readonly order: number;
}

export interface DeadLetter extends QueuedMessage {
  readonly deadLetteredAt: string;
  readonly lastError: string;
}

export type ReleaseOutcome = 'retry' | 'dead-letter';

export class DurableQueue {
  private readonly messages = new Map<string, StoredMessage>();
  private readonly inFlight = new Set<string>();
  private readonly visibleAt = new Map<string, number>();
  private readonly maxReceiveCount: number;
  private readonly retryBaseDelayMs: number;
  private readonly retryMaxDelayMs: number;
  private readonly clock: () => number;
  private nextOrder = 0;

  constructor(private readonly options: DurableQueueOptions) {
    this.maxReceiveCount = options.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT;
    this.retryBaseDelayMs = options.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS;
    this.retryMaxDelayMs = options.retryMaxDelayMs ?? DEFAULT_RETRY_MAX_DELAY_MS;
    this.clock = options.clock ?? Date.now;
    mkdirSync(options.queueDir, { recursive: true });
    mkdirSync(options.deadLetterDir, { recursive: true });
    this.loadPersistedMessages();
  }

  /** Messages waiting or being processed. */
  get depth(): number {
    return this.messages.size;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Persists a new message and returns it; durable when this returns. */
  send(body: string): QueuedMessage {
    const message: StoredMessage = {
      messageId: randomUUID(),
      body,
      sentAt: this.clock(),
      receiveCount: 0,
      order: this.nextOrder++,
    };
    this.persist(message);
    this.messages.set(message.messageId, message);
    return message;
  }

  /** Up to `max` visible messages, oldest first; each one's receive count is incremented and persisted. */
  receive(max: number): QueuedMessage[] {
    const now = this.clock();
    const visible = [...this.messages.values()]
      .filter((m) => !this.inFlight.has(m.messageId) && (this.visibleAt.get(m.messageId) ?? 0) <= now)
      .sort((a, b) => a.order - b.order)
      .slice(0, max);
    return visible.map((message) => {
      const received: StoredMessage = {
        ...message,
        receiveCount: message.receiveCount + 1,
        firstReceivedAt: message.firstReceivedAt ?? now,
      };
      this.persist(received);
      this.messages.set(received.messageId, received);
      this.inFlight.add(received.messageId);
      return received;
    });
  }

  /** The message was processed: delete it. */
  ack(messageId: string): void {
    this.inFlight.delete(messageId);
    this.visibleAt.delete(messageId);
    if (this.messages.delete(messageId)) rmSync(this.messagePath(messageId), { force: true });
  }

  /** The message failed: retry it later, or dead-letter it once it has been received `maxReceiveCount` times. */
  release(messageId: string, reason: string): ReleaseOutcome {
    const message = this.messages.get(messageId);
    this.inFlight.delete(messageId);
    if (!message) return 'retry';
    if (message.receiveCount >= this.maxReceiveCount) {
      const { order: _order, ...rest } = message;
      const letter: DeadLetter = {
        ...rest,
        deadLetteredAt: new Date(this.clock()).toISOString(),
        lastError: reason,
      };
      writeAtomically(
        join(this.options.deadLetterDir, `${messageId}.json`),
        `${JSON.stringify(letter, null, 2)}\n`,
      );
      this.ack(messageId);
      return 'dead-letter';
    }
    const delay = Math.min(this.retryMaxDelayMs, this.retryBaseDelayMs * 2 ** (message.receiveCount - 1));
    this.visibleAt.set(messageId, this.clock() + delay);
    return 'retry';
  }

  /** Epoch ms when the next waiting message becomes visible; undefined when none waits. */
  nextVisibleAt(): number | undefined {
    let earliest: number | undefined;
    for (const id of this.messages.keys()) {
      if (this.inFlight.has(id)) continue;
      const at = this.visibleAt.get(id) ?? 0;
      earliest = earliest === undefined ? at : Math.min(earliest, at);
    }
    return earliest;
  }

  /** Bodies of the messages not yet acknowledged (waiting or in flight). */
  pendingBodies(): string[] {
    return [...this.messages.values()].map((m) => m.body);
  }

  /** Messages given up on, oldest first. */
  deadLetters(): DeadLetter[] {
    return readJsonFiles<DeadLetter>(this.options.deadLetterDir).sort((a, b) =>
      a.deadLetteredAt.localeCompare(b.deadLetteredAt),
    );
  }

  private loadPersistedMessages(): void {
    const stored = readJsonFiles<StoredMessage>(this.options.queueDir).sort(
      (a, b) => a.order - b.order || a.sentAt - b.sentAt,
    );
    // Renumber so new sends sort after everything recovered from disk.
    for (const message of stored) {
      const renumbered = { ...message, order: this.nextOrder++ };
      this.messages.set(message.messageId, renumbered);
    }
  }

  private persist(message: StoredMessage): void {
    writeAtomically(this.messagePath(message.messageId), JSON.stringify(message));
  }

  private messagePath(messageId: string): string {
    return join(this.options.queueDir, `${messageId}.json`);
  }
}

function writeAtomically(path: string, content: string): void {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

function readJsonFiles<T>(dir: string): T[] {
  const items: T[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.json')) continue;
    try {
      items.push(JSON.parse(readFileSync(join(dir, name), 'utf8')) as T);
    } catch {
      // A torn temp write never has the .json name; an unreadable file is left for the operator.
    }
  }
  return items;
}
