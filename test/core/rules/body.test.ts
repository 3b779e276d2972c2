import { JSDOM } from 'jsdom';
import { extractArticleBody } from '../../../lambdas/core/rules/body';
import { createExtractionContext } from '../../../lambdas/core/rules/context';

/** Three long paragraphs of prose: enough text for any container to be the article. */
const PARAGRAPHS = [
  'The harbour council voted on Tuesday evening to rebuild the old sea wall, ending a debate that has divided the town for most of a decade.',
  'Engineers told the meeting that the wall, built in 1894, could fail in a single winter storm, and that repairs would cost less than moving the fish market inland.',
  'Work is expected to begin in the spring, once the fishing season ends, and to last about eighteen months, the council said in a statement.',
];
const ARTICLE = PARAGRAPHS.map((text) => `<p>${text}</p>`).join('\n');

function bodyOf(html: string): string | undefined {
  const { document } = new JSDOM(html).window;
  return extractArticleBody(document, createExtractionContext(document))?.value;
}

function page(inner: string, head = ''): string {
  return `<!doctype html><html><head><title>Sea wall</title>${head}</head><body>${inner}</body></html>`;
}

describe('extractArticleBody', () => {
  test('separates paragraphs with a blank line', () => {
    // GIVEN an article of three paragraphs
    // WHEN the body is extracted
    const body = bodyOf(page(`<article>${ARTICLE}</article>`));
    // THEN the paragraphs come back in order, separated by blank lines
    expect(body).toBe(PARAGRAPHS.join('\n\n'));
  });

  test('drops the navigation', () => {
    // GIVEN a page with a nav bar of links before the article
    const html = page(`<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
      <main>${ARTICLE}</main>`);
    // WHEN / THEN the nav text is not in the body
    expect(bodyOf(html)).toBe(PARAGRAPHS.join('\n\n'));
  });

  test('drops a share bar inside the article', () => {
    // GIVEN a share bar between the headline and the text
    const html = page(`<article><h1>Sea wall to be rebuilt</h1>
      <div class="share-tools"><a href="#">Share on Facebook</a><a href="#">Tweet this</a></div>${ARTICLE}</article>`);
    // WHEN
    const body = bodyOf(html) ?? '';
    // THEN neither the share links nor the headline are body text
    expect(body).not.toMatch(/Facebook|Tweet|Sea wall to be rebuilt/);
    expect(body).toContain(PARAGRAPHS[0]);
  });

  test('drops a related-articles list', () => {
    // GIVEN a related list of teasers after the article text
    const html = page(`<article>${ARTICLE}
      <section class="relatedArticles"><h2>Related</h2><ul>
        <li><a href="/a">Ferry timetable changes for the winter months</a></li>
        <li><a href="/b">Lifeboat crew rescues two walkers stranded on the causeway</a></li>
      </ul></section></article>`);
    // WHEN / THEN
    expect(bodyOf(html)).toBe(PARAGRAPHS.join('\n\n'));
  });

  test('drops a link list without a class name as well', () => {
    // GIVEN an unnamed list of links after the text
    const html = page(`<article>${ARTICLE}<ul>
        <li><a href="/a">Ferry timetable changes</a></li><li><a href="/b">Lifeboat crew rescue</a></li>
      </ul></article>`);
    // WHEN / THEN the link list is left out
    expect(bodyOf(html)).toBe(PARAGRAPHS.join('\n\n'));
  });

  test('drops the author bio box', () => {
    // GIVEN a bio box at the end of the article
    const html = page(`<article>${ARTICLE}
      <div class="author-bio"><p>Mara Quill has covered the coast for the Gazette since 2009, writing mostly about fishing.</p></div>
      </article>`);
    // WHEN / THEN
    expect(bodyOf(html)).not.toContain('Mara Quill');
  });

  test('drops the comments', () => {
    // GIVEN a comment thread whose comments read like prose
    const html = page(`<article>${ARTICLE}</article>
      <div id="comments"><ol>
        <li><p>About time too, the wall has been crumbling since I was a child and nobody listened to us.</p></li>
        <li><p>What a waste of money, the market should have moved years ago when the land was cheap.</p></li>
      </ol></div>`);
    // WHEN / THEN
    expect(bodyOf(html)).toBe(PARAGRAPHS.join('\n\n'));
  });

  test('drops newsletter boxes, cookie banners, captions and footers', () => {
    // GIVEN the usual furniture around and inside the article
    const html =
      page(`<div class="cookie-consent"><p>We use cookies to improve your experience on our site, as explained below.</p></div>
      <article><figure><img src="wall.jpg" alt=""><figcaption>The wall in 1920. Photo: Town Archive</figcaption></figure>
      ${ARTICLE}<div class="newsletter-signup"><p>Get the Gazette's morning briefing in your inbox every weekday, free.</p></div>
      </article><footer><p>Copyright 2024 The Harbour Gazette. All rights reserved, everywhere and always.</p></footer>`);
    // WHEN
    const body = bodyOf(html) ?? '';
    // THEN only the article's paragraphs remain
    expect(body).toBe(PARAGRAPHS.join('\n\n'));
  });

  test('drops hidden elements', () => {
    // GIVEN text hidden three ways inside the article
    const html = page(`<article>${ARTICLE}
      <p hidden>Hidden by attribute, a sentence that must not appear in the body.</p>
      <p aria-hidden="true">Hidden from assistive technology, a sentence that must not appear.</p>
      <p style="color: red; display: none">Hidden by style, a sentence that must not appear either.</p>
      </article>`);
    // WHEN / THEN
    expect(bodyOf(html)).toBe(PARAGRAPHS.join('\n\n'));
  });

  test('keeps a list inside the text, one item per line', () => {
    // GIVEN a list of plain items between two paragraphs
    const html = page(`<article><p>${PARAGRAPHS[0]}</p>
      <ul><li>a new wall of reinforced concrete,</li><li>a raised walkway,</li><li>two storm gates.</li></ul>
      <p>${PARAGRAPHS[1]}</p></article>`);
    // WHEN / THEN the list is its own paragraph, one item per line
    expect(bodyOf(html)).toBe(
      `${PARAGRAPHS[0]}\n\na new wall of reinforced concrete,\na raised walkway,\ntwo storm gates.\n\n${PARAGRAPHS[1]}`,
    );
  });

  test('keeps headings, block quotes and tables as text', () => {
    // GIVEN an article with a subheading, a quote and a small table
    const html = page(`<article><p>${PARAGRAPHS[0]}</p><h2>What happens next</h2>
      <blockquote><p>We cannot wait for another storm to decide for us.</p></blockquote>
      <table><tr><th>Phase</th><th>Cost</th></tr><tr><td>Wall</td><td>4 million</td></tr></table>
      <p>${PARAGRAPHS[1]}</p></article>`);
    // WHEN
    const body = bodyOf(html);
    // THEN each block is a paragraph and table rows are lines
    expect(body).toBe(
      [
        PARAGRAPHS[0],
        'What happens next',
        'We cannot wait for another storm to decide for us.',
        'Phase | Cost\nWall | 4 million',
        PARAGRAPHS[1],
      ].join('\n\n'),
    );
  });

  test('reads <br> as a line break and <br><br> as a paragraph break', () => {
    // GIVEN a div of text split with <br> (older CMSs)
    const html = page(
      `<div class="story">${PARAGRAPHS[0]}<br>${PARAGRAPHS[1]}<br><br>${PARAGRAPHS[2]}</div>`,
    );
    // WHEN / THEN
    expect(bodyOf(html)).toBe(`${PARAGRAPHS[0]}\n${PARAGRAPHS[1]}\n\n${PARAGRAPHS[2]}`);
  });

  test('prefers the container with the prose over a longer link-heavy sidebar', () => {
    // GIVEN a sidebar with more text than the article, all of it links
    const links = Array.from(
      { length: 30 },
      (_, i) => `<li><a href="/s${i}">Story number ${i} about the town</a></li>`,
    );
    const html = page(
      `<div class="layout"><div class="col">${ARTICLE}</div><div class="col"><ul>${links.join('')}</ul></div></div>`,
    );
    // WHEN / THEN
    expect(bodyOf(html)).toBe(PARAGRAPHS.join('\n\n'));
  });

  test('does not drop a page wrapper that happens to have a boilerplate class name', () => {
    // GIVEN the whole page inside a wrapper classed like an ad slot
    const html = page(
      `<div class="ad-pusher"><nav><a href="/">Home</a></nav><article>${ARTICLE}</article></div>`,
    );
    // WHEN / THEN the article is still found
    expect(bodyOf(html)).toBe(PARAGRAPHS.join('\n\n'));
  });

  test('keeps an article wrapper classed after its comments, but never keeps a long consent dialog', () => {
    // GIVEN the article inside a div classed `comments-enabled`, and a consent dialog longer than the article
    const legalese =
      'We and our partners store and access information on your device for the purposes listed. '.repeat(8);
    const html =
      page(`<div id="onetrust-consent-sdk"><div class="ot-main-content"><p>${legalese}</p></div></div>
      <div class="story comments-enabled">${ARTICLE}</div>`);
    // WHEN / THEN the article is the body, without the dialog
    expect(bodyOf(html)).toBe(PARAGRAPHS.join('\n\n'));
  });

  test('prefers the JSON-LD articleBody when it is long and the page carries it', () => {
    // GIVEN a JSON-LD article body matching the page's text, with its own paragraph breaks
    const jsonLdBody = PARAGRAPHS.join('\n\n');
    const head = `<script type="application/ld+json">${JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Sea wall to be rebuilt',
      articleBody: jsonLdBody,
    })}</script>`;
    // WHEN
    const { document } = new JSDOM(page(`<article>${ARTICLE}</article>`, head)).window;
    const fact = extractArticleBody(document, createExtractionContext(document));
    // THEN the JSON-LD text is used, and said to be
    expect(fact).toEqual({ value: jsonLdBody, source: 'json-ld' });
  });

  test('refuses a JSON-LD articleBody that is a truncated teaser', () => {
    // GIVEN a JSON-LD body holding only the first paragraph
    const head = `<script type="application/ld+json">${JSON.stringify({
      '@type': 'NewsArticle',
      articleBody: `${PARAGRAPHS[0]} ${PARAGRAPHS[1]} ${PARAGRAPHS[0]}`.slice(0, 300),
    })}</script>`;
    const long = `${ARTICLE}${ARTICLE}${ARTICLE}`;
    // WHEN
    const { document } = new JSDOM(page(`<article>${long}</article>`, head)).window;
    const fact = extractArticleBody(document, createExtractionContext(document));
    // THEN the DOM text wins
    expect(fact?.source).toBe('markup');
  });

  test('refuses a JSON-LD articleBody that prints the text twice over', () => {
    // GIVEN a JSON-LD body holding the page's text twice (a CMS joining two copies of it)
    const twice = `${PARAGRAPHS.join('\n\n')}\n\n${PARAGRAPHS.join('\n\n')}`;
    const head = `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', articleBody: twice })}</script>`;
    // WHEN
    const { document } = new JSDOM(page(`<article>${ARTICLE}</article>`, head)).window;
    const fact = extractArticleBody(document, createExtractionContext(document));
    // THEN the page carries each word only once, so the DOM text wins
    expect(fact).toEqual({ value: PARAGRAPHS.join('\n\n'), source: 'markup' });
  });

  test('refuses a JSON-LD articleBody the page does not carry', () => {
    // GIVEN a long JSON-LD body about something else entirely
    const foreign = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. '.repeat(
      10,
    );
    const head = `<script type="application/ld+json">${JSON.stringify({ '@type': 'Article', articleBody: foreign })}</script>`;
    // WHEN
    const { document } = new JSDOM(page(`<article>${ARTICLE}</article>`, head)).window;
    const fact = extractArticleBody(document, createExtractionContext(document));
    // THEN
    expect(fact).toEqual({ value: PARAGRAPHS.join('\n\n'), source: 'markup' });
  });

  test('turns an HTML JSON-LD articleBody into text without running it', () => {
    // GIVEN a JSON-LD body written as HTML, with a script and an image in it
    const html = `${ARTICLE}<script>globalThis.ran = true</script><img src="x" onerror="globalThis.ran = true">`;
    const json = JSON.stringify({ '@type': 'NewsArticle', articleBody: html }).replace(/</g, '\\u003c');
    const head = `<script type="application/ld+json">${json}</script>`;
    // WHEN
    const { document } = new JSDOM(page(`<article>${ARTICLE}</article>`, head)).window;
    const fact = extractArticleBody(document, createExtractionContext(document));
    // THEN the text comes out as paragraphs, and nothing ran
    expect(fact).toEqual({ value: PARAGRAPHS.join('\n\n'), source: 'json-ld' });
    expect((globalThis as { ran?: boolean }).ran).toBeUndefined();
  });

  test('does not change the document', () => {
    // GIVEN a page with boilerplate to skip
    const html = page(
      `<nav><a href="/">Home</a></nav><article>${ARTICLE}<div class="share">Share</div></article>`,
    );
    const { document } = new JSDOM(html).window;
    const before = document.documentElement.outerHTML;
    // WHEN
    extractArticleBody(document, createExtractionContext(document));
    // THEN
    expect(document.documentElement.outerHTML).toBe(before);
  });

  test('picks the article holding the headline from a listing of several articles', () => {
    // GIVEN a short article followed by a longer block of teaser posts, each its own <article>
    const teaser = (n: number) =>
      `<article class="post"><h3>Teaser ${n}</h3><p>This earlier post about the lighthouse keepers of the northern isles ran to many paragraphs in the archive, number ${n}.</p><p>It is shown here again only as a recommendation for readers who liked the story above, so it is no part of it.</p></article>`;
    const html = page(`<div class="posts">
      <article class="post"><h1>Sea wall to be rebuilt</h1>${ARTICLE}</article>
      <section><h2>You may also like</h2>${[1, 2, 3].map(teaser).join('')}</section></div>`);
    // WHEN
    const body = bodyOf(html) ?? '';
    // THEN the body is the headline's article only
    expect(body).toBe(PARAGRAPHS.join('\n\n'));
  });

  test('keeps the outer container when the headline article is the only one', () => {
    // GIVEN a header <article> holding the headline while the text sits in a sibling div
    const html =
      page(`<main><article class="head"><h1>Sea wall to be rebuilt</h1><p>By Mara Quill</p></article>
      <div class="text">${ARTICLE}</div></main>`);
    // WHEN / THEN the text is not lost to the headline's article
    expect(bodyOf(html)).toContain(PARAGRAPHS[2]);
  });

  test('drops label lines, photo credits and wire credit lines left inside the article', () => {
    // GIVEN ad markers, a widget label and credit lines between and after the paragraphs
    const html = page(`<article><p>${PARAGRAPHS[0]}</p><div>Advertisement</div><p>${PARAGRAPHS[1]}</p>
      <div><strong>Read more</strong></div><p>${PARAGRAPHS[2]}</p>
      <div><span>Photo: Harbour Press Agency</span></div>
      <p>Reporting by Ivo Brant in Harwick; Editing by Lena Moor</p>
      <p><em>The Associated Press contributed to this report.</em></p></article>`);
    // WHEN
    const body = bodyOf(html);
    // THEN only the paragraphs remain
    expect(body).toBe(PARAGRAPHS.join('\n\n'));
  });

  test('keeps a paragraph that merely starts like a credit line', () => {
    // GIVEN a long paragraph of prose whose first words are "Reporting by"
    const long = `Reporting by local volunteers ${PARAGRAPHS[0]} ${PARAGRAPHS[1]} ${PARAGRAPHS[2]}`;
    const html = page(`<article><p>${long}</p>${ARTICLE}</article>`);
    // WHEN / THEN it stays in the body
    expect(bodyOf(html)).toContain(long);
  });

  test('drops a breaking-news ticker and linked teaser cards next to a short article', () => {
    // GIVEN a ticker of headlines with summaries, and teaser cards linking to other stories
    const item = (n: number) =>
      `<li><a href="/s${n}">Storm closes the coast road for the ${n}th time this winter season</a><span>Council crews worked through the night to clear the debris left by the high tide on the promenade...</span></li>`;
    const card = (n: number) =>
      `<div class="card"><a href="/c${n}">Lifeboat volunteers train a new crew of ${n} recruits</a><div class="card-teaser"><p>The station has doubled its crew since the spring appeal, and the new recruits start in May.</p></div></div>`;
    const html =
      page(`<div class="breaking-news"><b>Breaking News</b><ul>${[1, 2, 3, 4].map(item).join('')}</ul></div>
      <div class="story">${ARTICLE}</div><div class="more">${[1, 2, 3].map(card).join('')}</div>`);
    // WHEN / THEN only the article is left
    expect(bodyOf(html)).toBe(PARAGRAPHS.join('\n\n'));
  });

  test('drops excerpts of other stories listed as items under their headline links', () => {
    // GIVEN a list of stories after the article, each item a headline link and an excerpt
    const item = (n: number) =>
      `<li><a href="/s${n}">Harbour master number ${n} retires after thirty years</a><p class="post-excerpt">Colleagues gathered on the quay to see off a harbour master who had guided ships in through every kind of weather.</p></li>`;
    const html = page(
      `<div class="story">${ARTICLE}</div><ul class="more">${[1, 2, 3].map(item).join('')}</ul>`,
    );
    // WHEN / THEN only the article is left
    expect(bodyOf(html)).toBe(PARAGRAPHS.join('\n\n'));
  });

  test('keeps the cards of a page that is nothing but cards', () => {
    // GIVEN a section front: story cards of a headline link and a summary, and no article
    const card = (n: number) =>
      `<article><h2><a href="/s${n}">Harbour master number ${n} retires after thirty years</a></h2><p>Colleagues gathered on the quay to see off a harbour master who had guided ships in through every kind of weather.</p></article>`;
    const html = page(`<main>${[1, 2, 3, 4].map(card).join('')}</main>`);
    // WHEN / THEN the summaries are still the page's text
    expect(bodyOf(html)).toContain('Colleagues gathered on the quay');
  });

  test('keeps a teaser-named lead paragraph that links nowhere', () => {
    // GIVEN a lead paragraph classed "teaser", as German CMSs name a story's standfirst
    const lead = 'Hundreds gathered on the quay to watch the last of the old stones lifted out.';
    const html = page(`<article><div class="teaser"><p>${lead}</p></div>${ARTICLE}</article>`);
    // WHEN / THEN the lead stays in the body
    expect(bodyOf(html)).toBe([lead, ...PARAGRAPHS].join('\n\n'));
  });

  test('reads an article-inner-content element as the article, whatever else its class says', () => {
    // GIVEN a short breaking story whose text element is classed after the breaking-news layout
    const html = page(`<div class="article-inner-content-breaking-news"><p>${PARAGRAPHS[0]}</p></div>
      <ul class="news-ticker">${[1, 2, 3, 4, 5, 6].map((n) => `<li><p>Ticker headline number ${n} about the harbour and the storm that hit the coast overnight.</p></li>`).join('')}</ul>`);
    // WHEN / THEN the story is found
    expect(bodyOf(html)).toContain(PARAGRAPHS[0]);
  });

  test.each(['Related:', 'Mehr zum Thema:', 'Lesen Sie auch', 'More from Opinion'])(
    'drops the recirculation label line "%s"',
    (label) => {
      // GIVEN a label left behind inside the article where a teaser box was
      const html = page(
        `<article><p>${PARAGRAPHS[0]}</p><h3>${label}</h3><p>${PARAGRAPHS[1]}</p><p>${PARAGRAPHS[2]}</p></article>`,
      );
      // WHEN / THEN the label is not body text
      expect(bodyOf(html)).toBe(PARAGRAPHS.join('\n\n'));
    },
  );

  test('drops image copyright notices inside the text', () => {
    // GIVEN a figure between paragraphs whose copyright notice is plain spans
    const figure = `<figure class="media no-caption"><img src="/wall.jpg" alt="The wall">
      <span class="off-screen">Image copyright</span> <span class="story-image-copyright">Harbour Archive</span></figure>`;
    const html = page(
      `<article><p>${PARAGRAPHS[0]}</p>${figure}<p>${PARAGRAPHS[1]}</p><p>${PARAGRAPHS[2]}</p></article>`,
    );
    // WHEN / THEN the notice is not body text
    expect(bodyOf(html)).toBe(PARAGRAPHS.join('\n\n'));
  });

  test('reads a class that says what an element has as no boilerplate name', () => {
    // GIVEN a first paragraph classed after the photo above it, and a real caption below
    const html = page(`<div class="story"><p class="intro hasCaption">${PARAGRAPHS[0]}</p>
      <p>${PARAGRAPHS[1]}</p><p>${PARAGRAPHS[2]}</p>
      <div class="caption">The wall after the storm in January.</div></div>`);
    // WHEN / THEN the text is kept and the real caption dropped
    expect(bodyOf(html)).toBe(PARAGRAPHS.join('\n\n'));
  });

  test('keeps a paragraph whose own words run around its links', () => {
    // GIVEN a sentence most of whose text is a link, and a "Read more" paragraph that is one link
    const linked =
      'The court heard the case and <a href="/verdict">sentenced him to life in prison last Thursday</a>.';
    const readMore =
      'Read more: <a href="/flood">How last winter\'s flood closed the harbour road for a month</a>';
    const html = page(
      `<article><p>${PARAGRAPHS[0]}</p><p>${linked}</p><p>${readMore}</p><p>${PARAGRAPHS[1]}</p><p>${PARAGRAPHS[2]}</p></article>`,
    );
    // WHEN
    const body = bodyOf(html) ?? '';
    // THEN the sentence is body text and the bare link is not
    expect(body).toContain('The court heard the case and sentenced him to life in prison last Thursday.');
    expect(body).not.toContain('Read more');
  });

  test('takes the article holding the headline over a page wrapper whose notices add prose', () => {
    // GIVEN a browser notice beside the article, inside the same page wrapper
    const notice =
      'You are using an outdated browser. For the best experience on this site, please update to a modern browser.';
    const html = page(`<div class="wrapper"><div class="notice"><p>${notice}</p></div>
      <article><h1>Sea wall to be rebuilt</h1>${ARTICLE}</article></div>`);
    // WHEN / THEN the body is the article alone
    expect(bodyOf(html)).toBe(PARAGRAPHS.join('\n\n'));
  });

  test('keeps the article whole when its marked-up text leaves a lead paragraph out', () => {
    // GIVEN an article whose lead sits before its text element, beside a notice
    const lead = 'The wall will cost four million pounds.';
    const notice =
      'You are using an outdated browser. For the best experience on this site, please update to a modern browser.';
    const html = page(`<div class="wrapper"><div class="notice"><p>${notice}</p></div>
      <article><h1>Sea wall to be rebuilt</h1><p>${lead}</p><div class="article-body">${ARTICLE}</div></article></div>`);
    // WHEN / THEN the lead is kept and the notice left out
    expect(bodyOf(html)).toBe([lead, ...PARAGRAPHS].join('\n\n'));
  });

  test.each([
    'Image 2 of 5',
    '1 of 6',
    'You may also like...',
    "Don't miss",
    'Filed under: Harbour news',
    'PUBLISHED: 10:48, Tue, Nov 19, 2024 | UPDATED: 11:05, Tue, Nov 19, 2024',
    'Updated Nov. 19, 2024 8:21 am ET / Original Nov. 19, 2024 8:02 am ET',
    '22.04.2024 | 15:54 Uhr',
    'Stand: 22.04.2024, 06:00 Uhr',
    'Freitag, 28.04.2023, 19:25',
    'Share',
    'Teilen:',
    'Artikel teilen',
    'Share this article',
  ])('drops the label or stamp line "%s"', (label) => {
    // GIVEN a gallery counter, widget label or publication stamp left inside the text
    const html = page(
      `<article><p>${PARAGRAPHS[0]}</p><div>${label}</div><p>${PARAGRAPHS[1]}</p><p>${PARAGRAPHS[2]}</p></article>`,
    );
    // WHEN / THEN it is not body text
    expect(bodyOf(html)).toBe(PARAGRAPHS.join('\n\n'));
  });

  test.each(['The council met on Nov. 19, 2024 at 8 pm.', 'Updated figures for 2024 follow below.'])(
    'keeps the short sentence "%s" that holds a date',
    (sentence) => {
      // GIVEN a sentence of its own that mentions a date
      const html = page(
        `<article><p>${PARAGRAPHS[0]}</p><p>${sentence}</p><p>${PARAGRAPHS[1]}</p><p>${PARAGRAPHS[2]}</p></article>`,
      );
      // WHEN / THEN it is body text
      expect(bodyOf(html)).toContain(sentence);
    },
  );

  test('keeps an embedded post whose wrapper is named after the network', () => {
    // GIVEN an embedded post in a wrapper classed "social-embed", and a share bar
    const post =
      'Crews are clearing the harbour road this morning. Please use the bypass and do not drive through standing water.';
    const html = page(`<article><p>${PARAGRAPHS[0]}</p>
      <div class="social-embed"><blockquote class="post"><p>${post}</p>&mdash; Harbour Works (@harbourworks)</blockquote></div>
      <p>${PARAGRAPHS[1]}</p><div class="social-share"><a href="#">Share on Facebook</a> <a href="#">Email</a></div><p>${PARAGRAPHS[2]}</p></article>`);
    // WHEN
    const body = bodyOf(html) ?? '';
    // THEN the post is body text and the share bar is not
    expect(body).toContain(post);
    expect(body).not.toContain('Share on Facebook');
  });

  test("drops the small print of the page's banner header", () => {
    // GIVEN a page-level header (the banner) holding legal small print, and an unnamed story element
    const legal =
      'Quotes are delayed by at least fifteen minutes. Market data is provided by third parties and is for information only.';
    const html = page(`<div class="page"><header><a href="/">Gazette</a>
      <ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul>
      <div class="legal"><p>${legal}</p><p>${legal}</p><p>${legal}</p></div></header>
      <div class="story">${ARTICLE}</div></div>`);
    // WHEN / THEN the body is the story alone
    expect(bodyOf(html)).toBe(PARAGRAPHS.join('\n\n'));
  });

  test("keeps a standfirst in the article's own header", () => {
    // GIVEN an article whose header (no banner: it heads the article) holds the standfirst
    const standfirst =
      'The town will spend four million pounds on a new wall rather than move the fish market.';
    const html = page(
      `<article><header><h1>Sea wall to be rebuilt</h1><p>${standfirst}</p></header>${ARTICLE}</article>`,
    );
    // WHEN / THEN the standfirst is body text
    expect(bodyOf(html)).toBe([standfirst, ...PARAGRAPHS].join('\n\n'));
  });

  describe('standfirst option', () => {
    const STANDFIRST =
      'The town will spend four million pounds on a new wall rather than move the fish market.';
    // Text long enough for its own element, not the whole article with its header, to be chosen.
    const LONG_ARTICLE = `${ARTICLE}${ARTICLE}${ARTICLE}`;
    const LONG_TEXT = [...PARAGRAPHS, ...PARAGRAPHS, ...PARAGRAPHS].join('\n\n');
    const standfirstPage = (description: string) =>
      page(
        `<article><header><h1>Sea wall to be rebuilt</h1><p class="dek">${STANDFIRST}</p><p>By Mara Quill</p></header>
        <div class="article-body">${LONG_ARTICLE}</div></article>`,
        `<meta name="description" content="${description}">`,
      );
    const bodyWith = (html: string, standfirst: boolean) => {
      const { document } = new JSDOM(html).window;
      return extractArticleBody(document, createExtractionContext(document), { standfirst })?.value;
    };

    test('prints the standfirst the page declares as its first paragraph when asked', () => {
      // GIVEN a standfirst outside the text element that repeats the meta description
      const html = standfirstPage(STANDFIRST);
      // WHEN the body is extracted with and without the option
      // THEN only the option adds the standfirst, first, and never the byline beside it
      expect(bodyWith(html, true)).toBe(`${STANDFIRST}\n\n${LONG_TEXT}`);
      expect(bodyWith(html, false)).toBe(LONG_TEXT);
    });

    test('takes a standfirst whose declared summary was cut short', () => {
      // GIVEN a meta description cut at a length limit
      const html = standfirstPage(`${STANDFIRST.slice(0, 60)}…`);
      // WHEN / THEN the whole standfirst is printed
      expect(bodyWith(html, true)?.startsWith(`${STANDFIRST}\n\n`)).toBe(true);
    });

    test('adds nothing when the summary is the first paragraph or matches no block', () => {
      // GIVEN a description copied from the first paragraph, and one written for search engines only
      const copied = page(
        `<article>${ARTICLE}</article>`,
        `<meta name="description" content="${PARAGRAPHS[0]}">`,
      );
      const unseen = standfirstPage(
        'Read the latest on coastal defences, harbour news and more from the Gazette.',
      );
      // WHEN / THEN the text is unchanged
      expect(bodyWith(copied, true)).toBe(PARAGRAPHS.join('\n\n'));
      expect(bodyWith(unseen, true)).toBe(LONG_TEXT);
    });
  });

  test('returns null for a page without text', () => {
    // GIVEN / WHEN / THEN
    expect(bodyOf(page('<nav><a href="/">Home</a></nav><img src="x.png" alt="">'))).toBeUndefined();
  });
});
