/**
 * Builds the ArticleRecord stored for one source object from what the pipeline did with it:
 * published (from a ProcessResult), failed (from a typed input error) or removed.
 *
 * Every free-text value is bounded and the JSON-LD is stored without `articleBody`, so an item
 * stays far below DynamoDB's 400 KB limit whatever the page holds (see record.ts).
 */
import { ARTICLE_TABLE } from '../contract';
import type { ArticleRecord, ArticleSummary, SourceObjectRef } from './record';
import type { ArticleFacts, JsonLdDocument, ProcessResult, ValidationIssue, ValidationReport } from './types';

export const DEFAULT_MAX_TEXT_CHARS = 1_000;
export const DEFAULT_MAX_DESCRIPTION_CHARS = 2_000;
export const DEFAULT_MAX_URL_CHARS = 2_048;
export const DEFAULT_MAX_AUTHORS = 25;
export const DEFAULT_MAX_REPORT_ISSUES = 50;
/** Above this, the stored JSON-LD is dropped (the published page still carries it in full). */
export const DEFAULT_MAX_JSONLD_CHARS = 100_000;

const ELLIPSIS = '…';
const BODY_PROPERTIES = new Set(['articleBody']);

interface CommonInput {
  readonly id: string;
  readonly source: SourceObjectRef;
  readonly extractorVersion: string;
  /** The record this one replaces: its firstSeenAt is kept. */
  readonly previous?: ArticleRecord;
  readonly now: Date;
}

export interface PublishedRecordInput extends CommonInput {
  readonly result: ProcessResult;
  /** sha256 (hex) of the source bytes. */
  readonly contentHash: string;
  readonly publishedKey: string;
  readonly publishedUrl: string;
}

export interface FailedRecordInput extends CommonInput {
  readonly error: { readonly code: string; readonly message: string };
  readonly contentHash?: string;
}

export type RemovedRecordInput = CommonInput;

export function buildPublishedRecord(input: PublishedRecordInput): ArticleRecord {
  const { id, result, now } = input;
  const firstSeenAt = input.previous?.firstSeenAt ?? now.toISOString();
  const facts = summarizeFacts(result.facts, input.publishedUrl);
  const jsonld = storedJsonLd(result.jsonld);
  return {
    id,
    status: 'published',
    source: input.source,
    contentHash: input.contentHash,
    extractorVersion: input.extractorVersion,
    facts,
    ...(jsonld !== undefined ? { jsonld } : {}),
    report: boundedReport(result.report),
    publishedKey: input.publishedKey,
    publishedUrl: input.publishedUrl,
    firstSeenAt,
    updatedAt: now.toISOString(),
    listKey: ARTICLE_TABLE.PUBLISHED_LIST,
    publishedSort: publishedSortFor(facts.datePublished, firstSeenAt, id),
  };
}

/** A file that cannot become an article: not listed, no published page. */
export function buildFailedRecord(input: FailedRecordInput): ArticleRecord {
  const { now } = input;
  return {
    id: input.id,
    status: 'failed',
    source: input.source,
    ...(input.contentHash ? { contentHash: input.contentHash } : {}),
    extractorVersion: input.extractorVersion,
    error: {
      code: truncate(input.error.code, 100),
      message: truncate(input.error.message, DEFAULT_MAX_TEXT_CHARS),
    },
    firstSeenAt: input.previous?.firstSeenAt ?? now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

/** A deleted source object: the last known facts stay for history; not listed, no published page. */
export function buildRemovedRecord(input: RemovedRecordInput): ArticleRecord {
  const { now, previous } = input;
  return {
    id: input.id,
    status: 'removed',
    source: input.source,
    extractorVersion: previous?.extractorVersion ?? input.extractorVersion,
    ...(previous?.facts ? { facts: previous.facts } : {}),
    firstSeenAt: previous?.firstSeenAt ?? now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

/** The facts a listing needs, each bounded. */
export function summarizeFacts(facts: ArticleFacts, publishedUrl: string): ArticleSummary {
  const authors = facts.authors?.value
    .slice(0, DEFAULT_MAX_AUTHORS)
    .map((author) => truncate(author.name, DEFAULT_MAX_TEXT_CHARS / 4))
    .filter(Boolean);
  const image = facts.images?.value[0];
  const summary: ArticleSummary = {
    headline: optionalText(facts.headline?.value, DEFAULT_MAX_TEXT_CHARS),
    description: optionalText(facts.description?.value, DEFAULT_MAX_DESCRIPTION_CHARS),
    authors: authors && authors.length > 0 ? authors : undefined,
    datePublished: optionalText(facts.datePublished?.value, 64),
    dateModified: optionalText(facts.dateModified?.value, 64),
    section: optionalText(facts.articleSection?.value, DEFAULT_MAX_TEXT_CHARS / 4),
    language: optionalText(facts.inLanguage?.value, 64),
    url: publishedUrl,
    image: image && image.length <= DEFAULT_MAX_URL_CHARS ? image : undefined,
    publisherName: optionalText(facts.publisher?.value.name, DEFAULT_MAX_TEXT_CHARS / 4),
    wordCount: facts.wordCount,
  };
  return withoutUndefined(summary);
}

/** The JSON-LD as a JSON string without article bodies; undefined if still too large to store. */
export function storedJsonLd(
  jsonld: JsonLdDocument,
  maxChars: number = DEFAULT_MAX_JSONLD_CHARS,
): string | undefined {
  const json = JSON.stringify(jsonld, (key, value) => (BODY_PROPERTIES.has(key) ? undefined : value));
  return json.length <= maxChars ? json : undefined;
}

/** `<datePublished as UTC ISO>#<id>`, falling back to when the article was first seen. */
export function publishedSortFor(datePublished: string | undefined, firstSeenAt: string, id: string): string {
  const time = datePublished ? Date.parse(datePublished) : Number.NaN;
  const sortDate = Number.isNaN(time) ? firstSeenAt : new Date(time).toISOString();
  return `${sortDate}#${id}`;
}

function boundedReport(report: ValidationReport): ValidationReport {
  const bound = (issues: readonly ValidationIssue[]) =>
    issues.slice(0, DEFAULT_MAX_REPORT_ISSUES).map((issue) => ({
      severity: issue.severity,
      code: truncate(issue.code, 100),
      message: truncate(issue.message, DEFAULT_MAX_TEXT_CHARS / 2),
      path: truncate(issue.path, DEFAULT_MAX_TEXT_CHARS / 4),
    }));
  return { valid: report.valid, errors: bound(report.errors), warnings: bound(report.warnings) };
}

function optionalText(value: string | undefined, maxChars: number): string | undefined {
  return value ? truncate(value, maxChars) : undefined;
}

/** Cuts on a code point boundary so a surrogate pair is never split. */
function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const codePoints = Array.from(text.slice(0, maxChars));
  return `${codePoints.slice(0, -1).join('')}${ELLIPSIS}`;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
