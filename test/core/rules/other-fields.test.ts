import { extractCanonicalUrl } from '../../../lambdas/core/rules/canonical';
import { createExtractionContext } from '../../../lambdas/core/rules/context';
import { cannotOpenWithDateline, datelineOf, extractDateline } from '../../../lambdas/core/rules/dateline';
import { extractDescription } from '../../../lambdas/core/rules/description';
import { extractImages } from '../../../lambdas/core/rules/images';
import { detectLanguage, extractLanguage, normaliseLanguageTag } from '../../../lambdas/core/rules/language';
import { extractPublisher } from '../../../lambdas/core/rules/publisher';
import { extractSyndication } from '../../../lambdas/core/rules/syndication';
import { extractKeywords, extractSection } from '../../../lambdas/core/rules/taxonomy';
import { parseHtml } from '../../helpers/dom';

const contextOf = (head: string, body = '', url?: string, htmlAttributes = '') =>
  createExtractionContext(
    parseHtml(`<html ${htmlAttributes}><head>${head}</head><body>${body}</body></html>`),
    { url },
  );
const LD = (json: object) => `<script type="application/ld+json">${JSON.stringify(json)}</script>`;

describe('description rules', () => {
  it('JSON-LD description wins over og:description', () => {
    const fact = extractDescription(
      contextOf(
        `${LD({ '@type': 'NewsArticle', description: 'From JSON-LD, long enough.' })}<meta property="og:description" content="From OpenGraph, long enough.">`,
      ),
    );
    expect(fact).toEqual({ value: 'From JSON-LD, long enough.', source: 'json-ld' });
  });

  it('og:description wins over meta description', () => {
    const fact = extractDescription(
      contextOf(
        '<meta name="description" content="From the meta description."><meta property="og:description" content="From OpenGraph, long enough.">',
      ),
    );
    expect(fact?.source).toBe('opengraph');
  });

  it('meta description wins over a standfirst element', () => {
    const fact = extractDescription(
      contextOf(
        '<meta name="description" content="From the meta description.">',
        '<article><p class="standfirst">From the standfirst paragraph.</p></article>',
      ),
    );
    expect(fact).toEqual({ value: 'From the meta description.', source: 'meta' });
  });
});

describe('publisher rules', () => {
  it('the JSON-LD publisher wins over og:site_name, with absolute logo URL', () => {
    const fact = extractPublisher(
      contextOf(
        `${LD({ '@type': 'NewsArticle', publisher: { '@type': 'Organization', name: 'LD Press', logo: { '@type': 'ImageObject', url: '/logo.png' } } })}<meta property="og:site_name" content="OG Site">`,
        '',
        'https://press.example/a/b',
      ),
    );
    expect(fact).toEqual({
      value: { name: 'LD Press', logo: 'https://press.example/logo.png' },
      source: 'json-ld',
    });
  });

  it('og:site_name wins over application-name', () => {
    const fact = extractPublisher(
      contextOf(
        '<meta name="application-name" content="App"><meta property="og:site_name" content="OG Site">',
      ),
    );
    expect(fact).toEqual({ value: { name: 'OG Site' }, source: 'opengraph' });
  });
});

describe('image rules', () => {
  it('JSON-LD images win over og:image and resolve against the canonical URL', () => {
    const fact = extractImages(
      contextOf(
        `<link rel="canonical" href="https://canonical.example/story">${LD({ '@type': 'NewsArticle', image: [{ '@type': 'ImageObject', url: '/a.jpg' }, 'b.jpg'] })}<meta property="og:image" content="/og.jpg">`,
        '',
        'https://mirror.example/story',
      ),
    );
    expect(fact).toEqual({
      value: ['https://canonical.example/a.jpg', 'https://canonical.example/b.jpg'],
      source: 'json-ld',
    });
  });

  it('og:image wins over twitter:image; javascript: URLs are refused', () => {
    const fact = extractImages(
      contextOf(
        '<meta name="twitter:image" content="https://x.example/t.jpg"><meta property="og:image" content="javascript:alert(1)"><meta property="og:image" content="https://x.example/o.jpg">',
      ),
    );
    expect(fact).toEqual({ value: ['https://x.example/o.jpg'], source: 'opengraph' });
  });
});

describe('taxonomy rules', () => {
  it('JSON-LD articleSection wins over article:section', () => {
    const context = contextOf(
      `${LD({ '@type': 'NewsArticle', articleSection: ['Politics', 'World'] })}<meta property="article:section" content="Sport">`,
    );
    expect(extractSection(context)).toEqual({ value: 'Politics', source: 'json-ld' });
  });

  it('article:tag wins over meta keywords; keywords are split and de-duplicated', () => {
    const context = contextOf(
      '<meta name="keywords" content="a, b"><meta property="article:tag" content="Rail"><meta property="article:tag" content="rail, Buses">',
    );
    expect(extractKeywords(context)).toEqual({ value: ['Rail', 'Buses'], source: 'opengraph' });
  });
});

describe('language rules', () => {
  it('JSON-LD inLanguage wins over html lang', () => {
    const context = contextOf(
      LD({ '@type': 'NewsArticle', inLanguage: 'pt_br' }),
      '',
      undefined,
      'lang="en"',
    );
    expect(extractLanguage(context, undefined)).toEqual({ value: 'pt-BR', source: 'json-ld' });
  });

  it('html lang wins over og:locale', () => {
    const context = contextOf('<meta property="og:locale" content="fr_FR">', '', undefined, 'lang="de-AT"');
    expect(extractLanguage(context, undefined)).toEqual({ value: 'de-AT', source: 'markup' });
  });

  it('detects the language of the text when none is declared', () => {
    const text =
      'Der Gemeinderat hat am Montagabend beschlossen, die Schwimmhalle im kommenden Jahr zu sanieren und den Eintritt für Kinder zu senken.';
    expect(extractLanguage(contextOf(''), text)).toEqual({ value: 'de', source: 'text' });
  });

  it('does not guess from too little text', () => {
    expect(detectLanguage('Hallo')).toBeUndefined();
  });

  it.each([
    ['en_US', 'en-US'],
    ['EN-gb', 'en-GB'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['not a tag', undefined],
  ])('normalises %s', (raw, expected) => {
    expect(normaliseLanguageTag(raw)).toBe(expected);
  });
});

describe('canonical rules', () => {
  it('link rel=canonical wins over og:url', () => {
    const context = contextOf(
      '<meta property="og:url" content="https://og.example/x"><link rel="canonical" href="/y">',
      '',
      'https://page.example/z',
    );
    expect(extractCanonicalUrl(context)).toEqual({ value: 'https://page.example/y', source: 'markup' });
  });
});

describe('syndication rules', () => {
  it('reads a credit line naming the original publication', () => {
    const context = contextOf(
      '',
      '<article><p>Body.</p><p>This story was originally published by the Harbour Times.</p></article>',
    );
    expect(extractSyndication(context)).toEqual({ value: { name: 'the Harbour Times' }, source: 'text' });
  });

  it.each([
    ['a sentence of the story', '<p>Cases first appeared in West Michigan at the end of August.</p>'],
    ['a verb with no place after it', '<p>Ere introducing him, as he first appeared to me, it is fit.</p>'],
  ])('reads no credit from %s', (_case, body) => {
    const context = contextOf('', `<article><p>Body.</p>${body}</article>`);
    expect(extractSyndication(context)).toBeUndefined();
  });

  it('keeps a domain name whole in a credit line', () => {
    const context = contextOf(
      '',
      '<article><p>Body.</p><p><em>Originally published at www.plainfield-notes.example on November 18, 2011.</em></p></article>',
    );
    expect(extractSyndication(context)?.value).toEqual({ name: 'www.plainfield-notes.example' });
  });

  it('reports a canonical URL on another site', () => {
    const context = contextOf(
      '<link rel="canonical" href="https://origin.example/a">',
      '<p>Body.</p>',
      'https://copy.example/a',
    );
    expect(extractSyndication(context)).toEqual({
      value: { url: 'https://origin.example/a' },
      source: 'markup',
    });
  });

  it('says nothing for an ordinary page', () => {
    const context = contextOf(
      '<link rel="canonical" href="https://same.example/a">',
      '<p>Body.</p>',
      'https://same.example/a?x=1',
    );
    expect(extractSyndication(context)).toBeUndefined();
  });
});

describe('dateline rules', () => {
  it.each([
    ['WASHINGTON (AP) — The Senate voted.', 'WASHINGTON (AP)'],
    ['LONDON, March 3 (Reuters) - Shares fell.', 'LONDON, March 3 (Reuters)'],
    ['Paris (AFP) - The strike ended.', 'Paris (AFP)'],
    ['BERLIN -- Talks resumed.', 'BERLIN'],
    ['The council met on Monday - and agreed.', undefined],
    ['A - B testing is common.', undefined],
  ])('%s', (text, expected) => {
    expect(datelineOf(text)).toBe(expected);
  });

  it('rules out, without the patterns, only texts neither pattern can match', () => {
    // GIVEN paragraphs that open as most do, and datelines of both kinds (Latin and Greek capitals)
    // THEN the first are ruled out at once, the second are left to the patterns
    expect(cannotOpenWithDateline('The council met on Monday - and agreed.')).toBe(true);
    expect(cannotOpenWithDateline('Élections : le maire réélu.')).toBe(true);
    for (const text of [
      'WASHINGTON (AP) — The Senate voted.',
      'Paris (AFP) - The strike ended.',
      'ΑΘΗΝΑ — Η Βουλή ψήφισε.',
      "O'HARE — Flights resumed.",
    ]) {
      expect(cannotOpenWithDateline(text)).toBe(false);
    }
    expect(datelineOf('ΑΘΗΝΑ — Η Βουλή ψήφισε.')).toBe('ΑΘΗΝΑ');
  });

  it('relies on no upper-case letter changing under toUpperCase, in every plane', () => {
    // The shortcut's premise: a second character that toUpperCase changes is not \p{Lu}.
    const changed: string[] = [];
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
      const char = String.fromCodePoint(codePoint);
      if (char.toUpperCase() !== char && /\p{Lu}/u.test(char)) changed.push(codePoint.toString(16));
    }
    expect(changed).toEqual([]);
  });

  it('takes the dateline from the first paragraph of the article', () => {
    const context = contextOf('', '<article><h1>T</h1><p>KYIV (AP) — Air raid sirens sounded.</p></article>');
    expect(extractDateline(context)).toEqual({ value: 'KYIV (AP)', source: 'text' });
  });
});
