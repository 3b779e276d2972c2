/** Writes and deletes enriched pages in the publish bucket. */
import { DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** Pages change when their source changes; caches revalidate after five minutes. */
export const DEFAULT_PAGE_CACHE_CONTROL = 'public, max-age=300';

export interface PublishedPage {
  readonly bucket: string;
  readonly key: string;
  readonly body: Uint8Array;
  /** Charset label of `body`, e.g. `utf-8`. */
  readonly encoding: string;
  /** @default DEFAULT_PAGE_CACHE_CONTROL */
  readonly cacheControl?: string;
  /** Small string metadata stored with the object (e.g. the source key). */
  readonly metadata?: Readonly<Record<string, string>>;
}

export async function putPublishedPage(s3: S3Client, page: PublishedPage): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: page.bucket,
      Key: page.key,
      Body: page.body,
      ContentType: `text/html; charset=${page.encoding}`,
      CacheControl: page.cacheControl ?? DEFAULT_PAGE_CACHE_CONTROL,
      ...(page.metadata ? { Metadata: { ...page.metadata } } : {}),
    }),
  );
}

/** Deletes a page; deleting a page that does not exist succeeds (S3 semantics). */
export async function deletePublishedPage(s3: S3Client, bucket: string, key: string): Promise<void> {
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
}
