/**
 * ElementIndex: every element of a page by tag name and by attribute name, in document
 * order, built in ONE walk so that rules never run a whole-document selector query.
 *
 * Why: jsdom's selector engine walks the whole document for every query (about 5 ms a page
 * for `[itemscope]`), `getElementsByTagName` builds a live collection the same way, and
 * iterating such a collection is slower still. One walk reading each element's local name
 * and attribute names costs less than one such query, and answers all of them; the lists
 * per tag or attribute are then plain array scans, made only for what rules ask for.
 *
 * The index reflects the document when it was built: rules only read the page.
 * Results are fresh arrays in document order; `within` keeps an element's descendants (not
 * the element itself), as `element.querySelectorAll` does.
 */
import { documentMemo } from './document-memo';

export interface ElementIndex {
  /** Every element of the document, in document order (the root element first). */
  readonly elements: readonly Element[];
  /** Whether the document is in quirks mode, where class selectors ignore ASCII case. */
  readonly quirksMode: boolean;
  /** Elements with one of these local names (lower-case), in document order, inside `within` when given. */
  byTag(tags: string | readonly string[], within?: Element): Element[];
  /** Elements carrying one of these attributes (lower-case names), in document order, inside `within` when given. */
  withAttribute(names: string | readonly string[], within?: Element): Element[];
  /**
   * Elements matching any of `tags`, or carrying any of `attributes`, in document order and
   * without duplicates, inside `within` when given: the candidates of a selector list
   * such as `p, aside, .credit, [itemprop]`, which the caller then tests exactly.
   */
  candidates(selection: CandidateSelection, within?: Element): Element[];
  /** Every element inside `within` (not itself), in document order: a walk of its subtree without DOM steps. */
  descendants(within: Element): Element[];
  /** The element's position in document order; undefined for an element the index does not hold. */
  position(element: Element): number | undefined;
  /** Whether the element's `class` holds the token, compared as a CSS class selector compares it. */
  hasClass(element: Element, token: string): boolean;
}

export interface CandidateSelection {
  /** Local names (lower-case). */
  readonly tags?: readonly string[];
  /** Attribute names (lower-case). */
  readonly attributes?: readonly string[];
}

/** NodeFilter.SHOW_ELEMENT (Node has no NodeFilter global). */
const SHOW_ELEMENT = 0x1;
/** Characters a CSS class list splits on, as jsdom's selector engine splits it (`\s`). */
const CLASS_SEPARATOR = /\s+/;

/** One index per document: the context builds it, and region helpers that get only the document find it here. */
const indexes = documentMemo<ElementIndex>('schemapress.elementIndex');

/** The document's index: the one the extraction context built, else a new one. */
export function elementIndex(document: Document): ElementIndex {
  return indexes.get(document) ?? indexElements(document);
}

/**
 * Builds the document's index (and registers it for `elementIndex`).
 * Steps: 1. walk the elements in document order with one TreeWalker (no live collection),
 * noting each one's local name and attribute names (one `getAttributeNames` call, no value
 * read); 2. on first use, file the positions of the elements with a given tag or attribute,
 * so that only what rules ask for is filed.
 */
export function indexElements(document: Document): ElementIndex {
  const elements: Element[] = [];
  const tags: string[] = [];
  const attributeNames: string[][] = [];
  const root = document.documentElement;
  if (root !== null) {
    // One walker steps inside jsdom: first-child / next-sibling getters each allocate an
    // iterator (1.15 -> 0.66 ms a corpus page, same elements in the same order).
    const walker = document.createTreeWalker(root, SHOW_ELEMENT);
    for (let node: Node | null = root; node !== null; node = walker.nextNode()) {
      const element = node as Element;
      elements.push(element);
      tags.push(element.localName);
      attributeNames.push(element.getAttributeNames());
    }
  }
  const index = createIndex(document, elements, tags, attributeNames);
  indexes.set(document, index);
  return index;
}

/** Positions (in document order) of the elements with one tag or attribute. */
type Positions = readonly number[];

function createIndex(
  document: Document,
  elements: readonly Element[],
  tags: readonly string[],
  attributeNames: readonly (readonly string[])[],
): ElementIndex {
  const quirksMode = document.compatMode === 'BackCompat';
  const byTagName = new Map<string, Positions>();
  const byAttributeName = new Map<string, Positions>();
  const classTokens = new Map<Element, readonly string[]>();

  const tagPositions = (tag: string): Positions => {
    let found = byTagName.get(tag);
    if (found === undefined) {
      const list: number[] = [];
      for (let position = 0; position < tags.length; position++)
        if (tags[position] === tag) list.push(position);
      byTagName.set(tag, list);
      found = list;
    }
    return found;
  };
  const attributePositions = (name: string): Positions => {
    let found = byAttributeName.get(name);
    if (found === undefined) {
      const list: number[] = [];
      for (let position = 0; position < attributeNames.length; position++) {
        if (attributeNames[position]?.includes(name)) list.push(position);
      }
      byAttributeName.set(name, list);
      found = list;
    }
    return found;
  };

  const positionOf = (element: Element, from = 0): number | undefined => {
    const position = elements.indexOf(element, from);
    return position < 0 ? undefined : position;
  };

  /** Positions [start, end) of the descendants of `within`; undefined when it is not indexed. */
  const rangeOf = (within: Element): readonly [number, number] | undefined => {
    const start = positionOf(within);
    if (start === undefined) return undefined;
    for (let current: Element | null = within; current !== null; current = current.parentElement) {
      const sibling = current.nextElementSibling;
      if (sibling !== null) return [start + 1, positionOf(sibling, start + 1) ?? elements.length];
    }
    return [start + 1, elements.length];
  };

  /** The elements at several sorted position lists, in document order, without duplicates, inside `within`. */
  const select = (lists: readonly Positions[], within: Element | undefined): Element[] => {
    const nonEmpty = lists.filter((list) => list.length > 0);
    const positions =
      nonEmpty.length <= 1 ? (nonEmpty[0] ?? []) : [...new Set(nonEmpty.flat())].sort((a, b) => a - b);
    if (within === undefined) return positions.map((position) => elements[position] as Element);
    const range = rangeOf(within);
    if (range === undefined) {
      // An element from elsewhere (another document, a template's content): test each one.
      return positions
        .map((position) => elements[position] as Element)
        .filter((element) => element !== within && within.contains(element));
    }
    const [start, end] = range;
    const selected: Element[] = [];
    for (let at = lowerBound(positions, start); at < positions.length; at++) {
      const position = positions[at] as number;
      if (position >= end) break;
      selected.push(elements[position] as Element);
    }
    return selected;
  };

  const keys = (value: string | readonly string[]): readonly string[] =>
    typeof value === 'string' ? [value] : value;

  const tokensOf = (element: Element): readonly string[] => {
    let tokens = classTokens.get(element);
    if (tokens === undefined) {
      const value = element.getAttribute('class') ?? '';
      tokens = value.split(CLASS_SEPARATOR).filter((token) => token !== '');
      if (quirksMode) tokens = tokens.map(asciiLowerCase);
      classTokens.set(element, tokens);
    }
    return tokens;
  };

  return {
    elements,
    quirksMode,
    byTag: (names, within) => select(keys(names).map(tagPositions), within),
    withAttribute: (names, within) => select(keys(names).map(attributePositions), within),
    candidates: (selection, within) =>
      select(
        [
          ...(selection.tags ?? []).map(tagPositions),
          ...(selection.attributes ?? []).map(attributePositions),
        ],
        within,
      ),
    descendants: (within) => {
      const range = rangeOf(within);
      if (range === undefined)
        return elements.filter((element) => element !== within && within.contains(element));
      return elements.slice(range[0], range[1]);
    },
    position: (element) => positionOf(element),
    hasClass: (element, token) => tokensOf(element).includes(quirksMode ? asciiLowerCase(token) : token),
  };
}

/** First index in the sorted `positions` whose value is at least `position`. */
function lowerBound(positions: Positions, position: number): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((positions[middle] ?? 0) < position) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** ASCII-only lower case, as CSS compares class names in quirks mode. */
function asciiLowerCase(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}
