/**
 * description (standfirst): JSON-LD, microdata, then the page's meta descriptions (OpenGraph,
 * meta description, Twitter, Dublin Core), then a standfirst element of the article; when
 * the page has none of these, the article's lead paragraph (`descriptionFromBody`), as a
 * CMS's automatic excerpt would.
 */
import type { Fact, FactSource } from '../types';
import type { ExtractionContext } from './context';
import { stripSiteName } from './headline';
import { articleProperty, textValue } from './json-ld-values';
import { microdataArticleValues, microdataText } from './microdata-values';
import { findArticleRoot, isInForeignRegion } from './regions';
import { allFacts, factOf, type Rule } from './rule';
import { comparable, elementText, plainText, startsWithCapital } from './text';

/** Longest description kept. */
export const DEFAULT_MAX_DESCRIPTION_LENGTH = 1000;
/** Shortest description worth keeping (shorter ones are labels, not summaries). */
const DEFAULT_MIN_DESCRIPTION_LENGTH = 12;
/** Class names of a standfirst element (whole class tokens). */
const STANDFIRST_CLASSES = new Set([
  'standfirst',
  'article-standfirst',
  'dek',
  'article-dek',
  'subtitle',
  'article-subtitle',
  'subheadline',
  'sub-headline',
  'article-summary',
  'summary',
  'lead',
  'article-lead',
  'intro',
  'article-intro',
  'teaser-text',
  'excerpt',
  'deck',
]);
/** A class name that says "standfirst" anywhere ("c-article__standfirst", "ArticleStandfirst"). */
const STANDFIRST_CLASS_FRAGMENT_PATTERN = /standfirst/i;
const CLASS_TOKEN_SEPARATOR = /\s+/;
/** Elements of the article looked at for a standfirst: it sits near the headline, at the top. */
const DEFAULT_MAX_STANDFIRST_ELEMENTS = 2000;

/**
 * A short "By Jane Doe (...)" line: a byline some CMSs put in the description, not a summary.
 * The name's capital is tested apart (isBylineOnly): under the `i` flag `\p{Lu}` matches lower
 * case too, and "By then, …" starts a sentence.
 */
const BYLINE_ONLY_PATTERN = /^(?:by|par|von|por|door|di)\s+([^.!?]{1,100})$/iu;

function isBylineOnly(text: string): boolean {
  const name = BYLINE_ONLY_PATTERN.exec(text)?.[1];
  return name !== undefined && startsWithCapital(name);
}

/** A description cut short by its CMS: "…", "...", "[…]", "(...)" at the end. */
const TRUNCATED_PATTERN = /(?:…|\.{3}|\[(?:…|\.{3}|&hellip;)\]|\((?:…|\.{3})\))\s*$/u;
/** How a finished sentence or quote ends. */
const SENTENCE_END_PATTERN = /[.!?。！？"'»«“”’)\]]\s*$/u;
/** Shortest common beginning that makes two descriptions the same text. */
const DEFAULT_MIN_SHARED_PREFIX = 40;
/** A site's slogan is short: longer texts naming the site are summaries that mention it. */
const DEFAULT_MAX_SLOGAN_WORDS = 10;

/** A bare link: automatic excerpts keep the URLs of embedded videos and posts; editors never write them. */
const BARE_URL_PATTERN = /\b(?:https?:\/\/|www\.)\S/i;
/** Punctuation between a title repeated at the start of a description and the text after it. */
const TITLE_JOINT_PATTERN = /^\s*[.:!?|–—-]+\s+/u;
/** Letters of a word compared when relating a description to the page's titles (inflections differ after them). */
const DEFAULT_WORD_STEM_LENGTH = 5;
/** Words shorter than this are too common to relate a description to a title. */
const DEFAULT_MIN_TITLE_WORD_LENGTH = 4;

const clean = (value: unknown) => {
  const text = plainText(value, DEFAULT_MAX_DESCRIPTION_LENGTH);
  if (!text || text.length < DEFAULT_MIN_DESCRIPTION_LENGTH || isBylineOnly(text)) return undefined;
  return text;
};

/** Structured data: the article's own description, most trusted. */
const STRUCTURED_DESCRIPTION_RULES: readonly Rule<string>[] = [
  (context) =>
    factOf(clean(textValue(articleProperty(context, 'description', 'abstract'), context)), 'json-ld'),
  (context) => factOf(clean(microdataText(microdataArticleValues(context, 'description')[0])), 'microdata'),
];

/** The `<meta>` descriptions, in the order trusted when nothing else tells them apart. */
const META_DESCRIPTIONS: readonly { readonly keys: readonly string[]; readonly source: FactSource }[] = [
  { keys: ['og:description'], source: 'opengraph' },
  { keys: ['description'], source: 'meta' },
  { keys: ['twitter:description'], source: 'meta' },
  { keys: ['dc.description', 'dcterms.description', 'dcterms.abstract'], source: 'dublin-core' },
];

const standfirstRule: Rule<string> = (context) => factOf(standfirst(context), 'markup');

/** Every source in its most trusted order (`extractDescription` reorders the `<meta>` ones per page). */
export const DESCRIPTION_RULES: readonly Rule<string>[] = [
  ...STRUCTURED_DESCRIPTION_RULES,
  ...META_DESCRIPTIONS.map(
    ({ keys, source }): Rule<string> =>
      (context) =>
        factOf(clean(context.meta.first(...keys)), source),
  ),
  standfirstRule,
];

/** A candidate `<meta>` description and where the page declares it. */
interface MetaDescription {
  readonly fact: Fact<string>;
  readonly keys: readonly string[];
  /** Whether it opened with a copy of the title: a template composed it, an editor wrote the others. */
  readonly composed: boolean;
}

/**
 * The description. Steps:
 * 1. collect structured descriptions (JSON-LD, microdata), then the `<meta>` ones;
 * 2. cut a copy of the page's title off their start ("Headline. Summary..."), and drop a
 *    description that only repeats the title;
 * 3. drop site slogans (a short text naming the site, the same on every page);
 * 4. order the `<meta>` descriptions: those about this page (sharing a word with its
 *    titles, no bare links) before the others, those written for it before those a
 *    template composed with the title (step 2), then as the page declares them: a page's
 *    first description is the one written for it, later ones come from sharing plugins
 *    and defaults. When none is about the titles, the most trusted order stays;
 * 5. when DEFAULT_MIN_AGREEING_METAS `<meta>` descriptions agree on one text, it outvotes a
 *    different structured description (a plugin's fragment or another page's text);
 * 6. take the first; when it stops mid-sentence without an ellipsis (a CMS cut it at a
 *    fixed length) and another source, the standfirst included, carries the same text
 *    further, take the complete one. A marked cut ("…") is the publisher's chosen teaser
 *    and stays. Without any declared description, the standfirst element.
 */
export function extractDescription(context: ExtractionContext): Fact<string> | undefined {
  const titles = pageTitles(context);
  const keep = (fact: Fact<string>): Fact<string> | undefined => {
    const value = withoutLeadingTitle(fact.value, titles);
    if (value === undefined || isSiteSlogan(value, context)) return undefined;
    return value === fact.value ? fact : { value, source: fact.source };
  };
  const structured = allFacts(STRUCTURED_DESCRIPTION_RULES, context).flatMap((fact) => keep(fact) ?? []);
  const metas = META_DESCRIPTIONS.flatMap(({ keys, source }) => {
    const fact = safeFact(() => factOf(clean(context.meta.first(...keys)), source));
    const kept = fact ? keep(fact) : undefined;
    return kept && fact ? [{ fact: kept, keys, composed: kept !== fact }] : [];
  });
  const ordered = orderMetaDescriptions(metas, titles, context);
  const agreed = agreedMetaDescription(metas);
  const facts =
    agreed !== undefined &&
    structured.length > 0 &&
    structured.every((fact) => comparable(fact.value) !== comparable(agreed.value))
      ? [agreed, ...structured, ...ordered]
      : [...structured, ...ordered];
  const first = facts[0];
  if (first === undefined) return safeFact(() => standfirstRule(context));
  if (TRUNCATED_PATTERN.test(first.value) || SENTENCE_END_PATTERN.test(first.value)) return first;
  const standfirstFact = safeFact(() => standfirstRule(context));
  return completeVersion(first, standfirstFact ? [...facts, standfirstFact] : facts) ?? first;
}

function safeFact(read: () => Fact<string> | null | undefined): Fact<string> | undefined {
  try {
    return read() ?? undefined;
  } catch {
    return undefined;
  }
}

/** The page's titles as it declares them (JSON-LD headline, og:title, `<title>` with and without the site name). */
function pageTitles(context: ExtractionContext): string[] {
  const documentTitle = plainText(context.document.title);
  const openGraphTitle = plainText(context.meta.first('og:title'));
  const titles = [
    plainText(textValue(articleProperty(context, 'headline', 'name'), context)),
    openGraphTitle,
    stripSiteName(openGraphTitle, context),
    documentTitle,
    stripSiteName(documentTitle, context),
  ];
  return [...new Set(titles.filter((title): title is string => title !== undefined && title.length > 3))];
}

/**
 * `text` without a copy of a title at its start ("How to build a shed. Sheds are ...");
 * undefined when the text is only the title.
 */
function withoutLeadingTitle(text: string, titles: readonly string[]): string | undefined {
  const key = comparable(text);
  for (const title of titles) {
    const titleKey = comparable(title);
    if (titleKey === '') continue;
    if (key === titleKey) return undefined;
    if (!text.toLowerCase().startsWith(title.toLowerCase()) || !key.startsWith(`${titleKey} `)) continue;
    // Only a title closed by punctuation and a space: "Game Settings guide and instructions."
    // is one sentence, "Unhappy-ness is ..." one word.
    const after = text.slice(title.length);
    const joint = TITLE_JOINT_PATTERN.exec(after);
    if (joint === null) continue;
    const rest = after.slice(joint[0].length);
    return rest.length >= DEFAULT_MIN_DESCRIPTION_LENGTH ? rest : undefined;
  }
  return text;
}

/** The text DEFAULT_MIN_AGREEING_METAS or more `<meta>` descriptions declare alike (step 5). */
function agreedMetaDescription(metas: readonly MetaDescription[]): Fact<string> | undefined {
  if (metas.length < DEFAULT_MIN_AGREEING_METAS) return undefined;
  const counts = new Map<string, { fact: Fact<string>; count: number }>();
  for (const { fact } of metas) {
    const key = comparable(fact.value);
    const entry = counts.get(key) ?? { fact, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].find(({ count }) => count >= DEFAULT_MIN_AGREEING_METAS)?.fact;
}

/** Step 4 of `extractDescription`. */
function orderMetaDescriptions(
  metas: readonly MetaDescription[],
  titles: readonly string[],
  context: ExtractionContext,
): Fact<string>[] {
  if (new Set(metas.map(({ fact }) => comparable(fact.value))).size < 2) return metas.map(({ fact }) => fact);
  const stems = titleStems(titles, context);
  const keys = new Map(metas.map((meta) => [meta, comparable(meta.fact.value)]));
  const ownAbout = new Map(metas.map((meta) => [meta, isAboutTitles(meta.fact.value, stems)]));
  // Cuts of one text at different lengths are one description: about the page when any cut is.
  const about = new Map(
    metas.map((meta) => [
      meta,
      metas.some((other) => ownAbout.get(other) && sameTextCut(keys.get(meta) ?? '', keys.get(other) ?? '')),
    ]),
  );
  if (![...about.values()].some(Boolean)) return metas.map(({ fact }) => fact);
  // About the page and written for it, then about the page, then the rest.
  const rank = (meta: MetaDescription) => (about.get(meta) ? (meta.composed ? 1 : 2) : 0);
  const positions = metaPositions(context);
  const position = (meta: MetaDescription) =>
    Math.min(...meta.keys.map((key) => positions.get(key) ?? Number.POSITIVE_INFINITY));
  return [...metas]
    .sort((a, b) => rank(b) - rank(a) || position(a) - position(b) || 0)
    .map(({ fact }) => fact);
}

function stemOf(word: string): string {
  return word.slice(0, DEFAULT_WORD_STEM_LENGTH);
}

/** Stems of the titles' words, without the site's name (site-wide texts name the site too). */
function titleStems(titles: readonly string[], context: ExtractionContext): Set<string> {
  const stems = new Set<string>();
  for (const title of titles) {
    for (const word of comparable(title).split(' ')) {
      if (word.length >= DEFAULT_MIN_TITLE_WORD_LENGTH) stems.add(stemOf(word));
    }
  }
  for (const word of siteWords(context)) stems.delete(stemOf(word));
  return stems;
}

/** Words of the site's name: og:site_name and the host's labels. */
function siteWords(context: ExtractionContext): string[] {
  const words = comparable(context.meta.first('og:site_name') ?? '').split(' ');
  try {
    const url = context.baseUrl ?? context.url;
    if (url !== undefined) words.push(...comparable(new URL(url).hostname).split(' '));
  } catch {
    // No usable URL: the site name alone.
  }
  return words.filter(Boolean);
}

/** Whether two comparable texts are the same text cut at different lengths. */
function sameTextCut(a: string, b: string): boolean {
  if (a === b) return true;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  // The shorter one may end inside a word the longer one completes.
  const stem = shorter.slice(0, shorter.lastIndexOf(' '));
  return stem.length >= DEFAULT_MIN_SHARED_PREFIX && longer.startsWith(stem);
}

/** Whether a description speaks of the page's titles: site-wide texts and automatic excerpts do not. */
function isAboutTitles(text: string, stems: ReadonlySet<string>): boolean {
  if (BARE_URL_PATTERN.test(text)) return false;
  return comparable(text)
    .split(' ')
    .some((word) => word.length >= DEFAULT_MIN_TITLE_WORD_LENGTH && stems.has(stemOf(word)));
}

/** `<meta>` descriptions (OpenGraph, meta, Twitter, Dublin Core) that outvote structured data when they agree. */
const DEFAULT_MIN_AGREEING_METAS = 3;
/** Children of the head and then of the body looked at for meta tags. */
const DEFAULT_MAX_META_SCAN = 400;

/**
 * Where each `<meta>` name or property is first declared (index among the meta elements).
 * One bounded walk over the head's children, then the body's first children: meta tags
 * that follow an element the head cannot hold (a stray `<img>`) land at the body's start.
 */
function metaPositions(context: ExtractionContext): Map<string, number> {
  const positions = new Map<string, number>();
  let index = 0;
  let budget = DEFAULT_MAX_META_SCAN;
  for (const parent of [context.document.head, context.document.body]) {
    for (let element = parent?.firstElementChild ?? null; element !== null && budget-- > 0; ) {
      if (element.localName === 'meta') {
        for (const attribute of ['property', 'name']) {
          const key = element.getAttribute(attribute)?.trim().toLowerCase();
          if (key && !positions.has(key) && element.getAttribute('content')?.trim())
            positions.set(key, index);
        }
        index++;
      }
      element = element.nextElementSibling;
    }
  }
  return positions;
}

/** Body paragraphs shorter than this are datelines, labels or bylines, not a lead. */
const DEFAULT_MIN_LEAD_LENGTH = 40;
/** Paragraphs of the body looked at for the lead. */
const DEFAULT_LEAD_PARAGRAPHS = 5;
/** A lead up to this long is kept whole; a longer one is cut at a sentence end before it. */
export const DEFAULT_MAX_LEAD_LENGTH = 300;
/** Shortest first sentence kept when a long lead is cut; else it is cut at a word, with "…". */
const DEFAULT_MIN_LEAD_SENTENCE = 80;
/** Where a long lead without a usable sentence end is cut (at a word boundary). */
const DEFAULT_LEAD_WORD_CUT = 200;
const PARAGRAPH_BREAK = /\n+/;
const SENTENCE_BREAK = /[.!?。！？]["'»”’)]?\s/gu;
/**
 * A paragraph that ends a sentence: punctuation, then at most one closing quote. Stricter than
 * SENTENCE_END_PATTERN (which judges declared descriptions), where a closing quote or bracket
 * alone will do: in a body, `"Bartleby the Scrivener" (1853)` is a title line, not a lead.
 */
const LEAD_SENTENCE_END_PATTERN = /[.!?。！？…]["'»”’)]?$/u;
/** A paragraph without a sentence end this long is prose (a standfirst), not a label. */
const DEFAULT_MIN_UNPUNCTUATED_LEAD_LENGTH = 80;

/**
 * Whether a body paragraph reads as the lead: long enough, not a byline, and prose (it ends
 * a sentence, or is too long for a label). A short line without a sentence end is a title,
 * a kicker or a contact line ("Dr. Jane Doe, Press Office").
 */
function isLeadParagraph(paragraph: string): boolean {
  if (paragraph.length < DEFAULT_MIN_LEAD_LENGTH || isBylineOnly(paragraph)) return false;
  return (
    paragraph.length >= DEFAULT_MIN_UNPUNCTUATED_LEAD_LENGTH || LEAD_SENTENCE_END_PATTERN.test(paragraph)
  );
}

/**
 * A description from the article body, for pages that declare none: the first of its first
 * paragraphs that reads as the lead (`isLeadParagraph`), cut after its last full sentence
 * within DEFAULT_MAX_LEAD_LENGTH (or at a word, with "…"). Search engines fall back to page
 * text the same way.
 */
export function descriptionFromBody(body: string): Fact<string> | undefined {
  const lead = body
    .split(PARAGRAPH_BREAK, DEFAULT_LEAD_PARAGRAPHS * 4)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .slice(0, DEFAULT_LEAD_PARAGRAPHS)
    .find(isLeadParagraph);
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
  return clean(elementText(findStandfirst(root), DEFAULT_MAX_DESCRIPTION_LENGTH));
}

/**
 * The first standfirst element inside `root` (document order) outside foreign regions.
 * One bounded walk with cheap attribute checks: attribute and class selectors would each
 * walk the whole document.
 */
function findStandfirst(root: Element): Element | undefined {
  const stack: Element[] = [];
  const pushChildren = (element: Element) => {
    for (let child = element.lastElementChild; child !== null; child = child.previousElementSibling)
      stack.push(child);
  };
  pushChildren(root);
  for (let budget = DEFAULT_MAX_STANDFIRST_ELEMENTS; budget > 0; budget--) {
    const element = stack.pop();
    if (element === undefined) return undefined;
    if (isStandfirstElement(element) && !isInForeignRegion(element, root)) return element;
    pushChildren(element);
  }
  return undefined;
}

function isStandfirstElement(element: Element): boolean {
  if (!element.hasAttributes()) return false;
  if (element.getAttribute('itemprop') === 'description') return true;
  if (element.getAttribute('data-testid')?.includes('standfirst')) return true;
  const className = element.getAttribute('class');
  if (!className) return false;
  if (STANDFIRST_CLASS_FRAGMENT_PATTERN.test(className)) return true;
  return className.split(CLASS_TOKEN_SEPARATOR).some((token) => STANDFIRST_CLASSES.has(token));
}
