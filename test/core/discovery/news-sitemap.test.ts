import { newsLanguageCode, newsTitle } from '../../../lambdas/core/discovery/news-sitemap';

describe('newsLanguageCode', () => {
  it.each([
    ['en-GB', 'en'],
    ['EN', 'en'],
    ['de-AT', 'de'],
    ['zh', 'zh-cn'],
    ['zh-Hans-CN', 'zh-cn'],
    ['zh-SG', 'zh-cn'],
    ['zh-TW', 'zh-tw'],
    ['zh-Hant', 'zh-tw'],
    ['zh-HK', 'zh-tw'],
    ['fil', 'fil'],
  ])('maps %p to the ISO 639 code %p', (tag, code) => {
    expect(newsLanguageCode(tag)).toBe(code);
  });

  it.each(['', 'english', '12', 'en--us', undefined])('refuses %p', (tag) => {
    expect(newsLanguageCode(tag)).toBeNull();
  });
});

describe('newsTitle', () => {
  const names = ['The Daily Example'];

  it.each([
    ['Rates rise again | The Daily Example', 'Rates rise again'],
    ['Rates rise again - The Daily Example', 'Rates rise again'],
    ['Rates rise again — the daily example', 'Rates rise again'],
    ['Left - right - The Daily Example', 'Left - right'],
  ])('strips the publication name from %p', (headline, title) => {
    expect(newsTitle(headline, names)).toBe(title);
  });

  it.each([
    'Rates rise again | Business',
    'Rates rise again - The Daily Example Sports',
    'The Daily Example',
    'Rates rise againThe Daily Example',
  ])('keeps %p as it is (the suffix is not just the publication name)', (headline) => {
    expect(newsTitle(headline, names)).toBe(headline);
  });

  it("also strips the article's own publisher name", () => {
    expect(newsTitle('Storm warning | Coast Herald', ['The Daily Example', 'Coast Herald'])).toBe(
      'Storm warning',
    );
  });
});
