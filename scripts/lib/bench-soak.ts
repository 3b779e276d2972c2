/**
 * Soak: process pages in a loop (cycling over the corpus) and check that memory stays
 * flat, i.e. that no window, timer or listener outlives a page.
 */
import { processArticle } from '../../lambdas/core/process';
import type { BenchPage } from './bench-pages';
import { round } from './bench-stats';

/** Page at which the baseline is taken (warm: JIT, caches and the shared window settled). */
export const DEFAULT_SOAK_BASELINE_PAGE = 100;
/** Peak RSS may grow by at most this share from the baseline to the last page. */
export const DEFAULT_SOAK_TOLERANCE = 0.1;

export interface SoakPoint {
  readonly page: number;
  readonly rssMb: number;
  readonly peakRssMb: number;
  readonly heapUsedMb: number;
  /** Handles and requests keeping the event loop alive (timers, sockets…), by type. */
  readonly activeResources: readonly string[];
}

export interface SoakReport {
  readonly pages: number;
  readonly baseline: SoakPoint;
  readonly last: SoakPoint;
  readonly points: readonly SoakPoint[];
  /** last.peakRssMb / baseline.peakRssMb. */
  readonly peakRssRatio: number;
  readonly flat: boolean;
}

/** Present when node runs with --expose-gc: then heap figures are after a full collection. */
const collectGarbage = (globalThis as { gc?: () => void }).gc;

function point(page: number): SoakPoint {
  collectGarbage?.();
  const memory = process.memoryUsage();
  return {
    page,
    rssMb: round(memory.rss / 1024 / 1024, 0),
    peakRssMb: round(process.resourceUsage().maxRSS / 1024, 0),
    heapUsedMb: round(memory.heapUsed / 1024 / 1024, 0),
    activeResources: process.getActiveResourcesInfo(),
  };
}

/**
 * Steps: 1. process `total` pages, cycling over `pages`; 2. sample memory at the baseline
 * page, every `total / 10` pages and at the end; 3. compare the peaks.
 */
export function runSoak(
  pages: readonly BenchPage[],
  total: number,
  onPoint: (point: SoakPoint) => void = () => {},
): SoakReport {
  if (pages.length === 0) throw new Error('Soak needs at least one page.');
  if (total <= DEFAULT_SOAK_BASELINE_PAGE) {
    throw new RangeError(`--soak must be above ${DEFAULT_SOAK_BASELINE_PAGE} pages, got ${total}.`);
  }
  const every = Math.max(1, Math.floor(total / 10));
  const points: SoakPoint[] = [];
  for (let index = 1; index <= total; index++) {
    const page = pages[(index - 1) % pages.length] as BenchPage;
    try {
      processArticle(page.bytes, { sourceName: 'page.html', ...(page.url ? { url: page.url } : {}) });
    } catch {
      // Refused pages are part of the real mix; memory is what is measured here.
    }
    if (index === DEFAULT_SOAK_BASELINE_PAGE || index % every === 0 || index === total) {
      const sample = point(index);
      points.push(sample);
      onPoint(sample);
    }
  }
  const baseline = points.find((p) => p.page === DEFAULT_SOAK_BASELINE_PAGE) as SoakPoint;
  const last = points[points.length - 1] as SoakPoint;
  const peakRssRatio = round(last.peakRssMb / baseline.peakRssMb, 3);
  return {
    pages: total,
    baseline,
    last,
    points,
    peakRssRatio,
    flat: peakRssRatio <= 1 + DEFAULT_SOAK_TOLERANCE,
  };
}
