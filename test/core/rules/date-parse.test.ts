import {
  asciiDigits,
  dateFromUrl,
  parseDateValue,
  parseHumanDate,
} from '../../../lambdas/core/rules/date-parse';
import { offsetBetween, withOffset } from '../../../lambdas/core/rules/date-zone';

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
    ['2019年3月12日 14:05', '2019-03-12'],
    ['2023년 11월 7일 오후', '2023-11-07'],
    ['۱۲/۰۳/۲۰۱۹', '2019-03-12'],
    ['١٢.٠٣.٢٠١٩', '2019-03-12'],
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

describe('asciiDigits', () => {
  it('reads Arabic-Indic and Persian digits as ASCII and leaves the rest', () => {
    expect(asciiDigits('٢٠٢٠ / ۱۴ abc 7')).toBe('2020 / 14 abc 7');
  });
});

describe('offsetBetween and withOffset', () => {
  it.each([
    ['2023-11-09T01:09:55Z', '2023-11-08T18:09:55', -420],
    ['2020-04-24T21:25:06Z', '2020-04-25T07:25:06', 600],
    ['2020-04-24T21:25:06Z', '2020-04-25T03:10:06', 345],
    // Same wall clock: no offset to learn.
    ['2020-04-24T21:25:06Z', '2020-04-24T21:25:06', undefined],
    // Not a real time zone (seconds differ, or beyond UTC+14).
    ['2020-04-24T21:25:06Z', '2020-04-24T18:25:07', undefined],
    ['2020-04-24T21:25:06Z', '2020-04-25T12:25:06', undefined],
    // A quarter-hour instant matches any quarter-hour time: not trusted.
    ['2020-04-24T21:00:00Z', '2020-04-24T17:00:00', undefined],
    ['2020-04-24T21:25:06Z', '2020-04-24T18:25:06+02:00', undefined],
  ])('offsetBetween(%s, %s) is %s', (instant, local, expected) => {
    expect(offsetBetween(instant, local)).toBe(expected);
  });

  it('writes the instant with the offset', () => {
    expect(withOffset('2023-11-09T01:09:55Z', -420)).toBe('2023-11-08T18:09:55-07:00');
    expect(withOffset('2020-04-24T21:25:06Z', 345)).toBe('2020-04-25T03:10:06+05:45');
  });
});
