/**
 * Where the pipeline's wall time goes besides its own code: garbage-collection pauses and minor
 * page faults, counted inside the pipeline's calls only (the yardstick and the competitors run
 * in the same process between them).
 *
 * Why it is printed: a page's DOM lives until the page is done, so every young-generation
 * collection (scavenge) copies what the parser built so far, and a string over 128 KB is
 * allocated on fresh memory pages, each costing a page fault on first touch. Both move every
 * stage's time, and neither shows in a CPU profile of our own functions.
 */
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { round } from './bench-stats';

export interface GcFigures {
  /** Young-generation collections (scavenges) that started inside a pipeline call. */
  readonly scavenges: number;
  /** Their pause time, ms. */
  readonly scavengeMs: number;
  /** Pause time of the other collections (mark-compact, incremental marking, weak callbacks), ms. */
  readonly otherMs: number;
  /** All those pauses as a share of the pipeline's wall time (0..1). */
  readonly shareOfWall: number;
  /** Minor page faults per pipeline call (the whole process's, GC threads included). */
  readonly minorPageFaultsPerPage: number;
}

interface GcEntry {
  readonly start: number;
  readonly duration: number;
  readonly kind: number;
}

/** Measures the pipeline's calls (`measure`), then reports their GC pauses and page faults (`figures`). */
export class PipelineGcMeter {
  private readonly windows: Array<readonly [number, number]> = [];
  private readonly entries: GcEntry[] = [];
  private readonly observer = new PerformanceObserver((list) => this.collect(list.getEntries()));
  private pageFaults = 0;

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** Runs one pipeline call, noting when it ran and the page faults it took. */
  measure<T>(work: () => T): T {
    const faults = process.resourceUsage().minorPageFault;
    const started = performance.now();
    try {
      return work();
    } finally {
      this.windows.push([started, performance.now()]);
      this.pageFaults += process.resourceUsage().minorPageFault - faults;
    }
  }

  /** The figures over every measured call; stops observing. */
  async figures(): Promise<GcFigures> {
    // Node queues each collection's entry from an immediate callback (a timer can run before
    // it): let those run, then take what the observer has not been handed yet.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    this.collect(this.observer.takeRecords());
    this.observer.disconnect();
    const entries = [...this.entries].sort((a, b) => a.start - b.start);
    let scavenges = 0;
    let scavengeMs = 0;
    let otherMs = 0;
    let wallMs = 0;
    let next = 0;
    for (const [start, end] of this.windows) {
      wallMs += end - start;
      while (next < entries.length && (entries[next] as GcEntry).start < start) next++;
      for (; next < entries.length && (entries[next] as GcEntry).start <= end; next++) {
        const entry = entries[next] as GcEntry;
        if (entry.kind === constants.NODE_PERFORMANCE_GC_MINOR) {
          scavenges++;
          scavengeMs += entry.duration;
        } else otherMs += entry.duration;
      }
    }
    return {
      scavenges,
      scavengeMs: round(scavengeMs, 0),
      otherMs: round(otherMs, 0),
      shareOfWall: round((scavengeMs + otherMs) / (wallMs || Number.NaN), 3),
      minorPageFaultsPerPage: round(this.pageFaults / (this.windows.length || Number.NaN), 0),
    };
  }

  private collect(list: readonly PerformanceEntry[]): void {
    for (const entry of list) {
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0;
      this.entries.push({ start: entry.startTime, duration: entry.duration, kind });
    }
  }
}
