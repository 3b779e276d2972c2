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
