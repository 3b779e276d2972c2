import { formatUtc, parseArticleDate } from '../../../lambdas/core/discovery/dates';

describe('parseArticleDate', () => {
  it('keeps the offset the page gave, for W3C and RFC 3339 forms', () => {
    // GIVEN a date-time with a +02:00 offset WHEN parsed THEN the offset is kept and the instant is right
    const date = parseArticleDate('2024-05-03T09:30:00+02:00');
    expect(date?.w3c).toBe('2024-05-03T09:30:00+02:00');
    expect(date?.rfc3339).toBe('2024-05-03T09:30:00+02:00');
    expect(date?.instant.toISOString()).toBe('2024-05-03T07:30:00.000Z');
  });

  it('normalises compact offsets, a lower-case z and missing seconds', () => {
    expect(parseArticleDate('2024-05-03T09:30-0500')?.w3c).toBe('2024-05-03T09:30:00-05:00');
    expect(parseArticleDate('2024-05-03t09:30:15z')?.w3c).toBe('2024-05-03T09:30:15Z');
    expect(parseArticleDate('2024-05-03T09:30:15.250+05:30')?.instant.toISOString()).toBe(
      '2024-05-03T04:00:15.250Z',
    );
  });

  it('reads a date-time without offset as UTC and a calendar date as itself', () => {
    expect(parseArticleDate('2024-05-03T09:30:00')?.w3c).toBe('2024-05-03T09:30:00Z');
    const day = parseArticleDate('2024-05-03');
    expect(day?.w3c).toBe('2024-05-03');
    expect(day?.rfc3339).toBe('2024-05-03T00:00:00Z');
  });

  it.each(['yesterday', '2024-13-01', '2023-02-29', '2024-05-03T25:00:00Z', '2024-05-03T10:00:00+15:00', ''])(
    'returns null for %p',
    (value) => {
      expect(parseArticleDate(value)).toBeNull();
    },
  );

  it('formats instants in UTC with whole seconds', () => {
    expect(formatUtc(new Date('2024-05-03T07:30:00.999Z'))).toBe('2024-05-03T07:30:00Z');
  });
});
