/** Reads article files from the source bucket. */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { InputTooLargeError } from '../core/errors';

export interface SourceObjectRequest {
  readonly bucket: string;
  readonly key: string;
  /** Read this exact version (the one the event is about) when the bucket is versioned. */
  readonly versionId?: string;
  /** Refuse objects larger than this many bytes, without reading their body. */
  readonly maxBytes: number;
}

export interface SourceObject {
  readonly bytes: Uint8Array;
  readonly contentType?: string;
  readonly eTag?: string;
  readonly versionId?: string;
}

/**
 * Reads one source object. The size is checked again here (the object may have been replaced
 * since the event was sent): an object over `maxBytes` throws InputTooLargeError unread.
 */
export async function getSourceObject(s3: S3Client, request: SourceObjectRequest): Promise<SourceObject> {
  const response = await s3.send(
    new GetObjectCommand({
      Bucket: request.bucket,
      Key: request.key,
      ...(request.versionId ? { VersionId: request.versionId } : {}),
    }),
  );
  const body = response.Body;
  if (response.ContentLength !== undefined && response.ContentLength > request.maxBytes) {
    body?.transformToWebStream().cancel();
    throw new InputTooLargeError(response.ContentLength, request.maxBytes);
  }
  const bytes = body ? await body.transformToByteArray() : new Uint8Array();
  if (bytes.byteLength > request.maxBytes) throw new InputTooLargeError(bytes.byteLength, request.maxBytes);
  return {
    bytes,
    ...(response.ContentType ? { contentType: response.ContentType } : {}),
    ...(response.ETag ? { eTag: response.ETag } : {}),
    ...(response.VersionId ? { versionId: response.VersionId } : {}),
  };
}
