/**
 * description (standfirst): JSON-LD, microdata, OpenGraph, meta description, Twitter,
 * Dublin Core, then a standfirst element of the article.
 */
import type { Fact } from '../types';
import type { ExtractionContext } from './context';
import { articleProperty, textValue } from './json-ld-values';
import { microdataArticleValues, microdataText } from './microdata-values';
import { findArticleRoot, isInForeignRegion } from './regions';
import { factOf, firstFact, type Rule } from './rule';
import { elementText, plainText } from './text';

/** Longest description kept. */
export const DEFAULT_MAX_DESCRIPTION_LENGTH = 1000;
/** Shortest description worth keeping (shorter ones are labels, not summaries). */
const DEFAULT_MIN_DESCRIPTION_LENGTH = 12;
const STANDFIRST_SELECTORS =
  '.standfirst, .article-standfirst, .dek, .article-dek, .subtitle, .article-subtitle, .subheadline, .sub-headline, .article-summary, .summary, .lead, .article-lead, .intro, .article-intro, .teaser-text, .excerpt, .deck, [itemprop="description"], [data-testid*="standfirst"], [class*="standfirst"], [class*="Standfirst"]';

/** A short "By Jane Doe (...)" line: a byline some CMSs put in the description, not a summary. */
const BYLINE_ONLY_PATTERN = /^(?:by|par|von|por|door|di)\s+\p{Lu}[^.!?]{0,100}$/iu;

const clean = (value: unknown) => {
  const text = plainText(value, DEFAULT_MAX_DESCRIPTION_LENGTH);
  if (!text || text.length < DEFAULT_MIN_DESCRIPTION_LENGTH || BYLINE_ONLY_PATTERN.test(text))
    return undefined;
  return text;
};

export const DESCRIPTION_RULES: readonly Rule<string>[] = [
  (context) =>
    factOf(clean(textValue(articleProperty(context, 'description', 'abstract'), context)), 'json-ld'),
  (context) => factOf(clean(microdataText(microdataArticleValues(context, 'description')[0])), 'microdata'),
  (context) => factOf(clean(context.meta.first('og:description')), 'opengraph'),
  (context) => factOf(clean(context.meta.first('description')), 'meta'),
  (context) => factOf(clean(context.meta.first('twitter:description')), 'meta'),
  (context) =>
    factOf(
      clean(context.meta.first('dc.description', 'dcterms.description', 'dcterms.abstract')),
      'dublin-core',
    ),
  (context) => factOf(standfirst(context), 'markup'),
];

export function extractDescription(context: ExtractionContext): Fact<string> | undefined {
  return firstFact(DESCRIPTION_RULES, context);
}

function standfirst(context: ExtractionContext): string | undefined {
  const root = findArticleRoot(context.document);
  const element = Array.from(root.querySelectorAll(STANDFIRST_SELECTORS)).find(
    (candidate) => !isInForeignRegion(candidate, root),
  );
  return clean(elementText(element, DEFAULT_MAX_DESCRIPTION_LENGTH));
}
