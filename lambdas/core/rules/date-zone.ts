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
  // A live tag collection: attribute selectors are slow in jsdom on big pages.
  const times = context.document.getElementsByTagName('time');
  for (let index = 0; index < times.length && index < DEFAULT_MAX_TWINS; index++) {
    values.push(times[index]?.getAttribute('datetime') ?? null);
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
