/**
 * The Google News sitemap: articles published in the last two days, at most 1,000 URLs,
 * each with `news:publication` (name, language), `news:publication_date` (the original
 * publication time, offset as given) and `news:title` (the headline alone).
 */
import { type ListedArticle, listingTexts } from './model';
import { SITEMAP_NAMESPACE } from './sitemap';
import { XML_DECLARATION, xmlElement, xmlText } from './xml';

export const NEWS_NAMESPACE = 'http://www.google.com/schemas/sitemap-news/0.9';
export const NEWS_SITEMAP_KEY = 'news-sitemap.xml';
/** Google News lists articles from the last two days only. */
export const DEFAULT_NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;
/** Google News reads at most 1,000 URLs from one news sitemap. */
export const DEFAULT_MAX_NEWS_URLS = 1_000;

const LANGUAGE_TAG = /^([a-z]{2,3})(?:[-_]([a-z0-9]{1,8}))*$/;
const LANGUAGE_SUBTAGS = /[-_]/;
/** Subtags that mean Traditional Chinese: the script, or regions that write it. */
const TRADITIONAL_CHINESE_SUBTAGS = new Set(['hant', 'tw', 'hk', 'mo']);
/** The separator before a trailing site name: " | ", " - ", " – ", " — ", " · ", " :: ". */
const SEPARATOR_AT_END = /\s+(?:\||-|–|—|·|::)\s+$/u;

/**
 * The ISO 639 code Google News wants: the primary language subtag, except Chinese, which is
 * `zh-cn` (Simplified) or `zh-tw` (Traditional). Null when the tag is not a language tag.
 */
export function newsLanguageCode(tag: string | undefined): string | null {
  if (!tag) return null;
  const lower = tag.trim().toLowerCase();
  if (!LANGUAGE_TAG.test(lower)) return null;
  const [primary = '', ...subtags] = lower.split(LANGUAGE_SUBTAGS);
  if (primary !== 'zh') return primary;
  return subtags.some((subtag) => TRADITIONAL_CHINESE_SUBTAGS.has(subtag)) ? 'zh-tw' : 'zh-cn';
}

const sameName = (left: string, right: string): boolean =>
  left.length > 0 && left.localeCompare(right, undefined, { sensitivity: 'accent' }) === 0;

/** The headline without a trailing " | Site" / " - Site" naming the publication. */
export function newsTitle(headline: string, publicationNames: readonly string[]): string {
  for (const rawName of publicationNames) {
    const name = rawName.trim();
    if (name.length === 0 || headline.length <= name.length) continue;
    if (!sameName(headline.slice(-name.length), name)) continue;
    const rest = headline.slice(0, -name.length);
    if (!SEPARATOR_AT_END.test(rest)) continue;
    const title = rest.replace(SEPARATOR_AT_END, '').trim();
    if (title.length > 0) return title;
  }
  return headline;
}

export interface NewsSitemapOptions {
  readonly siteRoot: URL;
  readonly publicationName: string;
  /** Used for articles without a (valid) language; already a Google News code. */
  readonly fallbackLanguage: string;
  readonly now: Date;
  /** @default two days (DEFAULT_NEWS_WINDOW_MS) */
  readonly windowMs?: number;
  /** @default 1,000 (DEFAULT_MAX_NEWS_URLS) */
  readonly maxUrls?: number;
}

/**
 * Steps: keep articles with a headline whose publication instant lies within the window
 * ending at `now` (future ones wait); take the newest `maxUrls`; render each entry.
 * `articles` must be sorted newest first (prepareArticles does it).
 */
export function buildNewsSitemap(articles: readonly ListedArticle[], options: NewsSitemapOptions): string {
  const windowMs = options.windowMs ?? DEFAULT_NEWS_WINDOW_MS;
  const maxUrls = options.maxUrls ?? DEFAULT_MAX_NEWS_URLS;
  const newest = options.now.getTime();
  const oldest = newest - windowMs;
  const entries: string[] = [];
  for (const article of articles) {
    if (entries.length >= maxUrls) break;
    if (!article.published) break; // Undated articles sort last: nothing after them has a date.
    const published = article.published.instant.getTime();
    if (published < oldest) break; // Sorted newest first: the rest are older still.
    if (published > newest) continue;
    const texts = listingTexts(article, options.siteRoot);
    if (texts.headline.length === 0) continue;
    const language = newsLanguageCode(texts.language) ?? options.fallbackLanguage;
    const title = newsTitle(texts.headline, [options.publicationName, texts.publisherName]);
    entries.push(
      `<url><loc>${xmlText(article.url)}</loc><news:news><news:publication>` +
        `${xmlElement('news:name', options.publicationName)}${xmlElement('news:language', language)}` +
        `</news:publication>${xmlElement('news:publication_date', article.published.w3c)}` +
        `${xmlElement('news:title', title)}</news:news></url>\n`,
    );
  }
  return (
    `${XML_DECLARATION}\n<urlset xmlns="${SITEMAP_NAMESPACE}" xmlns:news="${NEWS_NAMESPACE}">\n` +
    `${entries.join('')}</urlset>\n`
  );
}
