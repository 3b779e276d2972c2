/**
 * Where on the page an element sits: the article itself, or a region that carries other
 * articles' bylines and dates (related lists, sidebars, comments, navigation, footers).
 */

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
 * Whether the element sits in a region that holds other articles' data. Ancestors are
 * inspected up to `articleRoot` (exclusive) when the element is inside it, else up to the
 * body: a teaser `article` inside a related-stories `aside` is still foreign.
 */
export function isInForeignRegion(element: Element, articleRoot?: Element): boolean {
  let current: Element | null = element;
  let depth = 0;
  while (current && depth < DEFAULT_MAX_ANCESTORS) {
    if (current === articleRoot) return false;
    const tag = current.tagName;
    if (tag === 'BODY' || tag === 'HTML') return false;
    // An article's own footer carries its byline and dates.
    if (FOREIGN_TAGS.has(tag) && !(tag === 'FOOTER' && articleRoot?.contains(current))) return true;
    const role = current.getAttribute('role');
    if (role && FOREIGN_ROLES.has(role.toLowerCase())) return true;
    const markers = foreignMarkers(current);
    // The article's own footer ("entry-footer", "post-footer") carries its byline and dates.
    const ownFooter =
      articleRoot?.contains(current) === true &&
      markers.every((marker) => FOOTER_MARKER_PATTERN.test(marker));
    if (markers.length > 0 && !ownFooter) return true;
    current = current.parentElement;
    depth++;
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
const articleRoots = new WeakMap<Document, Element>();

function locateArticleRoot(document: Document): Element {
  const h1 = Array.from(document.querySelectorAll('h1')).find((heading) => !isInForeignRegion(heading));
  const container = h1?.closest('article, [itemtype*="Article"], [itemtype*="BlogPosting"]');
  if (container) return container;
  // A heading outside any article element: its main region holds the article, not the
  // first teaser article elsewhere on the page.
  const main = h1?.closest('main, [role="main"]');
  if (main) return main;
  const article = Array.from(document.querySelectorAll('article')).find(
    (element) => !isInForeignRegion(element),
  );
  if (article) return article;
  return document.querySelector('main, [role="main"]') ?? document.body ?? document.documentElement;
}
