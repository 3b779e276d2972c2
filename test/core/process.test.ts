import { decodeInput } from '../../lambdas/core/decode';
import { EmptyInputError, InputTooLargeError } from '../../lambdas/core/errors';
import { isArticleNode } from '../../lambdas/core/jsonld';
import { processArticle, processArticleTimed } from '../../lambdas/core/process';
import type { JsonLdDocument, JsonLdNode } from '../../lambdas/core/types';

const utf8 = (text: string) => new TextEncoder().encode(text);
const NOW = new Date('2024-06-01T00:00:00Z');

const PAGE = `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>Bridge repairs finish early | Valley Times</title>
<link rel="canonical" href="https://valley.example/news/bridge-repairs">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","headline":"Bridge repairs finish early","datePublished":"2024-04-02T10:00:00+02:00","author":"Nora Quist","copyrightYear":"2024"}</script>
<script type="application/ld+json">{"@type": "BreadcrumbList",,}</script>
</head>
<body>
<article>
<h1>Bridge repairs finish early</h1>
<p>Repairs to the old stone bridge over the river finished two weeks ahead of schedule, the regional roads office said on Tuesday.</p>
<p>The bridge will reopen to cars on Friday morning. Buses will return to their usual route from the following Monday, once the new signs are in place.</p>
<p>Engineers replaced the worn paving, strengthened two arches and added a footpath on the downstream side.</p>
</article>
</body>
</html>
`;

function article(jsonld: JsonLdDocument): JsonLdNode {
  const articles = jsonld['@graph'].filter(isArticleNode);
  expect(articles).toHaveLength(1);
  return articles[0] as JsonLdNode;
}

function jsonLdBlocks(page: string): string[] {
  return [...page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
    (match) => match[1] ?? '',
  );
}

describe('processArticle', () => {
  it('turns an HTML page into facts, a graph, a report and an enriched page', () => {
    // WHEN
    const result = processArticle(utf8(PAGE), { sourceName: 'bridge.html', now: NOW });
    // THEN
    expect(result.kind).toBe('html');
    expect(result.encoding).toBe('utf-8');
    expect(result.facts.headline?.value).toBe('Bridge repairs finish early');
    const node = article(result.jsonld);
    expect(node).toMatchObject({
      '@id': 'https://valley.example/news/bridge-repairs#article',
      headline: 'Bridge repairs finish early',
      copyrightYear: '2024',
    });
    expect(result.report.errors).toEqual([]);
    expect(result.pageEncoding).toBe('utf-8');
    // The page's article block was replaced by ours; the malformed block stays, and is reported.
    const page = new TextDecoder().decode(result.page);
    const blocks = jsonLdBlocks(page);
    expect(blocks).toHaveLength(2);
    expect(blocks).toContain('{"@type": "BreadcrumbList",,}');
    expect(JSON.parse(blocks.find((block) => block.includes('#article')) ?? '')).toEqual(result.jsonld);
    expect(result.notices).toEqual([expect.stringContaining('JSON-LD block 1 is malformed')]);
    expect(page).toContain('<p>Engineers replaced the worn paving');
  });

  it('publishes a UTF-8 page whose stale legacy charset was overruled as declaring utf-8', () => {
    // GIVEN the page re-saved as UTF-8 but still declaring GB2312, with non-ASCII text
    const stale = PAGE.replace(
      '<meta charset="utf-8">',
      '<meta http-equiv="content-type" content="text/html;charset=GB2312">',
    ).replace('finished two weeks', 'finished (完成) two weeks');
    // WHEN processed
    const result = processArticle(utf8(stale), { sourceName: 'bridge.html', now: NOW });
    // THEN it was read as UTF-8 and the published page says utf-8, so browsers read it right too
    expect(result.encoding).toBe('utf-8');
    expect(result.pageEncoding).toBe('utf-8');
    const page = new TextDecoder().decode(result.page);
    expect(page).toContain('finished (完成) two weeks');
    expect(page).toMatch(/<meta http-equiv="Content-Type" content="text\/html; charset=utf-8">/);
    expect(page).not.toMatch(/GB2312/i);
  });

  it('uses the site-wide publisher (and its logo) for the page', () => {
    const result = processArticle(utf8(PAGE), {
      sourceName: 'bridge.html',
      publisher: { name: 'Valley Times', logo: 'https://valley.example/logo.png' },
    });
    const organization = result.jsonld['@graph'].find((node) => node['@type'] === 'Organization');
    expect(organization).toMatchObject({
      name: 'Valley Times',
      logo: { url: 'https://valley.example/logo.png' },
    });
    expect(article(result.jsonld).publisher).toEqual({ '@id': organization?.['@id'] });
  });

  it('writes a windows-1252 page back as UTF-8 that says so', () => {
    // GIVEN a legacy page declaring its charset
    const legacy = PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">').replace(
      'Bridge repairs finish early</h1>',
      'Obras na ponte terminam cedo – já</h1>',
    );
    const bytes = Uint8Array.from(
      [...legacy].map((character) => (character === '–' ? 0x96 : character.charCodeAt(0))),
    );
    // WHEN
    const result = processArticle(bytes, { sourceName: 'ponte.html' });
    // THEN
    expect(result.encoding).toBe('windows-1252');
    expect(result.pageEncoding).toBe('utf-8');
    const reread = decodeInput(result.page, { sourceName: 'ponte.html' });
    expect(reread.encoding).toBe('utf-8');
    expect(reread.text).toContain('<meta charset="utf-8">');
    expect(reread.text).toContain('Obras na ponte terminam cedo – já');
    expect(result.notices.some((notice) => notice.includes('utf-8'))).toBe(true);
  });

  it('turns a plain-text article into a generated page with the graph', () => {
    const text =
      'Night trains return to the coast line\n\nBy Elif Demir\n\nThe night train between the capital and the coast will run again from June, the rail company said, after a four-year pause.\n\nTickets go on sale next week.\n';
    const result = processArticle(utf8(text), {
      sourceName: 'trains.txt',
      url: 'https://rail.example/night-trains',
    });
    expect(result.kind).toBe('text');
    expect(article(result.jsonld)).toMatchObject({
      '@id': 'https://rail.example/night-trains#article',
      headline: 'Night trains return to the coast line',
    });
    const page = new TextDecoder().decode(result.page);
    expect(page).toMatch(/^<!doctype html>/i);
    expect(jsonLdBlocks(page)).toHaveLength(1);
    expect(result.pageEncoding).toBe('utf-8');
  });

  it('turns a Markdown article into a page', () => {
    const markdown =
      '# Spring fair opens on Saturday\n\nThe spring fair returns to the park with forty stalls and a brass band.\n';
    const result = processArticle(utf8(markdown), { sourceName: 'fair.md' });
    expect(result.kind).toBe('markdown');
    expect(article(result.jsonld).headline).toBe('Spring fair opens on Saturday');
    expect(jsonLdBlocks(new TextDecoder().decode(result.page))).toHaveLength(1);
  });

  it('throws typed input errors for files that cannot become articles', () => {
    expect(() => processArticle(new Uint8Array(0), { sourceName: 'x.html' })).toThrow(EmptyInputError);
    expect(() => processArticle(utf8(PAGE), { sourceName: 'x.html', maxBytes: 64 })).toThrow(
      InputTooLargeError,
    );
  });

  it('reports the time of every stage with the timed variant, and keeps it out of the plain result', () => {
    const timed = processArticleTimed(utf8(PAGE), { sourceName: 'bridge.html' });
    expect(Object.keys(timed.timings).sort()).toEqual(
      ['decode', 'encode', 'enrich', 'extract', 'jsonld', 'parse', 'validate'].sort(),
    );
    for (const value of Object.values(timed.timings)) expect(value).toBeGreaterThanOrEqual(0);
    expect('timings' in processArticle(utf8(PAGE), { sourceName: 'bridge.html' })).toBe(false);
  });
});
