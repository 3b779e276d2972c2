/**
 * The competitors timed on the same pages: Mozilla Readability (on a `new JSDOM` of the
 * page, as its README runs it) plus metascraper with its usual rule bundles (on the HTML
 * string). Both are devDependencies and loaded lazily, so the rest of the bench runs
 * without them.
 */
import { JSDOM, VirtualConsole } from 'jsdom';

/** metascraper's rule bundles, as its README lists them for article metadata. */
const METASCRAPER_RULE_BUNDLES = [
  'metascraper-author',
  'metascraper-date',
  'metascraper-description',
  'metascraper-image',
  'metascraper-lang',
  'metascraper-publisher',
  'metascraper-title',
  'metascraper-url',
] as const;

/** Placeholder URL for pages the corpus gives none (metascraper requires one). */
const DEFAULT_PAGE_URL = 'https://example.com/';

export interface CompetitorTimes {
  /** `new JSDOM(html)` + `new Readability(document).parse()`. */
  readonly readabilityMs: number;
  /** `await metascraper({ html, url })`. */
  readonly metascraperMs: number;
}

type Metascraper = (options: { url: string; html: string }) => Promise<Record<string, unknown>>;
type ReadabilityClass = new (document: Document) => { parse(): unknown };

export interface Competitors {
  time(html: string, url: string | undefined): Promise<CompetitorTimes>;
}

/** Loads both libraries; throws with install advice when they are missing. */
export function loadCompetitors(): Competitors {
  let Readability: ReadabilityClass;
  let metascraper: Metascraper;
  try {
    ({ Readability } = require('@mozilla/readability') as { Readability: ReadabilityClass });
    const create = require('metascraper') as (rules: unknown[]) => Metascraper;
    metascraper = create(METASCRAPER_RULE_BUNDLES.map((name) => (require(name) as () => unknown)()));
  } catch (error) {
    throw new Error(
      `Competitors not installed (${(error as Error).message.split('\n')[0]}); run npm install, or pass --no-competitors.`,
    );
  }
  const virtualConsole = new VirtualConsole();
  return {
    async time(html, url) {
      const readabilityStarted = performance.now();
      const dom = new JSDOM(html, { virtualConsole, ...(url ? { url } : {}) });
      try {
        new Readability(dom.window.document).parse();
      } catch {
        // A page Readability cannot handle still cost its time.
      }
      const readabilityMs = performance.now() - readabilityStarted;
      dom.window.close();
      const metascraperStarted = performance.now();
      try {
        await metascraper({ html, url: url ?? DEFAULT_PAGE_URL });
      } catch {
        // Same: the time is what we compare.
      }
      return { readabilityMs, metascraperMs: performance.now() - metascraperStarted };
    },
  };
}
