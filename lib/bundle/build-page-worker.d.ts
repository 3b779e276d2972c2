/** Types of build-page-worker.js (plain JavaScript, so the synth hook runs it in a bare node). */
export interface PageWorkerBundleSettings {
  readonly target: string;
  readonly minify: boolean;
  readonly keepNames: boolean;
  readonly sourcemap: boolean;
  readonly external: readonly string[];
  /**
   * Also write the worker's V8 code cache, for the V8 and CPU architecture of the node that
   * builds (only the same V8 on the same architecture can use it). @default false
   */
  readonly codeCache?: boolean;
}

/** Builds `<outputDir>/page-worker.js` when `<outputDir>/index.js` refers to it; true when it did. */
export function buildPageWorker(outputDir: string, settings: PageWorkerBundleSettings): boolean;

/** JavaScript code with every non-ASCII UTF-16 unit escaped, and per line where it grew. */
export function escapeNonAscii(code: string): {
  code: string;
  shifts: Map<number, Array<[number, number]>>;
};

/** Source map `mappings` moved by the growth `escapeNonAscii` reported. */
export function shiftMappings(mappings: string, shifts: Map<number, Array<[number, number]>>): string;

/** Name of the worker's code cache for the V8 and architecture of the node running the build. */
export function codeCacheFileName(workerFile: string): string;
export const CODE_CACHE_WRAPPER: readonly [string, string];
export const ON_DEMAND_DIR: string;
export const ON_DEMAND_PACKAGES: readonly string[];
export const PAGE_WORKER_BUNDLE_FILE: string;
export const PAGE_WORKER_ENTRY: string;
