/**
 * inLanguage: the page's declaration (JSON-LD, `html lang`, Content-Language, og:locale,
 * Dublin Core), else detection on the article text with tinyld (a maintained n-gram
 * detector; we never guess languages by hand).
 */
import type { Fact } from '../types';
import type { ExtractionContext } from './context';
import { articleProperty, textValue } from './json-ld-values';
import { factOf, firstFact, type Rule } from './rule';

/** Least text handed to the detector: shorter samples give unreliable answers. */
export const DEFAULT_MIN_DETECTION_LENGTH = 40;
/** Longest sample handed to the detector (its accuracy does not improve beyond it). */
const DEFAULT_MAX_DETECTION_LENGTH = 5000;
const LANGUAGE_TAG_PATTERN = /^([a-z]{2,3})(?:[-_]([a-z]{4}))?(?:[-_]([a-z]{2}|\d{3}))?$/i;

export const DECLARED_LANGUAGE_RULES: readonly Rule<string>[] = [
  (context) =>
    factOf(normaliseLanguageTag(textValue(articleProperty(context, 'inLanguage'), context)), 'json-ld'),
  (context) => factOf(normaliseLanguageTag(context.document.documentElement?.getAttribute('lang')), 'markup'),
  (context) =>
    factOf(normaliseLanguageTag(context.document.documentElement?.getAttribute('xml:lang')), 'markup'),
  (context) => factOf(normaliseLanguageTag(context.meta.first('content-language')?.split(',')[0]), 'meta'),
  (context) => factOf(normaliseLanguageTag(context.meta.first('og:locale')), 'opengraph'),
  (context) =>
    factOf(
      normaliseLanguageTag(context.meta.first('dc.language', 'dcterms.language', 'language')),
      'dublin-core',
    ),
];

/** The declared language, else the language detected in `sampleText` (headline, description, body). */
export function extractLanguage(
  context: ExtractionContext,
  sampleText: string | undefined,
): Fact<string> | undefined {
  return (
    firstFact(DECLARED_LANGUAGE_RULES, context) ?? factOf(detectLanguage(sampleText), 'text') ?? undefined
  );
}

/** BCP 47 tag (`en`, `pt-BR`) for a declared value such as `en_US` or `EN-gb`; undefined when malformed. */
export function normaliseLanguageTag(raw: string | null | undefined): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const match = LANGUAGE_TAG_PATTERN.exec(raw.trim());
  if (!match) return undefined;
  const [, language, script, region] = match;
  if (!language) return undefined;
  return [
    language.toLowerCase(),
    script ? `${script[0]?.toUpperCase()}${script.slice(1).toLowerCase()}` : undefined,
    region?.toUpperCase(),
  ]
    .filter(Boolean)
    .join('-');
}

/**
 * ISO 639-1 code detected by tinyld, when the sample is long enough; tinyld answers ''
 * when it is unsure, which we keep as "unknown".
 */
export function detectLanguage(text: string | undefined): string | undefined {
  if (!text || text.length < DEFAULT_MIN_DETECTION_LENGTH) return undefined;
  return loadDetector()(text.slice(0, DEFAULT_MAX_DETECTION_LENGTH)) || undefined;
}

type Detector = (text: string) => string;
let detector: Detector | undefined;

/**
 * tinyld's tables take hundreds of milliseconds to load (measured by `npm run bench`), and most
 * pages declare their language: load it on the first page that needs it, not at cold start.
 */
function loadDetector(): Detector {
  detector ??= (require('tinyld') as typeof import('tinyld')).detect;
  return detector;
}
