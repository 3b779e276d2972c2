/**
 * Byline markup candidates, found in ONE walk over the body: every element is classified
 * once against precompiled patterns, instead of one querySelectorAll per selector (which
 * costs a full-document match each, tens of milliseconds on large pages).
 */
import type { ElementIndex } from './element-index';
import { isInForeignRegion } from './regions';

/**
 * Kinds of byline markup, most trusted first. The walk puts each element into every kind it
 * matches; `bylineCandidates` hands them back in this order.
 */
export const BYLINE_KINDS = [
  /** `rel="author"` links. */
  'rel-author',
  /** `itemprop="name"` inside an `itemprop="author"` outside any article item. */
  'itemprop-author-name',
  'itemprop-author',
  /** Classes naming the author's name: `.author-name`, `.byline__name`. */
  'author-name-class',
  /** Author-page links inside a byline: `.byline a[href*=author]`. */
  'byline-author-link',
  /** Classes or test ids mentioning the byline: `.byline`, `.article-byline`, `[data-testid*=byline]`. */
  'byline-class',
  /** `.author`, `.post-author`, `address`. */
  'author-class',
  /** Links inside any element whose class mentions the author. */
  'author-class-link',
  /** Any element whose class mentions the author (`.c-author-box`, `.autor`). */
  'author-class-any',
  /** Links to an author's page (`/author/jane-doe`, `/autoren/…`, `/staff/…`), read inside the article only. */
  'author-page-link',
] as const;
export type BylineKind = (typeof BYLINE_KINDS)[number];

/** Most elements the walk visits (hostile pages can hold millions). */
const DEFAULT_MAX_WALKED_ELEMENTS = 20_000;
/** Most candidates kept per kind. */
const DEFAULT_MAX_CANDIDATES_PER_KIND = 40;

const AUTHOR_NAME_CLASSES = new Set([
  'author-name',
  'author__name',
  'author_name',
  'authorname',
  'byline__name',
  'byline-name',
  'c-byline__author',
]);
const AUTHOR_CLASSES = new Set(['author', 'article-author', 'post-author', 'entry-author']);
const BYLINE_SUBSTRING_PATTERN = /by-?line/i;
const AUTHOR_SUBSTRING_PATTERN = /autho?r/i;
/** Either of the two above, tested first: most classes hold neither. */
const BYLINE_OR_AUTHOR_PATTERN = /by-?line|autho?r/i;
/** Controls beside a byline ("followAuthorBtn", "author-subscribe"): never the name itself. */
const CONTROL_CLASS_PATTERN = /follow|btn|button|subscribe/i;
const AUTHOR_HREF_PATTERN = /autho?r/i;
/** A path segment naming an author's page: "/author/jane-doe/", "/autoren/jane-doe-123". */
const AUTHOR_PAGE_HREF_PATTERN =
  /\/(?:authors?|autor(?:en|in)?|auteurs?|autores?|autori|staff|redakteure?|journalists?)\/[^/?#\s]+/i;
/** Page wrappers and WordPress post classes (`post_class()`), whose class words describe the post. */
const POST_WRAPPER_TAGS = new Set(['HTML', 'BODY', 'ARTICLE', 'MAIN']);
const POST_CLASS_PATTERN = /(?:^|\s)(?:hentry|type-post|status-publish)(?:$|\s)/i;
const CLASS_SPLIT_PATTERN = /\s+/;
const TOKEN_PATTERN = (token: string) => new RegExp(`(?:^|\\s)${token}(?:$|\\s)`, 'i');
const REL_AUTHOR_PATTERN = TOKEN_PATTERN('author');
const ITEMPROP_AUTHOR_PATTERN = TOKEN_PATTERN('author');
const ITEMPROP_NAME_PATTERN = TOKEN_PATTERN('name');

/** Ancestor facts carried down the walk. */
interface WalkFrame {
  readonly inAuthorItemprop: boolean;
  readonly inBylineClass: boolean;
  readonly inAuthorClass: boolean;
}

const NO_ANCESTOR: WalkFrame = {
  inAuthorItemprop: false,
  inBylineClass: false,
  inAuthorClass: false,
};

type AddCandidate = (kind: BylineKind, element: Element) => void;

/** Files one element under the kinds it matches; returns what its descendants inherit. */
function classify(element: Element, parent: WalkFrame, add: AddCandidate): WalkFrame {
  const tag = element.tagName;
  // `className` is a string on HTML elements (an SVGAnimatedString on SVG ones).
  const classes = typeof element.className === 'string' ? element.className : '';
  const itemprop = element.getAttribute('itemprop');
  const isAuthorItemprop = itemprop !== null && ITEMPROP_AUTHOR_PATTERN.test(itemprop);
  // The article's own wrapper carries WordPress's post classes ("hentry author-jane"): its
  // class names the post's author, not a byline box, so its descendants are not in one.
  const classIgnored =
    classes === '' ||
    CONTROL_CLASS_PATTERN.test(classes) ||
    POST_WRAPPER_TAGS.has(tag) ||
    POST_CLASS_PATTERN.test(classes);
  const hasBylineClass = !classIgnored && BYLINE_SUBSTRING_PATTERN.test(classes);
  const hasAuthorClass = !classIgnored && AUTHOR_SUBSTRING_PATTERN.test(classes);

  if (tag === 'A') {
    if (REL_AUTHOR_PATTERN.test(element.getAttribute('rel') ?? '')) add('rel-author', element);
    if (parent.inBylineClass && AUTHOR_HREF_PATTERN.test(element.getAttribute('href') ?? ''))
      add('byline-author-link', element);
    if (parent.inAuthorClass) add('author-class-link', element);
    if (AUTHOR_PAGE_HREF_PATTERN.test(element.getAttribute('href') ?? '')) add('author-page-link', element);
  }
  if (parent.inAuthorItemprop && itemprop !== null && ITEMPROP_NAME_PATTERN.test(itemprop))
    add('itemprop-author-name', element);
  if (isAuthorItemprop) add('itemprop-author', element);
  if (hasBylineClass || hasAuthorClass) {
    const tokens = classes.toLowerCase().split(CLASS_SPLIT_PATTERN);
    if (tokens.some((token) => AUTHOR_NAME_CLASSES.has(token))) add('author-name-class', element);
    if (hasBylineClass) add('byline-class', element);
    if (tokens.some((token) => AUTHOR_CLASSES.has(token))) add('author-class', element);
    if (hasAuthorClass) add('author-class-any', element);
  } else if (tag === 'ADDRESS') {
    add('author-class', element);
  } else if (BYLINE_SUBSTRING_PATTERN.test(element.getAttribute('data-testid') ?? '')) {
    add('byline-class', element);
  }
  return {
    inAuthorItemprop: parent.inAuthorItemprop || isAuthorItemprop,
    inBylineClass: parent.inBylineClass || hasBylineClass,
    inAuthorClass: parent.inAuthorClass || hasAuthorClass,
  };
}

/**
 * Byline candidates per kind under `scope`, in document order, leaving out the subtree of
 * `skip` (already searched). Steps: 1. walk the elements depth first (bounded), carrying
 * whether an ancestor is an `itemprop=author`, a byline class or an author class; 2. read
 * each element's class and itemprop once (rel and href on links only); 3. file it under
 * every kind it matches.
 */
export function bylineCandidates(scope: Element, skip?: Element): Map<BylineKind, Element[]> {
  const found = new Map<BylineKind, Element[]>(BYLINE_KINDS.map((kind) => [kind, []]));
  const add: AddCandidate = (kind, element) => {
    const list = found.get(kind);
    if (list && list.length < DEFAULT_MAX_CANDIDATES_PER_KIND) list.push(element);
  };
  // Pre-order walk by sibling links (jsdom's live `children` collections are slow); `frames`
  // holds, for each open ancestor, what its descendants inherit.
  const frames: WalkFrame[] = [];
  let element: Element | null = scope;
  let walked = 0;
  while (element && walked < DEFAULT_MAX_WALKED_ELEMENTS) {
    walked++;
    const firstChild: Element | null = element === skip ? null : element.firstElementChild;
    if (element !== skip) {
      const frame = classify(element, frames[frames.length - 1] ?? NO_ANCESTOR, add);
      if (firstChild) {
        frames.push(frame);
        element = firstChild;
        continue;
      }
    }
    // Climb to the next element in document order, closing finished ancestors.
    let next: Element | null = element;
    while (next && next !== scope && !next.nextElementSibling) {
      next = next.parentElement;
      frames.pop();
    }
    element = next && next !== scope ? next.nextElementSibling : null;
  }
  return found;
}

/** Most child elements of a box read as one byline naming several people (a wrapper holds more). */
const DEFAULT_MAX_BYLINE_BOX_CHILDREN = 8;
/** Elements read before and after the article's first heading for its byline boxes (bylines sit beside it). */
const DEFAULT_BYLINE_BOX_ELEMENTS_BEFORE_HEADING = 30;
const DEFAULT_BYLINE_BOX_ELEMENTS_AFTER_HEADING = 80;

/**
 * Small boxes under `root` whose class names a byline or an author ("byline",
 * "article-author"), judged as the walk judges classes. Steps: 1. find the root's first h1
 * in the element index (else the root itself); 2. read the elements shortly before and
 * after it in document order (bounded, no walk of the whole root); 3. keep, in document
 * order, at most `limit` boxes with few child elements.
 */
export function bylineBoxes(index: ElementIndex, root: Element, limit: number): Element[] {
  const anchor = index.position(rootHeading(index, root) ?? root);
  if (anchor === undefined) return [];
  const boxes: Element[] = [];
  const end = Math.min(index.elements.length, anchor + DEFAULT_BYLINE_BOX_ELEMENTS_AFTER_HEADING);
  for (let at = Math.max(0, anchor - DEFAULT_BYLINE_BOX_ELEMENTS_BEFORE_HEADING); at < end; at++) {
    const element = index.elements[at] as Element;
    const classes = element.getAttribute('class');
    if (classes === null || !BYLINE_OR_AUTHOR_PATTERN.test(classes)) continue;
    if (element.childElementCount > DEFAULT_MAX_BYLINE_BOX_CHILDREN || !root.contains(element)) continue;
    if (
      CONTROL_CLASS_PATTERN.test(classes) ||
      POST_WRAPPER_TAGS.has(element.tagName) ||
      POST_CLASS_PATTERN.test(classes)
    )
      continue;
    boxes.push(element);
    if (boxes.length >= limit) break;
  }
  return boxes;
}

/**
 * Whether a byline candidate sits in a region holding other content (sidebar, related list,
 * comments). Layout wrappers that hold the article's own headline are not such regions,
 * whatever their class says ("content-sidebar-wrap", a WordPress "category-popular-posts"
 * on the article itself): only the ancestors below the wrapper shared with the headline count.
 */
export function isForeignByline(element: Element, root: Element, headline: Element | undefined): boolean {
  if (!isInForeignRegion(element, root)) return false;
  if (!headline) return true;
  const shared = sharedAncestor(element, headline);
  if (!shared || shared.tagName === 'BODY' || shared.tagName === 'HTML') return true;
  return isInForeignRegion(element, shared);
}

/** The page's headline element: the first h1 inside the article root, else the first h1. */
export function headlineElement(index: ElementIndex, root: Element): Element | undefined {
  return rootHeading(index, root) ?? index.byTag('h1')[0];
}

/** The first h1 inside the article root. */
function rootHeading(index: ElementIndex, root: Element): Element | undefined {
  return index.byTag('h1', root)[0];
}

function sharedAncestor(element: Element, other: Element): Element | undefined {
  const ancestors = new Set<Element>();
  for (let current: Element | null = other; current; current = current.parentElement) ancestors.add(current);
  for (let current: Element | null = element; current; current = current.parentElement)
    if (ancestors.has(current)) return current;
  return undefined;
}
