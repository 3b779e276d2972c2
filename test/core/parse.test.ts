import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PageTooComplexError } from '../../lambdas/core/errors';
import { parseHtml, resetParser } from '../../lambdas/core/parse';

describe('parseHtml: safety', () => {
  let server: Server;
  let origin: string;
  const requests: string[] = [];

  beforeAll(async () => {
    // A real server that records any fetch the parser might attempt.
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.setHeader('content-type', 'text/html');
      response.end('<script>globalThis.__framed = true</script>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    resetParser();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('page scripts and inline event handlers never run', () => {
    // GIVEN a page that tries to run code in every usual way
    const html = `<html><head><title>Original</title>
      <script>document.title = 'hacked'; globalThis.__pwned = true;</script></head>
      <body onload="globalThis.__pwned = true"><img src="x" onerror="globalThis.__pwned = true">
      <a href="javascript:globalThis.__pwned = true">x</a><p id="p">text</p>
      <script>document.getElementById('p').textContent = 'rewritten'</script></body></html>`;
    // WHEN parsed
    const parsed = parseHtml(html);
    // THEN nothing ran: the document is as written
    expect(parsed.document.title).toBe('Original');
    expect(parsed.document.getElementById('p')?.textContent).toBe('text');
    expect((globalThis as { __pwned?: boolean }).__pwned).toBeUndefined();
    parsed.dispose();
  });

  test('no resource is fetched: images, stylesheets, iframes, scripts', async () => {
    // GIVEN a page referencing a live server in every loadable element
    const html = `<html><head><link rel="stylesheet" href="${origin}/style.css">
      <script src="${origin}/app.js"></script><style>@import url("${origin}/import.css");</style></head>
      <body><img src="${origin}/img.png"><iframe src="${origin}/frame.html"></iframe>
      <video poster="${origin}/poster.jpg"></video><object data="${origin}/obj"></object></body></html>`;
    // WHEN parsed, and the event loop is given a chance to start any fetch
    const parsed = parseHtml(html);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // THEN the server saw nothing and no window exists for the iframe or the document
    expect(requests).toEqual([]);
    expect(parsed.document.defaultView).toBeNull();
    expect(parsed.document.querySelector('iframe')?.contentWindow ?? null).toBeNull();
    expect((globalThis as { __framed?: boolean }).__framed).toBeUndefined();
    parsed.dispose();
  });

  test('hostile shapes are refused by the guard before parsing', () => {
    expect(() => parseHtml('<div>'.repeat(20_000))).toThrow(PageTooComplexError);
  });

  test('custom limits apply, and `limits: false` skips the scan for trusted HTML', () => {
    const html = '<section><div><p>three deep</p></div></section>';
    expect(() => parseHtml(html, { limits: { maxDepth: 2 } })).toThrow(/nested more than 2 levels/);
    const parsed = parseHtml(html, { limits: false });
    expect(parsed.document.querySelector('p')?.textContent).toBe('three deep');
    parsed.dispose();
  });
});

describe('parseHtml: parsing', () => {
  afterEach(() => resetParser());

  test('HTML parsing rules apply: entities, implied elements, non-ASCII text', () => {
    // GIVEN sloppy HTML
    const html =
      '<title>A &amp; B</title><p>Grüße &mdash; 日本 &#x1F600;<p>second<table><tr><td>cell</table>';
    // WHEN parsed
    const { document, dispose } = parseHtml(html);
    // THEN it is the tree a browser builds
    expect(document.title).toBe('A & B');
    expect(document.querySelectorAll('body > p')).toHaveLength(2);
    expect(document.querySelector('p')?.textContent).toBe('Grüße — 日本 😀');
    expect(document.querySelector('table > tbody > tr > td')?.textContent).toBe('cell');
    dispose();
  });

  test('noscript content is markup (scripting is off), so fallback images are visible to extraction', () => {
    const { document, dispose } = parseHtml(
      '<body><p>x</p><noscript><img src="/lead.jpg" alt="Lead"></noscript></body>',
    );
    expect(document.querySelector('noscript img')?.getAttribute('src')).toBe('/lead.jpg');
    dispose();
  });

  test('the shared window is replaced after `windowReuse` documents', () => {
    // GIVEN a reuse of 2
    const options = { windowReuse: 2 };
    // WHEN three documents are parsed
    const first = parseHtml('<p>1</p>', options);
    const second = parseHtml('<p>2</p>', options);
    const third = parseHtml('<p>3</p>', options);
    // THEN the first two share a window (same Document interface) and the third does not
    expect(first.document.constructor).toBe(second.document.constructor);
    expect(third.document.constructor).not.toBe(first.document.constructor);
    // AND documents of the retired window stay usable until disposed
    expect(first.document.querySelector('p')?.textContent).toBe('1');
    for (const parsed of [first, second, third]) parsed.dispose();
  });

  test('dispose is idempotent', () => {
    const parsed = parseHtml('<p>x</p>', { windowReuse: 1 });
    parsed.dispose();
    expect(() => parsed.dispose()).not.toThrow();
    // A new document after disposal still parses.
    const next = parseHtml('<p>y</p>', { windowReuse: 1 });
    expect(next.document.querySelector('p')?.textContent).toBe('y');
    next.dispose();
  });

  test('an invalid windowReuse is a clear error', () => {
    expect(() => parseHtml('<p>x</p>', { windowReuse: 0 })).toThrow(/windowReuse must be a positive integer/);
  });
});
