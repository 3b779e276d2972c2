import { dateFromUrl, parseDateValue, parseHumanDate } from '../../../lambdas/core/rules/date-parse';

const NOW = { now: new Date('2025-06-01T00:00:00Z') };

describe('parseDateValue', () => {
  it.each([
    ['2024-03-12T14:30:00+01:00', '2024-03-12T14:30:00+01:00'],
    ['2024-03-12T14:30:00.123Z', '2024-03-12T14:30:00Z'],
    ['2024-03-12 14:30', '2024-03-12T14:30:00'],
    ['2024-03-12T14:30:00+0100', '2024-03-12T14:30:00+01:00'],
    ['2024-03-12', '2024-03-12'],
    // A CMS writing single-digit seconds still gives its zone.
    ['2020-12-05T23:15:0Z', '2020-12-05T23:15:00Z'],
    ['Tue Jul 30 09:35:14 CEST 2019', '2019-07-30'],
    ['20240312', '2024-03-12'],
    ['Tue, 12 Mar 2024 14:30:00 GMT', '2024-03-12T14:30:00Z'],
    ['March 12, 2024', '2024-03-12'],
    ['2024-02-30', undefined],
    ['2031-01-01', undefined],
    ['1989-12-31', undefined],
    ['soon', undefined],
  ])('%s -> %s', (raw, expected) => {
    expect(parseDateValue(raw, NOW)).toBe(expected);
  });
});

describe('parseHumanDate', () => {
  it.each([
    ['Publié le 1er mars 2023', '2023-03-01'],
    ['12. März 2024, 14:30 Uhr', '2024-03-12'],
    ['5 de mayo de 2022', '2022-05-05'],
    ['Posted Sept. 9, 2021 at 5pm', '2021-09-09'],
    ['03.04.2022', '2022-04-03'],
    ['Updated 2 hours ago', undefined],
  ])('%s -> %s', (text, expected) => {
    expect(parseHumanDate(text, NOW)).toBe(expected);
  });
});

describe('dateFromUrl', () => {
  it.each([
    ['https://x.example/2021/06/15/story', '2021-06-15'],
    ['https://x.example/news/2021-06-15-story', '2021-06-15'],
    ['https://x.example/20210615/story', '2021-06-15'],
    ['https://x.example/2021/story-12345', undefined],
    [undefined, undefined],
  ])('%s -> %s', (url, expected) => {
    expect(dateFromUrl(url, NOW)).toBe(expected);
  });
});
