import fc from 'fast-check';
import { comparablePageUrl, siteHost } from '../../../lambdas/core/rules/site-url';

describe('siteHost', () => {
  test('is the lower-cased host name without a leading www. and without the port', () => {
    // GIVEN URLs of one site written with case, www. and a port
    // WHEN their sites are read
    const sites = [
      'https://WWW.Example.com:8443/a?b=1',
      'http://example.com/',
      'https://www.example.com',
      '//example.com/x',
    ].map((url) => siteHost(url, 'https://other.test/'));
    // THEN all name the same site
    expect(sites).toEqual(['example.com', 'example.com', 'example.com', 'example.com']);
  });

  test('keeps other sub-domains and only one leading www.', () => {
    // GIVEN a sub-domain and a host that merely contains "www"
    // WHEN their sites are read
    // THEN only a leading "www." is removed
    expect(siteHost('https://news.example.co.uk/a')).toBe('news.example.co.uk');
    expect(siteHost('https://www.www.example.com/')).toBe('www.example.com');
    expect(siteHost('https://wwwexample.com/')).toBe('wwwexample.com');
  });

  test('is undefined for a missing or unparseable URL, and for a relative one without a base', () => {
    // GIVEN values that name no site
    // WHEN their sites are read
    // THEN there is none
    expect(siteHost(undefined)).toBeUndefined();
    expect(siteHost('')).toBeUndefined();
    expect(siteHost('/relative/path')).toBeUndefined();
    expect(siteHost('http://')).toBeUndefined();
  });
});

describe('comparablePageUrl', () => {
  test('names a page by site and path, ignoring query, fragment, trailing slashes and case', () => {
    // GIVEN the names one page gives itself in canonical links, og:url and JSON-LD
    const names = [
      'https://www.example.com/News/Story-1/',
      'https://example.com/news/story-1?utm_source=x#top',
      'http://example.com:8080/news/story-1//',
    ];
    // WHEN they are made comparable
    // THEN they are equal
    expect(new Set(names.map((name) => comparablePageUrl(name)))).toEqual(
      new Set(['example.com/news/story-1']),
    );
  });

  test('resolves a relative name against the base and keeps different paths apart', () => {
    // GIVEN a page URL, a relative name of it and another page of the site
    const base = 'https://example.com/news/story-1';
    // WHEN they are made comparable
    // THEN the relative name is the page, the other page is not
    expect(comparablePageUrl('/news/story-1/', base)).toBe(comparablePageUrl(base));
    expect(comparablePageUrl('/news/story-2', base)).not.toBe(comparablePageUrl(base));
  });

  test('agrees with siteHost on the site for any host and path', () => {
    // GIVEN any http(s) URL
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['http', 'https'] }), (url) => {
        // WHEN it is made comparable
        const page = comparablePageUrl(url);
        // THEN it starts with its site (lower-cased)
        expect(page?.startsWith(siteHost(url)?.toLowerCase() ?? '\u0000')).toBe(true);
      }),
    );
  });
});
