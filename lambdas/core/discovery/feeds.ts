/**
 * The newest articles as an Atom 1.0 feed (`feed.xml`, RFC 4287) and a JSON Feed 1.1
 * (`feed.json`), for feed readers and aggregators.
 */
import { formatUtc } from './dates';
import { type ListedArticle, lastModified, listingTexts } from './model';
import { XML_DECLARATION, xmlAttribute, xmlElement, xmlText } from './xml';

export const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';
/** Media RSS, for the article image as `media:content`. */
export const MEDIA_NAMESPACE = 'http://search.yahoo.com/mrss/';
export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';
export const ATOM_FEED_KEY = 'feed.xml';
export const JSON_FEED_KEY = 'feed.json';
/** How many of the newest articles the feeds carry. */
export const DEFAULT_MAX_FEED_ITEMS = 50;
export const GENERATOR_NAME = 'schemapress';

const BCP47_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;
const IMAGE_EXTENSION = /\.([a-z0-9]+)$/i;
const IMAGE_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};

export interface FeedOptions {
  readonly publicationName: string;
  /** BCP 47 tag of the site. */
  readonly language: string;
  /** Used only when no article has a date, so an empty feed is still valid. */
  readonly now: Date;
  /** @default 50 (DEFAULT_MAX_FEED_ITEMS) */
  readonly maxItems?: number;
}

/** A valid BCP 47-looking tag, else undefined (xml:lang must hold a language tag). */
export function languageTag(value: string | undefined): string | undefined {
  return value && BCP47_TAG.test(value) ? value : undefined;
}

/** MIME type of an image URL from its extension, when it is a known one. */
export function imageType(imageUrl: string): string | undefined {
  const extension = IMAGE_EXTENSION.exec(new URL(imageUrl).pathname)?.[1]?.toLowerCase();
  return extension ? IMAGE_TYPES[extension] : undefined;
}

function entryUpdated(article: ListedArticle, now: Date): string {
  return lastModified(article)?.rfc3339 ?? formatUtc(now);
}

/** The newest update among the entries: the feed's own `updated`. */
function feedUpdated(articles: readonly ListedArticle[], now: Date): string {
  let newest: { time: number; text: string } | undefined;
  for (const article of articles) {
    const modified = lastModified(article);
    if (modified && (!newest || modified.instant.getTime() > newest.time)) {
      newest = { time: modified.instant.getTime(), text: modified.rfc3339 };
    }
  }
  return newest?.text ?? formatUtc(now);
}

function atomEntry(article: ListedArticle, siteRoot: URL, now: Date): string {
  const texts = listingTexts(article, siteRoot);
  const language = languageTag(texts.language);
  const lines = [
    `<entry${language ? ` xml:lang="${xmlAttribute(language)}"` : ''}>`,
    xmlElement('id', article.url),
    `<title type="text">${xmlText(texts.headline || article.url)}</title>`,
    `<link rel="alternate" type="text/html" href="${xmlAttribute(article.url)}"/>`,
  ];
  if (article.published) lines.push(xmlElement('published', article.published.rfc3339));
  lines.push(xmlElement('updated', entryUpdated(article, now)));
  for (const author of texts.authors) lines.push(`<author>${xmlElement('name', author)}</author>`);
  if (texts.description) lines.push(`<summary type="text">${xmlText(texts.description)}</summary>`);
  if (texts.image) {
    const type = imageType(texts.image);
    const typeAttribute = type ? ` type="${type}"` : '';
    lines.push(`<link rel="enclosure"${typeAttribute} href="${xmlAttribute(texts.image)}"/>`);
    lines.push(`<media:content url="${xmlAttribute(texts.image)}" medium="image"${typeAttribute}/>`);
  }
  lines.push('</entry>');
  return lines.join('\n');
}

/**
 * Steps: take the newest `maxItems`; write the feed head (id = site root, title, updated =
 * newest entry update, self and alternate links, the publication as feed author so entries
 * without a byline stay valid); then one entry per article.
 */
export function buildAtomFeed(
  articles: readonly ListedArticle[],
  siteRoot: URL,
  options: FeedOptions,
): string {
  const items = articles.slice(0, options.maxItems ?? DEFAULT_MAX_FEED_ITEMS);
  const home = siteRoot.href;
  const self = new URL(ATOM_FEED_KEY, siteRoot).href;
  const language = languageTag(options.language);
  const head = [
    XML_DECLARATION,
    `<feed xmlns="${ATOM_NAMESPACE}" xmlns:media="${MEDIA_NAMESPACE}"${language ? ` xml:lang="${xmlAttribute(language)}"` : ''}>`,
    xmlElement('id', home),
    `<title type="text">${xmlText(options.publicationName)}</title>`,
    xmlElement('updated', feedUpdated(items, options.now)),
    `<link rel="self" type="application/atom+xml" href="${xmlAttribute(self)}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlAttribute(home)}"/>`,
    `<author>${xmlElement('name', options.publicationName)}</author>`,
    xmlElement('generator', GENERATOR_NAME),
  ];
  return `${[...head, ...items.map((article) => atomEntry(article, siteRoot, options.now)), '</feed>'].join('\n')}\n`;
}

/** JSON Feed 1.1 item; absent values are left out (undefined keys vanish in JSON). */
interface JsonFeedItem {
  readonly id: string;
  readonly url: string;
  readonly title?: string;
  readonly summary?: string;
  readonly content_text: string;
  readonly image?: string;
  readonly date_published?: string;
  readonly date_modified?: string;
  readonly authors?: readonly { readonly name: string }[];
  readonly language?: string;
}

/** JSON Feed 1.1 with the newest `maxItems`; every item carries `content_text` as the spec requires. */
export function buildJsonFeed(
  articles: readonly ListedArticle[],
  siteRoot: URL,
  options: FeedOptions,
): string {
  const items: JsonFeedItem[] = articles
    .slice(0, options.maxItems ?? DEFAULT_MAX_FEED_ITEMS)
    .map((article) => {
      const texts = listingTexts(article, siteRoot);
      return {
        id: article.url,
        url: article.url,
        title: texts.headline || undefined,
        summary: texts.description || undefined,
        content_text: texts.description || texts.headline || article.url,
        image: texts.image,
        date_published: article.published?.rfc3339,
        date_modified: lastModified(article)?.rfc3339,
        authors: texts.authors.length > 0 ? texts.authors.map((name) => ({ name })) : undefined,
        language: languageTag(texts.language),
      };
    });
  const feed = {
    version: JSON_FEED_VERSION,
    title: options.publicationName,
    home_page_url: siteRoot.href,
    feed_url: new URL(JSON_FEED_KEY, siteRoot).href,
    language: languageTag(options.language),
    authors: [{ name: options.publicationName }],
    items,
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}
