import { JSDOM } from 'jsdom';
import { LAZY_INLINE_STYLE, parseHtml, resetParser } from '../../lambdas/core/parse';
import { loadMinifiedBundle } from '../support/minified-bundle';

/** jsdom's implementation object behind a DOM wrapper (where the declaration lives). */
const { implForWrapper } = require('jsdom/lib/jsdom/living/generated/utils') as {
  implForWrapper(wrapper: object): object;
};
const JSDOM_VERSION = (require('jsdom/package.json') as { version: string }).version;
const { LAZY_INLINE_STYLE_JSDOM_VERSION } =
  require('../../lambdas/core/lazy-inline-style') as typeof import('../../lambdas/core/lazy-inline-style');

function hasDeclaration(element: Element): boolean {
  return Object.hasOwn(implForWrapper(element), '_style');
}

function parse(html: string): Document {
  const parsed = parseHtml(html, { limits: false });
  return parsed.document;
}

afterAll(() => resetParser());

describe('lazy inline styles: the patch applies', () => {
  test('on the pinned jsdom version, parse.ts reports the patch in place', () => {
    // GIVEN the jsdom version the patch was written for
    // WHEN parse.ts has loaded
    // THEN the patch is applied (if this fails after a jsdom upgrade, re-check its internals
    // in lazy-inline-style.ts and update LAZY_INLINE_STYLE_JSDOM_VERSION)
    expect(JSDOM_VERSION).toBe(LAZY_INLINE_STYLE_JSDOM_VERSION);
    expect(LAZY_INLINE_STYLE).toBe(true);
  });

  test('parsed elements carry no declaration until .style is read', () => {
    // GIVEN a page of HTML and SVG elements, one with a style attribute
    const document = parse(
      '<div id="a" style="display: none">x</div><p id="b">y</p><svg id="s"><g id="g"/></svg>',
    );
    const elements = ['a', 'b', 's', 'g'].map((id) => document.getElementById(id) as Element);
    // WHEN nothing reads .style
    // THEN no element has built one
    expect(elements.map(hasDeclaration)).toEqual([false, false, false, false]);
    // WHEN one element's style is read
    expect((elements[1] as HTMLElement).style.cssText).toBe('');
    // THEN that element alone has one
    expect(elements.map(hasDeclaration)).toEqual([false, true, false, false]);
  });

  test('the patch also applies in a minified bundle (the page worker is one)', () => {
    // GIVEN the module bundled with jsdom, minified with kept names as the worker bundle is
    // WHEN the bundle loads (its own copy of jsdom)
    const bundled = loadMinifiedBundle<{ LAZY_INLINE_STYLE_APPLIED: boolean }>(
      'lambdas/core/lazy-inline-style.ts',
    );
    // THEN the shape check still recognises jsdom's minified internals
    expect(bundled.LAZY_INLINE_STYLE_APPLIED).toBe(true);
  }, 180_000);

  test('leaves jsdom as it is when its internals have another shape', () => {
    // GIVEN a jsdom whose HTMLElement implementation lacks the expected hooks
    let applied: boolean | undefined;
    jest.isolateModules(() => {
      jest.doMock('jsdom/lib/jsdom/living/nodes/HTMLElement-impl', () => ({
        implementation: class OtherHtmlElementImpl {
          _attrModified(): void {}
        },
      }));
      // WHEN the module loads
      applied = (
        require('../../lambdas/core/lazy-inline-style') as typeof import('../../lambdas/core/lazy-inline-style')
      ).LAZY_INLINE_STYLE_APPLIED;
    });
    // THEN it says the patch is not applied
    expect(applied).toBe(false);
  });
});

describe('lazy inline styles: behaviour through the DOM is unchanged', () => {
  test('a style attribute is read through el.style', () => {
    // GIVEN an element with an inline style
    const document = parse('<div id="a" style="display: none; color: red">x</div>');
    const element = document.getElementById('a') as HTMLElement;
    // WHEN its style is read
    // THEN the declaration holds the attribute's properties
    expect(element.style.display).toBe('none');
    expect(element.style.color).toBe('red');
    expect(element.style.length).toBe(2);
  });

  test('writing el.style writes the style attribute', () => {
    // GIVEN an element without a style attribute
    const document = parse('<p id="b">y</p>');
    const element = document.getElementById('b') as HTMLElement;
    // WHEN a property is set through .style
    element.style.color = 'green';
    element.style.setProperty('margin-top', '2px');
    // THEN the attribute says so
    expect(element.getAttribute('style')).toBe('color: green; margin-top: 2px;');
  });

  test('setAttribute after a read replaces the declaration', () => {
    // GIVEN an element whose style was read
    const document = parse('<div id="a" style="display: none">x</div>');
    const element = document.getElementById('a') as HTMLElement;
    expect(element.style.display).toBe('none');
    // WHEN the attribute is set again
    element.setAttribute('style', 'margin: 0px');
    // THEN the declaration follows it
    expect(element.style.display).toBe('');
    expect(element.style.margin).toBe('0px');
  });

  test('setAttribute before any read is what the first read sees', () => {
    // GIVEN an element with a style attribute nobody has read
    const document = parse('<div id="a" style="display: none">x</div>');
    const element = document.getElementById('a') as HTMLElement;
    // WHEN the attribute is changed and only then read
    element.setAttribute('style', 'visibility: hidden');
    // THEN the declaration holds the new value only
    expect(element.style.visibility).toBe('hidden');
    expect(element.style.display).toBe('');
  });

  test('removing the attribute empties the declaration, before or after a read', () => {
    // GIVEN two styled elements, one already read
    const document = parse('<i id="a" style="color: red">a</i><i id="b" style="color: blue">b</i>');
    const read = document.getElementById('a') as HTMLElement;
    const unread = document.getElementById('b') as HTMLElement;
    expect(read.style.color).toBe('red');
    // WHEN both lose their style attribute
    read.removeAttribute('style');
    unread.removeAttribute('style');
    // THEN neither has a declared property
    expect(read.style.cssText).toBe('');
    expect(unread.style.cssText).toBe('');
  });

  test('SVG elements read and write their style the same way', () => {
    // GIVEN an SVG drawing with inline styles
    const document = parse('<svg id="s" style="fill: blue"><g id="g"></g></svg>');
    const svg = document.getElementById('s') as unknown as SVGElement;
    const group = document.getElementById('g') as unknown as SVGElement;
    // WHEN read, set by attribute, and set through .style
    expect(svg.style.fill).toBe('blue');
    group.setAttribute('style', 'stroke: red');
    expect(group.style.stroke).toBe('red');
    group.style.stroke = 'green';
    // THEN the attribute and the declaration agree
    expect(group.getAttribute('style')).toBe('stroke: green;');
  });

  test('clones and created elements have their own styles', () => {
    // GIVEN a styled element and its deep clone
    const document = parse('<div id="a" style="color: red"><span style="color: blue">x</span></div>');
    const original = document.getElementById('a') as HTMLElement;
    const clone = original.cloneNode(true) as HTMLElement;
    const created = document.createElement('em');
    // WHEN the clone's style changes and a new element is styled
    clone.style.color = 'green';
    created.style.fontWeight = 'bold';
    // THEN each keeps its own declaration
    expect(original.style.color).toBe('red');
    expect(clone.getAttribute('style')).toBe('color: green;');
    expect((clone.firstElementChild as HTMLElement).style.color).toBe('blue');
    expect(created.getAttribute('style')).toBe('font-weight: bold;');
  });

  test('getComputedStyle sees inline styles in a window', () => {
    // GIVEN a window-backed document with an inline style
    const dom = new JSDOM('<p id="p" style="display: none; color: rgb(1, 2, 3)">x</p>');
    const element = dom.window.document.getElementById('p') as HTMLElement;
    // WHEN its computed style is read
    const computed = dom.window.getComputedStyle(element);
    // THEN the inline declarations count
    expect(computed.display).toBe('none');
    expect(computed.color).toBe('rgb(1, 2, 3)');
    dom.window.close();
  });
});
