/**
 * SDK clients the local runtime itself uses (uploading incoming files, listing, serving the
 * site, reading records), pointed at the emulators with the same settings as the handler's
 * (lambdas/adapters/emulator-clients.ts). The handler keeps its own client instances from
 * lambdas/adapters/clients.ts; these are separate so the runtime can be loaded before the
 * handler's environment is set (Powertools reads it when first imported).
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
import { emulatorDynamoConfig, emulatorS3Config } from '../lambdas/adapters/emulator-clients';

import type { ArticleRecord } from '../lambdas/core/record';
import { DEFAULT_REGION, stripQuotes } from './s3-notification';

export { EMULATOR_CREDENTIALS } from '../lambdas/adapters/emulator-clients';

/** The emulators answer on this machine: retry a little more than the SDK's default 3 attempts. */
const LOCAL_MAX_ATTEMPTS = 5;

export function createLocalS3Client(endpoint: string): S3Client {
  return new S3Client({ ...emulatorS3Config(endpoint, DEFAULT_REGION), maxAttempts: LOCAL_MAX_ATTEMPTS });
}

export function createLocalDocumentClient(endpoint: string): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      ...emulatorDynamoConfig(endpoint, DEFAULT_REGION),
      maxAttempts: LOCAL_MAX_ATTEMPTS,
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
