/** Text helpers shared by the rules. Page text is hostile: every value is bounded. */
import { elementIndex } from './element-index';

/** Longest text any single fact keeps (descriptions, names, headlines). */
export const DEFAULT_MAX_FACT_LENGTH = 2000;

const WHITESPACE_PATTERN = /[\s\u00a0\u200b\u200e\u200f\ufeff]+/g;
const TAG_PATTERN = /<[^>]{0,500}>/g;
const ENTITY_PATTERN = /&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[A-Za-z][A-Za-z0-9]{1,8});/g;
/** HTML's Latin-1 entity names, in code point order from U+00A0 (as the HTML spec lists them). */
const LATIN1_ENTITY_NAMES = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 ' +
  'acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml ' +
  'Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde ' +
  'Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ' +
  'ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide ' +
  'oslash ugrave uacute ucirc uuml yacute thorn yuml'
).split(' ');
/** Named entities double-encoded text carries most (case-sensitive, as in HTML). */
const NAMED_ENTITIES: Record<string, string> = {
  ...Object.fromEntries(
    LATIN1_ENTITY_NAMES.map((name, offset) => [name, String.fromCharCode(0xa0 + offset)]),
  ),
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ndash: '\u2013',
  mdash: '\u2014',
  lsquo: '\u2018',
  rsquo: '\u2019',
  sbquo: '\u201a',
  ldquo: '\u201c',
  rdquo: '\u201d',
  bdquo: '\u201e',
  hellip: '\u2026',
  bull: '\u2022',
  euro: '\u20ac',
  trade: '\u2122',
  OElig: '\u0152',
  oelig: '\u0153',
  Scaron: '\u0160',
  scaron: '\u0161',
  thinsp: '\u2009',
};

/** Collapse whitespace and trim; undefined when nothing is left. */
export function cleanText(value: unknown, maxLength = DEFAULT_MAX_FACT_LENGTH): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).replace(WHITESPACE_PATTERN, ' ').trim();
  if (text === '') return undefined;
  return text.length > maxLength ? text.slice(0, maxLength).trim() : text;
}

/**
 * Plain text from a value that may hold markup or entities (JSON-LD strings and meta
 * contents sometimes carry escaped HTML).
 */
export function plainText(value: unknown, maxLength = DEFAULT_MAX_FACT_LENGTH): string | undefined {
  const text = cleanText(value, maxLength * 2);
  if (text === undefined) return undefined;
  const decoded = decodeEntities(text.includes('<') ? text.replace(TAG_PATTERN, ' ') : text);
  return cleanText(decoded.includes('<') ? decoded.replace(TAG_PATTERN, ' ') : decoded, maxLength);
}

export function decodeEntities(text: string): string {
  return text.replace(ENTITY_PATTERN, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X'))
      return safeCodePoint(Number.parseInt(entity.slice(2), 16)) ?? whole;
    if (entity.startsWith('#')) return safeCodePoint(Number.parseInt(entity.slice(1), 10)) ?? whole;
    return NAMED_ENTITIES[entity] ?? NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

function safeCodePoint(code: number): string | undefined {
  if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
    return undefined;
  return String.fromCodePoint(code);
}

/** Ruby annotations: pronunciation above the base text (`rt`) and fallback parentheses (`rp`). */
const RUBY_ANNOTATION_TAGS = ['rt', 'rp'];
/** Nodes read when collecting text around ruby annotations (bounded for hostile pages). */
const DEFAULT_MAX_TEXT_NODES = 5000;

/**
 * Visible text of an element, whitespace collapsed. Ruby annotations are left out: "東京"
 * annotated with "とうきょう" reads "東京", not "東京(とうきょう)".
 */
export function elementText(
  element: Element | null | undefined,
  maxLength = DEFAULT_MAX_FACT_LENGTH,
): string | undefined {
  if (!element) return undefined;
  const text = hasRubyAnnotation(element) ? textWithoutRuby(element) : (element.textContent ?? '');
  return cleanText(text, maxLength);
}

/** Whether a ruby annotation sits below the element (the page index answers; most pages have none). */
function hasRubyAnnotation(element: Element): boolean {
  const annotations = elementIndex(element.ownerDocument).byTag(RUBY_ANNOTATION_TAGS);
  return annotations.some((annotation) => element.contains(annotation));
}

/**
 * The element's text, skipping `rt` and `rp` subtrees, read within a bound. Iterative
 * (first-child / next-sibling steps), so hostile nesting cannot exhaust the stack.
 */
function textWithoutRuby(element: Element): string {
  const parts: string[] = [];
  let nodes = 0;
  let node: Node | null = element.firstChild;
  while (node !== null && nodes++ < DEFAULT_MAX_TEXT_NODES) {
    if (node.nodeType === 3 /* Node.TEXT_NODE */) parts.push(node.nodeValue ?? '');
    const enter =
      node.nodeType === 1 /* Node.ELEMENT_NODE */ &&
      !RUBY_ANNOTATION_TAGS.includes((node as Element).localName) &&
      node.firstChild !== null;
    node = enter ? node.firstChild : nextNodeAfter(node, element);
  }
  return parts.join('');
}

/** The node after `node` and its subtree in document order, staying below `root`. */
function nextNodeAfter(node: Node, root: Node): Node | null {
  for (let current: Node | null = node; current !== null && current !== root; current = current.parentNode) {
    if (current.nextSibling !== null) return current.nextSibling;
  }
  return null;
}

/** Soft hyphens: hyphenation hints inside a word, kept in text as the publisher wrote it. */
const SOFT_HYPHEN_PATTERN = /\u00ad/g;

const CAPITAL_START_PATTERN = /^\p{Lu}/u;

/**
 * Whether `text` starts with a capital letter. Tested apart from case-insensitive patterns:
 * under the `i` flag `\p{Lu}` matches lower case as well.
 */
export function startsWithCapital(text: string): boolean {
  return CAPITAL_START_PATTERN.test(text);
}

/**
 * Lower-case, accent-free, punctuation-free form for comparing names and titles. A soft
 * hyphen joins rather than splits ("Helikopter\u00adlandeplatz" compares equal to the
 * og:title without it).
 */
export function comparable(text: string): string {
  return text
    .replace(SOFT_HYPHEN_PATTERN, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
