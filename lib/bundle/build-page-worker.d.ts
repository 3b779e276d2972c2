/** Types of build-page-worker.js (plain JavaScript, so the synth hook runs it in a bare node). */
export interface PageWorkerBundleSettings {
  readonly target: string;
  readonly minify: boolean;
  readonly keepNames: boolean;
  readonly sourcemap: boolean;
  readonly external: readonly string[];
}

/** Builds `<outputDir>/page-worker.js` when `<outputDir>/index.js` refers to it; true when it did. */
export function buildPageWorker(outputDir: string, settings: PageWorkerBundleSettings): boolean;

export const PAGE_WORKER_BUNDLE_FILE: string;
export const PAGE_WORKER_ENTRY: string;
