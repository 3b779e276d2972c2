/**
 * headline: JSON-LD, microdata, OpenGraph, Twitter, Dublin Core, the article's h1, then
 * the document title with the site name cut off.
 */
import type { Fact } from '../types';
import { type ExtractionContext, nodeTypes } from './context';
import { articleProperty, textValue } from './json-ld-values';
import { microdataArticleValues, microdataText } from './microdata-values';
import { findArticleRoot, isInForeignRegion } from './regions';
import { factOf, firstFact, type Rule } from './rule';
import { comparable, elementText, plainText } from './text';

/** Longest headline kept. */
export const DEFAULT_MAX_HEADLINE_LENGTH = 300;
/** Separators between a title and the site name in `<title>` / og:title. */
const TITLE_SEPARATOR_PATTERN = /\s+[|\-–—·•:»«›‹/│ǀ~]\s+|\s+::\s+/;
/** A bracketed segment closing a title: "Headline (Site Name)". */
const TRAILING_BRACKETED_PATTERN = /\s+\(([^()]{3,80})\)\s*$/u;
/** A separated segment before or after a heading in a longer title (a site or section name). */
const LEADING_SEGMENT_PATTERN = /^(?:[|\-–—·•:»«›‹/│ǀ~]|::)\s*\S/;
const TRAILING_SEGMENT_PATTERN = /\S\s*(?:[|\-–—·•:»«›‹/│ǀ~]|::)$/;
/** Second-level labels of public suffixes ("co.uk", "gv.at"): never a site's name. */
const SECOND_LEVEL_LABELS = new Set([
  'co',
  'com',
  'org',
  'net',
  'gov',
  'gv',
  'ac',
  'edu',
  'or',
  'ne',
  'go',
  'nic',
]);
/** Words shorter than this are too common to tie two titles together. */
const DEFAULT_MIN_SHARED_WORD_LENGTH = 4;
/** Fewest words an h1 needs to overrule a meta title (shorter ones are labels: "Details", "Bangkok"). */
const DEFAULT_MIN_HEADING_WORDS = 4;

/** Most words a title segment that contains the site name may have and still be the site name. */
const DEFAULT_MAX_SITE_SEGMENT_WORDS = 4;

const clean = (value: unknown) => plainText(value, DEFAULT_MAX_HEADLINE_LENGTH);

export const HEADLINE_RULES: readonly Rule<string>[] = [
  (context) =>
    factOf(
      clean(textValue(articleProperty(context, 'headline', 'name', 'alternativeHeadline'), context)),
      'json-ld',
    ),
  (context) =>
    factOf(
      clean(
        microdataText(
          microdataArticleValues(context, 'headline')[0] ?? microdataArticleValues(context, 'name')[0],
        ),
      ),
      'microdata',
    ),
  (context) => factOf(stripSiteName(clean(context.meta.first('og:title')), context), 'opengraph'),
  (context) => factOf(stripSiteName(clean(context.meta.first('twitter:title')), context), 'meta'),
  (context) => factOf(clean(context.meta.first('dc.title', 'dcterms.title')), 'dublin-core'),
  (context) => factOf(articleHeading(context), 'markup'),
  (context) => factOf(stripSiteName(clean(context.document.title), context), 'markup'),
];

/**
 * The headline. Steps: 1. take the most trusted source; 2. when it is structured data
 * (JSON-LD, microdata) and og:title says something else: an og:title of four words or more
 * wins when the structured headline only adds to it (a kicker or an SEO tail around the
 * same words), and over microdata (which marks the visible h1 itself, so the h1 is no
 * second witness); otherwise let the visible h1 decide: the candidate it repeats wins; when
 * the h1 repeats neither, the document title decides; without an h1, an h2 repeating the
 * structured headline word for word keeps it; without either og:title wins
 * (structured data often carries an SEO variant, og:title the one the editor wrote for
 * readers), unless og:title only adds to the structured headline (a kicker or site name)
 * that the h1 does not show; 3. let the visible h1 overrule a headline no other source
 * confirms: a meta title (OpenGraph, Twitter, Dublin Core) when the h1 reads as this page's
 * headline, structured data when the document title repeats the h1, but never og:title
 * that step 2 chose over the very wording the h1 shows; 4. when a visible h1 carries the
 * same headline more completely (meta titles are often truncated or carry the site name),
 * keep the h1's wording.
 */
export function extractHeadline(context: ExtractionContext): Fact<string> | undefined {
  const first = firstFact(HEADLINE_RULES, context);
  if (!first || first.source === 'markup') return first;
  const heading = articleHeading(context);
  const fact = preferEditorialTitle(first, heading, context);
  // og:title chosen over the structured headline the h1 repeats: the h1 was weighed already.
  if (fact !== first && heading !== undefined && comparable(heading) === comparable(first.value)) return fact;
  if (heading && headingOverrules(fact, heading, context)) return { value: heading, source: 'markup' };
  if (heading && (refinesHeadline(fact.value, heading) || isHeadingPlusSiteName(fact.value, heading)))
    return { value: heading, source: fact.source };
  return fact;
}

/** Sources that only carry a title for sharing: the page's own h1 is a better witness. */
const META_TITLE_SOURCES = new Set<Fact<string>['source']>(['opengraph', 'meta', 'dublin-core']);

/** Whether the visible h1 is the headline rather than `fact` (step 3 of `extractHeadline`). */
function headingOverrules(fact: Fact<string>, heading: string, context: ExtractionContext): boolean {
  const ours = comparable(fact.value);
  const shown = comparable(heading);
  if (shown === '' || shown === ours || shown.includes(ours) || ours.includes(shown)) return false;
  // The same words, spaced differently (a kicker glued to the headline in the h1).
  if (shown.replace(/\s+/g, '') === ours.replace(/\s+/g, '')) return false;
  const title = documentTitle(context);
  if (fact.source === 'json-ld' || fact.source === 'microdata') {
    // Structured data loses only when the document title shows the h1 instead.
    return title !== undefined && title !== ours && (title === shown || title.startsWith(`${shown} `));
  }
  if (!META_TITLE_SOURCES.has(fact.source)) return false;
  if (shown.split(' ').length < DEFAULT_MIN_HEADING_WORDS || isSiteName(heading, context)) return false;
  // The h1 must be about the same thing as the page's titles: a site-wide label or another
  // article's heading shares no word with them.
  return sharesWord(shown, `${ours} ${title ?? ''}`);
}

function documentTitle(context: ExtractionContext): string | undefined {
  const title = stripSiteName(clean(context.document.title), context);
  return title ? comparable(title) : undefined;
}

function sharesWord(text: string, other: string): boolean {
  const words = new Set(other.split(' ').filter((word) => word.length >= DEFAULT_MIN_SHARED_WORD_LENGTH));
  return text.split(' ').some((word) => words.has(word));
}

/** Shortest og:title that may replace a structured headline (shorter ones are labels). */
const DEFAULT_MIN_EDITORIAL_TITLE_LENGTH = 15;
/**
 * Fewest words an og:title needs to beat structured data the h1 repeats (shorter ones name
 * a product or a topic: "Aldi Beef Maker" against "Beef Maker von Aldi im Test").
 */
const DEFAULT_MIN_EDITORIAL_TITLE_WORDS = 4;

function preferEditorialTitle(
  structured: Fact<string>,
  heading: string | undefined,
  context: ExtractionContext,
): Fact<string> {
  if (structured.source !== 'json-ld' && structured.source !== 'microdata') return structured;
  const editorial = stripSiteName(clean(context.meta.first('og:title')), context);
  if (!editorial || editorial.length < DEFAULT_MIN_EDITORIAL_TITLE_LENGTH) return structured;
  const ours = comparable(structured.value);
  const theirs = comparable(editorial);
  if (theirs === '' || theirs === ours) return structured;
  const shown = heading ? comparable(heading) : '';
  if (theirs.includes(ours)) {
    // og:title adds a kicker: keep it only when the h1 shows the kicker too (h1 kickers
    // often sit in their own element, glued to the headline without a space).
    return shown.replace(/\s+/g, '') === theirs.replace(/\s+/g, '')
      ? { value: editorial, source: 'opengraph' }
      : structured;
  }
  if (isSiteName(editorial, context)) return structured;
  const isHeadlineSized = theirs.split(' ').length >= DEFAULT_MIN_EDITORIAL_TITLE_WORDS;
  // The structured headline is og:title with a kicker or an SEO tail around it ("MSV-Coach
  // X: quote", "Headline in battling win over Y"): the h1 and <title> often copy that
  // longer form, so their agreement says nothing; og:title is the headline itself.
  if (isHeadlineSized && ` ${ours} `.includes(` ${theirs} `))
    return { value: editorial, source: 'opengraph' };
  // Microdata usually marks the visible h1 itself: the h1 repeating it is no second
  // witness against og:title.
  if (isHeadlineSized && structured.source === 'microdata') return { value: editorial, source: 'opengraph' };
  if (shown === ours) return structured;
  // No h1 (or only the site's logo): a second-level heading that repeats the structured
  // headline word for word is the visible witness (CMS themes that title the article in h2).
  if (shown === '' && headingRepeats(context, 'h2', ours)) return structured;
  // An h1 repeating neither (a live ticker's latest entry): the document title decides.
  if (shown !== '' && shown !== theirs && documentTitle(context) === ours) return structured;
  return { value: editorial, source: 'opengraph' };
}

/** Whether a `tag` heading outside foreign regions (menus, asides, teasers) reads exactly `text` (comparable form). */
function headingRepeats(context: ExtractionContext, tag: string, text: string): boolean {
  const root = findArticleRoot(context.document);
  return context.index
    .byTag(tag)
    .some(
      (heading) =>
        !isInForeignRegion(heading, root) &&
        comparable(elementText(heading, DEFAULT_MAX_HEADLINE_LENGTH) ?? '') === text,
    );
}

/** Whether a text only names the site. */
function isSiteName(text: string, context: ExtractionContext): boolean {
  const key = comparable(text).replace(/\s+/g, '');
  return [context.meta.first('og:site_name'), ...hostLabels(context), ...siteNodeNames(context)]
    .filter((name): name is string => Boolean(name))
    .some((name) => comparable(name).replace(/\s+/g, '') === key);
}

function articleHeading(context: ExtractionContext): string | undefined {
  const root = findArticleRoot(context.document);
  const candidates = [...context.index.byTag('h1', root), ...context.index.byTag('h1')].filter(
    (heading) => !isInForeignRegion(heading, root),
  );
  for (const heading of candidates) {
    if (isSiteLogo(heading, context)) continue;
    const text = elementText(heading, DEFAULT_MAX_HEADLINE_LENGTH);
    if (text && text.length > 3) return text;
  }
  return undefined;
}

/** An h1 that is the site's logo: it links to the home page, or only names the site. */
function isSiteLogo(heading: Element, context: ExtractionContext): boolean {
  const link = context.index.byTag('a', heading).find((candidate) => candidate.hasAttribute('href'));
  if (link) {
    const target = context.resolveUrl(link.getAttribute('href'));
    if (target !== undefined && new URL(target).pathname === '/') return true;
  }
  // Only a heading that is exactly the site name: headlines often mention their site.
  const text = elementText(heading, 200);
  if (text === undefined) return false;
  const key = comparable(text).replace(/\s+/g, '');
  const sites = [context.meta.first('og:site_name'), ...hostLabels(context), ...siteNodeNames(context)]
    .filter((name): name is string => Boolean(name))
    .map((name) => comparable(name).replace(/\s+/g, ''));
  return key.length >= 3 && sites.includes(key);
}

/** Whether `heading` is the same headline as `title`, only more complete. */
function refinesHeadline(title: string, heading: string): boolean {
  if (title === heading) return false;
  const a = comparable(title.replace(/(?:\.\.\.|…)\s*$/, ''));
  const b = comparable(heading);
  if (a === '' || b === '') return false;
  return b.length > a.length && b.startsWith(a) && a.length >= 0.5 * b.length;
}

/** Whether `title` is `heading` with a separated segment (a site or section name) before or after it. */
function isHeadingPlusSiteName(title: string, heading: string): boolean {
  if (title.length <= heading.length || !title.includes(heading)) return false;
  const rest = title.replace(heading, '').trim();
  return LEADING_SEGMENT_PATTERN.test(rest) || TRAILING_SEGMENT_PATTERN.test(rest);
}

/** Cut " | Site Name" / "Site Name - " from a title when the remainder still reads as a title. */
export function stripSiteName(title: string | undefined, context: ExtractionContext): string | undefined {
  if (!title) return title;
  const siteNames = [
    context.meta.first('og:site_name'),
    context.meta.first('application-name'),
    ...hostLabels(context),
    ...siteNodeNames(context),
  ]
    .filter((name): name is string => Boolean(name))
    .map(comparable);
  const squash = (text: string) => comparable(text).replace(/\s+/g, '');
  const siteKeys = siteNames.map((name) => name.replace(/\s+/g, '')).filter((key) => key.length >= 3);
  const isSite = (part: string) => {
    const key = squash(part);
    if (key.length < 3) return false;
    // A longer segment may name the site with a word or two around it ("brand eins online");
    // one that only mentions it is a headline ("DRK: More people need help").
    const mayHoldSite = comparable(part).split(' ').length <= DEFAULT_MAX_SITE_SEGMENT_WORDS;
    return siteKeys.some((site) => site === key || site.includes(key) || (mayHoldSite && key.includes(site)));
  };
  // "Headline (Site Name)": a bracketed site name closes the title.
  const bracketed = TRAILING_BRACKETED_PATTERN.exec(title);
  if (bracketed !== null && bracketed.index > 0 && isSite(bracketed[1] ?? '')) {
    return stripSiteName(title.slice(0, bracketed.index).trim(), context);
  }
  const segments = splitSegments(title);
  if (segments.length < 2) return title;
  // "Headline | Section | Site": cut at the first later segment naming the site.
  const siteIndex = segments.findIndex((segment, index) => index > 0 && isSite(segment.text));
  if (siteIndex > 0) {
    let end = siteIndex;
    // Drop decoration left before it ("» ☆☆☆☆☆").
    while (end > 1 && !/\p{L}/u.test(segments[end - 1]?.text ?? '')) end--;
    const cut = title.slice(0, segments[end]?.separatorStart).trim();
    if (cut !== '') return cut;
  }
  // "Site: Headline".
  if (isSite(segments[0]?.text ?? '')) {
    const rest = title.slice(segments[1]?.start).trim();
    if (rest !== '') return rest;
  }
  return title;
}

interface TitleSegment {
  readonly text: string;
  /** Offset of the segment's text. */
  readonly start: number;
  /** Offset of the separator before it (0 for the first segment). */
  readonly separatorStart: number;
}

const SEGMENT_SEPARATOR_PATTERN = new RegExp(TITLE_SEPARATOR_PATTERN.source, 'g');

function splitSegments(title: string): TitleSegment[] {
  const segments: TitleSegment[] = [];
  let start = 0;
  let separatorStart = 0;
  for (const match of title.matchAll(SEGMENT_SEPARATOR_PATTERN)) {
    segments.push({ text: title.slice(start, match.index), start, separatorStart });
    separatorStart = match.index;
    start = match.index + match[0].length;
  }
  segments.push({ text: title.slice(start), start, separatorStart });
  return segments;
}

/** Names of the page's WebSite / publisher nodes in JSON-LD. */
function siteNodeNames(context: ExtractionContext): string[] {
  const names: string[] = [];
  const publisher = textValue(articleProperty(context, 'publisher'), context);
  if (publisher) names.push(publisher);
  for (const node of context.jsonLdNodes) {
    if (nodeTypes(node).includes('website') && typeof node.name === 'string') names.push(node.name);
  }
  return names;
}

/**
 * Names the host gives the site: its labels without the top-level domain, and the
 * registrable label alone ("news.example.co.uk" -> "news.example.co", "example"): public
 * suffixes such as "co.uk" and "gv.at" would otherwise hide the name.
 */
function hostLabels(context: ExtractionContext): string[] {
  if (context.siteHost === undefined) return [];
  const labels = context.siteHost.split('.');
  if (labels.length < 2) return labels;
  const named = labels.slice(0, -1);
  const registrable = named.filter((label) => !SECOND_LEVEL_LABELS.has(label)).at(-1);
  return registrable === undefined ? [named.join('.')] : [named.join('.'), registrable];
}
