/**
 * The page worker: the core pipeline in a worker thread, each page within a time budget.
 * Workers run the real core from the TypeScript sources (through tsx, as under `npm start`);
 * a stand-in worker adds a page that never finishes and one that kills its thread.
 */
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import {
  DEFAULT_PAGE_WORKER_YOUNG_GENERATION_MB,
  deserializeError,
  PageWorker,
  PageWorkerError,
  pageWorkerResourceLimits,
  pageWorkerScript,
  prestartPageWorker,
  releasePrestartedPageWorker,
  serializeError,
} from '../../lambdas/adapters/page-worker';
import {
  EmptyInputError,
  InputError,
  InputTooLargeError,
  NoArticleError,
  PageTooComplexError,
} from '../../lambdas/core/errors';
import { processArticle } from '../../lambdas/core/process';
import type { ProcessOptions } from '../../lambdas/core/types';
import { CRASH_EXIT_CODE, CRASH_MARKER, RUNAWAY_MARKER } from './fixtures/stand-in-markers';

const STAND_IN = path.join(__dirname, 'fixtures', 'stand-in-page-worker.ts');
const BROKEN = path.join(__dirname, 'fixtures', 'broken-page-worker.ts');
const PAGES = path.join(__dirname, '..', 'fixtures', 'pages');
/** Generous: on a loaded machine a fresh worker's first page is slow; no test waits for it. */
const ROOMY_BUDGET_MS = 60_000;
/** Workers start through tsx here: seconds on a busy machine. */
const WORKER_TEST_TIMEOUT_MS = 180_000;

const article = (headline: string, extra = '') =>
  Buffer.from(`<!doctype html><html lang="en"><head><title>${headline}</title>
  <meta property="article:published_time" content="2026-11-20T08:00:00Z"></head>
  <body><article><h1>${headline}</h1>${extra}
  <p>The harbour reopened on Friday after a week of repairs to the storm-damaged quay, officials said.</p>
  <p>Fishing boats returned to their moorings by noon and the ferry service resumes on Monday.</p>
  </article></body></html>`);

const options: ProcessOptions = {
  sourceName: 'incoming/story.html',
  url: 'https://news.example.test/articles/story.html',
  now: new Date('2026-11-28T00:00:00Z'),
};

const workers: PageWorker[] = [];
function pageWorker(...args: ConstructorParameters<typeof PageWorker>): PageWorker {
  const worker = new PageWorker(...args);
  workers.push(worker);
  return worker;
}
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.close()));
});

describe('the time budget', () => {
  test(
    'GIVEN a page that never finishes WHEN its budget ends THEN it is refused as too complex, and the next page gets a new worker',
    async () => {
      // GIVEN a worker whose first page runs away
      const worker = pageWorker({ workerModule: STAND_IN, budgetMs: ROOMY_BUDGET_MS });
      const runaway = article('Runaway', `<p>${RUNAWAY_MARKER}</p>`);
      // WHEN it is processed with a short budget
      const refusal = worker.process(runaway, options, 500);
      // THEN it is refused with the typed error, naming the time budget
      await expect(refusal).rejects.toBeInstanceOf(PageTooComplexError);
      await expect(refusal).rejects.toMatchObject({
        code: 'PAGE_TOO_COMPLEX',
        message: expect.stringContaining('time budget of 500 ms'),
      });
      // WHEN the next page comes
      const result = await worker.process(article('Harbour reopens'), options);
      // THEN a second worker processed it
      expect(result.facts.headline?.value).toBe('Harbour reopens');
      expect(worker.startedWorkers).toBe(2);
    },
    WORKER_TEST_TIMEOUT_MS,
  );

  test(
    'GIVEN a big page that passes the guard WHEN its budget is far too short THEN the real parse is stopped and refused',
    async () => {
      // GIVEN 20,000 paragraphs: a second or so of jsdom, under every guard limit
      const worker = pageWorker({ budgetMs: ROOMY_BUDGET_MS });
      const big = article('Long page', '<p>A line of the very long page.</p>'.repeat(20_000));
      // WHEN processed with a 5 ms budget
      // THEN the core's own worker is terminated mid-page and the page refused
      await expect(worker.process(big, options, 5)).rejects.toThrow(
        /too complex to parse safely: processing was stopped after its time budget of 5 ms/,
      );
      // AND the same page passes with room to spare (the refusal was the budget, not the page)
      const result = await worker.process(big, options);
      expect(result.facts.headline?.value).toBe('Long page');
    },
    WORKER_TEST_TIMEOUT_MS,
  );
});

describe('results', () => {
  test(
    'GIVEN the fixture pages WHEN processed in the worker THEN results equal processing in this thread',
    async () => {
      // GIVEN every HTML fixture page, and the same options for both ways
      const worker = pageWorker({ budgetMs: ROOMY_BUDGET_MS });
      const files = fs
        .readdirSync(PAGES)
        .filter((name) => name.endsWith('.html'))
        .sort();
      expect(files.length).toBeGreaterThan(10);
      for (const file of files) {
        const bytes = fs.readFileSync(path.join(PAGES, file));
        const pageOptions = { ...options, sourceName: file };
        // WHEN processed in the worker and here
        const inThread = settle(() => processArticle(bytes, pageOptions));
        const inWorker = await worker.process(bytes, pageOptions).then(
          (result) => ({ result }),
          (error: unknown) => ({ error }),
        );
        // THEN both agree: same facts, JSON-LD, report, notices and page bytes, or the same error
        expect({ file, ...inWorker }).toEqual({ file, ...inThread });
      }
      // AND one worker served them all
      expect(worker.startedWorkers).toBe(1);
    },
    WORKER_TEST_TIMEOUT_MS,
  );

  test(
    'GIVEN files that cannot become articles WHEN processed in the worker THEN the typed input errors arrive as their own classes',
    async () => {
      const worker = pageWorker({ budgetMs: ROOMY_BUDGET_MS });
      // WHEN an empty file and an oversized one are processed
      const empty = worker.process(Buffer.from('  \n'), { sourceName: 'empty.html' });
      const large = worker.process(article('Too large'), { sourceName: 'large.html', maxBytes: 100 });
      // THEN each is the core's error class, with its code and fields
      await expect(empty).rejects.toBeInstanceOf(EmptyInputError);
      await expect(empty).rejects.toMatchObject({ code: 'EMPTY_INPUT', name: 'EmptyInputError' });
      await expect(large).rejects.toBeInstanceOf(InputTooLargeError);
      await expect(large).rejects.toMatchObject({ code: 'INPUT_TOO_LARGE', limit: 100 });
      // AND an input error does not cost the worker
      expect(worker.startedWorkers).toBe(1);
    },
    WORKER_TEST_TIMEOUT_MS,
  );
});

describe('a broken worker', () => {
  test(
    'GIVEN a page that kills its worker WHEN processed THEN it fails with a transient PageWorkerError, and the next page gets a new worker',
    async () => {
      const worker = pageWorker({ workerModule: STAND_IN, budgetMs: ROOMY_BUDGET_MS });
      // WHEN the worker dies mid-page
      const crash = worker.process(article('Crash', `<p>${CRASH_MARKER}</p>`), options);
      // THEN the page fails with the transient error (not an InputError: the message is retried)
      await expect(crash).rejects.toBeInstanceOf(PageWorkerError);
      await expect(crash).rejects.toThrow(`exit code ${CRASH_EXIT_CODE}`);
      await expect(crash).rejects.not.toBeInstanceOf(InputError);
      // AND the next page is processed by a new worker
      const result = await worker.process(article('After the crash'), options);
      expect(result.facts.headline?.value).toBe('After the crash');
      expect(worker.startedWorkers).toBe(2);
    },
    WORKER_TEST_TIMEOUT_MS,
  );

  test(
    'GIVEN worker code that fails to load WHEN a page comes THEN it fails with a PageWorkerError naming the cause',
    async () => {
      const worker = pageWorker({ workerModule: BROKEN });
      // WHEN a page is processed
      const attempt = worker.process(article('Never processed'), options);
      // THEN the start failure is reported, with the module's own error as its cause
      await expect(attempt).rejects.toBeInstanceOf(PageWorkerError);
      await expect(attempt).rejects.toThrow(/could not start.*failed to load/);
    },
    WORKER_TEST_TIMEOUT_MS,
  );
});

describe('a prestarted thread', () => {
  const limits = pageWorkerResourceLimits(1024);
  afterEach(() => releasePrestartedPageWorker());

  /** A PageWorker on the stand-in with the limits the prestarted threads use (or `extra`'s). */
  const limitedWorker = (extra: ConstructorParameters<typeof PageWorker>[0] = {}) =>
    pageWorker({ workerModule: STAND_IN, resourceLimits: limits, budgetMs: ROOMY_BUDGET_MS, ...extra });

  /** Resolves with the thread's exit code. */
  const exitOf = (thread: Worker) => once(thread, 'exit').then(([code]) => code as number);

  /** Sends `worker` a page that kills its thread, and requires that `thread` was the one killed. */
  async function expectPagesRunOn(thread: Promise<number>, worker: PageWorker): Promise<void> {
    await expect(worker.process(article('Crash', `<p>${CRASH_MARKER}</p>`), options)).rejects.toBeInstanceOf(
      PageWorkerError,
    );
    await expect(thread).resolves.toBe(CRASH_EXIT_CODE);
  }

  test(
    'GIVEN a thread prestarted on the same script with the same limits WHEN a PageWorker starts THEN it adopts that thread',
    async () => {
      // GIVEN a thread prestarted as the bundled index.js does, before its PageWorker exists
      const thread = prestartPageWorker(pageWorkerScript(STAND_IN), limits);
      const exited = exitOf(thread);
      // WHEN a PageWorker for the same script and limits processes pages
      const worker = limitedWorker();
      const result = await worker.process(article('Harbour reopens'), options);
      expect(result.facts.headline?.value).toBe('Harbour reopens');
      // THEN the pages ran on the prestarted thread: a page that kills its worker ends that thread
      await expectPagesRunOn(exited, worker);
      expect(worker.startedWorkers).toBe(1);
    },
    WORKER_TEST_TIMEOUT_MS,
  );

  test(
    'GIVEN a prestarted thread that said ready before its PageWorker existed WHEN the PageWorker takes it THEN pages still go through',
    async () => {
      // GIVEN a prestarted thread that has loaded its code
      const thread = prestartPageWorker(pageWorkerScript(STAND_IN), limits);
      thread.ref();
      await new Promise<void>((resolve) =>
        thread.on('message', (reply: { type?: string }) => reply.type === 'ready' && resolve()),
      );
      const exited = exitOf(thread);
      // WHEN a PageWorker adopts it (its own 'ready' listener comes too late to hear it)
      const worker = limitedWorker({ startBudgetMs: 20_000 });
      // THEN the page is processed, without waiting for a second 'ready', on that thread
      const result = await worker.process(article('Ready before adoption'), options);
      expect(result.facts.headline?.value).toBe('Ready before adoption');
      await expectPagesRunOn(exited, worker);
    },
    WORKER_TEST_TIMEOUT_MS,
  );

  test(
    'GIVEN a thread prestarted with other limits WHEN a PageWorker starts THEN that thread is stopped and the page gets a thread of its own',
    async () => {
      // GIVEN a thread prestarted without the limits the PageWorker asks for
      const thread = prestartPageWorker(pageWorkerScript(STAND_IN));
      const exited = exitOf(thread);
      // WHEN the PageWorker processes a page
      const worker = limitedWorker();
      const result = await worker.process(article('Own thread'), options);
      // THEN the mismatched thread was terminated (its exit code depends on how far it got), and
      // the page processed all the same
      await expect(exited).resolves.toEqual(expect.any(Number));
      expect(result.facts.headline?.value).toBe('Own thread');
    },
    WORKER_TEST_TIMEOUT_MS,
  );

  test(
    'GIVEN a prestarted thread no PageWorker adopts WHEN it is released THEN it is stopped',
    async () => {
      const thread = prestartPageWorker(pageWorkerScript(STAND_IN), limits);
      const exited = exitOf(thread);
      releasePrestartedPageWorker();
      await expect(exited).resolves.toEqual(expect.any(Number));
    },
    WORKER_TEST_TIMEOUT_MS,
  );
});

describe('errors across the thread boundary', () => {
  test('GIVEN typed and untyped errors WHEN serialized and rebuilt THEN class, code, fields and message survive', () => {
    // GIVEN errors as the core throws them
    const typed = [
      new NoArticleError(),
      new InputTooLargeError(2048, 1024),
      new PageTooComplexError('depth 600'),
    ];
    for (const error of typed) {
      // WHEN they cross as plain data (what structured clone keeps)
      const rebuilt = deserializeError(structuredClone(serializeError(error)));
      // THEN they are the same class with the same data
      expect(rebuilt).toBeInstanceOf(error.constructor);
      expect(rebuilt).toMatchObject({ ...error, message: error.message, name: error.name });
    }
    // AND a bug stays a plain error with its name and message, never an input error
    const bug = deserializeError(serializeError(new TypeError('x is undefined')));
    expect(bug).not.toBeInstanceOf(InputError);
    expect(bug).toMatchObject({ name: 'TypeError', message: 'x is undefined' });
  });

  test('GIVEN a budget that is not a positive number WHEN a worker is made THEN it says so', () => {
    expect(() => new PageWorker({ budgetMs: 0 })).toThrow(/budgetMs must be a positive number/);
  });
});

function settle<T>(work: () => T): { result: T } | { error: unknown } {
  try {
    return { result: work() };
  } catch (error) {
    return { error };
  }
}

describe('pageWorkerResourceLimits', () => {
  test('caps the old generation at half the function memory in Lambda, and nothing elsewhere', () => {
    // GIVEN a 1,024 MB function / no known memory size (local runtime, CLI)
    // THEN the worker's old generation is capped at 512 MB / not capped
    expect(pageWorkerResourceLimits(1024).maxOldGenerationSizeMb).toBe(512);
    expect(pageWorkerResourceLimits(undefined).maxOldGenerationSizeMb).toBeUndefined();
  });

  test('gives the worker a young generation large enough for a page to die in it', () => {
    // GIVEN a 1,024 MB function / no known memory size / a small 256 MB function
    // THEN the young generation is 192 MB (64 MB semi-spaces) / the same / a share of memory
    expect(pageWorkerResourceLimits(1024).maxYoungGenerationSizeMb).toBe(
      DEFAULT_PAGE_WORKER_YOUNG_GENERATION_MB,
    );
    expect(DEFAULT_PAGE_WORKER_YOUNG_GENERATION_MB).toBe(192);
    expect(pageWorkerResourceLimits(undefined).maxYoungGenerationSizeMb).toBe(192);
    expect(pageWorkerResourceLimits(256).maxYoungGenerationSizeMb).toBe(48);
  });
});
