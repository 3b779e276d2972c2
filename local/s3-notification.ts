/**
 * Turns object changes seen by the local runtime into S3 event notifications shaped exactly
 * like AWS's (event version 2.1, URL-encoded keys, a real bucket ARN, hex sequencers), wrapped
 * in SQS messages as an S3 -> SQS -> Lambda subscription delivers them.
 *
 * s3rver emits its own 'event' objects, but they differ from S3's in ways that matter to the
 * ingest handler (raw keys, event version 2.0, `arn:aws:s3: : :bucket`, time-based
 * sequencers that collide within a millisecond), so only the facts are taken from them.
 * Pure: no I/O.
 */
import { createHash } from 'node:crypto';
import type { S3Event, S3EventRecord, SQSEvent, SQSRecord } from 'aws-lambda';

/** Region reported in events and ARNs; the emulators ignore it. */
export const DEFAULT_REGION = 'us-east-1';
/** Account id used in the ARNs of the emulated queue (the documented example account). */
export const DEFAULT_ACCOUNT_ID = '000000000000';
/** Name of the emulated notification queue, used in `eventSourceARN`. */
export const DEFAULT_QUEUE_NAME = 'schemapress-ingest';
/** Configuration id of the emulated bucket notification. */
export const DEFAULT_CONFIGURATION_ID = 'schemapress-local-ingest';

export type ObjectChangeKind =
  | 'ObjectCreated:Put'
  | 'ObjectCreated:Post'
  | 'ObjectCreated:Copy'
  | 'ObjectRemoved:Delete';

/** One change to one object, with the raw (decoded) key. */
export interface ObjectChange {
  readonly eventName: ObjectChangeKind;
  readonly bucket: string;
  readonly key: string;
  /** Absent for removals. */
  readonly size?: number;
  /** Without quotes, as S3 puts it in events. */
  readonly eTag?: string;
  readonly versionId?: string;
}

const CHARACTERS_S3_ALSO_ENCODES = /[!'()*]/g;

/**
 * Encodes a key the way S3 does in event notifications: form-URL encoding (UTF-8 percent
 * escapes, a space becomes `+`, a literal `+` becomes `%2B`), with `/` left as is.
 */
export function encodeS3EventKey(key: string): string {
  return key
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment)
        .replace(CHARACTERS_S3_ALSO_ENCODES, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
        .replace(/%20/g, '+'),
    )
    .join('/');
}

/** The inverse of `encodeS3EventKey`, as a Lambda consumer decodes keys. */
export function decodeS3EventKey(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

interface S3rverEventRecord {
  readonly eventName?: unknown;
  readonly s3?: {
    readonly bucket?: { readonly name?: unknown };
    readonly object?: { readonly key?: unknown; readonly size?: unknown; readonly eTag?: unknown };
  };
}

const KNOWN_EVENT_NAMES: ReadonlySet<string> = new Set<ObjectChangeKind>([
  'ObjectCreated:Put',
  'ObjectCreated:Post',
  'ObjectCreated:Copy',
  'ObjectRemoved:Delete',
]);

/**
 * Reads the facts out of an event emitted by s3rver (`server.on('event', …)`): its keys are
 * raw (not encoded), which is what we want here. Returns [] for anything unrecognised.
 */
export function changesFromS3rverEvent(event: unknown): ObjectChange[] {
  const records = (event as { Records?: unknown } | null)?.Records;
  if (!Array.isArray(records)) return [];
  const changes: ObjectChange[] = [];
  for (const record of records as S3rverEventRecord[]) {
    const eventName = record?.eventName;
    const bucket = record?.s3?.bucket?.name;
    const object = record?.s3?.object;
    if (typeof eventName !== 'string' || !KNOWN_EVENT_NAMES.has(eventName)) continue;
    if (typeof bucket !== 'string' || typeof object?.key !== 'string') continue;
    changes.push({
      eventName: eventName as ObjectChangeKind,
      bucket,
      key: object.key,
      ...(typeof object.size === 'number' ? { size: object.size } : {}),
      ...(typeof object.eTag === 'string' ? { eTag: stripQuotes(object.eTag) } : {}),
    });
  }
  return changes;
}

export function stripQuotes(eTag: string): string {
  return eTag.replace(/^"+|"+$/g, '');
}

export interface NotificationOptions {
  readonly sequencer: string;
  readonly eventTime: Date;
  /** @default DEFAULT_REGION */
  readonly region?: string;
  /** Request id shared by the response elements; derived from the sequencer when absent. */
  readonly requestId?: string;
}

/** One S3 event notification record, as S3 writes it (event version 2.1). */
export function toS3EventRecord(change: ObjectChange, options: NotificationOptions): S3EventRecord {
  const requestId =
    options.requestId ??
    createHash('sha256').update(options.sequencer).digest('hex').slice(0, 16).toUpperCase();
  const object: S3EventRecord['s3']['object'] = {
    key: encodeS3EventKey(change.key),
    sequencer: options.sequencer,
  } as S3EventRecord['s3']['object'];
  // S3 omits size and eTag on removals; the type says they are always there, the wire says not.
  if (change.size !== undefined) object.size = change.size;
  if (change.eTag !== undefined) object.eTag = change.eTag;
  if (change.versionId !== undefined) object.versionId = change.versionId;
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: options.region ?? DEFAULT_REGION,
    eventTime: options.eventTime.toISOString(),
    eventName: change.eventName,
    userIdentity: { principalId: 'AWS:SCHEMAPRESSLOCAL' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: {
      'x-amz-request-id': requestId,
      'x-amz-id-2': createHash('sha256').update(requestId).digest('base64'),
    },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: DEFAULT_CONFIGURATION_ID,
      bucket: {
        name: change.bucket,
        ownerIdentity: { principalId: 'SCHEMAPRESSLOCAL' },
        arn: `arn:aws:s3:::${change.bucket}`,
      },
      object,
    },
  };
}

/** The body S3 sends to SQS: one record per message. */
export function toS3EventBody(change: ObjectChange, options: NotificationOptions): string {
  const event: S3Event = { Records: [toS3EventRecord(change, options)] };
  return JSON.stringify(event);
}

/** A message as the emulated queue stores it. */
export interface QueuedMessage {
  readonly messageId: string;
  readonly body: string;
  /** Epoch ms when the message was first sent. */
  readonly sentAt: number;
  /** How many times it has been handed to the handler (SQS ApproximateReceiveCount). */
  readonly receiveCount: number;
  /** Epoch ms when it was first received, once it has been. */
  readonly firstReceivedAt?: number;
}

export interface SqsEventOptions {
  /** @default DEFAULT_REGION */
  readonly region?: string;
  /** @default DEFAULT_QUEUE_NAME */
  readonly queueName?: string;
}

/** Wraps queued messages in the event an SQS event source mapping hands to Lambda. */
export function toSqsEvent(messages: readonly QueuedMessage[], options: SqsEventOptions = {}): SQSEvent {
  const region = options.region ?? DEFAULT_REGION;
  const queueArn = `arn:aws:sqs:${region}:${DEFAULT_ACCOUNT_ID}:${options.queueName ?? DEFAULT_QUEUE_NAME}`;
  return {
    Records: messages.map(
      (message): SQSRecord => ({
        messageId: message.messageId,
        receiptHandle: `${message.messageId}#${message.receiveCount}`,
        body: message.body,
        attributes: {
          ApproximateReceiveCount: String(message.receiveCount),
          SentTimestamp: String(message.sentAt),
          SenderId: 'AIDAS3NOTIFICATIONS',
          ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
        },
        messageAttributes: {},
        md5OfBody: createHash('md5').update(message.body).digest('hex'),
        eventSource: 'aws:sqs',
        eventSourceARN: queueArn,
        awsRegion: region,
      }),
    ),
  };
}

/** The (decoded) object keys and sequencers a message body names; [] when it is not an S3 event. */
export function objectsInMessage(body: string): { key: string; sequencer: string; eventName: string }[] {
  try {
    const parsed = JSON.parse(body) as { Records?: unknown };
    if (!Array.isArray(parsed.Records)) return [];
    return (parsed.Records as S3EventRecord[]).flatMap((record) =>
      typeof record?.s3?.object?.key === 'string'
        ? [
            {
              key: decodeS3EventKey(record.s3.object.key),
              sequencer: String(record.s3.object.sequencer ?? ''),
              eventName: String(record.eventName ?? ''),
            },
          ]
        : [],
    );
  } catch {
    return [];
  }
}
