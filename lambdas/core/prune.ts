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
 *  - drops drawing attributes inside `<svg>` (path data, fills, transforms): the drawing
 *    goes, its elements and text (an icon's `<title>` counts as link text for the body
 *    rule) stay;
 *  - empties `<nav>` elements (menus, often a sixth of a page's nodes), unless they hold
 *    microdata (a publisher's name and logo sit in some sites' menus) or may have been
 *    closed by the parser before their end tag (see NavTracker);
 *  - empties HTML comments (an empty `<!---->` keeps splitting the text around it);
 *  - empties `srcdoc` attributes (a whole page inside an attribute);
 *  - drops inline `style` attributes, which jsdom parses as CSS on every element, except
 *    those that hide the element (the body rule skips hidden subtrees);
 *  - drops attributes no rule reads (event handlers, most `aria-*` and `data-*`, loading
 *    hints; see isUnreadAttribute), each of which jsdom would build an Attr for, and
 *    `<details open>`, for which jsdom queues a timer that keeps the document alive;
 *  - drops whitespace-only text between block boundaries where other whitespace already
 *    separates the same words (see WhitespaceCutter): a third of a pretty-printed page's
 *    nodes.
 * `<noscript>` is kept: with scripting off it holds real markup (often the only `<img>`).
 *
 * Only the parse input is pruned: the enrich step splices into the ORIGINAL text.
 */
import { type HtmlToken, tokenizeHtml } from './html-tokens';

/** Elements whose content is dropped (the tags stay). */
const EMPTIED_ELEMENTS = new Set(['style', 'template']);
/**
 * Attributes kept inside `<svg>`: what names, hides or links an element. The rest is
 * drawing (path data, fills, transforms), which no rule reads.
 */
const SVG_KEPT_ATTRIBUTES = new Set([
  'class',
  'id',
  'role',
  'aria-hidden',
  'aria-label',
  'hidden',
  'style',
  'href',
  'xlink:href',
  'lang',
]);
/**
 * HTML attributes no rule reads, dropped because jsdom builds an Attr for each. A
 * deny-list, so that an attribute a rule starts reading is kept by default; prune.test.ts
 * checks that no rule reads one of these. Prefixed families are below.
 */
const UNREAD_ATTRIBUTES = new Set([
  'tabindex',
  'sizes',
  'loading',
  'decoding',
  'fetchpriority',
  'crossorigin',
  'integrity',
  'referrerpolicy',
  'nonce',
  'autocomplete',
  'autocapitalize',
  'autocorrect',
  'spellcheck',
  'draggable',
  'enterkeyhint',
  'inputmode',
  'jsaction',
  'jscontroller',
  'jsdata',
  'jslog',
  'jsmodel',
  'jsname',
]);
/** `data-*` attributes rules read (lazy-loaded images, test ids naming bylines or standfirsts). */
const READ_DATA_ATTRIBUTES = new Set([
  'data-src',
  'data-srcset',
  'data-lazy-src',
  'data-lazy-srcset',
  'data-original',
  'data-testid',
]);
/** `aria-*` attributes rules read (hidden subtrees are skipped; a label may name an element). */
const READ_ARIA_ATTRIBUTES = new Set(['aria-hidden', 'aria-label']);
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
const DETAILS_TAG_PATTERN = /<details/i;
/** Pages shorter than this are parsed as they are: pruning would save less than it costs. */
export const DEFAULT_MIN_PRUNE_LENGTH = 4 * 1024;
/**
 * End tags that close every element up to the matching open one, a `<nav>` included (the
 * HTML parser's rules for block, list, heading, form and table end tags). One of these
 * without its start tag inside the `<nav>` closes the `<nav>` itself.
 */
const CLOSING_THROUGH_TAGS = new Set(
  'address article aside blockquote button center details dialog dir div dl fieldset figcaption figure footer header hgroup listing main menu ol pre search section summary ul li dd dt h1 h2 h3 h4 h5 h6 form body html table tbody thead tfoot tr td th caption applet marquee object'.split(
    ' ',
  ),
);

export interface PruneResult {
  /** The text for the parser. */
  readonly html: string;
  /** Characters removed. */
  readonly removed: number;
}

/** A removed range of the original text and what replaces it (nothing when absent). */
type Cut = readonly [start: number, end: number, replacement?: string];

/**
 * Returns `html` without the parts extraction never reads (see the module comment).
 * Steps:
 *  1. tokenize; remember where each emptied element's content starts;
 *  2. at its end tag (or the raw text token of a script/style), record the range to cut;
 *  3. cut unread attributes and whitespace-only text that separates nothing;
 *  4. join the kept ranges (the original string when nothing was removed).
 */
export function pruneForExtraction(html: string, minLength = DEFAULT_MIN_PRUNE_LENGTH): PruneResult {
  // A short page is pruned only for `<details open>`, whose timer would outlive the page.
  if (html.length < minLength && !DETAILS_TAG_PATTERN.test(html)) return { html, removed: 0 };
  /** Cuts in text order (a held-back whitespace cut is inserted at its place). */
  const cuts: Cut[] = [];
  let removed = 0;
  /** How much of the current script's content is kept. */
  let keptScript: ScriptKeeping = 'none';
  /** Element name and content start of an open emptied element (templates nest). */
  let emptying: { name: string; contentStart: number; depth: number } | undefined;
  /** Open `<svg>` elements around the current token. */
  let svgDepth = 0;
  const spaces = new WhitespaceCutter(html);
  const navs = new NavTracker();

  const cut = (start: number, end: number, replacement?: string): void => {
    if (end <= start) return;
    cuts.push(replacement === undefined ? [start, end] : [start, end, replacement]);
    removed += end - start - (replacement?.length ?? 0);
  };
  const cutHeldSpace = (held: HeldSpace): void => {
    cuts.splice(held.cutIndex, 0, [held.start, held.end]);
    removed += held.end - held.start;
  };

  /** A whitespace-only text token waiting for the tag after it. */
  let pendingSpace: { start: number; end: number; afterBoundary: boolean } | undefined;
  /** Whether the last token was a block boundary tag (the page's start counts as one). */
  let afterBoundary = true;
  const resolvePendingSpace = (beforeBoundary: boolean): void => {
    if (pendingSpace === undefined) return;
    const { start, end } = pendingSpace;
    const droppable = pendingSpace.afterBoundary && beforeBoundary;
    pendingSpace = undefined;
    const verdict = spaces.whitespace(start, end, cuts.length, droppable);
    if (verdict.dropHeld) cutHeldSpace(verdict.dropHeld);
    if (verdict.dropThis) cut(start, end);
  };

  tokenizeHtml(html, (token: HtmlToken) => {
    if (!emptying) navs.token(token);
    const boundary = isBlockBoundary(token);
    resolvePendingSpace(boundary);
    const previousBoundary = afterBoundary;
    afterBoundary = boundary;
    if (emptying) {
      // Inside an emptied element: only its matching end tag (at the same depth) matters.
      if (token.kind === 'startTag' && token.name === emptying.name && !token.selfClosing) {
        emptying.depth++;
      } else if (token.kind === 'endTag' && token.name === emptying.name) {
        emptying.depth--;
        if (emptying.depth === 0) {
          cut(emptying.contentStart, token.start);
          emptying = undefined;
        }
      }
      return true;
    }
    switch (token.kind) {
      case 'text': {
        if (!spaces.preformattedText && isHtmlWhitespace(html, token.start, token.end)) {
          pendingSpace = { start: token.start, end: token.end, afterBoundary: previousBoundary };
          return true;
        }
        const verdict = spaces.content(token.start, token.end);
        if (verdict.dropHeld) cutHeldSpace(verdict.dropHeld);
        return true;
      }
      case 'comment':
        // `<![CDATA[` here is foreign-content text, not a comment.
        // An empty comment stays in its place: it still splits the text around it into two
        // nodes (React writes `a<!-- -->b`), which rules that read text nodes can see.
        if (!html.startsWith('<![CDATA[', token.start)) cut(token.start, token.end, EMPTY_COMMENT);
        return true;
      case 'rawText': {
        const keptJson = keptScript === 'json' && token.end - token.start <= DEFAULT_MAX_KEPT_JSON_LENGTH;
        if ((token.name === 'script' && keptScript !== 'whole' && !keptJson) || token.name === 'style') {
          cut(token.start, token.end);
        } else {
          // Kept raw text (a title, a textarea, JSON) is text the whitespace rule must see.
          const verdict = spaces.content(token.start, token.end);
          if (verdict.dropHeld) cutHeldSpace(verdict.dropHeld);
        }
        return true;
      }
      case 'endTag':
        if (token.name === 'svg' && svgDepth > 0) svgDepth--;
        spaces.endTag(token.name);
        return true;
      case 'startTag': {
        if (token.name === 'script') keptScript = scriptKeeping(token.attributes);
        if (svgDepth > 0 && SVG_BREAKOUT_TAGS.has(token.name)) svgDepth = 0;
        if (token.name === 'svg' && !token.selfClosing) svgDepth++;
        spaces.startTag(token.name, token.selfClosing);
        let styleSeen = false;
        for (const attribute of token.attributes) {
          const name = attribute.name;
          // The parser keeps the first of duplicate attributes; only that one may be judged.
          const firstStyle = name === 'style' && !styleSeen;
          if (name === 'style') styleSeen = true;
          if (
            (svgDepth > 0 ? !SVG_KEPT_ATTRIBUTES.has(name) : isUnreadAttribute(name)) ||
            (name === 'open' && token.name === 'details')
          ) {
            // `<details open>` also makes jsdom queue a toggle-event timer holding the
            // whole document until the event loop turns: a leak in a synchronous loop.
            cut(attribute.start, attribute.end);
          } else if (EMPTIED_ATTRIBUTES.has(name) && attribute.value !== '') {
            cut(attribute.start, attribute.end, name);
          } else if (name === 'style' && (!firstStyle || !HIDING_STYLE_PATTERN.test(attribute.value))) {
            // Later duplicates go too: the parser ignores them, and once the first is
            // gone one of them would take its place.
            cut(attribute.start, attribute.end);
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
  if (emptying) cut(emptying.contentStart, html.length);
  else {
    // Trailing whitespace separates nothing.
    resolvePendingSpace(true);
    const held = spaces.end();
    if (held) cutHeldSpace(held);
  }
  const emptiedNavs = navs.emptied;
  if (removed === 0 && emptiedNavs.length === 0) return { html, removed: 0 };
  let out = '';
  let keptFrom = 0;
  let navIndex = 0;
  const keep = (start: number): void => {
    // An emptied nav before `start`: keep up to its content, skip the content.
    for (let nav = emptiedNavs[navIndex]; nav && nav[0] < start; nav = emptiedNavs[++navIndex]) {
      if (nav[0] > keptFrom) out += html.slice(keptFrom, nav[0]);
      keptFrom = Math.max(keptFrom, nav[1]);
    }
    if (start > keptFrom) out += html.slice(keptFrom, start);
  };
  for (const [start, end, replacement] of cuts) {
    // Cuts inside an emptied nav go with it.
    if (start < keptFrom) continue;
    keep(start);
    if (start < keptFrom) continue;
    if (replacement !== undefined) out += replacement;
    keptFrom = end;
  }
  keep(html.length);
  return { html: out, removed: html.length - out.length };
}

/**
 * Finds the `<nav>` elements whose content can go, in one pass over the tokens: each outermost
 * `<nav>` closed by its own end tag, holding no `itemprop`. A `<nav>` the parser may have
 * closed earlier (an end tag of CLOSING_THROUGH_TAGS whose start tag is outside it, or the
 * end of the page) is kept: cutting up to a later `</nav>` could take the article with it.
 */
class NavTracker {
  /** Content ranges [start, end) of emptied navs, in text order. */
  readonly emptied: [start: number, end: number][] = [];
  private open:
    | { contentStart: number; depth: number; holdsMicrodata: boolean; opened: Map<string, number> }
    | undefined;

  token(token: HtmlToken): void {
    const open = this.open;
    if (token.kind === 'startTag') {
      let current = open;
      if (token.name === 'nav' && !token.selfClosing) {
        if (current) current.depth++;
        else {
          current = { contentStart: token.end, depth: 1, holdsMicrodata: false, opened: new Map() };
          this.open = current;
        }
      } else if (!current) return;
      else if (!token.selfClosing && CLOSING_THROUGH_TAGS.has(token.name)) {
        current.opened.set(token.name, (current.opened.get(token.name) ?? 0) + 1);
      }
      if (token.attributes.some((attribute) => attribute.name === 'itemprop')) current.holdsMicrodata = true;
    } else if (token.kind === 'endTag' && open) {
      if (token.name === 'nav') {
        if (--open.depth > 0) return;
        if (!open.holdsMicrodata && token.start > open.contentStart) {
          this.emptied.push([open.contentStart, token.start]);
        }
        this.open = undefined;
      } else if (CLOSING_THROUGH_TAGS.has(token.name)) {
        const count = open.opened.get(token.name) ?? 0;
        if (count === 0) this.open = undefined;
        else open.opened.set(token.name, count - 1);
      }
    }
  }
}

/**
 * Tags around which whitespace may go: block and structural elements, whose edges every
 * text reader treats as a break (the body rule writes a paragraph or line mark there), and
 * head elements. Between inline elements (`</a> <a>`) a space may be the only thing that
 * separates two words for a reader that skips a hidden neighbour, so it always stays.
 */
const BLOCK_BOUNDARY_TAGS = new Set(
  'html head body title meta link base script style noscript template div p ul ol li dl dt dd table caption colgroup col thead tbody tfoot tr td th section article header footer nav aside main figure figcaption blockquote form fieldset legend details summary h1 h2 h3 h4 h5 h6 hr br pre listing address select option optgroup iframe'.split(
    ' ',
  ),
);

function isBlockBoundary(token: HtmlToken): boolean {
  return (token.kind === 'startTag' || token.kind === 'endTag') && BLOCK_BOUNDARY_TAGS.has(token.name);
}

/** A whitespace-only text token kept back until the text after it shows whether it separates words. */
interface HeldSpace {
  readonly start: number;
  readonly end: number;
  /** Where its cut goes in the cut list (cuts made after it come later in the text). */
  readonly cutIndex: number;
}

interface SpaceVerdict {
  /** The held whitespace is not needed: cut it. */
  readonly dropHeld?: HeldSpace;
  /** This token is whitespace that separates nothing: cut it. */
  readonly dropThis: boolean;
}

const KEEP_ALL: SpaceVerdict = { dropThis: false };
const DROP_THIS: SpaceVerdict = { dropThis: true };
/** Elements inside which every whitespace character is content. */
const PREFORMATTED_ELEMENTS = new Set(['pre', 'listing', 'plaintext']);

/**
 * Decides which whitespace-only text tokens can go. Every whitespace-only text node is a
 * jsdom node (about a third of a pretty-printed page's nodes), yet all a rule can see of
 * one is the separation it puts between two words of an ancestor's `textContent`. Any two
 * pieces of text are separated by every token between them, and those all lie inside
 * every element holding both; so of a run of whitespace-only tokens between two texts one
 * is enough, and none is needed when either text already has whitespace at that side, or
 * when there is no text before (the top of the page) or after (the end).
 * Inside `<pre>` nothing is cut.
 */
class WhitespaceCutter {
  /** Whether the last kept text ended in whitespace (true before any text). */
  private spaceBefore = true;
  private held: HeldSpace | undefined;
  private preformatted = 0;

  constructor(private readonly html: string) {}

  /** Whether the text is inside `<pre>` (all of it kept, as content). */
  get preformattedText(): boolean {
    return this.preformatted > 0;
  }

  /**
   * A whitespace-only text token; `droppable` when the tags around it are block
   * boundaries (see BLOCK_BOUNDARY_TAGS), else it is kept like text.
   */
  whitespace(start: number, end: number, cutIndex: number, droppable: boolean): SpaceVerdict {
    if (!droppable || this.preformatted > 0) return this.content(start, end);
    if (this.spaceBefore || this.held) return DROP_THIS;
    this.held = { start, end, cutIndex };
    return KEEP_ALL;
  }

  startTag(name: string, selfClosing: boolean): void {
    if (PREFORMATTED_ELEMENTS.has(name) && !selfClosing) this.preformatted++;
  }

  endTag(name: string): void {
    if (PREFORMATTED_ELEMENTS.has(name) && this.preformatted > 0) this.preformatted--;
  }

  /** At the end of the page: held whitespace separates nothing. */
  end(): HeldSpace | undefined {
    const held = this.held;
    this.held = undefined;
    return held;
  }

  /** Text (or kept raw text): never cut; it may show that held whitespace is not needed. */
  content(start: number, end: number): SpaceVerdict {
    if (end <= start) return KEEP_ALL;
    const held = this.held;
    this.held = undefined;
    const startsWithSpace = isHtmlWhitespaceCode(this.html.charCodeAt(start));
    this.spaceBefore = isHtmlWhitespaceCode(this.html.charCodeAt(end - 1));
    return held && startsWithSpace && this.preformatted === 0
      ? { dropHeld: held, dropThis: false }
      : KEEP_ALL;
  }
}

function isHtmlWhitespaceCode(code: number): boolean {
  // Tab, line feed, form feed, carriage return, space: what the parser trims.
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0x0c;
}

function isHtmlWhitespace(html: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    if (!isHtmlWhitespaceCode(html.charCodeAt(index))) return false;
  }
  return true;
}

/**
 * Whether no rule reads attribute `name` (lower-case): event handlers, `aria-*` and
 * `data-*` other than the few rules read, and UNREAD_ATTRIBUTES.
 */
export function isUnreadAttribute(name: string): boolean {
  if (name.startsWith('on')) return true;
  if (name.startsWith('data-')) return !READ_DATA_ATTRIBUTES.has(name);
  if (name.startsWith('aria-')) return !READ_ARIA_ATTRIBUTES.has(name);
  return UNREAD_ATTRIBUTES.has(name);
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
