/**
 * The last line of defence against a runaway parse: `processArticle` runs in a long-lived worker
 * thread, and a page that is still running when its time budget ends has its worker terminated
 * and is refused with a PageTooComplexError (recorded as failed like the guard's refusals). The
 * next page gets a fresh worker.
 *
 * The guard (core/guard.ts) refuses the hostile shapes it knows before jsdom sees them; this
 * stops whatever it does not know. A synchronous parse cannot be interrupted from inside its
 * own thread, hence the worker.
 *
 * Also a cold-start win: the thread that loads jsdom is not the one that loads the AWS SDK, so
 * with `start()` called at module load both load at once, and the handler bundle carries no jsdom.
 * A new worker says it is ready as soon as its code is loaded: warming it up on a built-in page
 * cost more than it saved the first real page (about 80 ms more CPU and wall time to the first
 * result, measured on the shipped bundle). It starts from a V8 code cache when the build left
 * one for this V8 (`bundledWorkerScript`); the build makes that cache after a warm-up page, so
 * what the first page runs is compiled already.
 *
 * Worker file: next to the bundle (`page-worker.js`, built by lib/bundle/build-page-worker.js);
 * run from TypeScript sources (tsx, jest), the `.ts` entry is loaded through tsx's require API.
 *
 * In a bundled function the thread starts even earlier: the function's `index.js` is a small
 * file (page-worker-prestart.ts) that starts it with `prestartPageWorker` and only then loads
 * the handler's own bundle (`handler.js`), whose PageWorker adopts that thread. Node reads and
 * compiles a whole file before running any of it, so from inside the 1 MB handler bundle the
 * thread started only after the AWS SDK's code had been read and compiled.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parentPort, type ResourceLimits, Worker } from 'node:worker_threads';
import { DEFAULT_PAGE_TIME_BUDGET_MS } from '../contract';
import {
  BinaryInputError,
  EmptyInputError,
  InputError,
  type InputErrorCode,
  InputTooLargeError,
  NoArticleError,
  PageTooComplexError,
  UnsupportedInputError,
} from '../core/errors';
import type { ProcessOptions, ProcessResult } from '../core/types';
import { functionMemoryMb } from './env';

/** File name of the bundled worker, next to the function's `index.js` (and `handler.js`). */
export const PAGE_WORKER_BUNDLE_FILE = 'page-worker.js';

/**
 * File name the handler's own bundle gets when the build makes `index.js` the prestart file
 * (page-worker-prestart.ts; lib/bundle/build-page-worker.js names it the same, a test checks).
 */
export const HANDLER_BUNDLE_FILE = 'handler.js';

/** The worker's TypeScript entry, next to this file in the sources. */
export const PAGE_WORKER_SOURCE_ENTRY = path.join(__dirname, 'page-worker-entry.ts');

/** A worker that has not loaded its code by then is broken (jsdom loads in about a second). */
export const DEFAULT_WORKER_START_BUDGET_MS = 120_000;

export type ProcessArticleFn = (bytes: Uint8Array, options: ProcessOptions) => ProcessResult;

/**
 * The worker failed for a reason of its own (crashed, ran out of memory, could not start): a
 * transient fault, not a verdict on the page. Not an InputError, so the handler lets the message
 * be retried; a page that keeps crashing its worker ends in the dead-letter queue.
 */
export class PageWorkerError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PageWorkerError';
  }
}

export interface PageWorkerOptions {
  /** Milliseconds one page may take. @default DEFAULT_PAGE_TIME_BUDGET_MS */
  readonly budgetMs?: number;
  /** Milliseconds a new worker may take to load its code. @default DEFAULT_WORKER_START_BUDGET_MS */
  readonly startBudgetMs?: number;
  /**
   * The module the worker runs (it must call `servePages` from page-worker-entry). Tests use it
   * to run a stand-in core.
   * @default the core pipeline: `page-worker.js` next to the bundle, or page-worker-entry.ts
   */
  readonly workerModule?: string;
  /** Heap limits of the worker thread. @default none (the process's) */
  readonly resourceLimits?: ResourceLimits;
}

/** Share of the function's memory the page worker's old generation may use. */
export const DEFAULT_PAGE_WORKER_HEAP_SHARE = 0.5;
/**
 * The page worker's young generation, MB. V8 splits it in three (two semi-spaces and the
 * young large-object space), so 192 gives 64 MB semi-spaces against V8's default 16 MB.
 * Why: a page allocates 10-15 MB while its DOM is alive; with 16 MB semi-spaces nearly every
 * page's DOM is still alive at a scavenge, so it is copied and promoted to the old
 * generation (a fifth of the pipeline's time went to those copies and the page faults of
 * fresh old-generation memory). With 64 MB most pages are done, and their DOM dead, before
 * the next scavenge. Measured over 164 corpus pages processed twice in a worker: scavenge
 * pauses 3.4 s -> 0.5 s, minor page faults 75,000 -> 33,000 (see README, Speed).
 */
export const DEFAULT_PAGE_WORKER_YOUNG_GENERATION_MB = 192;
/** Largest share of the function's memory the young generation may take (192 of 1024 MB). */
export const DEFAULT_PAGE_WORKER_YOUNG_SHARE = 0.1875;

/**
 * Heap limits for a page worker in a function of `memoryMb` (no old-generation cap when
 * unknown, e.g. locally). With its old generation capped below the function's memory, V8
 * collects before a warm container grows, and a page that would need more fails its worker,
 * not the container. The young generation is DEFAULT_PAGE_WORKER_YOUNG_GENERATION_MB, less
 * in a function too small for it.
 */
export function pageWorkerResourceLimits(memoryMb: number | undefined): ResourceLimits {
  if (memoryMb === undefined) return { maxYoungGenerationSizeMb: DEFAULT_PAGE_WORKER_YOUNG_GENERATION_MB };
  return {
    maxOldGenerationSizeMb: Math.floor(memoryMb * DEFAULT_PAGE_WORKER_HEAP_SHARE),
    maxYoungGenerationSizeMb: Math.min(
      DEFAULT_PAGE_WORKER_YOUNG_GENERATION_MB,
      Math.floor(memoryMb * DEFAULT_PAGE_WORKER_YOUNG_SHARE),
    ),
  };
}

/** The page worker's heap limits in this Lambda function (`AWS_LAMBDA_FUNCTION_MEMORY_SIZE`). */
export function functionPageWorkerLimits(): ResourceLimits {
  return pageWorkerResourceLimits(functionMemoryMb());
}

/**
 * Makes ICU load its date-time data in this thread. ICU's data is loaded once per process and
 * shared by every thread, and the first `Intl.DateTimeFormat` of a process costs about 25 ms
 * (rules/date-zone.ts makes one for a page whose date needs the page's time zone). Called by the
 * handler thread while the page worker loads jsdom, so the worker's first such page does not pay
 * it; with one CPU the cost only moves, with more it is off the first page's path.
 */
export function loadSharedIcuData(): void {
  new Intl.DateTimeFormat('en-US', { timeZone: 'UTC' }).format(0);
}

/** Main → worker: one page. */
export interface PageRequest {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly options: ProcessOptions;
}

/** An error as it crosses the thread boundary (structured clone keeps no class or `code`). */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly code?: string;
  readonly fields?: Record<string, unknown>;
}

/**
 * Worker → main: ready once its code is loaded, then one reply per page. A worker started with a
 * code cache first says whether V8 accepted it (informational; nothing waits for it).
 */
export type PageReply =
  | { readonly type: 'ready' }
  | { readonly type: 'code-cache'; readonly accepted: boolean }
  | { readonly type: 'result'; readonly id: number; readonly result: ProcessResult }
  | { readonly type: 'error'; readonly id: number; readonly error: SerializedError };

/** The typed input errors, by code, rebuilt as their own classes on this side. */
const INPUT_ERROR_CLASSES: Record<InputErrorCode, abstract new (...args: never[]) => InputError> = {
  EMPTY_INPUT: EmptyInputError,
  BINARY_INPUT: BinaryInputError,
  INPUT_TOO_LARGE: InputTooLargeError,
  NO_ARTICLE: NoArticleError,
  PAGE_TOO_COMPLEX: PageTooComplexError,
  UNSUPPORTED_INPUT: UnsupportedInputError,
};

/** How an error thrown in the worker travels: name, message, stack, and an InputError's code and fields. */
export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const base = { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  if (!(error instanceof InputError)) return base;
  const { code, name: _name, ...fields } = error as InputError & Record<string, unknown>;
  return { ...base, code, fields };
}

/** The error `serializeError` described, as the same class when it is a typed input error. */
export function deserializeError(serialized: SerializedError): Error {
  const errorClass =
    serialized.code !== undefined ? INPUT_ERROR_CLASSES[serialized.code as InputErrorCode] : undefined;
  let error: Error;
  if (errorClass) {
    error = new InputError(serialized.code as InputErrorCode, serialized.message);
    Object.setPrototypeOf(error, errorClass.prototype);
    Object.assign(error, serialized.fields);
  } else {
    error = new Error(serialized.message);
  }
  error.name = serialized.name;
  if (serialized.stack) error.stack = serialized.stack;
  return error;
}

interface PendingPage {
  readonly id: number;
  readonly budgetMs: number;
  resolve(result: ProcessResult): void;
  reject(error: Error): void;
}

/**
 * One worker thread processing pages one at a time, each within a time budget.
 *
 * - `process` queues a page; pages run one after another on the same worker.
 * - A page over budget: the worker is terminated, the page refused with PageTooComplexError,
 *   and a new worker is started for the next page.
 * - The worker dying (crash, out of memory, failed start): the page fails with PageWorkerError.
 * - The worker never keeps the process alive while it has no page to work on.
 */
export class PageWorker {
  private readonly budgetMs: number;
  private readonly startBudgetMs: number;
  private readonly workerModule: string | undefined;
  private readonly resourceLimits: PageWorkerOptions['resourceLimits'];
  private worker: Worker | undefined;
  private ready: Promise<Worker> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private workersStarted = 0;
  /** The current worker's uncaught error, if it had one: the cause of its death. */
  private lastError: Error | undefined;

  constructor(options: PageWorkerOptions = {}) {
    this.budgetMs = checkedBudget(options.budgetMs ?? DEFAULT_PAGE_TIME_BUDGET_MS, 'budgetMs');
    this.startBudgetMs = checkedBudget(
      options.startBudgetMs ?? DEFAULT_WORKER_START_BUDGET_MS,
      'startBudgetMs',
    );
    this.workerModule = options.workerModule;
    this.resourceLimits = options.resourceLimits;
  }

  /** How many worker threads were started (or adopted) so far (one more after each refusal or crash). */
  get startedWorkers(): number {
    return this.workersStarted;
  }

  /**
   * Starts the worker now rather than on the first page, so its code loads while the caller
   * does something else (at cold start: loads the AWS SDK). A failure here is reported by the
   * first page.
   */
  start(): void {
    this.readyWorker().catch(() => undefined);
  }

  /**
   * Processes one page in the worker.
   * @param budgetMs this page's budget @default the worker's
   * @throws PageTooComplexError when the page is still running when its budget ends;
   *   the core's InputError subclasses as the core threw them; PageWorkerError when the worker died.
   */
  process(bytes: Uint8Array, options: ProcessOptions = {}, budgetMs = this.budgetMs): Promise<ProcessResult> {
    const run = this.queue.then(() => this.runPage(bytes, options, budgetMs));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Terminates the worker; a later `process` starts a new one. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.discard();
    if (worker) await worker.terminate();
  }

  private async runPage(
    bytes: Uint8Array,
    options: ProcessOptions,
    budgetMs: number,
  ): Promise<ProcessResult> {
    const ready = this.readyWorker();
    // Held while a page waits for it or runs; idle, it must not keep a CLI or test process alive.
    this.worker?.ref();
    let worker: Worker | undefined;
    try {
      worker = await ready;
      const running = worker;
      return await new Promise<ProcessResult>((resolve, reject) => {
        this.send(running, { id: this.nextId++, budgetMs, resolve, reject }, bytes, options);
      });
    } finally {
      if (worker && this.worker === worker) worker.unref();
    }
  }

  /**
   * Steps:
   * 1. Listen for this page's reply, the worker's death and the end of the budget;
   * 2. post the page (its bytes are copied: the caller keeps its own);
   * 3. whichever comes first settles the page and removes the listeners.
   */
  private send(worker: Worker, page: PendingPage, bytes: Uint8Array, options: ProcessOptions): void {
    const settle = () => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('exit', onExit);
    };
    const onMessage = (reply: PageReply) => {
      if ((reply.type !== 'result' && reply.type !== 'error') || reply.id !== page.id) return;
      settle();
      if (reply.type === 'result') page.resolve(reply.result);
      else page.reject(deserializeError(reply.error));
    };
    const onExit = (exitCode: number) => {
      settle();
      if (this.worker === worker) this.discard();
      page.reject(
        new PageWorkerError(
          `The page worker stopped (exit code ${exitCode}${this.lastError ? `: ${this.lastError.message}` : ''}) while processing the page; treated as transient: processing it again may succeed.`,
          this.lastError ? { cause: this.lastError } : undefined,
        ),
      );
    };
    const timer = setTimeout(() => {
      settle();
      this.discard();
      // Not awaited: the refusal need not wait for the thread to wind down.
      worker.terminate().catch(() => undefined);
      page.reject(
        new PageTooComplexError(
          `processing was stopped after its time budget of ${page.budgetMs} ms (a normal page takes well under a second)`,
        ),
      );
    }, page.budgetMs);
    worker.on('message', onMessage);
    worker.on('exit', onExit);
    const request: PageRequest = { id: page.id, bytes, options };
    worker.postMessage(request);
  }

  /** The current worker once it has loaded its code; starts one (or adopts a prestarted one) when there is none. */
  private readyWorker(): Promise<Worker> {
    if (this.ready) return this.ready;
    const { worker, ready: alreadyReady, error } = this.spawn();
    this.worker = worker;
    this.lastError = error;
    const ready = new Promise<Worker>((resolve, reject) => {
      if (alreadyReady) {
        worker.unref();
        resolve(worker);
        return;
      }
      const done = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
      };
      const onMessage = (reply: PageReply) => {
        if (reply.type !== 'ready') return;
        done();
        resolve(worker);
      };
      const onExit = (exitCode: number) => {
        done();
        if (this.worker === worker) this.discard();
        const cause = this.lastError;
        reject(
          new PageWorkerError(
            `The page worker could not start (exit code ${exitCode}${cause ? `: ${cause.message}` : ''}).`,
            cause ? { cause } : undefined,
          ),
        );
      };
      const timer = setTimeout(() => {
        done();
        if (this.worker === worker) this.discard();
        worker.terminate().catch(() => undefined);
        reject(new PageWorkerError(`The page worker did not start within ${this.startBudgetMs} ms.`));
      }, this.startBudgetMs);
      timer.unref();
      worker.on('message', onMessage);
      worker.on('exit', onExit);
      // A new 'message' listener refs the worker again.
      worker.unref();
    });
    this.ready = ready;
    return ready;
  }

  /**
   * A worker thread for the next page: the prestarted one when it runs the same script with the
   * same limits (see `prestartPageWorker`), else a new one.
   */
  private spawn(): { worker: Worker; ready: boolean; error: Error | undefined } {
    const script = pageWorkerScript(this.workerModule);
    const prestarted = adoptPrestartedThread(script, this.resourceLimits);
    const worker = prestarted?.worker ?? startThread(script, this.resourceLimits);
    this.workersStarted++;
    // An uncaught error ends the worker; 'exit' follows and fails whatever was pending.
    worker.on('error', (error) => {
      if (this.worker === worker) this.lastError = error;
    });
    // A worker that dies between pages is replaced by the next page.
    worker.on('exit', () => {
      if (this.worker === worker) this.discard();
    });
    worker.unref();
    return { worker, ready: prestarted?.ready ?? false, error: prestarted?.error };
  }

  private discard(): void {
    this.worker = undefined;
    this.ready = undefined;
  }
}

/** How a worker thread is started: a script file, or source code to evaluate. */
export interface WorkerScript {
  readonly file: string;
  readonly eval: boolean;
}

function startThread(script: WorkerScript, resourceLimits: ResourceLimits | undefined): Worker {
  return new Worker(script.file, { eval: script.eval, ...(resourceLimits ? { resourceLimits } : {}) });
}

/** A page worker thread started before the code that will use it was loaded. */
interface PrestartedThread {
  readonly worker: Worker;
  readonly script: WorkerScript;
  readonly resourceLimits: ResourceLimits | undefined;
  /** It said 'ready' already. */
  ready: boolean;
  exited: boolean;
  /** Its uncaught error, if it had one. */
  error: Error | undefined;
  /** Removes the listeners that keep the fields above up to date. */
  unwatch(): void;
}

/**
 * Where the prestarted thread waits for its PageWorker: the global symbol registry, because the
 * prestart file and the handler bundle each carry their own copy of this module.
 */
const PRESTARTED_THREAD = Symbol.for('schemapress.page-worker.prestarted-thread');

const prestartSlot = globalThis as { [PRESTARTED_THREAD]?: PrestartedThread };

/**
 * Starts a page worker thread on `script` now, before the code that will use it is loaded, and
 * returns it: the first PageWorker that would start the same script (`pageWorkerScript`) with
 * the same limits adopts it instead (`releasePrestartedPageWorker` stops it if none did).
 * Called by page-worker-prestart.ts, the bundled function's `index.js`. Stops a thread
 * prestarted earlier and not adopted.
 */
export function prestartPageWorker(script: WorkerScript, resourceLimits?: ResourceLimits): Worker {
  releasePrestartedPageWorker();
  const worker = startThread(script, resourceLimits);
  const onMessage = (reply: PageReply) => {
    if (reply.type === 'ready') thread.ready = true;
  };
  // Without a listener, an 'error' event would be thrown in this thread.
  const onError = (error: Error) => {
    thread.error = error;
  };
  const onExit = () => {
    thread.exited = true;
  };
  const thread: PrestartedThread = {
    worker,
    script,
    resourceLimits,
    ready: false,
    exited: false,
    error: undefined,
    unwatch: () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    },
  };
  worker.on('message', onMessage);
  worker.on('error', onError);
  worker.on('exit', onExit);
  // Waiting for its PageWorker must not keep the process alive.
  worker.unref();
  prestartSlot[PRESTARTED_THREAD] = thread;
  return worker;
}

/** Stops the prestarted page worker thread if no PageWorker adopted it. */
export function releasePrestartedPageWorker(): void {
  const thread = prestartSlot[PRESTARTED_THREAD];
  if (!thread) return;
  delete prestartSlot[PRESTARTED_THREAD];
  thread.unwatch();
  thread.worker.terminate().catch(() => undefined);
}

const RESOURCE_LIMIT_KEYS = [
  'maxYoungGenerationSizeMb',
  'maxOldGenerationSizeMb',
  'codeRangeSizeMb',
  'stackSizeMb',
] as const satisfies readonly (keyof ResourceLimits)[];

/**
 * The prestarted thread, taken out of its slot, when it runs `script` with `resourceLimits` and
 * is still alive; otherwise it is stopped and undefined is returned.
 */
function adoptPrestartedThread(
  script: WorkerScript,
  resourceLimits: ResourceLimits | undefined,
): PrestartedThread | undefined {
  const thread = prestartSlot[PRESTARTED_THREAD];
  if (!thread) return undefined;
  const matches =
    !thread.exited &&
    thread.script.file === script.file &&
    thread.script.eval === script.eval &&
    RESOURCE_LIMIT_KEYS.every((key) => thread.resourceLimits?.[key] === resourceLimits?.[key]);
  if (!matches) {
    releasePrestartedPageWorker();
    return undefined;
  }
  delete prestartSlot[PRESTARTED_THREAD];
  thread.unwatch();
  return thread;
}

/**
 * The worker side: serves page requests from the parent thread with `processPage`, after saying it
 * is ready. One page per message, so the event loop turns between pages (jsdom frees a window
 * only after its load-event tick). Called by page-worker-entry.ts.
 *
 * Steps:
 * 1. answer each page request with its result or its serialized error;
 * 2. say 'ready'.
 */
export function servePages(processPage: ProcessArticleFn): void {
  const port = parentPort;
  if (!port) throw new Error('servePages runs inside a worker thread: start it with PageWorker.');
  port.on('message', (request: PageRequest) => {
    let reply: PageReply;
    try {
      reply = { type: 'result', id: request.id, result: processPage(request.bytes, request.options) };
    } catch (error) {
      reply = { type: 'error', id: request.id, error: serializeError(error) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ type: 'ready' } satisfies PageReply);
}

/**
 * The V8 code cache of a worker bundle for one V8 version and CPU architecture, made at build
 * time by lib/bundle/build-page-worker.js (which names it the same way; a test checks they agree).
 * V8 accepts a cache only from its own version and flags, hence the name.
 */
export function pageWorkerCodeCacheFile(
  workerFile: string,
  v8Version: string = process.versions.v8,
  arch: string = process.arch,
): string {
  return `${workerFile}.v8-${v8Version}-${arch}.code-cache`;
}

/**
 * The CommonJS wrapper the code-cache loader compiles a bundle in: on a line of its own, so
 * positions in the bundle (stack traces, source maps) do not move. Must equal the builder's.
 */
export const CODE_CACHE_WRAPPER = [
  '(function (exports, require, module, __filename, __dirname) {\n',
  '\n})',
] as const;

/**
 * Source of a worker that runs the CommonJS bundle `file` compiled with the V8 code cache
 * `cacheFile`: V8 then skips parsing and compiling what the cache holds (the bundle's top level
 * and every function the build's warm-up page ran). A cache V8 rejects (another version, a
 * changed bundle) costs one read: V8 compiles as usual. The worker first says whether V8 took it.
 */
export function codeCacheWorkerSource(file: string, cacheFile: string): string {
  return `const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire } = require('node:module');
const { parentPort } = require('node:worker_threads');
const file = ${JSON.stringify(file)};
const source = ${JSON.stringify(CODE_CACHE_WRAPPER[0])} + fs.readFileSync(file, 'utf8') + ${JSON.stringify(CODE_CACHE_WRAPPER[1])};
const script = new vm.Script(source, { filename: file, lineOffset: -1, cachedData: fs.readFileSync(${JSON.stringify(cacheFile)}) });
parentPort.postMessage({ type: 'code-cache', accepted: !script.cachedDataRejected });
const bundle = { exports: {} };
script.runInThisContext().call(bundle.exports, bundle.exports, createRequire(file), bundle, file, path.dirname(file));
`;
}

/**
 * How to start the worker bundled as `PAGE_WORKER_BUNDLE_FILE` in `bundleDir`: through the
 * code-cache loader when the build left a cache for this V8 and architecture, else as a file.
 */
export function bundledWorkerScript(bundleDir: string): WorkerScript {
  const file = path.join(bundleDir, PAGE_WORKER_BUNDLE_FILE);
  const cacheFile = pageWorkerCodeCacheFile(file);
  return fs.existsSync(cacheFile)
    ? { file: codeCacheWorkerSource(file, cacheFile), eval: true }
    : { file, eval: false };
}

/**
 * The script a PageWorker with `workerModule` starts its threads on. Bundled (this code is in
 * the function's bundle): the worker bundle next to it (see `bundledWorkerScript`). From
 * TypeScript sources (tsx, jest): a one-line script that loads the `.ts` module through tsx's
 * require API, which compiles it without registering anything globally.
 * @param workerModule @default the core pipeline (see PageWorkerOptions.workerModule)
 */
export function pageWorkerScript(workerModule?: string): WorkerScript {
  const fromSources = path.extname(__filename) === '.ts';
  if (workerModule === undefined && !fromSources) return bundledWorkerScript(__dirname);
  const target = workerModule ?? PAGE_WORKER_SOURCE_ENTRY;
  if (path.extname(target) !== '.ts') return { file: target, eval: false };
  // A variable, so bundlers leave this require alone: tsx exists only in development.
  const tsxApi = 'tsx/cjs/api';
  const api = require.resolve(tsxApi);
  return {
    file: `require(${JSON.stringify(api)}).require(${JSON.stringify(target)}, ${JSON.stringify(target)});`,
    eval: true,
  };
}

function checkedBudget(ms: number, name: string): number {
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new RangeError(`${name} must be a positive number of milliseconds, got ${ms}.`);
  }
  return ms;
}
