/**
 * Safe, fast HTML parsing with jsdom.
 *
 * Why not `new JSDOM(html)` per page: it builds a whole window per page (about twice the
 * time of parsing alone), a nested window for every `<iframe>`, parses every `<style>`,
 * and is only freed after its load-event tick. Here one module-level window hosts a
 * DOMParser; the documents it makes have no window (no scripts, no resources, no
 * iframes, no CSS), which is exactly what extraction needs.
 *
 * As a safety valve against growth in a long-lived window, it is retired after
 * DEFAULT_WINDOW_REUSE documents and closed once every document it made is disposed.
 */
import { JSDOM, VirtualConsole } from 'jsdom';
import { assertParseable, type ParseLimits } from './guard';
// Builds inline-style declarations on first use instead of one per element (see the module).
import { LAZY_INLINE_STYLE_APPLIED } from './lazy-inline-style';
// Builds the parsed tree without per-node ancestor walks that do nothing here (see the module).
import { PARSER_FAST_PATH_APPLIED } from './parser-fast-path';
// Lets each page's DOM die in the young generation (see the module).
import { WINDOW_EVENT_PROXY_APPLIED } from './window-event-proxy';

/** Whether jsdom builds `el.style` lazily here (false: jsdom's internals differ; see lazy-inline-style.ts). */
export const LAZY_INLINE_STYLE: boolean = LAZY_INLINE_STYLE_APPLIED;
/** Whether the parser's tree building takes the lean path here (false: see parser-fast-path.ts). */
export const PARSER_FAST_PATH: boolean = PARSER_FAST_PATH_APPLIED;
/** Whether body/frameset/svg forward window events without a closure per element (false: see window-event-proxy.ts). */
export const WINDOW_EVENT_PROXY: boolean = WINDOW_EVENT_PROXY_APPLIED;

export interface ParseOptions {
  /**
   * Pre-scan limits (see guard.ts); `false` skips the scan (only for trusted HTML, e.g.
   * a page this pipeline rendered itself).
   * @default DEFAULT_PARSE_LIMITS
   */
  readonly limits?: Partial<ParseLimits> | false;
  /** Documents one shared window parses before it is replaced. @default DEFAULT_WINDOW_REUSE */
  readonly windowReuse?: number;
}

export interface ParsedHtml {
  /** A window-less document: scripts never ran, nothing was fetched. */
  readonly document: Document;
  /** Releases the document; after the last one, a retired window is closed. Idempotent. */
  dispose(): void;
}

/**
 * Documents per shared window. Measured (node --expose-gc, corpus pages, each document
 * disposed after use): one window for 600 pages kept the heap after GC at 17–27 MB, i.e.
 * DOMParser documents are freed once dropped; a new window per page grew it by ~0.5 MB a
 * page (107 MB after 200), because a closed window is not fully freed. So windows are
 * replaced rarely: this is a safety valve against slow growth, not a per-page cost.
 */
export const DEFAULT_WINDOW_REUSE = 1000;

interface WindowGeneration {
  readonly window: JSDOM['window'];
  parsed: number;
  live: number;
  retired: boolean;
}

let current: WindowGeneration | undefined;

function createGeneration(): WindowGeneration {
  // Defaults are the safe ones: runScripts unset (no scripts), resources unset (nothing
  // loaded). A silent virtual console keeps page noise out of the Lambda logs.
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    virtualConsole: new VirtualConsole(),
  });
  return { window: dom.window, parsed: 0, live: 0, retired: false };
}

function closeIfDone(generation: WindowGeneration): void {
  if (generation.retired && generation.live === 0) generation.window.close();
}

/**
 * Parses `html` into a document.
 *
 * Steps:
 *  1. Pre-scan with `assertParseable` (throws PageTooComplexError for hostile shapes).
 *  2. Take the shared window, replacing it when it has parsed `windowReuse` documents.
 *  3. Parse with the window's DOMParser (scripting disabled, no browsing context).
 *  4. Return the document with a `dispose` that releases it.
 */
export function parseHtml(html: string, options: ParseOptions = {}): ParsedHtml {
  if (options.limits !== false) assertParseable(html, options.limits);

  const windowReuse = options.windowReuse ?? DEFAULT_WINDOW_REUSE;
  if (!Number.isInteger(windowReuse) || windowReuse < 1) {
    throw new RangeError(`windowReuse must be a positive integer, got ${windowReuse}.`);
  }
  if (!current || current.parsed >= windowReuse) {
    if (current) {
      current.retired = true;
      closeIfDone(current);
    }
    current = createGeneration();
  }
  const generation = current;
  generation.parsed++;

  const document = new generation.window.DOMParser().parseFromString(html, 'text/html') as Document;
  generation.live++;
  let disposed = false;
  return {
    document,
    dispose() {
      if (disposed) return;
      disposed = true;
      generation.live--;
      closeIfDone(generation);
    },
  };
}

/** Closes the shared window now (tests, graceful shutdown). The next parse creates a new one. */
export function resetParser(): void {
  if (current) {
    current.retired = true;
    closeIfDone(current);
  }
  current = undefined;
}
