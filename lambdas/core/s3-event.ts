/**
 * Pure helpers for S3 event notifications as delivered through SQS: parsing a message body,
 * decoding object keys exactly as S3 encodes them, ordering events by `sequencer`, and
 * deriving the article id and published key from a source key.
 *
 * Message bodies are untrusted input: parsing never throws, it classifies.
 */
import { PREFIXES } from '../contract';

/**
 * Width every sequencer is left-padded to before it is stored or compared. S3 sequencers
 * are hex strings of varying length (typically 16-18 digits); 32 leaves ample room while
 * keeping the stored attribute small.
 */
export const SEQUENCER_WIDTH = 32;

const HEX_PATTERN = /^[0-9A-Fa-f]+$/;
const PLUS_PATTERN = /\+/g;
const ENCODED_SPACE_PATTERN = /%20/g;
const ENCODED_SLASH_PATTERN = /%2F/gi;

export type ObjectEventAction = 'created' | 'removed';

/** One S3 object event, with the key decoded and the fields the pipeline needs. */
export interface ObjectEvent {
  readonly action: ObjectEventAction;
  /** As delivered, e.g. `ObjectCreated:Put`. */
  readonly eventName: string;
  readonly eventTime?: string;
  readonly bucket: string;
  /** The decoded object key (`incoming/a b+c.html`). */
  readonly key: string;
  /** The key as it appeared in the event (`incoming/a+b%2Bc.html`). */
  readonly encodedKey: string;
  readonly size?: number;
  readonly eTag?: string;
  readonly versionId?: string;
  readonly sequencer: string;
}

/** What one SQS message body holds. */
export type NotificationBody =
  /** S3 sends `s3:TestEvent` once when a notification configuration is created. */
  | { readonly kind: 'test-event' }
  | {
      readonly kind: 'records';
      readonly events: readonly ObjectEvent[];
      /** Records that are not object create/remove events (or are malformed), with the reason. */
      readonly ignored: readonly string[];
    }
  | { readonly kind: 'unrecognized'; readonly reason: string };

/**
 * Decodes an object key from an S3 event: S3 URL-encodes keys form-style, so `+` is a space
 * and everything else is percent-encoded. Throws URIError on a malformed escape.
 */
export function decodeS3Key(encodedKey: string): string {
  return decodeURIComponent(encodedKey.replace(PLUS_PATTERN, ' '));
}

/**
 * Encodes an object key the way S3 writes it into event notifications: percent-encoding
 * as encodeURIComponent does, spaces as `+`, `/` kept. The inverse of `decodeS3Key`; used by
 * the local runtime and test fixtures to produce real-format events.
 */
export function encodeS3Key(key: string): string {
  return encodeURIComponent(key).replace(ENCODED_SPACE_PATTERN, '+').replace(ENCODED_SLASH_PATTERN, '/');
}

/**
 * Left-pads a hex sequencer with zeros to at least SEQUENCER_WIDTH digits and upper-cases it,
 * so that string order equals numeric order (S3 sequencers of one key may differ in length).
 */
export function padSequencer(sequencer: string, width: number = SEQUENCER_WIDTH): string {
  return sequencer.toUpperCase().padStart(width, '0');
}

/** Negative when `a` happened before `b`, zero for the same event, positive when after. */
export function compareSequencers(a: string, b: string): number {
  const width = Math.max(a.length, b.length, SEQUENCER_WIDTH);
  const left = padSequencer(a, width);
  const right = padSequencer(b, width);
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

export function isValidSequencer(sequencer: unknown): sequencer is string {
  return typeof sequencer === 'string' && HEX_PATTERN.test(sequencer) && sequencer.length <= SEQUENCER_WIDTH;
}

/**
 * The article id for a source object: its key. Keys are unique within the source bucket and
 * readable in the table; the table holds one item per source object.
 */
export function articleIdFor(sourceKey: string): string {
  return sourceKey;
}

/** The suffix every published page ends with. */
const PAGE_SUFFIX = '.html';
/** A file name that is `<name without dots>.html` (any case): it is published under its own name. */
const PLAIN_HTML_NAME = /^[^.]*\.html$/i;

/**
 * The stable key of the enriched page in the publish bucket: the source prefix is replaced by
 * the published prefix and the file name becomes a page name, so that no two source keys can
 * share a page (an `x.html` and an `x.md` side by side each keep their own) and the common case
 * keeps a plain URL:
 * - an HTML file whose name has no other dot keeps its name:
 *   `incoming/a/story.html` -> `articles/a/story.html`;
 * - every other name keeps its full name and gains `.html`: `story.md` -> `story.md.html`,
 *   `story.txt` -> `story.txt.html`, `story.htm` -> `story.htm.html`,
 *   `notes.v2.html` -> `notes.v2.html.html`;
 * - a name without any dot gains `.html` twice (`README` -> `README.html.html`), since
 *   `README.html` is taken by the HTML file of that name.
 * No two names meet: the first case yields names with one dot; the second, `<no dots>.html.html`;
 * the third, names with two or more dots that cannot be `<no dots>.html.html` (that would need
 * the source name `<no dots>.html`, which is the first case).
 * The key depends on nothing but the source key and prefix, so it never moves when settings
 * such as the accepted suffixes change. Keys outside the source prefix (never published: the
 * ingest handler skips them) keep their full path under the published prefix.
 */
export function publishedKeyFor(sourceKey: string, sourcePrefix: string): string {
  const relative =
    sourcePrefix && sourceKey.startsWith(sourcePrefix) ? sourceKey.slice(sourcePrefix.length) : sourceKey;
  const name = relative.slice(relative.lastIndexOf('/') + 1);
  let page: string;
  if (PLAIN_HTML_NAME.test(name)) page = relative;
  else if (!name.includes('.')) page = `${relative}${PAGE_SUFFIX}${PAGE_SUFFIX}`;
  else page = `${relative}${PAGE_SUFFIX}`;
  return `${PREFIXES.PUBLISHED}${page}`;
}

/** The public URL of a published key: the site URL joined with the key, each path segment percent-encoded. */
export function publishedUrlFor(siteUrl: string, publishedKey: string): string {
  const base = siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`;
  return base + publishedKey.split('/').map(encodeURIComponent).join('/');
}

/** Why a key is not an article file, or undefined when it is one. */
export function skipReasonFor(
  key: string,
  sourcePrefix: string,
  acceptedSuffixes: readonly string[],
): string | undefined {
  if (!key.startsWith(sourcePrefix)) return `outside the source prefix "${sourcePrefix}"`;
  if (key.endsWith('/')) return 'a folder placeholder';
  const lower = key.toLowerCase();
  if (!acceptedSuffixes.some((suffix) => lower.endsWith(suffix.toLowerCase()))) {
    return `not one of the accepted suffixes (${acceptedSuffixes.join(', ')})`;
  }
  return undefined;
}

/**
 * Parses one SQS message body holding an S3 event notification.
 *
 * Steps:
 * 1. Parse JSON; anything else is unrecognized.
 * 2. `Event: s3:TestEvent` is S3's setup probe.
 * 3. Each record from `aws:s3` with an ObjectCreated:* / ObjectRemoved:* name and a decodable
 *    key and valid sequencer becomes an ObjectEvent; the rest are listed as ignored.
 */
export function parseNotificationBody(body: string): NotificationBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { kind: 'unrecognized', reason: 'the message body is not JSON' };
  }
  if (!isObject(parsed)) return { kind: 'unrecognized', reason: 'the message body is not a JSON object' };
  if (parsed.Event === 's3:TestEvent') return { kind: 'test-event' };
  if (!Array.isArray(parsed.Records)) {
    return { kind: 'unrecognized', reason: 'the message body has no Records array' };
  }
  const events: ObjectEvent[] = [];
  const ignored: string[] = [];
  parsed.Records.forEach((record: unknown, index: number) => {
    const event = toObjectEvent(record);
    if (typeof event === 'string') ignored.push(`record ${index}: ${event}`);
    else events.push(event);
  });
  return { kind: 'records', events, ignored };
}

/** Returns the event, or a string saying why the record is not one. */
function toObjectEvent(record: unknown): ObjectEvent | string {
  if (!isObject(record)) return 'not an object';
  if (record.eventSource !== 'aws:s3') return `event source ${String(record.eventSource)} is not aws:s3`;
  const eventName = typeof record.eventName === 'string' ? record.eventName : '';
  const action = actionFor(eventName);
  if (!action) return `event ${eventName || '(none)'} is neither ObjectCreated nor ObjectRemoved`;
  const s3 = isObject(record.s3) ? record.s3 : undefined;
  const bucket = s3 && isObject(s3.bucket) ? s3.bucket : undefined;
  const object = s3 && isObject(s3.object) ? s3.object : undefined;
  if (!bucket || typeof bucket.name !== 'string' || !object || typeof object.key !== 'string') {
    return 'missing s3.bucket.name or s3.object.key';
  }
  if (!isValidSequencer(object.sequencer)) return 'missing or malformed s3.object.sequencer';
  let key: string;
  try {
    key = decodeS3Key(object.key);
  } catch {
    return `object key ${JSON.stringify(object.key)} is not valid URL encoding`;
  }
  const size = Number(object.size);
  return {
    action,
    eventName,
    ...(typeof record.eventTime === 'string' ? { eventTime: record.eventTime } : {}),
    bucket: bucket.name,
    key,
    encodedKey: object.key,
    ...(object.size !== undefined && Number.isFinite(size) && size >= 0 ? { size } : {}),
    ...(typeof object.eTag === 'string' && object.eTag ? { eTag: object.eTag } : {}),
    // S3 sends "null" (or omits it) for unversioned buckets.
    ...(typeof object.versionId === 'string' && object.versionId && object.versionId !== 'null'
      ? { versionId: object.versionId }
      : {}),
    sequencer: object.sequencer,
  };
}

function actionFor(eventName: string): ObjectEventAction | undefined {
  if (eventName.startsWith('ObjectCreated:')) return 'created';
  if (eventName.startsWith('ObjectRemoved:')) return 'removed';
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
