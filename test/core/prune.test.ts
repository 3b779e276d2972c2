import { extractFacts } from '../../lambdas/core/extract';
import { readJsonLdBlocks } from '../../lambdas/core/page-json-ld';
import { parseHtml } from '../../lambdas/core/parse';
import { DEFAULT_MAX_KEPT_JSON_LENGTH, pruneForExtraction } from '../../lambdas/core/prune';

/** Pads a page past DEFAULT_MIN_PRUNE_LENGTH with article prose. */
const PROSE = `<p>${'The council met on Tuesday to discuss the harbour repairs. '.repeat(80)}</p>`;

function page(body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><title>Harbour repairs</title>${head}</head><body>${body}${PROSE}</body></html>`;
}

describe('pruneForExtraction', () => {
  test('empties inline scripts but keeps JSON-LD, small JSON islands and the script tags', () => {
    // GIVEN a page with an inline bundle, a JSON state script and a JSON-LD block
    const html = page(
      '<script>var bundle = "</div>";</script><script type="application/json">{"state":1}</script>' +
        '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Kept"}</script>',
    );
    // WHEN pruned
    const { html: pruned, removed } = pruneForExtraction(html);
    // THEN only the JavaScript is gone; every tag is still there
    expect(pruned).toContain('<script></script><script type="application/json">{"state":1}</script>');
    expect(pruned).toContain(
      '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Kept"}</script>',
    );
    expect(removed).toBe('var bundle = "</div>";'.length);
    // AND a JSON island longer than DEFAULT_MAX_KEPT_JSON_LENGTH is emptied
    const state = `{"state":"${'x'.repeat(DEFAULT_MAX_KEPT_JSON_LENGTH)}"}`;
    expect(pruneForExtraction(page(`<script type="application/json">${state}</script>`)).html).toContain(
      '<script type="application/json"></script>',
    );
  });

  test('drops comments, style and template contents, svg drawings and srcdoc', () => {
    // GIVEN each kind of content extraction never reads
    const html = page(
      '<!-- a comment --><style>p{color:red}</style><template><p>hidden</p></template>' +
        '<svg viewBox="0 0 1 1"><title>Share</title><path d="M0 0"/><g><svg><polygon points="0,0 1,1"/></svg></g></svg>' +
        '<iframe srcdoc="<p>inner page</p>"></iframe>',
    );
    // WHEN pruned
    const { html: pruned } = pruneForExtraction(html);
    // THEN the elements stay, empty; svg keeps its elements and text, not its drawing
    expect(pruned).toContain(
      '<style></style><template></template><svg viewBox="0 0 1 1"><title>Share</title><path /><g><svg><polygon /></svg></g></svg><iframe srcdoc></iframe>',
    );
    expect(pruned).not.toContain('a comment');
    expect(pruned).toContain('<body><!----><style>');
  });

  test('keeps CDATA in foreign content, noscript markup and hiding styles', () => {
    // GIVEN content that extraction may read
    const html = page(
      '<math><![CDATA[x]]></math><noscript><img src="/a.jpg"></noscript>' +
        '<div style="display: none">hidden</div><div style="color: red">shown</div>',
    );
    // WHEN pruned
    const { html: pruned } = pruneForExtraction(html);
    // THEN CDATA, noscript markup and the hiding style stay; the decorative style goes
    expect(pruned).toContain('<math><![CDATA[x]]></math><noscript><img src="/a.jpg"></noscript>');
    expect(pruned).toContain('<div style="display: none">hidden</div><div >shown</div>');
  });

  test('judges only the first of duplicate style attributes, as the parser does', () => {
    // GIVEN a decorative style followed by a duplicate that would hide the element
    const html = page('<div style="color: red" style="display:none">shown</div>');
    // WHEN pruned
    const { html: pruned } = pruneForExtraction(html);
    // THEN both go: the duplicate must not take the first one's place and hide the element
    const parsed = parseHtml(pruned);
    try {
      expect(parsed.document.querySelector('div')?.getAttribute('style')).toBeNull();
    } finally {
      parsed.dispose();
    }
  });

  test('an unclosed svg ends at the first HTML block, as in the tree builder', () => {
    // GIVEN an svg never closed, followed by the article and an HTML element with a `d` attribute
    const html = page('<svg><path d="M0 0"><p>Article text.</p><span d="kept">x</span>');
    // WHEN pruned
    const { html: pruned } = pruneForExtraction(html);
    // THEN the drawing is gone, and after the breakout `d` is an ordinary attribute again
    expect(pruned).toContain('<svg><path ><p>Article text.</p><span d="kept">x</span>');
  });

  test('leaves short pages and pages with nothing to prune untouched', () => {
    // GIVEN a short page and a long page with nothing to remove
    const short = '<p>short <!-- c --></p>';
    const long = page('<p>plain</p>');
    // WHEN pruned / THEN both come back as the same string
    expect(pruneForExtraction(short)).toEqual({ html: short, removed: 0 });
    expect(pruneForExtraction(long)).toEqual({ html: long, removed: 0 });
  });

  test('a script that hides a closing tag in its escaped state is emptied whole', () => {
    // GIVEN a script with `<!--<script>` (double-escaped: `</script>` inside does not end it)
    const html = page('<script><!--<script>x</script>y--></script><h1>Headline</h1>');
    // WHEN pruned
    const { html: pruned } = pruneForExtraction(html);
    // THEN the whole script content goes and the heading after it stays
    expect(pruned).toContain('<script></script><h1>Headline</h1>');
  });

  test('extraction reads the same facts and JSON-LD from the pruned page', () => {
    // GIVEN a realistic page with scripts, styles, svg icons and comments around an article
    const html = page(
      '<header><svg class="logo"><title>Logo</title><path d="M0"/></svg><nav><a href="/">Home</a></nav></header>' +
        '<script>window.__STATE__ = {"headline":"Wrong"};</script><style>.x{}</style>' +
        '<article><h1 style="font-weight:bold">Harbour repairs approved</h1><!-- byline -->' +
        '<p class="byline">By <a rel="author" href="/staff/ana">Ana Lopez</a></p>' +
        '<time datetime="2024-03-05T08:00:00Z">5 March 2024</time><p>The council approved the repairs.</p></article>',
      '<meta name="description" content="Repairs approved."><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Harbour repairs approved"}</script>',
    );
    const read = (text: string) => {
      const parsed = parseHtml(text);
      try {
        return {
          facts: extractFacts(parsed.document, {
            url: 'https://news.example/a',
            now: new Date('2025-01-01'),
          }),
          blocks: readJsonLdBlocks(parsed.document).map((block) => [block.index, block.nodes]),
        };
      } finally {
        parsed.dispose();
      }
    };
    // WHEN extracting from the original and from the pruned text
    const pruned = pruneForExtraction(html);
    // THEN something was pruned and the results are identical
    expect(pruned.removed).toBeGreaterThan(0);
    expect(read(pruned.html)).toEqual(read(html));
  });
});
