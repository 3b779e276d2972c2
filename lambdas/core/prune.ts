/**
 * Shrinks a page before jsdom parses it, dropping what extraction never reads.
 *
 * Inline JavaScript bundles, JSON state, CSS and SVG drawings are often most of a page's
 * bytes, and jsdom pays for every one of them (tokenizing, text nodes, SVG elements). The
 * rules read tags, attributes, text and JSON-LD only, so this pass, in one linear walk with
 * the tokenizer the enrich step uses:
 *  - empties `<script>` elements other than JSON-LD, `<style>` and `<template>` (keeping
 *    the element's own start and end tags, so structure-based rules and the count of
 *    JSON-LD blocks are unchanged);
 *  - drops path data (`d`, `points`) inside `<svg>`: the drawing goes, its elements and
 *    text (an icon's `<title>` counts as link text for the body rule) stay;
 *  - empties HTML comments (an empty `<!---->` keeps splitting the text around it);
 *  - empties `srcdoc` attributes (a whole page inside an attribute);
 *  - drops inline `style` attributes, which jsdom parses as CSS on every element, except
 *    those that hide the element (the body rule skips hidden subtrees).
 * `<noscript>` is kept: with scripting off it holds real markup (often the only `<img>`).
 *
 * Only the parse input is pruned: the enrich step splices into the ORIGINAL text.
 */
import { type HtmlToken, tokenizeHtml } from './html-tokens';

/** Elements whose content is dropped (the tags stay). */
const EMPTIED_ELEMENTS = new Set(['style', 'template']);
/** SVG attributes holding drawing data only. */
const SVG_DRAWING_ATTRIBUTES = new Set(['d', 'points']);
/** Script types whose content is kept (compared lower-case, parameters ignored). */
const KEPT_SCRIPT_TYPE = 'application/ld+json';
/** HTML start tags that end an unclosed `<svg>` (the tree builder pops foreign content for them). */
const SVG_BREAKOUT_TAGS = new Set(
  'b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing menu meta nobr ol p pre ruby s small span strike strong sub sup table tt u ul var'.split(
    ' ',
  ),
);
/**
 * Longest JSON data island (non-LD `…/json` script) kept, in characters: small islands
 * may hold facts a text rule reads; big ones are application state, most of some pages.
 */
export const DEFAULT_MAX_KEPT_JSON_LENGTH = 4096;
/** Attributes whose value is dropped. */
const EMPTIED_ATTRIBUTES = new Set(['srcdoc']);
/** A `style` value that may hide its element is kept whole; any other is dropped. */
const HIDING_STYLE_PATTERN = /display\s*:\s*none|visibility\s*:\s*hidden/i;
const EMPTY_COMMENT = '<!---->';
/** Pages shorter than this are parsed as they are: pruning would save less than it costs. */
export const DEFAULT_MIN_PRUNE_LENGTH = 4 * 1024;

export interface PruneResult {
  /** The text for the parser. */
  readonly html: string;
  /** Characters removed. */
  readonly removed: number;
}

/** A kept range of the original text, or a replacement string. */
type Piece = readonly [start: number, end: number] | string;

/**
 * Returns `html` without the parts extraction never reads (see the module comment).
 * Steps:
 *  1. tokenize; remember where each emptied element's content starts;
 *  2. at its end tag (or the raw text token of a script/style), record the range to skip;
 *  3. join the kept ranges (the original string when nothing was removed).
 */
export function pruneForExtraction(html: string, minLength = DEFAULT_MIN_PRUNE_LENGTH): PruneResult {
  if (html.length < minLength) return { html, removed: 0 };
  const pieces: Piece[] = [];
  let keptFrom = 0;
  let removed = 0;
  /** How much of the current script's content is kept. */
  let keptScript: ScriptKeeping = 'none';
  /** Element name and content start of an open emptied element (templates nest). */
  let emptying: { name: string; contentStart: number; depth: number } | undefined;
  /** Open `<svg>` elements around the current token. */
  let svgDepth = 0;

  const skip = (start: number, end: number, replacement?: string): void => {
    if (end <= start) return;
    if (start > keptFrom) pieces.push([keptFrom, start]);
    if (replacement !== undefined) pieces.push(replacement);
    removed += end - start - (replacement?.length ?? 0);
    keptFrom = end;
  };

  tokenizeHtml(html, (token: HtmlToken) => {
    if (emptying) {
      // Inside an emptied element: only its matching end tag (at the same depth) matters.
      if (token.kind === 'startTag' && token.name === emptying.name && !token.selfClosing) {
        emptying.depth++;
      } else if (token.kind === 'endTag' && token.name === emptying.name) {
        emptying.depth--;
        if (emptying.depth === 0) {
          skip(emptying.contentStart, token.start);
          emptying = undefined;
        }
      }
      return true;
    }
    switch (token.kind) {
      case 'comment':
        // `<![CDATA[` here is foreign-content text, not a comment.
        // An empty comment stays in its place: it still splits the text around it into two
        // nodes (React writes `a<!-- -->b`), which rules that read text nodes can see.
        if (!html.startsWith('<![CDATA[', token.start)) skip(token.start, token.end, EMPTY_COMMENT);
        return true;
      case 'rawText': {
        const keptJson = keptScript === 'json' && token.end - token.start <= DEFAULT_MAX_KEPT_JSON_LENGTH;
        if ((token.name === 'script' && keptScript !== 'whole' && !keptJson) || token.name === 'style') {
          skip(token.start, token.end);
        }
        return true;
      }
      case 'endTag':
        if (token.name === 'svg' && svgDepth > 0) svgDepth--;
        return true;
      case 'startTag': {
        if (token.name === 'script') keptScript = scriptKeeping(token.attributes);
        if (svgDepth > 0 && SVG_BREAKOUT_TAGS.has(token.name)) svgDepth = 0;
        if (token.name === 'svg' && !token.selfClosing) svgDepth++;
        let styleSeen = false;
        for (const attribute of token.attributes) {
          // The parser keeps the first of duplicate attributes; only that one may be judged.
          const firstStyle = attribute.name === 'style' && !styleSeen;
          if (attribute.name === 'style') styleSeen = true;
          if (svgDepth > 0 && SVG_DRAWING_ATTRIBUTES.has(attribute.name)) {
            skip(attribute.start, attribute.end);
          } else if (EMPTIED_ATTRIBUTES.has(attribute.name) && attribute.value !== '') {
            skip(attribute.start, attribute.end, attribute.name);
          } else if (
            attribute.name === 'style' &&
            (!firstStyle || !HIDING_STYLE_PATTERN.test(attribute.value))
          ) {
            // Later duplicates go too: the parser ignores them, and once the first is
            // gone one of them would take its place.
            skip(attribute.start, attribute.end);
          }
        }
        // style is raw text (handled above); template holds markup.
        if (token.name !== 'style' && EMPTIED_ELEMENTS.has(token.name) && !token.selfClosing) {
          emptying = { name: token.name, contentStart: token.end, depth: 1 };
        }
        return true;
      }
      default:
        return true;
    }
  });
  // An element left open at the end of the page: drop the rest, as its end tag would have.
  if (emptying) skip(emptying.contentStart, html.length);
  if (removed === 0) return { html, removed: 0 };
  if (keptFrom < html.length) pieces.push([keptFrom, html.length]);
  let out = '';
  for (const piece of pieces) out += typeof piece === 'string' ? piece : html.slice(piece[0], piece[1]);
  return { html: out, removed };
}

/** `whole`: always kept; `json`: kept when small; `none`: emptied. */
type ScriptKeeping = 'whole' | 'json' | 'none';

/**
 * JSON-LD scripts are kept. So is a type written with character references (`&#47;`),
 * which only the parser decodes: better keep a script than lose a JSON-LD block. Small
 * JSON data islands are kept too: the text-date rule reads element text, and a review's
 * `<script type="application/json">{"publishedDate":…}` is sometimes its only date.
 */
function scriptKeeping(
  attributes: readonly { readonly name: string; readonly value: string }[],
): ScriptKeeping {
  const type = attributes.find((attribute) => attribute.name === 'type')?.value;
  if (type === undefined) return 'none';
  if (type.includes('&')) return 'whole';
  const mime = type.split(';')[0]?.trim().toLowerCase() ?? '';
  if (mime === KEPT_SCRIPT_TYPE) return 'whole';
  return mime.endsWith('json') ? 'json' : 'none';
}
