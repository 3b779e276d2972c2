/**
 * What discovery needs to know about the site and each published article, and how an
 * ArticleRecord from the table becomes a listing entry.
 */
import type { ArticleRecord } from '../record';
import { publishedUrlFor } from '../s3-event';
import { type ArticleDate, parseArticleDate } from './dates';
import { cleanText } from './xml';

/** One published article, as read from the table's published index. */
export interface DiscoveryArticle {
  /** The record id (partition key). */
  readonly id: string;
  /**
   * Key of the published page in the publish bucket, whose root is the site root: when
   * present, the listed URL is the site URL joined with it (so a changed site URL needs only
   * a rebuild), else `url`.
   */
  readonly publishedKey?: string;
  /** Public URL of the published page; entries outside the site are left out of every file. */
  readonly url?: string;
  readonly headline?: string;
  readonly description?: string;
  readonly authors?: readonly string[];
  /** ISO 8601. */
  readonly datePublished?: string;
  readonly dateModified?: string;
  /** BCP 47 tag. */
  readonly language?: string;
  /** Absolute image URL. */
  readonly image?: string;
  readonly publisherName?: string;
  /** When the record last changed (ISO 8601 UTC): the "updated" date of last resort. */
  readonly recordUpdatedAt?: string;
}

/** The site the files describe. */
export interface DiscoverySite {
  /** Public URL of the publish bucket's root, e.g. `https://news.example.com/`. */
  readonly siteUrl: string;
  /** The publication's name, exactly as Google News knows it. */
  readonly publicationName: string;
  /**
   * BCP 47 tag used when an article declares no language.
   * @default 'en'
   */
  readonly defaultLanguage?: string;
}

export const DEFAULT_LANGUAGE = 'en';
/** Sitemaps refuse URLs of 2,048 characters or more (sitemaps.org); such an article is listed nowhere. */
export const MAX_URL_LENGTH = 2_047;

/**
 * An article ready to list: URL resolved and dates parsed, which every file needs. Texts are
 * cleaned on demand (`listingTexts`), as only the News sitemap and the feeds show them.
 */
export interface ListedArticle {
  readonly id: string;
  readonly url: string;
  readonly published: ArticleDate | null;
  readonly modified: ArticleDate | null;
  readonly recordUpdated: ArticleDate | null;
  readonly source: DiscoveryArticle;
}

/** The display texts of a listed article, cleaned of what XML forbids and of stray whitespace. */
export interface ListingTexts {
  readonly headline: string;
  readonly description: string;
  readonly authors: readonly string[];
  /** BCP 47 tag as the article gave it (cleaned, not validated). */
  readonly language: string | undefined;
  /** Absolute http(s) URL. */
  readonly image: string | undefined;
  readonly publisherName: string;
}

/** Maps a stored record to a listing entry; the published URL wins over the page's own URL. */
export function toDiscoveryArticle(record: ArticleRecord): DiscoveryArticle {
  const facts = record.facts ?? {};
  return {
    id: record.id,
    publishedKey: record.publishedKey,
    url: record.publishedUrl ?? facts.url,
    headline: facts.headline,
    description: facts.description,
    authors: facts.authors,
    datePublished: facts.datePublished,
    dateModified: facts.dateModified,
    language: facts.language,
    image: facts.image,
    publisherName: facts.publisherName,
    recordUpdatedAt: record.updatedAt,
  };
}

/**
 * The site root as a URL ending in `/`. Throws with the fix when `siteUrl` is not an
 * absolute http(s) URL, because every file needs absolute links.
 */
export function normaliseSiteUrl(siteUrl: string): URL {
  let url: URL;
  try {
    url = new URL(siteUrl);
  } catch {
    throw new Error(
      `The site URL must be an absolute http(s) URL such as 'https://news.example.com/': got '${siteUrl}'.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(
      `The site URL must use http or https: got '${siteUrl}'; use e.g. 'https://${url.host}/'.`,
    );
  }
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  return url;
}

/** Absolute, percent-encoded URL of the article when it lies under the site root, else null. */
export function resolveArticleUrl(url: string | undefined, siteRoot: URL): string | null {
  if (!url) return null;
  let resolved: URL;
  try {
    resolved = new URL(url, siteRoot);
  } catch {
    return null;
  }
  // Sitemaps may only list URLs under the sitemap's own location (sitemaps.org, "Sitemap file location").
  if (resolved.origin !== siteRoot.origin || !resolved.pathname.startsWith(siteRoot.pathname)) return null;
  resolved.hash = '';
  return resolved.href.length <= MAX_URL_LENGTH ? resolved.href : null;
}

function absoluteHttpUrl(url: string | undefined, siteRoot: URL): string | undefined {
  if (!url) return undefined;
  try {
    const resolved = new URL(url, siteRoot);
    return resolved.protocol === 'https:' || resolved.protocol === 'http:' ? resolved.href : undefined;
  } catch {
    return undefined;
  }
}

export function listingTexts(article: ListedArticle, siteRoot: URL): ListingTexts {
  const { source } = article;
  return {
    headline: cleanText(source.headline),
    description: cleanText(source.description),
    authors: (source.authors ?? []).map((name) => cleanText(name)).filter((name) => name.length > 0),
    language: cleanText(source.language) || undefined,
    image: absoluteHttpUrl(source.image, siteRoot),
    publisherName: cleanText(source.publisherName),
  };
}

/**
 * Steps: resolve each URL against the site (dropping entries outside it), parse the dates,
 * sort newest first by publication date (undated last, ties by id, so the output never
 * depends on input order), and drop repeated URLs, keeping the newest.
 */
export function prepareArticles(articles: readonly DiscoveryArticle[], siteRoot: URL): ListedArticle[] {
  const listed: ListedArticle[] = [];
  for (const article of articles) {
    const url = resolveArticleUrl(
      article.publishedKey ? publishedUrlFor(siteRoot.href, article.publishedKey) : article.url,
      siteRoot,
    );
    if (url === null) continue;
    listed.push({
      id: article.id,
      url,
      published: parseArticleDate(article.datePublished),
      modified: parseArticleDate(article.dateModified),
      recordUpdated: parseArticleDate(article.recordUpdatedAt),
      source: article,
    });
  }
  const time = (article: ListedArticle): number =>
    article.published?.instant.getTime() ?? Number.NEGATIVE_INFINITY;
  listed.sort(
    (left, right) => time(right) - time(left) || (left.id < right.id ? -1 : left.id > right.id ? 1 : 0),
  );
  const seen = new Set<string>();
  return listed.filter((article) => {
    if (seen.has(article.url)) return false;
    seen.add(article.url);
    return true;
  });
}

/** The date a listing shows as "last modified": dateModified, else datePublished, else the record's. */
export function lastModified(article: ListedArticle): ArticleDate | null {
  return article.modified ?? article.published ?? article.recordUpdated;
}
