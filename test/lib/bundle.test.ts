/**
 * The Lambda bundles, built for real by the house bundling (local esbuild, as `cdk synth` does),
 * copied to a temp directory with no node_modules anywhere above it, and run in a plain `node`
 * child process: jsdom and the AWS SDK must work from the bundle alone.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { Duration, Stack } from 'aws-cdk-lib';
import { HANDLER_BUNDLE_FILE, PAGE_WORKER_BUNDLE_FILE } from '../../lambdas/adapters/page-worker';
import { ARTICLE_TABLE, ENV, PREFIXES } from '../../lambdas/contract';
import { SITEMAP_KEY } from '../../lambdas/core/discovery/sitemap';
import { isInputError } from '../../lambdas/core/errors';
import { processArticle } from '../../lambdas/core/process';
import { articleIdFor, publishedKeyFor } from '../../lambdas/core/s3-event';
import type { ProcessOptions } from '../../lambdas/core/types';
import {
  buildPageWorker,
  CODE_CACHE_WARM_UP_PAGE_FILE,
  ON_DEMAND_DIR,
  ON_DEMAND_PACKAGES,
  onDemandFile,
  onDemandShapedStandIn,
  UNREACHABLE_MODULES,
} from '../../lib/bundle/build-page-worker';
import {
  HouseFunction,
  OPTIONAL_NATIVE_MODULES,
  PROJECT_ROOT,
  pageWorkerSettings,
  XHR_SYNC_WORKER_FILE,
} from '../../lib/house-function';
import { SchemaPressStack } from '../../lib/schemapress-stack';
import { COLD_RUN_HANDLER_ENV } from '../../scripts/lib/bench-cold';
import { hostileCases } from '../../scripts/lib/bench-hostile';
import { pipelineEnv, useEmulators } from '../support/emulators';
import { s3EventRecord, sequencerSource, sqsEvent, sqsMessage } from '../support/s3-events';
import type { CssstyleOnDemandProbeResult } from './bundle/cssstyle-on-demand-probe';
import type { ProbeResult } from './fixtures/jsdom-probe';
import { testApp } from './synth';

const execFileAsync = promisify(execFile);
const RESULT_MARKER = '@@schemapress-result@@';
/** A cold node loading a 5 MB bundle on a shared, busy machine can take a while. */
const CHILD_PROCESS_TEST_TIMEOUT_MS = 180_000;

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemapress-bundle-'));
const bundles: Record<'probe' | 'ingest' | 'discovery', string> = { probe: '', ingest: '', discovery: '' };
const emulators = useEmulators();

/** The asset directory of a function in the cloud assembly, copied to its own temp directory. */
function copyFunctionAsset(assemblyDir: string, stack: Stack, logicalIdPrefix: string, name: string): string {
  const template = JSON.parse(fs.readFileSync(path.join(assemblyDir, stack.templateFile), 'utf8')) as {
    Resources: Record<string, { Type: string; Properties: { Code?: { S3Key?: string } } }>;
  };
  const [, fn] =
    Object.entries(template.Resources).find(
      ([id, resource]) => resource.Type === 'AWS::Lambda::Function' && id.startsWith(logicalIdPrefix),
    ) ?? [];
  const key = fn?.Properties.Code?.S3Key;
  if (!key) throw new Error(`no bundled function ${logicalIdPrefix}* in ${stack.templateFile}`);
  const target = path.join(workDir, name);
  fs.cpSync(path.join(assemblyDir, `asset.${key.replace(/\.zip$/, '')}`), target, { recursive: true });
  return target;
}

/**
 * Runs `handler(event)` from `<dir>/index.js` in a fresh node with a minimal environment
 * (no NODE_PATH, no HOME: nothing but the bundle to load modules from).
 */
async function invokeInBareNode(
  dir: string,
  event: unknown,
  env: Record<string, string> = {},
): Promise<unknown> {
  const script = `
    const context = {
      functionName: 'bundle-test', functionVersion: '$LATEST', memoryLimitInMB: '1024',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:bundle-test',
      awsRequestId: 'bundle-test-request', logGroupName: 'bundle-test', logStreamName: 'bundle-test',
      getRemainingTimeInMillis: () => 60000,
    };
    const { handler } = require('./index.js');
    Promise.resolve(handler(JSON.parse(process.env.BUNDLE_TEST_EVENT), context)).then(
      (result) => process.stdout.write('\\n${RESULT_MARKER}' + JSON.stringify(result ?? null)),
      (error) => { console.error(error); process.exit(1); },
    );`;
  const { stdout } = await execFileAsync(process.execPath, ['-e', script], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      BUNDLE_TEST_EVENT: JSON.stringify(event),
      ...env,
    },
    timeout: 120_000,
  });
  const marker = stdout.lastIndexOf(RESULT_MARKER);
  if (marker < 0) throw new Error(`the handler printed no result:\n${stdout}`);
  return JSON.parse(stdout.slice(marker + RESULT_MARKER.length));
}

beforeAll(() => {
  // GIVEN the probe, ingest and discovery functions bundled for real into one cloud assembly
  const app = testApp({ bundle: true, outdir: path.join(workDir, 'cdk.out') });
  const probeStack = new Stack(app, 'Probe');
  new HouseFunction(probeStack, 'Probe', {
    entry: 'test/lib/fixtures/jsdom-probe.ts',
    description: 'jsdom bundle probe',
    timeout: Duration.seconds(30),
    memorySize: 512,
    environment: {},
  });
  const pipelineStack = new SchemaPressStack(app, 'Pipeline');
  const assembly = app.synth();
  bundles.probe = copyFunctionAsset(assembly.directory, probeStack, 'ProbeFunction', 'probe');
  bundles.ingest = copyFunctionAsset(assembly.directory, pipelineStack, 'PipelineIngestFunction', 'ingest');
  bundles.discovery = copyFunctionAsset(
    assembly.directory,
    pipelineStack,
    'PipelineDiscoveryFunction',
    'discovery',
  );
}, 600_000);

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

test('nothing but the bundle can provide modules: no node_modules above the copies', () => {
  // THEN no directory from the bundle up to the root holds node_modules
  for (let dir = bundles.probe; ; dir = path.dirname(dir)) {
    expect(fs.existsSync(path.join(dir, 'node_modules'))).toBe(false);
    if (path.dirname(dir) === dir) break;
  }
});

test.each([
  ['probe', []],
  [
    'ingest',
    [
      HANDLER_BUNDLE_FILE,
      `${HANDLER_BUNDLE_FILE}.map`,
      PAGE_WORKER_BUNDLE_FILE,
      `${PAGE_WORKER_BUNDLE_FILE}.map`,
      ON_DEMAND_DIR,
    ],
  ],
  ['discovery', []],
] as const)(
  'the %s bundle is its code with its map, the XHR stub, and, with a page worker, that worker (and its on-demand packages) and the handler behind the prestart file',
  (name, worker) => {
    // WHEN the bundle directory is listed
    const files = fs.readdirSync(bundles[name]).sort();
    // THEN it holds the code, its source map and jsdom's worker stand-in, and the ingest
    // function's page worker and handler bundle
    expect(files).toEqual(['index.js', 'index.js.map', XHR_SYNC_WORKER_FILE, ...worker].sort());
    for (const file of ['index.js', ...(worker.length > 0 ? [HANDLER_BUNDLE_FILE] : [])]) {
      const code = fs.readFileSync(path.join(bundles[name], file), 'utf8');
      expect(code).not.toMatch(/require\(["'](jsdom|@aws-sdk\/[a-z-]+)["']\)/);
      expect(code).toContain(`sourceMappingURL=${file}.map`);
    }
  },
);

test('the ingest index.js is the small prestart file; the handler and jsdom are in files of their own', () => {
  // WHEN the three code files of the ingest function are read
  const prestart = fs.readFileSync(path.join(bundles.ingest, 'index.js'), 'utf8');
  const handlerCode = fs.readFileSync(path.join(bundles.ingest, HANDLER_BUNDLE_FILE), 'utf8');
  const workerCode = fs.readFileSync(path.join(bundles.ingest, PAGE_WORKER_BUNDLE_FILE), 'utf8');
  // THEN only the worker carries jsdom (its DOMParser), so the handler thread loads the AWS SDK
  // while the worker thread loads jsdom; index.js carries neither, so it compiles at once
  expect(workerCode).toContain('parseFromString');
  expect(handlerCode).not.toContain('parseFromString');
  expect(handlerCode.length).toBeLessThan(workerCode.length / 2);
  expect(prestart.length).toBeLessThan(20_000);
  expect(prestart).not.toContain('parseFromString');
  expect(prestart).not.toContain('S3Client');
  // AND identifiers keep their names (HOUSE_MINIFY): functions are not renamed
  expect(workerCode).toContain('function processArticle(');
  expect(handlerCode).toContain('function ingestSettingsFromEnv(');
});

test(
  'the ingest function starts one page worker thread, before its handler bundle loads, and processes a page on it',
  async () => {
    // GIVEN a bare node that records each worker thread started and the handler bundle's load
    const probe = path.join(workDir, 'thread-probe.js');
    fs.writeFileSync(
      probe,
      `const threads = require('node:worker_threads');
      const Module = require('node:module');
      const events = (globalThis.__probeEvents = []);
      const Worker = threads.Worker;
      threads.Worker = class extends Worker { constructor(...args) { super(...args); events.push('thread'); } };
      const load = Module._load;
      Module._load = function (request, ...rest) {
        if (String(request).endsWith(${JSON.stringify(HANDLER_BUNDLE_FILE)})) events.push('handler');
        return load.call(this, request, ...rest);
      };`,
    );
    const page = `<!doctype html><html lang="en"><head><title>Harbour reopens</title></head><body>${ARTICLE_BODY}</body></html>`;
    const script = `
      const { ingestDependenciesFromEnv } = require('./index.js');
      Promise.resolve(ingestDependenciesFromEnv().processArticle(Buffer.from(process.env.BUNDLE_TEST_PAGE), { sourceName: 'page.html' })).then(
        (result) => process.stdout.write('\\n${RESULT_MARKER}' + JSON.stringify({ events: globalThis.__probeEvents, headline: result.facts.headline.value })),
        (error) => { console.error(error); process.exit(1); },
      );`;
    // WHEN the function's index.js is imported and one page processed, as at a cold start
    const { stdout } = await execFileAsync(process.execPath, ['-r', probe, '-e', script], {
      cwd: bundles.ingest,
      env: { PATH: process.env.PATH ?? '', ...COLD_RUN_HANDLER_ENV, BUNDLE_TEST_PAGE: page },
      timeout: 120_000,
    });
    const marker = stdout.lastIndexOf(RESULT_MARKER);
    expect(marker).toBeGreaterThanOrEqual(0);
    // THEN one thread was started, before the handler bundle loaded, and it processed the page
    expect(JSON.parse(stdout.slice(marker + RESULT_MARKER.length))).toEqual({
      events: ['thread', 'handler'],
      headline: 'Harbour reopens after storm',
    });
  },
  CHILD_PROCESS_TEST_TIMEOUT_MS,
);

test("the ingest page worker carries stubs, not jsdom's network code: no HTTP, TLS, socket, zlib or child process", () => {
  // WHEN the worker bundle's requires of Node built-ins are listed
  const workerCode = fs.readFileSync(path.join(bundles.ingest, PAGE_WORKER_BUNDLE_FILE), 'utf8');
  const required = new Set(
    [...workerCode.matchAll(/require\("(?:node:)?([^".][^"]*)"\)/g)].map((match) => match[1] ?? ''),
  );
  // THEN none of the built-ins only fetching or page scripts need is loaded, every unreachable
  // module left a stub, and the XHR worker file jsdom's XMLHttpRequest resolves is not referred to
  for (const builtin of ['http', 'https', 'net', 'tls', 'zlib', 'child_process'])
    expect(required).not.toContain(builtin);
  for (const entry of UNREACHABLE_MODULES)
    expect(workerCode).toContain(`${entry.module ?? entry.file} is not in the page worker bundle`);
  expect(workerCode).not.toContain(XHR_SYNC_WORKER_FILE);
});

const ON_DEMAND_FILES = ON_DEMAND_PACKAGES.map((name) => `${ON_DEMAND_DIR}/${onDemandFile(name)}`);

test.each(['index.js', HANDLER_BUNDLE_FILE, PAGE_WORKER_BUNDLE_FILE, ...ON_DEMAND_FILES])(
  'only the optional native add-ons are left out of the ingest %s',
  (file) => {
    // WHEN the bundled ingest code's bare requires are listed
    const code = fs.readFileSync(path.join(bundles.ingest, file), 'utf8');
    const required = new Set([...code.matchAll(/require\("([^".][^"]*)"\)/g)].map((match) => match[1] ?? ''));
    // THEN apart from Node built-ins, only the optional native add-ons remain
    const builtins = new Set(require('node:module').builtinModules as string[]);
    const external = [...required].filter((name) => !builtins.has(name.replace(/^node:/, '')));
    expect(external.filter((name) => !(OPTIONAL_NATIVE_MODULES as readonly string[]).includes(name))).toEqual(
      [],
    );
  },
);

test.each([PAGE_WORKER_BUNDLE_FILE, ...ON_DEMAND_FILES])(
  'the ingest %s is ASCII: Node reads it on its fast path',
  (file) => {
    // WHEN the worker's code files are read
    const code = fs.readFileSync(path.join(bundles.ingest, file), 'utf8');
    // THEN no character needs more than one UTF-8 byte (esbuild leaves them in regular expressions)
    expect(Buffer.byteLength(code, 'utf8')).toBe(code.length);
  },
);

/**
 * Runs `page` through `<dir>/page-worker.js` in a worker thread of a fresh bare node, the way
 * the handler's PageWorker does; returns the result's inLanguage fact and enriched page size.
 */
async function processInBareWorker(
  dir: string,
  page: string,
): Promise<{ inLanguage?: { value: string; source: string }; pageBytes: number }> {
  const script = `
    const { Worker } = require('node:worker_threads');
    const worker = new Worker('./${PAGE_WORKER_BUNDLE_FILE}');
    worker.on('error', (error) => { console.error(error); process.exit(1); });
    worker.on('message', (reply) => {
      if (reply.type === 'ready') {
        worker.postMessage({ id: 1, bytes: Buffer.from(process.env.BUNDLE_TEST_PAGE), options: { sourceName: 'page.html' } });
      } else if (reply.type === 'result') {
        process.stdout.write('\\n${RESULT_MARKER}' + JSON.stringify({ inLanguage: reply.result.facts.inLanguage, pageBytes: reply.result.page.byteLength }));
        worker.terminate();
      } else {
        console.error(reply.error); process.exit(1);
      }
    });`;
  const { stdout } = await execFileAsync(process.execPath, ['-e', script], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', BUNDLE_TEST_PAGE: page },
    timeout: 120_000,
  });
  const marker = stdout.lastIndexOf(RESULT_MARKER);
  if (marker < 0) throw new Error(`the worker printed no result:\n${stdout}`);
  return JSON.parse(stdout.slice(marker + RESULT_MARKER.length));
}

const ARTICLE_BODY = `<article><h1>Harbour reopens after storm</h1>
<p>The harbour reopened on Friday after a week of repairs to the storm-damaged quay, officials said.</p>
<p>Fishing boats returned to their moorings by noon and the ferry service resumes on Monday.</p></article>`;

test(
  'the bundled page worker processes a UTF-8 page that declares its language without its on-demand packages',
  async () => {
    // GIVEN the ingest asset without the on-demand directory (tinyld, iconv-lite)
    const stripped = path.join(workDir, 'ingest-without-on-demand');
    fs.cpSync(bundles.ingest, stripped, { recursive: true });
    fs.rmSync(path.join(stripped, ON_DEMAND_DIR), { recursive: true });
    // WHEN a UTF-8 page that declares its language goes through its worker in a bare node
    const result = await processInBareWorker(
      stripped,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Café reopens</title></head><body>${ARTICLE_BODY}</body></html>`,
    );
    // THEN it is processed: neither package was needed, so neither loaded
    expect(result.inLanguage).toMatchObject({ value: 'en', source: 'markup' });
    expect(result.pageBytes).toBeGreaterThan(0);
  },
  CHILD_PROCESS_TEST_TIMEOUT_MS,
);

test(
  'the bundled page worker loads the language detector from its on-demand file when a page declares no language',
  async () => {
    // GIVEN a page with no language declared anywhere
    const page = `<!doctype html><html><head><title>Harbour reopens</title></head><body>${ARTICLE_BODY}</body></html>`;
    // WHEN it goes through the bundled worker in a bare node
    const result = await processInBareWorker(bundles.ingest, page);
    // THEN its language is detected from the text by tinyld, loaded from the on-demand directory,
    // exactly as the pipeline run from the sources detects it
    const fromSources = processArticle(Buffer.from(page), { sourceName: 'page.html' }).facts.inLanguage;
    expect(fromSources?.source).toBe('text');
    expect(result.inLanguage).toEqual(fromSources);
  },
  CHILD_PROCESS_TEST_TIMEOUT_MS,
);

/** What a page gives, comparable across threads: the result (page as text), or the error's code. */
type Outcome =
  | { readonly result: unknown }
  | { readonly error: string; readonly name: string; readonly message: string };

/**
 * The repository's own fixture pages, the warm-up page and the hostile pages of issue 7 (the
 * guard refuses most of them), each with the options the comparison uses.
 */
function comparisonPages(): { name: string; bytes: Buffer }[] {
  const fixtures = ['test/fixtures/pages', 'test/fixtures/bodies', 'test/fixtures/cli'].flatMap((dir) =>
    fs
      .readdirSync(path.join(__dirname, '../..', dir))
      .filter((file) => file.endsWith('.html'))
      .sort()
      .map((file) => ({
        name: `${dir}/${file}`,
        bytes: fs.readFileSync(path.join(__dirname, '../..', dir, file)),
      })),
  );
  return [
    { name: 'warm-up page', bytes: fs.readFileSync(CODE_CACHE_WARM_UP_PAGE_FILE) },
    ...fixtures,
    ...hostileCases().map(({ name, html }) => ({ name: `hostile: ${name}`, bytes: Buffer.from(html) })),
  ];
}

const COMPARISON_OPTIONS: ProcessOptions = {
  sourceName: 'page.html',
  url: 'https://news.example.test/2026/page.html',
  now: new Date('2026-11-28T12:00:00Z'),
  maxBytes: 64 * 1024 * 1024,
};

test(
  'the bundled page worker gives the same result as the sources for every fixture page, the warm-up page and the hostile pages',
  async () => {
    // GIVEN the pages, written where a bare node can read them
    const pages = comparisonPages();
    const pageDir = path.join(workDir, 'comparison-pages');
    fs.mkdirSync(pageDir);
    for (const [i, page] of pages.entries()) fs.writeFileSync(path.join(pageDir, `${i}.html`), page.bytes);
    // WHEN each goes through the bundled worker of the ingest asset, in a bare node
    const script = `
      const fs = require('node:fs');
      const { Worker } = require('node:worker_threads');
      const options = { ...JSON.parse(process.env.OPTIONS), now: new Date(JSON.parse(process.env.OPTIONS).now) };
      const worker = new Worker('./${PAGE_WORKER_BUNDLE_FILE}');
      const outcomes = [];
      let next = 0;
      const send = () => {
        if (next === ${pages.length}) {
          fs.writeFileSync(process.env.OUT, JSON.stringify(outcomes));
          worker.terminate();
          return;
        }
        worker.postMessage({ id: next, bytes: fs.readFileSync(process.env.PAGES + '/' + next + '.html'), options });
        next++;
      };
      worker.on('error', (error) => { console.error(error); process.exit(1); });
      worker.on('message', (reply) => {
        if (reply.type === 'result') {
          outcomes.push({ result: { ...reply.result, page: Buffer.from(reply.result.page).toString('base64') } });
        } else if (reply.type === 'error') {
          outcomes.push({ error: reply.error.code ?? reply.error.name, name: reply.error.name, message: reply.error.message });
        }
        if (reply.type === 'ready' || reply.type === 'result' || reply.type === 'error') send();
      });`;
    const out = path.join(workDir, 'comparison-outcomes.json');
    await execFileAsync(process.execPath, ['-e', script], {
      cwd: bundles.ingest,
      env: {
        PATH: process.env.PATH ?? '',
        OPTIONS: JSON.stringify(COMPARISON_OPTIONS),
        PAGES: pageDir,
        OUT: out,
      },
      timeout: 300_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const bundled = JSON.parse(fs.readFileSync(out, 'utf8')) as Outcome[];
    // THEN every outcome equals the one from the TypeScript sources in this process
    const fromSources = pages.map(({ bytes }): Outcome => {
      try {
        const result = processArticle(bytes, COMPARISON_OPTIONS);
        return {
          result: JSON.parse(
            JSON.stringify({ ...result, page: Buffer.from(result.page).toString('base64') }),
          ),
        };
      } catch (error) {
        if (!isInputError(error)) throw error;
        return { error: error.code, name: error.name, message: error.message };
      }
    });
    expect(bundled).toHaveLength(pages.length);
    for (const [i, page] of pages.entries()) {
      expect({ page: page.name, outcome: bundled[i] }).toEqual({ page: page.name, outcome: fromSources[i] });
    }
    // AND the comparison covered processed pages and refusals alike
    expect(fromSources.filter((outcome) => 'result' in outcome).length).toBeGreaterThan(50);
    expect(fromSources.filter((outcome) => 'error' in outcome).length).toBeGreaterThanOrEqual(3);
  },
  CHILD_PROCESS_TEST_TIMEOUT_MS * 2,
);

test('GIVEN a module exporting a class WHEN its shaped stand-in is read, constructed and checked THEN it loads on first use and gives real instances', () => {
  // GIVEN the stand-in of a module exporting a class with a static member, and the real module
  // on disk, which counts its loads
  const dir = path.join(workDir, 'class-stand-in');
  fs.mkdirSync(path.join(dir, ON_DEMAND_DIR), { recursive: true });
  fs.writeFileSync(
    path.join(dir, ON_DEMAND_DIR, onDemandFile('declarations')),
    `globalThis.__declarationLoads = (globalThis.__declarationLoads ?? 0) + 1;
    class Declaration {
      static kind = 'inline';
      constructor(onChange) { this.onChange = onChange; }
      get color() { return 'red'; }
    }
    module.exports = { Declaration };`,
  );
  fs.writeFileSync(
    path.join(dir, 'stand-in.js'),
    onDemandShapedStandIn('declarations', { Declaration: class Declaration {} }),
  );
  const loads = () => (globalThis as { __declarationLoads?: number }).__declarationLoads ?? 0;
  // WHEN it is taken apart and the class stored, as jsdom does at each window's creation
  const { Declaration } = require(path.join(dir, 'stand-in.js')) as {
    Declaration: (new (onChange: () => void) => { color: string; onChange: () => void }) & { kind: string };
  };
  const stored = { Declaration };
  // THEN nothing is loaded yet
  expect(typeof stored.Declaration).toBe('function');
  expect(loads()).toBe(0);
  // WHEN an instance is constructed
  const onChange = () => undefined;
  const declaration = new stored.Declaration(onChange);
  // THEN the module loaded once, and the instance is a real one: the real prototype, its
  // accessors, `instanceof` the stand-in, and the static member through the stand-in
  expect(loads()).toBe(1);
  expect(declaration.onChange).toBe(onChange);
  expect(declaration.color).toBe('red');
  expect(declaration).toBeInstanceOf(Declaration);
  expect(Object.getPrototypeOf(declaration)).toBe(Declaration.prototype);
  expect(Object.getOwnPropertyNames(Declaration.prototype)).toEqual(['constructor', 'color']);
  expect(Declaration.kind).toBe('inline');
  expect(Declaration.name).toBe('Declaration');
  expect(loads()).toBe(1);
  // AND a subclass of the stand-in still gets the real class's members
  class Subclass extends Declaration {}
  expect(new Subclass(onChange).color).toBe('red');
  expect(new Subclass(onChange)).toBeInstanceOf(Declaration);
});

test(
  'the bundled pipeline never loads cssstyle for pages, and `.style` then gets a working declaration from it',
  async () => {
    // GIVEN a probe entry bundled as the page worker is, and the comparison pages plus a page that
    // declares no language (so one on-demand package is loaded: the check can see loads) and a
    // page with inline styles and a style sheet
    const dir = path.join(workDir, 'cssstyle-probe');
    const pageDir = path.join(dir, 'pages');
    fs.mkdirSync(pageDir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'index.js'), `// starts ${PAGE_WORKER_BUNDLE_FILE}`);
    const probe = path.join(PROJECT_ROOT, 'test/lib/bundle/cssstyle-on-demand-probe.ts');
    // (no code cache: making one runs the entry, and the probe needs its pages)
    expect(buildPageWorker(dir, { ...pageWorkerSettings(), codeCache: false }, probe)).toBe(true);
    const pages = [
      ...comparisonPages().map((page) => page.bytes),
      Buffer.from(
        `<!doctype html><html><head><title>Harbour reopens</title></head><body>${ARTICLE_BODY}</body></html>`,
      ),
      Buffer.from(`<!doctype html><html lang="en"><head><title>Styled</title>
      <style>h1 { color: #c00 } .lede { font: 1.2em/1.5 serif }</style></head>
      <body style="margin: 0"><article><h1 style="color: rgb(200, 0, 0); display: none">Styled</h1>
      <p class="lede" style="font-size: calc(1em + 2px)">A styled lede paragraph that is long enough to read.</p></article></body></html>`),
    ];
    for (const [i, bytes] of pages.entries()) fs.writeFileSync(path.join(pageDir, `${i}.html`), bytes);
    // WHEN the probe runs in a bare node
    const { stdout } = await execFileAsync(process.execPath, [PAGE_WORKER_BUNDLE_FILE], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', PROBE_PAGES: pageDir },
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const result = JSON.parse(stdout) as CssstyleOnDemandProbeResult;
    // THEN every page went through, loading the language detector but neither cssstyle nor the
    // colour parser
    expect(result.processed + result.refused).toBe(pages.length);
    expect(result.processed).toBeGreaterThan(50);
    expect(result.loadedAfterPages).toEqual([onDemandFile('tinyld')]);
    // AND reading `.style` loads cssstyle (and, for the colour, the colour parser) and gives a
    // working declaration: values parsed from the attribute, writes go back to the attribute
    // through jsdom's change callback, attribute changes reach it
    expect(result).toMatchObject({
      inlineColor: 'rgb(10, 20, 30)',
      inlineDisplay: 'flex',
      loadedAfterStyleRead: [
        onDemandFile('@asamuzakjp/css-color'),
        onDemandFile('cssstyle'),
        onDemandFile('tinyld'),
      ],
      attributeAfterWrite: 'color: red; display: flex;',
      colorAfterAttributeChange: 'blue',
      computedDisplay: 'block',
    });
    // AND it is a real CSSStyleDeclaration: an instance of the window's class, with its prototype
    // and cssstyle's accessors on it
    expect(result.isInstance).toBe(true);
    expect(result.prototypeIsClassPrototype).toBe(true);
    expect(result.prototypeProperties).toBeGreaterThan(1000);
  },
  CHILD_PROCESS_TEST_TIMEOUT_MS,
);

test(
  'jsdom parses a page inside the bundle, with its default stylesheet and without running scripts',
  async () => {
    // GIVEN a page with JSON-LD and a script that would mark the document if it ran
    const html = `<!doctype html><html><head><title>Probe page</title>
    <script type="application/ld+json">{"@type":"NewsArticle","headline":"Probe"}</script>
    <script>document.documentElement.setAttribute('data-script-ran', '')</script>
    </head><body><h1>Bundled jsdom works</h1></body></html>`;
    // WHEN the bundled probe handles it in a bare node process
    const result = (await invokeInBareNode(bundles.probe, { html })) as ProbeResult;
    // THEN jsdom parsed it, computed styles from its stylesheet, and ran no script
    expect(result).toEqual({
      title: 'Probe page',
      headline: 'Bundled jsdom works',
      jsonLdBlocks: 1,
      divDisplay: 'block',
      scriptRan: false,
    });
  },
  CHILD_PROCESS_TEST_TIMEOUT_MS,
);

test(
  "without the XHR worker stand-in, jsdom's bundle cannot even load",
  async () => {
    // GIVEN the probe bundle without the file the afterBundling hook adds
    const stripped = path.join(workDir, 'probe-without-stub');
    fs.cpSync(bundles.probe, stripped, { recursive: true });
    fs.rmSync(path.join(stripped, XHR_SYNC_WORKER_FILE));
    // WHEN it runs
    // THEN loading fails on jsdom's require.resolve of the worker: the hook is what makes it work
    await expect(invokeInBareNode(stripped, { html: '<p>x</p>' })).rejects.toThrow(/xhr-sync-worker\.js/);
  },
  CHILD_PROCESS_TEST_TIMEOUT_MS,
);

test(
  'the bundled ingest handler publishes an article from an S3 event',
  async () => {
    // GIVEN an article in the source bucket and the notification S3 would send for it
    const stack = emulators();
    const key = `${PREFIXES.DEFAULT_SOURCE}bundle/story one.html`;
    const page = `<!doctype html><html lang="en"><head><title>Harbour reopens after storm | Example Times</title>
    <meta property="og:title" content="Harbour reopens after storm">
    <meta name="author" content="Ana Lima">
    <meta property="article:published_time" content="2026-11-20T08:00:00Z"></head>
    <body><article><h1>Harbour reopens after storm</h1>
    <p>The harbour reopened on Friday after a week of repairs to the storm-damaged quay, officials said.</p>
    <p>Fishing boats returned to their moorings by noon and the ferry service resumes on Monday.</p>
    </article></body></html>`;
    const bytes = Buffer.from(page);
    const event = await uploadAsSqsEvent(stack, key, bytes);
    // WHEN the bundled handler runs in a bare node process against the emulators
    const response = await invokeInBareNode(bundles.ingest, event, {
      ...pipelineEnv(stack),
      [ENV.SOURCE_PREFIX]: PREFIXES.DEFAULT_SOURCE,
    });
    // THEN no message failed, the enriched page carries NewsArticle JSON-LD and the record is published
    expect(response).toEqual({ batchItemFailures: [] });
    const publishedKey = publishedKeyFor(key, PREFIXES.DEFAULT_SOURCE);
    const published = await stack.s3.send(
      new GetObjectCommand({ Bucket: stack.publishBucket, Key: publishedKey }),
    );
    const html = await published.Body?.transformToString();
    expect(html).toContain('application/ld+json');
    expect(html).toContain('"NewsArticle"');
    expect(html).toContain('Harbour reopens after storm');
    const items = await stack.ddb.send(
      new GetCommand({
        TableName: stack.tableName,
        Key: { [ARTICLE_TABLE.partitionKey]: articleIdFor(key) },
      }),
    );
    expect(items.Item?.status).toBe('published');
  },
  CHILD_PROCESS_TEST_TIMEOUT_MS,
);

/** Puts `bytes` as an HTML source object and returns the SQS event S3 would send for it. */
async function uploadAsSqsEvent(stack: ReturnType<typeof emulators>, key: string, bytes: Buffer) {
  await stack.s3.send(
    new PutObjectCommand({ Bucket: stack.sourceBucket, Key: key, Body: bytes, ContentType: 'text/html' }),
  );
  return sqsEvent(
    sqsMessage([
      s3EventRecord({
        bucket: stack.sourceBucket,
        key,
        size: bytes.byteLength,
        sequencer: sequencerSource()(),
      }),
    ]),
  );
}

test(
  'the bundled ingest handler refuses a page over its time budget, as a recorded failure',
  async () => {
    // GIVEN a long page (20,000 paragraphs, under every guard limit) and a 5 ms page budget
    const stack = emulators();
    const key = `${PREFIXES.DEFAULT_SOURCE}bundle/very long.html`;
    const paragraphs = Array.from({ length: 20_000 }, (_, i) => `<p>Paragraph ${i} of a long page.</p>`);
    const bytes = Buffer.from(
      `<!doctype html><html lang="en"><head><title>A long page</title></head><body><article><h1>A long page</h1>${paragraphs.join('')}</article></body></html>`,
    );
    const event = await uploadAsSqsEvent(stack, key, bytes);
    // WHEN the bundled handler runs in a bare node process
    const response = await invokeInBareNode(bundles.ingest, event, {
      ...pipelineEnv(stack),
      [ENV.SOURCE_PREFIX]: PREFIXES.DEFAULT_SOURCE,
      [ENV.PAGE_TIME_BUDGET_MS]: '5',
    });
    // THEN the bundled worker was stopped: the page is recorded as too complex, not retried
    expect(response).toEqual({ batchItemFailures: [] });
    const items = await stack.ddb.send(
      new GetCommand({
        TableName: stack.tableName,
        Key: { [ARTICLE_TABLE.partitionKey]: articleIdFor(key) },
      }),
    );
    expect(items.Item).toMatchObject({ status: 'failed', error: { code: 'PAGE_TOO_COMPLEX' } });
    expect(String(items.Item?.error?.message)).toContain('time budget of 5 ms');
  },
  CHILD_PROCESS_TEST_TIMEOUT_MS,
);

test(
  'the bundled discovery handler rebuilds the sitemap',
  async () => {
    // GIVEN the emulators, where the previous test published one article
    const stack = emulators();
    // WHEN the bundled discovery handler is asked for a rebuild in a bare node process
    await invokeInBareNode(bundles.discovery, { Records: [], rebuild: true }, pipelineEnv(stack));
    // THEN the sitemap in the publish bucket lists the published article
    const sitemap = await stack.s3.send(
      new GetObjectCommand({ Bucket: stack.publishBucket, Key: SITEMAP_KEY }),
    );
    const xml = await sitemap.Body?.transformToString();
    expect(xml).toContain('<urlset');
    expect(xml).toContain('story%20one.html');
  },
  CHILD_PROCESS_TEST_TIMEOUT_MS,
);
