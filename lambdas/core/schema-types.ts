/** schema.org type names shared by the extraction rules and the graph builder (lower-cased). */

/** WebPage and its subtypes: Yoast and others put the page's dates and names there. */
export const WEB_PAGE_TYPES: ReadonlySet<string> = new Set([
  'webpage',
  'itempage',
  'aboutpage',
  'collectionpage',
  'profilepage',
  'qapage',
]);
