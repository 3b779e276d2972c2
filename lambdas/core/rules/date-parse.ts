/**
 * Parsing the many ways pages write dates into ISO 8601, keeping the page's offset when
 * it gives one. Validation (not in the future, not before 1990) happens here too.
 */

/** Earliest year accepted: older dates on news pages are copyright lines or noise. */
export const DEFAULT_MIN_YEAR = 1990;
/** Slack for "future" dates (time zones, clock skew). */
const FUTURE_TOLERANCE_MS = 36 * 60 * 60 * 1000;

const ISO_PATTERN =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{1,2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2}|UTC|GMT)?)?/i;
const COMPACT_ISO_PATTERN = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})?)?$/;
const SLASHED_YMD_PATTERN = /\b(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b/;
const UNIX_DATE_PATTERN =
  /^[A-Za-z]{3}\s+([A-Za-z]{3})\s+(\d{1,2})\s+\d{1,2}:\d{2}(?::\d{2})?\s+(?:[A-Z]{2,5}\s+|[A-Z]{3}[+-]\d{4}\s+)?(\d{4})$/;
const DOTTED_DMY_PATTERN = /\b(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})\b/;

/** Month names (and common abbreviations) in the languages the corpus pages use. */
const MONTH_NAMES: Record<string, number> = buildMonthNames({
  1: [
    'january',
    'jan',
    'januar',
    'jänner',
    'janvier',
    'janv',
    'enero',
    'ene',
    'gennaio',
    'gen',
    'janeiro',
    'januari',
    'styczeń',
    'stycznia',
    'ocak',
    'ianuarie',
    'ian',
  ],
  2: [
    'february',
    'feb',
    'februar',
    'février',
    'fevrier',
    'févr',
    'fevr',
    'febrero',
    'febbraio',
    'fevereiro',
    'fev',
    'februari',
    'lutego',
    'şubat',
    'februarie',
  ],
  3: [
    'march',
    'mar',
    'märz',
    'maerz',
    'mars',
    'marzo',
    'março',
    'marco',
    'maart',
    'marca',
    'mart',
    'mär',
    'martie',
    'maret',
  ],
  4: ['april', 'apr', 'avril', 'avr', 'abril', 'abr', 'aprile', 'kwietnia', 'nisan', 'aprilie'],
  5: ['may', 'mai', 'mayo', 'maggio', 'mag', 'maio', 'mei', 'maja', 'mayıs', 'maj'],
  6: ['june', 'jun', 'juni', 'juin', 'junio', 'giugno', 'giu', 'junho', 'czerwca', 'haziran', 'iunie'],
  7: [
    'july',
    'jul',
    'juli',
    'juillet',
    'juil',
    'julio',
    'luglio',
    'lug',
    'julho',
    'lipca',
    'temmuz',
    'iulie',
  ],
  8: [
    'august',
    'aug',
    'août',
    'aout',
    'agosto',
    'ago',
    'augustus',
    'sierpnia',
    'ağustos',
    'augusti',
    'agustus',
  ],
  9: [
    'september',
    'sep',
    'sept',
    'septembre',
    'septiembre',
    'setiembre',
    'settembre',
    'set',
    'setembro',
    'września',
    'eylül',
    'septembrie',
  ],
  10: [
    'october',
    'oct',
    'oktober',
    'okt',
    'octobre',
    'octubre',
    'ottobre',
    'ott',
    'outubro',
    'out',
    'października',
    'ekim',
    'octombrie',
  ],
  11: ['november', 'nov', 'novembre', 'noviembre', 'novembro', 'listopada', 'kasım', 'noiembrie'],
  12: [
    'december',
    'dec',
    'dezember',
    'dez',
    'décembre',
    'decembre',
    'déc',
    'diciembre',
    'dic',
    'dicembre',
    'dezembro',
    'grudnia',
    'aralık',
    'decembrie',
    'desember',
  ],
});
const MONTH_WORD = Object.keys(MONTH_NAMES)
  .sort((a, b) => b.length - a.length)
  .map((name) => name.replace(/\./g, '\\.'))
  .join('|');
/** "12 March 2024", "12. März 2024", "12 de marzo de 2024", "1er mars 2024". */
const DAY_MONTH_YEAR_PATTERN = new RegExp(
  `(?<![\\p{L}\\d])(\\d{1,2})(?:st|nd|rd|th|er|\\.|º)?\\s*(?:de\\s+)?(${MONTH_WORD})\\.?,?\\s*(?:de\\s+)?(\\d{4})(?!\\d)`,
  'iu',
);
/** "March 12, 2024", "Mar. 12 2024". */
const MONTH_DAY_YEAR_PATTERN = new RegExp(
  `(?<![\\p{L}])(${MONTH_WORD})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`,
  'iu',
);

function buildMonthNames(table: Record<number, string[]>): Record<string, number> {
  const names: Record<string, number> = {};
  for (const [month, list] of Object.entries(table)) for (const name of list) names[name] = Number(month);
  return names;
}

export interface DateParseOptions {
  /** Reference clock for rejecting future dates. @default new Date() */
  readonly now?: Date;
  /** Prefer day-first for ambiguous numeric dates (most of the world). @default true */
  readonly dayFirst?: boolean;
}

/**
 * ISO 8601 for a machine-readable date value (meta content, `datetime`, JSON-LD):
 * ISO forms, compact ISO, RFC 2822, then the human forms of `parseHumanDate`.
 */
export function parseDateValue(raw: unknown, options: DateParseOptions = {}): string | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw)) return fromEpoch(raw, options);
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim().slice(0, 200);
  if (text === '') return undefined;
  if (/^\d{10}(?:\d{3})?$/.test(text)) return fromEpoch(Number(text), options);
  const iso = ISO_PATTERN.exec(text);
  if (iso) return validated(isoFromParts(iso), options);
  const compact = COMPACT_ISO_PATTERN.exec(text);
  if (compact) {
    const [, y, mo, d, h, mi, s, zone] = compact;
    const offset = zone && zone !== 'Z' ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
    return validated(compose(y, mo, d, h, mi, s, offset), options);
  }
  // Unix `date` / Java `Date.toString()` form: "Tue Jul 30 09:35:14 CEST 2019". Zone
  // abbreviations are ambiguous, so only the day is kept.
  const unix = UNIX_DATE_PATTERN.exec(text);
  if (unix) {
    const month = monthNumber(unix[1]);
    if (month) return validated(`${unix[3]}-${pad(month)}-${pad(Number(unix[2]))}`, options);
  }
  // RFC 2822 and similar English forms that Date understands unambiguously.
  if (/^[A-Za-z]{3},?\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}/.test(text)) {
    const time = Date.parse(text);
    if (!Number.isNaN(time)) return validated(new Date(time).toISOString().replace('.000Z', 'Z'), options);
  }
  return parseHumanDate(text, options);
}

/** "2019年3月12日" (Chinese, Japanese) and "2019년 3월 12일" (Korean). */
const CJK_DATE_PATTERN = /((?:19|20)\d{2})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]/u;
/** Arabic-Indic (U+0660) and Persian (U+06F0) digits, read as ASCII digits. */
const EASTERN_DIGIT_PATTERN = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** ASCII digits for Arabic-Indic and Persian ones ("١٢/٠٣/٢٠١٩" reads as "12/03/2019"). */
export function asciiDigits(text: string): string {
  return text.replace(EASTERN_DIGIT_PATTERN, (digit) => {
    const code = digit.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/** ISO 8601 date (with time when written next to it) for a date written for humans. */
export function parseHumanDate(text: string, options: DateParseOptions = {}): string | undefined {
  const sample = asciiDigits(text.slice(0, 300));
  const iso = /(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?/.exec(
    sample,
  );
  if (iso)
    return validated(isoFromParts([iso[0], iso[1], iso[2], iso[3], iso[4], iso[5], iso[6], iso[7]]), options);
  let date: { y: number; m: number; d: number } | undefined;
  let match = CJK_DATE_PATTERN.exec(sample);
  if (match) date = { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
  if (!date?.m) {
    match = DAY_MONTH_YEAR_PATTERN.exec(sample);
    if (match) date = { d: Number(match[1]), m: monthNumber(match[2]), y: Number(match[3]) };
  }
  if (!date?.m) {
    match = MONTH_DAY_YEAR_PATTERN.exec(sample);
    if (match) date = { m: monthNumber(match[1]), d: Number(match[2]), y: Number(match[3]) };
  }
  if (!date?.m) {
    match = SLASHED_YMD_PATTERN.exec(sample);
    if (match) date = { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
  }
  if (!date?.m) {
    match = DOTTED_DMY_PATTERN.exec(sample);
    if (match) {
      const first = Number(match[1]);
      const second = Number(match[2]);
      const year = match[3]?.length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
      const dayFirst = options.dayFirst ?? true;
      // Day-first unless the second number cannot be a month (or the caller says month-first).
      const monthFirst = second > 12 || (!dayFirst && first <= 12);
      date = monthFirst ? { m: first, d: second, y: year } : { d: first, m: second, y: year };
    }
  }
  if (!date?.m) return undefined;
  // A time written for humans has no zone; keeping only the day avoids inventing one.
  return validated(`${date.y}-${pad(date.m)}-${pad(date.d)}`, options);
}

function monthNumber(word: string | undefined): number {
  if (!word) return 0;
  return MONTH_NAMES[word.toLowerCase().replace(/\.$/, '')] ?? 0;
}

function isoFromParts(parts: ArrayLike<string | undefined>): string {
  const zone = parts[7];
  let offset: string | undefined;
  if (zone) {
    const upper = zone.toUpperCase();
    if (upper === 'Z' || upper === 'UTC' || upper === 'GMT') offset = 'Z';
    else if (/^[+-]\d{2}$/.test(zone)) offset = `${zone}:00`;
    else offset = zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  }
  return compose(parts[1], parts[2], parts[3], parts[4], parts[5], parts[6], offset);
}

function compose(
  y: string | undefined,
  mo: string | undefined,
  d: string | undefined,
  h: string | undefined,
  mi: string | undefined,
  s: string | undefined,
  offset: string | undefined,
): string {
  const day = `${y}-${pad(Number(mo))}-${pad(Number(d))}`;
  if (h === undefined || mi === undefined) return day;
  return `${day}T${pad(Number(h))}:${mi}:${pad(Number(s ?? 0))}${offset ?? ''}`;
}

function fromEpoch(value: number, options: DateParseOptions): string | undefined {
  const ms = value > 1e11 ? value : value * 1000;
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return undefined;
  return validated(date.toISOString().replace('.000Z', 'Z'), options);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** The ISO string when it is a real calendar date, not in the future, not before 1990. */
export function validated(iso: string, options: DateParseOptions = {}): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1) return undefined;
  if (year < DEFAULT_MIN_YEAR) return undefined;
  const time = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  const instant = Number.isNaN(time) ? calendar.getTime() : time;
  const now = (options.now ?? new Date()).getTime();
  if (instant > now + FUTURE_TOLERANCE_MS) return undefined;
  return iso;
}

/** Year/month/day found in a URL path (`/2024/03/12/`, `/2024-03-12-`, `/20240312/`). */
export function dateFromUrl(url: string | undefined, options: DateParseOptions = {}): string | undefined {
  if (!url) return undefined;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const match =
    /\/((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?:[/_.-]|$)/.exec(path) ??
    /[/_-]((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)/.exec(path);
  if (!match) return undefined;
  return validated(`${match[1]}-${pad(Number(match[2]))}-${pad(Number(match[3]))}`, options);
}
