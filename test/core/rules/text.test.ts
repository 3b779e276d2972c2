/** Text helpers: visible text of elements, bounded and cleaned. */
import { comparable, elementText, plainText } from '../../../lambdas/core/rules/text';
import { parseHtml } from '../../helpers/dom';

describe('elementText', () => {
  it('leaves ruby annotations out of the text', () => {
    // GIVEN a Japanese heading whose kanji carry ruby readings and fallback parentheses
    const document = parseHtml(
      '<h1><ruby>東京<rp>(</rp><rt>とうきょう</rt><rp>)</rp></ruby>で<ruby>大雪<rt>おおゆき</rt></ruby>が降る</h1>',
    );
    // WHEN its text is read
    // THEN only the base text remains
    expect(elementText(document.querySelector('h1'))).toBe('東京で大雪が降る');
  });

  it('reads text without ruby as it is, whitespace collapsed', () => {
    // GIVEN a heading with nested inline markup and spacing
    const document = parseHtml('<h1>  Storm <em>closes</em>\n  the   harbour </h1>');
    // THEN the text is collapsed and trimmed
    expect(elementText(document.querySelector('h1'))).toBe('Storm closes the harbour');
  });

  it('keeps ruby base text in elements that only sit near annotations', () => {
    // GIVEN a paragraph without annotations next to an annotated heading
    const document = parseHtml('<h1><ruby>漢字<rt>かんじ</rt></ruby></h1><p>plain <b>text</b></p>');
    // THEN the paragraph's text is whole and the heading's has no reading
    expect(elementText(document.querySelector('p'))).toBe('plain text');
    expect(elementText(document.querySelector('h1'))).toBe('漢字');
  });

  it('bounds the text to the given length', () => {
    // GIVEN a long annotated heading
    const document = parseHtml(`<h1>${'<ruby>字<rt>じ</rt></ruby>'.repeat(50)}</h1>`);
    // THEN the text is cut to the bound, with no reading in it
    expect(elementText(document.querySelector('h1'), 10)).toBe('字'.repeat(10));
  });
});

describe('elementText on hostile markup', () => {
  it('reads deeply nested annotated text without exhausting the stack', () => {
    // GIVEN a heading with an annotation inside thousands of nested spans
    const depth = 3000;
    const document = parseHtml(
      `<h1>${'<span>'.repeat(depth)}<ruby>深<rt>ふか</rt></ruby>い${'</span>'.repeat(depth)}</h1>`,
    );
    // WHEN its text is read
    // THEN the base text comes back, without the reading
    expect(elementText(document.querySelector('h1'))).toBe('深い');
  });
});

describe('soft hyphens', () => {
  it('keeps a soft hyphen in meta text as the publisher wrote it, like element text', () => {
    // GIVEN a meta value that spells a soft hyphen as an entity, and an h1 holding one
    const document = parseHtml('<h1>Helikopter&shy;landeplatz</h1>');
    // WHEN both are read
    // THEN both keep the hyphenation hint (U+00AD), so fields read from either agree
    expect(plainText('Helikopter&shy;landeplatz')).toBe('Helikopter\u00adlandeplatz');
    expect(elementText(document.querySelector('h1'))).toBe('Helikopter\u00adlandeplatz');
  });

  it('compares a word with a soft hyphen equal to the same word without one', () => {
    // GIVEN the same title with and without a hyphenation hint inside a word
    // WHEN both are put in comparable form
    // THEN they are equal: a soft hyphen joins the word rather than splitting it
    expect(comparable('Trump plant Helikopter\u00adlandeplatz')).toBe(
      comparable('Trump plant Helikopterlandeplatz'),
    );
    expect(comparable('Helikopter\u00adlandeplatz')).toBe('helikopterlandeplatz');
  });
});
