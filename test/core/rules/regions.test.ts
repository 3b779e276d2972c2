/**
 * Foreign regions: where a date or byline belongs to other content. Each test is a small
 * inline page modelled on a general layout, never on one site.
 */
import { createExtractionContext } from '../../../lambdas/core/rules/context';
import { extractDatePublished } from '../../../lambdas/core/rules/dates';
import { findArticleRoot, isInForeignRegion } from '../../../lambdas/core/rules/regions';
import { parseHtml } from '../../helpers/dom';

const NOW = new Date('2025-01-01T00:00:00Z');
const datePublished = (body: string) =>
  extractDatePublished(createExtractionContext(parseHtml(`<html><body>${body}</body></html>`)), {
    now: NOW,
  })?.value;

describe('page-wide wrappers named like regions', () => {
  it('a wrapper around the whole page does not make its headline foreign', () => {
    // GIVEN a page whose every element sits in a "navigation-container" div (for a slide-in menu)
    const document = parseHtml(
      '<div id="navigation-container"><nav><ul><li><a href="/a">Sections</a></li></ul></nav>' +
        '<article class="readcontent"><h1>Runner wins the indoor 1500 m</h1>' +
        '<p>A long report about the race and its surprising winner, told at length.</p></article></div>',
    );
    const heading = document.querySelector('h1') as Element;
    // WHEN the region of the headline is judged
    // THEN it is the article's, and the article element is the root
    expect(isInForeignRegion(heading)).toBe(false);
    expect(findArticleRoot(document).tagName).toBe('ARTICLE');
    // AND the menu inside the wrapper is still navigation
    expect(isInForeignRegion(document.querySelector('nav a') as Element)).toBe(true);
  });

  it('a small foreign-named wrapper is not taken for the page', () => {
    // GIVEN an h1 inside a sidebar that holds little of the page, and a main text without h1
    const document = parseHtml(
      '<div class="sidebar"><h1>Site name</h1></div>' +
        `<div class="content"><p>${'Plenty of article text here. '.repeat(20)}</p></div>`,
    );
    // THEN the sidebar heading stays foreign
    expect(isInForeignRegion(document.querySelector('h1') as Element)).toBe(true);
  });

  it('a wrapper holding the main region is layout, whatever its name says', () => {
    // GIVEN a layout column named after the left navigation, around the main region
    const body =
      '<div class="left-navigation-wrapper"><nav class="left-navigation"><a href="/x">Press</a></nav>' +
      '<main><article><div class="eventbox"><div class="eventbox__left-col"><h1>New president elected</h1></div>' +
      '<div class="eventbox__right-col"><p class="date">13.10.2021</p><p>Press release</p></div></div>' +
      '<p>The assembly elected a new president today.</p></article></main></div>';
    const document = parseHtml(body);
    // THEN the headline is the page's, its article is the root and the date box beside it is the article's
    expect(isInForeignRegion(document.querySelector('h1') as Element)).toBe(false);
    expect(findArticleRoot(document).tagName).toBe('ARTICLE');
    expect(isInForeignRegion(document.querySelector('.date') as Element, findArticleRoot(document))).toBe(
      false,
    );
    expect(isInForeignRegion(document.querySelector('nav a') as Element)).toBe(true);
    expect(datePublished(body)).toBe('2021-10-13');
  });
});

describe('boxes inside the article', () => {
  it("a sidebar column inside the article is the article's own info box", () => {
    // GIVEN an article with a sidebar column holding its date, then a most-read slider with other dates
    const body =
      '<article class="post"><h1>Best of the sweet wines</h1>' +
      '<div class="row"><div class="sidebar"><div class="sidebar__item"><p class="time"><time>28. Januar 2022</time></p></div></div>' +
      '<div class="text"><p>The tasting covered forty wines from the lake shore.</p></div></div>' +
      '<div class="most-popular-news-slider"><a href="/other"><h3>Fair postponed</h3><time>3. März 2021</time></a></div></article>';
    // WHEN the date is extracted
    // THEN the sidebar's date is the article's, not the slider's
    expect(datePublished(body)).toBe('2022-01-28');
  });

  it('a sidebar inside the article that is a list of links stays foreign', () => {
    // GIVEN an article whose sidebar column lists other articles
    const document = parseHtml(
      '<article><h1>Main story</h1><p>Story text.</p><div class="sidebar">' +
        '<a href="/one">An older story about the lake</a><a href="/two">Another story from last week</a>' +
        '<span>12.01.2020</span></div></article>',
    );
    const root = findArticleRoot(document);
    // THEN its date belongs to the listed articles
    expect(isInForeignRegion(document.querySelector('span') as Element, root)).toBe(true);
  });

  it('related lists and comments inside the article stay foreign', () => {
    // GIVEN an article holding a related-posts box and a comments section of plain text
    const document = parseHtml(
      '<article><h1>Main story</h1><p>Story text.</p>' +
        '<div class="related-posts"><p>Written 01.01.2020</p></div>' +
        '<div class="comments"><p>Reader wrote on 02.02.2020</p></div></article>',
    );
    const root = findArticleRoot(document);
    const [related, comment] = Array.from(document.querySelectorAll('div p'));
    // THEN both are foreign although inside the article
    expect(isInForeignRegion(related as Element, root)).toBe(true);
    expect(isInForeignRegion(comment as Element, root)).toBe(true);
  });

  it('a sidebar outside the article stays foreign', () => {
    // GIVEN a sidebar beside the article, with plain text
    const document = parseHtml(
      '<article><h1>Main story</h1><p>Story text.</p></article><div class="sidebar"><p>About us since 2001</p></div>',
    );
    const root = findArticleRoot(document);
    // THEN its text is not the article's
    expect(isInForeignRegion(document.querySelector('.sidebar p') as Element, root)).toBe(true);
  });
});

describe('teaser articles beside a headline outside any article', () => {
  const relatedTeasers =
    '<div class="references"><h2>More on this topic</h2>' +
    '<article class="list-item"><h3><a href="/a">Parish opens a day care</a></h3><div class="pubdate">18. Nov 2021</div></article>' +
    '<article class="list-item"><h3><a href="/b">Bishops meet in autumn</a></h3><div class="pubdate">16. Nov 2021</div></article></div>';

  it('short articles listed side by side are not the root', () => {
    // GIVEN a headline and its date line in plain divs, then a list of short teaser articles
    const body =
      '<div class="article-detail"><h1>Single parents ask for more child care</h1><div class="pubdate">19.11.2021</div>' +
      `<p>${'The association asks the state to expand child care everywhere. '.repeat(4)}</p></div>${relatedTeasers}`;
    const document = parseHtml(`<html><body>${body}</body></html>`);
    // WHEN the article root is found
    const root = findArticleRoot(document);
    // THEN it is no teaser, and the date under the headline wins over the teasers' dates
    expect(root.tagName).not.toBe('ARTICLE');
    expect(root.contains(document.querySelector('h1'))).toBe(true);
    expect(datePublished(body)).toBe('2021-11-19');
  });

  it('a long article after a headline in the page header is still the root', () => {
    // GIVEN the headline in a header and the story in the first of several articles, long enough to be one
    const story = `<p>${'The council voted on the new bridge after a long debate in the town hall. '.repeat(20)}</p>`;
    const document = parseHtml(
      `<header><h1>Council approves the bridge</h1></header><div><article class="story">${story}</article>` +
        '<article><a href="/c">Other news</a></article></div>',
    );
    // WHEN the article root is found
    // THEN it is the story's article
    expect(findArticleRoot(document).getAttribute('class')).toBe('story');
  });

  it('without a headline the first article is still the root', () => {
    // GIVEN no h1 and a list of short articles
    const document = parseHtml(`<div>${relatedTeasers}</div>`);
    // THEN the first one is the root, as before
    expect(findArticleRoot(document).tagName).toBe('ARTICLE');
  });
});

describe("the headline's own column", () => {
  it("a column-named box beside the headline in the main region is the headline's info column", () => {
    // GIVEN a main region (no article element) whose header block holds the h1 and a right column with the date
    const body =
      '<main><div class="eventbox"><div class="eventbox__left-col"><h1>New president elected</h1></div>' +
      '<div class="eventbox__right-col"><p class="date">13.10.2021</p><p>Press release</p></div></div>' +
      '<p>The assembly elected a new president today.</p>' +
      '<div class="right-col"><p class="other">01.02.2020</p></div></main>';
    const document = parseHtml(body);
    const root = findArticleRoot(document);
    // WHEN the date boxes are judged
    // THEN the column beside the headline is the article's, a column elsewhere stays foreign
    expect(root.tagName).toBe('MAIN');
    expect(isInForeignRegion(document.querySelector('.date') as Element, root)).toBe(false);
    expect(isInForeignRegion(document.querySelector('.other') as Element, root)).toBe(true);
    expect(datePublished(body)).toBe('2021-10-13');
  });

  it('a sidebar beside the headline that is a list of links stays foreign', () => {
    // GIVEN a header block with the h1 and a sidebar of links to other stories
    const document = parseHtml(
      '<main><div class="head"><div><h1>Main story</h1></div><div class="sidebar">' +
        '<a href="/one">An older story about the lake</a><a href="/two">Another story from last week</a>' +
        '<span>12.01.2020</span></div></div><p>Story text.</p></main>',
    );
    // THEN its date belongs to the listed stories
    expect(isInForeignRegion(document.querySelector('span') as Element, findArticleRoot(document))).toBe(
      true,
    );
  });
});

describe('navigation-named boxes holding a byline', () => {
  it("a navigation-named header box with the author's link is the article's", () => {
    // GIVEN a "news-nav-buttons" box above the h1 with breadcrumbs, previous-story link, date and author link
    const document = parseHtml(
      '<main><div class="news-nav-buttons"><div class="breadcrumbs"><a href="/">Home</a> &gt; <a href="/news">News</a></div>' +
        '<a href="/news/older-story" rel="prev">previous</a><p class="catdate">02.02.2022</p>' +
        '<div class="author">by <a href="/about/author/jane-roe">Jane Roe</a></div></div>' +
        '<h1>Team delays its launch</h1><p>The team confirmed the date on Wednesday.</p></main>',
    );
    const root = findArticleRoot(document);
    // WHEN the byline and the breadcrumbs are judged
    // THEN the byline is the article's, the breadcrumbs stay navigation
    expect(isInForeignRegion(document.querySelector('.author a') as Element, root)).toBe(false);
    expect(isInForeignRegion(document.querySelector('.breadcrumbs a') as Element, root)).toBe(true);
  });

  it('a navigation-named menu stays foreign even with an authors page among its links', () => {
    // GIVEN a site menu named "main-nav" with many links, one to an author's page
    const links = ['news', 'sport', 'culture', 'travel', 'food', 'science', 'money', 'opinion']
      .map((section) => `<a href="/${section}">${section}</a>`)
      .join('');
    const document = parseHtml(
      `<div class="main-nav">${links}<a href="/author/editor">Our editor</a></div>` +
        '<main><h1>Story</h1><p>Story text.</p></main>',
    );
    // THEN the menu is navigation
    expect(
      isInForeignRegion(document.querySelector('.main-nav a') as Element, findArticleRoot(document)),
    ).toBe(true);
  });

  it('a navigation-named box without an author link stays foreign', () => {
    // GIVEN previous / next links with a date in a "post-nav" box
    const document = parseHtml(
      '<article><h1>Story</h1><p>Story text.</p><div class="post-nav"><a href="/prev">Older post</a>' +
        '<span>01.01.2020</span></div></article>',
    );
    // THEN it stays navigation
    expect(
      isInForeignRegion(document.querySelector('.post-nav span') as Element, findArticleRoot(document)),
    ).toBe(true);
  });
});

describe("a blog's about-this-entry box in its sidebar", () => {
  const page = (sidebar: string) =>
    '<html><head><title>Animated type and literature | letters blog</title></head><body>' +
    `<div id="wrapper"><div id="header"><h1><a href="/">letters blog</a></h1></div><div id="sidebar">${sidebar}` +
    '<div class="textwidget"><h2>Links</h2><ul><li><a href="/x">A friend</a> since 12.03.2009</li></ul></div></div>' +
    '<div id="content"><div class="post"><h1>Animated type and literature</h1>' +
    '<div class="entry"><p>An essay on remix art and what it means for books.</p></div></div></div></div></body></html>';

  it("a sidebar box naming the page's own post by its permalink is the article's", () => {
    // GIVEN a sidebar whose first box names this post by its permalink, with its date and categories
    const document = parseHtml(
      page(
        '<h2>About this entry</h2><p class="news"><a href="/2010/05/animated-type/" rel="bookmark">Animated type and literature</a>' +
          ' was posted on 19 May 2010 and filed under <a href="/c/books" rel="category tag">Books</a>.</p>',
      ),
    );
    // WHEN the boxes are judged
    // THEN the entry box is the article's, the sidebar's other widget stays foreign
    expect(isInForeignRegion(document.querySelector('.news') as Element, findArticleRoot(document))).toBe(
      false,
    );
    expect(
      isInForeignRegion(document.querySelector('.textwidget li') as Element, findArticleRoot(document)),
    ).toBe(true);
  });

  it('a sidebar list of recent posts holding this one stays foreign', () => {
    // GIVEN a recent-posts box listing this post among others, each by its permalink and date
    const document = parseHtml(
      page(
        '<div class="recent"><p><a href="/2010/05/animated-type/" rel="bookmark">Animated type and literature</a> 19.05.2010</p>' +
          '<p><a href="/2010/04/other/" rel="bookmark">Google editions in Germany</a> 02.04.2010</p></div>',
      ),
    );
    // THEN its dates are other posts' too
    expect(isInForeignRegion(document.querySelector('.recent p') as Element, findArticleRoot(document))).toBe(
      true,
    );
  });
});
