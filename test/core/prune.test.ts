import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractFacts } from '../../lambdas/core/extract';
import { readJsonLdBlocks } from '../../lambdas/core/page-json-ld';
import { parseHtml } from '../../lambdas/core/parse';
import {
  DEFAULT_MAX_KEPT_JSON_LENGTH,
  isUnreadAttribute,
  pruneForExtraction,
} from '../../lambdas/core/prune';

const REPO = path.resolve(__dirname, '../..');

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

  test('drops comments, style and template contents, svg drawing attributes and srcdoc', () => {
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
      '<style></style><template></template><svg ><title>Share</title><path /><g><svg><polygon /></svg></g></svg><iframe srcdoc></iframe>',
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

  test('drops whitespace-only text that separates no words, and keeps one that does', () => {
    // GIVEN pretty-printed markup: indentation between blocks, a space between two links,
    // whitespace next to text that already has some, and a preformatted block
    const html = page(
      '<ul>\n  <li>\n    <a href="/a">One</a>\n  </li>\n  <li><a href="/b">Two</a> <a href="/c">Three</a></li>\n</ul>\n' +
        '<p>Ends with space </p>\n<p>next</p><div>a</div>\n<div> b</div>\n<pre>\n  code\n\n</pre>\n',
      '\n  <meta name="a" content="b">\n  ',
    );
    // WHEN pruned
    const { html: pruned } = pruneForExtraction(html);
    // THEN whitespace between block boundaries goes where other whitespace separates the
    // same words; next to an inline element (a link) it stays
    expect(pruned).toContain(
      '<title>Harbour repairs</title><meta name="a" content="b"></head><body><ul><li>\n    <a href="/a">One</a>\n  </li>' +
        '<li><a href="/b">Two</a> <a href="/c">Three</a></li>\n</ul>',
    );
    // AND whitespace next to text that has its own goes, and one between two words stays
    expect(pruned).toContain('</ul><p>Ends with space </p><p>next</p><div>a</div><div> b</div>\n<pre>');
    // AND preformatted text is untouched
    expect(pruned).toContain('<pre>\n  code\n\n</pre>');
    // AND the words of every element's text are the same as before
    const words = (text: string) => {
      const parsed = parseHtml(text);
      try {
        return Array.from(parsed.document.querySelectorAll('*')).map((element) =>
          (element.textContent ?? '').trim().split(/\s+/),
        );
      } finally {
        parsed.dispose();
      }
    };
    expect(words(pruned)).toEqual(words(html));
  });

  test('drops attributes no rule reads and keeps those rules read', () => {
    // GIVEN an element with event handlers, aria and data attributes, and loading hints
    const html = page(
      '<img src="/a.jpg" data-src="/lazy.jpg" data-track="x" loading="lazy" onclick="go()" aria-describedby="d" aria-hidden="true" class="hero">' +
        '<div data-testid="byline" tabindex="0" jsaction="click:x">By Ana</div>',
    );
    // WHEN pruned
    const { html: pruned } = pruneForExtraction(html);
    // THEN only the unread attributes go
    expect(pruned).toContain('<img src="/a.jpg" data-src="/lazy.jpg"     aria-hidden="true" class="hero">');
    expect(pruned).toContain('<div data-testid="byline"  >By Ana</div>');
    expect(isUnreadAttribute('onload')).toBe(true);
    expect(isUnreadAttribute('href')).toBe(false);
  });

  test('a page with <details open> leaves no timer behind', () => {
    // GIVEN a page with an open details element (jsdom queues a toggle event for it)
    const html = page('<details open><summary>More</summary><p>Inside</p></details>');
    const timersBefore = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    // WHEN the pruned page is parsed and released
    const pruned = pruneForExtraction(html).html;
    parseHtml(pruned).dispose();
    // THEN the details stay but no timer was queued
    expect(pruned).toContain('<details ><summary>More</summary>');
    expect(process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout')).toHaveLength(timersBefore);
    // AND a page too short to be pruned otherwise loses the attribute too
    expect(pruneForExtraction('<details open><p>x</p></details>').html).toBe('<details ><p>x</p></details>');
  });

  test('no rule reads an attribute the pruner drops', () => {
    // GIVEN every attribute name the rules and the core mention in selectors or getAttribute
    const sources = ['lambdas/core', 'lambdas/core/rules'].flatMap((dir) =>
      fs
        .readdirSync(path.join(REPO, dir))
        .filter((name) => name.endsWith('.ts') && name !== 'prune.ts')
        .map((name) => fs.readFileSync(path.join(REPO, dir, name), 'utf8')),
    );
    const named = new Set<string>();
    for (const source of sources) {
      for (const match of source.matchAll(/(?:Attribute(?:NS)?\(\s*['"]|\[)([a-z][a-z0-9:_-]*)/g)) {
        if (match[1] !== undefined) named.add(match[1]);
      }
    }
    // THEN none of them is dropped (a rule reading a new attribute must keep it in prune.ts)
    expect(named.has('data-src')).toBe(true);
    expect([...named].filter((name) => isUnreadAttribute(name))).toEqual([]);
  });

  describe('navigation menus', () => {
    const MENU = '<ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul>';

    test('a menu closed by its own end tag is emptied; its tags stay', () => {
      // GIVEN a header menu, and a nav nested in another nav
      const html = page(
        `<header><nav class="main">${MENU}</nav></header><nav><nav>${MENU}</nav><p>More</p></nav>`,
      );
      // WHEN pruned
      const { html: pruned, removed } = pruneForExtraction(html);
      // THEN both outermost navs are empty, and `removed` counts what went
      expect(pruned).toContain('<header><nav class="main"></nav></header><nav></nav><p>The council');
      expect(removed).toBe(html.length - pruned.length);
      expect(pruned).not.toContain('Sport');
    });

    test('a menu holding microdata is kept: a publisher may be named there', () => {
      // GIVEN a nav with the publisher's microdata (name and logo) inside
      const html = page(
        `<nav>${MENU}<span itemprop="publisher" itemscope itemtype="https://schema.org/Organization"><span itemprop="name">Harbour Gazette</span></span></nav>`,
      );
      // WHEN pruned THEN the menu is whole
      expect(pruneForExtraction(html).html).toContain(`<nav>${MENU}<span itemprop="publisher"`);
    });

    test('a menu the parser closes before its end tag is kept, and so is the article after it', () => {
      // GIVEN a nav left open inside a div: `</div>` closes both, so the article is outside the nav
      // in the DOM, and the next `</nav>` (a later menu's) is far below it
      const article =
        '<article><h1>Harbour repairs approved</h1><p>The council approved the repairs.</p></article>';
      const html = page(`<div class="top"><nav>${MENU}</div>${article}<nav>${MENU}</nav>`);
      // WHEN pruned
      const { html: pruned } = pruneForExtraction(html);
      // THEN the open menu and the article are kept; the closed menu after them is emptied
      expect(pruned).toContain(`<div class="top"><nav>${MENU}</div>${article}<nav></nav>`);
      // AND a nav left open at the end of the page is kept too
      expect(pruneForExtraction(`${page('')}<nav>${MENU}`).html).toContain(`<nav>${MENU}`);
    });

    test('an emptied menu takes the cuts inside it along (comments, attributes, whitespace)', () => {
      const html = page(
        `<nav>\n  <!-- menu -->\n  <ul style="color:red"> <li>News</li> </ul>\n</nav><p>After</p>`,
      );
      const parsed = parseHtml(pruneForExtraction(html).html);
      try {
        // THEN the document is the page with an empty nav, nothing else disturbed
        expect(parsed.document.querySelector('nav')?.childNodes.length).toBe(0);
        expect(parsed.document.querySelector('nav + p')?.textContent).toBe('After');
      } finally {
        parsed.dispose();
      }
    });
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
