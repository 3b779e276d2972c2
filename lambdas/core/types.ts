/**
 * The core's data model: what extraction finds (facts, each with its source), what the
 * pipeline is asked to do (options) and what it returns (result).
 */

/** Where a fact came from, most trusted first. */
export type FactSource =
  | 'json-ld'
  | 'microdata'
  | 'opengraph'
  | 'meta'
  | 'dublin-core'
  | 'markup'
  | 'text'
  | 'url'
  | 'options';

export interface Fact<T> {
  readonly value: T;
  readonly source: FactSource;
}

export interface PersonFact {
  readonly name: string;
  readonly url?: string;
  readonly jobTitle?: string;
  readonly affiliation?: string;
  readonly bio?: string;
}

export interface OrganizationFact {
  readonly name: string;
  readonly url?: string;
  readonly logo?: string;
}

export interface SyndicationFact {
  /** The original publication's name ("the Jerusalem Post"). */
  readonly name?: string;
  /** The original article's URL (e.g. a canonical on another site). */
  readonly url?: string;
}

export interface ArticleFacts {
  headline?: Fact<string>;
  description?: Fact<string>;
  authors?: Fact<PersonFact[]>;
  /** ISO 8601; with offset when the page gives one. */
  datePublished?: Fact<string>;
  dateModified?: Fact<string>;
  publisher?: Fact<OrganizationFact>;
  /** Absolute URLs, best first. */
  images?: Fact<string[]>;
  articleSection?: Fact<string>;
  keywords?: Fact<string[]>;
  /** BCP 47 tag. */
  inLanguage?: Fact<string>;
  canonicalUrl?: Fact<string>;
  /** Main text only, paragraphs separated by blank lines. */
  articleBody?: Fact<string>;
  wordCount?: number;
  syndication?: Fact<SyndicationFact>;
  dateline?: Fact<string>;
}

export type InputKind = 'html' | 'text' | 'markdown';

/** What the caller knows about one input file. Everything optional. */
export interface ArticleContext {
  /** File name or object key; its suffix hints at the kind of input. */
  readonly sourceName?: string;
  /** The page's public URL; base for relative URLs when the page has no canonical. */
  readonly url?: string;
  /** HTTP-style content type, possibly with a charset parameter. */
  readonly contentType?: string;
}

export interface ProcessOptions extends ArticleContext {
  /** Refuse inputs larger than this many bytes. @default 10 MB (DEFAULT_MAX_OBJECT_BYTES) */
  readonly maxBytes?: number;
  /** Site-wide publisher used when the page names none. */
  readonly publisher?: OrganizationFact;
  /** Clock for validation (future dates); @default new Date() */
  readonly now?: Date;
}

export type Severity = 'error' | 'warning';

export interface ValidationIssue {
  readonly severity: Severity;
  /** Stable machine code, e.g. `HEADLINE_MISSING`. */
  readonly code: string;
  readonly message: string;
  /** JSON path into the JSON-LD, e.g. `$["@graph"][0].author[1]`. */
  readonly path: string;
}

export interface ValidationReport {
  readonly valid: boolean;
  readonly errors: readonly ValidationIssue[];
  readonly warnings: readonly ValidationIssue[];
}

export type JsonLdNode = { [key: string]: unknown };

export interface JsonLdDocument {
  '@context': 'https://schema.org';
  '@graph': JsonLdNode[];
}

/** Everything the core produces for one input. */
export interface ProcessResult {
  readonly kind: InputKind;
  /** Encoding the input was decoded with (WHATWG label, e.g. `utf-8`, `windows-1252`). */
  readonly encoding: string;
  readonly facts: ArticleFacts;
  readonly jsonld: JsonLdDocument;
  readonly report: ValidationReport;
  /** The enriched page (HTML), encoded as `pageEncoding`. */
  readonly page: Uint8Array;
  readonly pageEncoding: string;
  /** Problems met on the way that did not stop processing (e.g. a malformed JSON-LD block). */
  readonly notices: readonly string[];
}
