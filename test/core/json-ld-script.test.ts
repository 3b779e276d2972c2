import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { jsonLdScriptElement, serializeJsonLdForHtml } from '../../lambdas/core/json-ld-script';

/** Characters that must never appear raw inside the script element. */
const FORBIDDEN_PATTERN = /[<>&\u2028\u2029]/;

/** Page text at its most hostile: any code unit, plus the sequences that end or bend a script. */
const hostileString = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) }),
      fc.constantFrom(
        '</script>',
        '</SCRIPT ',
        '<script>',
        '<!--',
        '-->',
        '<![CDATA[',
        ']]>',
        '&amp;',
        '\u2028',
        '\u2029',
        '</head>',
        '"',
        '\\',
      ),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(''));

/** A graph-shaped value with the hostile string placed at a random spot (as a value or a key). */
const graphWithHostileString = fc
  .tuple(hostileString, fc.nat(4), fc.jsonValue({ maxDepth: 3 }))
  .map(([text, spot, noise]) => {
    const article: Record<string, unknown> = {
      '@type': 'NewsArticle',
      '@id': 'https://example.com/a#article',
    };
    if (spot === 0) article.headline = text;
    if (spot === 1) article.author = [{ '@type': 'Person', name: text }];
    if (spot === 2) article[text] = noise;
    if (spot === 3) article.keywords = [text, noise];
    if (spot === 4) article.about = { nested: { deeper: [text] } };
    return { '@context': 'https://schema.org', '@graph': [article, { '@type': 'WebPage', extra: noise }] };
  });

/** What a plain JSON round trip gives (e.g. -0 becomes 0): the value we must get back. */
const viaJson = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('serializeJsonLdForHtml', () => {
  /** One window, a fresh document per run (scripts never run in DOMParser documents). */
  const parser = new JSDOM('').window;
  afterAll(() => parser.close());

  it('never emits <, >, &, U+2028 or U+2029 and parses back to the same value', () => {
    fc.assert(
      fc.property(graphWithHostileString, (graph) => {
        // WHEN
        const text = serializeJsonLdForHtml(graph);
        // THEN
        expect(text).not.toMatch(FORBIDDEN_PATTERN);
        expect(JSON.parse(text)).toEqual(viaJson(graph));
      }),
      { numRuns: 500 },
    );
  });

  it('holds for any JSON value, including bare strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), hostileString), (value) => {
        const text = serializeJsonLdForHtml(value);
        expect(text).not.toMatch(FORBIDDEN_PATTERN);
        expect(JSON.parse(text)).toEqual(viaJson(value));
      }),
      { numRuns: 300 },
    );
  });

  it('in a page parsed by jsdom, yields exactly one script whose text parses back', () => {
    fc.assert(
      fc.property(graphWithHostileString, (graph) => {
        // GIVEN a page holding the serialized graph
        const page = `<!doctype html><html><head><title>t</title>${jsonLdScriptElement(graph)}</head><body><p>x</p></body></html>`;
        // WHEN a browser-grade parser reads it
        const document = new parser.DOMParser().parseFromString(page, 'text/html');
        // THEN the graph stays one script element and nothing leaks out of it
        const scripts = document.querySelectorAll('script');
        expect(scripts).toHaveLength(1);
        expect(JSON.parse(scripts[0]?.textContent ?? '')).toEqual(viaJson(graph));
        expect(document.body.innerHTML).toBe('<p>x</p>');
      }),
      { numRuns: 200 },
    );
  });

  it('with asciiOnly, writes pure ASCII that still parses back', () => {
    fc.assert(
      fc.property(graphWithHostileString, (graph) => {
        const text = serializeJsonLdForHtml(graph, { asciiOnly: true });
        expect(text).toMatch(/^[\u0020-\u007e]*$/);
        expect(text).not.toMatch(FORBIDDEN_PATTERN);
        expect(JSON.parse(text)).toEqual(viaJson(graph));
      }),
      { numRuns: 300 },
    );
  });

  it('escapes as \\u003c so that a closing script tag in a headline stays text', () => {
    // GIVEN a headline crafted to end the script element
    const graph = { headline: '</script><script>alert(1)</script><!--' };
    // WHEN
    const text = serializeJsonLdForHtml(graph);
    // THEN
    expect(text).toBe(
      '{"headline":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\u003c!--"}',
    );
  });

  it('refuses values JSON cannot represent, saying what to pass instead', () => {
    expect(() => serializeJsonLdForHtml(undefined)).toThrow(/pass an object/);
  });

  it('indents when asked, without changing the value', () => {
    const graph = { '@graph': [{ name: 'a & b' }] };
    const text = serializeJsonLdForHtml(graph, { space: 2 });
    expect(text).toContain('\n  "@graph"');
    expect(JSON.parse(text)).toEqual(graph);
  });
});
