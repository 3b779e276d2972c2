/**
 * The page's own UTC offset for an instant its metadata gives in UTC. CMSs often write
 * `datePublished` in UTC while the page shows (and readers cite) the local wall-clock
 * time: "2023-11-09T01:09:55Z" in JSON-LD, `<time datetime="2023-11-08 18:09:55">` in the
 * byline. When the same instant appears in local time, the offset between the two is the
 * page's, and the instant is re-expressed with it ("2023-11-08T18:09:55-07:00").
 */
import type { ExtractionContext } from './context';
import { type DateParseOptions, parseDateValue } from './date-parse';

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** Time zones span UTC-12 to UTC+14, in steps of 15 minutes. */
const DEFAULT_MOST_WESTERN_OFFSET_MINUTES = -12 * 60;
const DEFAULT_MOST_EASTERN_OFFSET_MINUTES = 14 * 60;
const DEFAULT_OFFSET_STEP_MINUTES = 15;
/** A wall-clock time without a zone: "2023-11-08T18:09:55". */
const ZONELESS_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
/** `time` elements and meta keys that may carry the same instant in local time. */
const DEFAULT_MAX_TWINS = 20;
const TWIN_META_KEYS = [
  'article:published_time',
  'og:published_time',
  'pubdate',
  'publishdate',
  'date',
  'parsely-pub-date',
  'sailthru.date',
  'dc.date.issued',
];

/**
 * Offset in minutes that turns `instantIso` (with a zone) into the zone-less wall-clock
 * time `localIso`, or undefined when no real time zone does (so they are not the same instant).
 */
export function offsetBetween(instantIso: string, localIso: string): number | undefined {
  if (!ZONELESS_TIME_PATTERN.test(localIso)) return undefined;
  const instant = Date.parse(instantIso);
  const wallClock = Date.parse(`${localIso}Z`);
  if (Number.isNaN(instant) || Number.isNaN(wallClock)) return undefined;
  // On a quarter-hour, any other quarter-hour time would pass for a twin.
  if (instant % (DEFAULT_OFFSET_STEP_MINUTES * MINUTE_MS) === 0) return undefined;
  const minutes = (wallClock - instant) / MINUTE_MS;
  if (minutes === 0 || minutes % DEFAULT_OFFSET_STEP_MINUTES !== 0) return undefined;
  if (minutes < DEFAULT_MOST_WESTERN_OFFSET_MINUTES || minutes > DEFAULT_MOST_EASTERN_OFFSET_MINUTES)
    return undefined;
  return minutes;
}

/** The instant written with the given offset: "2023-11-08T18:09:55-07:00". */
export function withOffset(instantIso: string, offsetMinutes: number): string | undefined {
  const instant = Date.parse(instantIso);
  if (Number.isNaN(instant)) return undefined;
  const local = new Date(instant + offsetMinutes * MINUTE_MS).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  const hours = String(Math.floor(absolute / 60)).padStart(2, '0');
  const minutes = String(absolute % 60).padStart(2, '0');
  return `${local}${sign}${hours}:${minutes}`;
}

/**
 * The instant in the page's local time, when the page writes the same instant somewhere
 * without a zone (a byline `time`, a date meta); undefined otherwise. Steps: 1. collect
 * zone-less date values from `time` elements and date metas, bounded; 2. take the
 * first that differs from the instant by a real time zone's offset; 3. re-express.
 */
export function localTwinOf(
  context: ExtractionContext,
  instantIso: string,
  options: DateParseOptions,
): string | undefined {
  const values: (string | null)[] = [];
  for (const time of context.index.byTag('time').slice(0, DEFAULT_MAX_TWINS)) {
    values.push(time.getAttribute('datetime'));
  }
  for (const key of TWIN_META_KEYS) values.push(...context.meta.all(key));
  for (const value of values) {
    const local = parseDateValue(value, options);
    if (local === undefined) continue;
    const offset = offsetBetween(instantIso, local);
    if (offset !== undefined) return withOffset(instantIso, offset);
  }
  return undefined;
}

/**
 * The time zone where most of a country's readers live, for re-expressing a UTC instant
 * when the page reveals no offset of its own. Countries spanning several zones get the
 * most populous one: the instant stays exact whichever zone is chosen.
 */
const COUNTRY_TIME_ZONES: Readonly<Record<string, string>> = {
  US: 'America/New_York',
  CA: 'America/Toronto',
  MX: 'America/Mexico_City',
  BR: 'America/Sao_Paulo',
  AR: 'America/Argentina/Buenos_Aires',
  CL: 'America/Santiago',
  CO: 'America/Bogota',
  PE: 'America/Lima',
  VE: 'America/Caracas',
  UY: 'America/Montevideo',
  EC: 'America/Guayaquil',
  AU: 'Australia/Sydney',
  NZ: 'Pacific/Auckland',
  IN: 'Asia/Kolkata',
  PK: 'Asia/Karachi',
  BD: 'Asia/Dhaka',
  JP: 'Asia/Tokyo',
  KR: 'Asia/Seoul',
  CN: 'Asia/Shanghai',
  TW: 'Asia/Taipei',
  HK: 'Asia/Hong_Kong',
  SG: 'Asia/Singapore',
  MY: 'Asia/Kuala_Lumpur',
  ID: 'Asia/Jakarta',
  PH: 'Asia/Manila',
  TH: 'Asia/Bangkok',
  VN: 'Asia/Ho_Chi_Minh',
  IR: 'Asia/Tehran',
  IL: 'Asia/Jerusalem',
  AE: 'Asia/Dubai',
  SA: 'Asia/Riyadh',
  EG: 'Africa/Cairo',
  ZA: 'Africa/Johannesburg',
  NG: 'Africa/Lagos',
  KE: 'Africa/Nairobi',
  TR: 'Europe/Istanbul',
  RU: 'Europe/Moscow',
  UA: 'Europe/Kiev',
  GB: 'Europe/London',
  IE: 'Europe/Dublin',
  PT: 'Europe/Lisbon',
  ES: 'Europe/Madrid',
  FR: 'Europe/Paris',
  BE: 'Europe/Brussels',
  NL: 'Europe/Amsterdam',
  DE: 'Europe/Berlin',
  AT: 'Europe/Vienna',
  CH: 'Europe/Zurich',
  IT: 'Europe/Rome',
  DK: 'Europe/Copenhagen',
  SE: 'Europe/Stockholm',
  NO: 'Europe/Oslo',
  FI: 'Europe/Helsinki',
  PL: 'Europe/Warsaw',
  CZ: 'Europe/Prague',
  SK: 'Europe/Bratislava',
  HU: 'Europe/Budapest',
  RO: 'Europe/Bucharest',
  GR: 'Europe/Athens',
};
/** Country-code top-level domains written otherwise than the country's ISO code. */
const TLD_COUNTRIES: Readonly<Record<string, string>> = { uk: 'GB' };
/** The region of a locale: `en-US`, `es_AR`, `zh-Hant-TW`. */
const LOCALE_REGION_PATTERN = /^[a-z]{2,3}(?:[-_][a-z]{4})?[-_]([a-z]{2})$/i;
/** One formatter per time zone, built on first use (building one costs far more than using it). */
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The time zone of the page's country: its domain's country code (where the publisher
 * is), else the region of `html lang`, else of og:locale (a CMS default more often).
 */
export function pageTimeZone(context: ExtractionContext): string | undefined {
  const regions = [
    countryOfHost(context.url ?? context.baseUrl),
    localeRegion(context.document.documentElement?.getAttribute('lang')),
    localeRegion(context.meta.first('og:locale')),
  ];
  for (const region of regions) {
    const zone = region === undefined ? undefined : COUNTRY_TIME_ZONES[region];
    if (zone !== undefined) return zone;
  }
  return undefined;
}

function countryOfHost(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let labels: string[];
  try {
    labels = new URL(url).hostname.toLowerCase().split('.');
  } catch {
    return undefined;
  }
  const tld = labels.at(-1);
  if (tld?.length !== 2) return undefined;
  // ".co" alone is sold as a generic domain; "com.co" is Colombia's.
  if (tld === 'co' && labels.at(-2) !== 'com') return undefined;
  return TLD_COUNTRIES[tld] ?? tld.toUpperCase();
}

function localeRegion(tag: string | null | undefined): string | undefined {
  return LOCALE_REGION_PATTERN.exec(tag?.trim() ?? '')?.[1]?.toUpperCase();
}

/** Minutes the zone's wall clock is ahead of UTC at the instant (daylight saving included). */
export function zoneOffsetMinutes(instantMs: number, timeZone: string): number | undefined {
  let formatter = zoneFormatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      });
    } catch {
      return undefined;
    }
    zoneFormatters.set(timeZone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(instantMs))) parts[part.type] = Number(part.value);
  const wallClock = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
  );
  return Math.round((wallClock - (instantMs - (instantMs % MINUTE_MS))) / MINUTE_MS);
}

/**
 * A UTC instant re-expressed in the time zone of the page's country when its day there
 * differs from its UTC day (late evening west of Greenwich, early morning east of it), so
 * the day written is the one its readers saw. Undefined when the country is unknown, the
 * day is the same anyway (the UTC form is kept as the page wrote it), or the instant is a
 * bare midnight (a date stored as an instant: its time says nothing).
 */
export function inPageTimeZone(context: ExtractionContext, instantIso: string): string | undefined {
  const instant = Date.parse(instantIso);
  if (Number.isNaN(instant) || instant % DAY_MS === 0) return undefined;
  const zone = pageTimeZone(context);
  const offset = zone === undefined ? undefined : zoneOffsetMinutes(instant, zone);
  if (offset === undefined || offset === 0) return undefined;
  const local = withOffset(instantIso, offset);
  return local !== undefined && local.slice(0, 10) !== new Date(instant).toISOString().slice(0, 10)
    ? local
    : undefined;
}
