/**
 * The article record stored in the DynamoDB table, one item per source object.
 * Shared by the ingest handler (writes), the discovery handler (reads the published index)
 * and the local runtime (status page, `schemapress records`).
 *
 * Size: an item must stay under DynamoDB's 400 KB limit for any input, so the record
 * never holds the article body; the JSON-LD is stored without `articleBody` (the published
 * page carries the full graph) and every free-text fact is bounded.
 */
import type { ValidationReport } from './types';

export type ArticleStatus = 'published' | 'failed' | 'removed';

export interface SourceObjectRef {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
  readonly etag?: string;
  /** S3 event sequencer, as delivered (hex string); compare with `compareSequencers`. */
  readonly sequencer: string;
  readonly size?: number;
}

/** The facts a listing (status page, sitemaps, feeds) needs, without reading the page. */
export interface ArticleSummary {
  readonly headline?: string;
  readonly description?: string;
  readonly authors?: readonly string[];
  readonly datePublished?: string;
  readonly dateModified?: string;
  readonly section?: string;
  readonly language?: string;
  readonly url?: string;
  readonly image?: string;
  readonly publisherName?: string;
  readonly wordCount?: number;
}

export interface ArticleRecord {
  /** Partition key (ARTICLE_TABLE.partitionKey), derived from the source key. */
  readonly id: string;
  readonly status: ArticleStatus;
  readonly source: SourceObjectRef;
  /** sha256 (hex) of the source bytes. */
  readonly contentHash?: string;
  readonly extractorVersion: string;
  readonly facts?: ArticleSummary;
  /** The JSON-LD graph as a JSON string, without `articleBody`. */
  readonly jsonld?: string;
  readonly report?: ValidationReport;
  /** Key of the enriched page in the publish bucket. */
  readonly publishedKey?: string;
  readonly publishedUrl?: string;
  readonly error?: { readonly code: string; readonly message: string };
  /** ISO 8601 UTC. */
  readonly firstSeenAt: string;
  readonly updatedAt: string;
  /** Sparse index partition key: ARTICLE_TABLE.PUBLISHED_LIST while published, absent otherwise. */
  readonly listKey?: string;
  /** Sparse index sort key: `<datePublished UTC ISO>#<id>`. */
  readonly publishedSort?: string;
}
