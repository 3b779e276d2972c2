/**
 * Lean tree building for documents without a browsing context (DOMParser documents).
 *
 * jsdom 26 runs the DOM standard's whole insertion algorithm for every node the HTML parser
 * adds, and most of its steps walk the new node's ancestor chain: the pre-insert validity
 * check (is the node an ancestor of its new parent?), the shadow-root and connectedness
 * checks (the root, twice), the custom-element reactions and the mutation record (which
 * copies the chain into an array to look for observers). So tree building costs
 * nodes x depth, and appending each piece of text the parser hands over queues another
 * mutation record. In a CPU profile of parsing the corpus pages these walks, and the garbage
 * they leave, were the largest cost left after the parse itself.
 *
 * This module patches five jsdom implementation methods and one attribute algorithm, once,
 * with a shortcut taken only where the skipped steps provably do nothing:
 *  1. `_preInsertValidity`: a node with no parent and no children, other than the parent
 *     itself, cannot be an ancestor of the parent; for an element or fragment parent and an
 *     element, text or comment node, every other check passes too.
 *  2. `_insert`: for one childless node into a document without a browsing context (no
 *     custom element can be defined there), with no live range to update, while no
 *     MutationObserver and no shadow root exists in the process: insert, then run jsdom's
 *     own hooks (`_modified`, text change steps, `_attach`, `_descendantAdded`), which keep
 *     live collections, forms, selects, ids and style sheets right.
 *  3. `_clearMemoizedQueries`: the same walk, without a new empty object per ancestor when
 *     nothing was memoized.
 *  4. `replaceData` (the parser joins text with `text.data += more`, which replaces the
 *     whole data) while no MutationObserver exists and no range points into the text:
 *     replace and run the text change steps, without the mutation record, which costs a
 *     Map and an array of the text's ancestors each time.
 *  5. `_modified`: the same version bumps up the ancestor chain with a plain loop instead
 *     of symbol-tree's iterator object (one per node and changed attribute: in an
 *     allocation profile of the pipeline, this and the records of 4 were a sixth of all
 *     bytes allocated, and each young-generation collection copies the page's live DOM).
 *  6. `appendAttribute` (living/attributes.js, which jsdom calls through its exports): the
 *     parser's attributes, while no MutationObserver exists and the element is no custom
 *     element, are appended without the attribute mutation record (the same Map and array).
 * Everything else takes jsdom's own path. `MutationObserver.observe` and `attachShadow` are
 * wrapped to switch the shortcuts off for good the first time they are called (no page
 * script runs here, so they never are in the pipeline).
 *
 * It touches jsdom internals, so it checks their shape first and leaves jsdom as it is when
 * they differ (another jsdom version); `PARSER_FAST_PATH_APPLIED` says which. The DOM built
 * is the same either way: test/core/parser-fast-path.test.ts compares it with jsdom's own.
 */

import { compactSource } from './jsdom-source';

/** The jsdom version whose internals the patch was written for and tested against. */
export const PARSER_FAST_PATH_JSDOM_VERSION = '26.1.0';

const DOCUMENT_NODE = 9;
const DOCUMENT_FRAGMENT_NODE = 11;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const COMMENT_NODE = 8;

/** The subset of a jsdom node implementation object the patch uses. */
interface NodeImpl {
  readonly nodeType: number;
  /** Set on documents: their window, null without a browsing context. */
  readonly _defaultView?: unknown;
  readonly parentNode: NodeImpl | null;
  readonly _ownerDocument: NodeImpl;
  readonly _referencedRanges: ReadonlySet<unknown>;
  readonly _shadowRoot?: unknown;
  readonly _ceState?: string;
  readonly _attached?: boolean;
  _memoizedQueries: Record<string, unknown>;
  _data: string;
  _version: number;
  readonly _childrenList?: LiveList | null;
  readonly _childNodesList?: LiveList | null;
  _attach?: () => void;
  _modified(): void;
  _clearMemoizedQueries(): void;
  _childTextContentChangeSteps(): void;
  _descendantAdded(parent: NodeImpl, child: NodeImpl): void;
}

/** The subset of a jsdom element implementation the attribute shortcut uses. */
interface ElementImpl {
  readonly _ceState?: string;
  readonly _attributeList: AttrImpl[];
  readonly _attributesByNameMap: Map<string, AttrImpl[]>;
  _attrModified(name: string, value: string, oldValue: string | null): void;
}

interface AttrImpl {
  readonly _qualifiedName: string;
  readonly _value: string;
  _element: ElementImpl | null;
}

/** jsdom's live HTMLCollection / NodeList implementations. */
interface LiveList {
  _update(): void;
}

interface SymbolTree {
  parent(node: NodeImpl): NodeImpl | null;
  firstChild(node: NodeImpl): NodeImpl | null;
  appendChild(parent: NodeImpl, node: NodeImpl): void;
  insertBefore(reference: NodeImpl, node: NodeImpl): void;
}

type Method = (this: NodeImpl, ...args: never[]) => unknown;

interface Internals {
  readonly tree: SymbolTree;
  readonly node: Record<string, unknown>;
  readonly characterData: Record<string, unknown>;
  readonly element: Record<string, unknown>;
  readonly mutationObserver: Record<string, unknown>;
  /** jsdom's attribute algorithms (`living/attributes.js`), which call each other through `exports`. */
  readonly attributes: Record<string, unknown>;
  readonly invalidateStyleCache: (node: NodeImpl) => void;
}

interface ImplModule {
  implementation?: { prototype?: Record<string, unknown> };
}

/** Marks the patched node prototype (a second load of this module must not wrap twice). */
const PATCHED = Symbol.for('schemapress.parserFastPath');

function loadInternals(): Internals | undefined {
  try {
    // jsdom first: its implementation modules require each other in a cycle that only
    // resolves when entered through the package's main module.
    require('jsdom');
    const version = (require('jsdom/package.json') as { version?: string }).version;
    if (version !== PARSER_FAST_PATH_JSDOM_VERSION) return undefined;
    // Literal requires, so that bundlers include the very modules jsdom itself uses.
    const constants = require('jsdom/lib/jsdom/living/helpers/internal-constants') as {
      domSymbolTree?: SymbolTree;
    };
    const node = (require('jsdom/lib/jsdom/living/nodes/Node-impl') as ImplModule).implementation?.prototype;
    const characterData = (require('jsdom/lib/jsdom/living/nodes/CharacterData-impl') as ImplModule)
      .implementation?.prototype;
    const element = (require('jsdom/lib/jsdom/living/nodes/Element-impl') as ImplModule).implementation
      ?.prototype;
    const mutationObserver = (
      require('jsdom/lib/jsdom/living/mutation-observer/MutationObserver-impl') as ImplModule
    ).implementation?.prototype;
    const { invalidateStyleCache } = require('jsdom/lib/jsdom/living/helpers/style-rules') as {
      invalidateStyleCache?: Internals['invalidateStyleCache'];
    };
    const attributes = require('jsdom/lib/jsdom/living/attributes') as Record<string, unknown>;
    const tree = constants.domSymbolTree;
    if (!tree || !node || !characterData || !element || !mutationObserver || !invalidateStyleCache)
      return undefined;
    return { tree, node, characterData, element, mutationObserver, attributes, invalidateStyleCache };
  } catch {
    return undefined;
  }
}

/**
 * The shape check: the patched methods exist and do what the shortcuts leave out or
 * repeat. It reads only what survives minification (property names, string literals,
 * `this`): the shipped bundles are minified, which renames locals and rewrites `if (a) b;`
 * as `a&&b` (test/core/parser-fast-path.test.ts loads a minified bundle to prove it).
 */
function hasExpectedShape({
  node,
  characterData,
  element,
  mutationObserver,
  attributes,
}: Internals): boolean {
  const modified = compactSource(node._modified);
  const replaceData = compactSource(characterData.replaceData);
  return (
    containsAll(node._preInsertValidity, ['HierarchyRequestError']) &&
    // _insert: what the shortcut runs, and what it skips (ranges, slots, custom elements).
    containsAll(node._insert, [
      'this._modified()',
      'this._childTextContentChangeSteps()',
      '._attach()',
      'this._descendantAdded(this,',
      'this._referencedRanges',
      '"connectedCallback"',
    ]) &&
    containsAll(node._clearMemoizedQueries, ['this._memoizedQueries={}']) &&
    // replaceData: the range check, the record, the splice, the live ranges, the text steps.
    containsAll(characterData.replaceData, [
      'IndexSizeError',
      '.CHARACTER_DATA,this,',
      'this._referencedRanges',
      'this.parentNode._childTextContentChangeSteps()',
    ]) &&
    DATA_SPLICE_PATTERN.test(replaceData) &&
    // _modified: the version bumps, both live lists, the memoized queries, the style cache.
    containsAll(node._modified, [
      'this._version++',
      '.ancestorsIterator(this)',
      'this._childrenList._update()',
      'this._childNodesList._update()',
      'this._clearMemoizedQueries()',
    ]) &&
    STYLE_CACHE_CALL_PATTERN.test(modified) &&
    // appendAttribute: the custom-element reaction, the list, the name cache, the hook.
    containsAll(attributes.appendAttribute, [
      '"attributeChangedCallback"',
      '._attributeList',
      '._element=',
      '._attributesByNameMap',
      '._attrModified(',
    ]) &&
    typeof attributes.setAttributeValue === 'function' &&
    ['_descendantAdded', '_childTextContentChangeSteps'].every((name) => typeof node[name] === 'function') &&
    typeof element.attachShadow === 'function' &&
    typeof mutationObserver.observe === 'function'
  );
}

/** Whether `method`'s compact source contains every one of `parts`. */
function containsAll(method: unknown, parts: readonly string[]): boolean {
  const source = compactSource(method);
  return parts.every((part) => source.includes(part));
}

/** `this._data = start + data + end`, whatever the minifier named the three. */
const DATA_SPLICE_PATTERN = /this\._data=[\w$]+\+[\w$]+\+[\w$]+/;
/** `_modified`'s last statement, `invalidateStyleCache(this)`, under any name. */
const STYLE_CACHE_CALL_PATTERN = /[\w$]+\(this\);?\}$/;

/** Whether a MutationObserver has observed or an element has had a shadow root attached, in this process. */
let shortcutsOff = false;

function switchOffWhenCalled(prototype: Record<string, unknown>, name: string): void {
  const original = prototype[name] as Method;
  prototype[name] = function switchingOff(this: NodeImpl, ...args: never[]): unknown {
    shortcutsOff = true;
    return original.apply(this, args);
  };
}

function patch(internals: Internals): void {
  const { tree, node, characterData, invalidateStyleCache } = internals;
  const preInsertValidity = node._preInsertValidity as Method;
  const insert = node._insert as Method;
  const replaceData = characterData.replaceData as Method;

  /** A node the parser just made: no parent, no children. */
  const isDetachedLeaf = (candidate: NodeImpl): boolean =>
    tree.parent(candidate) === null && tree.firstChild(candidate) === null;

  node._preInsertValidity = function preInsertValidity_(
    this: NodeImpl,
    child: NodeImpl,
    reference: NodeImpl | null,
  ): unknown {
    const parentType = this.nodeType;
    const childType = child.nodeType;
    if (
      !shortcutsOff &&
      child !== this &&
      (parentType === ELEMENT_NODE || parentType === DOCUMENT_FRAGMENT_NODE) &&
      (childType === ELEMENT_NODE || childType === TEXT_NODE || childType === COMMENT_NODE) &&
      (reference === null || reference === undefined || tree.parent(reference) === this) &&
      isDetachedLeaf(child)
    ) {
      return undefined;
    }
    return preInsertValidity.call(this, child as never, reference as never);
  };

  node._insert = function insert_(
    this: NodeImpl,
    child: NodeImpl,
    reference: NodeImpl | null,
    suppressObservers?: boolean,
  ): unknown {
    const document = this.nodeType === DOCUMENT_NODE ? this : this._ownerDocument;
    if (
      shortcutsOff ||
      child.nodeType === DOCUMENT_FRAGMENT_NODE ||
      document._defaultView !== null ||
      child._ownerDocument._defaultView !== null ||
      child._ceState === 'custom' ||
      (reference && this._referencedRanges.size > 0) ||
      !isDetachedLeaf(child)
    ) {
      return insert.call(this, child as never, reference as never, suppressObservers as never);
    }
    if (reference) tree.insertBefore(reference, child);
    else tree.appendChild(this, child);
    this._modified();
    if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE)
      this._childTextContentChangeSteps();
    if (this._attached && child._attach) child._attach();
    this._descendantAdded(this, child);
    return undefined;
  };

  node._clearMemoizedQueries = function clearMemoizedQueries(this: NodeImpl): void {
    for (let current: NodeImpl | null = this; current !== null; current = tree.parent(current)) {
      for (const _ in current._memoizedQueries) {
        current._memoizedQueries = {};
        break;
      }
    }
  };

  characterData.replaceData = function replaceData_(
    this: NodeImpl,
    offset: number,
    count: number,
    data: string,
  ): unknown {
    const length = this._data.length;
    // Out of range (jsdom throws IndexSizeError), observed or under a live range: jsdom's path.
    if (shortcutsOff || !(offset <= length) || this._referencedRanges.size > 0) {
      return replaceData.call(this, offset as never, count as never, data as never);
    }
    const end = Math.min(offset + count, length);
    this._data =
      offset === 0 && end === length ? `${data}` : this._data.slice(0, offset) + data + this._data.slice(end);
    if (this.nodeType === TEXT_NODE && this.parentNode) this.parentNode._childTextContentChangeSteps();
    return undefined;
  };

  node._modified = function modified(this: NodeImpl): void {
    // jsdom bumps the node's own version, then every inclusive ancestor's (the node twice).
    this._version++;
    for (let current: NodeImpl | null = this; current !== null; current = tree.parent(current)) {
      current._version++;
    }
    if (this._childrenList) this._childrenList._update();
    if (this._childNodesList) this._childNodesList._update();
    this._clearMemoizedQueries();
    invalidateStyleCache(this);
  };

  const appendAttribute = internals.attributes.appendAttribute as (
    element: ElementImpl,
    attribute: AttrImpl,
  ) => void;
  internals.attributes.appendAttribute = function appendAttribute_(
    element: ElementImpl,
    attribute: AttrImpl,
  ): void {
    if (shortcutsOff || element._ceState === 'custom') {
      appendAttribute(element, attribute);
      return;
    }
    element._attributeList.push(attribute);
    attribute._element = element;
    const name = attribute._qualifiedName;
    const sameName = element._attributesByNameMap.get(name);
    if (sameName) sameName.push(attribute);
    else element._attributesByNameMap.set(name, [attribute]);
    element._attrModified(name, attribute._value, null);
  };

  switchOffWhenCalled(internals.mutationObserver, 'observe');
  switchOffWhenCalled(internals.element, 'attachShadow');
  Object.defineProperty(node, PATCHED, { value: true });
}

/** Applies the patch when jsdom's internals have the expected shape; returns whether it is in place. */
function applyParserFastPath(): boolean {
  const internals = loadInternals();
  if (!internals) return false;
  if (Object.hasOwn(internals.node, PATCHED)) return true;
  if (!hasExpectedShape(internals)) return false;
  patch(internals);
  return true;
}

/** Whether the shortcuts are installed (false: jsdom's internals were not the expected shape). */
export const PARSER_FAST_PATH_APPLIED: boolean = applyParserFastPath();

/** Whether the shortcuts are in use now (false once a MutationObserver or a shadow root was made). */
export function parserFastPathActive(): boolean {
  return PARSER_FAST_PATH_APPLIED && !shortcutsOff;
}
