/**
 * A cheap, linear pre-scan of hostile HTML before jsdom sees it.
 *
 * jsdom's HTML parser (parse5) and DOM are superlinear on a few shapes a normal page never
 * has: very deep nesting (1,000 levels 0.6 s, 3,000 levels 6 s, 10,000 levels > 120 s),
 * tens of thousands of attributes on one element (30,000: 6 s), and piles of unclosed
 * formatting tags, which the parser re-opens after every block ("reconstruct the active
 * formatting elements": 300 `<b>` then 300 `<p>` become 90,000 elements). This scanner
 * approximates the tree builder closely enough to measure those shapes and refuses the
 * page with a PageTooComplexError naming the limit it crossed.
 *
 * It is an approximation on purpose: it knows void elements, raw-text elements, the
 * implied end tags of p/li/dd/dt/tr/td/th/option, foreign (SVG/MathML) self-closing tags,
 * and the list of active formatting elements with its markers and three-copies rule.
 */
import { PageTooComplexError } from './errors';

export interface ParseLimits {
  /** Deepest element nesting allowed (tag stack size, after implied end tags). */
  readonly maxDepth: number;
  /** Most elements in the document, counting those the parser re-creates for unclosed formatting tags. */
  readonly maxElements: number;
  /** Most attributes on one element. */
  readonly maxAttributesPerElement: number;
  /** Most attributes in the whole document (jsdom spends about as long per attribute as per element). */
  readonly maxAttributes: number;
  /** Longest attribute value, in characters (inline data: images are the big legitimate ones). */
  readonly maxAttributeValueLength: number;
  /** Longest single text run between two tags, in characters. */
  readonly maxTextNodeLength: number;
  /** Most unclosed formatting elements (b, i, font, a…) active at once. */
  readonly maxActiveFormattingElements: number;
  /** Most elements the parser re-creates for unclosed formatting tags (each costs several plain ones). */
  readonly maxReconstructedElements: number;
}

// Limits measured on the 1,279 pages of the shared evaluation corpus (largest value seen
// in brackets) and on jsdom 26 parsing synthetic pages: each leaves a wide margin above
// real pages and keeps a page that passes within about a second of parsing.

/** Deepest nesting allowed [49]; jsdom: 500 levels 0.25 s, 1,000 levels 0.6 s, 3,000 levels 6 s. */
export const DEFAULT_MAX_DEPTH = 512;
/** Most elements [10,106]; jsdom spends 20–100 µs per element, so 60,000 is about a second. */
export const DEFAULT_MAX_ELEMENTS = 60_000;
/** Most attributes on one element [50]; jsdom checks duplicates per attribute (30,000 on one: 6 s). */
export const DEFAULT_MAX_ATTRIBUTES_PER_ELEMENT = 256;
/** Most attributes in the document [see measureHtml]; 25–50 µs each in jsdom. */
export const DEFAULT_MAX_ATTRIBUTES = 150_000;
/** Longest attribute value [261,289: an inline data: image]; 1 M chars parse in 0.1–0.5 s. */
export const DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH = 2 * 1024 * 1024;
/** Longest text run [1,333,350]; parse5 tokenizes text at 1–5 MB/s. */
export const DEFAULT_MAX_TEXT_NODE_LENGTH = 4 * 1024 * 1024;
/** Unclosed formatting elements active at once [5]; each is re-created after every block. */
export const DEFAULT_MAX_ACTIVE_FORMATTING_ELEMENTS = 100;
/** Elements re-created for unclosed formatting tags [see measureHtml]; 5,000 took jsdom 1.6 s (machine loaded). */
export const DEFAULT_MAX_RECONSTRUCTED_ELEMENTS = 2_000;

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxDepth: DEFAULT_MAX_DEPTH,
  maxElements: DEFAULT_MAX_ELEMENTS,
  maxAttributesPerElement: DEFAULT_MAX_ATTRIBUTES_PER_ELEMENT,
  maxAttributes: DEFAULT_MAX_ATTRIBUTES,
  maxAttributeValueLength: DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH,
  maxTextNodeLength: DEFAULT_MAX_TEXT_NODE_LENGTH,
  maxActiveFormattingElements: DEFAULT_MAX_ACTIVE_FORMATTING_ELEMENTS,
  maxReconstructedElements: DEFAULT_MAX_RECONSTRUCTED_ELEMENTS,
};

/** What the scan measured; returned by `measureHtml`, useful for choosing limits. */
export interface HtmlShape {
  maxDepth: number;
  elements: number;
  maxAttributes: number;
  attributes: number;
  maxAttributeValueLength: number;
  maxTextNodeLength: number;
  maxActiveFormatting: number;
  reconstructed: number;
}

const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'basefont',
  'bgsound',
  'br',
  'col',
  'embed',
  'frame',
  'hr',
  'image',
  'img',
  'input',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/** Elements whose content is text up to the matching end tag (scripting is off: noscript is markup). */
const RAW_TEXT_ELEMENTS = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
]);
const FORMATTING_ELEMENTS = new Set([
  'a',
  'b',
  'big',
  'code',
  'em',
  'font',
  'i',
  'nobr',
  's',
  'small',
  'strike',
  'strong',
  'tt',
  'u',
]);
/** Start tags that push a marker on the list of active formatting elements. */
const MARKER_ELEMENTS = new Set(['applet', 'object', 'marquee', 'template', 'td', 'th', 'caption']);
/** Start tags that close an open `<p>` (the common ones). */
const CLOSES_P = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'ul',
]);
/** Start tags the tree builder handles without reconstructing the active formatting elements. */
const NO_RECONSTRUCT = new Set([
  ...CLOSES_P,
  'li',
  'dd',
  'dt',
  'plaintext',
  'caption',
  'colgroup',
  'col',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'td',
  'th',
  'base',
  'link',
  'meta',
  'script',
  'style',
  'template',
  'title',
  'noframes',
  'frameset',
]);
/** A start tag that implicitly ends the nearest open element of the listed names. */
const IMPLIED_SIBLINGS: ReadonlyMap<string, readonly string[]> = new Map([
  ['li', ['li']],
  ['dt', ['dt', 'dd']],
  ['dd', ['dt', 'dd']],
  ['option', ['option']],
  ['optgroup', ['optgroup', 'option']],
  ['tr', ['tr', 'td', 'th']],
  ['td', ['td', 'th']],
  ['th', ['td', 'th']],
  ['thead', ['thead', 'tbody', 'tfoot', 'tr', 'td', 'th']],
  ['tbody', ['thead', 'tbody', 'tfoot', 'tr', 'td', 'th']],
  ['tfoot', ['thead', 'tbody', 'tfoot', 'tr', 'td', 'th']],
  ['rt', ['rt', 'rp']],
  ['rp', ['rt', 'rp']],
]);
/** Elements that bound the scope in which an implied end tag looks for its open sibling. */
const SCOPE_BOUNDARIES = new Set([
  'applet',
  'caption',
  'table',
  'td',
  'th',
  'marquee',
  'object',
  'template',
  'button',
  'svg',
  'math',
]);
/** List items also stop at the nearest list. */
const LIST_BOUNDARIES = new Set(['ol', 'ul', 'dl']);
const LIST_ITEMS = new Set(['li', 'dd', 'dt']);
/** Within this many identical entries after the last marker, the parser drops the oldest. */
const NOAHS_ARK_COPIES = 3;
/** Elements that do not live in the body's tag stack. */
const DOCUMENT_LEVEL = new Set(['html', 'head', 'body']);

// Sticky runs, so the scan jumps over names and values instead of testing each character.
const TAG_NAME_RUN = /[^\t\n\f\r />]*/y;
const SPACE_OR_SLASH_RUN = /[\t\n\f\r /]*/y;
const SPACE_RUN = /[\t\n\f\r ]*/y;
const ATTRIBUTE_NAME_RUN = /[^\t\n\f\r />=]*/y;
const UNQUOTED_VALUE_RUN = /[^\t\n\f\r >]*/y;
const SPACE = /[\t\n\f\r ]/;

/** The index after the run of `pattern` (a sticky regex) starting at `from`. */
function skipRun(pattern: RegExp, html: string, from: number): number {
  pattern.lastIndex = from;
  return pattern.test(html) ? pattern.lastIndex : from;
}

interface FormattingEntry {
  readonly name: string;
  /** Name plus attributes, for the three-copies rule. */
  readonly signature: string;
  onStack: boolean;
}
type ActiveEntry = FormattingEntry | 'marker';

interface StartTag {
  readonly name: string;
  readonly attributes: string;
  readonly selfClosing: boolean;
  readonly end: number;
}

/**
 * Throws PageTooComplexError when `html` would be too costly for jsdom to parse.
 * Linear in the input; a 10 MB page scans in tens of milliseconds.
 */
export function assertParseable(html: string, limits: Partial<ParseLimits> = {}): void {
  scan(html, { ...DEFAULT_PARSE_LIMITS, ...limits });
}

/** Measures the shapes `assertParseable` limits, without throwing. */
export function measureHtml(html: string): HtmlShape {
  const unlimited: ParseLimits = {
    maxDepth: Number.POSITIVE_INFINITY,
    maxElements: Number.POSITIVE_INFINITY,
    maxAttributesPerElement: Number.POSITIVE_INFINITY,
    maxAttributes: Number.POSITIVE_INFINITY,
    maxAttributeValueLength: Number.POSITIVE_INFINITY,
    maxTextNodeLength: Number.POSITIVE_INFINITY,
    maxActiveFormattingElements: Number.POSITIVE_INFINITY,
    maxReconstructedElements: Number.POSITIVE_INFINITY,
  };
  return scan(html, unlimited);
}

/**
 * Steps, for each token:
 *  1. Text: measure the run; non-blank text re-opens popped formatting elements.
 *  2. Comments, doctypes, processing instructions: skipped.
 *  3. Start tag: count attributes and value lengths; apply implied end tags; re-open popped
 *     formatting elements; push (unless void or foreign self-closing); track formatting and
 *     markers; skip raw-text content.
 *  4. End tag: pop to the matching open element, if any; formatting end tags leave the list.
 */
function scan(html: string, limits: ParseLimits): HtmlShape {
  const shape: HtmlShape = {
    maxDepth: 0,
    elements: 0,
    maxAttributes: 0,
    attributes: 0,
    maxAttributeValueLength: 0,
    maxTextNodeLength: 0,
    maxActiveFormatting: 0,
    reconstructed: 0,
  };
  const stack: string[] = [];
  // Index of every open element, by name, and of every scope boundary: O(1) scope lookups.
  const positions = new Map<string, number[]>();
  const boundaries: number[] = [];
  const listBoundaries: number[] = [];
  const stackFormatting: (FormattingEntry | undefined)[] = [];
  const active: ActiveEntry[] = [];
  let foreignDepth = 0;

  const refuse = (detail: string): never => {
    throw new PageTooComplexError(detail);
  };
  const countElement = (count: number): void => {
    shape.elements += count;
    if (shape.elements > limits.maxElements) {
      refuse(
        `more than ${limits.maxElements} elements (counting those re-created for unclosed formatting tags)`,
      );
    }
  };
  const push = (name: string, formatting?: FormattingEntry): void => {
    stack.push(name);
    stackFormatting.push(formatting);
    let at = positions.get(name);
    if (!at) {
      at = [];
      positions.set(name, at);
    }
    at.push(stack.length - 1);
    if (SCOPE_BOUNDARIES.has(name)) boundaries.push(stack.length - 1);
    if (LIST_BOUNDARIES.has(name)) listBoundaries.push(stack.length - 1);
    if (name === 'svg' || name === 'math') foreignDepth++;
    if (stack.length > shape.maxDepth) {
      shape.maxDepth = stack.length;
      if (stack.length > limits.maxDepth) refuse(`elements nested more than ${limits.maxDepth} levels deep`);
    }
  };
  const pop = (): void => {
    const name = stack.pop() as string;
    const formatting = stackFormatting.pop();
    positions.get(name)?.pop();
    if (SCOPE_BOUNDARIES.has(name)) boundaries.pop();
    if (LIST_BOUNDARIES.has(name)) listBoundaries.pop();
    if (name === 'svg' || name === 'math') foreignDepth--;
    if (formatting) formatting.onStack = false;
    if (MARKER_ELEMENTS.has(name)) clearToMarker();
  };
  const popThrough = (index: number): void => {
    while (stack.length > index) pop();
  };
  const clearToMarker = (): void => {
    while (active.length > 0) {
      if (active.pop() === 'marker') return;
    }
  };
  const needsReconstruct = (): boolean => {
    const last = active[active.length - 1];
    return last !== undefined && last !== 'marker' && !last.onStack;
  };
  const reconstruct = (): void => {
    if (!needsReconstruct()) return;
    // The parser re-creates every entry after the last marker or still-open element, in order.
    let first = active.length - 1;
    while (first > 0) {
      const previous = active[first - 1];
      if (previous === undefined || previous === 'marker' || previous.onStack) break;
      first--;
    }
    countElement(active.length - first);
    shape.reconstructed += active.length - first;
    if (shape.reconstructed > limits.maxReconstructedElements) {
      refuse(
        `unclosed formatting tags (b, i, font…) that the parser would re-create more than ${limits.maxReconstructedElements} times`,
      );
    }
    for (let k = first; k < active.length; k++) {
      const entry = active[k] as FormattingEntry;
      entry.onStack = true;
      push(entry.name, entry);
    }
  };
  const addFormatting = (entry: FormattingEntry): void => {
    let copies = 0;
    for (let i = active.length - 1; i >= 0; i--) {
      const other = active[i];
      if (other === 'marker' || other === undefined) break;
      if (other.signature === entry.signature && ++copies >= NOAHS_ARK_COPIES) {
        active.splice(i, 1);
        break;
      }
    }
    active.push(entry);
    if (active.length > shape.maxActiveFormatting) {
      shape.maxActiveFormatting = active.length;
      if (active.length > limits.maxActiveFormattingElements) {
        refuse(
          `more than ${limits.maxActiveFormattingElements} formatting tags (b, i, font, a…) left unclosed`,
        );
      }
    }
  };
  const lastOpen = (name: string): number => {
    const at = positions.get(name);
    return at?.[at.length - 1] ?? -1;
  };
  /**
   * The outermost open element among `names` still in scope (above the nearest boundary
   * that is not itself one of `names`), or -1: popping through it closes them all.
   */
  const inScope = (names: readonly string[], listItem: boolean): number => {
    let boundary = -1;
    for (let k = boundaries.length - 1; k >= 0; k--) {
      const index = boundaries[k] as number;
      if (!names.includes(stack[index] as string)) {
        boundary = index;
        break;
      }
    }
    if (listItem) boundary = Math.max(boundary, listBoundaries[listBoundaries.length - 1] ?? -1);
    let found = -1;
    for (const name of names) {
      const at = positions.get(name) ?? [];
      for (let k = at.length - 1; k >= 0 && (at[k] as number) > boundary; k--) {
        if (found === -1 || (at[k] as number) < found) found = at[k] as number;
      }
    }
    return found;
  };
  const measureText = (from: number, to: number): void => {
    const length = to - from;
    if (length <= 0) return;
    if (length > shape.maxTextNodeLength) {
      shape.maxTextNodeLength = length;
      if (length > limits.maxTextNodeLength) refuse(`a text run of ${length} characters`);
    }
    if (needsReconstruct() && /\S/.test(html.slice(from, Math.min(to, from + 256)))) reconstruct();
  };

  let i = 0;
  // Start of the current text run (a literal '<' in text does not end it).
  let textStart = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      measureText(textStart, html.length);
      break;
    }
    const next = html.charAt(lt + 1);
    if (next === '!' || next === '?') {
      measureText(textStart, lt);
      i = skipMarkupDeclaration(html, lt);
      textStart = i;
      continue;
    }
    if (next === '/' && /[a-z]/i.test(html.charAt(lt + 2))) {
      measureText(textStart, lt);
      const { name, end } = readEndTag(html, lt);
      i = end;
      textStart = i;
      // Formatting end tags leave the list even when the element was already popped.
      if (FORMATTING_ELEMENTS.has(name)) removeLastActive(active, name);
      const open = lastOpen(name);
      if (open !== -1) popThrough(open);
      continue;
    }
    if (!/[a-z]/i.test(next)) {
      i = lt + 1; // a literal "<" in text
      continue;
    }
    measureText(textStart, lt);
    const tag = readStartTag(html, lt, limits, shape, refuse);
    i = tag.end;
    textStart = i;
    const { name } = tag;
    countElement(1);
    if (DOCUMENT_LEVEL.has(name)) continue;

    if (foreignDepth === 0) {
      const siblings = IMPLIED_SIBLINGS.get(name);
      const sibling = siblings ? inScope(siblings, LIST_ITEMS.has(name)) : -1;
      if (sibling !== -1) popThrough(sibling);
      if (CLOSES_P.has(name)) {
        const p = inScope(['p'], false);
        if (p !== -1) popThrough(p);
      }
      if (name === 'a') {
        // A new <a> first closes the previous one (adoption agency), so <a> never piles up.
        removeLastActive(active, 'a');
        const open = inScope(['a'], false);
        if (open !== -1) popThrough(open);
      }
      // A row directly in a table gets an implied <tbody>.
      if (name === 'tr' && stack[stack.length - 1] === 'table') {
        countElement(1);
        push('tbody');
      }
      // Phrasing start tags re-open the popped formatting elements first; block tags do not.
      if (!NO_RECONSTRUCT.has(name)) reconstruct();
    }

    if (VOID_ELEMENTS.has(name) || (tag.selfClosing && foreignDepth > 0)) continue;
    if (tag.selfClosing && (name === 'svg' || name === 'math')) continue;
    if (FORMATTING_ELEMENTS.has(name)) {
      const entry: FormattingEntry = { name, signature: `${name} ${tag.attributes}`, onStack: true };
      push(name, entry);
      addFormatting(entry);
      continue;
    }
    push(name);
    if (MARKER_ELEMENTS.has(name)) active.push('marker');
    if (name === 'plaintext') {
      measureText(i, html.length);
      break;
    }
    if (RAW_TEXT_ELEMENTS.has(name)) {
      const close = indexOfEndTag(html, name, i);
      measureText(i, close === -1 ? html.length : close);
      if (close === -1) break;
      i = close;
      textStart = i;
    }
  }
  return shape;
}

function removeLastActive(active: ActiveEntry[], name: string): void {
  for (let i = active.length - 1; i >= 0; i--) {
    const entry = active[i];
    if (entry === 'marker' || entry === undefined) return;
    if (entry.name === name) {
      active.splice(i, 1);
      return;
    }
  }
}

function skipMarkupDeclaration(html: string, lt: number): number {
  if (html.startsWith('<!--', lt)) {
    const close = html.indexOf('-->', lt + 4);
    return close === -1 ? html.length : close + 3;
  }
  const close = html.indexOf('>', lt + 2);
  return close === -1 ? html.length : close + 1;
}

function readEndTag(html: string, lt: number): { name: string; end: number } {
  const i = skipRun(TAG_NAME_RUN, html, lt + 2);
  const name = html.slice(lt + 2, i).toLowerCase();
  const close = html.indexOf('>', i);
  return { name, end: close === -1 ? html.length : close + 1 };
}

function indexOfEndTag(html: string, name: string, from: number): number {
  const lower = `</${name}`;
  let i = from;
  for (;;) {
    const candidate = html.indexOf('</', i);
    if (candidate === -1) return -1;
    if (html.slice(candidate, candidate + lower.length).toLowerCase() === lower) {
      const after = html.charAt(candidate + lower.length);
      if (after === '' || SPACE.test(after) || after === '/' || after === '>') return candidate;
    }
    i = candidate + 2;
  }
}

/** Reads a start tag with its attributes; enforces the per-element limits as it goes. */
function readStartTag(
  html: string,
  lt: number,
  limits: ParseLimits,
  shape: HtmlShape,
  refuse: (detail: string) => never,
): StartTag {
  let i = skipRun(TAG_NAME_RUN, html, lt + 1);
  const name = html.slice(lt + 1, i).toLowerCase();
  let attributes = 0;
  let selfClosing = false;
  for (;;) {
    const runEnd = skipRun(SPACE_OR_SLASH_RUN, html, i);
    if (runEnd > i) selfClosing = html.charAt(runEnd - 1) === '/';
    i = runEnd;
    if (i >= html.length) break;
    if (html.charAt(i) === '>') {
      i++;
      break;
    }
    selfClosing = false;
    // Attribute name: up to whitespace, '/', '>' or '=' (a leading '=' belongs to the name).
    const nameStart = i;
    i = skipRun(ATTRIBUTE_NAME_RUN, html, i + 1);
    attributes++;
    shape.attributes++;
    if (shape.attributes > limits.maxAttributes)
      refuse(`more than ${limits.maxAttributes} attributes in all`);
    if (attributes > shape.maxAttributes) {
      shape.maxAttributes = attributes;
      if (attributes > limits.maxAttributesPerElement) {
        refuse(`a <${name}> element with more than ${limits.maxAttributesPerElement} attributes`);
      }
    }
    i = skipRun(SPACE_RUN, html, i);
    if (html.charAt(i) !== '=' || i === nameStart) continue;
    i = skipRun(SPACE_RUN, html, i + 1);
    const quote = html.charAt(i);
    let valueStart: number;
    let valueEnd: number;
    if (quote === '"' || quote === "'") {
      valueStart = i + 1;
      const close = html.indexOf(quote, valueStart);
      valueEnd = close === -1 ? html.length : close;
      i = close === -1 ? html.length : close + 1;
    } else {
      valueStart = i;
      i = skipRun(UNQUOTED_VALUE_RUN, html, i);
      valueEnd = i;
    }
    const length = valueEnd - valueStart;
    if (length > shape.maxAttributeValueLength) {
      shape.maxAttributeValueLength = length;
      if (length > limits.maxAttributeValueLength) {
        refuse(
          `a <${name}> attribute value of ${length} characters (limit ${limits.maxAttributeValueLength})`,
        );
      }
    }
  }
  const attributesText =
    attributes === 0 ? '' : html.slice(lt + 1 + name.length, Math.max(i - 1, lt + 1 + name.length));
  return { name, attributes: attributesText, selfClosing, end: i };
}
