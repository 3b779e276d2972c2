import { ATOM_NAMESPACE, JSON_FEED_VERSION, MEDIA_NAMESPACE } from '../../../lambdas/core/discovery/feeds';
import {
  CONTENT_TYPES,
  type DiscoveryFile,
  type DiscoveryOptions,
  generateDiscoveryFiles,
} from '../../../lambdas/core/discovery/generate';
import type { DiscoveryArticle } from '../../../lambdas/core/discovery/model';
import { NEWS_NAMESPACE } from '../../../lambdas/core/discovery/news-sitemap';
import { SITEMAP_NAMESPACE } from '../../../lambdas/core/discovery/sitemap';
import { stripUnsafeCharacters } from '../../../lambdas/core/discovery/xml';
import { children, childText, parseXml } from './parse-xml';

const NOW = new Date('2024-05-10T12:00:00Z');
const HOUR = 60 * 60 * 1000;
const SITE = 'https://news.example.com/';
const OPTIONS: DiscoveryOptions = { siteUrl: SITE, publicationName: 'The Daily Example', now: NOW };
/** W3C datetime as sitemaps accept it: a date, or a date-time with seconds and an offset. */
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** An article published `hoursAgo` before NOW. */
function article(
  index: number,
  hoursAgo = index,
  overrides: Partial<DiscoveryArticle> = {},
): DiscoveryArticle {
  return {
    id: `incoming/story-${index}.html`,
    url: `${SITE}articles/story-${index}.html`,
    headline: `Story number ${index}`,
    description: `What happened in story ${index}.`,
    authors: [`Reporter ${index}`],
    datePublished: new Date(NOW.getTime() - hoursAgo * HOUR).toISOString(),
    language: 'en-GB',
    image: `${SITE}images/story-${index}.jpg`,
    publisherName: 'The Daily Example',
    recordUpdatedAt: NOW.toISOString(),
    ...overrides,
  };
}

function file(files: readonly DiscoveryFile[], key: string): DiscoveryFile {
  const found = files.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no ${key} among ${files.map((candidate) => candidate.key).join(', ')}`);
  return found;
}

const locs = (document: Document): string[] =>
  Array.from(document.getElementsByTagNameNS(SITEMAP_NAMESPACE, 'loc'), (loc) => loc.textContent ?? '');

describe('generateDiscoveryFiles', () => {
  describe('sitemap.xml', () => {
    it('lists every published article under the site with lastmod = dateModified, else datePublished', () => {
      // GIVEN one modified article, one never modified, one on another host and a newer one repeating a URL
      const articles = [
        article(1, 1, { dateModified: '2024-05-10T11:30:00+02:00' }),
        article(2, 30),
        article(3, 3, { url: 'https://elsewhere.example.org/articles/story-3.html' }),
        article(4, 4, { url: `${SITE}articles/story-2.html` }),
      ];
      // WHEN generated
      const sitemap = file(generateDiscoveryFiles(articles, OPTIONS), 'sitemap.xml');
      // THEN it is a urlset in the sitemap namespace with one <url> per distinct on-site URL
      expect(sitemap.contentType).toBe(CONTENT_TYPES.XML);
      const document = parseXml(sitemap.body);
      const root = document.documentElement;
      expect([root.namespaceURI, root.localName]).toEqual([SITEMAP_NAMESPACE, 'urlset']);
      const urls = children(root, SITEMAP_NAMESPACE, 'url');
      const entries = urls.map((url) => [
        childText(url, SITEMAP_NAMESPACE, 'loc'),
        childText(url, SITEMAP_NAMESPACE, 'lastmod'),
      ]);
      expect(entries).toEqual([
        [`${SITE}articles/story-1.html`, '2024-05-10T11:30:00+02:00'],
        // The repeated URL is listed once, with the newer article's date.
        [`${SITE}articles/story-2.html`, '2024-05-10T08:00:00.000Z'],
      ]);
      for (const [, lastmod] of entries) expect(lastmod).toMatch(W3C_DATETIME);
    });

    it('percent-encodes and entity-escapes URLs', () => {
      // GIVEN a published key with a space, unicode and a query string
      const articles = [article(1, 1, { url: `${SITE}articles/a b/é.html?x=1&y=2` })];
      // WHEN generated
      const xml = file(generateDiscoveryFiles(articles, OPTIONS), 'sitemap.xml').body;
      // THEN the raw XML escapes & and the URL reads back percent-encoded
      expect(xml).toContain('?x=1&amp;y=2');
      expect(locs(parseXml(xml))).toEqual([`${SITE}articles/a%20b/%C3%A9.html?x=1&y=2`]);
    });

    it('is a single urlset at exactly 50,000 URLs', () => {
      const articles = Array.from({ length: 50_000 }, (_, index) => article(index, index / 100));
      const files = generateDiscoveryFiles(articles, OPTIONS);
      expect(files.some((candidate) => candidate.key.startsWith('sitemap-'))).toBe(false);
      expect(file(files, 'sitemap.xml').body.match(/<url>/g)).toHaveLength(50_000);
    });

    it('splits past 50,000 URLs into numbered sitemaps behind an index written last', () => {
      // GIVEN 50,001 published articles
      const articles = Array.from({ length: 50_001 }, (_, index) => article(index, index / 100));
      // WHEN generated
      const files = generateDiscoveryFiles(articles, OPTIONS);
      // THEN the parts come first, then the index, and the parts hold every URL once
      const keys = files.map((candidate) => candidate.key);
      expect(keys.slice(0, 3)).toEqual(['sitemap-1.xml', 'sitemap-2.xml', 'sitemap.xml']);
      const first = file(files, 'sitemap-1.xml').body;
      expect(first.match(/<url>/g)).toHaveLength(50_000);
      expect(
        first.startsWith(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${SITEMAP_NAMESPACE}">`),
      ).toBe(true);
      const second = parseXml(file(files, 'sitemap-2.xml').body);
      expect(locs(second)).toEqual([`${SITE}articles/story-50000.html`]);
      // AND the index is a sitemapindex whose entries point at the parts with their newest lastmod
      const index = parseXml(file(files, 'sitemap.xml').body).documentElement;
      expect([index.namespaceURI, index.localName]).toEqual([SITEMAP_NAMESPACE, 'sitemapindex']);
      const sitemaps = children(index, SITEMAP_NAMESPACE, 'sitemap');
      expect(sitemaps.map((entry) => childText(entry, SITEMAP_NAMESPACE, 'loc'))).toEqual([
        `${SITE}sitemap-1.xml`,
        `${SITE}sitemap-2.xml`,
      ]);
      expect(sitemaps.map((entry) => childText(entry, SITEMAP_NAMESPACE, 'lastmod'))).toEqual([
        NOW.toISOString(),
        new Date(NOW.getTime() - 500 * HOUR).toISOString(),
      ]);
    });

    it('splits by size when the next entry would pass the byte limit', () => {
      // GIVEN a byte limit that holds the wrapper and two entries
      const articles = [article(1), article(2), article(3)];
      const oneEntry = file(generateDiscoveryFiles([article(1)], OPTIONS), 'sitemap.xml').body.length;
      const empty = file(generateDiscoveryFiles([], OPTIONS), 'sitemap.xml').body.length;
      const limit = oneEntry + (oneEntry - empty) + 2;
      // WHEN generated
      const files = generateDiscoveryFiles(articles, { ...OPTIONS, maxSitemapBytes: limit });
      // THEN two parts, each within the limit
      expect(locs(parseXml(file(files, 'sitemap-1.xml').body))).toHaveLength(2);
      expect(locs(parseXml(file(files, 'sitemap-2.xml').body))).toHaveLength(1);
      for (const key of ['sitemap-1.xml', 'sitemap-2.xml']) {
        expect(Buffer.byteLength(file(files, key).body)).toBeLessThanOrEqual(limit);
      }
    });
  });

  describe('news-sitemap.xml', () => {
    it('has the namespaces and the news elements Google requires', () => {
      // GIVEN an article with a site suffix in its headline and a zh-TW language
      const articles = [
        article(1, 1, {
          headline: 'Typhoon nears the coast | The Daily Example',
          language: 'zh-Hant-TW',
          datePublished: '2024-05-10T18:00:00+08:00',
        }),
      ];
      // WHEN generated
      const news = file(generateDiscoveryFiles(articles, OPTIONS), 'news-sitemap.xml');
      // THEN the entry carries publication name/language, the original date with offset and the bare headline
      const root = parseXml(news.body).documentElement;
      expect([root.namespaceURI, root.localName]).toEqual([SITEMAP_NAMESPACE, 'urlset']);
      expect(root.lookupNamespaceURI('news')).toBe(NEWS_NAMESPACE);
      const [url] = children(root, SITEMAP_NAMESPACE, 'url');
      if (!url) throw new Error('no url entry');
      expect(childText(url, SITEMAP_NAMESPACE, 'loc')).toBe(`${SITE}articles/story-1.html`);
      const [entry] = children(url, NEWS_NAMESPACE, 'news');
      if (!entry) throw new Error('no news:news');
      const [publication] = children(entry, NEWS_NAMESPACE, 'publication');
      if (!publication) throw new Error('no news:publication');
      expect(childText(publication, NEWS_NAMESPACE, 'name')).toBe('The Daily Example');
      expect(childText(publication, NEWS_NAMESPACE, 'language')).toBe('zh-tw');
      expect(childText(entry, NEWS_NAMESPACE, 'publication_date')).toBe('2024-05-10T18:00:00+08:00');
      expect(childText(entry, NEWS_NAMESPACE, 'title')).toBe('Typhoon nears the coast');
    });

    it('lists only articles published in the two days before now (fixed clock)', () => {
      // GIVEN articles from 1 h, 47 h, 48 h and 49 h ago, one dated in the future, one undated
      const articles = [
        article(1, 1),
        article(2, 47),
        article(3, 48),
        article(4, 49),
        article(5, -2),
        article(6, 0, { datePublished: undefined }),
      ];
      // WHEN generated at NOW
      const news = parseXml(file(generateDiscoveryFiles(articles, OPTIONS), 'news-sitemap.xml').body);
      // THEN only those inside the window are listed, newest first
      expect(locs(news)).toEqual([1, 2, 3].map((index) => `${SITE}articles/story-${index}.html`));
      // AND the full sitemap still lists every dated and undated article
      const sitemap = parseXml(file(generateDiscoveryFiles(articles, OPTIONS), 'sitemap.xml').body);
      expect(locs(sitemap)).toHaveLength(6);
    });

    it('falls back to the site language, then English', () => {
      const articles = [article(1, 1, { language: undefined }), article(2, 2, { language: 'not a tag' })];
      const german = parseXml(
        file(generateDiscoveryFiles(articles, { ...OPTIONS, defaultLanguage: 'de-CH' }), 'news-sitemap.xml')
          .body,
      );
      expect(
        Array.from(german.getElementsByTagNameNS(NEWS_NAMESPACE, 'language'), (node) => node.textContent),
      ).toEqual(['de', 'de']);
      const english = parseXml(file(generateDiscoveryFiles(articles, OPTIONS), 'news-sitemap.xml').body);
      expect(english.getElementsByTagNameNS(NEWS_NAMESPACE, 'language')[0]?.textContent).toBe('en');
    });

    it('holds at most the 1,000 newest URLs', () => {
      // GIVEN 1,200 articles inside the window
      const articles = Array.from({ length: 1_200 }, (_, index) => article(index, index / 100));
      // WHEN generated
      const news = parseXml(file(generateDiscoveryFiles(articles, OPTIONS), 'news-sitemap.xml').body);
      // THEN the 1,000 newest are listed
      const listed = locs(news);
      expect(listed).toHaveLength(1_000);
      expect(listed[0]).toBe(`${SITE}articles/story-0.html`);
      expect(listed[999]).toBe(`${SITE}articles/story-999.html`);
    });
  });

  describe('feed.xml (Atom)', () => {
    it('has the feed and entry elements Atom requires, for the newest 50', () => {
      // GIVEN 60 articles, the newest modified after publication
      const articles = Array.from({ length: 60 }, (_, index) =>
        article(index, index + 1, index === 0 ? { dateModified: '2024-05-10T11:45:00Z' } : {}),
      );
      // WHEN generated
      const atom = file(generateDiscoveryFiles(articles, OPTIONS), 'feed.xml');
      expect(atom.contentType).toBe(CONTENT_TYPES.ATOM);
      const feed = parseXml(atom.body).documentElement;
      // THEN the feed head is complete
      expect([feed.namespaceURI, feed.localName]).toEqual([ATOM_NAMESPACE, 'feed']);
      expect(childText(feed, ATOM_NAMESPACE, 'id')).toBe(SITE);
      expect(childText(feed, ATOM_NAMESPACE, 'title')).toBe('The Daily Example');
      expect(childText(feed, ATOM_NAMESPACE, 'updated')).toBe('2024-05-10T11:45:00Z');
      const links = children(feed, ATOM_NAMESPACE, 'link').map((link) => [
        link.getAttribute('rel'),
        link.getAttribute('href'),
      ]);
      expect(links).toEqual([
        ['self', `${SITE}feed.xml`],
        ['alternate', SITE],
      ]);
      // AND every entry has id, title, link, published, updated, author name, summary and the image
      const entries = children(feed, ATOM_NAMESPACE, 'entry');
      expect(entries).toHaveLength(50);
      entries.forEach((entry, index) => {
        const url = `${SITE}articles/story-${index}.html`;
        expect(childText(entry, ATOM_NAMESPACE, 'id')).toBe(url);
        expect(childText(entry, ATOM_NAMESPACE, 'title')).toBe(`Story number ${index}`);
        expect(childText(entry, ATOM_NAMESPACE, 'published')).toMatch(RFC3339);
        expect(childText(entry, ATOM_NAMESPACE, 'updated')).toMatch(RFC3339);
        expect(childText(entry, ATOM_NAMESPACE, 'summary')).toBe(`What happened in story ${index}.`);
        const [author] = children(entry, ATOM_NAMESPACE, 'author');
        if (!author) throw new Error('no author');
        expect(childText(author, ATOM_NAMESPACE, 'name')).toBe(`Reporter ${index}`);
        const entryLinks = children(entry, ATOM_NAMESPACE, 'link');
        expect(entryLinks.map((link) => [link.getAttribute('rel'), link.getAttribute('href')])).toEqual([
          ['alternate', url],
          ['enclosure', `${SITE}images/story-${index}.jpg`],
        ]);
        expect(entryLinks[1]?.getAttribute('type')).toBe('image/jpeg');
        expect(children(entry, MEDIA_NAMESPACE, 'content')[0]?.getAttribute('url')).toBe(
          `${SITE}images/story-${index}.jpg`,
        );
      });
    });

    it('is valid with no articles: updated comes from the clock', () => {
      const feed = parseXml(file(generateDiscoveryFiles([], OPTIONS), 'feed.xml').body).documentElement;
      expect(childText(feed, ATOM_NAMESPACE, 'updated')).toBe('2024-05-10T12:00:00Z');
      expect(children(feed, ATOM_NAMESPACE, 'entry')).toHaveLength(0);
    });
  });

  describe('feed.json (JSON Feed 1.1)', () => {
    it('has the required keys and the newest 50 items', () => {
      // GIVEN 60 articles
      const articles = Array.from({ length: 60 }, (_, index) => article(index, index + 1));
      // WHEN generated
      const json = file(generateDiscoveryFiles(articles, OPTIONS), 'feed.json');
      expect(json.contentType).toBe(CONTENT_TYPES.JSON_FEED);
      const feed = JSON.parse(json.body);
      // THEN the top level and each item carry what the spec requires and what readers use
      expect(feed).toMatchObject({
        version: JSON_FEED_VERSION,
        title: 'The Daily Example',
        home_page_url: SITE,
        feed_url: `${SITE}feed.json`,
      });
      expect(feed.items).toHaveLength(50);
      expect(feed.items[0]).toEqual({
        id: `${SITE}articles/story-0.html`,
        url: `${SITE}articles/story-0.html`,
        title: 'Story number 0',
        summary: 'What happened in story 0.',
        content_text: 'What happened in story 0.',
        image: `${SITE}images/story-0.jpg`,
        date_published: '2024-05-10T11:00:00.000Z',
        date_modified: '2024-05-10T11:00:00.000Z',
        authors: [{ name: 'Reporter 0' }],
        language: 'en-GB',
      });
      expect(feed.items[49].id).toBe(`${SITE}articles/story-49.html`);
    });
  });

  describe('robots.txt', () => {
    it('allows crawling and names both sitemaps', () => {
      const robots = file(generateDiscoveryFiles([], OPTIONS), 'robots.txt');
      expect(robots.contentType).toBe(CONTENT_TYPES.TEXT);
      expect(robots.body.split('\n')).toEqual([
        'User-agent: *',
        'Allow: /',
        '',
        `Sitemap: ${SITE}sitemap.xml`,
        `Sitemap: ${SITE}news-sitemap.xml`,
        '',
      ]);
    });

    it('is not generated when the operator supplies their own', () => {
      const keys = generateDiscoveryFiles([], { ...OPTIONS, generateRobotsTxt: false }).map(
        (each) => each.key,
      );
      expect(keys).toEqual(['sitemap.xml', 'news-sitemap.xml', 'feed.xml', 'feed.json']);
    });
  });

  describe('hostile text', () => {
    const hostile = `</title><script>alert("x")</script> & 'quoted' \u0000\uFFFE\uD800 end`;
    const cleaned = stripUnsafeCharacters(hostile);

    it('stays text in every file', () => {
      // GIVEN an article whose headline, author, summary and URL try to break out of the markup
      const articles = [
        article(1, 1, {
          headline: hostile,
          description: hostile,
          authors: [hostile],
          url: `${SITE}articles/x.html?a="1"&b=<2>`,
          language: '"><x',
        }),
      ];
      // WHEN generated
      const files = generateDiscoveryFiles(articles, OPTIONS);
      // THEN every XML file parses, holds no <script> element and reads the text back, minus illegal characters
      for (const key of ['sitemap.xml', 'news-sitemap.xml', 'feed.xml']) {
        const document = parseXml(file(files, key).body);
        expect(document.getElementsByTagName('script')).toHaveLength(0);
      }
      const news = parseXml(file(files, 'news-sitemap.xml').body);
      expect(news.getElementsByTagNameNS(NEWS_NAMESPACE, 'title')[0]?.textContent).toBe(
        cleaned.replace(/\s+/g, ' ').trim(),
      );
      const feed = parseXml(file(files, 'feed.xml').body);
      const entry = feed.getElementsByTagNameNS(ATOM_NAMESPACE, 'entry')[0];
      if (!entry) throw new Error('no entry');
      expect(childText(entry, ATOM_NAMESPACE, 'title')).toBe(cleaned.replace(/\s+/g, ' ').trim());
      expect(entry.hasAttribute('xml:lang')).toBe(false);
      // AND the JSON feed is valid JSON with the cleaned text
      const json = JSON.parse(file(files, 'feed.json').body);
      expect(json.items[0].title).toBe(cleaned.replace(/\s+/g, ' ').trim());
      expect(json.items[0].url).toBe(`${SITE}articles/x.html?a=%221%22&b=%3C2%3E`);
    });
  });

  it('drops a deleted article from every file', () => {
    // GIVEN three recent articles, then the same list without the second
    const before = generateDiscoveryFiles([article(1), article(2), article(3)], OPTIONS);
    const after = generateDiscoveryFiles([article(1), article(3)], OPTIONS);
    const removedUrl = `${SITE}articles/story-2.html`;
    // THEN it was in every listing before, and is in none after
    for (const key of ['sitemap.xml', 'news-sitemap.xml', 'feed.xml', 'feed.json']) {
      expect(file(before, key).body).toContain(removedUrl);
      expect(file(after, key).body).not.toContain(removedUrl);
      expect(file(after, key).body).toContain(`${SITE}articles/story-3.html`);
    }
  });

  it('lists articles under a site URL with a path, and refuses a relative site URL', () => {
    const options = { ...OPTIONS, siteUrl: 'https://example.com/news' };
    const files = generateDiscoveryFiles(
      [
        article(1, 1, { url: 'https://example.com/news/articles/a.html' }),
        article(2, 2, { url: 'https://example.com/b' }),
      ],
      options,
    );
    expect(locs(parseXml(file(files, 'sitemap.xml').body))).toEqual([
      'https://example.com/news/articles/a.html',
    ]);
    expect(file(files, 'robots.txt').body).toContain('Sitemap: https://example.com/news/sitemap.xml');
    expect(() => generateDiscoveryFiles([], { ...OPTIONS, siteUrl: 'news.example.com' })).toThrow(
      /absolute http\(s\) URL/,
    );
  });

  it('gives every file a content type and a cache policy', () => {
    for (const each of generateDiscoveryFiles([article(1)], OPTIONS)) {
      expect(each.contentType).toMatch(/; charset=utf-8$/);
      expect(each.cacheControl).toMatch(/^public, max-age=\d+$/);
    }
  });
});

describe('URL limits', () => {
  it('lists no article whose URL reaches 2,048 characters', () => {
    // GIVEN one URL of 2,047 characters and one of 2,048
    const base = `${SITE}articles/`;
    const fits = `${base}${'a'.repeat(2_047 - base.length)}`;
    const tooLong = `${base}${'b'.repeat(2_048 - base.length)}`;
    const files = generateDiscoveryFiles(
      [article(1, 1, { url: fits }), article(2, 2, { url: tooLong })],
      OPTIONS,
    );
    // THEN only the first is listed, in every file
    for (const key of ['sitemap.xml', 'news-sitemap.xml', 'feed.xml', 'feed.json']) {
      expect(file(files, key).body).toContain(fits);
      expect(file(files, key).body).not.toContain('bbbb');
    }
  });
});

describe('published keys', () => {
  it('list the page at the site URL joined with its key, whatever URL was stored before', () => {
    // GIVEN a record published while the site was served elsewhere, with a key holding a space
    const moved = article(1, 1, {
      url: 'http://127.0.0.1:8080/articles/old.html',
      publishedKey: 'articles/a b.html',
    });
    // WHEN generated for the new site URL
    const files = generateDiscoveryFiles([moved], OPTIONS);
    // THEN every listing names the page under the new site URL
    for (const key of ['sitemap.xml', 'news-sitemap.xml', 'feed.xml', 'feed.json']) {
      expect(file(files, key).body).toContain(`${SITE}articles/a%20b.html`);
      expect(file(files, key).body).not.toContain('127.0.0.1');
    }
  });
});
