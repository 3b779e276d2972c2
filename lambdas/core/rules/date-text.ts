/**
 * Publication dates written only as text for readers: after a label ("Veröffentlicht am",
 * "Published on"), in a sentence about the post ("Dieser Artikel wurde am …"), closing a
 * short byline ("von Anna am 20.09.2020"), just before the headline, opening the first
 * paragraph ("29.11.2022 – …"), or in the page title ("… | DW | 23.05.2011"). Small
 * sites without metadata write their dates these ways. Every walk here is bounded:
 * hostile pages stay cheap.
 */
import type { ExtractionContext } from './context';
import { type DateParseOptions, parseHumanDate } from './date-parse';
import { findArticleRoot, isInForeignRegion } from './regions';
import { cleanText } from './text';

/**
 * Words that label the publication date, then an optional preposition and colon:
 * "Veröffentlicht am", "Erschienen am:", "Published on", "Publié le", "Datum". Update
 * labels ("Aktualisiert am") are deliberately absent.
 */
const PUBLISHED_LABEL_PATTERN =
  /^(?:veröffentlicht|erschienen|erstellt|publiziert|eingestellt|datum|date|published|posted|publication date|publié|publiée|publicado|publicada|pubblicato|pubblicata|gepubliceerd|geplaatst|opublikowano|publicerad|udgivet|julkaistu)(?:\s+(?:am|on|le|el|em|il|op|den|in))?\s*[:：]?(?:\s|$)/i;
/** "wurde am", "wird am": the passive of a dated event, followed by its date. */
const PUBLISHED_SENTENCE_PATTERN = /\b(?:wurde|wird)\s+am\b/i;
/** Words saying that the dated event is the post's own publication. */
const PUBLISHING_WORD_PATTERN =
  /\b(?:artikel|beitrag|eintrag|gepostet|veröffentlicht|publiziert|geschrieben|verfasst|erstellt)\b/i;
/** "am" / "on" opening a text node, as a byline goes on to its date. */
const BYLINE_DATE_LABEL_PATTERN = /^(?:am|on)\s+(?=\S)/i;
/** A byline's opening word. */
const BYLINE_OPENING_PATTERN = /^(?:von|by)\s/i;
/** Longest byline read for "von Anna am 20.09.2020". */
const DEFAULT_MAX_BYLINE_LENGTH = 100;
/** Text nodes read when looking for a labelled date. */
const DEFAULT_MAX_LABEL_TEXT_NODES = 4000;
/** How far after its label the date must start, in characters. */
const DEFAULT_LABEL_REACH = 30;
/** Characters of a long written date ("Mittwoch, 12. September 2019" is 28). */
const DEFAULT_LONGEST_WRITTEN_DATE = 24;
/** How much text before the headline is read for its date ("<em>01.11.2023</em><h1>…"). */
const DEFAULT_BEFORE_HEADING_WINDOW = 120;
/** Text nodes read backwards from the headline. */
const DEFAULT_BEFORE_HEADING_NODES = 12;
/** Paragraphs of the article read for an opening date. */
const DEFAULT_DATELINE_PARAGRAPHS = 3;
/** An opening date is followed by a dash or bar within this many characters. */
const DEFAULT_DATELINE_REACH = 32;
/** Elements walked after the headline looking for the article's first paragraphs. */
const DEFAULT_MAX_ELEMENTS_AFTER_HEADING = 400;
const DATELINE_SEPARATOR_PATTERN = /\s[-–—|]\s/;
/** A date closing the title after a separator ("… | DW | 23.05.2011", "… (12 March 2019)"). */
const TITLE_DATE_PATTERN = /(?:[|–—-]|\()\s*([^|–—(]{6,30}?)\s*\)?\s*$/;
/** Headings that may hold the headline when the page has no usable h1. */
const HEADING_TAGS = ['h1', 'h2', 'h3', 'h4'];
const DEFAULT_MAX_HEADINGS = 40;
const SKIPPED_TEXT_PARENTS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
const BLOCK_BOUNDARY_TAGS = new Set(['H1', 'H2', 'H3', 'ARTICLE', 'MAIN', 'HEADER', 'NAV']);

/**
 * A date right after a publication label in the article ("Erschienen am: 13.10.2021",
 * "<dt>Datum</dt><dd>12.01.2017</dd>"). Steps: 1. walk the article's text nodes, bounded;
 * 2. at a label, read it and the next text; 3. parse a date starting close to the label.
 * Comment and related-list regions outside the article are skipped.
 */
export function labelledDate(context: ExtractionContext, options: DateParseOptions): string | undefined {
  const root = findArticleRoot(context.document);
  const walker = context.document.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  let visited = 0;
  for (
    let node = walker.nextNode();
    node && visited < DEFAULT_MAX_LABEL_TEXT_NODES;
    node = walker.nextNode()
  ) {
    visited++;
    const text = (node.textContent ?? '').trim();
    if (text === '' || text.length > 200) continue;
    const label =
      PUBLISHED_LABEL_PATTERN.exec(text) ??
      publishedSentenceLabel(text, walker, node) ??
      bylineDateLabel(text, node);
    if (!label) continue;
    const parent = node.parentElement;
    if (!parent || SKIPPED_TEXT_PARENTS.has(parent.tagName)) continue;
    if (isInForeignRegion(parent, root) && !isOwnAside(parent, root)) continue;
    const following = `${text.slice(label[0].length)} ${textAfter(walker, node, 80)}`.trimStart();
    const date = dateNearStart(following, DEFAULT_LABEL_REACH, options);
    if (date) return date;
  }
  return undefined;
}

/**
 * The "… wurde am" of a sentence telling when the post was published ("Dieser Artikel wurde
 * am 14. Dezember 2015 um 14:48 von … geschrieben", "… wurde am <b>19. Mai 2010</b> um 23:03
 * Uhr gepostet"), as a label ending where the date starts. Article text says "wurde am" of
 * events too, so the sentence must name the post or its publishing.
 */
function publishedSentenceLabel(text: string, walker: TreeWalker, node: Node): { 0: string } | undefined {
  const sentence = PUBLISHED_SENTENCE_PATTERN.exec(text);
  if (!sentence) return undefined;
  const around = `${text} ${textAfter(walker, node, 80)}`;
  if (!PUBLISHING_WORD_PATTERN.test(around)) return undefined;
  return { 0: text.slice(0, sentence.index + sentence[0].length) };
}

/**
 * The "am" / "on" closing a short byline "von Anna am 20.09.2020", "by Anna on 3 May 2021":
 * the element holding it opens with "von" / "by" and says little else.
 */
function bylineDateLabel(text: string, node: Node): { 0: string } | undefined {
  const on = BYLINE_DATE_LABEL_PATTERN.exec(text);
  if (!on) return undefined;
  const byline = cleanText(node.parentElement?.textContent ?? '', DEFAULT_MAX_BYLINE_LENGTH + 1);
  return byline && byline.length <= DEFAULT_MAX_BYLINE_LENGTH && BYLINE_OPENING_PATTERN.test(byline)
    ? on
    : undefined;
}

/**
 * Whether a foreign-looking element is in the article's own info box ("aside.blogData" in
 * the article header): an `aside` inside a real article container (not the body), with
 * nothing foreign around the aside itself.
 */
function isOwnAside(element: Element, root: Element): boolean {
  const aside = element.closest('aside');
  const around = aside?.parentElement;
  return root.tagName !== 'BODY' && !!around && root.contains(aside) && !isInForeignRegion(around, root);
}

/** Up to `limit` characters of the text nodes following `node`, without moving the walker. */
function textAfter(walker: TreeWalker, node: Node, limit: number): string {
  const saved = walker.currentNode;
  walker.currentNode = node;
  let text = '';
  for (let next = walker.nextNode(); next && text.length < limit; next = walker.nextNode()) {
    if (SKIPPED_TEXT_PARENTS.has(next.parentElement?.tagName ?? '')) continue;
    const words = cleanText((next.textContent ?? '').slice(0, limit * 4));
    if (words) text += ` ${words}`;
  }
  walker.currentNode = saved;
  return cleanText(text, limit + 50) ?? '';
}

/** A date written within the first `reach` characters of `text` (plus room for the date itself). */
function dateNearStart(text: string, reach: number, options: DateParseOptions): string | undefined {
  const cleaned = cleanText(text, 200);
  return cleaned
    ? parseHumanDate(cleaned.slice(0, reach + DEFAULT_LONGEST_WRITTEN_DATE), options)
    : undefined;
}

/**
 * The page's headline element: the first h1 with words, outside navigation and sidebars;
 * else (no usable h1) the first heading whose text the document title contains.
 */
export function pageHeading(context: ExtractionContext): Element | undefined {
  const document = context.document;
  const headings = context.index.byTag('h1');
  // An empty h1 is a logo or a screen-reader placeholder, not the headline.
  const heading = headings.find((element) => hasWords(element) && !isInForeignRegion(element));
  if (heading) return heading;
  const title = (document.title ?? '').toLowerCase();
  if (title !== '') {
    const candidates = context.index.byTag(HEADING_TAGS).slice(0, DEFAULT_MAX_HEADINGS);
    const titled = candidates.find((element) => {
      const text = cleanText(element.textContent ?? '', 300)?.toLowerCase();
      return text !== undefined && text.length >= 12 && title.includes(text);
    });
    if (titled) return titled;
  }
  return headings[0];
}

/** Whether the element holds any visible word (images and whitespace do not count). */
function hasWords(element: Element): boolean {
  return /[\p{L}\p{N}]/u.test(element.textContent ?? '');
}

/**
 * A date written just before the headline ("<time>01.02.2022</time> | Meeting <h1>…"),
 * read backwards from the heading so the nearest date wins. Stops at another heading or
 * section boundary.
 */
export function textBeforeHeading(
  context: ExtractionContext,
  heading: Element,
  options: DateParseOptions,
): string | undefined {
  const document = context.document;
  const walker = document.createTreeWalker(document.body ?? document.documentElement, 1 | 4);
  walker.currentNode = heading;
  let text = '';
  let nodes = 0;
  for (
    let node = walker.previousNode();
    node && nodes < DEFAULT_BEFORE_HEADING_NODES && text.length < DEFAULT_BEFORE_HEADING_WINDOW;
    node = walker.previousNode()
  ) {
    if (node.nodeType === 1) {
      const element = node as Element;
      // Ancestors come up in a backward walk: they are not boundaries, only earlier siblings are.
      if (element.contains(heading)) continue;
      if (BLOCK_BOUNDARY_TAGS.has(element.tagName)) break;
      continue;
    }
    if (SKIPPED_TEXT_PARENTS.has(node.parentElement?.tagName ?? '')) continue;
    // Words, not the page's indentation, fill the window.
    const piece = cleanText(node.textContent ?? '') ?? '';
    if (piece === '') continue;
    nodes++;
    text = `${piece} ${text}`;
    const date = parseHumanDate(cleanText(text, DEFAULT_BEFORE_HEADING_WINDOW + 100) ?? '', options);
    if (date) return date;
  }
  return undefined;
}

/**
 * A date opening one of the article's first paragraphs, before a dash or bar
 * ("29.11.2022 – Mehrfach …", "27.1.2022 - Bei der …").
 */
export function datelineDate(context: ExtractionContext, options: DateParseOptions): string | undefined {
  const root = findArticleRoot(context.document);
  const heading = root === context.document.body ? pageHeading(context) : undefined;
  // Without an article container, the body's first paragraphs are its header's; the
  // article's start right after the headline.
  const paragraphs = heading ? paragraphsAfter(heading) : openingParagraphs(context, root);
  for (const paragraph of paragraphs) {
    const opening = cleanText((paragraph.textContent ?? '').slice(0, 200), 120) ?? '';
    const separator = DATELINE_SEPARATOR_PATTERN.exec(opening);
    if (!separator || separator.index > DEFAULT_DATELINE_REACH) continue;
    const date = parseHumanDate(opening.slice(0, separator.index), options);
    if (date) return date;
  }
  return undefined;
}

/**
 * The article's first paragraphs with text (of the first few), outside foreign regions.
 * Read in order and stopped early: the text and the region test each cost a walk.
 */
function openingParagraphs(context: ExtractionContext, root: Element): Element[] {
  const paragraphs: Element[] = [];
  let withText = 0;
  for (const paragraph of context.index.byTag('p', root)) {
    if (withText === DEFAULT_DATELINE_PARAGRAPHS * 4 || paragraphs.length === DEFAULT_DATELINE_PARAGRAPHS)
      break;
    if ((paragraph.textContent ?? '').trim() === '') continue;
    withText++;
    if (!isInForeignRegion(paragraph, root)) paragraphs.push(paragraph);
  }
  return paragraphs;
}

/** The first paragraphs with text after `heading`, in document order (a bounded walk). */
function paragraphsAfter(heading: Element): Element[] {
  const walker = heading.ownerDocument.createTreeWalker(
    heading.ownerDocument.body ?? heading.ownerDocument.documentElement,
    1 /* NodeFilter.SHOW_ELEMENT */,
  );
  walker.currentNode = heading;
  const paragraphs: Element[] = [];
  let visited = 0;
  for (
    let node = walker.nextNode();
    node && paragraphs.length < DEFAULT_DATELINE_PARAGRAPHS && visited < DEFAULT_MAX_ELEMENTS_AFTER_HEADING;
    node = walker.nextNode()
  ) {
    visited++;
    const element = node as Element;
    if (element.tagName === 'P' && (element.textContent ?? '').trim() !== '') paragraphs.push(element);
  }
  return paragraphs;
}

/** A date closing the document title or og:title after a separator. */
export function dateInTitle(context: ExtractionContext, options: DateParseOptions): string | undefined {
  for (const title of [context.document.title, context.meta.first('og:title')]) {
    const match = TITLE_DATE_PATTERN.exec(cleanText(title ?? '', 400) ?? '');
    const date = match?.[1] ? parseHumanDate(match[1], options) : undefined;
    if (date) return date;
  }
  return undefined;
}
