/**
 * SDK clients the local runtime itself uses (uploading incoming files, listing, serving the
 * site, reading records), pointed at the emulators. The handler keeps its own clients from
 * lambdas/adapters; these are separate so the runtime can be loaded before the handler's
 * environment is set (the adapters read it when first imported).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  HeadObjectCommand,
  type HeadObjectCommandOutput,
  ListObjectsCommand,
  type ListObjectsCommandOutput,
  S3Client,
} from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { ArticleRecord } from '../lambdas/core/record';
import { DEFAULT_REGION, stripQuotes } from './s3-notification';

/**
 * s3rver knows exactly one key pair (S3RVER / S3RVER) and refuses any other access key id;
 * dynalite accepts anything. Explicit, so the SDK never looks for real credentials.
 */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export function createLocalS3Client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: DEFAULT_REGION,
    credentials: EMULATOR_CREDENTIALS,
    forcePathStyle: true,
    // s3rver mangles uploads framed with the SDK's default streaming checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 5,
  });
}

export function createLocalDocumentClient(endpoint: string): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint,
      region: DEFAULT_REGION,
      credentials: EMULATOR_CREDENTIALS,
      maxAttempts: 5,
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
}

export interface ListedObject {
  readonly key: string;
  /** Without quotes. */
  readonly eTag: string;
  readonly size: number;
  readonly lastModified?: Date;
}

/**
 * Every object under `prefix`. Pages with ListObjects (v1) markers: s3rver builds v2
 * continuation tokens with DES, which Node 17+ refuses without --openssl-legacy-provider.
 */
export async function listAllObjects(s3: S3Client, bucket: string, prefix = ''): Promise<ListedObject[]> {
  const objects: ListedObject[] = [];
  let marker: string | undefined;
  for (;;) {
    const page: ListObjectsCommandOutput = await s3.send(
      new ListObjectsCommand({ Bucket: bucket, Prefix: prefix, ...(marker ? { Marker: marker } : {}) }),
    );
    for (const item of page.Contents ?? []) {
      if (item.Key === undefined) continue;
      objects.push({
        key: item.Key,
        eTag: stripQuotes(item.ETag ?? ''),
        size: item.Size ?? 0,
        ...(item.LastModified ? { lastModified: item.LastModified } : {}),
      });
    }
    const last = page.Contents?.at(-1)?.Key;
    if (!page.IsTruncated || last === undefined) return objects;
    marker = last;
  }
}

/** HeadObject, or undefined when the object does not exist. */
export async function headObject(
  s3: S3Client,
  bucket: string,
  key: string,
): Promise<HeadObjectCommandOutput | undefined> {
  try {
    return await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

/** Every article record (a full Scan: fine for a local table, never done in AWS). */
export async function scanAllRecords(
  documents: DynamoDBDocumentClient,
  tableName: string,
): Promise<ArticleRecord[]> {
  const records: ArticleRecord[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({ TableName: tableName, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }),
    );
    records.push(...((page.Items ?? []) as ArticleRecord[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return records;
}
