import { PageTooComplexError } from '../../lambdas/core/errors';
import { assertParseable, DEFAULT_PARSE_LIMITS, measureHtml } from '../../lambdas/core/guard';
import { parseHtml } from '../../lambdas/core/parse';

const refusal = (html: string, limits = {}): PageTooComplexError => {
  try {
    assertParseable(html, limits);
  } catch (error) {
    if (error instanceof PageTooComplexError) return error;
    throw error;
  }
  throw new Error('expected a PageTooComplexError');
};

describe('assertParseable: hostile pages are refused with a precise reason', () => {
  test('100,000 nested elements', () => {
    // GIVEN nesting far beyond anything real
    const html = `<body>${'<div>'.repeat(100_000)}deep`;
    // WHEN scanned THEN refused for depth
    const error = refusal(html);
    expect(error.code).toBe('PAGE_TOO_COMPLEX');
    expect(error.message).toContain(`nested more than ${DEFAULT_PARSE_LIMITS.maxDepth} levels deep`);
  });

  test('self-closing syntax on HTML elements still nests (only SVG/MathML honour "/>")', () => {
    // GIVEN 10,000 `<div/>` (HTML ignores the slash) and 10,000 `<path/>` inside one SVG
    const divs = '<div/>'.repeat(10_000);
    const svg = `<svg viewBox="0 0 1 1">${'<path d="M0 0"/>'.repeat(10_000)}</svg>`;
    // THEN the divs are refused as deep, the SVG passes
    expect(refusal(divs).message).toContain('levels deep');
    expect(() => assertParseable(svg)).not.toThrow();
  });

  test('100,000 attributes on one element', () => {
    const attributes = Array.from({ length: 100_000 }, (_, i) => `data-a${i}="x"`).join(' ');
    const error = refusal(`<div ${attributes}>x</div>`);
    expect(error.message).toContain(
      `a <div> element with more than ${DEFAULT_PARSE_LIMITS.maxAttributesPerElement} attributes`,
    );
  });

  test('many elements each just under the per-element attribute limit', () => {
    // GIVEN 1,000 elements of 200 attributes (200,000 in all)
    const attributes = Array.from({ length: 200 }, (_, i) => `a${i}=1`).join(' ');
    const html = `<i ${attributes}>x</i>`.repeat(1_000);
    // THEN refused on the document total
    expect(refusal(html).message).toContain(
      `more than ${DEFAULT_PARSE_LIMITS.maxAttributes} attributes in all`,
    );
  });

  test('unclosed formatting tags in bulk, each different (the parser re-creates them after every block)', () => {
    // GIVEN 150 paragraphs each opening one more distinct <b> (jsdom would build ~11,000 elements)
    const html = Array.from({ length: 150 }, (_, i) => `<p><b class="c${i}">x`).join('');
    // THEN refused before jsdom sees it
    expect(refusal(html).message).toContain('unclosed formatting tags');
    // AND the same shape past the active-list limit is refused for that
    const wide = `${Array.from({ length: 150 }, (_, i) => `<font size=${i}>`).join('')}<p>x`;
    expect(refusal(wide).message).toContain(
      `more than ${DEFAULT_PARSE_LIMITS.maxActiveFormattingElements} formatting tags`,
    );
  });

  test('identical unclosed formatting tags are bounded by the parser (three copies) and pass', () => {
    // GIVEN 300 identical <b> then 300 paragraphs
    const html = `${'<b>'.repeat(300)}${'<p>x'.repeat(300)}`;
    // WHEN scanned and parsed
    const shape = measureHtml(html);
    const parsed = parseHtml(html);
    // THEN the scan's element count matches the real tree
    expect(shape.maxActiveFormatting).toBe(3);
    expect(parsed.document.body.querySelectorAll('*').length).toBe(shape.elements);
    parsed.dispose();
  });

  test('a 20 MB text node is refused cleanly (no crash, no stack overflow)', () => {
    // GIVEN one 20 MB text run
    const html = `<p>${'word '.repeat(4_000_000)}</p>`;
    // WHEN scanned THEN the typed refusal names the size
    expect(refusal(html).message).toContain('a text run of 20000000 characters');
    // AND it can be measured without limits
    expect(measureHtml(html).maxTextNodeLength).toBe(20_000_000);
  });

  test('a 1 MB attribute value passes and parses intact', () => {
    // GIVEN an inline image of 1 MB
    const value = `data:image/png;base64,${'A'.repeat(1024 * 1024)}`;
    const html = `<article><h1>T</h1><img alt="chart" src="${value}"></article>`;
    // WHEN guarded and parsed
    expect(() => assertParseable(html)).not.toThrow();
    const parsed = parseHtml(html);
    // THEN the value survives
    expect(parsed.document.querySelector('img')?.getAttribute('src')).toHaveLength(value.length);
    parsed.dispose();
  });

  test('a literal "<" in text does not split the text run it belongs to', () => {
    // GIVEN a text run full of "< " (not tags)
    const html = `<p>${'x < y '.repeat(1_000)}</p>`;
    // THEN it is measured as one run, and refused as one when over the limit
    expect(measureHtml(html).maxTextNodeLength).toBe(6_000);
    expect(refusal(html, { maxTextNodeLength: 5_000 }).message).toContain('a text run of 6000 characters');
  });

  test('an attribute value over the limit is refused', () => {
    const error = refusal(`<img src="${'A'.repeat(3 * 1024 * 1024)}">`);
    expect(error.message).toContain('a <img> attribute value of 3145728 characters');
  });

  test('more elements than the limit are refused', () => {
    expect(refusal('<span>x</span>'.repeat(100), { maxElements: 99 }).message).toContain(
      'more than 99 elements',
    );
  });
});

describe('assertParseable: real-world shapes pass', () => {
  test('implied end tags (unclosed p, li, td, option) do not count as nesting', () => {
    // GIVEN sloppy but ordinary markup repeated thousands of times
    const list = `<ul>${'<li>item'.repeat(3_000)}</ul>`;
    const paragraphs = '<p>para'.repeat(3_000);
    const table = `<table>${'<tr><td>a<td>b'.repeat(2_000)}</table>`;
    const select = `<select>${'<option>o'.repeat(3_000)}</select>`;
    const definitions = `<dl>${'<dt>t<dd>d'.repeat(2_000)}</dl>`;
    // THEN all pass, and stay shallow
    for (const html of [list, paragraphs, table, select, definitions]) {
      expect(() => assertParseable(html)).not.toThrow();
      expect(measureHtml(html).maxDepth).toBeLessThan(6);
    }
  });

  test('markup inside script, style, textarea and comments is not counted', () => {
    const fake = '<div>'.repeat(5_000);
    const html = `<script>var s="${fake}";</script><style>/*${fake}*/</style><textarea>${fake}</textarea><!--${fake}--><p>ok</p>`;
    expect(measureHtml(html)).toMatchObject({ maxDepth: 1, elements: 4 });
  });

  test('the scan agrees with jsdom on depth and element count for an ordinary page', () => {
    // GIVEN a small page with the usual sloppiness
    const html = `<!doctype html><html><head><title>t</title><meta charset=utf-8></head><body>
      <header><nav><ul><li><a href=/>Home<li><a href=/news>News</a></ul></nav></header>
      <main><article><h1>Title</h1><p>One <b>bold <i>both</b> italic?</i><p>Two<br>lines
      <figure><img src=a.jpg><figcaption>Cap</figcaption></figure>
      <table><tr><td>1<td>2<tr><td>3<td>4</table></article></main><footer><p>© x</footer>`;
    // WHEN measured and parsed
    const shape = measureHtml(html);
    const parsed = parseHtml(html);
    let depth = 0;
    const walk = (element: Element, level: number): void => {
      depth = Math.max(depth, level);
      for (const child of Array.from(element.children)) walk(child, level + 1);
    };
    walk(parsed.document.body, 0);
    // THEN the approximation is exact here (html/head/body are not counted in depth)
    expect(shape.maxDepth).toBe(depth);
    expect(shape.elements).toBe(parsed.document.querySelectorAll('*').length);
    parsed.dispose();
  });
});
