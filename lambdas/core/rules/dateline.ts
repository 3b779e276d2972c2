/** dateline: "WASHINGTON (AP) —", "LONDON, March 3 (Reuters) -", "BERLIN —" opening the article's first paragraph. */
import type { Fact } from '../types';
import type { ExtractionContext } from './context';
import { articleProperty, textValue } from './json-ld-values';
import { findArticleRoot, isInForeignRegion } from './regions';
import { factOf, firstFact, type Rule } from './rule';
import { cleanText } from './text';

/**
 * An upper-case place (optionally ", Region" or ", date"), an optional agency in
 * parentheses, then a dash. A mixed-case place is accepted only with an agency.
 */
const UPPERCASE_DATELINE_PATTERN =
  /^((?:\p{Lu}[\p{Lu}.'’-]+)(?:\s+\p{Lu}[\p{Lu}.'’-]+){0,3}(?:,\s*[\p{L}\d .]{2,30})?(?:\s*\([^)]{1,30}\))?)\s*[—–-]{1,2}\s*\S/u;
const AGENCY_DATELINE_PATTERN =
  /^((?:\p{Lu}[\p{L}.'’-]+)(?:\s+\p{Lu}[\p{L}.'’-]+){0,3}(?:,\s*[\p{L}\d .]{2,30})?\s*\((?:AP|AFP|Reuters|dpa|DPA|UPI|ANSA|EFE|PA|CNN|Bloomberg|KNA|epd|APA|sda|SDA)\))\s*[—–-]{1,2}\s*\S/u;
/** Paragraphs read at the start of the article. */
const DEFAULT_DATELINE_PARAGRAPHS = 3;

export const DATELINE_RULES: readonly Rule<string>[] = [
  (context) => factOf(cleanText(textValue(articleProperty(context, 'dateline'), context), 120), 'json-ld'),
  (context) => {
    const root = findArticleRoot(context.document);
    // The region test climbs the ancestors: only the first paragraphs are tested, not all of them.
    let read = 0;
    for (const paragraph of context.index.byTag('p', root)) {
      if (read === DEFAULT_DATELINE_PARAGRAPHS) break;
      if (isInForeignRegion(paragraph, root)) continue;
      read++;
      const dateline = datelineOf(cleanText(paragraph.textContent ?? '', 300));
      if (dateline) return factOf(dateline, 'text');
    }
    return null;
  },
];

export function extractDateline(context: ExtractionContext): Fact<string> | undefined {
  return firstFact(DATELINE_RULES, context);
}

/** The dateline opening `text`, without its dash; undefined when the text opens otherwise. */
export function datelineOf(text: string | undefined): string | undefined {
  if (!text || cannotOpenWithDateline(text)) return undefined;
  const match = UPPERCASE_DATELINE_PATTERN.exec(text) ?? AGENCY_DATELINE_PATTERN.exec(text);
  const dateline = match?.[1]?.trim();
  // A single short capitalised word ("A -", "I -") is not a place.
  return dateline && dateline.replace(/\([^)]*\)/, '').trim().length >= 3 ? dateline : undefined;
}

/**
 * Whether `text` cannot match either dateline pattern, told without running them: V8 compiles
 * their Unicode classes on first use, about 7 ms in each thread, and most paragraphs open with a
 * capital and a lower-case letter. The upper-case pattern needs its second character to be an
 * upper-case letter or one of . ' ’ -, and a character that changes under `toUpperCase` is none of
 * those (no upper-case letter changes: other-fields.test.ts checks every code point); the agency
 * pattern needs a "(".
 */
export function cannotOpenWithDateline(text: string): boolean {
  const second = text.charAt(1);
  return second.toUpperCase() !== second && !text.includes('(');
}
