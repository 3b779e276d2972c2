/**
 * Makes jsdom build an element's inline-style declaration (`el.style`) on first use.
 *
 * jsdom 26 gives every HTML and SVG element a cssstyle `CSSStyleDeclaration` in its
 * constructor (`_initElementCSSInlineStyle`), whether or not the element has a `style`
 * attribute and whether or not anything reads `.style`. Extraction never does, and each
 * declaration defines a dozen properties: in a CPU profile of parsing the corpus pages it
 * was the largest single cost that is not tree building, and much of the garbage.
 *
 * The patch, applied once to the implementation prototypes of HTMLElement and SVGElement:
 *  1. the constructor hook no longer builds a declaration;
 *  2. `_style` becomes an accessor that, on first read, runs jsdom's own hook (so the
 *     declaration's change callback, which writes `el.style.x = …` back to the attribute,
 *     is jsdom's), parses the element's current `style` attribute into it, and stores it
 *     as a plain own property;
 *  3. attribute changes to `style` before the first read skip jsdom's re-parse into the
 *     declaration (there is none yet: step 2 reads the attribute when it is made).
 * Behaviour seen through the DOM is unchanged; test/core/lazy-inline-style.test.ts checks
 * reads, writes, attribute changes and removal on HTML and SVG elements.
 *
 * It touches jsdom internals, so it checks their shape first and leaves jsdom as it is
 * when they differ (another jsdom version); `LAZY_INLINE_STYLE_APPLIED` says which.
 */

import { compactSource } from './jsdom-source';

/** The jsdom version whose internals the patch was written for and tested against. */
export const LAZY_INLINE_STYLE_JSDOM_VERSION = '26.1.0';

/** The subset of a jsdom HTMLElement/SVGElement implementation object the patch uses. */
interface ElementImpl {
  _settingCssText: boolean;
  _style: CSSStyleDeclaration;
  getAttributeNS(namespace: string | null, localName: string): string | null;
}

type InitInlineStyle = (this: ElementImpl) => void;
type AttrModified = (this: ElementImpl, name: string, value: string | null, oldValue: string | null) => void;

interface ImplPrototype {
  _initElementCSSInlineStyle?: unknown;
  _attrModified?: unknown;
}

interface ImplModule {
  implementation?: { prototype?: ImplPrototype };
}

/** Marks a prototype already patched (a second load of this module must not wrap twice). */
const PATCHED = Symbol.for('schemapress.lazyInlineStyle');

function loadPrototypes(): ImplPrototype[] | undefined {
  try {
    // jsdom first: its implementation modules require each other in a cycle that only
    // resolves when entered through the package's main module.
    require('jsdom');
    // Literal requires, so that bundlers include the very modules jsdom itself uses.
    const html = require('jsdom/lib/jsdom/living/nodes/HTMLElement-impl') as ImplModule;
    const svg = require('jsdom/lib/jsdom/living/nodes/SVGElement-impl') as ImplModule;
    const prototypes = [html.implementation?.prototype, svg.implementation?.prototype];
    return prototypes.every((prototype) => prototype !== undefined)
      ? (prototypes as ImplPrototype[])
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The shape check: the constructor hook and the attribute hook exist, the first assigns
 * `_style` a new declaration and the second re-parses `style` into `_style` unless
 * `_settingCssText` is set. Property names survive minification; local names may not.
 */
function hasExpectedShape(prototype: ImplPrototype): boolean {
  const init = prototype._initElementCSSInlineStyle;
  const attrModified = prototype._attrModified;
  if (typeof init !== 'function' || typeof attrModified !== 'function') return false;
  const initSource = compactSource(init);
  const attrSource = compactSource(attrModified);
  return (
    initSource.includes('this._style=new') &&
    attrSource.includes('this._settingCssText') &&
    attrSource.includes('this._style.cssText=')
  );
}

function storeDeclaration(element: ElementImpl, declaration: CSSStyleDeclaration): void {
  Object.defineProperty(element, '_style', {
    value: declaration,
    writable: true,
    configurable: true,
    enumerable: true,
  });
}

function patchPrototype(prototype: ImplPrototype): void {
  const originalInit = prototype._initElementCSSInlineStyle as InitInlineStyle;
  const originalAttrModified = prototype._attrModified as AttrModified;
  prototype._initElementCSSInlineStyle = function initLazily(this: ElementImpl): void {
    this._settingCssText = false;
  };
  Object.defineProperty(prototype, '_style', {
    configurable: true,
    get(this: ElementImpl): CSSStyleDeclaration {
      // jsdom's own hook builds the declaration (its change callback writes the attribute
      // back); its assignment to `_style` lands in the setter below.
      const setting = this._settingCssText;
      originalInit.call(this);
      const declaration = Object.getOwnPropertyDescriptor(this, '_style')?.value as CSSStyleDeclaration;
      const attribute = this.getAttributeNS(null, 'style');
      if (attribute !== null) {
        // What jsdom does when the attribute is set: parse it, without writing it back.
        this._settingCssText = true;
        declaration.cssText = attribute;
      }
      this._settingCssText = setting;
      return declaration;
    },
    set(this: ElementImpl, declaration: CSSStyleDeclaration) {
      storeDeclaration(this, declaration);
    },
  });
  prototype._attrModified = function attrModified(
    this: ElementImpl,
    name: string,
    value: string | null,
    oldValue: string | null,
  ): void {
    if (name !== 'style' || Object.hasOwn(this, '_style') || this._settingCssText) {
      originalAttrModified.call(this, name, value, oldValue);
      return;
    }
    // No declaration yet: the first read of `_style` parses the attribute as it is then.
    // Holding the flag makes jsdom's hook skip its own re-parse and do the rest.
    this._settingCssText = true;
    try {
      originalAttrModified.call(this, name, value, oldValue);
    } finally {
      this._settingCssText = false;
    }
  };
  Object.defineProperty(prototype, PATCHED, { value: true });
}

/**
 * Applies the patch when jsdom's internals have the expected shape; returns whether it is
 * in place. (The test suite also pins the jsdom version the patch was tested against.)
 */
function applyLazyInlineStyle(): boolean {
  const prototypes = loadPrototypes();
  if (!prototypes) return false;
  if (prototypes.every((prototype) => Object.hasOwn(prototype, PATCHED))) return true;
  if (!prototypes.every(hasExpectedShape)) return false;
  for (const prototype of prototypes) patchPrototype(prototype);
  return true;
}

/** Whether the patch is in place (false: jsdom's internals were not the expected shape). */
export const LAZY_INLINE_STYLE_APPLIED: boolean = applyLazyInlineStyle();
