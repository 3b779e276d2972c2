import { decodeS3Key, parseNotificationBody } from '../../lambdas/core/s3-event';
import {
  changesFromS3rverEvent,
  encodeS3EventKey,
  objectsInMessage,
  toS3EventBody,
  toS3EventRecord,
  toSqsEvent,
} from '../../local/s3-notification';

/** What s3rver 3.7 emits for a PUT: raw key, version 2.0, a broken ARN, a time-based sequencer. */
function s3rverPutEvent(key: string) {
  return {
    Records: [
      {
        eventVersion: '2.0',
        eventSource: 'aws:s3',
        awsRegion: 'us-east-1',
        eventTime: '2025-01-01T00:00:00.000Z',
        eventName: 'ObjectCreated:Put',
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'testConfigId',
          bucket: { name: 'source', ownerIdentity: { principalId: 'X' }, arn: 'arn:aws:s3: : :source' },
          object: { key, sequencer: '18C1F0D7A00', size: 11, eTag: '5eb63bbbe01eeed093cb22bb8f5acdc3' },
        },
      },
    ],
  };
}

describe('encodeS3EventKey', () => {
  it.each([
    ['incoming/plain.html', 'incoming/plain.html'],
    ['incoming/a b.html', 'incoming/a+b.html'],
    ['incoming/a+b.html', 'incoming/a%2Bb.html'],
    ['incoming/café/ü.md', 'incoming/caf%C3%A9/%C3%BC.md'],
    ['incoming/report (1).txt', 'incoming/report+%281%29.txt'],
    ['incoming/100%.html', 'incoming/100%25.html'],
  ])('GIVEN the key %j WHEN encoded THEN it reads %j, as S3 writes it in events', (key, encoded) => {
    expect(encodeS3EventKey(key)).toBe(encoded);
  });

  it('GIVEN hostile keys WHEN encoded and decoded as the handler does THEN the key comes back unchanged', () => {
    for (const key of ['a/b c+d', 'ü ß/漢字.md', "x'y!(z)*.html", 'sp  aces/+plus+', 'emoji 😀.txt']) {
      expect(decodeS3Key(encodeS3EventKey(key))).toBe(key);
    }
  });
});

describe('changesFromS3rverEvent', () => {
  it('GIVEN an s3rver PUT event WHEN read THEN the raw key, size and unquoted eTag are kept', () => {
    expect(changesFromS3rverEvent(s3rverPutEvent('incoming/a b.html'))).toEqual([
      {
        eventName: 'ObjectCreated:Put',
        bucket: 'source',
        key: 'incoming/a b.html',
        size: 11,
        eTag: '5eb63bbbe01eeed093cb22bb8f5acdc3',
      },
    ]);
  });

  it('GIVEN things that are not s3rver events WHEN read THEN there are no changes', () => {
    expect(changesFromS3rverEvent(undefined)).toEqual([]);
    expect(changesFromS3rverEvent({ Records: 'x' })).toEqual([]);
    expect(changesFromS3rverEvent({ Records: [{ eventName: 'ObjectRestore:Post', s3: {} }] })).toEqual([]);
  });
});

describe('toS3EventRecord', () => {
  it('GIVEN a change WHEN turned into a notification THEN it has the real S3 shape (2.1, ARN, encoded key)', () => {
    const record = toS3EventRecord(
      { eventName: 'ObjectCreated:Put', bucket: 'source', key: 'incoming/a b+c.html', size: 3, eTag: 'abc' },
      { sequencer: '0000000000000000A1', eventTime: new Date('2025-01-02T03:04:05Z') },
    );
    expect(record).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventTime: '2025-01-02T03:04:05.000Z',
      eventName: 'ObjectCreated:Put',
      s3: {
        s3SchemaVersion: '1.0',
        bucket: { name: 'source', arn: 'arn:aws:s3:::source' },
        object: { key: 'incoming/a+b%2Bc.html', size: 3, eTag: 'abc', sequencer: '0000000000000000A1' },
      },
    });
  });

  it('GIVEN a removal WHEN turned into a notification THEN it carries no size or eTag, as S3 sends it', () => {
    const record = toS3EventRecord(
      { eventName: 'ObjectRemoved:Delete', bucket: 'source', key: 'incoming/x.html' },
      { sequencer: '01', eventTime: new Date() },
    );
    expect(record.s3.object).toEqual({ key: 'incoming/x.html', sequencer: '01' });
  });

  it("GIVEN a body built here WHEN parsed by the handler's own parser THEN it yields the same decoded event", () => {
    const body = toS3EventBody(
      { eventName: 'ObjectCreated:Put', bucket: 'source', key: 'incoming/ü x.md', size: 5, eTag: 'e' },
      { sequencer: '00000000000000000F', eventTime: new Date() },
    );
    const parsed = parseNotificationBody(body);
    expect(parsed.kind).toBe('records');
    if (parsed.kind !== 'records') return;
    expect(parsed.ignored).toEqual([]);
    expect(parsed.events).toEqual([
      expect.objectContaining({
        action: 'created',
        key: 'incoming/ü x.md',
        sequencer: '00000000000000000F',
        size: 5,
      }),
    ]);
    expect(objectsInMessage(body)).toEqual([
      { key: 'incoming/ü x.md', sequencer: '00000000000000000F', eventName: 'ObjectCreated:Put' },
    ]);
  });
});

describe('toSqsEvent', () => {
  it('GIVEN queued messages WHEN wrapped THEN each is an SQS record with the receive count and the queue ARN', () => {
    const event = toSqsEvent([
      { messageId: 'm1', body: '{"Records":[]}', sentAt: 1000, receiveCount: 2, firstReceivedAt: 1500 },
    ]);
    expect(event.Records).toHaveLength(1);
    expect(event.Records[0]).toMatchObject({
      messageId: 'm1',
      body: '{"Records":[]}',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:schemapress-ingest',
      attributes: {
        ApproximateReceiveCount: '2',
        SentTimestamp: '1000',
        ApproximateFirstReceiveTimestamp: '1500',
      },
    });
    expect(event.Records[0]?.md5OfBody).toMatch(/^[0-9a-f]{32}$/);
  });
});
