import { createExtractionContext } from '../../../lambdas/core/rules/context';
import { extractDateModified, extractDatePublished } from '../../../lambdas/core/rules/dates';
import { parseHtml } from '../../helpers/dom';

const NOW = new Date('2025-01-01T00:00:00Z');
const contextOf = (head: string, body = '', url?: string) =>
  createExtractionContext(parseHtml(`<html><head>${head}</head><body>${body}</body></html>`), { url });
const publishedOf = (head: string, body = '', url?: string) =>
  extractDatePublished(contextOf(head, body, url), { now: NOW });

describe('datePublished rules', () => {
  it('JSON-LD datePublished wins over og: article:published_time', () => {
    const fact = publishedOf(
      '<meta property="article:published_time" content="2020-01-01T00:00:00Z"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-02-03T04:05:06+01:00"}</script>',
    );
    expect(fact).toEqual({ value: '2021-02-03T04:05:06+01:00', source: 'json-ld' });
  });

  it('microdata datePublished wins over meta', () => {
    const fact = publishedOf(
      '<meta name="pubdate" content="2020-01-01">',
      '<div itemscope itemtype="https://schema.org/Article"><meta itemprop="datePublished" content="2019-05-06"></div>',
    );
    expect(fact).toEqual({ value: '2019-05-06', source: 'microdata' });
  });

  it('article:published_time wins over generic date meta', () => {
    const fact = publishedOf(
      '<meta name="date" content="2018-01-01"><meta property="article:published_time" content="2019-01-01T10:00:00Z">',
    );
    expect(fact).toEqual({ value: '2019-01-01T10:00:00Z', source: 'opengraph' });
  });

  it('meta dates win over Dublin Core', () => {
    const fact = publishedOf(
      '<meta name="DC.date.issued" content="2018-01-01"><meta name="parsely-pub-date" content="2019-03-03">',
    );
    expect(fact).toEqual({ value: '2019-03-03', source: 'meta' });
  });

  it('a time element in the article wins over a date in the URL, and sidebar times are ignored', () => {
    const fact = publishedOf(
      '',
      '<aside class="sidebar"><time datetime="2011-11-11">old</time></aside><article><h1>T</h1><time datetime="2016-06-16T12:00:00+02:00">16 June</time></article>',
      'https://example.com/2010/10/10/story',
    );
    expect(fact).toEqual({ value: '2016-06-16T12:00:00+02:00', source: 'markup' });
  });

  it("the URL's date wins over a date written in the page text (a permalink is minted at publication)", () => {
    // GIVEN a post at a dated permalink whose meta line shows a later day (its last revision)
    const fact = publishedOf(
      '',
      '<article><h1>T</h1><div class="meta">12. März 2024</div></article>',
      'https://example.com/2010/10/10/x',
    );
    expect(fact).toEqual({ value: '2010-10-10', source: 'url' });
  });

  it('a written date near the byline is taken when the URL has none', () => {
    const fact = publishedOf(
      '',
      '<article><h1>T</h1><div class="meta">12. März 2024</div></article>',
      'https://example.com/news/x',
    );
    expect(fact).toEqual({ value: '2024-03-12', source: 'text' });
  });

  it('a date element named in Turkish ("tarih") is read like one named "date"', () => {
    // GIVEN a Turkish news page: headline, a standfirst too long for the headline's date
    // window, then "author | date - update date"
    const standfirst =
      'Ulaştırma Bakanı, şubat ayı sonu itibarıyla ülkede 11 bin 37 elektrikli araç şarj istasyonu ' +
      'bulunduğunu, il bazında en fazla istasyonun 2 bin 784 ile İstanbul’da olduğunu ve istasyon ' +
      'sayısının geçen yılın aynı dönemine göre yüzde 40 arttığını açıkladı; yeni yatırımlar yolda.';
    const fact = publishedOf(
      '',
      `<main><div class="detay-spot"><h1>Şarj istasyonu sayısı 11 bini aştı</h1><h4>${standfirst}</h4>` +
        '<div class="row"><span>Ayşe Yılmaz |</span> <span class="tarih">05.04.2024 - Güncelleme : 06.04.2024</span></div></div>' +
        '<div class="detay"><p>İstanbul 2 bin 784 istasyonla ilk sırada yer aldı.</p></div></main>',
    );
    // THEN the first date is the publication date, day first
    expect(fact).toEqual({ value: '2024-04-05', source: 'text' });
  });

  it('a time element in the byline still wins over the URL', () => {
    const fact = publishedOf(
      '',
      '<article><h1>T</h1><time datetime="2010-10-11T09:00:00+02:00">11.10.2010</time></article>',
      'https://example.com/2010/10/10/x',
    );
    expect(fact).toEqual({ value: '2010-10-11T09:00:00+02:00', source: 'markup' });
  });

  it('falls back to a date in the URL path', () => {
    expect(publishedOf('', '<p>No dates here.</p>', 'https://example.com/2019/07/04/story')).toEqual({
      value: '2019-07-04',
      source: 'url',
    });
  });

  it('rejects a future date and a pre-1990 date, moving on to the next source', () => {
    expect(
      publishedOf(
        '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2099-01-01"}</script><meta property="article:published_time" content="1980-01-01"><meta name="date" content="2020-02-02">',
      ),
    ).toEqual({ value: '2020-02-02', source: 'meta' });
  });

  it('never reads a date from a script', () => {
    expect(
      publishedOf('', '<article><script>var d = "2020-01-01";</script><p>Text</p></article>'),
    ).toBeUndefined();
  });

  it('skips a time labelled as an update when looking for the publication date', () => {
    const fact = publishedOf(
      '',
      '<article><p>Updated <time datetime="2022-02-02">Feb 2</time></p><p>Published <time datetime="2022-01-01">Jan 1</time></p></article>',
    );
    expect(fact?.value).toBe('2022-01-01');
  });
});

describe('dateModified rules', () => {
  it('keeps published and modified apart', () => {
    const context = contextOf(
      '<meta property="article:published_time" content="2021-01-01T00:00:00Z"><meta property="article:modified_time" content="2021-01-05T00:00:00Z">',
    );
    const published = extractDatePublished(context, { now: NOW });
    expect(published?.value).toBe('2021-01-01T00:00:00Z');
    expect(extractDateModified(context, published, { now: NOW })?.value).toBe('2021-01-05T00:00:00Z');
  });

  it('drops a modification date earlier than the publication date', () => {
    const context = contextOf(
      '<meta property="article:published_time" content="2021-01-05"><meta property="article:modified_time" content="2021-01-01">',
    );
    expect(
      extractDateModified(context, extractDatePublished(context, { now: NOW }), { now: NOW }),
    ).toBeUndefined();
  });
});

describe('dates written only as text', () => {
  it('reads the date after a publication label, also in a definition list', () => {
    // GIVEN no metadata, a "Datum" term in the article's own info box and an update label
    const labelled = publishedOf(
      '',
      '<article><h1>Working with foreign drawings</h1><aside class="blogData"><dl><dt>Datum</dt><dd>12.01.2017</dd></dl></aside><p>Text.</p></article>',
    );
    // THEN the labelled date is the publication date
    expect(labelled).toEqual({ value: '2017-01-12', source: 'text' });
    expect(
      publishedOf('', '<main><h2>Notes</h2><p>Text.</p><p>Erschienen am: 13.10.2021</p></main>')?.value,
    ).toBe('2021-10-13');
  });

  it('ignores a label whose date is far from it', () => {
    expect(
      publishedOf(
        '',
        '<main><h2>Notes</h2><p>Posted in our long-running series about rivers and lakes, 12.03.2020</p></main>',
      ),
    ).toBeUndefined();
  });

  it('reads a date written just before the headline', () => {
    // GIVEN a date and a topic line above the h1, nothing after it
    const fact = publishedOf(
      '',
      '<div class="content"><span>01.02.2022</span> | Indoor meeting <h1>A surprise over 1,500 metres</h1><p>He won the race.</p></div>',
    );
    // THEN that date is read
    expect(fact).toEqual({ value: '2022-02-01', source: 'text' });
  });

  it('finds the headline in a lower heading when the page has no h1', () => {
    // GIVEN no h1; the h4 repeats the document title and a date sits right above it
    const fact = extractDatePublished(
      createExtractionContext(
        parseHtml(
          '<html><head><title>Efficient hybrid battery | Science news</title></head><body><p><em>01.11.2023 11:35</em></p><h4>Efficient hybrid battery</h4><p>Researchers report.</p></body></html>',
        ),
      ),
      { now: NOW },
    );
    expect(fact?.value).toBe('2023-11-01');
  });

  it('reads a date opening the first paragraph before a dash', () => {
    const fact = publishedOf(
      '',
      '<article><h1>Bioenergy</h1><p>29.11.2022 – The industry had repeatedly pointed out the drawbacks.</p></article>',
    );
    expect(fact).toEqual({ value: '2022-11-29', source: 'text' });
  });

  it('reads a date closing the document title as the last resort', () => {
    expect(
      publishedOf(
        '<title>Fertile land and elephants | Environment | DW | 23.05.2011</title>',
        '<p>Text.</p>',
      ),
    ).toEqual({ value: '2011-05-23', source: 'text' });
  });
});

describe('the day readers see over metadata', () => {
  it('follows the byline time when the metadata gives another day', () => {
    // GIVEN a date meta (an import date) and a byline time a few days later
    const fact = publishedOf(
      '<meta name="date" content="2022-01-21T15:38:44">',
      '<article><h1>Winter walks</h1><p class="meta"><time datetime="2022-01-27">27.01.2022</time></p></article>',
    );
    // THEN the shown day wins
    expect(fact).toEqual({ value: '2022-01-27', source: 'markup' });
  });

  it('takes the metadata source that agrees with the shown day, keeping its time', () => {
    const fact = publishedOf(
      '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-11-03T10:25:56+00:00"}</script><meta property="article:published_time" content="2023-11-06T14:25:00+01:00">',
      '<article><h1>Ad campaign</h1><time datetime="2023-11-06">6. November 2023</time></article>',
    );
    expect(fact).toEqual({ value: '2023-11-06T14:25:00+01:00', source: 'opengraph' });
  });

  it('keeps the metadata when the shown date is the same numbers read month-first', () => {
    const fact = publishedOf(
      '<meta property="article:published_time" content="2021-11-01T04:00:14Z">',
      '<article><div class="article-header-date"><span>11/01/2021</span></div><h1>Scooter test</h1></article>',
    );
    expect(fact?.value.slice(0, 10)).toBe('2021-11-01');
  });

  it('keeps the metadata when the shown date is years earlier (another event)', () => {
    const fact = publishedOf(
      '<meta property="article:published_time" content="2022-01-26T12:00:00Z">',
      '<article><h1>Route tool update</h1><div class="meta">Launched 06.03.2016</div></article>',
    );
    expect(fact?.value).toBe('2022-01-26T12:00:00Z');
  });
});

describe('UTC instants in the page offset', () => {
  it('re-expresses a UTC instant with the offset of its zone-less twin in the byline', () => {
    // GIVEN JSON-LD in UTC and the byline's time element in local wall-clock time
    const fact = publishedOf(
      '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-11-09T01:09:55Z"}</script>',
      '<article><h1>Playoffs</h1><time datetime="2023-11-08 18:09:55">November 8, 2023 at 6:09 p.m.</time></article>',
    );
    // THEN the same instant carries the page's offset
    expect(fact?.value).toBe('2023-11-08T18:09:55-07:00');
  });

  it("keeps the URL day when it is the UTC instant's local day", () => {
    const fact = publishedOf(
      '<meta property="article:published_time" content="2020-02-25T02:25:54+00:00">',
      '<p>Text.</p>',
      'https://news.example/2020/02/24/press-secretary-leaves/',
    );
    expect(fact?.value).toBe('2020-02-24');
  });

  it('keeps the UTC instant when the URL day is not a local day of it', () => {
    const fact = publishedOf(
      '<meta property="article:published_time" content="2020-02-25T12:00:00+00:00">',
      '<p>Text.</p>',
      'https://news.example/2020/02/20/story/',
    );
    expect(fact?.value).toBe('2020-02-25T12:00:00+00:00');
  });
});

describe('labelled dates outside the article', () => {
  it('skips a labelled date in a comment list inside the article', () => {
    // GIVEN only a comment carries a "Posted on" label
    const fact = publishedOf(
      '',
      `<article><h1>Roomba wall</h1><p>${'Build it with an Arduino and an infrared diode. '.repeat(6)}</p><section class="comments"><p>Posted on 20.08.2019 by Ann</p></section></article>`,
    );
    // THEN no publication date is taken from it
    expect(fact).toBeUndefined();
  });
});

describe('metadata in local time', () => {
  it("keeps a metadata instant with a local offset over a later byline time (a liveblog's latest entry)", () => {
    const fact = publishedOf(
      '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-10-07T09:53:36+02:00"}</script>',
      '<article><h1>Live: the latest</h1><time datetime="2024-07-18T09:08:27Z">18.07.2024</time></article>',
    );
    expect(fact?.value).toBe('2023-10-07T09:53:36+02:00');
  });
});

describe("UTC instants in the time zone of the page's country", () => {
  it("writes a UTC instant in the zone of the domain's country", () => {
    // GIVEN an Argentine site whose metadata holds only a UTC instant, late in the evening there
    const fact = publishedOf(
      '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2022-05-04T00:25:56Z"}</script>',
      '<article><h1>Sesión en el Senado</h1><p>Texto.</p></article>',
      'https://diario.example.com.ar/politica/sesion',
    );
    // THEN the same instant is written with Buenos Aires' offset, on the day readers saw
    expect(fact).toEqual({ value: '2022-05-03T21:25:56-03:00', source: 'json-ld' });
  });

  it('follows the declared locale when the domain names no country, daylight saving included', () => {
    // GIVEN a .com page declaring en-US, and a UTC instant in May (New York on summer time)
    const fact = publishedOf(
      '<meta property="og:locale" content="en_US"><meta property="article:published_time" content="2020-05-02T02:54:29Z">',
      '<article><h1>Station to close overnight</h1></article>',
      'https://news.example.com/traffic/station',
    );
    expect(fact?.value).toBe('2020-05-01T22:54:29-04:00');
  });

  it('keeps the UTC instant when the country is unknown or the instant is a bare midnight', () => {
    // GIVEN no country anywhere, then a known country but a midnight instant (a date stored as one)
    const unknown = publishedOf(
      '<meta property="article:published_time" content="2020-05-02T02:54:29Z">',
      '<article><h1>Station to close overnight</h1></article>',
      'https://news.example.com/traffic/station',
    );
    const midnight = publishedOf(
      '<meta property="article:published_time" content="2020-05-02T00:00:00Z">',
      '<article><h1>Cierre nocturno de la estación</h1></article>',
      'https://diario.example.com.ar/x',
    );
    // THEN both stay as written
    expect(unknown?.value).toBe('2020-05-02T02:54:29Z');
    expect(midnight?.value).toBe('2020-05-02T00:00:00Z');
  });

  it('keeps the UTC form when the local day is the same day', () => {
    // GIVEN a German page and a UTC instant at noon (the same day in Berlin)
    const fact = publishedOf(
      '<meta property="article:published_time" content="2020-05-02T12:54:29Z">',
      '<article><h1>Bahnhof nachts geschlossen</h1></article>',
      'https://news.example.de/verkehr/bahnhof',
    );
    expect(fact?.value).toBe('2020-05-02T12:54:29Z');
  });

  it('never moves an instant that carries a local offset', () => {
    const fact = publishedOf(
      '<meta property="article:published_time" content="2020-05-02T02:54:29+02:00">',
      '<article><h1>Bahnhof nachts geschlossen</h1></article>',
      'https://news.example.com.ar/x',
    );
    expect(fact?.value).toBe('2020-05-02T02:54:29+02:00');
  });
});

describe('microdata dates in a title attribute', () => {
  it('reads the ISO title of an abbr whose microdata value is only the time shown', () => {
    // GIVEN a Blogger-style post: the datePublished element shows "08:00", the date is in its title
    const fact = publishedOf(
      '',
      `<div class="widget Blog"><div itemscope itemtype="http://schema.org/BlogPosting"><h3 itemprop="name">Privacy policy</h3>
        <abbr class="published" itemprop="datePublished" title="2018-06-05T08:00:00-07:00">08:00</abbr></div></div>`,
    );
    // THEN the title's instant is the publication date
    expect(fact).toEqual({ value: '2018-06-05T08:00:00-07:00', source: 'microdata' });
  });

  it('ignores a title that is not an ISO date', () => {
    const fact = publishedOf(
      '',
      '<div itemscope itemtype="http://schema.org/BlogPosting"><abbr itemprop="datePublished" title="Tuesday morning">08:00</abbr></div>',
    );
    expect(fact).toBeUndefined();
  });
});

describe('slashed machine dates with a time', () => {
  it('reads a date meta in the .NET / en-US form month first', () => {
    // GIVEN a Swiss page whose date meta is "11/01/2023 12:43:42" and whose text shows 01.11.2023
    const fact = publishedOf(
      '<meta name="date" content="11/01/2023 12:43:42">',
      '<article><h1>Trinkwasser belastet</h1><p>Erstellt am: 01.11.2023</p></article>',
    );
    // THEN the publication day is 1 November, as shown
    expect(fact?.value).toBe('2023-11-01');
  });

  it('still reads a slashed date meta without a time day first', () => {
    const fact = publishedOf('<meta name="date" content="03/01/2020">', '<article><h1>Goats</h1></article>');
    expect(fact?.value).toBe('2020-01-03');
  });
});

describe('headline and dateline without an article container', () => {
  it('skips an empty logo h1 and reads the date under the real headline', () => {
    // GIVEN a logo h1 holding only an image, then the story's h1 with its date under it
    const fact = publishedOf(
      '',
      `<div id="top"><h1><a href="/"><img src="logo.png" alt=""></a></h1></div>
       <div class="mod_article"><p>Navigation text</p><h1>Warm war es</h1><p class="info">10.06.2018 22:00</p><p>Heute Nachmittag.</p></div>`,
    );
    expect(fact?.value).toBe('2018-06-10');
  });

  it('reads an opening dateline in the first paragraphs after the headline when the body is the root', () => {
    // GIVEN no article container, a header with paragraphs of its own, then the headline and a dated opening
    const fact = publishedOf(
      '',
      `<div class="top"><p>Newsletter</p><p>Spenden</p><p>Kontakt</p></div>
       <h1>Bundesregierung drosselt Bioenergie</h1>
       <p>Die Branche protestiert.</p><div class="text"><p>29.11.2022 – Mehrfach hatte die Branche gewarnt.</p></div>`,
    );
    expect(fact?.value).toBe('2022-11-29');
  });
});

describe('dates in a sentence about the post', () => {
  it('reads the date of "Dieser Artikel wurde am … geschrieben"', () => {
    // GIVEN no date markup, only a sentence under the post naming its publication
    const fact = publishedOf(
      '',
      `<div class="post"><h1>Eine virtuelle Wand</h1><p>${'Der Roboter bleibt vor der Wand stehen. '.repeat(5)}</p>
       <p>Dieser Artikel wurde am 14. Dezember 2015 um 14:48 von <a href="/author/anna">Anna</a> geschrieben.</p></div>`,
    );
    expect(fact).toEqual({ value: '2015-12-14', source: 'text' });
  });

  it('ignores "wurde am" about an event in the article text', () => {
    // GIVEN body text dating an arrest, with no word about the post's publication
    const fact = publishedOf(
      '',
      `<div class="post"><h1>Festnahme in Bern</h1><p>${'Die Polizei ermittelt weiter. '.repeat(10)}</p><p>Der Mann wurde am 3. Mai 2021 in Bern festgenommen. Er schweigt.</p></div>`,
    );
    expect(fact).toBeUndefined();
  });
});

describe("the page's main entity in JSON-LD", () => {
  it('takes the datePublished of a HowTo that names this page as its main entity', () => {
    // GIVEN no article node, only a HowTo whose mainEntityOfPage is this page, and an embedded video
    const fact = publishedOf(
      `<script type="application/ld+json">[{"@type":"VideoObject","uploadDate":"2019-01-01","datePublished":"2019-01-01","url":"https://video.example/v/1"},
        {"@type":"HowTo","name":"Round tablecloth","datePublished":"2022-01-10T22:06:08Z","mainEntityOfPage":"https://www.diy.example/diy/20546/round-tablecloth"}]</script>`,
      '<h1>Round tablecloth in 7 steps</h1>',
      'https://www.diy.example/diy/20546/round-tablecloth/?ref=home',
    );
    // THEN the HowTo's date is the page's, not the video's
    expect(fact).toEqual({ value: '2022-01-10T22:06:08Z', source: 'json-ld' });
  });

  it('ignores a dated node that names another page', () => {
    const fact = publishedOf(
      '<script type="application/ld+json">{"@type":"HowTo","datePublished":"2022-01-10","url":"https://www.diy.example/other"}</script>',
      '<h1>Round tablecloth in 7 steps</h1>',
      'https://www.diy.example/diy/20546/round-tablecloth',
    );
    expect(fact).toBeUndefined();
  });
});

describe("labelled dates in the article's own info box", () => {
  it('reads "Datum" in an aside of the article header', () => {
    // GIVEN an article whose header carries an aside (a class that looks like a sidebar) with the date
    const fact = publishedOf(
      '',
      `<nav><a href="/">Home</a></nav><article id="content"><header><h1>Umgang mit fremden Dateien</h1>
        <p>${'Fremde Planungsdateien bringen Layer und Stile mit. '.repeat(6)}</p></header>
        <aside class="blogData"><dl><dt>Datum</dt><dd>12.01.2017</dd><dt>Kategorie</dt><dd>CAD</dd></dl></aside>
        <p>${'Eine kurze Anleitung für den Planungsprozess. '.repeat(8)}</p></article>`,
    );
    // THEN the aside's labelled date is the article's
    expect(fact).toEqual({ value: '2017-01-12', source: 'text' });
  });
});

describe('a date closing a short byline', () => {
  it('reads "von Anna am 20.09.2020" when nothing else dates the page', () => {
    // GIVEN a user box "von <a>Anna</a><br> am 20.09.2020" after the text, and no date markup
    const fact = publishedOf(
      '',
      `<h1>Tomaten richtig schneiden</h1><p>${'Mit einem scharfen Messer gelingt es. '.repeat(10)}</p>
       <div class="userbox"><span class="name-sub">von <a href="/user/anna">Anna</a><br> am 20.09.2020</span></div>`,
    );
    expect(fact).toEqual({ value: '2020-09-20', source: 'text' });
  });

  it('ignores "am" + date in a longer sentence that only opens with "von"', () => {
    // GIVEN a paragraph about events, opening with "Von", far from the headline
    const fact = publishedOf(
      '',
      `<h1>Stadtrat</h1><p>${'Der Rat tagt monatlich im Rathaus. '.repeat(10)}</p>
       <p>Von den Plänen hörte die Stadt zuerst bei einer Sitzung, die schließlich nach langer Debatte<br> am 03.05.2021 beendet wurde.</p>`,
    );
    expect(fact).toBeUndefined();
  });
});

describe('UTC instants whose UTC day the page confirms', () => {
  it("keeps the UTC form when the URL carries the instant's UTC day", () => {
    // GIVEN a US-locale blog whose UTC instant is just past midnight, at a permalink dated that UTC day
    const fact = publishedOf(
      '<meta property="og:locale" content="en_US"><meta property="article:published_time" content="2015-04-05T00:08:34+00:00">',
      '<article><h1>Politcamp</h1></article>',
      'https://blog.example.com/2015/04/05/politcamp/',
    );
    // THEN the day readers saw is the URL's, not New York's evening before
    expect(fact?.value).toBe('2015-04-05T00:08:34+00:00');
  });
});
