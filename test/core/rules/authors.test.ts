import { extractAuthors, splitNames } from '../../../lambdas/core/rules/authors';
import { createExtractionContext } from '../../../lambdas/core/rules/context';
import { parseHtml } from '../../helpers/dom';

const authorsOf = (head: string, body = '') =>
  extractAuthors(createExtractionContext(parseHtml(`<html><head>${head}</head><body>${body}</body></html>`)));
const names = (fact: ReturnType<typeof authorsOf>) => fact?.value.map((person) => person.name);

describe('author rules', () => {
  it('JSON-LD author wins over meta author', () => {
    const fact = authorsOf(
      '<meta name="author" content="Meta Person"><script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Json Person","jobTitle":"Reporter"}}</script>',
    );
    expect(fact?.source).toBe('json-ld');
    expect(fact?.value).toEqual([{ name: 'Json Person', jobTitle: 'Reporter' }]);
  });

  it('follows @id references to the Person node of a graph', () => {
    const fact = authorsOf(
      '<script type="application/ld+json">{"@graph":[{"@type":"Article","author":{"@id":"#p"}},{"@type":"Person","@id":"#p","name":"Graph Person","url":"https://example.com/graph-person"}]}</script>',
    );
    expect(fact?.value).toEqual([{ name: 'Graph Person', url: 'https://example.com/graph-person' }]);
  });

  it('microdata author wins over meta author', () => {
    const fact = authorsOf(
      '<meta name="author" content="Meta Person">',
      '<article itemscope itemtype="http://schema.org/Article"><span itemprop="author" itemscope itemtype="http://schema.org/Person"><span itemprop="name">Micro Person</span></span></article>',
    );
    expect(fact?.source).toBe('microdata');
    expect(names(fact)).toEqual(['Micro Person']);
  });

  it('meta author wins over twitter:creator', () => {
    const fact = authorsOf(
      '<meta name="twitter:creator" content="Twitter Person"><meta name="author" content="Meta Person">',
    );
    expect(names(fact)).toEqual(['Meta Person']);
  });

  it('meta author wins over Dublin Core creator', () => {
    const fact = authorsOf(
      '<meta name="DC.creator" content="Dublin Person"><meta name="author" content="Meta Person">',
    );
    expect(names(fact)).toEqual(['Meta Person']);
  });

  it('Dublin Core creator wins over a byline', () => {
    const fact = authorsOf(
      '<meta name="dc.creator" content="Dublin Person">',
      '<article><p class="byline">By Byline Person</p></article>',
    );
    expect(fact?.source).toBe('dublin-core');
  });

  it('a byline in the article wins over a "By" line of text, and sidebar bylines are ignored', () => {
    const fact = authorsOf(
      '',
      '<aside class="related"><span class="byline">By Sidebar Person</span></aside><article><h1>Title</h1><div class="byline">By Article Person</div><p>By the river, the town...</p></article>',
    );
    expect(fact).toEqual({ value: [{ name: 'Article Person' }], source: 'markup' });
  });

  it('never takes a comment author', () => {
    const fact = authorsOf(
      '',
      '<article><h1>Title</h1><p>Text.</p></article><section id="comments"><span class="comment-author">Commenter</span></section>',
    );
    expect(fact).toBeUndefined();
  });

  it('reads a "By" line of text when there is no byline markup', () => {
    const fact = authorsOf(
      '',
      '<article><h1>Title</h1><p>By Olive Plainfield</p><p>Body text of the article.</p></article>',
    );
    expect(fact).toEqual({ value: [{ name: 'Olive Plainfield' }], source: 'text' });
  });

  it('does not read a sentence starting with "By" and a lower-case word as a byline', () => {
    // GIVEN a video player's terms line ("By viewing …"), and a label line before a lower-case word
    const fact = authorsOf(
      '',
      '<article><h1>Title</h1><p>By viewing our video content, you accept the terms.</p><p>Autor: unbekannt geblieben</p><p>Body text of the article.</p></article>',
    );
    // THEN no one is named (under the `i` flag \p{Lu} would match "v" and "u")
    expect(fact).toBeUndefined();
  });

  it('still reads a labelled byline in a script without case', () => {
    const fact = authorsOf('', '<article><h1>标题</h1><p>作者：张伟</p><p>正文。</p></article>');
    expect(fact?.value).toEqual([{ name: '张伟' }]);
  });

  it('ignores twitter handles', () => {
    expect(authorsOf('<meta name="twitter:creator" content="@handle">')).toBeUndefined();
  });
});

describe('splitNames', () => {
  it.each([
    ['By Jane Doe', ['Jane Doe']],
    ['Jane Doe and John Roe', ['Jane Doe', 'John Roe']],
    ['Ana Souza, Bilal Chaudhry & Chen Wei', ['Ana Souza', 'Bilal Chaudhry', 'Chen Wei']],
    ['Von Katharina Müller und Felix Gruber', ['Katharina Müller', 'Felix Gruber']],
    ['By Helen Marsh - March 4, 2024 - 6 min read', ['Helen Marsh']],
    ['Jane Doe | Updated 3 May 2024', ['Jane Doe']],
    ['5 min read', []],
    ['12 March 2024', []],
    ['Weitere Stories', []],
    ['vom Krimiblogger', ['Krimiblogger']],
    ['Jane Doe, Senior Correspondent', ['Jane Doe']],
  ])('%s -> %j', (raw, expected) => {
    expect(splitNames(raw)).toEqual(expected);
  });

  it('drops the site name from a found byline but keeps it when the page declares it', () => {
    const context = createExtractionContext(
      parseHtml('<meta property="og:site_name" content="Example News">'),
    );
    expect(splitNames('By Example News', context, 'found')).toEqual([]);
    expect(splitNames('Example News', context, 'declared')).toEqual(['Example News']);
  });
});

describe('author meta conventions', () => {
  it('reads Dublin Core "Family, Given" creators one person per tag', () => {
    const fact = authorsOf(
      '<meta name="dc.creator" content="Tollefson, Jeff"><meta name="dc.creator" content="Basu, Mohana">',
    );
    expect(fact?.value.map((person) => person.name)).toEqual(['Jeff Tollefson', 'Mohana Basu']);
  });

  it('never takes a photo credit for an author', () => {
    expect(
      authorsOf('', '<article><h1>T</h1><span class="author">Bild: SN/APA/Keystone</span></article>'),
    ).toBeUndefined();
  });
});

describe('byline markup', () => {
  it('takes the linked names of a byline and keeps words of separate spans apart', () => {
    const fact = authorsOf(
      '',
      '<article><h1>T</h1><div class="byline"><span>By</span><span><a href="https://n.example/staff/alex-b">Alex Baker</a></span><span>Thursday, November 9, 2023</span></div></article>',
    );
    expect(fact?.value).toEqual([{ name: 'Alex Baker', url: expect.stringMatching(/staff\/alex-b$/) }]);
  });
});

describe('byline causes found on real pages', () => {
  it('reads a byline inside layout wrappers whose classes name a sidebar or a popular-posts category', () => {
    // GIVEN a theme wrapping the article in "content-sidebar-wrap" and tagging it "category-popular-posts"
    const fact = authorsOf(
      '',
      '<div class="content-sidebar-wrap"><main class="content"><article class="post category-popular-posts"><header class="entry-header"><h1>T</h1><p class="entry-meta"><span class="entry-author"><a rel="author" href="https://n.example/author/amy">Amy Morrow</a></span></p></header><p>Body.</p></article></main><aside class="sidebar"><p class="author">Side Person</p></aside></div>',
    );
    // THEN the article's own byline is read, never the sidebar's
    expect(fact).toEqual({ value: [{ name: 'Amy Morrow', url: expect.any(String) }], source: 'markup' });
  });

  it('still ignores a real sidebar next to the headline wrapper', () => {
    const fact = authorsOf(
      '',
      '<div class="wrap"><article><h1>T</h1><p>Body.</p></article><div class="sidebar"><span class="author-name">Side Person</span></div></div>',
    );
    expect(fact).toBeUndefined();
  });

  it('reads "Posted on <date> by <name> in <category>" lines of text', () => {
    // GIVEN a WordPress meta line with no byline class
    const fact = authorsOf(
      '',
      '<article><h1>T</h1><p class="entry-meta">Posted on March 3, 2024 by <span>Dana Whitfield</span> in <a href="/c/news">News</a></p><p>Body.</p></article>',
    );
    // THEN the name between "by" and "in" is the author
    expect(fact).toEqual({ value: [{ name: 'Dana Whitfield' }], source: 'text' });
  });

  it('reads the name of an author box after the article, not its "all posts by" link', () => {
    const fact = authorsOf(
      '',
      '<article><h1>T</h1><p>Body.</p><div class="author-bio"><h3>Ole Brandt</h3><p><a href="/autor/ole">Alles von Ole Brandt</a></p><p>Kontakt | 040 1234</p></div></article>',
    );
    expect(names(fact)).toEqual(['Ole Brandt']);
  });

  it('drops the publisher listed beside a person in JSON-LD', () => {
    const fact = authorsOf(
      '<meta property="og:site_name" content="Harbour Post"><script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"Lina Aalto"},{"@type":"Organization","name":"Harbour Post"}]}</script>',
    );
    expect(names(fact)).toEqual(['Lina Aalto']);
  });

  it('uses a byline naming only the site when no person is named anywhere', () => {
    // GIVEN a rel=author link naming the site itself, and no other author source
    const fact = authorsOf(
      '<meta property="og:site_name" content="Miami Ledger">',
      '<article><h1>T</h1><div class="post-head">Written by <a rel="author" href="https://n.example/author/ml">Miami Ledger</a></div><p>Body.</p></article>',
    );
    // THEN the site is the author, as the page says
    expect(fact).toEqual({ value: [{ name: 'Miami Ledger', url: expect.any(String) }], source: 'markup' });
  });

  it('prefers a person named in a later source over a byline naming only the site', () => {
    const fact = authorsOf(
      '<meta property="og:site_name" content="Miami Ledger">',
      '<article><h1>T</h1><div class="post-head"><a rel="author" href="/author/ml">Miami Ledger</a></div><p>By Rosa Delgado</p><p>Body.</p></article>',
    );
    expect(fact).toEqual({ value: [{ name: 'Rosa Delgado' }], source: 'text' });
  });

  it('replaces a one-word handle by the full name a later source spells out', () => {
    // GIVEN meta author "todd" (a user name) and a byline "By Todd Bates"
    const fact = authorsOf(
      '<meta name="author" content="todd">',
      '<article><h1>T</h1><p class="byline">By Todd Bates</p></article>',
    );
    expect(fact).toEqual({ value: [{ name: 'Todd Bates' }], source: 'markup' });
  });

  it('replaces initials by the name they abbreviate, and keeps a handle nothing spells out', () => {
    expect(
      names(
        authorsOf(
          '<meta name="author" content="DT">',
          '<article><h1>T</h1><p class="byline">By Donald Townsend</p></article>',
        ),
      ),
    ).toEqual(['Donald Townsend']);
    expect(
      names(
        authorsOf(
          '<meta name="author" content="nils">',
          '<article><h1>T</h1><p class="byline">By Maria Stone</p></article>',
        ),
      ),
    ).toEqual(['nils']);
  });

  it('keeps a declared full name over a later handle when the blog owner is also the publisher', () => {
    const fact = authorsOf(
      '<script type="application/ld+json">{"@graph":[{"@type":"BlogPosting","author":{"@type":"Person","name":"Christoph Hain"},"publisher":{"@type":"Person","name":"Christoph Hain"}}]}</script>',
      '<article><h1>T</h1><span class="author">Christoph</span></article>',
    );
    expect(names(fact)).toEqual(['Christoph Hain']);
  });

  it('never takes a CMS account for an author', () => {
    expect(authorsOf('<meta name="author" content="admin">')).toBeUndefined();
  });

  it('never takes a photo credit in an author-classed caption', () => {
    expect(
      authorsOf(
        '',
        '<article><h1>T</h1><figure><figcaption class="img-author">Photograph by Ed Marsh, Island Restoration Programme</figcaption></figure></article>',
      ),
    ).toBeUndefined();
  });

  it('never takes a "follow the author" button for a byline', () => {
    expect(
      authorsOf(
        '',
        '<article><h1>T</h1><a class="followAuthorBtn" href="#">Themen bearbeiten</a><p>Body.</p></article>',
      ),
    ).toBeUndefined();
  });

  it('finds a byline at the bottom of a very deep page without recursing', () => {
    // GIVEN hostile nesting deeper than any call stack would allow
    const depth = 12_000;
    const body = `${'<div>'.repeat(depth)}<span class="byline">By Deep Person</span>${'</div>'.repeat(depth)}`;
    // THEN the walk is iterative and still reaches it
    expect(names(authorsOf('', body))).toEqual(['Deep Person']);
  });
});

describe('splitNames byline sentences', () => {
  it.each([
    ['Posted on March 3, 2024 by Jane Doe', ['Jane Doe']],
    ['By Jane Doe in Washington', ['Jane Doe']],
    ['Von Katharina Müller am 3. Mai 2024', ['Katharina Müller']],
    ['Ein Artikel von Pamela Sladky', ['Pamela Sladky']],
    ['Anna Beck, Frankfurt', ['Anna Beck']],
    ['Alle Artikel von Martin Junker', ['Martin Junker']],
    ['View all posts by Jane Doe', ['Jane Doe']],
    ['Photograph by Ed Marsh, Island Restoration Programme', []],
  ])('%s -> %j', (raw, expected) => {
    expect(splitNames(raw)).toEqual(expected);
  });
});

describe('author causes found on real pages (third round)', () => {
  const authorsAt = (url: string, head: string, body = '') =>
    extractAuthors(
      createExtractionContext(parseHtml(`<html><head>${head}</head><body>${body}</body></html>`), { url }),
    );

  it('reads the author Yoast shows to Twitter when the meta author is an e-mail address', () => {
    // GIVEN a meta author that is an address, a byline of initials, and Yoast's "Written by" pair
    const head =
      '<meta name="author" content="d.doe@example.com"><meta name="twitter:label1" content="Verfasst von"><meta name="twitter:data1" content="Dana Doe">';
    const fact = authorsOf(head, '<article><h1>T</h1><p class="byline">dd Frankfurt</p></article>');
    // THEN the labelled name wins, and so does the headless-WordPress form of the same tag
    expect(names(fact)).toEqual(['Dana Doe']);
    expect(names(authorsOf('<meta name="twitter:misc:Written by" content="Dana Doe">'))).toEqual([
      'Dana Doe',
    ]);
  });

  it('reads the author Shareaholic writes when no other meta tag names one, and never over them', () => {
    // GIVEN a WordPress page whose only author tag is Shareaholic's, and one with a meta author too
    const plugin = "<meta name='shareaholic:article_author_name' content='Wolf Mitchell' />";
    // THEN the plugin's name is the author, and the meta author wins where there is one
    expect(names(authorsOf(plugin, '<article><h1>T</h1><p>Body.</p></article>'))).toEqual(['Wolf Mitchell']);
    expect(names(authorsOf(`<meta name="author" content="Dana Doe">${plugin}`))).toEqual(['Dana Doe']);
  });

  it('reads og:article:author and article:author_name as article:author, before a publisher byline', () => {
    // GIVEN CMS spellings of article:author, and a byline naming only the newspaper
    const body = '<article><h1>T</h1><p class="author">Allgemeine Zeitung</p><p>Body.</p></article>';
    // THEN each names the author
    expect(names(authorsOf('<meta property="og:article:author" content="Hagen Ritter">', body))).toEqual([
      'Hagen Ritter',
    ]);
    expect(names(authorsOf('<meta property="article:author_name" content="Ann Roach">', body))).toEqual([
      'Ann Roach',
    ]);
  });

  it('never takes a template placeholder for an author', () => {
    // GIVEN a CMS that fills the author meta with "No Author"
    // THEN there is no author
    expect(authorsOf('<meta name="author" content="No Author">')).toBeUndefined();
  });

  it('ignores twitter data whose label is not the author', () => {
    // GIVEN Yoast's reading-time pair only
    const head =
      '<meta name="twitter:label1" content="Est. reading time"><meta name="twitter:data1" content="3 minutes">';
    // THEN no author comes from it
    expect(authorsOf(head)).toBeUndefined();
  });

  it('never takes the tag links or share links of a post whose wrapper carries WordPress post classes', () => {
    // GIVEN an article classed "author-example-news" (post_class) whose author box holds only a logo and tags
    const fact = authorsOf(
      '<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Organization","name":"Example News"}}</script><meta property="og:site_name" content="Example News">',
      '<article class="post hentry author-example-news"><h1>T</h1><div class="vcard author"><a href="/autor/example-news/"><img alt="Example News"></a> / <a href="/thema/solar/" rel="tag">Solar</a> / <a href="/thema/wind/" rel="tag">Wind</a></div><p>Body with <a href="/x">Some Link</a>.</p><a class="share" href="/s">teilen</a></article>',
    );
    // THEN the declared publisher is the author: tags, body and share links are no names
    expect(names(fact)).toEqual(['Example News']);
  });

  it.each([
    ['Hinterlasse einen Kommentar', []],
    ['Fenster schließen', []],
    ['Archiv anzeigen →', []],
    ['Revised Edition Edited by Adrian Parr', []],
    ['Gesponserte Inhalte', []],
    ['Ursula von der Leyen', ['Ursula von der Leyen']],
    ["Jean d'Ormesson", ["Jean d'Ormesson"]],
    ['revamp-it Webteam', ['revamp-it Webteam']],
    ['| Roman Vogt', ['Roman Vogt']],
  ])('found text %s -> %j', (raw, expected) => {
    // GIVEN text found in byline markup; THEN phrases and controls are no names, particles are kept
    expect(splitNames(raw, undefined, 'markup')).toEqual(expected);
  });

  it("prefers the declared publisher over an editor's initials", () => {
    // GIVEN JSON-LD naming only the site, and a byline of lower-case initials
    const fact = authorsAt(
      'https://www.example-sport.de/a/1',
      '<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Organization","name":"example-sport"}}</script>',
      '<article><h1>T</h1><p class="article__author">amw</p></article>',
    );
    // THEN the publisher is kept
    expect(names(fact)).toEqual(['example-sport']);
  });

  it('treats the abbreviated publisher as the publisher and keeps looking for a person', () => {
    // GIVEN "LN" on ln-online.de and "Frankfurter Allgemeine Zeitung" on faz.net as declared authors, and a person in a byline line
    const ln = authorsAt(
      'https://www.ln-online.de/lokales/a.html',
      '<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Organization","name":"LN"}}</script>',
      '<article><h1>T</h1><p>Von Carla Kunz</p><p>Body.</p></article>',
    );
    const faz = authorsAt(
      'https://www.faz.net/a-1',
      '<meta name="author" content="Frankfurter Allgemeine Zeitung">',
      '<article><h1>T</h1><p>Body.</p><p>Auteur : Kofi Mensah</p></article>',
    );
    // THEN the person is the author
    expect(names(ln)).toEqual(['Carla Kunz']);
    expect(names(faz)).toEqual(['Kofi Mensah']);
  });

  it('keeps a person whose two initials happen to abbreviate the site', () => {
    // GIVEN "Daniel Aragón" declared on a site named "Diario ABC" (initials "DA")
    const fact = authorsAt(
      'https://www.abc.es/a-1',
      '<meta property="og:site_name" content="Diario ABC"><script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Daniel Aragón"}}</script>',
      '<article><h1>T</h1><p>Body.</p></article><div class="teasers"><a href="/autor/marina-ortiz/">Marina Ortiz</a></div>',
    );
    // THEN the declared person stays the author, and no teaser's author-page link replaces him
    expect(names(fact)).toEqual(['Daniel Aragón']);
  });

  it('reads labelled bylines: "Redaktion: X (role)" and a Chinese editor line', () => {
    // GIVEN label lines and no other author source
    const german = authorsOf(
      '',
      '<article><h1>T</h1><div>05.02.2020 <span>- Redaktion: Erik Fuhrmann (Pressesprecher)</span></div><p>Body.</p></article>',
    );
    const chinese = authorsOf(
      '',
      '<article><h1>标题</h1><p>正文。</p><div class="edit">(责编：王明、李华)</div></article>',
    );
    // THEN the names after the label are the authors, one Person each
    expect(names(german)).toEqual(['Erik Fuhrmann']);
    expect(names(chinese)).toEqual(['王明', '李华']);
  });

  it("reads a link to the author's page when no byline class marks it", () => {
    // GIVEN an unclassed meta line linking to /autor/… and a date
    const fact = authorsOf(
      '',
      '<article><h1>T</h1><div class="meta"><a href="/autor/frank_g">Gerd Frank</a> / 22.04.2020</div><p>Body.</p></article>',
    );
    // THEN the linked name is the author
    expect(fact?.value).toEqual([{ name: 'Gerd Frank' }]);
  });
});

describe('author causes found on real pages (fourth round)', () => {
  const authorsAt = (url: string, head: string, body = '') =>
    extractAuthors(
      createExtractionContext(parseHtml(`<html><head>${head}</head><body>${body}</body></html>`), { url }),
    );
  const body = (paragraphs: number) =>
    Array.from(
      { length: paragraphs },
      (_, index) =>
        `<p>Paragraph ${index + 1} of the report tells the reader what happened at the harbour, who was there and why the council met again the next morning to talk it over.</p>`,
    ).join('');

  it('reads a right-aligned signature closing the article, even before its footnotes', () => {
    // GIVEN an article whose only byline is a right-aligned italic name after the body text
    const fact = authorsOf(
      '',
      `<article><h1>T</h1>${body(4)}<p align="right"><em><font size="2">Denis Clerc</font></em></p><p>(1) The figures come from the statistics office and cover the years before the reform.</p></article>`,
    );
    // THEN the signature names the author
    expect(names(fact)).toEqual(['Denis Clerc']);
    // AND the style attribute form (a bold name in a text-align:right paragraph) reads the same
    const styled = authorsOf(
      '',
      `<article><h1>T</h1>${body(4)}<p style="text-align: right;"><strong>Le Phuong</strong></p></article>`,
    );
    expect(names(styled)).toEqual(['Le Phuong']);
  });

  it('reads a bold or author-classed name only when it follows the last body paragraph', () => {
    // GIVEN a bold name closing the article, and one classed "author_mail"
    const bold = authorsOf('', `<article><h1>T</h1>${body(4)}<p><b>Ana de la Cruz</b></p></article>`);
    const classed = authorsOf(
      '',
      `<article><h1>T</h1>${body(4)}<p class="author_mail">Jane Roe</p></article>`,
    );
    // WHEN a bold name is an interview speaker followed by more body text
    const speaker = authorsOf(
      '',
      `<article><h1>T</h1>${body(4)}<p><strong>Peter Miller</strong></p>${body(2)}</article>`,
    );
    // THEN the closing names are authors, the speaker is not
    expect(names(bold)).toEqual(['Ana de la Cruz']);
    expect(names(classed)).toEqual(['Jane Roe']);
    expect(speaker).toBeUndefined();
  });

  it('never takes for a signature a sentence, a quote attribution, a comment author or unmarked text', () => {
    // GIVEN closing paragraphs that are no signature: a phrase, a quote's source, a commenter, a plain name
    const cases = [
      `${body(4)}<p align="right"><em>Read the whole series</em></p>`,
      `${body(4)}<blockquote><p>A quote.</p><p align="right">Albert Einstein</p></blockquote>`,
      `${body(4)}</article><section id="comments"><div class="comment">${body(2)}<p align="right"><b>Max Power</b></p></div></section><article>`,
      `${body(4)}<p>Denis Clerc</p>`,
      `<p align="right"><em>Denis Clerc</em></p>${body(4)}`,
    ];
    // THEN none of them is an author
    for (const html of cases) expect(authorsOf('', `<article><h1>T</h1>${html}</article>`)).toBeUndefined();
  });

  it('reads the name after an "About the author" heading and after a rule of dashes', () => {
    // GIVEN an author box headed "About the Author - Name", and a line "---- by Name"
    const box = authorsOf(
      '',
      '<article><h1>T</h1><p>Body.</p><div class="author__box"><div class="author__box__top">About the Author - <span>Florina Ionescu</span></div><p>Hi! My name is Florina and I love plants.</p></div></article>',
    );
    const dashed = authorsOf(
      '',
      '<article><h1>T</h1><p><strong><em>---- by Kenneth Surin</em></strong></p></article>',
    );
    // THEN the names are the authors, without the heading or the "by"
    expect(names(box)).toEqual(['Florina Ionescu']);
    expect(names(dashed)).toEqual(['Kenneth Surin']);
  });

  it('spells out a handle repeated by several sources with a later "column by" line', () => {
    // GIVEN meta and markup naming only "Nils", and the column's lead line naming him in full
    const fact = authorsOf(
      '<meta name="author" content="Nils">',
      '<article><h1>T</h1><span class="author">Nils</span><p><strong>Eine Kolumne von Nils Pickert</strong></p><p>Body.</p></article>',
    );
    // THEN the full name wins
    expect(names(fact)).toEqual(['Nils Pickert']);
  });

  it("reads the author of a forum thread's DiscussionForumPosting when no article node exists", () => {
    // GIVEN a forum page declaring only a DiscussionForumPosting
    const fact = authorsOf(
      '<script type="application/ld+json">{"@context":"https://schema.org","@type":"DiscussionForumPosting","headline":"Patch notes","author":{"@type":"Person","name":"Tiberius"}}</script>',
    );
    // THEN its author is the thread's author
    expect(fact?.source).toBe('json-ld');
    expect(names(fact)).toEqual(['Tiberius']);
  });

  it('keeps a user name with digits only when it links to its own author page', () => {
    // GIVEN a WordPress byline whose author link shows the account "freeman1984"
    const fact = authorsOf(
      '',
      '<article><h1>T</h1><div class="byline"><span class="author vcard"><a href="https://blog.example/author/freeman1984/" rel="author">freeman1984</a></span></div><p>Body.</p></article>',
    );
    // WHEN a byline link shows digits that are not its page's user name
    const other = authorsOf(
      '',
      '<article><h1>T</h1><div class="byline"><a href="/author/jane-doe/" rel="author">Teil2</a></div><p>Body.</p></article>',
    );
    // THEN the account is the author, the other text is not
    expect(fact?.value).toEqual([{ name: 'freeman1984', url: 'https://blog.example/author/freeman1984/' }]);
    expect(other).toBeUndefined();
  });

  it('reads "date - name" beside the headline, never in a list of dated teasers', () => {
    // GIVEN a dated name line right under the headline, and dated titles in a teaser list
    const fact = authorsOf(
      '',
      '<div class="head"><h1>Variables</h1><p class="text-muted">11.12.2019 - Amelie Loevenich</p></div><p>Body.</p>',
    );
    const teasers = authorsOf(
      '',
      '<h1>Variables</h1><ul><li><p>12.03.2020 - Annual General Meeting</p></li></ul><p>Body.</p>',
    );
    // THEN the name beside the headline is the author; the teaser is not
    expect(names(fact)).toEqual(['Amelie Loevenich']);
    expect(teasers).toBeUndefined();
  });

  it('keeps looking for a person when the meta author is the site name with an ampersand', () => {
    // GIVEN a meta author equal to og:site_name "Jobs & Hire", and a "By" byline
    const fact = authorsAt(
      'https://www.jobsnhire.example/articles/1',
      '<meta name="author" content="Jobs &amp; Hire"><meta property="og:site_name" content="Jobs &amp; Hire">',
      '<article><h1>T</h1><div class="wrote_by">By&nbsp;<a href="/reporters/jose-de-la-cruz">Jose de la Cruz</a></div><p>Body.</p></article>',
    );
    // THEN the site is not split into two people, and the reporter is the author
    expect(names(fact)).toEqual(['Jose de la Cruz']);
  });

  it('never takes an address written with [at] for a name', () => {
    // GIVEN a meta author that is an obfuscated e-mail address, and a byline handle
    const fact = authorsOf(
      '<meta name="author" content="cipha[at]cipha.net">',
      '<article><h1>T</h1><span class="byline"><a href="/author/c1ph4/" rel="author">c1ph4</a></span><p>Body.</p></article>',
    );
    // THEN the byline's account is the author
    expect(names(fact)).toEqual(['c1ph4']);
  });

  it('reads a signature inside 2,000 nested right-aligned divisions', () => {
    // GIVEN a hostile page: body text, then 2,000 nested right-aligned divisions around a name
    const depth = 2000;
    const nested = `${'<div style="text-align:right">'.repeat(depth)}Jane Roe${'</div>'.repeat(depth)}`;
    // WHEN the authors are extracted
    const fact = authorsOf('', `<article><h1>T</h1>${body(4)}${nested}</article>`);
    // THEN the name is found: the blocks come from the element index, no recursion
    expect(names(fact)).toEqual(['Jane Roe']);
  });
});

describe('author causes found on real pages (fifth round)', () => {
  const authorsAt = (url: string, body: string) =>
    extractAuthors(
      createExtractionContext(parseHtml(`<html><head></head><body>${body}</body></html>`), { url }),
    );

  it("reads an author link's name after its avatar's photo credit", () => {
    // GIVEN an author-page link under the headline holding the avatar, its "© Name" credit and the name
    const fact = authorsAt(
      'https://hunting.example/news/closed-roads',
      '<article><h1>Forest roads closed</h1><a href="/autoren/jane-roe-123"><span><img alt="Jane Roe" src="a.jpg"><span class="credit">&copy; Jane Roe</span></span><span itemprop="name">Jane Roe</span></a><p>The county closed the forest roads.</p></article>',
    );
    // THEN the credit is left out and the name is read
    expect(names(fact)).toEqual(['Jane Roe']);
    // AND a credit is never read as a name on its own
    expect(
      names(
        authorsAt(
          'https://hunting.example/news/closed-roads',
          '<article><h1>T</h1><a href="/autoren/agency"><span>&copy; Picture Agency</span></a></article>',
        ),
      ),
    ).toBeUndefined();
  });

  it("never names the site from a link to its home page, even in a box classed 'author'", () => {
    // GIVEN a blog header `<h1 class="vcard author">` linking home, and the post's own author box
    const fact = authorsAt(
      'https://archive.crimeblog.example/?p=2895',
      '<h1 class="vcard author"><a href="https://archive.crimeblog.example/" class="fn">Crime Blog Archive</a></h1><div class="post"><h2>A post</h2><p>Text of the post.</p><div class="author">Crimeblogger</div></div>',
    );
    // THEN only the post's author is named
    expect(names(fact)).toEqual(['Crimeblogger']);
    // WHEN the author's link goes to their own website's home page on another host
    const own = authorsAt(
      'https://news.example/story',
      '<article><h1>T</h1><div class="byline">By <a href="https://janeroe.example/">Jane Roe</a></div><p>Text.</p></article>',
    );
    // THEN it is still the author
    expect(names(own)).toEqual(['Jane Roe']);
    // AND a relative link home ("/") is the site too
    const relative = authorsAt(
      'https://news.example/story',
      '<article><h1>T</h1><div class="author"><a href="/">News Example</a></div><p>Text.</p></article>',
    );
    expect(names(relative)).toBeUndefined();
    // AND so is an absolute link home written with www., capitals, a port or index.html
    const spelled = authorsAt(
      'https://news.example/story',
      '<article><h1>T</h1><div class="author"><a href="HTTPS://WWW.News.example:8443/index.html">News Example</a></div><p>Text.</p></article>',
    );
    expect(names(spelled)).toBeUndefined();
  });

  it('takes an author tag naming the site by its own address for the publisher, and keeps looking', () => {
    // GIVEN a meta author "Broadcaster Name (www.site)" on that site, and a labelled byline in the article
    const page = (address: string) =>
      extractAuthors(
        createExtractionContext(
          parseHtml(
            `<html><head><meta name="author" content="Radio Welt (${address})"></head><body><article><h1>T</h1><p>Auteur : Kossi Amah</p><p>Text of the report.</p></article></body></html>`,
          ),
          { url: 'https://www.rw.example/fr/story' },
        ),
      );
    // THEN the person in the byline is the author
    expect(names(page('www.rw.example'))).toEqual(['Kossi Amah']);
    // WHEN the address in brackets is another site's
    // THEN the meta author is kept as declared
    expect(names(page('www.other.example'))).toEqual(['Radio Welt']);
  });

  it('reads a Chinese editor line after a bracketed control ("【纠错】 责任编辑：…")', () => {
    // GIVEN the editor label after a correction button, in the article's closing block
    const fact = authorsAt(
      'https://news.example/c_1.htm',
      '<article><h1>T</h1><p>正文第一段。</p><span class="p-jc"><span><a href="javascript:void(0);">【纠错】</a></span> 责任编辑： 王明 </span></article>',
    );
    // THEN the editor is named
    expect(names(fact)).toEqual(['王明']);
  });
});

describe('author causes found on real pages (sixth round)', () => {
  const authorsAt = (body: string) =>
    extractAuthors(
      createExtractionContext(parseHtml(`<html><head></head><body>${body}</body></html>`), {
        url: 'https://energy.example/news/wind-rebel',
      }),
    );

  it('reads the name on the line after a bold label alone on its line', () => {
    // GIVEN a mail link closing the article: "<b>Von:</b><br><br>Name"
    const fact = authorsAt(
      '<article><h1>The wind rebel</h1><p>Small wind turbines on ships.</p><a href="mailto:x@energy.example"><b>Von:</b> <br> <br> Jane Roe</a></article>',
    );
    // THEN the name after the empty lines is the author
    expect(names(fact)).toEqual(['Jane Roe']);
  });

  it('reads the next line of a paragraph whose first line is the label, and no further', () => {
    // GIVEN "Autor:<br>Name<br>Place" in one paragraph
    const fact = authorsAt(
      '<article><h1>The wind rebel</h1><p>Autor:<br>Jane Roe<br>Hamburg</p><p>Small wind turbines on ships.</p></article>',
    );
    // THEN only the name line is read
    expect(names(fact)).toEqual(['Jane Roe']);
    // AND a label with nothing after it in its block names nobody
    expect(
      names(authorsAt('<article><h1>T</h1><p>Autor:</p><p>Small wind turbines on ships.</p></article>')),
    ).toBeUndefined();
  });
});

describe('author causes found on real pages (seventh round)', () => {
  const authorsAt = (head: string, body: string) =>
    extractAuthors(
      createExtractionContext(parseHtml(`<html><head>${head}</head><body>${body}</body></html>`), {
        url: 'https://news.example/story/ferries',
      }),
    );
  const declaredOne =
    '<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Jane Roe","jobTitle":"Reporter"}}</script>';

  it('completes a declared author with the co-author the byline box beside the headline names', () => {
    // GIVEN JSON-LD naming one author, and a byline box under the headline naming her and a co-author
    const fact = authorsAt(
      declaredOne,
      '<article><h1>Ferries go electric</h1><div class="byline">By <a href="/author/john-doe">John Doe</a> and <a href="/author/jane-roe">Jane Roe</a></div><p>Text of the story.</p></article>',
    );
    // THEN both are the authors, in the box's order, and the declared one keeps her details
    expect(fact?.source).toBe('json-ld');
    expect(fact?.value).toEqual([
      { name: 'John Doe', url: 'https://news.example/author/john-doe' },
      { name: 'Jane Roe', jobTitle: 'Reporter' },
    ]);
  });

  it('keeps the declared list when the byline box does not name every declared author, or names the site', () => {
    // GIVEN a byline box naming another pair of people
    const other = authorsAt(
      declaredOne,
      '<article><h1>Ferries go electric</h1><div class="byline">By John Doe and Max Mustermann</div><p>Text.</p></article>',
    );
    // THEN the declared author alone is kept
    expect(names(other)).toEqual(['Jane Roe']);
    // WHEN the box adds the site's name beside the declared author
    const site = authorsAt(
      `${declaredOne}<meta property="og:site_name" content="Fjord Post">`,
      '<article><h1>Ferries go electric</h1><div class="byline">By Jane Roe and Fjord Post</div><p>Text.</p></article>',
    );
    // THEN the site is not added
    expect(names(site)).toEqual(['Jane Roe']);
  });

  it("never completes a declared author from another article's teaser or a related list", () => {
    // GIVEN the declared author's byline box inside a nested teaser article and inside a related list
    const teaser = authorsAt(
      declaredOne,
      '<article><h1>Ferries go electric</h1><p>Text.</p><article><h2>Older story</h2><div class="byline">Jane Roe, John Doe</div></article></article>',
    );
    const related = authorsAt(
      declaredOne,
      '<article><h1>Ferries go electric</h1><p>Text.</p><div class="related-posts"><div class="byline">Jane Roe, John Doe</div></div></article>',
    );
    // THEN only the declared author is named
    expect(names(teaser)).toEqual(['Jane Roe']);
    expect(names(related)).toEqual(['Jane Roe']);
  });

  it('reads the name of a mail link marked rel="author", and still skips other mail links', () => {
    // GIVEN byline boxes whose names link to the authors' mail addresses
    const marked = authorsAt(
      '',
      '<article><h1>Ferries go electric</h1><div class="bylines"><address><a rel="author" href="mailto:jane@news.example">Jane Roe</a></address></div><p>Text.</p></article>',
    );
    const unmarked = authorsAt(
      '',
      '<article><h1>Ferries go electric</h1><div class="byline"><a href="mailto:desk@news.example">Max Mustermann</a></div><p>Text.</p></article>',
    );
    // THEN the marked link names the author, the unmarked one nobody
    expect(names(marked)).toEqual(['Jane Roe']);
    expect(names(unmarked)).toBeUndefined();
  });
});

describe('author causes found on real pages (seventh round, signatures)', () => {
  const body =
    '<p>The prophet showed that living together rests on a social contract of trust and loyalty between neighbours who do not share one faith, one language or one origin.</p><p>Humanity, and Muslims above all, should hear this call, from the north to the south and from the east to the west, in every family of the world.</p><p>His teaching is still the first item on the agenda of a world facing climate change, war and hunger, and it asks each of us to keep faith with the stranger.</p><p>May your night be blessed.</p>';
  const authorsAt = (article: string) =>
    extractAuthors(
      createExtractionContext(parseHtml(`<html><head></head><body>${article}</body></html>`), {
        url: 'https://union.example/statement',
      }),
    );

  it('reads a statement signed like a letter: "Name<br>Role" closing the article', () => {
    // GIVEN a statement whose last paragraph is the name, a line break and the role
    const fact = authorsAt(
      `<article><h1>A blessed night</h1>${body}<p>Kemal Aydın<br>Chair of the Union</p></article>`,
    );
    // THEN the name is the author
    expect(names(fact)).toEqual(['Kemal Aydın']);
  });

  it('never takes a heading with an empty second line, or a list of "Title<br>Name" credits', () => {
    // GIVEN a name-shaped heading followed only by a line break
    const heading = authorsAt(
      `<article><h1>A blessed night</h1>${body}<p>Climate Neutral Companies<br></p></article>`,
    );
    // AND a podcast's music credits, each "Title<br>Artist"
    const credits = authorsAt(
      `<article><h1>A blessed night</h1>${body}<p>Night Intro<br>Alex Stone (audio.example)</p><p>Night Theme<br>Jim Jay (audio.example)</p></article>`,
    );
    // THEN neither names an author
    expect(names(heading)).toBeUndefined();
    expect(names(credits)).toBeUndefined();
  });

  it('never takes a letter-signed paragraph before the last body paragraph', () => {
    // GIVEN "Name<br>Role" leading the article, with the body text after it
    const fact = authorsAt(
      `<article><h1>A blessed night</h1><p>Kemal Aydın<br>Chair of the Union</p>${body}</article>`,
    );
    // THEN it is no signature
    expect(names(fact)).toBeUndefined();
  });
});
