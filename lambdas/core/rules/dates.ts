/**
 * datePublished and dateModified, kept apart. Sources: JSON-LD, microdata, meta tags
 * (OpenGraph article:*, Dublin Core, Parse.ly, Sailthru, ...), `time` elements and date
 * markup in the article header (never in sidebars, related lists, comments or scripts),
 * a date in the URL path, a date written near the byline or after a publication label,
 * then text around the headline, an opening dateline, the title (date-text.ts) and last
 * a JSON-LD node of another type naming this page as its main entity. Metadata is checked
 * against the day the article shows readers, and UTC instants are written in the page's
 * own offset when it reveals one, else in its country's zone (date-zone.ts).
 */
import type { Fact } from '../types';
import type { ExtractionContext } from './context';
import { type DateParseOptions, dateFromUrl, parseDateValue, parseHumanDate } from './date-parse';
import { dateInTitle, datelineDate, labelledDate, pageHeading, textBeforeHeading } from './date-text';
import { inPageTimeZone, localTwinOf } from './date-zone';
import { articleProperty, textValue, urlValue, webPageProperty } from './json-ld-values';
import { microdataArticleValues, microdataText } from './microdata-values';
import { findArticleRoot, isInForeignRegion } from './regions';
import { allFacts, factOf, firstFact, type Rule } from './rule';
import { comparablePageUrl } from './site-url';
import { cleanText } from './text';

export type DateRule = (
  context: ExtractionContext,
  options: DateParseOptions,
) => Fact<string> | null | undefined;

/** Meta keys holding the publication date, most specific first. */
const PUBLISHED_META_KEYS = [
  'article:published_time',
  'og:published_time',
  'article:published',
  'published_time',
  'datepublished',
  'publishdate',
  'publish-date',
  'publish_date',
  'pubdate',
  'parsely-pub-date',
  'sailthru.date',
  'article.published',
  'article_date_original',
  'date_published',
  'originalpublicationdate',
  'cxenseparse:recs:publishtime',
  'dc.date.created',
  'date',
  'og:updated_time:published',
];
const DUBLIN_CORE_PUBLISHED_KEYS = [
  'dc.date.issued',
  'dcterms.issued',
  'dcterms.created',
  'dc.date',
  'dcterms.date',
  'dc.created',
];
const MODIFIED_META_KEYS = [
  'article:modified_time',
  'og:updated_time',
  'article:modified',
  'modified_time',
  'datemodified',
  'last-modified',
  'lastmod',
  'dc.date.modified',
  'dcterms.modified',
];
/** Class / id words of elements that show the publication date (date in German/Dutch, Spanish, Italian/Portuguese, Turkish too). */
const DATE_CLASS_PATTERN =
  /(?:^|[\s_-])(?:date|time|published|publishing|publication|pubdate|posted|post-date|postmeta|postinfo|entrymeta|timestamp|dateline|meta|byline|author|datum|fecha|data|tarih|article-info|entry-meta)/i;
/** The same words inside camelCase class names ("itemPostDate", "docData"). */
const CAMEL_DATE_CLASS_PATTERN = /[a-z](?:Date|Time|Data|Datum|Published|Posted)(?:$|[\sA-Z_-])/;
const MODIFIED_WORD_PATTERN =
  /\b(?:updated?|modified|aktualisiert|mis à jour|actualizado|aggiornato|bijgewerkt|zuletzt)\b/i;
/** How many candidate elements of the article header are read for a written date. */
const DEFAULT_MAX_DATE_CANDIDATES = 60;
/** Elements of the article read for date classes (bounds the walk on huge pages). */
const DEFAULT_MAX_MARKED_ELEMENTS = 3000;

const fromJsonLd =
  (keys: string[]): DateRule =>
  (context, options) =>
    factOf(parseDateValue(textValue(articleProperty(context, ...keys), context), options), 'json-ld');

/** Machine-readable sources, most trusted first. */
const METADATA_PUBLISHED_RULES: readonly DateRule[] = [
  fromJsonLd(['datePublished', 'dateCreated', 'uploadDate']),
  (context, options) =>
    factOf(parseDateValue(textValue(webPageProperty(context, 'datePublished'), context), options), 'json-ld'),
  (context, options) =>
    factOf(microdataDate(context, ['datePublished', 'dateCreated'], options), 'microdata'),
  (context, options) =>
    factOf(firstMetaDate(context, ['article:published_time', 'og:published_time'], options), 'opengraph'),
  (context, options) => factOf(firstMetaDate(context, PUBLISHED_META_KEYS, options), 'meta'),
  (context, options) => factOf(firstMetaDate(context, DUBLIN_CORE_PUBLISHED_KEYS, options), 'dublin-core'),
];

const itempropPublished: DateRule = (context, options) =>
  factOf(itempropDate(context, 'datePublished', options), 'markup');
const timePublished: DateRule = (context, options) =>
  factOf(timeElementDate(context, options, 'published'), 'markup');
const writtenPublished: DateRule = (context, options) => factOf(writtenDate(context, options), 'text');
const labelledPublished: DateRule = (context, options) => factOf(labelledDate(context, options), 'text');

/**
 * The dates the article shows readers in its header or byline, cheapest first: they are
 * read on every page whose metadata gives a date, to check it.
 */
const SHOWN_PUBLISHED_RULES: readonly DateRule[] = [
  timePublished,
  writtenPublished,
  labelledPublished,
  itempropPublished,
];

export const DATE_PUBLISHED_RULES: readonly DateRule[] = [
  ...METADATA_PUBLISHED_RULES,
  itempropPublished,
  timePublished,
  // A permalink's date is minted at publication; dates written in the page's text may be
  // an update's or an event's.
  (context, options) => factOf(urlDate(context, options), 'url'),
  writtenPublished,
  labelledPublished,
  (context, options) => factOf(dateUnderHeadline(context, options), 'text'),
  (context, options) => factOf(datelineDate(context, options), 'text'),
  (context, options) => factOf(dateInTitle(context, options), 'text'),
  (context, options) => factOf(mainEntityDate(context, options), 'json-ld'),
];

/** How many JSON-LD nodes are read for the page's main entity (HowTo, Recipe, ...). */
const DEFAULT_MAX_MAIN_ENTITY_NODES = 200;

/**
 * The datePublished of a JSON-LD node of another type (HowTo, Recipe, VideoObject) that
 * names this page as its `mainEntityOfPage` or `url`: the page's own content, dated, when
 * no article node, meta tag or written date gives one. Other nodes (embedded videos,
 * teasers) date something else.
 */
function mainEntityDate(context: ExtractionContext, options: DateParseOptions): string | undefined {
  const page = comparablePageUrl(context.url);
  if (page === undefined) return undefined;
  for (const node of context.jsonLdNodes.slice(0, DEFAULT_MAX_MAIN_ENTITY_NODES)) {
    if (node.datePublished === undefined) continue;
    const names = [urlValue(node.mainEntityOfPage, context), urlValue(node.url, context)];
    if (!names.some((name) => comparablePageUrl(name, context.url) === page)) continue;
    const parsed = parseDateValue(textValue(node.datePublished, context), options);
    if (parsed) return parsed;
  }
  return undefined;
}

function urlDate(context: ExtractionContext, options: DateParseOptions): string | undefined {
  return dateFromUrl(context.url ?? context.baseUrl, options) ?? dateFromUrl(context.baseUrl, options);
}

export const DATE_MODIFIED_RULES: readonly DateRule[] = [
  fromJsonLd(['dateModified']),
  (context, options) =>
    factOf(parseDateValue(textValue(webPageProperty(context, 'dateModified'), context), options), 'json-ld'),
  (context, options) => factOf(microdataDate(context, ['dateModified'], options), 'microdata'),
  (context, options) =>
    factOf(firstMetaDate(context, ['article:modified_time', 'og:updated_time'], options), 'opengraph'),
  (context, options) => factOf(firstMetaDate(context, MODIFIED_META_KEYS, options), 'meta'),
  (context, options) => factOf(itempropDate(context, 'dateModified', options), 'markup'),
  (context, options) => factOf(timeElementDate(context, options, 'modified'), 'markup'),
];

/**
 * datePublished. Steps: 1. take the most trusted source; 2. when that is metadata and the
 * article shows readers another day (see `shownOverMetadata`), follow what it shows;
 * 3. when the result is a UTC instant (`Z`, `+00:00`): if the page writes the same instant
 * in local time elsewhere, re-express it with the page's offset; else, if the article
 * shows it as a neighbouring calendar day (the instant's day in some time zone), or the URL
 * path carries that day, keep that day: CMSs convert to UTC, while the day readers see
 * (and cite) is the local one; 4. when neither shows nor links the UTC day itself, write
 * the instant in the time zone of the page's country (domain, then declared locale) if
 * that moves it to another day (`inPageTimeZone`).
 */
export function extractDatePublished(
  context: ExtractionContext,
  options: DateParseOptions = {},
): Fact<string> | undefined {
  const first = firstFact(withOptions(DATE_PUBLISHED_RULES, options), context);
  const fact =
    first && METADATA_SOURCES.has(first.source) ? shownOverMetadata(context, first, options) : first;
  if (!fact || !UTC_INSTANT_PATTERN.test(fact.value)) return fact;
  const twin = localTwinOf(context, fact.value, options);
  if (twin !== undefined) return { value: twin, source: fact.source };
  const shown = safeShownDay(context, fact.value, options);
  if (shown !== undefined && isLocalDayOf(fact.value, shown)) return { value: shown, source: fact.source };
  const inUrl = urlDate(context, options);
  if (inUrl !== undefined && isLocalDayOf(fact.value, inUrl)) return { value: inUrl, source: fact.source };
  // The page shows or links the UTC day itself: that is its readers' day.
  const utcDay = fact.value.slice(0, 10);
  if (shown === utcDay || inUrl === utcDay) return fact;
  const local = inPageTimeZone(context, fact.value);
  return local === undefined ? fact : { value: local, source: fact.source };
}

function withOptions(rules: readonly DateRule[], options: DateParseOptions): Rule<string>[] {
  return rules.map(
    (rule): Rule<string> =>
      (ctx) =>
        rule(ctx, options),
  );
}

const METADATA_SOURCES = new Set<string>(['json-ld', 'microdata', 'opengraph', 'meta', 'dublin-core']);
const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * How much earlier than the metadata a shown date may be and still win: a CMS re-saving a
 * post moves its metadata days or weeks later; a shown date years earlier is another event.
 */
const DEFAULT_MAX_SHOWN_LEAD_MS = 31 * DAY_MS;

/**
 * The publication fact when metadata and the article's shown date disagree. Pages whose
 * metadata holds an import or re-save date still show readers the publication day in the
 * byline, and that day is the one cited. Steps: 1. read the shown dates (byline `time`,
 * date-classed text, labelled text, itemprop) until one agrees with the metadata: then, or
 * when none is shown, keep the metadata;
 * 2. another metadata source giving the shown day: take it (it keeps time and offset);
 * 3. else the first shown date, unless it is far earlier than the metadata, or the
 * metadata is an instant written with a local offset.
 */
function shownOverMetadata(
  context: ExtractionContext,
  metadata: Fact<string>,
  options: DateParseOptions,
): Fact<string> {
  // Lazily: most pages show the metadata's own day in their first shown date.
  let first: Fact<string> | undefined;
  for (const fact of lazyFacts(SHOWN_PUBLISHED_RULES, context, options)) {
    if (sameShownDay(metadata.value, fact.value)) return metadata;
    first ??= fact;
  }
  if (!first) return metadata;
  const shownFirst = first;
  const agreeing = allFacts(withOptions(METADATA_PUBLISHED_RULES, options), context).find((fact) =>
    sameShownDay(fact.value, shownFirst.value),
  );
  if (agreeing) return agreeing;
  // A metadata instant in local time with its offset is the CMS's deliberate record (a
  // liveblog's byline shows its latest entry, a teaser day its preview).
  if (LOCAL_OFFSET_PATTERN.test(metadata.value)) return metadata;
  return instant(shownFirst.value) >= instant(metadata.value) - DEFAULT_MAX_SHOWN_LEAD_MS
    ? shownFirst
    : metadata;
}

/** Each rule's fact in order, computed only when asked for; a failing rule yields nothing. */
function* lazyFacts(
  rules: readonly DateRule[],
  context: ExtractionContext,
  options: DateParseOptions,
): Generator<Fact<string>> {
  for (const rule of rules) {
    let fact: Fact<string> | null | undefined;
    try {
      fact = rule(context, options);
    } catch {
      fact = undefined;
    }
    if (fact) yield fact;
  }
}

/** An ISO instant with a non-UTC offset. */
const LOCAL_OFFSET_PATTERN = /T\d{2}:\d{2}(?::\d{2})?[+-](?!00:?00)\d{2}:?\d{2}$/;

/**
 * Whether a shown date names the same day as a machine date: the same calendar day, the
 * instant's local day somewhere, or the same numbers read month-first ("11/01/2021").
 */
function sameShownDay(machine: string, shown: string): boolean {
  const day = shown.slice(0, 10);
  // Only an instant with a zone has local days elsewhere; a bare date is one day.
  const zoned = ZONED_INSTANT_PATTERN.test(machine);
  if (machine.slice(0, 10) === day || (zoned && isLocalDayOf(machine, day))) return true;
  const [year, month, date] = day.split('-');
  if (!year || !month || !date || Number(date) > 12) return false;
  const swapped = `${year}-${date}-${month}`;
  return machine.slice(0, 10) === swapped || (zoned && isLocalDayOf(machine, swapped));
}

/** An ISO instant with a time and a zone. */
const ZONED_INSTANT_PATTERN = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** An ISO instant with a time given in UTC. */
const UTC_INSTANT_PATTERN = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]00:?00)$/i;
const HOUR_MS = 60 * 60 * 1000;
/** Time zones span UTC-12 to UTC+14. */
const DEFAULT_MOST_WESTERN_OFFSET_MS = -12 * HOUR_MS;
const DEFAULT_MOST_EASTERN_OFFSET_MS = 14 * HOUR_MS;

/** Whether `day` differs from the instant's UTC day yet is its local day in some time zone. */
export function isLocalDayOf(instantIso: string, day: string): boolean {
  if (instantIso.slice(0, 10) === day) return false;
  const time = Date.parse(instantIso);
  const dayStart = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(time) || Number.isNaN(dayStart)) return false;
  return (
    time + DEFAULT_MOST_EASTERN_OFFSET_MS >= dayStart &&
    time + DEFAULT_MOST_WESTERN_OFFSET_MS < dayStart + 24 * HOUR_MS
  );
}

function safeShownDay(
  context: ExtractionContext,
  instantIso: string,
  options: DateParseOptions,
): string | undefined {
  try {
    return shownDay(context, instantIso, options);
  } catch {
    return undefined;
  }
}

/**
 * The publication day as written for readers next to the same instant: the text of a
 * `time` element whose `datetime` is that instant, or of an `itemprop="datePublished"`
 * element. Other dates on the page (liveblog entries, teasers) say nothing about it.
 */
function shownDay(
  context: ExtractionContext,
  instantIso: string,
  options: DateParseOptions,
): string | undefined {
  const root = findArticleRoot(context.document);
  const instant = Date.parse(instantIso);
  for (const time of articleTimes(context, root)) {
    const machine = parseDateValue(time.getAttribute('datetime'), options);
    if (machine === undefined || Date.parse(machine) !== instant) continue;
    const written = parseHumanDate(cleanText(time.textContent ?? '') ?? '', options);
    if (written) return written.slice(0, 10);
  }
  for (const element of context.index.withAttribute('itemprop')) {
    if (!hasToken(element.getAttribute('itemprop'), 'datePublished')) continue;
    if (element.tagName === 'META' || isInForeignRegion(element, root)) continue;
    const machine = parseDateValue(
      element.getAttribute('content') ?? element.getAttribute('datetime'),
      options,
    );
    if (machine !== undefined && Date.parse(machine) !== instant) continue;
    const text = cleanText(spacedText(element)) ?? '';
    // A byline block carrying "Updated 20:49, 5 Aug" shows the update's day, not the publication's.
    if (MODIFIED_WORD_PATTERN.test(text)) continue;
    const written = parseHumanDate(text, options);
    if (written) return written.slice(0, 10);
  }
  return undefined;
}

/** dateModified; dropped when it is earlier than the publication date (a CMS fault). */
export function extractDateModified(
  context: ExtractionContext,
  published: Fact<string> | undefined,
  options: DateParseOptions = {},
): Fact<string> | undefined {
  const modified = firstFact(
    DATE_MODIFIED_RULES.map(
      (rule): Rule<string> =>
        (ctx) =>
          rule(ctx, options),
    ),
    context,
  );
  if (modified && published && instant(modified.value) < instant(published.value)) return undefined;
  return modified;
}

function instant(iso: string): number {
  return Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
}

/** An ISO date opening a `title` attribute (the microformats' `<abbr title="2018-06-05T08:00:00-07:00">`). */
const ISO_TITLE_PATTERN = /^\d{4}-\d{2}-\d{2}/;

/**
 * The article item's first date property that has a value. Blogger-style templates mark
 * `<abbr itemprop="datePublished" title="2018-06-05T08:00:00-07:00">08:00</abbr>`: the
 * microdata value is the time shown, the date is in the title, read when the value is no date.
 */
function microdataDate(
  context: ExtractionContext,
  properties: readonly string[],
  options: DateParseOptions,
): string | undefined {
  for (const property of properties) {
    const value = microdataArticleValues(context, property)[0];
    if (value === undefined) continue;
    return parseDateValue(microdataText(value), options) ?? microdataTitleDate(context, property, options);
  }
  return undefined;
}

function microdataTitleDate(
  context: ExtractionContext,
  property: string,
  options: DateParseOptions,
): string | undefined {
  for (const item of context.microdataArticles) {
    for (const element of context.index.withAttribute('itemprop', item.element)) {
      if (!hasToken(element.getAttribute('itemprop'), property)) continue;
      if (element.parentElement?.closest('[itemscope]') !== item.element && element !== item.element)
        continue;
      const title = element.getAttribute('title')?.trim() ?? '';
      if (ISO_TITLE_PATTERN.test(title)) return parseDateValue(title, options);
    }
  }
  return undefined;
}

/**
 * A slashed date with a time, the whole value: "11/01/2023 12:43:42", "3/4/2021 9:05:00 PM".
 * That is how .NET's invariant culture and JavaScript's en-US `toLocaleString` write dates,
 * month first; day-first systems write dots or ISO in their metadata.
 */
const MONTH_FIRST_MACHINE_PATTERN =
  /^\s*\d{1,2}\/\d{1,2}\/\d{4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?\s*$/i;

function monthFirst(options: DateParseOptions): DateParseOptions {
  return { ...options, dayFirst: false };
}

function firstMetaDate(
  context: ExtractionContext,
  keys: readonly string[],
  options: DateParseOptions,
): string | undefined {
  for (const key of keys) {
    for (const value of context.meta.all(key)) {
      const parsed = parseDateValue(
        value,
        MONTH_FIRST_MACHINE_PATTERN.test(value) ? monthFirst(options) : options,
      );
      if (parsed) return parsed;
    }
  }
  return undefined;
}

/** `itemprop="datePublished"` outside any article item (pages with stray microdata). */
function itempropDate(
  context: ExtractionContext,
  property: string,
  options: DateParseOptions,
): string | undefined {
  const root = findArticleRoot(context.document);
  // `[itemprop]` then a token test: jsdom matches `~=` selectors about twice as slowly.
  for (const element of context.index.withAttribute('itemprop')) {
    if (!hasToken(element.getAttribute('itemprop'), property) || isInForeignRegion(element, root)) continue;
    const raw = element.getAttribute('content') ?? element.getAttribute('datetime') ?? element.textContent;
    const parsed = parseDateValue(raw, options);
    if (parsed) return parsed;
  }
  return undefined;
}

/**
 * A `time` element of the article (its header first). For the publication date, a time
 * labelled as an update is skipped; for the modification date, only such a time counts.
 */
function timeElementDate(
  context: ExtractionContext,
  options: DateParseOptions,
  kind: 'published' | 'modified',
): string | undefined {
  const root = findArticleRoot(context.document);
  for (const time of articleTimes(context, root)) {
    if ((kind === 'modified') !== isUpdateTime(time)) continue;
    const parsed =
      parseDateValue(time.getAttribute('datetime'), options) ??
      parseDateValue(cleanText(time.textContent ?? ''), options);
    if (parsed) return parsed;
  }
  return undefined;
}

/**
 * The `time` elements of the article (its own first), outside foreign regions. Lazily: the
 * region test climbs each time's ancestors, and callers mostly stop at the first time.
 */
function* articleTimes(context: ExtractionContext, root: Element): Generator<Element> {
  for (const time of context.index.byTag('time', root)) {
    if (!isInForeignRegion(time, root)) yield time;
  }
  if (root === context.document.body) return;
  for (const time of context.index.byTag('time')) {
    if (!root.contains(time) && !isInForeignRegion(time, root)) yield time;
  }
}

/** Whether a `time` element is labelled as an update (by its class, itemprop or the text around it). */
function isUpdateTime(time: Element): boolean {
  const label = `${time.getAttribute('class') ?? ''} ${time.getAttribute('itemprop') ?? ''} ${time.parentElement?.textContent?.slice(0, 120) ?? ''}`;
  return (
    MODIFIED_WORD_PATTERN.test(label) &&
    !/publi|erschienen|veröffentlicht/i.test(time.getAttribute('class') ?? '')
  );
}

/** A date written in a date/byline/meta element of the article, not labelled as an update. */
function writtenDate(context: ExtractionContext, options: DateParseOptions): string | undefined {
  const root = findArticleRoot(context.document);
  // In document order (from the element index: no DOM walk): the date sits in the article's
  // header, so most pages stop early; pages without one stop at the bound.
  const elements = context.index.descendants(root);
  const bound = Math.min(elements.length, DEFAULT_MAX_MARKED_ELEMENTS);
  let candidates = 0;
  for (let visited = 0; visited < bound && candidates < DEFAULT_MAX_DATE_CANDIDATES; visited++) {
    const element = elements[visited] as Element;
    if (!element.hasAttributes()) continue;
    // Generated class names say nothing; test ids often still do ("prism-byline").
    const marker = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''} ${element.getAttribute('data-testid') ?? ''}`;
    if (!DATE_CLASS_PATTERN.test(marker) && !CAMEL_DATE_CLASS_PATTERN.test(marker)) continue;
    if (isInForeignRegion(element, root)) continue;
    candidates++;
    // Text nodes joined with spaces: dates are often split over spans ("Apr</span><span>04</span><span>2013").
    const text = cleanText(spacedText(element), 300);
    if (!text || text.length > 250 || MODIFIED_WORD_PATTERN.test(text.slice(0, 40))) continue;
    const parsed = parseHumanDate(text, options);
    if (parsed) return parsed;
  }
  return undefined;
}

/** Whether a space-separated attribute value holds the token. */
function hasToken(value: string | null, token: string): boolean {
  return (value ?? '').split(/\s+/).includes(token);
}

/**
 * A text node's words with whitespace collapsed: text windows count words, not the page's
 * indentation (which prune may remove), so the same page gives the same date either way.
 */
function collapsedText(node: Node): string {
  return cleanText(node.textContent ?? '') ?? '';
}

/** The element's text with a space between text nodes, bounded. */
function spacedText(element: Element): string {
  const parts: string[] = [];
  let length = 0;
  const walker = element.ownerDocument.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node && length < 400; node = walker.nextNode()) {
    const text = collapsedText(node);
    if (!text) continue;
    parts.push(text);
    length += text.length + 1;
  }
  return parts.join(' ');
}

/** How much text after the headline is read for its date ("<h1>…</h1><small>15.2.2018, 19:51</small>"). */
const DEFAULT_HEADLINE_DATE_WINDOW = 250;
const SKIPPED_TEXT_PARENTS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

/**
 * A date written right under the headline, whatever the markup: small sites put it in
 * unlabelled elements, or in layout blocks whose class names look like sidebars. The
 * h1's own text is read too (some put the date in a `small` inside it).
 */
function dateUnderHeadline(context: ExtractionContext, options: DateParseOptions): string | undefined {
  const document = context.document;
  const heading = pageHeading(context);
  if (!heading?.parentNode) return undefined;
  const walker = document.createTreeWalker(document.body ?? document.documentElement, 1 | 4);
  walker.currentNode = heading;
  let text = '';
  for (
    let node = walker.nextNode();
    node && text.length < DEFAULT_HEADLINE_DATE_WINDOW;
    node = walker.nextNode()
  ) {
    if (node.nodeType === 1) {
      const element = node as Element;
      if (element.tagName === 'TIME') {
        const machine = parseDateValue(element.getAttribute('datetime'), options);
        if (machine) return machine;
      }
      // The next headline starts another story.
      if (element.tagName === 'H1' || element.tagName === 'H2') break;
      continue;
    }
    if (SKIPPED_TEXT_PARENTS.has(node.parentElement?.tagName ?? '')) continue;
    const words = collapsedText(node);
    if (words) text += ` ${words}`;
  }
  const written = cleanText(text, DEFAULT_HEADLINE_DATE_WINDOW + 50);
  if (written && MODIFIED_WORD_PATTERN.test(written.slice(0, 40))) return undefined;
  return (
    (written ? parseHumanDate(written, options) : undefined) ?? textBeforeHeading(context, heading, options)
  );
}
