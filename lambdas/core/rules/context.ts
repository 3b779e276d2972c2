/**
 * ExtractionContext: everything the rules read about one page, built ONCE per page by
 * `createExtractionContext` so that no rule re-queries the document for JSON-LD, meta tags
 * or microdata. Rules (and the body extractor) receive it read-only.
 *
 * - `document`: the parsed page (jsdom; scripts never run).
 * - `url`: the URL the caller gave; `baseUrl`: the canonical URL when the page declares one,
 *   else `url`. Relative URLs resolve against `baseUrl` with `resolveUrl`.
 *   `siteHost` is the site of `baseUrl` (host name without `www.` or port; see site-url.ts).
 * - `jsonLd`: every JSON-LD block; `jsonLdNodes`: all their nodes; `nodeById` resolves `@id`
 *   references; `articleNodes`: the article-like nodes (NewsArticle, BlogPosting, ...), the
 *   main article first; `webPageNodes`: WebPage-like nodes (Yoast puts dates there too).
 * - `meta`: `<meta>` values by lower-cased `name` / `property` / `http-equiv`, in document order.
 * - `microdata`: top-level and nested `itemscope` items, in document order.
 */
import { type JsonLdBlock, readJsonLdBlocks } from '../page-json-ld';
import { WEB_PAGE_TYPES } from '../schema-types';
import type { JsonLdNode } from '../types';
import { type ElementIndex, indexElements } from './element-index';
import { comparablePageUrl, siteHost } from './site-url';

export interface MetaIndex {
  /** First non-empty value for any of the keys, tried in the order given. */
  first(...keys: string[]): string | undefined;
  /** Every non-empty value for the key, in document order. */
  all(key: string): string[];
  /** Whether any value exists for the key. */
  has(key: string): boolean;
}

export type MicrodataValue = string | MicrodataItem;

export interface MicrodataItem {
  readonly element: Element;
  /** `itemtype` URLs' last path segment, e.g. `NewsArticle` (several when itemtype lists several). */
  readonly types: readonly string[];
  readonly id?: string;
  /** Property name -> values in document order (nested items as `MicrodataItem`). */
  readonly properties: ReadonlyMap<string, readonly MicrodataValue[]>;
  /** Whether the item sits inside another item's scope (as a property value or not). */
  readonly nested: boolean;
}

export interface ExtractionContext {
  readonly document: Document;
  /** The URL the caller gave, if any. */
  readonly url?: string;
  /** Canonical URL (absolute) when the page declares one, else `url`. */
  readonly baseUrl?: string;
  readonly jsonLd: readonly JsonLdBlock[];
  readonly jsonLdNodes: readonly JsonLdNode[];
  readonly nodeById: ReadonlyMap<string, JsonLdNode>;
  /** Article-like JSON-LD nodes, the main article first. */
  readonly articleNodes: readonly JsonLdNode[];
  /** WebPage-like JSON-LD nodes (WebPage, ItemPage, ...). */
  readonly webPageNodes: readonly JsonLdNode[];
  readonly meta: MetaIndex;
  readonly microdata: readonly MicrodataItem[];
  /** Microdata items typed as an article, outermost first. */
  readonly microdataArticles: readonly MicrodataItem[];
  /** Every element by tag and attribute name: read it instead of querying the whole document. */
  readonly index: ElementIndex;
  /** The first `<link rel="canonical" href>` (rel compared case-insensitively), if any. */
  readonly canonicalLink?: Element;
  /** The first `<base href>`, if any. */
  readonly baseElement?: Element;
  /** The site of `baseUrl` (else `url`): its host name without `www.` or port (see site-url.ts). */
  readonly siteHost?: string;
  /** Absolute URL for `href` against `baseUrl` (then `url`); undefined when it cannot be resolved. */
  resolveUrl(href: string | undefined | null): string | undefined;
}

/** schema.org types treated as "the article" (plus any type whose name ends in `Article`). */
const ARTICLE_TYPES = new Set([
  'article',
  'blogposting',
  'liveblogposting',
  'socialmediaposting',
  'posting',
  'report',
]);
const ARTICLE_SUFFIX_PATTERN = /article$/i;
const ALLOWED_URL_SCHEMES = new Set(['http:', 'https:']);

/** Build the context for one page. Never throws on page content. */
export function createExtractionContext(
  document: Document,
  options: { url?: string } = {},
): ExtractionContext {
  const url = absoluteHttpUrl(options.url, undefined);
  const index = indexElements(document);
  const jsonLd = readJsonLdBlocks(document, index.byTag('script'));
  const jsonLdNodes = jsonLd.flatMap((block) => block.nodes);
  const nodeById = indexNodesById(jsonLdNodes);
  const scanned = scanElements(index);
  const meta = buildMetaIndex(scanned.metas);
  const microdata = readMicrodata(scanned.scopes, scanned.properties);
  const canonical = findCanonical(scanned, meta, url);
  const baseUrl = canonical ?? url;
  const articleNodes = rankArticleNodes(
    jsonLdNodes.filter((node) => hasType(node, isArticleType)),
    baseUrl,
    meta,
  );
  const webPageNodes = jsonLdNodes.filter((node) => hasType(node, (type) => WEB_PAGE_TYPES.has(type)));
  const microdataArticles = microdata.filter((item) =>
    item.types.some((type) => isArticleType(type.toLowerCase())),
  );
  return {
    document,
    url,
    baseUrl,
    jsonLd,
    jsonLdNodes,
    nodeById,
    articleNodes,
    webPageNodes,
    meta,
    microdata,
    microdataArticles,
    index,
    canonicalLink: scanned.links.find(isCanonicalLink),
    baseElement: scanned.base,
    siteHost: siteHost(baseUrl ?? url),
    resolveUrl: (href) => absoluteHttpUrl(href, baseUrl ?? url),
  };
}

/** Lower-cased `@type` names of a node (a string or an array of strings; IRIs reduced to their last segment). */
export function nodeTypes(node: JsonLdNode): string[] {
  const raw = node['@type'];
  const list = Array.isArray(raw) ? raw : [raw];
  return list
    .filter((type): type is string => typeof type === 'string')
    .map((type) => (type.split(/[/#:]/).pop() ?? type).toLowerCase());
}

function hasType(node: JsonLdNode, predicate: (type: string) => boolean): boolean {
  return nodeTypes(node).some(predicate);
}

export function isArticleType(type: string): boolean {
  const lower = type.toLowerCase();
  return ARTICLE_TYPES.has(lower) || ARTICLE_SUFFIX_PATTERN.test(lower);
}

/**
 * Absolute http(s) URL for `href`, resolved against `base`. Other schemes (javascript:,
 * data:) are refused: page text is hostile.
 */
export function absoluteHttpUrl(
  href: string | undefined | null,
  base: string | undefined,
): string | undefined {
  if (typeof href !== 'string') return undefined;
  const trimmed = href.trim();
  if (trimmed === '') return undefined;
  try {
    const resolved = base === undefined ? new URL(trimmed) : new URL(trimmed, base);
    return ALLOWED_URL_SCHEMES.has(resolved.protocol) ? resolved.href : undefined;
  } catch {
    return undefined;
  }
}

function indexNodesById(nodes: readonly JsonLdNode[]): Map<string, JsonLdNode> {
  const byId = new Map<string, JsonLdNode>();
  for (const node of nodes) {
    const id = node['@id'];
    // The first full definition wins; a bare reference ({"@id": ...}) never shadows it.
    if (typeof id === 'string' && (!byId.has(id) || Object.keys(byId.get(id) ?? {}).length <= 1)) {
      byId.set(id, node);
    }
  }
  return byId;
}

/** The elements the context reads, taken from the element index. */
interface ScannedElements {
  readonly metas: readonly Element[];
  /** `<link>` elements with both `rel` and `href`. */
  readonly links: readonly Element[];
  /** The first `<base href>`. */
  readonly base?: Element;
  /** `itemscope` elements and `itemprop` elements, each in document order. */
  readonly scopes: readonly Element[];
  readonly properties: readonly Element[];
}

function scanElements(index: ElementIndex): ScannedElements {
  const hasHref = (element: Element) => element.hasAttribute('href');
  return {
    metas: index.byTag('meta'),
    links: index.byTag('link').filter((link) => link.hasAttribute('rel') && hasHref(link)),
    base: index.byTag('base').find(hasHref),
    scopes: index.withAttribute('itemscope'),
    properties: index.withAttribute('itemprop'),
  };
}

function buildMetaIndex(metas: readonly Element[]): MetaIndex {
  const values = new Map<string, string[]>();
  for (const element of metas) {
    const content = (element.getAttribute('content') ?? '').replace(/\s+/g, ' ').trim();
    if (content === '') continue;
    const keys = ['name', 'property', 'http-equiv']
      .map((attribute) => element.getAttribute(attribute)?.trim().toLowerCase())
      .filter((key): key is string => key !== undefined && key !== '');
    // RDFa allows several space-separated properties in one attribute.
    for (const key of new Set(keys.flatMap((key) => key.split(/\s+/)))) {
      const list = values.get(key) ?? [];
      list.push(content);
      values.set(key, list);
    }
  }
  return {
    first: (...keys) => {
      for (const key of keys) {
        const found = values.get(key.toLowerCase())?.[0];
        if (found !== undefined) return found;
      }
      return undefined;
    },
    all: (key) => [...(values.get(key.toLowerCase()) ?? [])],
    has: (key) => values.has(key.toLowerCase()),
  };
}

function findCanonical(
  scanned: ScannedElements,
  meta: MetaIndex,
  url: string | undefined,
): string | undefined {
  const base = absoluteHttpUrl(scanned.base?.getAttribute('href'), url) ?? url;
  for (const link of scanned.links) {
    if (isCanonicalLink(link)) {
      const resolved = absoluteHttpUrl(link.getAttribute('href'), base);
      if (resolved !== undefined) return resolved;
    }
  }
  return absoluteHttpUrl(meta.first('og:url'), base);
}

function isCanonicalLink(link: Element): boolean {
  return (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical');
}

/**
 * Order article nodes so that the main article comes first: a node whose url /
 * mainEntityOfPage matches the canonical URL, then one with a headline, then the others,
 * otherwise in document order. Pages often also list related articles as nodes.
 */
function rankArticleNodes(nodes: JsonLdNode[], baseUrl: string | undefined, meta: MetaIndex): JsonLdNode[] {
  const canonical = normaliseUrlForCompare(baseUrl);
  const title = (meta.first('og:title', 'twitter:title') ?? '').toLowerCase();
  const score = (node: JsonLdNode): number => {
    let points = 0;
    const urls = [node.url, node['@id'], node.mainEntityOfPage]
      .flatMap((value) => (Array.isArray(value) ? value : [value]))
      .map((value) => (typeof value === 'object' && value !== null ? (value as JsonLdNode)['@id'] : value))
      .filter((value): value is string => typeof value === 'string')
      .map(normaliseUrlForCompare);
    if (canonical !== undefined && urls.includes(canonical)) points += 4;
    if (typeof node.headline === 'string' && node.headline.trim() !== '') points += 2;
    if (title !== '' && typeof node.headline === 'string' && node.headline.toLowerCase().includes(title))
      points += 1;
    if (node.articleBody !== undefined || node.datePublished !== undefined) points += 1;
    return points;
  };
  return nodes
    .map((node, order) => ({ node, order, points: score(node) }))
    .sort((a, b) => b.points - a.points || a.order - b.order)
    .map((entry) => entry.node);
}

/** A page URL for comparing; a value that is no absolute URL ("#article") is compared as written. */
function normaliseUrlForCompare(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  return comparablePageUrl(url) ?? url.replace(/#.*$/, '').replace(/\/+$/, '').toLowerCase();
}

/** Values of microdata URL-valued elements come from these attributes. */
const MICRODATA_URL_ATTRIBUTES: Record<string, string> = {
  a: 'href',
  area: 'href',
  link: 'href',
  img: 'src',
  audio: 'src',
  video: 'src',
  source: 'src',
  iframe: 'src',
  embed: 'src',
  object: 'data',
};

function readMicrodata(scopes: readonly Element[], properties: readonly Element[]): MicrodataItem[] {
  const items: MicrodataItem[] = [];
  const byElement = new Map<Element, MicrodataItem>();
  for (const element of scopes) {
    const types = (element.getAttribute('itemtype') ?? '')
      .split(/\s+/)
      .filter((type) => type !== '')
      .map((type) => type.replace(/\/+$/, '').split(/[/#]/).pop() ?? type);
    const id = element.getAttribute('itemid')?.trim() || undefined;
    // Scopes come in document order, so an enclosing scope is already in the map.
    const item: MicrodataItem = {
      element,
      types,
      id,
      properties: new Map(),
      nested: enclosingScope(element, byElement) !== undefined,
    };
    byElement.set(element, item);
    items.push(item);
  }
  if (items.length === 0) return items;
  // Each itemprop belongs to its closest enclosing scope (an itemscope+itemprop element
  // belongs to its parent scope, as a nested item).
  for (const element of properties) {
    const item = enclosingScope(element, byElement);
    if (item === undefined) continue;
    const value: MicrodataValue | undefined = element.hasAttribute('itemscope')
      ? byElement.get(element)
      : microdataPropertyValue(element);
    if (value === undefined || value === '') continue;
    const itemProperties = item.properties as Map<string, MicrodataValue[]>;
    for (const name of (element.getAttribute('itemprop') ?? '').split(/\s+/)) {
      if (name === '') continue;
      const list = itemProperties.get(name) ?? [];
      list.push(value);
      itemProperties.set(name, list);
    }
  }
  return items;
}

/** The item of the closest `itemscope` ancestor of `element` (not itself). */
function enclosingScope(
  element: Element,
  byElement: ReadonlyMap<Element, MicrodataItem>,
): MicrodataItem | undefined {
  for (let ancestor = element.parentElement; ancestor !== null; ancestor = ancestor.parentElement) {
    const item = byElement.get(ancestor);
    if (item !== undefined) return item;
  }
  return undefined;
}

function microdataPropertyValue(element: Element): string {
  const tag = element.tagName.toLowerCase();
  if (tag === 'meta') return (element.getAttribute('content') ?? '').trim();
  const urlAttribute = MICRODATA_URL_ATTRIBUTES[tag];
  if (urlAttribute !== undefined) return (element.getAttribute(urlAttribute) ?? '').trim();
  if (tag === 'time' && element.hasAttribute('datetime'))
    return (element.getAttribute('datetime') ?? '').trim();
  if ((tag === 'data' || tag === 'meter') && element.hasAttribute('value'))
    return (element.getAttribute('value') ?? '').trim();
  if (element.hasAttribute('content')) return (element.getAttribute('content') ?? '').trim();
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
}
