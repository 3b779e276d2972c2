/**
 * Writes the publisher's page back with our structured data: one JSON-LD block holding the
 * article graph, and the head tags search engines and social sites read (description,
 * canonical, OpenGraph, article times, `<html lang>`), each added only when the page lacks it.
 *
 * The page is never re-serialized from a DOM: a tokenizer finds positions in the original
 * text and the new tags are spliced in, so every other character stays exactly as the
 * publisher wrote it (their formatting, comments, conditional comments, inline scripts).
 * The only removals are the JSON-LD blocks the new graph replaces.
 */
import { encodeOutput, resolveEncoding } from './decode';
import { attributeOf, type StartTagToken, tokenizeHtml } from './html-tokens';
import { jsonLdScriptElement } from './json-ld-script';
import { blockHoldsArticle, isArticleNode } from './jsonld';
import type { ArticleFacts, JsonLdDocument, JsonLdNode } from './types';

export interface EnrichOptions {
  /**
   * The page's JSON-LD blocks the graph replaces, as positions among the page's
   * `<script type="application/ld+json">` elements in document order (`readJsonLdBlocks`
   * indexes), with the number of blocks that reader saw. When the tokenizer finds a
   * different number of blocks, or this is absent, the blocks holding an article node are
   * found by parsing them here. @default found here
   */
  readonly replaceBlocks?: { readonly indexes: readonly number[]; readonly blockCount: number };
  /** The page's URL, for `og:url` and the canonical link when the page declares none. @default none */
  readonly url?: string;
  /** Write everything inserted as ASCII (for pages kept in a legacy encoding). @default false */
  readonly asciiOnly?: boolean;
}

/** One splice into the original text: replace `[start, end)` with `text`. */
export interface PageEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Elements that may stay in the head; any other start tag starts the body. */
const HEAD_CONTENT_TAGS = new Set([
  'base',
  'basefont',
  'bgsound',
  'link',
  'meta',
  'title',
  'noscript',
  'noframes',
  'style',
  'script',
  'template',
]);
/** End tags that close the head (others are ignored there). */
const HEAD_CLOSING_END_TAGS = new Set(['head', 'body', 'html', 'br']);
const JSON_LD_TYPE = 'application/ld+json';
const NON_WHITESPACE_PATTERN = /[^\t\n\f\r ]/;
const ATTRIBUTE_UNSAFE_PATTERN = /[&"<>]/g;
const NON_ASCII_PATTERN = /[^\u0020-\u007e]/gu;
const CHARSET_IN_CONTENT_PATTERN = /charset\s*=/i;
const JSON_WRAPPER_PATTERN =
  /^\s*(?:<!--|\/\*\s*<!\[CDATA\[\s*\*\/|<!\[CDATA\[)|(?:-->|\/\*\s*\]\]>\s*\*\/|\]\]>)\s*$/g;
const ATTRIBUTE_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' };

/** The head tags this step can add, keyed by what identifies them in a page. */
type HeadTagKey =
  | 'description'
  | 'canonical'
  | 'og:title'
  | 'og:description'
  | 'og:image'
  | 'og:url'
  | 'og:type'
  | 'article:published_time'
  | 'article:modified_time';

interface JsonLdScriptSpan {
  readonly start: number;
  readonly end: number;
  readonly contentStart: number;
  readonly contentEnd: number;
}

interface PageOutline {
  readonly htmlTag?: StartTagToken;
  readonly headTag?: StartTagToken;
  readonly doctypeEnd?: number;
  /** Where the head ends: the head-closing token, or the end of the text. */
  readonly headEnd: number;
  readonly jsonLdScripts: readonly JsonLdScriptSpan[];
  readonly present: ReadonlySet<HeadTagKey>;
  /** `<meta charset>` and `<meta http-equiv="content-type" content="…charset=…">` tags. */
  readonly charsetTags: readonly StartTagToken[];
}

/**
 * The splices that enrich a page, in text order, without applying them.
 * Steps: 1. outline the page with the tokenizer (head bounds, JSON-LD blocks, head tags
 * present); 2. remove the replaced JSON-LD blocks; 3. add `lang` to `<html>`; 4. insert the
 * missing head tags and the new JSON-LD block where the head ends.
 */
export function planEnrichment(
  html: string,
  graph: JsonLdDocument,
  facts: ArticleFacts,
  options: EnrichOptions = {},
): PageEdit[] {
  const outline = outlinePage(html);
  const edits: PageEdit[] = [];
  const attribute = (value: string) => escapeAttribute(value, options.asciiOnly ?? false);

  // 2. Replaced JSON-LD blocks leave the page.
  for (const index of blocksToReplace(html, outline, options)) {
    const span = outline.jsonLdScripts[index];
    if (span) edits.push({ start: span.start, end: span.end, text: '' });
  }

  // 3. Language.
  const fields = pageFields(graph, facts, options.url);
  const inserted: string[] = [];
  if (fields.language !== undefined) {
    if (outline.htmlTag === undefined) inserted.push(`<html lang="${attribute(fields.language)}">`);
    else {
      const lang = outline.htmlTag.attributes.find((item) => item.name === 'lang');
      const text = `lang="${attribute(fields.language)}"`;
      if (lang === undefined) {
        edits.push({ start: outline.htmlTag.nameEnd, end: outline.htmlTag.nameEnd, text: ` ${text}` });
      } else if (lang.value.trim() === '') {
        // `lang=""` declares the language unknown: as good as missing.
        edits.push({ start: lang.start, end: lang.end, text });
      }
    }
  }

  // 4. Missing head tags, then the JSON-LD block.
  const wanted: Array<[HeadTagKey, string | undefined, (value: string) => string]> = [
    ['description', fields.description, (value) => `<meta name="description" content="${attribute(value)}">`],
    ['canonical', fields.url, (value) => `<link rel="canonical" href="${attribute(value)}">`],
    ['og:type', 'article', (value) => `<meta property="og:type" content="${attribute(value)}">`],
    ['og:title', fields.headline, (value) => `<meta property="og:title" content="${attribute(value)}">`],
    [
      'og:description',
      fields.description,
      (value) => `<meta property="og:description" content="${attribute(value)}">`,
    ],
    ['og:url', fields.url, (value) => `<meta property="og:url" content="${attribute(value)}">`],
    ['og:image', fields.image, (value) => `<meta property="og:image" content="${attribute(value)}">`],
    [
      'article:published_time',
      fields.datePublished,
      (value) => `<meta property="article:published_time" content="${attribute(value)}">`,
    ],
    [
      'article:modified_time',
      fields.dateModified,
      (value) => `<meta property="article:modified_time" content="${attribute(value)}">`,
    ],
  ];
  for (const [key, value, render] of wanted) {
    if (value !== undefined && !outline.present.has(key)) inserted.push(render(value));
  }
  inserted.push(jsonLdScriptElement(graph, { asciiOnly: options.asciiOnly ?? false }));
  edits.push({ start: outline.headEnd, end: outline.headEnd, text: `${inserted.join('\n')}\n` });
  return sortEdits(edits);
}

/** Applies non-overlapping edits to the original text. */
export function applyEdits(html: string, edits: readonly PageEdit[]): string {
  return editedPieces({ html, edits }).join('');
}

/** A page and the non-overlapping edits to make in it, not yet applied. */
export interface EditedPage {
  readonly html: string;
  readonly edits: readonly PageEdit[];
}

/** The edited text in order, as slices of the original between the edits' texts. */
function editedPieces(page: EditedPage): string[] {
  const pieces: string[] = [];
  let position = 0;
  for (const edit of sortEdits(page.edits)) {
    pieces.push(page.html.slice(position, edit.start), edit.text);
    position = Math.max(position, edit.end);
  }
  pieces.push(page.html.slice(position));
  return pieces;
}

/**
 * Encodes the enriched page in the page's own encoding. When that encoding cannot be
 * written (Node encodes UTF-8 and UTF-16 only), or the page's declaration is known to be
 * wrong (`staleDeclaration`: decoding overruled it), the page is written as UTF-8 and its
 * charset declaration is rewritten (or added) to say so. An `EditedPage` is encoded piece
 * by piece: the edited text is never built as one string (see `encodeOutput`).
 */
export function encodePage(
  page: string | EditedPage,
  encoding: string,
  options: { readonly staleDeclaration?: boolean } = {},
): { bytes: Uint8Array; encoding: string } {
  const wanted = resolveEncoding(encoding) ?? encoding;
  const text = typeof page === 'string' ? page : editedPieces(page);
  const first = encodeOutput(text, wanted);
  if (first.encoding === wanted && !options.staleDeclaration) return first;
  const html = typeof text === 'string' ? text : text.join('');
  return encodeOutput(applyEdits(html, charsetEdits(html, first.encoding)), first.encoding);
}

/** Edits that make the page declare `encoding`: rewrite its declarations, or add one. */
export function charsetEdits(html: string, encoding: string): PageEdit[] {
  const outline = outlinePage(html);
  if (outline.charsetTags.length > 0) {
    return outline.charsetTags.map((tag) => ({
      start: tag.start,
      end: tag.end,
      text:
        attributeOf(tag, 'charset') !== undefined
          ? `<meta charset="${encoding}">`
          : `<meta http-equiv="Content-Type" content="text/html; charset=${encoding}">`,
    }));
  }
  // The declaration must come early (browsers prescan the first 1024 bytes).
  const position = outline.headTag?.end ?? outline.htmlTag?.end ?? outline.doctypeEnd ?? 0;
  return [{ start: position, end: position, text: `<meta charset="${encoding}">` }];
}

// ---------------------------------------------------------------------------------------

function outlinePage(html: string): PageOutline {
  let htmlTag: StartTagToken | undefined;
  let headTag: StartTagToken | undefined;
  let doctypeEnd: number | undefined;
  let headEnd: number | undefined;
  let templateDepth = 0;
  let openScript: { start: number; contentStart: number; contentEnd: number } | undefined;
  const jsonLdScripts: JsonLdScriptSpan[] = [];
  const present = new Set<HeadTagKey>();
  const charsetTags: StartTagToken[] = [];

  tokenizeHtml(html, (token) => {
    const inHeadRegion = headEnd === undefined;
    switch (token.kind) {
      case 'doctype':
        if (inHeadRegion && doctypeEnd === undefined) doctypeEnd = token.end;
        break;
      case 'text':
        if (inHeadRegion) {
          const offset = html.slice(token.start, token.end).search(NON_WHITESPACE_PATTERN);
          if (offset >= 0) headEnd = token.start + offset;
        }
        break;
      case 'rawText':
        if (openScript) {
          openScript.contentStart = token.start;
          openScript.contentEnd = token.end;
        }
        break;
      case 'startTag':
        if (token.name === 'html') htmlTag ??= token;
        else if (token.name === 'head') {
          if (inHeadRegion) headTag ??= token;
        } else if (inHeadRegion && !HEAD_CONTENT_TAGS.has(token.name)) headEnd = token.start;
        if (token.name === 'template') templateDepth++;
        if (token.name === 'meta') noteMeta(token, present, charsetTags, inHeadRegion);
        if (token.name === 'link' && relTokens(token).includes('canonical')) present.add('canonical');
        if (token.name === 'script' && templateDepth === 0 && isJsonLdType(attributeOf(token, 'type'))) {
          openScript = { start: token.start, contentStart: token.end, contentEnd: token.end };
        }
        break;
      case 'endTag':
        if (inHeadRegion && HEAD_CLOSING_END_TAGS.has(token.name)) headEnd = token.start;
        if (token.name === 'template' && templateDepth > 0) templateDepth--;
        if (token.name === 'script' && openScript) {
          jsonLdScripts.push({ ...openScript, end: token.end });
          openScript = undefined;
        }
        break;
      default:
        break;
    }
    return true;
  });
  if (openScript) jsonLdScripts.push({ ...openScript, end: html.length });

  return {
    htmlTag,
    headTag,
    doctypeEnd,
    headEnd: headEnd ?? html.length,
    jsonLdScripts,
    present,
    charsetTags,
  };
}

function noteMeta(
  tag: StartTagToken,
  present: Set<HeadTagKey>,
  charsetTags: StartTagToken[],
  inHeadRegion: boolean,
): void {
  const key = (attributeOf(tag, 'property') ?? attributeOf(tag, 'name') ?? '').trim().toLowerCase();
  if (
    key === 'description' ||
    key === 'og:title' ||
    key === 'og:description' ||
    key === 'og:image' ||
    key === 'og:url' ||
    key === 'og:type' ||
    key === 'article:published_time' ||
    key === 'article:modified_time'
  ) {
    present.add(key);
  }
  if (key === 'og:image:url' || key === 'og:image:secure_url') present.add('og:image');
  if (!inHeadRegion) return;
  const httpEquiv = (attributeOf(tag, 'http-equiv') ?? '').trim().toLowerCase();
  if (
    attributeOf(tag, 'charset') !== undefined ||
    (httpEquiv === 'content-type' && CHARSET_IN_CONTENT_PATTERN.test(attributeOf(tag, 'content') ?? ''))
  ) {
    charsetTags.push(tag);
  }
}

function relTokens(tag: StartTagToken): string[] {
  return (attributeOf(tag, 'rel') ?? '').toLowerCase().split(/[\t\n\f\r ]+/);
}

function isJsonLdType(type: string | undefined): boolean {
  return (type ?? '').split(';')[0]?.trim().toLowerCase() === JSON_LD_TYPE;
}

/** Indexes of the page's JSON-LD scripts to remove. */
function blocksToReplace(html: string, outline: PageOutline, options: EnrichOptions): readonly number[] {
  const given = options.replaceBlocks;
  if (given !== undefined && given.blockCount === outline.jsonLdScripts.length) return given.indexes;
  // Our own reading: a block holding an article node is replaced; a malformed one stays.
  const indexes: number[] = [];
  outline.jsonLdScripts.forEach((span, index) => {
    const nodes = parseBlock(html.slice(span.contentStart, span.contentEnd));
    if (nodes !== undefined && blockHoldsArticle(nodes)) indexes.push(index);
  });
  return indexes;
}

function parseBlock(text: string): JsonLdNode[] | undefined {
  try {
    const value: unknown = JSON.parse(text.replace(JSON_WRAPPER_PATTERN, '').trim());
    const list = Array.isArray(value) ? value : [value];
    return list.flatMap((item) => {
      if (item === null || typeof item !== 'object') return [];
      const graph = (item as JsonLdNode)['@graph'];
      return Array.isArray(graph) ? [item as JsonLdNode, ...(graph as JsonLdNode[])] : [item as JsonLdNode];
    });
  } catch {
    return undefined;
  }
}

interface PageFields {
  readonly headline?: string;
  readonly description?: string;
  readonly url?: string;
  readonly image?: string;
  readonly datePublished?: string;
  readonly dateModified?: string;
  readonly language?: string;
}

/** The values the head tags carry: the graph's article first (it is what we publish), then the facts. */
function pageFields(graph: JsonLdDocument, facts: ArticleFacts, url: string | undefined): PageFields {
  const nodes = graph['@graph'];
  const article = nodes.find(isArticleNode);
  const byId = new Map(nodes.map((node) => [node['@id'], node] as const));
  const string = (value: unknown) =>
    typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  const firstImage = Array.isArray(article?.image) ? article.image[0] : article?.image;
  const imageNode =
    firstImage !== null && typeof firstImage === 'object'
      ? (byId.get((firstImage as JsonLdNode)['@id']) ?? (firstImage as JsonLdNode))
      : undefined;
  return {
    headline: string(article?.headline) ?? facts.headline?.value,
    description: string(article?.description) ?? facts.description?.value,
    url: httpUrl(facts.canonicalUrl?.value) ?? httpUrl(url),
    image:
      httpUrl(imageNode ? (imageNode.url ?? imageNode.contentUrl) : firstImage) ?? facts.images?.value[0],
    datePublished: string(article?.datePublished) ?? facts.datePublished?.value,
    dateModified: string(article?.dateModified) ?? facts.dateModified?.value,
    language: string(article?.inLanguage) ?? facts.inLanguage?.value,
  };
}

function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function escapeAttribute(value: string, asciiOnly: boolean): string {
  const escaped = value.replace(
    ATTRIBUTE_UNSAFE_PATTERN,
    (character) => ATTRIBUTE_ESCAPES[character] ?? character,
  );
  return asciiOnly
    ? escaped.replace(NON_ASCII_PATTERN, (character) => `&#x${(character.codePointAt(0) ?? 0).toString(16)};`)
    : escaped;
}

function sortEdits(edits: readonly PageEdit[]): PageEdit[] {
  return [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
}
