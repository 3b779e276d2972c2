/** articleSection and keywords: JSON-LD, microdata, article:section / article:tag, meta keywords. */
import type { Fact } from '../types';
import type { ExtractionContext } from './context';
import { articleProperty, textValue, valuesOf } from './json-ld-values';
import { microdataArticleValues, microdataText } from './microdata-values';
import { factOf, firstFact, type Rule } from './rule';
import { plainText } from './text';

/** Most keywords kept. */
export const DEFAULT_MAX_KEYWORDS = 30;

const keywordList = (values: readonly unknown[], context: ExtractionContext): string[] => {
  const words = values
    .flatMap((value) => {
      const text = textValue(value, context);
      return text ? text.split(/\s*[,;]\s*/) : [];
    })
    .map((word) => plainText(word, 100))
    .filter((word): word is string => word !== undefined);
  const seen = new Set<string>();
  return words
    .filter((word) => !seen.has(word.toLowerCase()) && seen.add(word.toLowerCase()))
    .slice(0, DEFAULT_MAX_KEYWORDS);
};

export const SECTION_RULES: readonly Rule<string>[] = [
  (context) =>
    factOf(
      plainText(textValue(valuesOf(articleProperty(context, 'articleSection'))[0], context), 200),
      'json-ld',
    ),
  (context) =>
    factOf(plainText(microdataText(microdataArticleValues(context, 'articleSection')[0]), 200), 'microdata'),
  (context) => factOf(plainText(context.meta.first('article:section'), 200), 'opengraph'),
  (context) =>
    factOf(
      plainText(context.meta.first('section', 'category', 'parsely-section', 'sailthru.section'), 200),
      'meta',
    ),
];

export const KEYWORD_RULES: readonly Rule<string[]>[] = [
  (context) => factOf(keywordList(valuesOf(articleProperty(context, 'keywords')), context), 'json-ld'),
  (context) =>
    factOf(keywordList(microdataArticleValues(context, 'keywords').map(microdataText), context), 'microdata'),
  (context) => factOf(keywordList(context.meta.all('article:tag'), context), 'opengraph'),
  (context) =>
    factOf(
      keywordList(
        [
          ...context.meta.all('news_keywords'),
          ...context.meta.all('keywords'),
          ...context.meta.all('parsely-tags'),
        ],
        context,
      ),
      'meta',
    ),
];

export function extractSection(context: ExtractionContext): Fact<string> | undefined {
  return firstFact(SECTION_RULES, context);
}

export function extractKeywords(context: ExtractionContext): Fact<string[]> | undefined {
  return firstFact(KEYWORD_RULES, context);
}
