/**
 * The XML sitemap (sitemaps.org protocol 0.9): one `<url>` per published article with its
 * `<lastmod>`. Past 50,000 URLs or 50 MB (uncompressed) one file is not allowed, so the
 * entries are split into numbered files `sitemap-1.xml`, `sitemap-2.xml`, … and
 * `sitemap.xml` becomes a sitemap index pointing at them.
 */
import { type ListedArticle, lastModified } from './model';
import { utf8ByteLength, XML_DECLARATION, xmlText } from './xml';

export const SITEMAP_NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';
/** Protocol limits for one sitemap file. */
export const DEFAULT_MAX_URLS_PER_SITEMAP = 50_000;
export const DEFAULT_MAX_SITEMAP_BYTES = 50 * 1024 * 1024;

export const SITEMAP_KEY = 'sitemap.xml';
const NUMBERED_SITEMAP_KEY = /^sitemap-([1-9]\d*)\.xml$/;

/** `sitemap-<n>.xml`, n from 1. */
export function numberedSitemapKey(part: number): string {
  return `sitemap-${part}.xml`;
}

export function isNumberedSitemapKey(key: string): boolean {
  return NUMBERED_SITEMAP_KEY.test(key);
}

export interface SitemapLimits {
  /** @default 50,000 (DEFAULT_MAX_URLS_PER_SITEMAP) */
  readonly maxUrlsPerSitemap?: number;
  /** @default 50 MB (DEFAULT_MAX_SITEMAP_BYTES) */
  readonly maxSitemapBytes?: number;
}

/** One generated sitemap file: key relative to the site root and its XML. */
export interface SitemapFile {
  readonly key: string;
  readonly xml: string;
}

const URLSET_OPEN = `${XML_DECLARATION}\n<urlset xmlns="${SITEMAP_NAMESPACE}">\n`;
const URLSET_CLOSE = '</urlset>\n';

function urlEntry(article: ListedArticle): string {
  const modified = lastModified(article);
  const lastmod = modified ? `<lastmod>${modified.w3c}</lastmod>` : '';
  return `<url><loc>${xmlText(article.url)}</loc>${lastmod}</url>\n`;
}

interface Part {
  readonly entries: string[];
  newest: number;
  newestW3c: string | undefined;
}

/**
 * Steps: render each entry; fill parts greedily while both the URL count and the byte size
 * (with the urlset wrapper) stay within the limits; one part is `sitemap.xml` itself,
 * several parts are numbered and indexed, with each part's newest lastmod in the index.
 * Files come back in write order: parts first, the index last.
 */
export function buildSitemaps(
  articles: readonly ListedArticle[],
  siteRoot: URL,
  limits: SitemapLimits = {},
): SitemapFile[] {
  const maxUrls = limits.maxUrlsPerSitemap ?? DEFAULT_MAX_URLS_PER_SITEMAP;
  const maxBytes = limits.maxSitemapBytes ?? DEFAULT_MAX_SITEMAP_BYTES;
  const wrapperBytes = utf8ByteLength(URLSET_OPEN) + utf8ByteLength(URLSET_CLOSE);
  const parts: Part[] = [];
  let current: Part | undefined;
  let currentBytes = 0;
  for (const article of articles) {
    const entry = urlEntry(article);
    const entryBytes = utf8ByteLength(entry);
    if (wrapperBytes + entryBytes > maxBytes) continue; // A single URL that can never fit is left out.
    if (!current || current.entries.length >= maxUrls || currentBytes + entryBytes > maxBytes) {
      current = { entries: [], newest: Number.NEGATIVE_INFINITY, newestW3c: undefined };
      currentBytes = wrapperBytes;
      parts.push(current);
    }
    current.entries.push(entry);
    currentBytes += entryBytes;
    const modified = lastModified(article);
    if (modified && modified.instant.getTime() > current.newest) {
      current.newest = modified.instant.getTime();
      current.newestW3c = modified.w3c;
    }
  }
  const render = (part: Part | undefined): string =>
    `${URLSET_OPEN}${part?.entries.join('') ?? ''}${URLSET_CLOSE}`;
  if (parts.length <= 1) return [{ key: SITEMAP_KEY, xml: render(parts[0]) }];

  const files: SitemapFile[] = parts.map((part, index) => ({
    key: numberedSitemapKey(index + 1),
    xml: render(part),
  }));
  const indexEntries = parts.map((part, index) => {
    const loc = new URL(numberedSitemapKey(index + 1), siteRoot).href;
    const lastmod = part.newestW3c ? `<lastmod>${part.newestW3c}</lastmod>` : '';
    return `<sitemap><loc>${xmlText(loc)}</loc>${lastmod}</sitemap>\n`;
  });
  files.push({
    key: SITEMAP_KEY,
    xml: `${XML_DECLARATION}\n<sitemapindex xmlns="${SITEMAP_NAMESPACE}">\n${indexEntries.join('')}</sitemapindex>\n`,
  });
  return files;
}
