/**
 * Which DynamoDB stream records change what discovery lists. The article table streams
 * every write (ingest retries, failed files, validation reports); regenerating the files is
 * worth it only when a published article appears, disappears or changes what is listed.
 */
import { ARTICLE_TABLE } from '../../contract';
import type { ArticleRecord } from '../record';
import { type DiscoveryArticle, toDiscoveryArticle } from './model';

/** A DynamoDB attribute value as streams deliver it (`{ S: 'x' }`, `{ M: {...} }`, …). */
export type StreamAttributeValue = { readonly [type: string]: unknown };
export type StreamImage = { readonly [attribute: string]: StreamAttributeValue | undefined };

/** The parts of a DynamoDB stream record this decision reads (structurally an aws-lambda DynamoDBRecord). */
export interface StreamRecordLike {
  readonly eventName?: string;
  readonly dynamodb?: {
    readonly Keys?: StreamImage;
    readonly OldImage?: StreamImage;
    readonly NewImage?: StreamImage;
  };
}

/** Record attributes that feed a listing; a change in any other attribute changes no file. */
export const LISTED_ATTRIBUTES = [
  ARTICLE_TABLE.publishedIndex.partitionKey,
  ARTICLE_TABLE.publishedIndex.sortKey,
  'status',
  'facts',
  'publishedUrl',
  'publishedKey',
] as const;

const PUBLISHED_STATUS = 'published';

/** JSON with object keys sorted and DynamoDB sets (SS/NS/BS) sorted, so equal values compare equal. */
function canonical(value: unknown, setType = false): string {
  if (Array.isArray(value)) {
    const items = value.map((item) => canonical(item));
    return `[${(setType ? items.sort() : items).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
      .map(
        ([key, item]) =>
          `${JSON.stringify(key)}:${canonical(item, key === 'SS' || key === 'NS' || key === 'BS')}`,
      );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const isListed = (image: StreamImage | undefined): boolean =>
  image?.[ARTICLE_TABLE.publishedIndex.partitionKey] !== undefined;

const statusOf = (image: StreamImage | undefined): unknown => image?.status?.S;

/**
 * True when the record may change a discovery file:
 * - no images (a KEYS_ONLY stream): cannot tell, so yes;
 * - neither side listed in the published index and no move to or from `published`: no;
 * - only one image (INSERT, REMOVE, or a NEW_IMAGE-only stream): yes when that side is listed;
 * - both images: yes when any listed attribute differs.
 */
export function changesListing(record: StreamRecordLike): boolean {
  const oldImage = record.dynamodb?.OldImage;
  const newImage = record.dynamodb?.NewImage;
  if (!oldImage && !newImage) return true;
  const statusChanged =
    statusOf(oldImage) !== statusOf(newImage) &&
    (statusOf(oldImage) === PUBLISHED_STATUS || statusOf(newImage) === PUBLISHED_STATUS);
  if (!isListed(oldImage) && !isListed(newImage)) return statusChanged;
  if (!oldImage || !newImage) return true;
  return (
    statusChanged ||
    LISTED_ATTRIBUTES.some((attribute) => canonical(oldImage[attribute]) !== canonical(newImage[attribute]))
  );
}

/** True when any record of the batch may change a discovery file. */
export function batchChangesListing(records: readonly StreamRecordLike[]): boolean {
  return records.some(changesListing);
}

/** A stream attribute value as a plain value (binary values are not part of an article record). */
export function fromAttributeValue(value: StreamAttributeValue | undefined): unknown {
  if (!value) return undefined;
  if (typeof value.S === 'string') return value.S;
  if (typeof value.N === 'string') return Number(value.N);
  if (typeof value.BOOL === 'boolean') return value.BOOL;
  if (value.NULL === true) return null;
  if (Array.isArray(value.SS)) return [...value.SS];
  if (Array.isArray(value.NS)) return value.NS.map(Number);
  if (Array.isArray(value.L)) return value.L.map((item) => fromAttributeValue(item as StreamAttributeValue));
  if (value.M && typeof value.M === 'object') return fromImage(value.M as StreamImage);
  return undefined;
}

/** A stream image as a plain object. */
export function fromImage(image: StreamImage): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(image)) {
    const converted = fromAttributeValue(value);
    if (converted !== undefined) plain[name] = converted;
  }
  return plain;
}

const idOf = (record: StreamRecordLike): string | undefined => {
  const key = ARTICLE_TABLE.partitionKey;
  const id =
    record.dynamodb?.Keys?.[key] ?? record.dynamodb?.NewImage?.[key] ?? record.dynamodb?.OldImage?.[key];
  return typeof id?.S === 'string' ? id.S : undefined;
};

/**
 * The published list with a batch's own changes applied on top, in stream order: a record
 * whose new image is listed replaces or adds its article, one whose new image is not (or a
 * REMOVE) takes it out. The published index is eventually consistent, so a Query made right
 * after a write may not show it yet; the stream images that triggered the run always do.
 */
export function applyStreamChanges(
  articles: readonly DiscoveryArticle[],
  records: readonly StreamRecordLike[],
): DiscoveryArticle[] {
  const byId = new Map(articles.map((article) => [article.id, article]));
  for (const record of records) {
    const id = idOf(record);
    const newImage = record.dynamodb?.NewImage;
    if (id === undefined || (!newImage && record.eventName !== 'REMOVE')) continue;
    if (newImage && isListed(newImage) && statusOf(newImage) === PUBLISHED_STATUS) {
      byId.set(id, toDiscoveryArticle(fromImage(newImage) as unknown as ArticleRecord));
    } else {
      byId.delete(id);
    }
  }
  return [...byId.values()];
}
