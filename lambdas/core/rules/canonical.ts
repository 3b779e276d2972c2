/** canonicalUrl: link rel=canonical, og:url, then the JSON-LD article's mainEntityOfPage / url. */
import type { Fact } from '../types';
import type { ExtractionContext } from './context';
import { absoluteHttpUrl } from './context';
import { articleProperty, urlValue } from './json-ld-values';
import { factOf, firstFact, type Rule } from './rule';

const pageUrl = (context: ExtractionContext) =>
  absoluteHttpUrl(context.document.querySelector('base[href]')?.getAttribute('href'), context.url) ??
  context.url;

export const CANONICAL_RULES: readonly Rule<string>[] = [
  (context) => {
    const link = Array.from(context.document.querySelectorAll('link[rel][href]')).find((element) =>
      (element.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'),
    );
    return factOf(absoluteHttpUrl(link?.getAttribute('href'), pageUrl(context)), 'markup');
  },
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
