/**
 * S3 event notifications shaped exactly like AWS's (event structure version 2.1), wrapped in
 * SQS messages as the Lambda SQS event source delivers them. Keys are URL-encoded as S3 does
 * (spaces as `+`, `+` as `%2B`, non-ASCII percent-encoded).
 */
import { randomUUID } from 'node:crypto';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { encodeS3Key } from '../../lambdas/core/s3-event';

export const TEST_REGION = 'eu-west-1';
const QUEUE_ARN = `arn:aws:sqs:${TEST_REGION}:123456789012:schemapress-ingest`;

export interface ObjectEventSpec {
  readonly bucket: string;
  /** The object key, unencoded; encoded here as S3 would. */
  readonly key: string;
  /** @default 'ObjectCreated:Put' */
  readonly eventName?: string;
  /** Omitted for removals unless given. */
  readonly size?: number;
  readonly eTag?: string;
  readonly versionId?: string;
  readonly sequencer: string;
  /** @default now */
  readonly eventTime?: string;
}

/** One S3 event record (as found in `Records` of a notification). */
export function s3EventRecord(spec: ObjectEventSpec): Record<string, unknown> {
  const eventName = spec.eventName ?? 'ObjectCreated:Put';
  const removal = eventName.startsWith('ObjectRemoved:');
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: TEST_REGION,
    eventTime: spec.eventTime ?? new Date().toISOString(),
    eventName,
    userIdentity: { principalId: 'AWS:AIDAEXAMPLEPRINCIPAL' },
    requestParameters: { sourceIPAddress: '203.0.113.10' },
    responseElements: {
      'x-amz-request-id': 'C3D13FE58DE4C810',
      'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD',
    },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'schemapress-ingest',
      bucket: {
        name: spec.bucket,
        ownerIdentity: { principalId: 'A3NL1KOZZKExample' },
        arn: `arn:aws:s3:::${spec.bucket}`,
      },
      object: {
        key: encodeS3Key(spec.key),
        ...(removal && spec.size === undefined ? {} : { size: spec.size ?? 0 }),
        ...(removal ? {} : { eTag: spec.eTag ?? 'd41d8cd98f00b204e9800998ecf8427e' }),
        ...(spec.versionId ? { versionId: spec.versionId } : {}),
        sequencer: spec.sequencer,
      },
    },
  };
}

/** An SQS message whose body is a notification holding `records`. */
export function sqsMessage(records: readonly Record<string, unknown>[], messageId = randomUUID()): SQSRecord {
  return sqsMessageWithBody(JSON.stringify({ Records: records }), messageId);
}

export function sqsMessageWithBody(body: string, messageId = randomUUID()): SQSRecord {
  const now = String(Date.now());
  return {
    messageId,
    receiptHandle: `AQEB${Buffer.from(messageId).toString('base64')}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: now,
      SenderId: 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: now,
    },
    messageAttributes: {},
    md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
    eventSource: 'aws:sqs',
    eventSourceARN: QUEUE_ARN,
    awsRegion: TEST_REGION,
  };
}

/** The setup probe S3 sends when a notification configuration is created. */
export function s3TestEventBody(bucket: string): string {
  return JSON.stringify({
    Service: 'Amazon S3',
    Event: 's3:TestEvent',
    Time: new Date().toISOString(),
    Bucket: bucket,
    RequestId: '5582815E1AEA5ADF',
    HostId: '8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE',
  });
}

export function sqsEvent(...messages: SQSRecord[]): SQSEvent {
  return { Records: messages };
}

/** A Lambda context good enough for Powertools (the local runtime passes one like it). */
export function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'schemapress-ingest',
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${TEST_REGION}:123456789012:function:schemapress-ingest`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/schemapress-ingest',
    logStreamName: '2026/11/28/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Increasing hex sequencers like S3's (`0055AED6DCD90281E5`), one per call. */
export function sequencerSource(start = 0x0055aed6dcd90281e5n): () => string {
  let next = start;
  return () => {
    const value = next.toString(16).toUpperCase().padStart(18, '0');
    next += 0x100n;
    return value;
  };
}
