/**
 * One small inline page per cause of a miss found on real pages (issue 6): each test
 * names the general page structure it models, never a site.
 */
import { extractAuthors } from '../../../lambdas/core/rules/authors';
import { createExtractionContext } from '../../../lambdas/core/rules/context';
import { parseHumanDate } from '../../../lambdas/core/rules/date-parse';
import { extractDatePublished, isLocalDayOf } from '../../../lambdas/core/rules/dates';
import { extractDescription } from '../../../lambdas/core/rules/description';
import { findArticleRoot, isInForeignRegion } from '../../../lambdas/core/rules/regions';
import { parseHtml } from '../../helpers/dom';

const NOW = new Date('2025-01-01T00:00:00Z');
const contextOf = (head: string, body = '', url?: string) =>
  createExtractionContext(parseHtml(`<html><head>${head}</head><body>${body}</body></html>`), { url });
const names = (head: string, body: string, url?: string) =>
  extractAuthors(contextOf(head, body, url))?.value.map((person) => person.name);

describe('local publication day', () => {
  it('keeps the day readers see when the machine date is the same instant in UTC', () => {
    // GIVEN a UTC timestamp late in the evening and the article showing the next day
    const fact = extractDatePublished(
      contextOf(
        '<meta property="article:published_time" content="2023-11-01T23:01:00Z">',
        '<article><h1>Night session ends</h1><time datetime="2023-11-01T23:01:00Z">02 novembre 2023</time><p>Text.</p></article>',
      ),
      { now: NOW },
    );
    // THEN the shown (local) day is kept
    expect(fact).toEqual({ value: '2023-11-02', source: 'opengraph' });
  });

  it('ignores a byline block that shows the day of an update', () => {
    // GIVEN a liveblog whose datePublished element is its byline block, ending in "Updated <time>, <next day>"
    const fact = extractDatePublished(
      contextOf(
        '',
        '<article><h1>Live updates</h1><div itemprop="datePublished" content="2024-08-04T13:23:00Z"><span>By Lee Thorn</span><span>Updated</span><span>20:49, 5 Aug 2024</span></div></article>',
      ),
      { now: NOW },
    );
    // THEN the instant stays
    expect(fact?.value).toBe('2024-08-04T13:23:00Z');
  });

  it('keeps the UTC instant when the shown day is the same day', () => {
    const fact = extractDatePublished(
      contextOf(
        '<meta property="article:published_time" content="2023-11-01T10:00:00Z">',
        '<article><h1>Morning session</h1><time datetime="2023-11-01T10:00:00Z">1 November 2023</time></article>',
      ),
      { now: NOW },
    );
    expect(fact?.value).toBe('2023-11-01T10:00:00Z');
  });

  it('keeps an instant with a local offset as it is, whatever the text says', () => {
    const fact = extractDatePublished(
      contextOf(
        '<meta property="article:published_time" content="2023-11-01T23:01:00+01:00">',
        '<article><h1>Session</h1><span class="date">5 November 2023</span></article>',
      ),
      { now: NOW },
    );
    expect(fact?.value).toBe('2023-11-01T23:01:00+01:00');
  });

  it.each([
    ['2023-11-01T23:01:00Z', '2023-11-02', true],
    ['2020-05-02T02:54:29Z', '2020-05-01', true],
    ['2023-11-01T10:00:00Z', '2023-11-01', false],
    ['2023-11-01T10:00:00Z', '2023-11-05', false],
    ['2023-11-01T01:00:00Z', '2023-11-02', false],
  ])('isLocalDayOf(%s, %s) is %s', (instant, day, expected) => {
    expect(isLocalDayOf(instant, day)).toBe(expected);
  });
});

describe('written dates in more languages', () => {
  it.each([
    ['duminică, 20 septembrie 2020 16:20', '2020-09-20'],
    ['7 maj 2021', '2021-05-07'],
    ['12 Agustus 2022', '2022-08-12'],
  ])('%s -> %s', (text, expected) => {
    expect(parseHumanDate(text, { now: NOW })).toBe(expected);
  });
});

describe('article regions on page-builder and portal layouts', () => {
  it('a page builder\'s "widget" wrappers around the article are not a sidebar', () => {
    // GIVEN a page-builder layout whose every wrapper carries "<builder>-widget-..." classes
    const document = parseHtml(
      '<div class="builder-widget-wrap"><div class="builder-widget-container"><ul class="post-info"><li itemprop="datePublished">19. Oktober 2019</li></ul></div></div>',
    );
    const item = document.querySelector('li') as Element;
    // THEN the date inside is still the article's
    expect(isInForeignRegion(item)).toBe(false);
    // AND a real widget area still is foreign
    const widget = parseHtml('<div class="widget-area"><p>Recent posts</p></div>').querySelector(
      'p',
    ) as Element;
    expect(isInForeignRegion(widget)).toBe(true);
  });

  it('the main region holding the h1 is the article root, not a teaser article elsewhere', () => {
    const document = parseHtml(
      '<section role="main"><p class="published-date">martes 17 de marzo de 2020</p><h1>Oil price falls</h1><p>Text.</p></section><aside2><article class="teaser"><h2>Other</h2></article></aside2>',
    );
    expect(findArticleRoot(document).getAttribute('role')).toBe('main');
    const fact = extractDatePublished(createExtractionContext(document), { now: NOW });
    expect(fact?.value).toBe('2020-03-17');
  });

  it("the article's own footer class is not a page footer", () => {
    // GIVEN a blog post whose author link sits in its "post-footer", and a page footer credit
    const body =
      '<article><h1>Post title</h1><p>Text.</p><div class="post-footer"><span class="author">Posted by <a rel="author" href="/author/gk/">Greta Kienle</a></span></div></article>' +
      '<div class="site-footer"><a rel="author" href="/about/">Site Owner</a></div>';
    expect(names('', body)).toEqual(['Greta Kienle']);
  });
});

describe('bylines in unlabelled blog markup', () => {
  it('reads "Von A und B" sharing its paragraph with a place after a line break', () => {
    const body =
      '<article><h1>Firewood dispute</h1><p><strong>Standfirst.</strong></p><p>Von <strong><a href="https://a.example">Rolf Brandt</a></strong> und <strong><a href="https://b.example">Sina Dressel</a></strong><br><span></span><br>Kakuma / Kenia</p><p>Body text.</p></article>';
    expect(names('', body)).toEqual(['Rolf Brandt', 'Sina Dressel']);
  });

  it('reads a "Geschrieben von" line', () => {
    const body =
      '<article><h1>Club news</h1><div class="item-info"><span>Geschrieben von <a href="/user?id=6">Cooper</a></span> <span>am 25.08.2015 22:30</span></div><p>Text.</p></article>';
    expect(names('', body)).toEqual(['Cooper']);
  });
});

describe('authors that only name the publisher', () => {
  it('a byline person wins over a structured author that is the site itself', () => {
    // GIVEN JSON-LD naming the site as author and a byline naming a person
    const fact = extractAuthors(
      contextOf(
        '<meta property="og:site_name" content="Daily Example"><script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Organization","name":"Daily Example"}}</script>',
        '<article><h1>Headline here</h1><div class="byline">By <a href="/people/jane">Jane Roe</a></div></article>',
        'https://www.daily-example.com/news/1',
      ),
    );
    // THEN the person is the author
    expect(fact?.value.map((person) => person.name)).toEqual(['Jane Roe']);
    expect(fact?.source).toBe('markup');
  });

  it('keeps the publisher as author when no person is named anywhere', () => {
    const fact = extractAuthors(
      contextOf(
        '<meta property="og:site_name" content="Daily Example"><script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Organization","name":"Daily Example"}}</script>',
        '<article><h1>Headline here</h1><p>Text.</p></article>',
      ),
    );
    expect(fact).toEqual({ value: [{ name: 'Daily Example' }], source: 'json-ld' });
  });
});

describe('dates written in article markup', () => {
  const writtenDateOf = (body: string) =>
    extractDatePublished(contextOf('', `<article><h1>Post title</h1>${body}<p>Text.</p></article>`), {
      now: NOW,
    })?.value;

  it('reads a date in a camelCase date class ("itemPostDate")', () => {
    expect(writtenDateOf('<span class="itemPostDate">am 25.08.2015 22:30</span>')).toBe('2015-08-25');
  });

  it('reads a labelled date in a document-data box', () => {
    expect(
      writtenDateOf(
        '<p class="docData"><b>Ort</b> <span>Bonn</span><br><b>Datum</b> <span>28.01.2022</span></p>',
      ),
    ).toBe('2022-01-28');
  });

  it('reads a date split over spans without spaces between them', () => {
    expect(
      writtenDateOf(
        '<div class="date"><span class="month">Apr</span> <span class="day">04</span><span class="year">2013</span></div>',
      ),
    ).toBe('2013-04-04');
  });
});

describe('description', () => {
  it('skips a description that is only a byline line', () => {
    // GIVEN og:description holding "Par <name> (<blog>, <date>)" and a real meta description
    const fact = extractDescription(
      contextOf(
        '<meta property="og:description" content="Par Denise Roux (Carnets, 21 juin 2018)"><meta name="description" content="Un des écrivains les plus célèbres du pays raconte sa vie.">',
      ),
    );
    // THEN the summary is used
    expect(fact).toEqual({
      value: 'Un des écrivains les plus célèbres du pays raconte sa vie.',
      source: 'meta',
    });
  });
});

describe('a date written right under the headline', () => {
  it('reads an unlabelled date after the h1 when nothing else dates the page', () => {
    // GIVEN a small blog: no meta, no time element, the date in an unlabelled <small>
    const fact = extractDatePublished(
      contextOf(
        '',
        '<div id="content"><h1><a href="/post">Emulator tips</a></h1><small>Donnerstag, 15.2.2018, 19:51</small><p>Text.</p></div>',
      ),
      { now: NOW },
    );
    // THEN that date is taken, as the least trusted source
    expect(fact).toEqual({ value: '2018-02-15', source: 'text' });
  });

  it('reads a time element under the h1 even inside a layout block named like a sidebar', () => {
    const fact = extractDatePublished(
      contextOf(
        '',
        '<div class="sidebar"><h1>Wine region gets status</h1><p class="time"><time datetime="2022-01-28">28. Jänner 2022</time></p></div>',
      ),
      { now: NOW },
    );
    expect(fact?.value).toBe('2022-01-28');
  });

  it('stops at the next story heading', () => {
    const fact = extractDatePublished(
      contextOf('', '<h1>Undated page</h1><p>Intro.</p><h2>Other story</h2><small>3.4.2019</small>'),
      { now: NOW },
    );
    expect(fact).toBeUndefined();
  });
});
