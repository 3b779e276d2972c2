/**
 * description (standfirst): JSON-LD, microdata, OpenGraph, meta description, Twitter,
 * Dublin Core, then a standfirst element of the article; when the page has none of these,
 * the article's lead paragraph (`descriptionFromBody`), as a CMS's automatic excerpt would.
 */
import type { Fact } from '../types';
import type { ExtractionContext } from './context';
import { stripSiteName } from './headline';
import { articleProperty, textValue } from './json-ld-values';
import { microdataArticleValues, microdataText } from './microdata-values';
import { findArticleRoot, isInForeignRegion } from './regions';
import { allFacts, factOf, type Rule } from './rule';
import { comparable, elementText, plainText } from './text';

/** Longest description kept. */
export const DEFAULT_MAX_DESCRIPTION_LENGTH = 1000;
/** Shortest description worth keeping (shorter ones are labels, not summaries). */
const DEFAULT_MIN_DESCRIPTION_LENGTH = 12;
const STANDFIRST_SELECTORS =
  '.standfirst, .article-standfirst, .dek, .article-dek, .subtitle, .article-subtitle, .subheadline, .sub-headline, .article-summary, .summary, .lead, .article-lead, .intro, .article-intro, .teaser-text, .excerpt, .deck, [itemprop="description"], [data-testid*="standfirst"], [class*="standfirst"], [class*="Standfirst"]';

/** A short "By Jane Doe (...)" line: a byline some CMSs put in the description, not a summary. */
const BYLINE_ONLY_PATTERN = /^(?:by|par|von|por|door|di)\s+\p{Lu}[^.!?]{0,100}$/iu;

/** A description cut short by its CMS: "…", "...", "[…]", "(...)" at the end. */
const TRUNCATED_PATTERN = /(?:…|\.{3}|\[(?:…|\.{3}|&hellip;)\]|\((?:…|\.{3})\))\s*$/u;
/** How a finished sentence or quote ends. */
const SENTENCE_END_PATTERN = /[.!?。！？"'»«“”’)\]]\s*$/u;
/** Shortest common beginning that makes two descriptions the same text. */
const DEFAULT_MIN_SHARED_PREFIX = 40;
/** A site's slogan is short: longer texts naming the site are summaries that mention it. */
const DEFAULT_MAX_SLOGAN_WORDS = 10;

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

/**
 * The description. Steps: 1. collect every source's description, most trusted first;
 * 2. drop site slogans (a short text naming the site, the same on every page); 3. take the
 * first; 4. when it stops mid-sentence without an ellipsis (a CMS cut it at a fixed
 * length) and another source carries the same text further, take the complete one. A
 * marked cut ("…") is the publisher's chosen teaser and stays.
 */
export function extractDescription(context: ExtractionContext): Fact<string> | undefined {
  const facts = allFacts(DESCRIPTION_RULES, context).filter((fact) => !isSiteSlogan(fact.value, context));
  const first = facts[0];
  if (first === undefined) return undefined;
  if (TRUNCATED_PATTERN.test(first.value) || SENTENCE_END_PATTERN.test(first.value)) return first;
  return completeVersion(first, facts) ?? first;
}

/** Body paragraphs shorter than this are datelines, labels or bylines, not a lead. */
const DEFAULT_MIN_LEAD_LENGTH = 40;
/** Paragraphs of the body looked at for the lead. */
const DEFAULT_LEAD_PARAGRAPHS = 3;
/** A lead up to this long is kept whole; a longer one is cut at a sentence end before it. */
export const DEFAULT_MAX_LEAD_LENGTH = 300;
/** Shortest first sentence kept when a long lead is cut; else it is cut at a word, with "…". */
const DEFAULT_MIN_LEAD_SENTENCE = 80;
/** Where a long lead without a usable sentence end is cut (at a word boundary). */
const DEFAULT_LEAD_WORD_CUT = 200;
const PARAGRAPH_BREAK = /\n+/;
const SENTENCE_BREAK = /[.!?。！？]["'»”’)]?\s/gu;

/**
 * A description from the article body, for pages that declare none: the first paragraph
 * long enough to be the lead, cut after its last full sentence within DEFAULT_MAX_LEAD_LENGTH
 * (or at a word, with "…"). Search engines fall back to page text the same way.
 */
export function descriptionFromBody(body: string): Fact<string> | undefined {
  const lead = body
    .split(PARAGRAPH_BREAK, DEFAULT_LEAD_PARAGRAPHS * 4)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .slice(0, DEFAULT_LEAD_PARAGRAPHS)
    .find((paragraph) => paragraph.length >= DEFAULT_MIN_LEAD_LENGTH && !BYLINE_ONLY_PATTERN.test(paragraph));
  if (lead === undefined) return undefined;
  if (lead.length <= DEFAULT_MAX_LEAD_LENGTH) return { value: lead, source: 'text' };
  let sentenceEnd = 0;
  for (const match of lead.slice(0, DEFAULT_MAX_LEAD_LENGTH + 1).matchAll(SENTENCE_BREAK)) {
    sentenceEnd = match.index + match[0].trimEnd().length;
  }
  if (sentenceEnd >= DEFAULT_MIN_LEAD_SENTENCE) return { value: lead.slice(0, sentenceEnd), source: 'text' };
  const wordEnd = lead.lastIndexOf(' ', DEFAULT_LEAD_WORD_CUT);
  return { value: `${lead.slice(0, wordEnd > 0 ? wordEnd : DEFAULT_LEAD_WORD_CUT)}…`, source: 'text' };
}

/** The longest other description that starts with `fact`'s text and goes on; an untruncated one first. */
function completeVersion(fact: Fact<string>, facts: readonly Fact<string>[]): Fact<string> | undefined {
  const stem = comparable(fact.value);
  if (stem.length < DEFAULT_MIN_SHARED_PREFIX) return undefined;
  const longer = facts
    .map((candidate) => ({ candidate, key: comparable(candidate.value) }))
    .filter(({ key }) => key.length > stem.length && key.startsWith(stem))
    .sort(
      (a, b) =>
        Number(TRUNCATED_PATTERN.test(a.candidate.value)) -
          Number(TRUNCATED_PATTERN.test(b.candidate.value)) || b.key.length - a.key.length,
    );
  return longer[0]?.candidate;
}

/** A short text that names the site ("Example Times - the independent news portal"). */
function isSiteSlogan(text: string, context: ExtractionContext): boolean {
  const words = comparable(text).split(' ');
  if (words.length > DEFAULT_MAX_SLOGAN_WORDS) return false;
  // stripSiteName cuts a segment naming the site; a bare slogan has nothing else to keep.
  const stripped = stripSiteName(text, context);
  return stripped !== undefined && stripped !== text && comparable(stripped).split(' ').length <= 4;
}

function standfirst(context: ExtractionContext): string | undefined {
  const root = findArticleRoot(context.document);
  const element = Array.from(root.querySelectorAll(STANDFIRST_SELECTORS)).find(
    (candidate) => !isInForeignRegion(candidate, root),
  );
  return clean(elementText(element, DEFAULT_MAX_DESCRIPTION_LENGTH));
}
