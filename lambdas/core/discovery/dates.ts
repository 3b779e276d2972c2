/**
 * Dates as the discovery formats want them. Article dates arrive as ISO 8601 strings from
 * extraction: a calendar date, or a date-time with or without an offset. Sitemaps and the
 * News sitemap take W3C datetimes (offset kept as the page gave it); Atom and JSON Feed take
 * RFC 3339 date-times. A date-time without an offset is read as UTC, the reading most CMSs
 * mean and the only one that needs no guess about the site's time zone.
 */

/** A parsed article date. */
export interface ArticleDate {
  /** The instant, for sorting and windows (a calendar date counts as its UTC midnight). */
  readonly instant: Date;
  /** W3C datetime: `YYYY-MM-DD` for a calendar date, else date-time with an offset. */
  readonly w3c: string;
  /** RFC 3339 date-time with an offset (calendar dates become `T00:00:00Z`). */
  readonly rfc3339: string;
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

const pad2 = (value: number): string => String(value).padStart(2, '0');

/** Normalises `+0200`, `+02` and `z` to `+02:00` / `Z`. */
function normaliseOffset(offset: string): string {
  if (offset === 'Z' || offset === 'z') return 'Z';
  const sign = offset[0];
  const digits = offset.slice(1).replace(':', '');
  return `${sign}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

/**
 * Parses an ISO 8601 date or date-time; null for anything else or an impossible date
 * (month 13, 31 February, offset over 14 hours), so one bad value never breaks a listing.
 */
export function parseArticleDate(value: string | undefined | null): ArticleDate | null {
  if (!value) return null;
  const match = ISO_DATE.exec(value.trim());
  if (!match) return null;
  const [, yearText, monthText, dayText, hourText, minuteText, secondText, fractionText, offsetText] = match;
  const year = Number(yearText);
  const month = Number(monthText);
  const day = Number(dayText);
  const calendarDay = new Date(Date.UTC(year, month - 1, day));
  if (
    calendarDay.getUTCFullYear() !== year ||
    calendarDay.getUTCMonth() !== month - 1 ||
    calendarDay.getUTCDate() !== day
  ) {
    return null;
  }
  const date = `${yearText}-${monthText}-${dayText}`;
  if (hourText === undefined || minuteText === undefined) {
    return { instant: calendarDay, w3c: date, rfc3339: `${date}T00:00:00Z` };
  }
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = Number(secondText ?? '0');
  if (hour > 23 || minute > 59 || second > 59) return null;
  const offset = normaliseOffset(offsetText ?? 'Z');
  const minutesFromUtc = offsetMinutes(offset);
  if (Math.abs(minutesFromUtc) > 14 * 60 || Number(offset.slice(4, 6) || '0') > 59) return null;
  const milliseconds = fractionText ? Math.round(Number(fractionText) * 1000) : 0;
  const instant = new Date(
    Date.UTC(year, month - 1, day, hour, minute, second, milliseconds) - minutesFromUtc * 60_000,
  );
  const time = `${pad2(hour)}:${pad2(minute)}:${pad2(second)}${fractionText ?? ''}`;
  const dateTime = `${date}T${time}${offset}`;
  return { instant, w3c: dateTime, rfc3339: dateTime };
}

/** RFC 3339 / W3C form of an instant, in UTC, whole seconds. */
export function formatUtc(instant: Date): string {
  return `${instant.toISOString().slice(0, 19)}Z`;
}
