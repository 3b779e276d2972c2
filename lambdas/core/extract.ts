/**
 * extractFacts: everything the page says about its article, each fact with its source.
 * Each field family lives in `rules/<family>.ts` as an ordered list of rules, most
 * trusted source first; a failing rule yields nothing and never breaks extraction.
 */

import { isInputError, NoArticleError } from './errors';
import type { JsonLdBlock } from './page-json-ld';
import { extractAuthors } from './rules/authors';
import { extractArticleBody } from './rules/body';
import { extractCanonicalUrl } from './rules/canonical';
import { createExtractionContext, type ExtractionContext } from './rules/context';
import { extractDateline } from './rules/dateline';
import { extractDateModified, extractDatePublished } from './rules/dates';
import { descriptionFromBody, extractDescription } from './rules/description';
import { extractHeadline } from './rules/headline';
import { extractImages } from './rules/images';
import { extractLanguage } from './rules/language';
import { extractPublisher } from './rules/publisher';
import { extractSyndication } from './rules/syndication';
import { extractKeywords, extractSection } from './rules/taxonomy';
import type { ArticleFacts } from './types';

export interface ExtractFactsOptions {
  /** The page's public URL: base for relative URLs when the page has no canonical. */
  readonly url?: string;
  /** Clock for rejecting future dates. @default new Date() */
  readonly now?: Date;
}

const WORD_PATTERN = /\S+/g;

/**
 * Extract the article's facts from a parsed page.
 * Steps: 1. build the extraction context once (JSON-LD, meta index, microdata, base URL);
 * 2. run each field family's rules; 3. extract the body and count its words; 4. detect the
 * language when none is declared; 5. refuse a page with neither headline nor body.
 *
 * @throws NoArticleError when the page has neither a headline nor article text.
 */
export function extractFacts(document: Document, context: ExtractFactsOptions): ArticleFacts {
  return extractPage(document, context).facts;
}

/** What one extraction read from a page: its facts, and the page's JSON-LD blocks it parsed on the way. */
export interface PageExtraction {
  readonly facts: ArticleFacts;
  readonly jsonLdBlocks: readonly JsonLdBlock[];
}

/**
 * `extractFacts`, also handing back the JSON-LD blocks the extraction context parsed, so the
 * graph builder merges them without parsing every block of the page a second time.
 *
 * @throws NoArticleError when the page has neither a headline nor article text.
 */
export function extractPage(document: Document, context: ExtractFactsOptions): PageExtraction {
  const extraction = createExtractionContext(document, { url: context.url });
  const dateOptions = { now: context.now };
  const facts: ArticleFacts = {};
  const headline = extractHeadline(extraction);
  const articleBody = safeBody(document, extraction);
  if (!headline && !articleBody) throw new NoArticleError();
  const description =
    extractDescription(extraction) ?? (articleBody ? descriptionFromBody(articleBody.value) : undefined);
  const datePublished = extractDatePublished(extraction, dateOptions);
  assign(facts, {
    headline,
    description,
    authors: extractAuthors(extraction),
    datePublished,
    dateModified: extractDateModified(extraction, datePublished, dateOptions),
    publisher: extractPublisher(extraction),
    images: extractImages(extraction),
    articleSection: extractSection(extraction),
    keywords: extractKeywords(extraction),
    inLanguage: extractLanguage(
      extraction,
      [headline?.value, description?.value, articleBody?.value].filter(Boolean).join('\n'),
    ),
    canonicalUrl: extractCanonicalUrl(extraction),
    articleBody,
    syndication: extractSyndication(extraction),
    dateline: extractDateline(extraction),
  });
  if (articleBody) facts.wordCount = countWords(articleBody.value);
  return { facts, jsonLdBlocks: extraction.jsonLd };
}

/** Words in a text, counted as whitespace-separated tokens. */
export function countWords(text: string): number {
  return text.match(WORD_PATTERN)?.length ?? 0;
}

function safeBody(document: Document, context: ExtractionContext) {
  try {
    return extractArticleBody(document, context) ?? undefined;
  } catch (error) {
    // Input errors (e.g. a page too complex to parse) stop processing; anything else is
    // a failing rule, which never breaks extraction.
    if (isInputError(error)) throw error;
    return undefined;
  }
}

function assign(
  facts: ArticleFacts,
  found: { [K in keyof ArticleFacts]: ArticleFacts[K] | undefined },
): void {
  for (const [key, value] of Object.entries(found)) {
    if (value !== undefined) (facts as Record<string, unknown>)[key] = value;
  }
}
