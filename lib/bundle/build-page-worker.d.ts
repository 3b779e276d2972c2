/** Types of build-page-worker.js (plain JavaScript, so the synth hook runs it in a bare node). */
export interface PageWorkerBundleSettings {
  readonly target: string;
  /** esbuild's three minify options (lib/house-function.ts HOUSE_MINIFY says why identifiers are kept). */
  readonly minifyWhitespace: boolean;
  readonly minifySyntax: boolean;
  readonly minifyIdentifiers: boolean;
  readonly keepNames: boolean;
  readonly sourcemap: boolean;
  readonly external: readonly string[];
  /**
   * Also write the worker's V8 code cache, for the V8 and CPU architecture of the node that
   * builds (only the same V8 on the same architecture can use it). @default false
   */
  readonly codeCache?: boolean;
}

/**
 * Builds `<outputDir>/page-worker.js` when `<outputDir>/index.js` refers to it; true when it did.
 * @param entry what to bundle as the worker (tests bundle probes) @default PAGE_WORKER_ENTRY
 */
export function buildPageWorker(
  outputDir: string,
  settings: PageWorkerBundleSettings,
  entry?: string,
): boolean;

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
/** The page the code-cache build processes before it saves what V8 compiled. */
export const CODE_CACHE_WARM_UP_PAGE_FILE: string;
export const ON_DEMAND_DIR: string;
export const ON_DEMAND_PACKAGES: readonly string[];
/** File name, in ON_DEMAND_DIR, of an on-demand package (flat: `@scope__name.js`). */
export function onDemandFile(name: string): string;
/** The on-demand packages whose stand-in has the real module's shape (taken apart at load). */
export const ON_DEMAND_SHAPED_PACKAGES: ReadonlySet<string>;
/**
 * The shaped stand-in's CommonJS code for `name` (`exported`: its exports, default the installed package's).
 * @param relativeDir where the on-demand files are, from the bundle the stand-in goes in @default ON_DEMAND_DIR
 */
export function onDemandShapedStandIn(name: string, exported?: unknown, relativeDir?: string): string;
export const PAGE_WORKER_BUNDLE_FILE: string;
export const PAGE_WORKER_ENTRY: string;
/** Where the handler's bundle moves when `index.js` becomes the prestart file. */
export const HANDLER_BUNDLE_FILE: string;
/** The prestart file's TypeScript entry (lambdas/adapters/page-worker-prestart.ts). */
export const PRESTART_ENTRY: string;

/** A module jsdom loads that cannot run in schemapress's configuration, replaced by a stub. */
export interface UnreachableModule {
  /** A bare package name. */
  readonly module?: string;
  /** A path inside node_modules. */
  readonly file?: string;
  readonly reason: string;
  /** Values the importer reads when it loads. */
  readonly constants?: Readonly<Record<string, number>>;
}
export const UNREACHABLE_MODULES: readonly UnreachableModule[];
/** The stub's CommonJS code: throws a clear error on any use but its constants. */
export function unreachableStub(entry: UnreachableModule): string;

/** A performance-only edit of a dependency's code in the worker bundle. */
export interface DependencyPatch {
  readonly file: string;
  /** The text replaced: it must occur exactly once in the file. */
  readonly find: string;
  readonly replace: string;
  readonly reason: string;
}
export const DEPENDENCY_PATCHES: readonly DependencyPatch[];
/** `code` with `patch` applied; throws when its anchor is not there exactly once. */
export function applyDependencyPatch(patch: DependencyPatch, code: string): string;

/** JSON files of this many characters or more are embedded as `JSON.parse('…')`. */
export const JSON_PARSE_MIN_BYTES: number;
/** esbuild with the worker's plugin (stubs, patches, JSON.parse), asynchronously. */
export function bundleWithPlugin(options: Record<string, unknown>): Promise<void>;
