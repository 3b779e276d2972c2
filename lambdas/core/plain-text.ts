/**
 * Plain-text and Markdown articles: facts read from the text's conventional layout, and a
 * clean, accessible HTML5 page to publish (without JSON-LD: the enrich step adds it).
 *
 * The layout recognised is the one syndicated articles use:
 *
 *   Headline                                   (first line, or `# Heading`, or front matter title)
 *   Originally published by the Example Post   (syndication line, optional)
 *   By Jane Doe and John Roe                   (byline, optional)
 *   Published: July 5, 2020                    (date line, optional)
 *   A short standfirst paragraph.              (description, when set apart by the lines above)
 *   Body paragraphs…
 *   About Jane Doe                             (author bio, optional, last)
 *   Jane Doe is an analyst at the Example Institute…
 */

import {
  escapeHtml,
  type FrontMatter,
  readFrontMatter,
  readMarkdownBlocks,
  type TextBlock,
} from './markdown';
import { detectLanguage, normaliseLanguageTag } from './rules/language';
import type { ArticleContext, ArticleFacts, Fact, FactSource, PersonFact, SyndicationFact } from './types';

export interface PlainTextArticle {
  readonly facts: ArticleFacts;
  /** A complete HTML5 page, every piece of text escaped, no JSON-LD. */
  readonly html: string;
}

/** A first line longer than this is prose, not a headline. */
export const DEFAULT_MAX_HEADLINE_CHARS = 250;
/** A standfirst is at most this many words. */
export const DEFAULT_MAX_STANDFIRST_WORDS = 60;
/** Meta lines (byline, syndication, date) are looked for in this many blocks after the headline. */
export const DEFAULT_HEADER_BLOCKS = 6;
/** An "About X" heading has at most this many words. */
export const DEFAULT_MAX_BIO_HEADING_WORDS = 8;
/** Descriptions taken from the first paragraph are cut near this length, at a word boundary. */
export const DEFAULT_DESCRIPTION_CHARS = 300;

const SYNDICATION =
  /^(?:(?:this|the) (?:article|story|piece|post|essay|commentary|column) (?:was )?(?:first |originally )?(?:appeared|published|ran|posted) (?:in|on|at|by)|originally (?:published|appeared|posted|ran) (?:by|in|on|at)|first (?:published|appeared) (?:by|in|on|at)|republished (?:with permission )?(?:from|by)|reprinted (?:with permission )?(?:from|by)|syndicated from)\s+(.+?)\.?$/i;
const SYNDICATION_URL = /\s*(?:[,:]|\bat\b)?\s*(?:<)?(https?:\/\/\S+?)(?:>)?[.)]?$/i;
const BYLINE = /^(?:by|written by|words by|von|par|por|di|door)[:\s]\s*(.+)$/i;
const AUTHOR_SEPARATORS = /\s*(?:,\s*(?:and|&)\s+|,|\band\b|&|\bund\b|\bet\b|\by\b)\s*/i;
const AUTHOR_TRAILER =
  /\s*[,|–—-]\s*(?:staff (?:writer|reporter)|correspondent|reporter|editor|contributor).*$/i;
const DATE_LABEL =
  /^(?:published|posted|updated|last updated|date|modified|first published)\s*(?:on|at)?\s*[:\-–]?\s*(.+)$/i;
const BIO_HEADING = /^(?:#{1,6}\s*)?about (?:the author[s]?\s*[:\-–]?\s*)?(.*?)[:.]?$/i;
const BIO_SENTENCE =
  /^(.+?) (?:is|was|serves as|works as) (?:a |an |the )?((?:[\w.-]+ ){0,5}?[\w.-]+?) (?:at|with|for|of|in) (?:the )?([A-Z][^,.;()]*?)(?:[,.;(]|\s+(?:located|based|in|where|and|who|since)\b|$)/;
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_PATTERN =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DATE_MONTH_FIRST = new RegExp(
  `\\b${MONTH_PATTERN}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`,
  'i',
);
const DATE_DAY_FIRST = new RegExp(
  `\\b(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+${MONTH_PATTERN}\\s+(\\d{4})\\b`,
  'i',
);
const DATE_ISO = /\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?\b/;
/** A line that is only a date (optionally with weekday and time), e.g. "Sunday, July 5, 2020". */
const DATE_ONLY_LINE = /^[\w ,.:/+-]{6,60}$/;
const TERMINAL_PUNCTUATION = /[.!?…"”’)]$/;
const WORD = /\S+/g;

interface Header {
  syndication?: SyndicationFact;
  syndicationLine?: string;
  authors?: PersonFact[];
  bylineText?: string;
  datePublished?: string;
  dateModified?: string;
  dateText?: string;
}

/**
 * Turns a plain-text or Markdown article into facts and a page.
 *
 * Steps:
 *  1. Normalise line ends; read Markdown front matter; split into blocks.
 *  2. Headline: front matter title, else the first heading / first short line.
 *  3. Header lines right after it: syndication, byline, date lines (removed from the body).
 *  4. Standfirst: the first short paragraph when header lines set it apart (=> description).
 *  5. Author bio: a trailing "About <Name>" section (=> author's bio, jobTitle, affiliation).
 *  6. Body: the remaining blocks; word count; language guess.
 *  7. Render the page.
 */
export function plainTextToArticle(
  text: string,
  kind: 'text' | 'markdown',
  context: ArticleContext = {},
): PlainTextArticle {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const { frontMatter, rest } =
    kind === 'markdown' ? readFrontMatter(normalised) : { frontMatter: {}, rest: normalised };
  const blocks = kind === 'markdown' ? readMarkdownBlocks(rest) : readTextBlocks(rest);
  const facts: ArticleFacts = {};

  // 2. Headline.
  const fromFrontMatter = firstString(frontMatter, ['title', 'headline']);
  let index = 0;
  if (fromFrontMatter) {
    facts.headline = fact(fromFrontMatter, 'meta');
    const first = blocks[0];
    if (first?.kind === 'heading' && first.level === 1 && sameText(first.text, fromFrontMatter)) index = 1;
  } else {
    const first = blocks[0];
    if (first && isHeadlineBlock(first)) {
      facts.headline = fact(first.text, first.kind === 'heading' ? 'markup' : 'text');
      index = 1;
    }
  }

  // 3. Header lines.
  const header: Header = {};
  const headerEnd = Math.min(blocks.length, index + DEFAULT_HEADER_BLOCKS);
  let headerLines = 0;
  while (index < headerEnd) {
    const block = blocks[index];
    if (block?.kind !== 'paragraph' || !readHeaderLine(block.text, header)) break;
    headerLines++;
    index++;
  }

  // 4. Standfirst.
  let standfirst: TextBlock | undefined;
  const candidate = blocks[index];
  const remainingProse = blocks.slice(index + 1).filter((block) => block.kind === 'paragraph').length;
  if (
    candidate?.kind === 'paragraph' &&
    remainingProse >= 2 &&
    countWords(candidate.text) <= DEFAULT_MAX_STANDFIRST_WORDS &&
    (headerLines > 0 || !TERMINAL_PUNCTUATION.test(candidate.text))
  ) {
    standfirst = candidate;
    index++;
  }

  // 5. Author bio.
  let bodyBlocks = blocks.slice(index);
  const bio = readBio(bodyBlocks, header.authors);
  if (bio) bodyBlocks = bodyBlocks.slice(0, bio.start);
  const authors = mergeAuthors(header.authors, bio);
  // Meta lines that come after the standfirst (some layouts put the byline there).
  bodyBlocks = bodyBlocks.filter(
    (block, i) => !(i < 2 && block.kind === 'paragraph' && readHeaderLine(block.text, header)),
  );

  // 6. Facts.
  const frontAuthors = frontMatterList(frontMatter, ['author', 'authors']);
  if (frontAuthors.length > 0)
    facts.authors = fact(
      frontAuthors.map((name) => withBio(name, bio)),
      'meta',
    );
  else if (authors.length > 0) facts.authors = fact(authors, 'text');

  const frontDescription = firstString(frontMatter, ['description', 'summary', 'excerpt', 'subtitle']);
  if (frontDescription) facts.description = fact(frontDescription, 'meta');
  else if (standfirst) facts.description = fact(standfirst.text, 'text');
  else {
    const lead = bodyBlocks.find((block) => block.kind === 'paragraph');
    if (lead) facts.description = fact(truncateAtWord(lead.text, DEFAULT_DESCRIPTION_CHARS), 'text');
  }

  const frontDate = parseDate(
    firstString(frontMatter, ['date', 'published', 'datepublished', 'pubdate']) ?? '',
  );
  if (frontDate) facts.datePublished = fact(frontDate, 'meta');
  else if (header.datePublished) facts.datePublished = fact(header.datePublished, 'text');
  const frontModified = parseDate(
    firstString(frontMatter, ['lastmod', 'updated', 'modified', 'datemodified']) ?? '',
  );
  if (frontModified) facts.dateModified = fact(frontModified, 'meta');
  else if (header.dateModified) facts.dateModified = fact(header.dateModified, 'text');

  if (header.syndication) facts.syndication = fact(header.syndication, 'text');
  const keywords = frontMatterList(frontMatter, ['tags', 'keywords']);
  if (keywords.length > 0) facts.keywords = fact(keywords, 'meta');
  const section =
    firstString(frontMatter, ['section', 'category']) ?? frontMatterList(frontMatter, ['categories'])[0];
  if (section) facts.articleSection = fact(section, 'meta');
  const image = firstString(frontMatter, ['image', 'cover', 'featured_image', 'og_image']);
  const imageUrl = image ? absoluteUrl(image, context.url) : undefined;
  if (imageUrl) facts.images = fact([imageUrl], 'meta');
  const canonical = firstString(frontMatter, ['canonical', 'canonical_url', 'canonicalurl']);
  const canonicalUrl = canonical ? absoluteUrl(canonical, context.url) : undefined;
  if (canonicalUrl) facts.canonicalUrl = fact(canonicalUrl, 'meta');

  const bodyText = bodyBlocks
    .filter((block) => block.kind !== 'rule' && block.text.trim() !== '')
    .map((block) => block.text)
    .join('\n\n');
  if (bodyText !== '') {
    facts.articleBody = fact(bodyText, 'text');
    facts.wordCount = countWords(bodyText);
  }
  const declaredLanguage = firstString(frontMatter, ['lang', 'language', 'locale']);
  // Same detector as HTML pages (rules/language.ts), so both kinds of input agree.
  const language = declaredLanguage
    ? normaliseLanguageTag(declaredLanguage)
    : detectLanguage(`${facts.headline?.value ?? ''}\n${bodyText}`);
  if (language) facts.inLanguage = fact(language, declaredLanguage ? 'meta' : 'text');

  // 7. Page.
  const html = renderPage({
    facts,
    header,
    standfirst,
    bodyBlocks,
    bio,
    authors: facts.authors?.value ?? [],
  });
  return { facts, html };
}

function fact<T>(value: T, source: FactSource): Fact<T> {
  return { value, source };
}

/** Plain text: blocks separated by blank lines; a block whose lines are all bullets is a list. */
function readTextBlocks(text: string): TextBlock[] {
  return text
    .split(/\n[ \t]*\n+/)
    .map((block) => block.trim())
    .filter((block) => block !== '')
    .map((block): TextBlock => {
      const lines = block.split('\n').map((line) => line.trim());
      if (lines.length > 1 && lines.every((line) => /^[-*•]\s+/.test(line))) {
        const items = lines.map((line) => line.replace(/^[-*•]\s+/, ''));
        return {
          kind: 'list',
          level: 0,
          items,
          text: items.join('\n'),
          html: items.map((item) => `<li>${escapeHtml(item)}</li>`).join(''),
        };
      }
      const joined = lines.join(' ');
      return { kind: 'paragraph', text: joined, html: escapeHtml(joined) };
    });
}

function isHeadlineBlock(block: TextBlock): boolean {
  if (block.kind === 'heading') return true;
  return (
    block.kind === 'paragraph' &&
    block.text.length <= DEFAULT_MAX_HEADLINE_CHARS &&
    !BYLINE.test(block.text) &&
    !SYNDICATION.test(block.text)
  );
}

/** Reads one header line into `header`; false when the line is prose. */
function readHeaderLine(line: string, header: Header): boolean {
  if (line.length > DEFAULT_MAX_HEADLINE_CHARS) return false;
  const syndication = SYNDICATION.exec(line);
  if (syndication && !header.syndication) {
    let name = (syndication[1] ?? '').trim();
    const url = SYNDICATION_URL.exec(name);
    if (url) name = name.slice(0, url.index).trim();
    header.syndication = { ...(name ? { name } : {}), ...(url?.[1] ? { url: url[1] } : {}) };
    header.syndicationLine = line;
    return true;
  }
  const byline = BYLINE.exec(line);
  if (byline && !header.authors && countWords(line) <= 16) {
    const authors = splitAuthors(byline[1] ?? '');
    if (authors.length > 0) {
      header.authors = authors.map((name) => ({ name }));
      header.bylineText = line;
      return true;
    }
  }
  const labelled = DATE_LABEL.exec(line);
  if (labelled) {
    const date = parseDate(labelled[1] ?? '');
    if (date) {
      if (/^(?:updated|last updated|modified)/i.test(line)) header.dateModified ??= date;
      else header.datePublished ??= date;
      header.dateText ??= line;
      return true;
    }
  }
  if (DATE_ONLY_LINE.test(line) && !header.datePublished) {
    const date = parseDate(line);
    // Only when the date is most of the line: "Sunday, July 5, 2020 at 10:00".
    if (
      date &&
      line
        .replace(/[\d,.:]|\b(?:am|pm|at|utc|gmt)\b/gi, '')
        .trim()
        .split(/\s+/).length <= 3
    ) {
      header.datePublished = date;
      header.dateText = line;
      return true;
    }
  }
  return false;
}

function splitAuthors(text: string): string[] {
  return text
    .replace(AUTHOR_TRAILER, '')
    .split(AUTHOR_SEPARATORS)
    .map((name) => name.trim().replace(/[.;:]$/, ''))
    .filter((name) => name !== '' && countWords(name) <= 5 && /\p{Lu}/u.test(name));
}

interface Bio {
  /** Index of the bio heading (or first bio paragraph) in the body blocks. */
  readonly start: number;
  readonly heading?: string;
  readonly paragraphs: readonly string[];
  readonly person: PersonFact;
}

/** A trailing "About <Name>" section, or a last paragraph "<Author> is a … at …". */
function readBio(blocks: readonly TextBlock[], authors: readonly PersonFact[] | undefined): Bio | undefined {
  for (let i = blocks.length - 2; i >= Math.max(0, blocks.length - 4); i--) {
    const block = blocks[i];
    if (!block || (block.kind !== 'paragraph' && block.kind !== 'heading')) continue;
    if (countWords(block.text) > DEFAULT_MAX_BIO_HEADING_WORDS) continue;
    const heading = BIO_HEADING.exec(block.text);
    if (!heading) continue;
    const paragraphs = blocks
      .slice(i + 1)
      .map((b) => b.text)
      .filter((t) => t.trim() !== '');
    if (paragraphs.length === 0) continue;
    const named = (heading[1] ?? '').trim();
    const sentence = BIO_SENTENCE.exec(paragraphs[0] ?? '');
    const name = named !== '' ? named : (sentence?.[1] ?? '').trim();
    if (name === '' || countWords(name) > 5) continue;
    return { start: i, heading: block.text, paragraphs, person: personFromBio(name, paragraphs) };
  }
  // No heading: the last paragraph introduces a byline author.
  const last = blocks[blocks.length - 1];
  if (last?.kind === 'paragraph' && authors) {
    const sentence = BIO_SENTENCE.exec(last.text);
    const author = authors.find((a) => sentence && sameText(a.name, sentence[1] ?? ''));
    if (author && blocks.length > 1) {
      return {
        start: blocks.length - 1,
        paragraphs: [last.text],
        person: personFromBio(author.name, [last.text]),
      };
    }
  }
  return undefined;
}

function personFromBio(name: string, paragraphs: readonly string[]): PersonFact {
  const sentence = BIO_SENTENCE.exec(paragraphs[0] ?? '');
  const describesName =
    sentence && (sameText(sentence[1] ?? '', name) || /^(?:he|she|they)$/i.test(sentence[1] ?? ''));
  const jobTitle = describesName ? sentence[2]?.trim() : undefined;
  const affiliation = describesName ? sentence[3]?.trim() : undefined;
  return {
    name,
    ...(jobTitle ? { jobTitle } : {}),
    ...(affiliation ? { affiliation } : {}),
    bio: paragraphs.join('\n\n'),
  };
}

function mergeAuthors(authors: readonly PersonFact[] | undefined, bio: Bio | undefined): PersonFact[] {
  if (!authors || authors.length === 0) return bio ? [bio.person] : [];
  return authors.map((author) => withBio(author.name, bio));
}

function withBio(name: string, bio: Bio | undefined): PersonFact {
  return bio && sameText(bio.person.name, name) ? { ...bio.person, name } : { name };
}

function sameText(a: string, b: string): boolean {
  const fold = (s: string): string =>
    s
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  return fold(a) === fold(b);
}

function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

function truncateAtWord(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit);
  const sentence = cut.lastIndexOf('. ');
  if (sentence > limit / 2) return cut.slice(0, sentence + 1);
  return `${cut.slice(0, cut.lastIndexOf(' ')).trimEnd()}…`;
}

function firstString(frontMatter: FrontMatter, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = frontMatter[key];
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === 'string' && text.trim() !== '') return text.trim();
  }
  return undefined;
}

/** A front matter list: a YAML list, or a string split as a byline (authors) or on commas. */
function frontMatterList(frontMatter: FrontMatter, keys: readonly string[]): string[] {
  for (const key of keys) {
    const value = frontMatter[key];
    if (Array.isArray(value)) return value.map((item) => item.trim()).filter((item) => item !== '');
    if (typeof value !== 'string' || value.trim() === '') continue;
    const items = key.startsWith('author') ? splitAuthors(value) : value.split(',');
    return items.map((item) => item.trim()).filter((item) => item !== '');
  }
  return [];
}

function absoluteUrl(url: string, base: string | undefined): string | undefined {
  try {
    const absolute = new URL(url, base);
    return absolute.protocol === 'http:' || absolute.protocol === 'https:' ? absolute.href : undefined;
  } catch {
    return undefined;
  }
}

/** Parses the dates articles print; returns `YYYY-MM-DD` (or a full ISO timestamp when one is given). */
export function parseDate(text: string): string | undefined {
  const iso = DATE_ISO.exec(text);
  if (iso) {
    const [whole, year, month, day, hour] = iso;
    if (!validDate(Number(year), Number(month), Number(day))) return undefined;
    if (hour === undefined) return `${year}-${month}-${day}`;
    const zone = iso[7];
    const time = whole.slice(11).replace(' ', 'T');
    const normalisedZone =
      zone && zone !== 'Z' && !zone.includes(':') ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
    return `${year}-${month}-${day}T${time.replace(zone ?? '', '')}${normalisedZone ?? ''}`;
  }
  const monthFirst = DATE_MONTH_FIRST.exec(text);
  if (monthFirst)
    return isoDate(Number(monthFirst[3]), monthIndex(monthFirst[1] ?? ''), Number(monthFirst[2]));
  const dayFirst = DATE_DAY_FIRST.exec(text);
  if (dayFirst) return isoDate(Number(dayFirst[3]), monthIndex(dayFirst[2] ?? ''), Number(dayFirst[1]));
  return undefined;
}

function monthIndex(name: string): number {
  const prefix = name.toLowerCase().slice(0, 3);
  return MONTHS.findIndex((month) => month.startsWith(prefix)) + 1;
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2200) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day: number): string | undefined {
  if (!validDate(year, month, day)) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

interface PageParts {
  readonly facts: ArticleFacts;
  readonly header: Header;
  readonly standfirst: TextBlock | undefined;
  readonly bodyBlocks: readonly TextBlock[];
  readonly bio: Bio | undefined;
  readonly authors: readonly PersonFact[];
}

function renderPage(parts: PageParts): string {
  const { facts, header, standfirst, bodyBlocks, bio, authors } = parts;
  const headline = facts.headline?.value ?? '';
  const language = facts.inLanguage?.value ?? 'und';
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(headline)}</title>`,
    facts.description ? `<meta name="description" content="${escapeHtml(facts.description.value)}">` : '',
    ...authors.map((author) => `<meta name="author" content="${escapeHtml(author.name)}">`),
    facts.canonicalUrl ? `<link rel="canonical" href="${escapeHtml(facts.canonicalUrl.value)}">` : '',
  ].filter((line) => line !== '');

  const headerParts: string[] = [];
  if (headline) headerParts.push(`<h1>${escapeHtml(headline)}</h1>`);
  if (standfirst) headerParts.push(`<p class="standfirst">${standfirst.html}</p>`);
  if (authors.length > 0) {
    const names = authors.map((author) => `<span class="author">${escapeHtml(author.name)}</span>`);
    headerParts.push(`<p class="byline">By ${joinNames(names)}</p>`);
  }
  if (facts.datePublished) {
    const label = header.dateText?.replace(DATE_LABEL, '$1') ?? facts.datePublished.value;
    headerParts.push(
      `<p class="dateline">Published <time datetime="${escapeHtml(facts.datePublished.value)}">${escapeHtml(label)}</time></p>`,
    );
  }
  if (header.syndicationLine)
    headerParts.push(`<p class="syndication">${escapeHtml(header.syndicationLine)}</p>`);

  const body = bodyBlocks.map(renderBlock).filter((html) => html !== '');
  const footer = bio
    ? `<footer><section class="author-bio" aria-labelledby="author-bio-heading"><h2 id="author-bio-heading">${escapeHtml(
        bio.heading?.replace(/^#+\s*/, '') ?? `About ${bio.person.name}`,
      )}</h2>${bio.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</section></footer>`
    : '';

  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(language)}">`,
    `<head>${head.join('')}</head>`,
    '<body><main><article>',
    headerParts.length > 0 ? `<header>${headerParts.join('')}</header>` : '',
    ...body,
    footer,
    '</article></main></body></html>',
    '',
  ].join('\n');
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function renderBlock(block: TextBlock): string {
  switch (block.kind) {
    case 'heading': {
      // h1 is the headline; body headings start at h2.
      const level = Math.min(6, Math.max(2, block.level ?? 2));
      return `<h${level}>${block.html}</h${level}>`;
    }
    case 'list':
      return block.level === 1 ? `<ol>${block.html}</ol>` : `<ul>${block.html}</ul>`;
    case 'quote':
      return `<blockquote>${block.html}</blockquote>`;
    case 'code':
      return `<pre>${block.html}</pre>`;
    case 'rule':
      return '<hr>';
    default:
      return block.html === '' ? '' : `<p>${block.html}</p>`;
  }
}
