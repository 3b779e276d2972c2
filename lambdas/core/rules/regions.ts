/**
 * Where on the page an element sits: the article itself, or a region that carries other
 * articles' bylines and dates (related lists, sidebars, comments, navigation, footers).
 * Elements are found in the page's element index, never by whole-document selector queries.
 */
import { documentMemo } from './document-memo';
import { elementIndex } from './element-index';
import { comparable } from './text';

/**
 * Class / id words that mark a region holding other content than the article, matched as a
 * hyphen/underscore-delimited part of a class token ("related-posts", "sidebar_left").
 */
const DEFAULT_FOREIGN_PART_PATTERN =
  /(?:^|[_-])(?:related|sidebar|side-bar|comments|comment-list|commentlist|respond|recommend(?:ed|ations)?|more-(?:stories|news|articles)|most-(?:read|popular|viewed)|mostread|popular|trending|outbrain|taboola|also-read|read-more|readmore|further-reading|next-article|prev-article|breadcrumbs?|newsletter|rail|rightcol|right-col|navigation|nav|navbar|footer|menu|carousel)(?:$|[_-])/i;
/**
 * "widget" only at the start of a class token ("widget_recent_entries", "widget-area"):
 * page builders put it inside every token of the article itself ("elementor-widget-wrap").
 */
const DEFAULT_FOREIGN_PREFIX_PATTERN = /^widgets?(?:$|[_-])/i;
/**
 * Words that mark a foreign region only as a whole class token: as parts they are too
 * common ("tag-ukraine" and "category-news" sit on WordPress articles themselves).
 */
const DEFAULT_FOREIGN_TOKENS = new Set([
  'comment',
  'aside',
  'tags',
  'share',
  'sharing',
  'social',
  'ad',
  'ads',
  'advert',
  'advertisement',
  'banner',
  'latest',
  'headlines',
  'teaser',
  'teasers',
  'promo',
]);
const FOREIGN_TAGS = new Set([
  'ASIDE',
  'NAV',
  'FOOTER',
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'FORM',
  'SELECT',
  'BUTTON',
]);
const FOREIGN_ROLES = new Set(['complementary', 'navigation', 'contentinfo', 'banner', 'search']);
/** How many ancestors are inspected (deep DOMs are common; bounded for hostile ones). */
const DEFAULT_MAX_ANCESTORS = 40;
/**
 * Class words that name a page column rather than its content ("sidebar", "right-col"):
 * inside the article they mark its own info box (date, place, author), unless
 * the box is mostly links, like a related-stories list.
 */
const LAYOUT_PART_PATTERN = /(?:^|[_-])(?:sidebar|side-bar|rail|rightcol|right-col)(?:$|[_-])/i;
/** A box whose text is more than this share link text is a list of other pages. */
const DEFAULT_LINK_LIST_SHARE = 0.5;
/** Nodes read when measuring a box's link text (bounded for hostile pages). */
const DEFAULT_MAX_BOX_NODES = 2000;
/** Item types (substrings of `itemtype`, case-sensitive) of elements that hold one article, besides `article`. */
const ARTICLE_ITEM_TYPES = ['Article', 'BlogPosting'];
/** Tags and roles of the regions a `main` element must not sit in to be the page's own. */
const MAIN_EXCLUDING_TAGS = new Set(['nav', 'aside', 'footer']);
const MAIN_EXCLUDING_ROLES = new Set(['navigation', 'complementary', 'contentinfo']);
/** A wrapper holding at least this share of the page's text is the page, not a region of it. */
const DEFAULT_PAGE_WRAPPER_SHARE = 0.5;
/** Text (characters) below which an article listed beside others is a teaser. */
const DEFAULT_MIN_ARTICLE_TEXT = 1000;
/** Class words that name navigation, as opposed to a page column. */
const NAVIGATION_PART_PATTERN = /(?:^|[_-])(?:nav|navigation|navbar)(?:$|[_-])/i;
/** Links a navigation-named box may hold and still be the article's header (a menu holds more). */
const DEFAULT_MAX_BYLINE_BOX_LINKS = 8;
/** Elements read when looking for an author link in a box (bounded for hostile pages). */
const DEFAULT_MAX_BYLINE_BOX_ELEMENTS = 400;
/** An author page's address: a path segment naming authors ("/author/jane", "/autor/jane"). */
const AUTHOR_PATH_PATTERN = /\/(?:authors?|autor(?:en)?|auteurs?|autores?|autori|redakteur)\//i;
/** `rel` values naming a link to the post itself, and to its author. */
const BOOKMARK_REL_PATTERN = /(?:^|\s)bookmark(?:\s|$)/i;
const AUTHOR_REL_PATTERN = /(?:^|\s)author(?:\s|$)/i;
/** Shortest permalink text (comparable form) taken for the page's own title. */
const DEFAULT_MIN_PERMALINK_TITLE = 12;
/** How far below the box's parent the headline may sit for the box to be the headline's column. */
const DEFAULT_MAX_HEADLINE_COLUMN_DEPTH = 3;

/**
 * Whether the element sits in a region that holds other articles' data. Ancestors are
 * inspected up to `articleRoot` (exclusive) when the element is inside it, else up to the
 * body: a teaser `article` inside a related-stories `aside` is still foreign.
 * Steps for each ancestor: 1. a wrapper holding the page's headline or its `main` region
 * is layout, whatever its name ("navigation-container" around the whole page); 2. tags
 * and roles of navigation, asides and footers; 3. class and id words; inside the article
 * root a column name ("sidebar", "right-col") is its own info box unless mostly links.
 */
export function isInForeignRegion(element: Element, articleRoot?: Element): boolean {
  const document = element.ownerDocument;
  const anchors = pageAnchors(document);
  return foreignAncestor(element, articleRoot, anchors) !== undefined;
}

/** What wrappers may hold without being foreign: the page's headline and `main` region. */
interface PageAnchors {
  readonly headline?: Element;
  readonly main?: Element;
}

/** The first ancestor (or the element) that makes it foreign, judged below `articleRoot`. */
function foreignAncestor(
  element: Element,
  articleRoot: Element | undefined,
  anchors: PageAnchors,
): Element | undefined {
  // Only the page's own article root relaxes column names: callers also judge below other
  // ancestors (the wrapper shared with the headline), where a sidebar is still a sidebar.
  // A `main` region often holds the page's columns too, so only an article container counts.
  const insideArticle =
    articleRoot !== undefined &&
    isArticleContainer(articleRoot) &&
    articleRoots.get(element.ownerDocument) === articleRoot &&
    articleRoot.contains(element);
  let current: Element | null = element;
  let below: Element | undefined;
  let depth = 0;
  while (current && depth < DEFAULT_MAX_ANCESTORS) {
    if (current === articleRoot) return undefined;
    const tag = current.tagName;
    if (tag === 'BODY' || tag === 'HTML') return undefined;
    if (isPageWrapper(current, element, anchors)) return undefined;
    if (
      isForeignElement(current, articleRoot, insideArticle, anchors) &&
      !(below !== undefined && isOwnEntryBoxInColumn(below, current))
    )
      return current;
    below = current;
    current = current.parentElement;
    depth++;
  }
  return undefined;
}

/**
 * A box in a page column (named "sidebar", not a tag) that names the page's own post by
 * one permalink (`rel="bookmark"` whose text the page title holds): blog themes' "about
 * this entry" box, with the post's date and categories. Other posts' lists hold several
 * permalinks, or none.
 */
function isOwnEntryBoxInColumn(box: Element, column: Element): boolean {
  if (FOREIGN_TAGS.has(column.tagName) || column.hasAttribute('role')) return false;
  const markers = foreignMarkers(column);
  if (markers.length === 0 || !markers.every(isLayoutMarker)) return false;
  const cached = ownEntryBoxes.get(box);
  if (cached !== undefined) return cached;
  let permalinks = 0;
  let ownTitle = false;
  let elements = 0;
  const title = comparable(box.ownerDocument.title ?? '');
  for (let element = box.firstElementChild; element !== null; element = nextElementWithin(element, box)) {
    if (++elements > DEFAULT_MAX_BYLINE_BOX_ELEMENTS) break;
    if (element.localName !== 'a' || !BOOKMARK_REL_PATTERN.test(element.getAttribute('rel') ?? '')) continue;
    permalinks++;
    const text = comparable(element.textContent ?? '');
    ownTitle = text.length >= DEFAULT_MIN_PERMALINK_TITLE && title.includes(text);
  }
  const own = permalinks === 1 && ownTitle && elements <= DEFAULT_MAX_BYLINE_BOX_ELEMENTS;
  ownEntryBoxes.set(box, own);
  return own;
}

const ownEntryBoxes = new WeakMap<Element, boolean>();

/**
 * A wrapper around the page's headline or `main` region: the layout of the page itself, so
 * neither it nor anything above it is judged by name.
 */
function isPageWrapper(ancestor: Element, element: Element, anchors: PageAnchors): boolean {
  if (ancestor === element) return false;
  const { headline, main } = anchors;
  return (
    (headline !== undefined && ancestor !== headline && ancestor.contains(headline)) ||
    (main !== undefined && ancestor !== main && ancestor.contains(main))
  );
}

/** Whether this one element, by its tag, role or names, is a foreign region. */
function isForeignElement(
  current: Element,
  articleRoot: Element | undefined,
  insideArticle: boolean,
  anchors: PageAnchors,
): boolean {
  const tag = current.tagName;
  // An article's own footer carries its byline and dates.
  if (FOREIGN_TAGS.has(tag) && !(tag === 'FOOTER' && articleRoot?.contains(current))) return true;
  const role = current.getAttribute('role');
  if (role && FOREIGN_ROLES.has(role.toLowerCase())) return true;
  let markers = foreignMarkers(current);
  if (markers.length === 0) return false;
  // The article's own footer ("entry-footer", "post-footer") carries its byline and dates.
  if (
    articleRoot?.contains(current) === true &&
    markers.every((marker) => FOOTER_MARKER_PATTERN.test(marker))
  )
    return false;
  if (insideArticle || isHeadlineColumn(current, articleRoot, anchors.headline)) {
    markers = markers.filter((marker) => !isLayoutMarker(marker));
    if (markers.length === 0) return isLinkList(current);
  }
  // A box named for navigation (previous / next, breadcrumbs) that also carries the
  // author's link is the article's header; a menu holds many links and no author.
  if (markers.every((marker) => NAVIGATION_PART_PATTERN.test(marker)) && isBylineBox(current)) return false;
  return true;
}

/**
 * A column-named box beside the page's headline, in one block strictly inside the article
 * root ("eventbox__right-col" next to "eventbox__left-col" with the h1): the headline's own
 * info column (date, place), not a page sidebar. The body as root is too wide to tell.
 */
function isHeadlineColumn(
  box: Element,
  articleRoot: Element | undefined,
  headline: Element | undefined,
): boolean {
  if (articleRoot === undefined || headline === undefined || articleRoot.localName === 'body') return false;
  const block = box.parentElement;
  if (block === null || block === articleRoot || !articleRoot.contains(block)) return false;
  let depth = 0;
  for (let ancestor = headline.parentElement; ancestor !== null; ancestor = ancestor.parentElement) {
    if (ancestor === block) return true;
    if (++depth >= DEFAULT_MAX_HEADLINE_COLUMN_DEPTH) return false;
  }
  return false;
}

/** Whether the box holds a link to an author's page and few links besides, read within a bound. */
function isBylineBox(box: Element): boolean {
  const cached = bylineBoxes.get(box);
  if (cached !== undefined) return cached;
  let links = 0;
  let authorLink = false;
  let elements = 0;
  for (let element = box.firstElementChild; element !== null; element = nextElementWithin(element, box)) {
    if (++elements > DEFAULT_MAX_BYLINE_BOX_ELEMENTS) break;
    if (element.localName !== 'a') continue;
    links++;
    const rel = element.getAttribute('rel') ?? '';
    if (AUTHOR_REL_PATTERN.test(rel) || AUTHOR_PATH_PATTERN.test(element.getAttribute('href') ?? ''))
      authorLink = true;
  }
  const byline =
    authorLink && links <= DEFAULT_MAX_BYLINE_BOX_LINKS && elements <= DEFAULT_MAX_BYLINE_BOX_ELEMENTS;
  bylineBoxes.set(box, byline);
  return byline;
}

const bylineBoxes = new WeakMap<Element, boolean>();

/** The element after `element` in document order, staying below `root`. */
function nextElementWithin(element: Element, root: Element): Element | null {
  const child = element.firstElementChild;
  if (child !== null) return child;
  for (
    let current: Element | null = element;
    current !== null && current !== root;
    current = current.parentElement
  ) {
    if (current.nextElementSibling !== null) return current.nextElementSibling;
  }
  return null;
}

/**
 * A class token naming a page column, not what it holds. Widgets are not among them: a
 * widget in the article's column is still another box (a second author's card).
 */
function isLayoutMarker(marker: string): boolean {
  return LAYOUT_PART_PATTERN.test(marker);
}

/** Whether most of a box's text is link text (a list of other pages), read within a bound. */
function isLinkList(box: Element): boolean {
  const cached = linkLists.get(box);
  if (cached !== undefined) return cached;
  const walker = box.ownerDocument.createTreeWalker(box, 4 /* NodeFilter.SHOW_TEXT */);
  let total = 0;
  let linked = 0;
  let nodes = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    // Too big to measure cheaply: keep the name's verdict.
    if (++nodes > DEFAULT_MAX_BOX_NODES) {
      linkLists.set(box, true);
      return true;
    }
    const length = (node.textContent ?? '').trim().length;
    total += length;
    if (isInLinkWithin(node, box)) linked += length;
  }
  const list = total > 0 && linked / total > DEFAULT_LINK_LIST_SHARE;
  linkLists.set(box, list);
  return list;
}

const linkLists = new WeakMap<Element, boolean>();

/** Whether a link (`a`) at or below `box` holds the node. */
function isInLinkWithin(node: Node, box: Element): boolean {
  for (let ancestor = node.parentElement; ancestor !== null; ancestor = ancestor.parentElement) {
    if (ancestor.localName === 'a') return true;
    if (ancestor === box) return false;
  }
  return false;
}

/** A class token that names a footer. */
const FOOTER_MARKER_PATTERN = /(?:^|[_-])footer(?:$|[_-])/i;

/** The element's class and id tokens that name a foreign region. */
function foreignMarkers(element: Element): string[] {
  const marker = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`.trim();
  if (marker === '' || marker.length > 400) return [];
  return marker
    .toLowerCase()
    .split(/\s+/)
    .filter(
      (token) =>
        DEFAULT_FOREIGN_TOKENS.has(token) ||
        DEFAULT_FOREIGN_PART_PATTERN.test(token) ||
        DEFAULT_FOREIGN_PREFIX_PATTERN.test(token),
    );
}

/** One lookup per page: every region test asks for them. */
const anchorsByDocument = documentMemo<PageAnchors>('schemapress.pageAnchors');

function pageAnchors(document: Document): PageAnchors {
  const cached = anchorsByDocument.get(document);
  if (cached) return cached;
  const main = firstMainRegion(document);
  // Judged without anchors first: the anchors are what is being found.
  const bare: PageAnchors = { main: isPageMain(main) ? main : undefined };
  anchorsByDocument.set(document, bare);
  const anchors: PageAnchors = { ...bare, headline: locateHeadline(document, bare) };
  anchorsByDocument.set(document, anchors);
  return anchors;
}

/**
 * A `main` region is the page's own content, whatever its wrappers are named, unless it
 * sits in navigation, an aside or a footer element.
 */
function isPageMain(main: Element | undefined): main is Element {
  if (main === undefined) return false;
  for (let ancestor = main.parentElement; ancestor !== null; ancestor = ancestor.parentElement) {
    if (MAIN_EXCLUDING_TAGS.has(ancestor.localName)) return false;
    const role = ancestor.getAttribute('role');
    if (role !== null && MAIN_EXCLUDING_ROLES.has(role)) return false;
  }
  return true;
}

/** Whether the element is a `main` region: `main`, or `role="main"` (case-sensitive, as the selector compares it). */
function isMainRegion(element: Element): boolean {
  return element.localName === 'main' || element.getAttribute('role') === 'main';
}

/** The first `main` region of the page, in document order. */
function firstMainRegion(document: Document): Element | undefined {
  return elementIndex(document)
    .candidates({ tags: ['main'], attributes: ['role'] })
    .find(isMainRegion);
}

/** Whether the element holds one article: `article`, or an item typed as an article or blog post. */
function isArticleContainer(element: Element): boolean {
  if (element.localName === 'article') return true;
  const type = element.getAttribute('itemtype');
  return type !== null && ARTICLE_ITEM_TYPES.some((name) => type.includes(name));
}

/** The element or its closest ancestor that passes the test. */
function closestWhere(element: Element, test: (candidate: Element) => boolean): Element | undefined {
  for (let current: Element | null = element; current !== null; current = current.parentElement) {
    if (test(current)) return current;
  }
  return undefined;
}

/**
 * The page's headline: the first h1 outside foreign regions; else the first h1 whose only
 * foreign-named ancestors are page-wide wrappers (holding most of the page's text), as when
 * a site wraps its whole page in "navigation-container".
 */
function locateHeadline(document: Document, anchors: PageAnchors): Element | undefined {
  const headings = elementIndex(document).byTag('h1');
  const clear = headings.find((heading) => foreignAncestor(heading, undefined, anchors) === undefined);
  if (clear) return clear;
  const pageText = (document.body?.textContent ?? '').length;
  if (pageText === 0) return undefined;
  return headings.find((heading) => {
    let below: Element | null = heading;
    // Climb past each foreign ancestor that is page-wide; any other one rules the heading out.
    for (let depth = 0; below && depth < DEFAULT_MAX_ANCESTORS; depth++) {
      const region = foreignAncestor(below, undefined, anchors);
      if (!region) return true;
      if ((region.textContent ?? '').length < pageText * DEFAULT_PAGE_WRAPPER_SHARE) return false;
      below = region.parentElement;
    }
    return false;
  });
}

/**
 * The element most likely to hold the article: the `article` (or `[itemtype*=Article]`)
 * that contains the page's h1, else the `main` region holding that h1, else the first
 * `article` outside foreign regions, else `main`, else the body.
 */
export function findArticleRoot(document: Document): Element {
  const cached = articleRoots.get(document);
  if (cached) return cached;
  const root = locateArticleRoot(document);
  articleRoots.set(document, root);
  return root;
}

/** One lookup per page: many rules ask for the root. */
const articleRoots = documentMemo<Element>('schemapress.articleRoot');

function locateArticleRoot(document: Document): Element {
  const h1 = pageAnchors(document).headline;
  const container = h1 && closestWhere(h1, isArticleContainer);
  if (container) return container;
  // A heading outside any article element: its main region holds the article, not the
  // first teaser article elsewhere on the page.
  const main = h1 && closestWhere(h1, isMainRegion);
  if (main) return main;
  // With a headline outside every article, short articles listed side by side are teasers
  // of other pages (related stories), not the page's own article.
  const article = elementIndex(document)
    .byTag('article')
    .find((element) => !isInForeignRegion(element) && !(h1 && isTeaserArticle(element)));
  if (article) return article;
  return firstMainRegion(document) ?? document.body ?? document.documentElement;
}

/** An `article` beside another `article` (a list of them) and shorter than a page's article. */
function isTeaserArticle(article: Element): boolean {
  const parent = article.parentElement;
  if (parent === null) return false;
  let siblings = 0;
  for (let child = parent.firstElementChild; child !== null; child = child.nextElementSibling) {
    if (child.localName === 'article' && ++siblings > 1) break;
  }
  return siblings > 1 && (article.textContent ?? '').trim().length < DEFAULT_MIN_ARTICLE_TEXT;
}
