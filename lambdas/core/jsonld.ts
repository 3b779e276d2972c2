/**
 * Builds the article's JSON-LD: one `@graph` in the style Yoast SEO made common, where the
 * NewsArticle, its WebPage, the authors (Person), the publisher (Organization) and the
 * primary image (ImageObject) are separate nodes linked by `@id`.
 *
 * The page's own JSON-LD is merged in, not thrown away: the page's article node is absorbed
 * (what we extracted wins, what only the page knew is kept), nodes that describe the same
 * thing as ours (the WebPage, a Person with the author's name, the publisher, the image)
 * are merged into ours, and every other node (BreadcrumbList, WebSite…) is kept as it was.
 * The result holds exactly one article node, no empty values and no `@id` reference that
 * points outside the graph.
 */
import { isArticleType, nodeTypes } from './rules/context';
import { WEB_PAGE_TYPES } from './schema-types';
import type { ArticleFacts, JsonLdDocument, JsonLdNode, OrganizationFact, PersonFact } from './types';

export interface ArticleGraphOptions {
  /**
   * Nodes of the page's JSON-LD blocks that the new graph replaces (the blocks holding an
   * article node: see `blockHoldsArticle`). @default none
   */
  readonly existing?: readonly JsonLdNode[];
  /** Site-wide publisher, used when the page names none. @default none */
  readonly publisher?: OrganizationFact;
  /** The page's public URL, used for `@id`s when the page has no canonical URL. @default none */
  readonly url?: string;
  /** Receives what was dropped on the way (a second article node, a dangling reference). */
  readonly notices?: string[];
}

/** Page values nested deeper than this are dropped (hostile input). */
export const DEFAULT_MAX_NODE_DEPTH = 24;
/** The article type written when the page does not name a NewsArticle subtype. */
export const DEFAULT_ARTICLE_TYPE = 'NewsArticle';

/** `@id` fragments, relative to the page URL (article, image) or the site root (organization). */
const ID_FRAGMENTS = {
  article: '#article',
  webPageWithoutUrl: '#webpage',
  primaryImage: '#primaryimage',
  organization: '#organization',
  logo: '#/schema/logo/image/',
  person: '#/schema/person/',
} as const;

const NEWS_ARTICLE_SUBTYPE_PATTERN = /^[A-Za-z]{0,40}NewsArticle$/;
const ORGANIZATION_TYPES = new Set(['organization', 'newsmediaorganization', 'corporation', 'ngo']);
const COMBINING_MARKS_PATTERN = /[\u0300-\u036f]/g;
const NON_SLUG_PATTERN = /[^a-z0-9]+/g;
const EDGE_DASHES_PATTERN = /^-+|-+$/g;

/** Whether a node is typed as an article (Article, NewsArticle, BlogPosting, ...). */
export function isArticleNode(node: JsonLdNode): boolean {
  return nodeTypes(node).some(isArticleType);
}

/**
 * Whether a page block holds an article node, at the top or nested (a WebPage whose
 * `mainEntity` is the article). Such blocks are absorbed into the new graph and leave the page.
 */
export function blockHoldsArticle(nodes: readonly JsonLdNode[]): boolean {
  return nodes.some((node) => holdsArticle(node, 0));
}

function holdsArticle(value: unknown, depth: number): boolean {
  if (depth > DEFAULT_MAX_NODE_DEPTH || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((item) => holdsArticle(item, depth + 1));
  const node = value as JsonLdNode;
  if (isArticleNode(node)) return true;
  return Object.values(node).some((item) => holdsArticle(item, depth + 1));
}

/**
 * Steps: 1. derive the `@id`s from the canonical URL; 2. copy the page's nodes (bounded),
 * pulling nested article nodes out; 3. build our nodes from the facts, falling back to the
 * page's article for facts the extractor did not find; 4. merge page nodes that describe
 * the same things into ours and repoint their references; 5. drop empty values and
 * dangling references.
 */
export function buildArticleGraph(facts: ArticleFacts, options: ArticleGraphOptions = {}): JsonLdDocument {
  const notices = options.notices ?? [];
  const pageUrl = httpUrl(facts.canonicalUrl?.value) ?? httpUrl(options.url);
  const publisher = choosePublisher(facts.publisher?.value, options.publisher);
  const siteRoot = rootOf(pageUrl) ?? rootOf(publisher?.url) ?? '';
  const ids = {
    article: `${pageUrl ?? ''}${ID_FRAGMENTS.article}`,
    webPage: pageUrl ?? ID_FRAGMENTS.webPageWithoutUrl,
    image: `${pageUrl ?? ''}${ID_FRAGMENTS.primaryImage}`,
    organization: `${rootOf(publisher?.url) ?? siteRoot}${ID_FRAGMENTS.organization}`,
    logo: `${rootOf(publisher?.url) ?? siteRoot}${ID_FRAGMENTS.logo}`,
  };

  // 2. The page's nodes.
  const page = collectPageNodes(options.existing ?? []);
  const pageArticle = page.articles[0];
  for (const dropped of page.articles.slice(1)) {
    notices.push(
      `A second article node in the page JSON-LD (${describe(dropped)}) was dropped: a page has one article.`,
    );
  }

  // 3. Our nodes.
  const authors = facts.authors?.value.length ? facts.authors.value : authorsFromPageArticle(pageArticle);
  const images = facts.images?.value.map(httpUrl).filter(isPresent) ?? [];
  const primaryImage = images[0];
  const organization = publisher === undefined ? undefined : organizationNode(publisher, ids);
  const persons = personNodes(authors, siteRoot || pageUrl || '', publisher, ids.organization);
  const imageNode: JsonLdNode | undefined =
    primaryImage === undefined
      ? undefined
      : {
          '@type': 'ImageObject',
          '@id': ids.image,
          url: primaryImage,
          contentUrl: primaryImage,
        };
  const webPage: JsonLdNode = {
    '@type': 'WebPage',
    '@id': ids.webPage,
    url: pageUrl,
    name: text(facts.headline?.value),
    description: text(facts.description?.value),
    inLanguage: text(facts.inLanguage?.value),
    datePublished: text(facts.datePublished?.value),
    dateModified: text(facts.dateModified?.value),
    primaryImageOfPage: imageNode && { '@id': ids.image },
  };
  const article: JsonLdNode = {
    '@type': articleTypeOf(pageArticle),
    '@id': ids.article,
    isPartOf: { '@id': ids.webPage },
    mainEntityOfPage: { '@id': ids.webPage },
    headline: text(facts.headline?.value),
    description: text(facts.description?.value),
    author: oneOrMany(persons.map((person) => person.reference)),
    datePublished: text(facts.datePublished?.value),
    dateModified: text(facts.dateModified?.value),
    publisher: organization && { '@id': ids.organization },
    image: oneOrMany([...(imageNode ? [{ '@id': ids.image }] : []), ...images.slice(1)]),
    thumbnailUrl: primaryImage,
    articleSection: text(facts.articleSection?.value),
    keywords: unique(facts.keywords?.value.map(text).filter(isPresent) ?? []),
    inLanguage: text(facts.inLanguage?.value),
    wordCount: facts.wordCount !== undefined && facts.wordCount > 0 ? facts.wordCount : undefined,
    articleBody: text(facts.articleBody?.value),
    dateline: text(facts.dateline?.value),
    isBasedOn: httpUrl(facts.syndication?.value.url),
    sourceOrganization: facts.syndication?.value.name
      ? { '@type': 'Organization', name: text(facts.syndication.value.name) }
      : undefined,
  };

  // 4. Merge page nodes describing the same things; every other page node is kept.
  const remap = new Map<string, string>([[ARTICLE_PLACEHOLDER_ID, ids.article]]);
  for (const pageNode of page.articles) remapId(remap, pageNode, ids.article);
  const mergedArticle = mergeNodes(pageArticle, withoutEmpty(article));
  // A page `name` that only repeated the page's headline follows ours, so the two never disagree.
  if (
    pageArticle !== undefined &&
    typeof pageArticle.name === 'string' &&
    pageArticle.name.trim() === text(pageArticle.headline) &&
    article.headline !== undefined
  ) {
    mergedArticle.name = article.headline;
  }
  delete mergedArticle['@context'];
  delete mergedArticle['@graph'];
  const ours: JsonLdNode[] = [mergedArticle, webPage];
  if (imageNode) ours.push(imageNode);
  const kept: JsonLdNode[] = [];
  const website = page.others.find((node) => nodeTypes(node).includes('website'));
  const breadcrumb = page.others.find((node) => nodeTypes(node).includes('breadcrumblist'));
  if (typeof website?.['@id'] === 'string') webPage.isPartOf = { '@id': website['@id'] };
  if (typeof breadcrumb?.['@id'] === 'string') webPage.breadcrumb = { '@id': breadcrumb['@id'] };

  const mergedInto = new Map<JsonLdNode, JsonLdNode>();
  for (const pageNode of page.others) {
    const target = findCounterpart(pageNode, {
      webPage,
      pageUrl,
      imageNode,
      organization,
      persons: persons.map((person) => person.node),
    });
    if (target === undefined) {
      kept.push(pageNode);
      continue;
    }
    remapId(remap, pageNode, String(target['@id']));
    const merged = mergeNodes({ ...pageNode, ...mergedInto.get(target) }, target);
    // The page may be more specific (NewsMediaOrganization, ItemPage): keep its type.
    if (pageNode['@type'] !== undefined) merged['@type'] = pageNode['@type'];
    mergedInto.set(target, merged);
  }
  const resolve = (node: JsonLdNode): JsonLdNode => mergedInto.get(node) ?? node;
  const graph = [
    ...ours.map(resolve),
    ...kept,
    ...(organization ? [resolve(organization)] : []),
    ...persons.map((person) => resolve(person.node)),
  ];

  // 5. Repoint references, then drop empty values and references to nodes not in the graph.
  const repointed = graph.map((node) => repoint(node, remap, 0) as JsonLdNode);
  return { '@context': 'https://schema.org', '@graph': removeDanglingReferences(repointed, notices) };
}

// ---------------------------------------------------------------------------------------
// The page's nodes

interface PageNodes {
  /** Article nodes, the main one first (NewsArticle types before other article types). */
  readonly articles: JsonLdNode[];
  readonly others: JsonLdNode[];
}

function collectPageNodes(existing: readonly JsonLdNode[]): PageNodes {
  const articles: JsonLdNode[] = [];
  const others: JsonLdNode[] = [];
  for (const raw of existing) {
    const node = copyBounded(raw, 0, articles);
    if (node === undefined || typeof node !== 'object' || Array.isArray(node)) continue;
    const copy = node as JsonLdNode;
    delete copy['@context'];
    delete copy['@graph'];
    if (isArticleNode(copy)) articles.push(copy);
    else if (Object.keys(copy).length > 0) others.push(copy);
  }
  const rank = (node: JsonLdNode) => (nodeTypes(node).some((type) => type.endsWith('newsarticle')) ? 0 : 1);
  articles.sort((a, b) => rank(a) - rank(b));
  return { articles, others };
}

/**
 * A bounded deep copy without empty values. Article nodes nested inside another node are
 * moved to `nestedArticles` and replaced by a reference, so the graph keeps one article.
 */
function copyBounded(value: unknown, depth: number, nestedArticles: JsonLdNode[]): unknown {
  if (depth > DEFAULT_MAX_NODE_DEPTH) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value;
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    const items = value.map((item) => copyBounded(item, depth + 1, nestedArticles)).filter(isPresent);
    return items.length > 0 ? items : undefined;
  }
  const source = value as JsonLdNode;
  if (depth > 0 && isArticleNode(source)) {
    const nested = copyBounded(source, 0, nestedArticles) as JsonLdNode;
    nestedArticles.push(nested);
    return { '@id': ARTICLE_PLACEHOLDER_ID };
  }
  const copy: JsonLdNode = {};
  for (const [key, item] of Object.entries(source)) {
    const copied = copyBounded(item, depth + 1, nestedArticles);
    if (copied !== undefined) copy[key] = copied;
  }
  return Object.keys(copy).length > 0 ? copy : undefined;
}

/** Stands for "our article" until references are repointed. */
const ARTICLE_PLACEHOLDER_ID = '\u0000article';

function authorsFromPageArticle(pageArticle: JsonLdNode | undefined): PersonFact[] {
  if (pageArticle === undefined) return [];
  const authors: PersonFact[] = [];
  for (const value of asList(pageArticle.author)) {
    if (typeof value === 'string' && value.trim() !== '') authors.push({ name: value.trim() });
    else if (value !== null && typeof value === 'object') {
      const person = value as JsonLdNode;
      const name = text(person.name);
      if (name) authors.push({ name, url: httpUrl(person.url) });
    }
  }
  return authors;
}

function articleTypeOf(pageArticle: JsonLdNode | undefined): string {
  const raw = pageArticle?.['@type'];
  const types = Array.isArray(raw) ? raw : [raw];
  const newsType = types.find(
    (type): type is string => typeof type === 'string' && NEWS_ARTICLE_SUBTYPE_PATTERN.test(type),
  );
  return newsType ?? DEFAULT_ARTICLE_TYPE;
}

// ---------------------------------------------------------------------------------------
// Our nodes

function choosePublisher(
  fromPage: OrganizationFact | undefined,
  fromOptions: OrganizationFact | undefined,
): OrganizationFact | undefined {
  if (fromPage === undefined || text(fromPage.name) === undefined) return fromOptions;
  if (fromOptions !== undefined && comparable(fromOptions.name) === comparable(fromPage.name)) {
    // The same organization: the site-wide settings fill what the page left out.
    return {
      name: fromPage.name,
      url: fromPage.url ?? fromOptions.url,
      logo: fromPage.logo ?? fromOptions.logo,
    };
  }
  return fromPage;
}

function organizationNode(
  publisher: OrganizationFact,
  ids: { organization: string; logo: string },
): JsonLdNode {
  const logo = httpUrl(publisher.logo);
  return {
    '@type': 'Organization',
    '@id': ids.organization,
    name: text(publisher.name),
    url: httpUrl(publisher.url),
    logo: logo && { '@type': 'ImageObject', '@id': ids.logo, url: logo, contentUrl: logo },
  };
}

interface PersonEntry {
  readonly node: JsonLdNode;
  readonly reference: { '@id': string };
}

function personNodes(
  authors: readonly PersonFact[],
  idBase: string,
  publisher: OrganizationFact | undefined,
  organizationId: string,
): PersonEntry[] {
  const entries: PersonEntry[] = [];
  const usedSlugs = new Set<string>();
  const publisherName = publisher ? comparable(publisher.name) : undefined;
  for (const author of authors) {
    const name = text(author.name);
    if (name === undefined) continue;
    const slug = slugOf(name) || hashOf(name);
    if (usedSlugs.has(slug)) continue; // the same person twice
    usedSlugs.add(slug);
    const affiliation = text(author.affiliation);
    const node: JsonLdNode = {
      '@type': 'Person',
      '@id': `${idBase}${ID_FRAGMENTS.person}${slug}`,
      name,
      url: httpUrl(author.url),
      jobTitle: text(author.jobTitle),
      affiliation:
        affiliation === undefined
          ? undefined
          : publisherName !== undefined && comparable(affiliation) === publisherName
            ? { '@id': organizationId }
            : { '@type': 'Organization', name: affiliation },
      description: text(author.bio),
    };
    entries.push({ node, reference: { '@id': String(node['@id']) } });
  }
  return entries;
}

// ---------------------------------------------------------------------------------------
// Merging

interface OurNodes {
  readonly webPage: JsonLdNode;
  readonly pageUrl: string | undefined;
  readonly imageNode: JsonLdNode | undefined;
  readonly organization: JsonLdNode | undefined;
  readonly persons: readonly JsonLdNode[];
}

/** Which of our nodes a page node describes, if any. */
function findCounterpart(pageNode: JsonLdNode, ours: OurNodes): JsonLdNode | undefined {
  const types = nodeTypes(pageNode);
  const id = pageNode['@id'];
  const all = [ours.webPage, ours.imageNode, ours.organization, ...ours.persons].filter(isPresent);
  const sameId = all.find((node) => id !== undefined && node['@id'] === id);
  if (sameId) return sameId;
  if (types.some((type) => WEB_PAGE_TYPES.has(type))) {
    const url = httpUrl(pageNode.url) ?? httpUrl(id);
    if (url === undefined || ours.pageUrl === undefined || sameUrl(url, ours.pageUrl)) return ours.webPage;
  }
  if (types.includes('imageobject') && ours.imageNode) {
    const url = httpUrl(pageNode.url) ?? httpUrl(pageNode.contentUrl);
    if (url !== undefined && sameUrl(url, String(ours.imageNode.url))) return ours.imageNode;
  }
  const name = typeof pageNode.name === 'string' ? comparable(pageNode.name) : undefined;
  if (name === undefined) return undefined;
  if (types.some((type) => ORGANIZATION_TYPES.has(type)) && ours.organization) {
    if (comparable(String(ours.organization.name)) === name) return ours.organization;
  }
  if (types.includes('person'))
    return ours.persons.find((person) => comparable(String(person.name)) === name);
  return undefined;
}

/** The page's properties, overridden by ours (ours never carries empty values). */
function mergeNodes(pageNode: JsonLdNode | undefined, ours: JsonLdNode): JsonLdNode {
  if (pageNode === undefined) return ours;
  // Our keys first (so `@type` and `@id` lead), then what only the page had.
  const merged: JsonLdNode = {};
  for (const [key, value] of Object.entries(ours)) if (isPresent(value)) merged[key] = value;
  for (const [key, value] of Object.entries(pageNode)) if (!(key in merged)) merged[key] = value;
  return merged;
}

function remapId(remap: Map<string, string>, pageNode: JsonLdNode, to: string): void {
  const id = pageNode['@id'];
  if (typeof id === 'string' && id !== to) remap.set(id, to);
}

/**
 * Repoints references to merged nodes; a nested copy of a merged node becomes a reference.
 * The article placeholder always points at our article.
 */
function repoint(value: unknown, remap: ReadonlyMap<string, string>, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => repoint(item, remap, depth + 1));
  const node = value as JsonLdNode;
  const id = node['@id'];
  if (depth > 0 && typeof id === 'string') {
    const target = remap.get(id);
    if (target !== undefined) return { '@id': target };
  }
  const copy: JsonLdNode = {};
  for (const [key, item] of Object.entries(node)) copy[key] = repoint(item, remap, depth + 1);
  return copy;
}

// ---------------------------------------------------------------------------------------
// Cleaning

/** Removes undefined/empty values and references to `@id`s no node in the graph has. */
function removeDanglingReferences(graph: JsonLdNode[], notices: string[]): JsonLdNode[] {
  const known = new Set<string>();
  for (const node of graph) collectIds(node, known, 0);
  const clean = (value: unknown, path: string, depth: number): unknown => {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value.trim() === '' ? undefined : value;
    if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
    if (typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      const items = value.map((item, index) => clean(item, `${path}[${index}]`, depth + 1)).filter(isPresent);
      return items.length > 0 ? items : undefined;
    }
    const node = value as JsonLdNode;
    const keys = Object.keys(node);
    if (depth > 0 && keys.length === 1 && typeof node['@id'] === 'string' && !known.has(node['@id'])) {
      notices.push(
        `Dropped a reference to ${JSON.stringify(node['@id'])} at ${path}: no node in the graph has that @id.`,
      );
      return undefined;
    }
    const copy: JsonLdNode = {};
    for (const key of keys) {
      const cleaned = clean(node[key], `${path}.${key}`, depth + 1);
      if (cleaned !== undefined) copy[key] = cleaned;
    }
    return Object.keys(copy).length > 0 ? copy : undefined;
  };
  return graph
    .map((node, index) => clean(node, `$["@graph"][${index}]`, 0))
    .filter(isPresent) as JsonLdNode[];
}

function collectIds(value: unknown, into: Set<string>, depth: number): void {
  if (depth > DEFAULT_MAX_NODE_DEPTH || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collectIds(item, into, depth + 1);
    return;
  }
  const node = value as JsonLdNode;
  // A node defines its @id when it says more than the @id (a bare reference defines nothing).
  if (typeof node['@id'] === 'string' && Object.keys(node).length > 1) into.add(node['@id']);
  for (const item of Object.values(node)) collectIds(item, into, depth + 1);
}

function withoutEmpty(node: JsonLdNode): JsonLdNode {
  const copy: JsonLdNode = {};
  for (const [key, value] of Object.entries(node)) if (isPresent(value)) copy[key] = value;
  return copy;
}

// ---------------------------------------------------------------------------------------
// Small helpers

function isPresent<T>(value: T | undefined | null | ''): value is T {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function rootOf(url: string | undefined): string | undefined {
  const absolute = httpUrl(url);
  return absolute === undefined ? undefined : `${new URL(absolute).origin}/`;
}

function sameUrl(a: string, b: string): boolean {
  const strip = (url: string) => url.replace(/[#?].*$/, '').replace(/\/$/, '');
  return strip(a) === strip(b);
}

function comparable(value: string): string {
  return value
    .normalize('NFKD')
    .replace(COMBINING_MARKS_PATTERN, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

function slugOf(name: string): string {
  return comparable(name).replace(NON_SLUG_PATTERN, '-').replace(EDGE_DASHES_PATTERN, '');
}

/** Short stable id for names without Latin letters (FNV-1a, 32 bits). */
function hashOf(value: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < value.length; index++) {
    hash ^= value.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

function oneOrMany<T>(values: readonly T[]): T | T[] | undefined {
  if (values.length === 0) return undefined;
  return values.length === 1 ? values[0] : [...values];
}

function unique(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = comparable(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function describe(node: JsonLdNode): string {
  const id = typeof node['@id'] === 'string' ? ` ${node['@id']}` : '';
  return `${nodeTypes(node).join(',') || 'untyped'}${id}`.slice(0, 200);
}
