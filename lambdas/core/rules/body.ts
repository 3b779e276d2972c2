/**
 * articleBody: the page's main text, paragraphs separated by a blank line, list items and
 * table rows one per line.
 *
 * Sources, most trusted first (each yields null on failure and never breaks extraction):
 * 1. `jsonLdBody`: the main JSON-LD article's `articleBody`, when it is long and the page
 *    itself carries that text (a stale or truncated teaser is refused). The DOM text is
 *    computed first anyway, as the yardstick for "truncated".
 * 2. `domBody`: the DOM container that holds the most sentence-like text and the least
 *    boilerplate, cleaned of share bars, related lists, bio boxes, comments and the like.
 *
 * The document is only read, never mutated: boilerplate is skipped while walking.
 */
import type { Fact } from '../types';
import { bodyHoldsLead, declaredSummaries, leadBefore } from './body-lead';
import type { ExtractionContext } from './context';
import type { ElementIndex } from './element-index';

/** A JSON-LD body shorter than this (characters) is a teaser, not the article. */
export const DEFAULT_MIN_JSON_LD_BODY_CHARS = 400;
/** Share of the JSON-LD body's words that must appear in the page's DOM body text. */
export const DEFAULT_MIN_JSON_LD_OVERLAP = 0.8;
/** A JSON-LD body shorter than this share of the DOM text is a truncated teaser. */
export const DEFAULT_MIN_JSON_LD_LENGTH_RATIO = 0.8;
/** A text block at least this long (characters) reads as prose whatever its punctuation. */
export const DEFAULT_PROSE_BLOCK_CHARS = 80;
/** A text block at least this long reads as prose when it ends like a sentence. */
export const DEFAULT_SENTENCE_BLOCK_CHARS = 25;
/** Above this share of link text a block is navigation, not prose. */
export const DEFAULT_MAX_LINK_DENSITY = 0.5;
/** Characters outside links that make a link-heavy paragraph a sentence (see isLinkedSentence). */
export const DEFAULT_MIN_SENTENCE_OWN_CHARS = 25;
/** Weight of link-heavy text against a candidate container (prose weighs 1). */
export const DEFAULT_LINK_PENALTY = 1;
/** Weight of short non-prose text (labels, bylines, buttons) against a candidate. */
export const DEFAULT_SHORT_PENALTY = 0.3;
/** Share of a container's score lost by prose outside paragraph elements (teaser lists, bare divs). */
export const DEFAULT_LOOSE_PROSE_DISCOUNT = 0.4;
/** A marked-up article element inside the best container replaces it when it scores this share of it. */
export const DEFAULT_MARKED_SCORE_SHARE = 0.9;
/** A marked-up article element holding the headline replaces the best container when it scores this share of it. */
export const DEFAULT_HEADLINE_MARKED_SCORE_SHARE = 0.75;
/** The article holding the headline must score this much (characters of prose) to replace a container of several articles. */
export const DEFAULT_MIN_HEADLINE_ARTICLE_SCORE = 200;
/** Teaser cards (`article`s of a headline link and a few lines) are boilerplate when there are this many. */
export const DEFAULT_MIN_TEASER_CARDS = 2;
/** Most prose (characters) a teaser card holds; more is an article of its own. */
export const DEFAULT_MAX_TEASER_CARD_PROSE = 500;
/** An element named like boilerplate but holding this share of the page's prose and text is a wrapper. */
export const DEFAULT_WRAPPER_SHARE = 0.5;

/** Elements whose content is never article text. */
const NON_TEXT_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'canvas',
  'iframe',
  'object',
  'embed',
  'video',
  'audio',
  'button',
  'input',
  'select',
  'textarea',
  'option',
  'head',
  'title',
  'meta',
  'link',
  'dialog',
]);
/** Sectioning elements that hold page furniture around the article. */
const FURNITURE_TAGS = new Set(['nav', 'aside', 'footer', 'menu', 'figcaption']);
/** Elements inside which a `header` heads that part, not the page (HTML's rule for the banner role). */
const SECTIONING_TAGS = new Set(['article', 'aside', 'main', 'nav', 'section']);
/** ARIA roles that make an element a sectioning part, as its tag would. */
const SECTIONING_ROLES = new Set(['main', 'article']);
/** ARIA roles of page furniture. */
const FURNITURE_ROLES = new Set([
  'navigation',
  'complementary',
  'contentinfo',
  'banner',
  'dialog',
  'alertdialog',
  'search',
]);
/** Phrasing elements: their text belongs to the enclosing block. */
const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'dfn',
  'em',
  'font',
  'i',
  'img',
  'ins',
  'del',
  'kbd',
  'label',
  'mark',
  'picture',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
  'br',
]);
/** Elements whose text is a paragraph of running prose. */
const PARAGRAPH_TAGS = new Set(['p', 'pre', 'blockquote']);
/** Elements that end a line but not a paragraph. */
const LINE_TAGS = new Set(['li', 'dt', 'dd', 'br', 'tr', 'thead', 'tbody', 'tfoot']);
/** Elements never dropped for their class names: the page itself, and quotations (embedded posts are quoted text). */
const ROOT_TAGS = new Set(['html', 'body', 'main', 'article', 'blockquote']);
/**
 * Class/id words of boilerplate subtrees. Matched against whole words of the class and id
 * (split on punctuation and camelCase), so `ad` matches `ad-slot` but not `header`.
 */
const BOILERPLATE_WORDS = new Set([
  'ad',
  'ads',
  'adv',
  'advert',
  'advertisement',
  'advertising',
  'adsense',
  'sponsor',
  'sponsored',
  'promo',
  'promotion',
  'share',
  'sharing',
  'sharebar',
  'social',
  'related',
  'recommended',
  'recommendations',
  'recirculation',
  'newsletter',
  'subscribe',
  'subscription',
  'signup',
  'comment',
  'comments',
  'disqus',
  'bio',
  'byline',
  'author',
  'authors',
  'meta',
  'kicker',
  'eyebrow',
  'breadcrumb',
  'breadcrumbs',
  'cookie',
  'cookies',
  'consent',
  'gdpr',
  'onetrust',
  'popup',
  'modal',
  'outbrain',
  'taboola',
  'sidebar',
  'footer',
  'masthead',
  'toolbar',
  'trending',
  'popular',
  'readmore',
  'breaking',
  'skip',
  'tags',
  'caption',
  'credit',
  'credits',
  'copyright',
  'prev',
  'previous',
  'pagination',
  'hidden',
  'sr',
  'visually',
  'screenreader',
]);
/**
 * Class/id words of a teaser: another story's summary, or (German usage) this story's lead.
 * Boilerplate only when the teaser sits next to a link, the link to the story it advertises.
 */
const TEASER_WORDS = new Set(['teaser', 'teasers', 'excerpt']);
/** A link this long (characters) reads as a headline: the link of a teaser card. */
const MIN_TEASER_LINK_CHARS = 20;
/** How many ancestors of a teaser-named element may be its card. */
const MAX_TEASER_CARD_LEVELS = 2;
/** A link inside these is part of a sentence, not a teaser's headline. */
const RUNNING_TEXT_TAGS = new Set(['p', 'li', 'blockquote']);
/**
 * Boilerplate words that never name a page wrapper: a long cookie-consent dialog may hold
 * most of a short article's page, and a `main-content` part, and is still no article.
 * (`comments` is not one of them: article wrappers are classed `comments-enabled`.)
 */
const NEVER_WRAPPER_WORDS = new Set(['cookie', 'cookies', 'consent', 'gdpr', 'onetrust']);
/** Class/id spellings that name the article text itself; they override boilerplate words. */
const CONTENT_CLASS_PATTERN =
  /article[-_]*(?:(?:inner|main)[-_]*)?(?:body|content|text)|entry[-_]*content|post[-_]*(?:body|content)|story[-_]*(?:body|content)|body[-_]*text|main[-_]*content/i;
const ARTICLE_BODY_ITEMPROP_PATTERN = /(?:^|\s)articleBody(?:\s|$)/;
const CAMEL_CASE_BOUNDARY = /([a-z])([A-Z])/g;
const CLASS_SEPARATOR = /\s+/;
/**
 * Class words before a boilerplate word that make the name a state of the element
 * (`hasCaption`, `no-ads`). Suffixes are no such sign: `sharing-enabled` names a share bar.
 */
const STATE_PREFIX_WORDS = new Set(['has', 'with', 'without', 'no']);
const WORD_SEPARATOR = /[^a-zA-Z0-9]+/;
const HIDDEN_STYLE_PATTERN = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;
const SENTENCE_END_PATTERN = /[.!?。！？…:;]["'”’»)\]]*\s*$/;
const WHITESPACE_RUN = /[\s\u00a0]+/g;
const WORD_PATTERN = /[\p{L}\p{N}_]+/gu;
/** Markers for line and paragraph breaks while serialising (private-use characters, stripped from page text first). */
const LINE_MARK = '\uE000';
const PARAGRAPH_MARK = '\uE001';
const CELL_SEPARATOR = ' | ';
/** A `<br>`: a line break, or a paragraph break when doubled (`<br><br>`, older CMSs). */
const BREAK_MARK = '\uE002';
const MARK_CHARACTERS = /[\uE000-\uE002]/g;
const BREAK_RUN_PATTERN = / *[\uE000\uE001\uE002][ \uE000\uE001\uE002]*/g;
const DOUBLE_BREAK_PATTERN = /\uE002[ \uE000]*\uE002/;
const HTML_TAG_PATTERN = /<[a-zA-Z/!][^>]*>/;
/**
 * A whole line that is a page label, not text: ad markers, buttons, widget headings, tag
 * lists and gallery counters ("Image 2 of 5") that pages leave unnamed inside the article
 * (English and the common European languages).
 */
const LABEL_LINE_PATTERN =
  /^(?:advert|advertisement|anzeige|werbung|publicité|publicidad|pubblicità|iklan|reklame|reklama|read more|continue reading|comments?|close|like this|like loading|caption|to read the full story|liveblog|auch interessant|mehr zum thema|lesen sie auch|das könnte sie auch interessieren|related|related (?:articles|stories|content)|see also|read also|more on this (?:story|topic)|more from [^.!?]{1,40}|share(?: this(?: article| story| page)?)?|teilen|artikel teilen|partager|compartir|condividi|you (?:may|might) also like|don'?t miss|tell us what you think|like this story\?[^.!?]{0,60}|this slideshow requires javascript|(?:filed under|tags|categories)\s*:[^.!?]{0,80}|(?:(?:image|photo|picture|slide)\s+)?\d{1,3}\s*(?:of|\/)\s*\/?\s*\d{0,3})\W*$/i;
/**
 * A publication stamp on a line of its own ("Updated Nov. 19, 2019 8:21 am ET",
 * "22.04.2024 | 15:54"): a year, and either a published/updated label or a time of day,
 * and nothing but date words, digits and punctuation.
 */
const STAMP_YEAR_PATTERN = /\b(?:19|20)\d\d\b/;
const STAMP_LABEL_PATTERN =
  /^\W*(?:published|updated|posted|last updated|first published|original|veröffentlicht|aktualisiert|stand|publié|mis à jour|publicado|actualizado|pubblicato|aggiornato)\b/i;
const STAMP_WORDS_PATTERN =
  /\b(?:published|updated|posted|original|first|last|modified|veröffentlicht|aktualisiert|stand|am|um|uhr|on|at|pm|a\.m|p\.m|et|ct|mt|pt|gmt|utc|bst|cet|cest|est|edt|cst|cdt|mst|mdt|pst|pdt|jan(?:uary|uar)?|feb(?:ruary|ruar)?|mar(?:ch)?|märz|apr(?:il)?|may|mai|june?|juni|july?|juli|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|dez(?:ember)?|mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\b\.?/gi;
const STAMP_FILLER_PATTERN = /[\d\s.,:;|/()\-–—]+/g;
const NUMERIC_DATE_PATTERN = /\b\d{1,2}\.\d{1,2}\.\d{2,4}\b/g;
const TIME_OF_DAY_PATTERN = /\b\d{1,2}[:.]\d\d\b(?![.:]\d)/;
/** Stamps are short; a longer line holding a date is a sentence. */
const MAX_STAMP_LINE_CHARS = 100;
/** A wire-service credit line closing the story ("Reporting by ...; Editing by ..."). */
const CREDIT_LINE_PATTERN =
  /^\W*(?:(?:additional )?(?:reporting|editing|writing) by\b|[^.]{0,150}\bcontributed (?:reporting )?to this (?:report|story|article)\W*$)/i;
/** A photo or source credit on a line of its own ("Photo: AFP", "Quelle: dpa"). */
const PHOTO_CREDIT_LINE_PATTERN =
  /^(?:(?:photo|photos|photograph|image|images|picture|foto|fotos|bild|bildquelle|quelle|source|credit|crédit)\s*(?:credit)?\s*[:：]|(?:photo|image|picture)\s+(?:copyright|©))\s*[^.!?]{0,60}$/i;
/** Credit lines are short; a longer paragraph that starts like one is prose. */
const MAX_CREDIT_LINE_CHARS = 300;

/** How much of each kind of text a subtree holds (characters). */
interface Tally {
  /** Sentence-like, link-poor text. */
  prose: number;
  /** The part of `prose` outside paragraph elements (list items, table cells, bare divs): teaser lists look like this. */
  looseProse: number;
  /** Text in link-heavy blocks. */
  links: number;
  /** Short text that is neither (labels, bylines, buttons). */
  short: number;
}

/** What the body includes beyond the article text. */
export interface ArticleBodyOptions {
  /**
   * Print the standfirst (the summary between headline and text) as the first paragraph.
   * Corpora disagree: fundus's publisher parsers include it, Zyte's annotators leave it
   * to `description`.
   * @default false
   */
  readonly standfirst?: boolean;
}

/** The article's main text, or null when the page has none. */
export function extractArticleBody(
  document: Document,
  context: ExtractionContext,
  options: ArticleBodyOptions = {},
): Fact<string> | null {
  const visibleText: string[] = [];
  const standfirstContext = options.standfirst === true ? context : undefined;
  const fromDom = attempt(() => domBody(document, context.index, visibleText, standfirstContext));
  return attempt(() => jsonLdBody(document, context, fromDom?.value ?? '', visibleText)) ?? fromDom;
}

/** A failing rule yields null and never breaks extraction. */
function attempt(rule: () => Fact<string> | null): Fact<string> | null {
  try {
    return rule();
  } catch {
    return null;
  }
}

/**
 * The JSON-LD `articleBody` when it is consistent with the page.
 * Steps: 1. take the main article node's `articleBody`; 2. turn embedded HTML into text;
 * 3. refuse it when short, when much shorter than the text found in the DOM (a truncated
 * teaser), or when the page's visible text lacks most of its words, counted with their
 * repeats (stale or foreign text, or the text printed twice over).
 */
function jsonLdBody(
  document: Document,
  context: ExtractionContext,
  domText: string,
  visibleText: readonly string[],
): Fact<string> | null {
  const raw = context.articleNodes[0]?.articleBody;
  const value = Array.isArray(raw) ? raw.find((item) => typeof item === 'string') : raw;
  if (typeof value !== 'string') return null;
  const text = HTML_TAG_PATTERN.test(value) ? htmlFragmentText(document, value) : tidyPlainText(value);
  if (text.length < DEFAULT_MIN_JSON_LD_BODY_CHARS) return null;
  if (text.length < domText.length * DEFAULT_MIN_JSON_LD_LENGTH_RATIO) return null;
  const pageWords = wordCounts(visibleText.join(' '));
  const bodyWords = wordsOf(text);
  let found = 0;
  for (const word of bodyWords) {
    // Each occurrence on the page vouches for one occurrence in the body.
    const key = word.toLowerCase();
    const left = pageWords.get(key) ?? 0;
    if (left === 0) continue;
    pageWords.set(key, left - 1);
    found++;
  }
  if (bodyWords.length === 0 || found / bodyWords.length < DEFAULT_MIN_JSON_LD_OVERLAP) return null;
  return { value: text, source: 'json-ld' };
}

/**
 * The main text found in the DOM.
 * Steps: 1. one walk tallies, for every element, its prose, link and short text, skipping
 * non-text, hidden and furniture subtrees (the page's banner header counts against its
 * ancestors), and notes elements named like boilerplate or marked up as the article;
 * 2. named elements that are not page wrappers or wrappers of embedded posts are confirmed
 * as boilerplate and taken out of the tallies; 3. the element with the best
 * prose-minus-boilerplate score wins (ties go to the deeper element), or a marked-up
 * article element inside it that scores nearly as well, or else the marked-up article
 * holding the headline when it scores most of it; 4. its text is serialised, skipping the
 * same subtrees plus the headline and link lists, and label and stamp lines are dropped;
 * 5. when asked, the standfirst before it is printed first.
 */
function domBody(
  document: Document,
  index: ElementIndex,
  visibleText: string[],
  standfirstContext: ExtractionContext | undefined,
): Fact<string> | null {
  const root = document.body ?? document.documentElement;
  if (root === null) return null;
  const walk: TallyWalk = {
    tallies: new Map(),
    named: [],
    marked: [],
    texts: visibleText,
    skipped: new Set(),
    index,
    nameWords: new Map(),
    sectionDepth: 0,
  };
  const rootTally = tallyBlock(root, false, walk);
  const boilerplate = confirmBoilerplate(walk, rootTally);
  const best = bestContainer(walk.tallies) ?? root;
  const marked =
    markedContainerWithin(best, walk, DEFAULT_MARKED_SCORE_SHARE) ?? headlineArticleText(best, walk) ?? best;
  const container = headlineArticleWithin(marked, walk, boilerplate) ?? marked;
  const articleText = withoutLabelLines(serialise(container, walk.tallies, boilerplate, walk.skipped));
  const text =
    standfirstContext === undefined
      ? articleText
      : withLead(articleText, container, walk.tallies, standfirstContext);
  return text === '' ? null : { value: text, source: 'markup' };
}

// ---------------------------------------------------------------------------------------
// Step 1: tally

/** Inline text gathered for the block being walked. */
interface InlineRun {
  chars: number;
  linkChars: number;
  last: string;
}

/** What the tally walk collects: every element's tally, and the elements with boilerplate names. */
interface TallyWalk {
  readonly tallies: Map<Element, Tally>;
  readonly named: Element[];
  /** Elements marked up as the article text (`article`, `itemprop=articleBody`, `entry-content`...). */
  readonly marked: Element[];
  /** Every text walked (outside non-text, hidden and furniture subtrees): the page as a reader sees it. */
  readonly texts: string[];
  /** Elements found skipped (`isSkipped`) on the walk, so that serialising need not read them again. */
  readonly skipped: Set<Element>;
  /** The page's elements by tag, for the links of teaser cards and the articles of a listing. */
  readonly index: ElementIndex;
  /** Words of each distinct class-and-id string (see nameWords): pages repeat a few class names on many elements. */
  readonly nameWords: Map<string, readonly (readonly string[])[]>;
  /** The page's first `h1` outside boilerplate: the headline, which sits inside the article the page is about. */
  headline?: Element;
  /** How many sectioning elements (article, section, main...) enclose the element being walked. */
  sectionDepth: number;
}

function tallyBlock(element: Element, inLink: boolean, walk: TallyWalk): Tally {
  const tally: Tally = { prose: 0, looseProse: 0, links: 0, short: 0 };
  const run: InlineRun = { chars: 0, linkChars: 0, last: '' };
  tallyChildren(element, inLink, tally, run, walk);
  classifyRun(run, tally, PARAGRAPH_TAGS.has(element.localName));
  walk.tallies.set(element, tally);
  return tally;
}

function tallyChildren(parent: Node, inLink: boolean, tally: Tally, run: InlineRun, walk: TallyWalk): void {
  for (let child = parent.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === TEXT_NODE) {
      const text = (child as Text).data.trim();
      if (text === '') continue;
      walk.texts.push(text);
      run.chars += text.length;
      if (inLink) run.linkChars += text.length;
      run.last = text;
      continue;
    }
    if (child.nodeType !== ELEMENT_NODE) continue;
    const element = child as Element;
    const tag = element.localName;
    const marks = readMarks(element, tag);
    if (isSkippedBy(marks)) {
      walk.skipped.add(element);
      continue;
    }
    const linked = inLink || tag === 'a';
    // Named elements are tallied apart, even inline ones, so that they can be confirmed as boilerplate.
    // `hidden` is judged the same way: streaming renderers park the whole article in a hidden
    // element that a script reveals.
    const named =
      !ROOT_TAGS.has(tag) &&
      (marks.hidden || namesHold(marks, BOILERPLATE_WORDS, walk) || isLinkedTeaser(element, marks, walk));
    if (named) walk.named.push(element);
    else if (isMarkedBy(marks)) walk.marked.push(element);
    if (tag === 'h1' && walk.headline === undefined) walk.headline = element;
    if (INLINE_TAGS.has(tag) && !named) {
      tallyChildren(element, linked, tally, run, walk);
    } else if (tag === 'header' && walk.sectionDepth === 0) {
      tallyBanner(element, linked, tally, walk);
    } else {
      const sectioning =
        SECTIONING_TAGS.has(tag) || (marks.role !== null && SECTIONING_ROLES.has(marks.role));
      if (sectioning) walk.sectionDepth++;
      const inner = tallyBlock(element, linked, walk);
      if (sectioning) walk.sectionDepth--;
      tally.prose += inner.prose;
      tally.looseProse += inner.looseProse;
      tally.links += inner.links;
      tally.short += inner.short;
    }
  }
}

/**
 * A `header` outside any article, section or main part is the page's banner (its implicit
 * ARIA role): masthead, menus, and the legal small print some sites fold into it. Its text
 * weighs against the containers around it (its prose as short text) and is never written.
 * It is tallied apart, so that nothing inside it is a candidate for the article container.
 */
function tallyBanner(header: Element, inLink: boolean, tally: Tally, walk: TallyWalk): void {
  const bannerWalk: TallyWalk = { ...walk, tallies: new Map() };
  const inner = tallyBlock(header, inLink, bannerWalk);
  walk.headline ??= bannerWalk.headline;
  walk.skipped.add(header);
  tally.links += inner.links;
  tally.short += inner.short + inner.prose;
}

function classifyRun(run: InlineRun, tally: Tally, inParagraph: boolean): void {
  if (run.chars === 0) return;
  if (run.linkChars > run.chars * DEFAULT_MAX_LINK_DENSITY && !(inParagraph && isLinkedSentence(run))) {
    tally.links += run.chars;
  } else if (
    run.chars >= DEFAULT_PROSE_BLOCK_CHARS ||
    (run.chars >= DEFAULT_SENTENCE_BLOCK_CHARS && SENTENCE_END_PATTERN.test(run.last))
  ) {
    // Links inside prose are part of the sentence.
    tally.prose += run.chars;
    if (!inParagraph) tally.looseProse += run.chars;
  } else {
    tally.short += run.chars;
  }
}

/**
 * A paragraph that is a sentence of its own words around its links ("He was convicted and
 * <a>sentenced to life</a>."): the links are part of it. A bare link with a label before it
 * ("Read more: <a>...</a>") has too few words of its own.
 */
function isLinkedSentence(run: InlineRun): boolean {
  return run.chars - run.linkChars >= DEFAULT_MIN_SENTENCE_OWN_CHARS && SENTENCE_END_PATTERN.test(run.last);
}

/**
 * Elements named like boilerplate (share, related, comments...) are boilerplate unless they
 * hold most of the page, prose and all, or wrap the marked-up article: a page wrapper
 * classed `modal-enabled` or `ad-pusher` is not an ad, while a footer holding a long legal
 * notice stays a footer. Confirmed ones are taken out of their ancestors' tallies.
 */
function confirmBoilerplate(walk: TallyWalk, rootTally: Tally): Set<Element> {
  const confirmed = new Set<Element>();
  // Consent dialogs first, so that the page shares below are measured without them.
  const neverWrappers = walk.named.filter((element) => hasNameIn(element, NEVER_WRAPPER_WORDS, walk));
  for (const element of neverWrappers) confirm(element, walk, confirmed);
  const wrapperProse = rootTally.prose * DEFAULT_WRAPPER_SHARE;
  const wrapperText = textOf(rootTally) * DEFAULT_WRAPPER_SHARE;
  for (const element of walk.named) {
    // Named elements come outermost first; those inside confirmed boilerplate are already forgotten.
    const tally = walk.tallies.get(element);
    if (tally === undefined) continue;
    const holdsMostOfPage = tally.prose > 0 && tally.prose >= wrapperProse && textOf(tally) >= wrapperText;
    if (
      holdsMostOfPage ||
      holdsMarkedArticle(element, tally, walk) ||
      holdsEmbeddedPost(element, tally, walk)
    )
      continue;
    confirm(element, walk, confirmed);
  }
  const cards = walk.marked.filter((element) => isTeaserCard(element, walk));
  const outermost = cards.filter((card) => !cards.some((other) => other !== card && other.contains(card)));
  const cardProse = outermost.reduce((sum, card) => sum + (walk.tallies.get(card)?.prose ?? 0), 0);
  // A page of nothing but cards is a listing: its cards are its text.
  if (cards.length >= DEFAULT_MIN_TEASER_CARDS && rootTally.prose - cardProse >= cardProse) {
    for (const card of cards) confirm(card, walk, confirmed);
  }
  return confirmed;
}

/**
 * An `article` advertising another story: a headline link and a few lines of prose, and
 * not the headline of the page. Blog grids and "more stories" rows hold several of them.
 */
function isTeaserCard(element: Element, walk: TallyWalk): boolean {
  if (element.localName !== 'article') return false;
  const tally = walk.tallies.get(element);
  if (tally === undefined || tally.prose > DEFAULT_MAX_TEASER_CARD_PROSE) return false;
  if (walk.headline !== undefined && element.contains(walk.headline)) return false;
  return holdsHeadlineLink(element, walk.index);
}

/** Mark the element as boilerplate and take its text out of its ancestors' tallies. */
function confirm(element: Element, walk: TallyWalk, confirmed: Set<Element>): void {
  const tally = walk.tallies.get(element);
  if (tally === undefined) return;
  confirmed.add(element);
  forgetSubtree(element, walk.tallies);
  for (let ancestor = element.parentElement; ancestor !== null; ancestor = ancestor.parentElement) {
    const outer = walk.tallies.get(ancestor);
    if (outer === undefined) continue;
    outer.prose -= tally.prose;
    outer.looseProse -= tally.looseProse;
    outer.links -= tally.links;
    outer.short -= tally.short;
  }
}

/** Whether most of the element's prose sits in an element marked up as the article (a layout grid named `sidebar-grid`). */
function holdsMarkedArticle(element: Element, tally: Tally, walk: TallyWalk): boolean {
  if (tally.prose < DEFAULT_PROSE_BLOCK_CHARS) return false;
  for (const marked of walk.marked) {
    const inner = walk.tallies.get(marked);
    if (inner !== undefined && inner.prose * 2 >= tally.prose && element.contains(marked)) return true;
  }
  return false;
}

/**
 * Whether most of the element's prose is quoted (`blockquote`): the wrapper of an embedded
 * post, named after the network it comes from (`social-media-embed`). The post is quoted
 * text of the article, as a bare `blockquote` is.
 */
function holdsEmbeddedPost(element: Element, tally: Tally, walk: TallyWalk): boolean {
  if (tally.prose < DEFAULT_SENTENCE_BLOCK_CHARS) return false;
  let quoted = 0;
  for (const quote of walk.index.byTag('blockquote', element)) quoted += walk.tallies.get(quote)?.prose ?? 0;
  return quoted * 2 >= tally.prose;
}

/** Boilerplate and what it holds are no candidates for the article container. */
function forgetSubtree(element: Element, tallies: Map<Element, Tally>): void {
  tallies.delete(element);
  for (let child = element.firstElementChild; child !== null; child = child.nextElementSibling) {
    forgetSubtree(child, tallies);
  }
}

function textOf(tally: Tally): number {
  return tally.prose + tally.links + tally.short;
}

// ---------------------------------------------------------------------------------------
// Step 2: choose

function containerScore(tally: Tally): number {
  return (
    tally.prose -
    DEFAULT_LOOSE_PROSE_DISCOUNT * tally.looseProse -
    DEFAULT_LINK_PENALTY * tally.links -
    DEFAULT_SHORT_PENALTY * tally.short
  );
}

/** Tallies are stored children first, so a strict comparison keeps the deeper element on ties. */
function bestContainer(tallies: Map<Element, Tally>): Element | undefined {
  let best: Element | undefined;
  let bestScore = 0;
  for (const [element, tally] of tallies) {
    const score = containerScore(tally);
    if (score > bestScore) {
      best = element;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The best container often wraps the article's own marked-up element plus a teaser or two;
 * the marked element is taken when it scores nearly as well (the highest-scoring one).
 */
function markedContainerWithin(best: Element, walk: TallyWalk, share: number): Element | undefined {
  const bestTally = walk.tallies.get(best);
  if (bestTally === undefined) return undefined;
  const threshold = containerScore(bestTally) * share;
  let chosen: Element | undefined;
  let chosenScore = threshold;
  for (const element of walk.marked) {
    const tally = walk.tallies.get(element);
    if (tally === undefined || element === best || !best.contains(element)) continue;
    const score = containerScore(tally);
    if (score >= chosenScore) {
      chosen = element;
      chosenScore = score;
    }
  }
  return chosen;
}

/**
 * The best container may be the whole page when banners, print-only headers and dialogs
 * around the article add prose of their own. Then the element marked up as the article
 * that holds the headline is the article, when it scores most of the container's score;
 * and the marked-up text inside it, when that loses nothing of the article's score (what
 * it leaves out, header and byline, is no prose).
 */
function headlineArticleText(best: Element, walk: TallyWalk): Element | undefined {
  const article = headlineMarkedWithin(best, walk);
  return article === undefined ? undefined : (markedContainerWithin(article, walk, 1) ?? article);
}

/** The innermost marked-up element holding the headline that scores most of the best container's score. */
function headlineMarkedWithin(best: Element, walk: TallyWalk): Element | undefined {
  const headline = walk.headline;
  const bestTally = walk.tallies.get(best);
  if (headline === undefined || bestTally === undefined || !best.contains(headline)) return undefined;
  const threshold = containerScore(bestTally) * DEFAULT_HEADLINE_MARKED_SCORE_SHARE;
  const marked = new Set(walk.marked);
  for (
    let element = headline.parentElement;
    element !== null && element !== best;
    element = element.parentElement
  ) {
    if (!marked.has(element)) continue;
    const tally = walk.tallies.get(element);
    if (tally !== undefined && containerScore(tally) >= threshold) return element;
  }
  return undefined;
}

/**
 * Post listings and endless-scroll pages hold several `article` elements side by side: the
 * one the page is about carries the headline. Taken when the container holds other
 * articles besides it and it has prose of its own.
 */
function headlineArticleWithin(
  container: Element,
  walk: TallyWalk,
  boilerplate: ReadonlySet<Element>,
): Element | undefined {
  const headline = walk.headline;
  if (headline === undefined || !container.contains(headline) || isInside(headline, boilerplate))
    return undefined;
  let article: Element | undefined;
  for (
    let element = headline.parentElement;
    element !== null && element !== container;
    element = element.parentElement
  ) {
    if (element.localName === 'article') article = element;
  }
  if (article === undefined) return undefined;
  const tally = walk.tallies.get(article);
  if (tally === undefined || containerScore(tally) < DEFAULT_MIN_HEADLINE_ARTICLE_SCORE) return undefined;
  const others = walk.index
    .byTag('article', container)
    .filter((other) => !other.contains(article) && !article.contains(other) && !isInside(other, boilerplate));
  return others.some((other) => (walk.tallies.get(other)?.prose ?? 0) > 0) ? article : undefined;
}

/** The text with the standfirst printed before the container as its first paragraph, when it is not there yet. */
function withLead(
  text: string,
  container: Element,
  tallies: Map<Element, Tally>,
  context: ExtractionContext,
): string {
  if (text === '') return text;
  const lead = leadBefore(container, declaredSummaries(context), isSkippedOrHidden);
  if (lead === undefined) return text;
  const leadText = serialise(lead, tallies, new Set());
  return leadText === '' || bodyHoldsLead(text, leadText) ? text : `${leadText}\n\n${text}`;
}

function isSkippedOrHidden(element: Element): boolean {
  return isSkipped(element) || element.hasAttribute('hidden');
}

function isInside(element: Element, ancestors: ReadonlySet<Element>): boolean {
  for (let node: Element | null = element; node !== null; node = node.parentElement) {
    if (ancestors.has(node)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Step 3: serialise

/** What serialising reads: the tallies, the confirmed boilerplate and, when the tally walk saw the elements, its skipped ones. */
interface TextSource {
  readonly tallies: ReadonlyMap<Element, Tally>;
  readonly boilerplate: ReadonlySet<Element>;
  /** Every skipped element below the container; absent when they must be found while writing. */
  readonly skipped?: ReadonlySet<Element>;
}

function serialise(
  container: Element,
  tallies: Map<Element, Tally>,
  boilerplate: ReadonlySet<Element>,
  skipped?: ReadonlySet<Element>,
): string {
  const parts: string[] = [];
  writeChildren(container, parts, { tallies, boilerplate, skipped }, false);
  return finishText(parts.join(''));
}

function writeChildren(parent: Node, parts: string[], source: TextSource, preformatted: boolean): void {
  for (let child = parent.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === TEXT_NODE) {
      // Page text could carry the marker characters itself; they are dropped first.
      const data = (child as Text).data.replace(MARK_CHARACTERS, '');
      parts.push(preformatted ? data.replace(/\r?\n/g, LINE_MARK) : data);
      continue;
    }
    if (child.nodeType !== ELEMENT_NODE) continue;
    const element = child as Element;
    const skipped = source.skipped === undefined ? isSkipped(element) : source.skipped.has(element);
    if (skipped || source.boilerplate.has(element) || isDroppedFromText(element, source.tallies)) continue;
    writeElement(element, parts, source, preformatted);
  }
}

function writeElement(element: Element, parts: string[], source: TextSource, preformatted: boolean): void {
  const tag = element.localName;
  if (tag === 'br') {
    parts.push(BREAK_MARK);
    return;
  }
  if (INLINE_TAGS.has(tag)) {
    writeChildren(element, parts, source, preformatted);
    return;
  }
  if (tag === 'td' || tag === 'th') {
    writeChildren(element, parts, source, preformatted);
    parts.push(CELL_SEPARATOR);
    return;
  }
  const mark = LINE_TAGS.has(tag) ? LINE_MARK : PARAGRAPH_MARK;
  parts.push(mark);
  writeChildren(element, parts, source, preformatted || tag === 'pre');
  parts.push(mark);
}

/** Subtrees left out of the text although they were tallied: the headline and link lists. */
function isDroppedFromText(element: Element, tallies: ReadonlyMap<Element, Tally>): boolean {
  if (element.localName === 'h1') return true;
  const tally = tallies.get(element);
  if (tally === undefined || tally.prose > 0) return false;
  // A block without prose whose text is mostly links: a related list, tags, a pager.
  return tally.links > 0 && tally.links >= tally.short;
}

/** Drop lines that are page labels or credit lines, then the blank paragraphs they leave. */
function withoutLabelLines(text: string): string {
  return text
    .split('\n\n')
    .map((paragraph) =>
      paragraph
        .split('\n')
        .filter((line) => !isLabelLine(line))
        .join('\n'),
    )
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}

function isLabelLine(line: string): boolean {
  if (LABEL_LINE_PATTERN.test(line) || PHOTO_CREDIT_LINE_PATTERN.test(line) || isStampLine(line)) return true;
  return line.length <= MAX_CREDIT_LINE_CHARS && CREDIT_LINE_PATTERN.test(line);
}

function isStampLine(line: string): boolean {
  if (line.length > MAX_STAMP_LINE_CHARS || !STAMP_YEAR_PATTERN.test(line)) return false;
  if (line.replace(STAMP_WORDS_PATTERN, '').replace(STAMP_FILLER_PATTERN, '') !== '') return false;
  return STAMP_LABEL_PATTERN.test(line) || TIME_OF_DAY_PATTERN.test(line.replace(NUMERIC_DATE_PATTERN, ''));
}

/** Collapse whitespace, turn the break markers into newlines, and trim table cell separators. */
function finishText(raw: string): string {
  return raw
    .replace(WHITESPACE_RUN, ' ')
    .replace(/(?: \| )+(?=[ \uE000\uE001\uE002]*(?:[\uE000\uE001\uE002]|$))/g, '')
    .replace(BREAK_RUN_PATTERN, (run) =>
      run.includes(PARAGRAPH_MARK) || DOUBLE_BREAK_PATTERN.test(run) ? '\n\n' : '\n',
    )
    .trim();
}

// ---------------------------------------------------------------------------------------
// Shared predicates and helpers

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/**
 * The attributes the body rule judges an element by, read once: jsdom reads each attribute
 * by name with a search and an allocation, while most elements carry only a class.
 */
interface Marks {
  readonly tag: string;
  readonly className: string | null;
  readonly id: string;
  readonly ariaHidden: string | null;
  readonly style: string | null;
  readonly role: string | null;
  readonly itemprop: string | null;
  readonly hidden: boolean;
  /** Class and id words (see nameWords), split on first use. */
  words?: readonly (readonly string[])[];
}

function readMarks(element: Element, tag: string): Marks {
  let className: string | null = null;
  let id = '';
  let ariaHidden: string | null = null;
  let style: string | null = null;
  let role: string | null = null;
  let itemprop: string | null = null;
  let hidden = false;
  for (const name of element.getAttributeNames()) {
    if (name === 'class') className = element.getAttribute(name);
    else if (name === 'id') id = element.getAttribute(name) ?? '';
    else if (name === 'aria-hidden') ariaHidden = element.getAttribute(name);
    else if (name === 'style') style = element.getAttribute(name);
    else if (name === 'role') role = element.getAttribute(name);
    else if (name === 'itemprop') itemprop = element.getAttribute(name);
    else if (name === 'hidden') hidden = true;
  }
  return { tag, className, id, ariaHidden, style, role, itemprop, hidden };
}

/** Whether the subtree is never article text: hidden, not text, or page furniture by tag or role. */
function isSkipped(element: Element): boolean {
  return isSkippedBy(readMarks(element, element.localName));
}

function isSkippedBy(marks: Marks): boolean {
  const { tag, style, role } = marks;
  if (NON_TEXT_TAGS.has(tag) || FURNITURE_TAGS.has(tag)) return true;
  if (marks.ariaHidden === 'true') return true;
  if (style !== null && HIDDEN_STYLE_PATTERN.test(style)) return true;
  if (role !== null && FURNITURE_ROLES.has(role.toLowerCase())) return true;
  return false;
}

/**
 * Whether a whole word of the element's class or id is in `words` (content class names
 * override). A word that only states what the element has (`hasCaption`, `no-sidebar`)
 * does not name it.
 */
function hasNameIn(element: Element, words: ReadonlySet<string>, walk: TallyWalk): boolean {
  return namesHold(readMarks(element, element.localName), words, walk);
}

function namesHold(marks: Marks, words: ReadonlySet<string>, walk: TallyWalk): boolean {
  marks.words ??= cachedNameWords(marks, walk.nameWords);
  for (const parts of marks.words) {
    for (let index = 0; index < parts.length; index++) {
      if (!words.has(parts[index] ?? '')) continue;
      if (!STATE_PREFIX_WORDS.has(parts[index - 1] ?? '')) return true;
    }
  }
  return false;
}

/** nameWords, computed once per distinct class-and-id string of the page. */
function cachedNameWords(
  marks: Marks,
  cache: Map<string, readonly (readonly string[])[]>,
): readonly (readonly string[])[] {
  const names = `${marks.className ?? ''} ${marks.id}`;
  let words = cache.get(names);
  if (words === undefined) {
    words = nameWords(names);
    cache.set(names, words);
  }
  return words;
}

/** The words of each class and id name, lower-cased ("shareBar_top" -> share, bar, top); none when a name marks the article text. */
function nameWords(names: string): readonly (readonly string[])[] {
  if (names.trim() === '' || CONTENT_CLASS_PATTERN.test(names)) return [];
  return names
    .split(CLASS_SEPARATOR)
    .map((name) => name.replace(CAMEL_CASE_BOUNDARY, '$1 $2').toLowerCase().split(WORD_SEPARATOR));
}

/**
 * A teaser-named element whose card (parent, or grandparent for cards laid out in columns)
 * holds a headline-long link outside running text: a card advertising another story.
 */
function isLinkedTeaser(element: Element, marks: Marks, walk: TallyWalk): boolean {
  if (!namesHold(marks, TEASER_WORDS, walk)) return false;
  let card = element.parentElement;
  for (let level = 0; card !== null && level < MAX_TEASER_CARD_LEVELS; level++) {
    if (holdsHeadlineLink(card, walk.index)) return true;
    card = card.parentElement;
  }
  return false;
}

/**
 * Whether the card holds a headline-long link outside its running text: the link of a
 * teaser card (a card may itself be a list item).
 */
function holdsHeadlineLink(card: Element, index: ElementIndex): boolean {
  for (const link of index.byTag('a', card)) {
    if ((link.textContent ?? '').trim().length < MIN_TEASER_LINK_CHARS) continue;
    const sentence = closestRunningText(link);
    if (sentence === null || sentence === card || !card.contains(sentence)) return true;
  }
  return false;
}

/** The link's closest paragraph, list item or quotation (itself included), if any. */
function closestRunningText(link: Element): Element | null {
  for (let current: Element | null = link; current !== null; current = current.parentElement) {
    if (RUNNING_TEXT_TAGS.has(current.localName)) return current;
  }
  return null;
}

function isMarkedBy(marks: Marks): boolean {
  if (marks.tag === 'article') return true;
  const { itemprop, className } = marks;
  if (itemprop !== null && ARTICLE_BODY_ITEMPROP_PATTERN.test(itemprop)) return true;
  return className !== null && CONTENT_CLASS_PATTERN.test(className);
}

function wordsOf(text: string): string[] {
  return text.match(WORD_PATTERN) ?? [];
}

function wordCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of wordsOf(text)) {
    const key = word.toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function tidyPlainText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.replace(WHITESPACE_RUN, ' ').trim())
        .filter((line) => line !== '')
        .join('\n'),
    )
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}

/** Text of an HTML string, parsed inert (a template's content never runs or loads anything). */
function htmlFragmentText(document: Document, html: string): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  const parts: string[] = [];
  writeChildren(template.content, parts, { tallies: new Map(), boilerplate: new Set() }, false);
  return finishText(parts.join(''));
}
