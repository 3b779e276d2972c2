/** canonicalUrl: link rel=canonical, og:url, then the JSON-LD article's mainEntityOfPage / url. */
import type { Fact } from '../types';
import type { ExtractionContext } from './context';
import { absoluteHttpUrl } from './context';
import { articleProperty, urlValue } from './json-ld-values';
import { factOf, firstFact, type Rule } from './rule';

/** Where relative URLs of the page point: its `<base href>`, else the URL the caller gave. */
const pageUrl = (context: ExtractionContext) =>
  absoluteHttpUrl(context.baseElement?.getAttribute('href'), context.url) ?? context.url;

export const CANONICAL_RULES: readonly Rule<string>[] = [
  (context) =>
    factOf(absoluteHttpUrl(context.canonicalLink?.getAttribute('href'), pageUrl(context)), 'markup'),
  (context) => factOf(absoluteHttpUrl(context.meta.first('og:url'), pageUrl(context)), 'opengraph'),
  (context) =>
    factOf(
      absoluteHttpUrl(
        urlValue(articleProperty(context, 'mainEntityOfPage', 'url'), context),
        pageUrl(context),
      ),
      'json-ld',
    ),
];

export function extractCanonicalUrl(context: ExtractionContext): Fact<string> | undefined {
  return firstFact(CANONICAL_RULES, context);
}
