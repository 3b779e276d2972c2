/** images: JSON-LD image(s), microdata, og:image, twitter:image, link rel=image_src, then the article's first figure. */
import type { Fact } from '../types';
import type { ExtractionContext } from './context';
import { articleProperty, urlValue, valuesOf } from './json-ld-values';
import { microdataArticleValues, microdataItemProperty } from './microdata-values';
import { findArticleRoot, isInForeignRegion } from './regions';
import { factOf, firstFact, type Rule } from './rule';

/** Most images kept. */
export const DEFAULT_MAX_IMAGES = 8;
const TRACKING_PIXEL_PATTERN = /(?:pixel|spacer|blank|1x1|tracking|logo|icon|avatar|sprite)\b/i;
/** `rel` holds the `image_src` token (compared ignoring case, as HTML compares `rel` in selectors). */
const IMAGE_SRC_REL_PATTERN = /(^|\s)image_src(\s|$)/i;

const absoluteList = (values: readonly (string | undefined)[], context: ExtractionContext): string[] =>
  [
    ...new Set(
      values.map((value) => context.resolveUrl(value)).filter((url): url is string => url !== undefined),
    ),
  ].slice(0, DEFAULT_MAX_IMAGES);

export const IMAGE_RULES: readonly Rule<string[]>[] = [
  (context) =>
    factOf(
      absoluteList(
        valuesOf(articleProperty(context, 'image', 'thumbnailUrl')).map((value) => urlValue(value, context)),
        context,
      ),
      'json-ld',
    ),
  (context) =>
    factOf(
      absoluteList(
        microdataArticleValues(context, 'image').map((value) =>
          typeof value === 'string'
            ? value
            : (microdataItemProperty(value, 'url') ?? microdataItemProperty(value, 'contentUrl')),
        ),
        context,
      ),
      'microdata',
    ),
  (context) =>
    factOf(
      absoluteList(
        [
          ...context.meta.all('og:image'),
          ...context.meta.all('og:image:url'),
          ...context.meta.all('og:image:secure_url'),
        ],
        context,
      ),
      'opengraph',
    ),
  (context) =>
    factOf(
      absoluteList([...context.meta.all('twitter:image'), ...context.meta.all('twitter:image:src')], context),
      'meta',
    ),
  (context) =>
    factOf(
      absoluteList(
        [
          context.index
            .byTag('link')
            .find((link) => IMAGE_SRC_REL_PATTERN.test(link.getAttribute('rel') ?? ''))
            ?.getAttribute('href') ?? undefined,
        ],
        context,
      ),
      'markup',
    ),
  (context) => {
    const root = findArticleRoot(context.document);
    const sources = context.index
      .byTag('img', root)
      .filter((image) => !isInForeignRegion(image, root))
      .map((image) => image.getAttribute('src') ?? image.getAttribute('data-src') ?? undefined)
      .filter(
        (source) =>
          source !== undefined && !source.startsWith('data:') && !TRACKING_PIXEL_PATTERN.test(source),
      );
    return factOf(absoluteList(sources.slice(0, 1), context), 'markup');
  },
];

export function extractImages(context: ExtractionContext): Fact<string[]> | undefined {
  return firstFact(IMAGE_RULES, context);
}
