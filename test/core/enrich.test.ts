import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { decodeInput } from '../../lambdas/core/decode';
import {
  applyEdits,
  charsetEdits,
  encodePage,
  type PageEdit,
  planEnrichment,
} from '../../lambdas/core/enrich';
import { htmlTokens, type StartTagToken } from '../../lambdas/core/html-tokens';
import { buildArticleGraph } from '../../lambdas/core/jsonld';
import type { ArticleFacts, JsonLdDocument } from '../../lambdas/core/types';

const CANONICAL = 'https://news.example.com/a';

function facts(): ArticleFacts {
  return {
    headline: { value: 'Harbour "reopens" <after> storm & more', source: 'meta' },
    description: { value: 'Ferries run again.', source: 'meta' },
    authors: { value: [{ name: 'Ana Souza' }], source: 'markup' },
    datePublished: { value: '2024-05-01T08:00:00+02:00', source: 'meta' },
    dateModified: { value: '2024-05-02T08:00:00+02:00', source: 'meta' },
    images: { value: ['https://cdn.example.com/h.jpg'], source: 'opengraph' },
    canonicalUrl: { value: CANONICAL, source: 'meta' },
    inLanguage: { value: 'pt-PT', source: 'meta' },
  };
}

const GRAPH: JsonLdDocument = buildArticleGraph(facts());

/** One window for every parse; DOMParser documents never run scripts. */
const window = new JSDOM('').window;
afterAll(() => window.close());
const parse = (html: string) => new window.DOMParser().parseFromString(html, 'text/html');
/** The enriched page as one text, as the pipeline's splices make it. */
const enrichHtml = (...args: Parameters<typeof planEnrichment>) =>
  applyEdits(args[0], planEnrichment(...args));

/** The original text with the edits' removals applied and their insertions left out. */
function withoutInsertions(original: string, edits: readonly PageEdit[]): string {
  return applyEdits(
    original,
    edits.map((edit) => ({ ...edit, text: '' })),
  );
}

/**
 * Strips the inserted ranges from the OUTPUT, found by walking the edits: proves every
 * byte outside them is the original's (minus removed blocks).
 */
function stripInsertedRanges(output: string, edits: readonly PageEdit[]): string {
  let result = '';
  let outputPosition = 0;
  let originalPosition = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    const keptLength = edit.start - originalPosition;
    result += output.slice(outputPosition, outputPosition + keptLength);
    outputPosition += keptLength + edit.text.length;
    originalPosition = edit.end;
  }
  return result + output.slice(outputPosition);
}

function jsonLdScripts(document: Document): Element[] {
  return Array.from(document.querySelectorAll('script')).filter(
    (script) => script.getAttribute('type') === 'application/ld+json',
  );
}

describe('html tokenizer', () => {
  const startTags = (html: string) =>
    htmlTokens(html).filter((token): token is StartTagToken => token.kind === 'startTag');

  it('reads uppercase tags and quoted attribute values holding ">"', () => {
    const tags = startTags('<HTML LANG=en><META content="a > b" NAME=\'x>y\'>');
    expect(tags.map((tag) => tag.name)).toEqual(['html', 'meta']);
    expect(tags[1]?.attributes).toEqual([
      { name: 'content', value: 'a > b', start: 20, end: 35 },
      { name: 'name', value: 'x>y', start: 36, end: 46 },
    ]);
  });

  it('sees no tags inside comments, bogus comments or raw text', () => {
    const html =
      '<!-- <head> --><![CDATA[ x ]]><? <body> ?><title><head></title><script>if(a</head>)"<body>"</script><style>/*<div>*/</style><p>';
    expect(startTags(html).map((tag) => tag.name)).toEqual(['title', 'script', 'style', 'p']);
  });

  it('ends a bogus CDATA comment at its first ">" as browsers do', () => {
    // `<![CDATA[ <b>` is a bogus comment ending at the `>` of `<b>`; ` ]]>` is text.
    const tokens = htmlTokens('<![CDATA[ <b> ]]><i>');
    expect(tokens.map((token) => token.kind)).toEqual(['comment', 'text', 'startTag']);
  });

  it('keeps "</script>" inside an escaped script comment when a <script> opened it', () => {
    const html = '<script><!-- document.write("<script>x</script>"); --></script><p>';
    const tokens = htmlTokens(html);
    const raw = tokens.find((token) => token.kind === 'rawText');
    expect(raw && html.slice(raw.start, raw.end)).toBe('<!-- document.write("<script>x</script>"); -->');
    expect(startTags(html).map((tag) => tag.name)).toEqual(['script', 'p']);
  });

  it('agrees with jsdom on where elements start, on tricky markup', () => {
    const html =
      '<!DOCTYPE html><html><head><!--a--!><title>T<b></title><script>"</SCRIPT x"</script ><svg><style><![CDATA[</style>]]></style></svg><meta name=n content=">"></head><body></body></html>';
    const document = parse(html);
    expect(document.title).toBe('T<b>');
    expect(document.querySelector('meta')?.getAttribute('content')).toBe('>');
    const names = startTags(html).map((tag) => tag.name);
    expect(names).toEqual(['html', 'head', 'title', 'script', 'svg', 'style', 'meta', 'body']);
  });
});

describe('planEnrichment, applied', () => {
  it('inserts one JSON-LD block and the missing head tags before </head>, keeping every other byte', () => {
    // GIVEN a page with no structured data
    const html =
      '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>Harbour</title>\n</head>\n<body><h1>Harbour</h1></body>\n</html>\n';
    // WHEN
    const edits = planEnrichment(html, GRAPH, facts());
    const output = applyEdits(html, edits);
    // THEN only insertions, and removing them gives the original back
    expect(edits.every((edit) => edit.start === edit.end)).toBe(true);
    expect(stripInsertedRanges(output, edits)).toBe(html);
    const document = parse(output);
    expect(document.documentElement.lang).toBe('pt-PT');
    const head = document.head;
    expect(head.querySelector('meta[name="description"]')?.getAttribute('content')).toBe(
      'Ferries run again.',
    );
    expect(head.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(CANONICAL);
    expect(head.querySelector('meta[property="og:title"]')?.getAttribute('content')).toBe(
      'Harbour "reopens" <after> storm & more',
    );
    expect(head.querySelector('meta[property="og:type"]')?.getAttribute('content')).toBe('article');
    expect(head.querySelector('meta[property="og:url"]')?.getAttribute('content')).toBe(CANONICAL);
    expect(head.querySelector('meta[property="og:image"]')?.getAttribute('content')).toBe(
      'https://cdn.example.com/h.jpg',
    );
    expect(head.querySelector('meta[property="article:published_time"]')?.getAttribute('content')).toBe(
      '2024-05-01T08:00:00+02:00',
    );
    expect(head.querySelector('meta[property="article:modified_time"]')?.getAttribute('content')).toBe(
      '2024-05-02T08:00:00+02:00',
    );
    const scripts = jsonLdScripts(document);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]?.parentElement).toBe(head);
    expect(JSON.parse(scripts[0]?.textContent ?? '')).toEqual(GRAPH);
    expect(document.body.innerHTML.trim()).toBe('<h1>Harbour</h1>');
  });

  it('adds only the tags the page lacks, and leaves an existing lang alone', () => {
    const html =
      '<html lang="pt"><head><meta name="Description" content="Mine"><link rel="alternate canonical" href="https://x/">' +
      '<meta name="og:title" content="Mine"><meta property="og:type" content="website"></head><body><p>x</p></body></html>';
    const document = parse(enrichHtml(html, GRAPH, facts()));
    expect(document.documentElement.lang).toBe('pt');
    expect(document.querySelectorAll('meta[name="Description"], meta[name="description"]')).toHaveLength(1);
    expect(document.querySelectorAll('link[rel~="canonical"]')).toHaveLength(1);
    expect(document.querySelectorAll('meta[property="og:title"], meta[name="og:title"]')).toHaveLength(1);
    expect(document.querySelector('meta[property="og:type"]')?.getAttribute('content')).toBe('website');
    expect(document.querySelector('meta[property="og:description"]')).not.toBeNull();
  });

  it('fills an empty lang attribute, the one attribute it rewrites', () => {
    const html = '<html class="" lang=""><head></head><body></body></html>';
    const edits = planEnrichment(html, GRAPH, facts());
    const output = applyEdits(html, edits);
    expect(output.startsWith('<html class="" lang="pt-PT"><head>')).toBe(true);
    expect(
      edits.filter((edit) => edit.end > edit.start).map((edit) => html.slice(edit.start, edit.end)),
    ).toEqual(['lang=""']);
  });

  it.each([
    ['no <head>', '<html><title>T</title><p>Body</p></html>'],
    ['no <html> and no <head>', '<!doctype html><title>T</title><p>Body</p>'],
    ['only body content', '<p>Body</p>'],
    ['uppercase tags', '<HTML><HEAD><TITLE>T</TITLE></HEAD><BODY><P>Body</P></BODY></HTML>'],
    [
      'a comment holding <head> and </head>',
      '<!-- <head></head> --><html><head><title>T</title></head><body><p>Body</p></body></html>',
    ],
    [
      'CDATA holding <head',
      '<![CDATA[ <head class="x" ]]><html><head><title>T</title></head><body><p>Body</p></body></html>',
    ],
    [
      'a script holding "</head>"',
      '<html><head><script>var s = "</head><body>";</script><title>T</title></head><body><p>Body</p></body></html>',
    ],
    [
      'an attribute holding ">"',
      '<html><head><meta name="x" content="</head>"><title>T</title></head><body><p>Body</p></body></html>',
    ],
    ['a head closed by body content', '<html><head><title>T</title><p>Body</p></head><body></body></html>'],
  ])('puts the tags in the head on a page with %s', (_case, html) => {
    // WHEN
    const edits = planEnrichment(html, GRAPH, facts());
    const output = applyEdits(html, edits);
    // THEN the original bytes survive and the browser sees the tags in the head
    expect(stripInsertedRanges(output, edits)).toBe(html);
    const document = parse(output);
    expect(document.documentElement.lang).toBe('pt-PT');
    expect(document.head.querySelector('meta[name="description"]')).not.toBeNull();
    expect(document.head.querySelector('link[rel="canonical"]')).not.toBeNull();
    const scripts = jsonLdScripts(document);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]?.parentElement).toBe(document.head);
    expect(document.body.textContent).toBe('Body');
  });

  it('replaces the page’s article blocks and keeps other and malformed blocks', () => {
    // GIVEN an article block, a breadcrumb block and a malformed block (body)
    const articleBlock =
      '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Old"}</script>';
    const breadcrumbBlock = '<script type="application/ld+json">{"@type":"BreadcrumbList"}</script>';
    const malformedBlock = '<script type="application/ld+json">{"@type": "Article",</script>';
    const html = `<html><head><title>T</title>${articleBlock}\n${breadcrumbBlock}</head><body>${malformedBlock}<p>x</p></body></html>`;
    // WHEN the blocks are found by the enrich step itself
    const edits = planEnrichment(html, GRAPH, facts());
    const output = applyEdits(html, edits);
    // THEN exactly the article block is removed
    const removals = edits.filter((edit) => edit.end > edit.start);
    expect(removals.map((edit) => html.slice(edit.start, edit.end))).toEqual([articleBlock]);
    expect(stripInsertedRanges(output, edits)).toBe(withoutInsertions(html, edits));
    expect(withoutInsertions(html, edits)).toBe(html.replace(articleBlock, ''));
    const texts = jsonLdScripts(parse(output)).map((script) => script.textContent ?? '');
    expect(texts).toHaveLength(3);
    expect(texts).toContain('{"@type":"BreadcrumbList"}');
    expect(texts).toContain('{"@type": "Article",');
    expect(texts.filter((text) => text.includes('"Old"'))).toEqual([]);
  });

  it('removes the blocks the caller names by index when the block counts agree', () => {
    const html =
      '<head><script type="application/ld+json">{"a":1}</script><script type="application/ld+json">{"b":2}</script></head><p>x</p>';
    const byIndex = applyEdits(
      html,
      planEnrichment(html, GRAPH, facts(), { replaceBlocks: { indexes: [1], blockCount: 2 } }),
    );
    expect(byIndex).toContain('{"a":1}');
    expect(byIndex).not.toContain('{"b":2}');
    // A count that disagrees with the page falls back to reading the blocks (neither is an article).
    const mismatch = applyEdits(
      html,
      planEnrichment(html, GRAPH, facts(), { replaceBlocks: { indexes: [1], blockCount: 3 } }),
    );
    expect(mismatch).toContain('{"b":2}');
  });

  it('ignores JSON-LD inside <template>, which the DOM does not see either', () => {
    const html =
      '<head><title>T</title></head><body><template><script type="application/ld+json">{"@type":"Article"}</script></template><p>x</p></body>';
    const edits = planEnrichment(html, GRAPH, facts());
    expect(edits.filter((edit) => edit.end > edit.start)).toEqual([]);
  });

  it('escapes page text in attributes and in the JSON-LD', () => {
    const output = enrichHtml('<head></head><body></body>', GRAPH, facts());
    expect(output).toContain('content="Harbour &quot;reopens&quot; &lt;after&gt; storm &amp; more"');
    expect(output).toContain('Harbour \\"reopens\\" \\u003cafter\\u003e storm \\u0026 more');
  });

  it('keeps the bytes of any page outside the inserted ranges (property)', () => {
    const fragment = fc.constantFrom(
      '<!DOCTYPE html>',
      '<html>',
      '<HTML class="x">',
      '<head>',
      '<HEAD>',
      '</head>',
      '<title>a</head>b</title>',
      '<!-- <head> </head> -->',
      '<![CDATA[ <head> ]]>',
      '<script>var x = "</head><body>";</script>',
      '<script><!-- <script> </script> --></script>',
      '<meta name="a" content="> </head>">',
      '<style>head{}</style>',
      '<script type="application/ld+json">{"@type":"WebSite"}</script>',
      '<script type="application/ld+json">{"@type":"Article","headline":"h"}</script>',
      '<body>',
      '<p>text</p>',
      '  \n',
      'plain text',
      '</body>',
      '</html>',
      '<',
      '</>',
      '<?php x ?>',
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 14 }), (parts) => {
        const html = parts.join('');
        const edits = planEnrichment(html, GRAPH, facts());
        const output = applyEdits(html, edits);
        expect(stripInsertedRanges(output, edits)).toBe(withoutInsertions(html, edits));
        // Removals are whole article blocks only.
        for (const edit of edits.filter((item) => item.end > item.start)) {
          expect(html.slice(edit.start, edit.end)).toMatch(
            /^<script type="application\/ld\+json">.*"Article".*<\/script>$/,
          );
        }
        // The browser finds our graph exactly once.
        const graphs = jsonLdScripts(parse(output)).filter((script) =>
          (script.textContent ?? '').includes('#article'),
        );
        expect(graphs).toHaveLength(1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('encodePage', () => {
  const legacyPage =
    '<html><head><meta charset="windows-1252"><title>Café</title></head><body><p>Olá €</p></body></html>';

  it('keeps UTF-8 pages as they are', () => {
    const { bytes, encoding } = encodePage('<p>Olá</p>', 'utf-8');
    expect(encoding).toBe('utf-8');
    expect(new TextDecoder().decode(bytes)).toBe('<p>Olá</p>');
  });

  it('encodes a page with its edits not yet applied as the applied text would be, in every encoding', () => {
    // GIVEN a page with non-ASCII text (an emoji is a surrogate pair) and edits around it
    const html = '<html><head><title>Café 🎉</title></head><body><p>Olá € 😀</p></body></html>';
    const edits = [
      { start: 5, end: 5, text: ' lang="pt"' },
      {
        start: html.indexOf('</head>'),
        end: html.indexOf('</head>'),
        text: '<meta name="d" content="ação 🚀">',
      },
    ];
    for (const encoding of ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']) {
      // WHEN it is encoded piece by piece, and as one string
      const pieces = encodePage({ html, edits }, encoding);
      const whole = encodePage(applyEdits(html, edits), encoding);
      // THEN the bytes are the same
      expect(pieces.encoding).toBe(whole.encoding);
      expect(Buffer.from(pieces.bytes).equals(Buffer.from(whole.bytes))).toBe(true);
    }
    const { bytes } = encodePage({ html, edits }, 'utf-8', { staleDeclaration: true });
    expect(new TextDecoder().decode(bytes)).toContain('<p>Olá € 😀</p>');
    expect(new TextDecoder().decode(bytes)).toContain('<meta charset="utf-8">');
  });

  it('writes a legacy page as UTF-8 and rewrites its charset declaration to match', () => {
    // WHEN the page's encoding cannot be written back
    const { bytes, encoding } = encodePage(legacyPage, 'windows-1252');
    // THEN the bytes are UTF-8, the page says so, and a browser decodes the same text
    expect(encoding).toBe('utf-8');
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    expect(text).toBe(legacyPage.replace('<meta charset="windows-1252">', '<meta charset="utf-8">'));
    const decoded = decodeInput(bytes, { sourceName: 'page.html' });
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toContain('Olá €');
  });

  it('rewrites an http-equiv declaration and adds one when the page has none', () => {
    const httpEquiv =
      '<head><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=iso-8859-1"></head><p>é</p>';
    expect(applyEdits(httpEquiv, charsetEdits(httpEquiv, 'utf-8'))).toBe(
      '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><p>é</p>',
    );
    const bare = '<!doctype html><html><head><title>é</title></head></html>';
    expect(applyEdits(bare, charsetEdits(bare, 'utf-8'))).toBe(
      '<!doctype html><html><head><meta charset="utf-8"><title>é</title></head></html>',
    );
    const noHead = '<!doctype html><p>é</p>';
    expect(applyEdits(noHead, charsetEdits(noHead, 'utf-8'))).toBe(
      '<!doctype html><meta charset="utf-8"><p>é</p>',
    );
  });
});
