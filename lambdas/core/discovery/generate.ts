/**
 * Discovery files for search engines and feed readers, generated from the published
 * articles: `sitemap.xml` (or an index and numbered parts), `news-sitemap.xml`, `feed.xml`
 * (Atom), `feed.json` (JSON Feed) and `robots.txt`. Pure: articles and options in, files out.
 */
import { ATOM_FEED_KEY, buildAtomFeed, buildJsonFeed, DEFAULT_MAX_FEED_ITEMS, JSON_FEED_KEY } from './feeds';
import {
  DEFAULT_LANGUAGE,
  type DiscoveryArticle,
  type DiscoverySite,
  normaliseSiteUrl,
  prepareArticles,
} from './model';
import {
  buildNewsSitemap,
  DEFAULT_MAX_NEWS_URLS,
  DEFAULT_NEWS_WINDOW_MS,
  NEWS_SITEMAP_KEY,
  newsLanguageCode,
} from './news-sitemap';
import { buildRobotsTxt, ROBOTS_KEY } from './robots';
import { buildSitemaps, type SitemapLimits } from './sitemap';

export const CONTENT_TYPES = {
  XML: 'application/xml; charset=utf-8',
  ATOM: 'application/atom+xml; charset=utf-8',
  JSON_FEED: 'application/feed+json; charset=utf-8',
  TEXT: 'text/plain; charset=utf-8',
} as const;

/** Listings change with every publication: short shared caching keeps crawlers current. */
export const DEFAULT_LISTING_CACHE_CONTROL = 'public, max-age=300';
/** robots.txt only changes with the site URL. */
export const DEFAULT_ROBOTS_CACHE_CONTROL = 'public, max-age=3600';

export interface DiscoveryOptions extends DiscoverySite, SitemapLimits {
  /** The clock for the News sitemap's two-day window and empty feeds' `updated`. */
  readonly now: Date;
  /**
   * Generate robots.txt. Turn off when the operator serves their own.
   * @default true
   */
  readonly generateRobotsTxt?: boolean;
  /** @default two days (DEFAULT_NEWS_WINDOW_MS) */
  readonly newsWindowMs?: number;
  /** @default 1,000 (DEFAULT_MAX_NEWS_URLS) */
  readonly maxNewsUrls?: number;
  /** @default 50 (DEFAULT_MAX_FEED_ITEMS) */
  readonly maxFeedItems?: number;
}

/** One file to write at `key` (relative to the publish bucket root = the site root). */
export interface DiscoveryFile {
  readonly key: string;
  readonly body: string;
  readonly contentType: string;
  readonly cacheControl: string;
}

/**
 * Steps:
 * 1. Normalise the site URL (throws when it is not absolute http(s)).
 * 2. Prepare the articles: URLs under the site only, cleaned texts, parsed dates, newest first.
 * 3. Build the sitemap (parts first, index last), the News sitemap, both feeds and robots.txt.
 * Returns the files in a safe write order: a sitemap index is written only after its parts.
 */
export function generateDiscoveryFiles(
  articles: readonly DiscoveryArticle[],
  options: DiscoveryOptions,
): DiscoveryFile[] {
  const siteRoot = normaliseSiteUrl(options.siteUrl);
  const listed = prepareArticles(articles, siteRoot);
  const siteLanguage = options.defaultLanguage ?? DEFAULT_LANGUAGE;
  const publicationName = options.publicationName.trim();
  if (publicationName.length === 0) {
    throw new Error('The publication name is empty; set it to the name Google News shows for the site.');
  }
  const listing = (key: string, body: string, contentType: string): DiscoveryFile => ({
    key,
    body,
    contentType,
    cacheControl: DEFAULT_LISTING_CACHE_CONTROL,
  });
  const feedOptions = {
    publicationName,
    language: siteLanguage,
    now: options.now,
    maxItems: options.maxFeedItems ?? DEFAULT_MAX_FEED_ITEMS,
  };
  const files: DiscoveryFile[] = buildSitemaps(listed, siteRoot, options).map((file) =>
    listing(file.key, file.xml, CONTENT_TYPES.XML),
  );
  files.push(
    listing(
      NEWS_SITEMAP_KEY,
      buildNewsSitemap(listed, {
        siteRoot,
        publicationName,
        fallbackLanguage: newsLanguageCode(siteLanguage) ?? DEFAULT_LANGUAGE,
        now: options.now,
        windowMs: options.newsWindowMs ?? DEFAULT_NEWS_WINDOW_MS,
        maxUrls: options.maxNewsUrls ?? DEFAULT_MAX_NEWS_URLS,
      }),
      CONTENT_TYPES.XML,
    ),
    listing(ATOM_FEED_KEY, buildAtomFeed(listed, siteRoot, feedOptions), CONTENT_TYPES.ATOM),
    listing(JSON_FEED_KEY, buildJsonFeed(listed, siteRoot, feedOptions), CONTENT_TYPES.JSON_FEED),
  );
  if (options.generateRobotsTxt ?? true) {
    files.push({
      key: ROBOTS_KEY,
      body: buildRobotsTxt(siteRoot),
      contentType: CONTENT_TYPES.TEXT,
      cacheControl: DEFAULT_ROBOTS_CACHE_CONTROL,
    });
  }
  return files;
}
