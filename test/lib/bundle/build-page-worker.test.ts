/**
 * The page worker builder: its ASCII rewrite (escaped code must mean the same, and its source
 * map must still point at the same original positions), and the V8 code cache it can ship.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import { SourceMap } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vm from 'node:vm';
import { build, buildSync } from 'esbuild';
import {
  bundledWorkerScript,
  PAGE_WORKER_BUNDLE_FILE,
  CODE_CACHE_WRAPPER as PAGE_WORKER_CODE_CACHE_WRAPPER,
  pageWorkerCodeCacheFile,
} from '../../../lambdas/adapters/page-worker';
import {
  applyDependencyPatch,
  buildPageWorker,
  CODE_CACHE_WRAPPER,
  codeCacheFileName,
  DEPENDENCY_PATCHES,
  escapeNonAscii,
  ON_DEMAND_DIR,
  ON_DEMAND_SHAPED_PACKAGES,
  onDemandFile,
  onDemandShapedStandIn,
  shiftMappings,
  UNREACHABLE_MODULES,
  unreachableStub,
} from '../../../lib/bundle/build-page-worker';
import {
  HOUSE_BUNDLE_TARGET,
  OPTIONAL_NATIVE_MODULES,
  PROJECT_ROOT,
  pageWorkerSettings,
  XHR_SYNC_WORKER_FILE,
} from '../../../lib/house-function';
import type { StubbedJsdomProbeResult } from '../fixtures/stubbed-jsdom-probe';

/** Runs `code` (which assigns `result`) and returns what it assigned. */
function run(code: string): unknown {
  const context: { result?: unknown } = {};
  vm.runInNewContext(code, context);
  return context.result;
}

describe('escapeNonAscii', () => {
  test('GIVEN regular expressions, strings and templates with non-ASCII text WHEN escaped THEN the code is ASCII and means the same', () => {
    // GIVEN code whose regular expressions carry raw non-ASCII characters, as esbuild leaves them
    const code = String.raw`
      const quotes = /[„“«»”]+/g;
      const dash = /\s[-–—]\s/;
      const identity = /\é/;
      const emoji = /[😀]/u;
      const cjk = /(?:フォロー|关注|팔로우)$/;
      const cafe = "café";
      const template = ${'`'}naïve ${'$'}{1 + 1}${'`'};
      result = [
        "«a» „b“".replace(quotes, "|"), dash.test("a – b"), identity.test("é"), emoji.test("😀"),
        emoji.test("\ud83d"), cjk.test("关注"), cafe, template, cafe.length,
        new RegExp(quotes.source).test("»"),
      ];`;
    // WHEN it is escaped
    const escaped = escapeNonAscii(code);
    // THEN no non-ASCII character is left, and running it gives the same values
    expect(Buffer.byteLength(escaped.code, 'utf8')).toBe(escaped.code.length);
    expect(run(escaped.code)).toEqual(run(code));
    expect(run(escaped.code)).toEqual(['|a| |b|', true, true, true, false, true, 'café', 'naïve 2', 4, true]);
  });

  test('GIVEN ASCII code WHEN escaped THEN it is unchanged and reports no shift', () => {
    const code = 'const a = /[a-z]+/g;\nresult = "plain".match(a);';
    const escaped = escapeNonAscii(code);
    expect(escaped.code).toBe(code);
    expect(escaped.shifts.size).toBe(0);
  });
});

describe('shiftMappings', () => {
  test('GIVEN a minified bundle with non-ASCII regular expressions WHEN escaped and its map shifted THEN every mapping points at the same original position', () => {
    // GIVEN a bundle and its source map, with several non-ASCII characters before code on one line
    const source = [
      'export const dashes = /[–—]/g;',
      'export function afterDashes(text: string): string { return text.replace(dashes, "-"); }',
      'export const quotes = /[„“]/;',
      'export function afterQuotes(text: string): boolean { return quotes.test(text); }',
    ].join('\n');
    const built = buildSync({
      stdin: { contents: source, loader: 'ts', sourcefile: 'input.ts' },
      bundle: true,
      format: 'cjs',
      minify: true,
      write: false,
      outfile: 'out.js',
      sourcemap: 'external',
      sourcesContent: false,
    });
    const code = built.outputFiles.find((file) => file.path.endsWith('.js'))?.text ?? '';
    const map = JSON.parse(built.outputFiles.find((file) => file.path.endsWith('.map'))?.text ?? '{}');
    expect(Buffer.byteLength(code, 'utf8')).toBeGreaterThan(code.length);
    // WHEN the code is escaped and the map shifted
    const escaped = escapeNonAscii(code);
    const shifted = new SourceMap({ ...map, mappings: shiftMappings(map.mappings, escaped.shifts) });
    const original = new SourceMap(map);
    // THEN the code after each regular expression (the calls in the two functions) is mapped to
    // the same original place as before
    for (const name of ['replace(', 'test(']) {
      const before = code.split('\n').findIndex((line) => line.includes(name));
      const beforeColumn = code.split('\n')[before]?.lastIndexOf(name) ?? -1;
      const afterColumn = escaped.code.split('\n')[before]?.lastIndexOf(name) ?? -1;
      expect(afterColumn).toBeGreaterThan(beforeColumn);
      const expected = original.findEntry(before, beforeColumn);
      const actual = shifted.findEntry(before, afterColumn);
      expect((expected as { originalLine?: number }).originalLine).toBeGreaterThan(0);
      expect(actual).toMatchObject({
        originalSource: (expected as { originalSource: string }).originalSource,
        originalLine: (expected as { originalLine: number }).originalLine,
        originalColumn: (expected as { originalColumn: number }).originalColumn,
      });
    }
  });
});

describe('unreachable modules and dependency patches', () => {
  const CHILD_TEST_TIMEOUT_MS = 300_000;

  /** Loads a stub's code as a CommonJS module and returns its exports. */
  function loadStub(code: string): unknown {
    const module = { exports: {} as unknown };
    vm.runInThisContext(`(function (module) {\n${code}\n})`)(module);
    return module.exports;
  }

  test('GIVEN the stub of an unreachable module WHEN called, constructed or read THEN it throws a clear error, except for its constants', () => {
    // GIVEN ws's stub, which keeps the ready-state numbers jsdom reads when it loads
    const entry = UNREACHABLE_MODULES.find((e) => e.module === 'ws');
    expect(entry).toBeDefined();
    const ws = loadStub(unreachableStub(entry as (typeof UNREACHABLE_MODULES)[number])) as Record<
      string,
      unknown
    > &
      (new (
        url: string,
      ) => unknown) &
      (() => unknown);
    // THEN its constants are ws's, interop reads see a plain module, and any use throws naming it
    expect([ws.CONNECTING, ws.OPEN, ws.CLOSING, ws.CLOSED]).toEqual([0, 1, 2, 3]);
    expect(ws.__esModule).toBeUndefined();
    const message =
      /ws is not in the page worker bundle \(WebSocket connections are opened only by page scripts;/;
    expect(() => new ws('wss://example.test/')).toThrow(message);
    expect(() => ws()).toThrow(message);
    expect(() => (ws.WebSocketServer as () => unknown)()).toThrow(message);
  });

  test.each(UNREACHABLE_MODULES.map((entry) => [entry.module ?? entry.file ?? '', entry] as const))(
    'GIVEN the installed dependencies WHEN %s is looked up THEN it exists: the stub replaces real code',
    (_name, entry) => {
      // A stub for a path that no longer exists would silently stub nothing.
      const target = entry.module ?? entry.file ?? '';
      expect(() => require.resolve(target, { paths: [PROJECT_ROOT] })).not.toThrow();
    },
  );

  test.each(DEPENDENCY_PATCHES.map((patch) => [patch.file, patch] as const))(
    'GIVEN the installed %s WHEN its patch is applied THEN its anchor is replaced, once',
    (file, patch) => {
      // The installed file the plugin matches (packages with an `exports` map refuse require.resolve)
      const code = fs.readFileSync(path.join(PROJECT_ROOT, 'node_modules', file), 'utf8');
      const patched = applyDependencyPatch(patch, code);
      expect(patched.length).toBe(code.length - patch.find.length + patch.replace.length);
      expect(patched).toContain(patch.replace);
      expect(patched).toBe(code.replace(patch.find, patch.replace));
    },
  );

  test("GIVEN entities' decoding table WHEN both its patches apply THEN the module builds the very same table", () => {
    // GIVEN the installed module, and its code with every patch of that file applied in order
    const file = path.join(PROJECT_ROOT, 'node_modules/entities/dist/commonjs/generated/decode-data-html.js');
    const patches = DEPENDENCY_PATCHES.filter((patch) => file.endsWith(patch.file));
    expect(patches).toHaveLength(2);
    const code = patches.reduce(
      (patched, patch) => applyDependencyPatch(patch, patched),
      fs.readFileSync(file, 'utf8'),
    );
    // WHEN the patched code runs as a module
    const patchedModule = { exports: {} as { htmlDecodeTree?: Uint16Array } };
    new Function('exports', 'module', code)(patchedModule.exports, patchedModule);
    // THEN its table equals the original's, entry for entry
    const original = (require(file) as { htmlDecodeTree: Uint16Array }).htmlDecodeTree;
    expect(original.length).toBeGreaterThan(10_000);
    expect(Array.from(patchedModule.exports.htmlDecodeTree ?? [])).toEqual(Array.from(original));
  });

  test('GIVEN code without the anchor WHEN a patch is applied THEN the build stops and says what to check', () => {
    const patch = DEPENDENCY_PATCHES[0];
    expect(patch).toBeDefined();
    if (!patch) return;
    expect(() => applyDependencyPatch(patch, 'module.exports = {};')).toThrow(
      /no longer contains exactly one .*check whether its patch is still needed/,
    );
  });

  test(
    'GIVEN jsdom bundled as-is and as the page worker is WHEN a window parses, styles and closes THEN both agree, and XMLHttpRequest is refused',
    async () => {
      // GIVEN the probe bundled twice with the house settings: as-is, and as the page worker is
      // bundled (stubs, patches, on-demand packages), next to a handler that refers to it
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemapress-stubbed-jsdom-'));
      const probe = path.join(PROJECT_ROOT, 'test/lib/fixtures/stubbed-jsdom-probe.ts');
      try {
        fs.mkdirSync(path.join(dir, 'plain'));
        fs.mkdirSync(path.join(dir, 'worker'));
        await build({
          entryPoints: [probe],
          outfile: path.join(dir, 'plain', PAGE_WORKER_BUNDLE_FILE),
          bundle: true,
          platform: 'node',
          format: 'cjs',
          target: HOUSE_BUNDLE_TARGET,
          minify: true,
          keepNames: true,
          external: [...OPTIONAL_NATIVE_MODULES],
          logLevel: 'error',
        });
        // jsdom's XMLHttpRequest resolves this file when it loads; the worker's bundle must not need it
        fs.writeFileSync(path.join(dir, 'plain', XHR_SYNC_WORKER_FILE), '');
        fs.writeFileSync(path.join(dir, 'worker', 'index.js'), `// starts ${PAGE_WORKER_BUNDLE_FILE}`);
        expect(buildPageWorker(path.join(dir, 'worker'), pageWorkerSettings(), probe)).toBe(true);
        // WHEN each runs in a bare node
        const run = async (
          name: string,
          env: Record<string, string> = {},
        ): Promise<StubbedJsdomProbeResult> => {
          const { stdout } = await promisify(execFile)(process.execPath, [PAGE_WORKER_BUNDLE_FILE], {
            cwd: path.join(dir, name),
            env: { PATH: process.env.PATH ?? '', ...env },
            timeout: 120_000,
          });
          return JSON.parse(stdout);
        };
        const [plain, worker, scriptOnly] = await Promise.all([
          run('plain'),
          run('worker'),
          run('worker', { PROBE_SCRIPT_ONLY: '1' }),
        ]);
        // THEN parsing, URLs (with an IDN host), inline styles (a colour, parsed by the on-demand
        // colour package), computed styles, crypto, reading a file and closing agree, and the
        // patched style prototype has as many properties
        expect({ ...worker, cryptoLoadedFirst: undefined }).toEqual({
          ...plain,
          cryptoLoadedFirst: undefined,
        });
        expect(plain).toEqual({
          headline: 'Harbour reopens',
          linkHref: 'https://xn--bcher-kva.example/a?b=c#d',
          inlineColor: 'rgb(10, 20, 30)',
          divDisplay: 'block',
          styleProperties: plain.styleProperties,
          closed: true,
          cryptoLoadedFirst: true,
          windowConstructorName: 'Window',
          randomBytes: 8,
          fromFileTitle: 'From a file',
        });
        // AND only the worker's jsdom loads Node's crypto on first use, not when it loads
        expect(worker.cryptoLoadedFirst).toBe(false);
        expect(plain.styleProperties).toBeGreaterThan(1000);
        // AND what only page scripts do fails with the stub's message
        expect(scriptOnly.xhr).toMatch(/XMLHttpRequest-impl\.js is not in the page worker bundle/);
        // AND the colour package was loaded from its on-demand file: without it, reading the style fails
        fs.rmSync(path.join(dir, 'worker', ON_DEMAND_DIR, onDemandFile('@asamuzakjp/css-color')));
        await expect(run('worker')).rejects.toThrow(/css-color\.js/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    CHILD_TEST_TIMEOUT_MS,
  );
});

describe('shaped on-demand stand-ins', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemapress-shaped-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Writes the stand-in for `exported` and a real module that counts its loads; returns both. */
  function standIn(
    exported: unknown,
    realCode: string,
  ): { standIn: Record<string, unknown>; loads: () => number } {
    const name = `shape-${Math.random().toString(36).slice(2)}`;
    fs.mkdirSync(path.join(dir, ON_DEMAND_DIR), { recursive: true });
    fs.writeFileSync(
      path.join(dir, ON_DEMAND_DIR, `${name}.js`),
      `globalThis.__shapeLoads = (globalThis.__shapeLoads ?? 0) + 1;\n${realCode}`,
    );
    const file = path.join(dir, `${name}-stand-in.js`);
    fs.writeFileSync(file, onDemandShapedStandIn(name, exported));
    const g = globalThis as { __shapeLoads?: number };
    g.__shapeLoads = 0;
    return { standIn: require(file), loads: () => g.__shapeLoads ?? 0 };
  }

  test('GIVEN a module of functions, nested objects and constants WHEN its stand-in is taken apart and called THEN it loads once, on the first call, and forwards calls, `this` and `new`', () => {
    // GIVEN the real module's exports as the build sees them, and its code on disk
    const exported = {
      resolve: () => '',
      utils: { isColor: () => true, scale: 0 },
      Box: class {},
      unit: 'px',
    };
    const real = `module.exports = {
      resolve: (value) => 'resolved ' + value,
      utils: { scale: 3, isColor(value) { return this.scale === 3 && value === 'red'; } },
      Box: class Box { constructor(width) { this.width = width; } },
      unit: 'px',
    };`;
    const { standIn: module, loads } = standIn(exported, real);
    // WHEN it is taken apart the way cssstyle does when it loads
    const { resolve, utils } = module as { resolve: (v: string) => string; utils: Record<string, unknown> };
    const { isColor } = utils as { isColor: (v: string) => boolean };
    // THEN nothing is loaded yet; constants are there already
    expect(loads()).toBe(0);
    expect(module.unit).toBe('px');
    // AND the first call loads the real module, once; calls see their real owner as `this`
    expect(resolve('red')).toBe('resolved red');
    expect(isColor('red')).toBe(true);
    expect(new (module.Box as new (width: number) => { width: number })(4)).toMatchObject({ width: 4 });
    expect(loads()).toBe(1);
  });

  test('GIVEN an export that is no function, primitive or plain object WHEN a stand-in is made THEN the build stops, naming it', () => {
    expect(() => onDemandShapedStandIn('some-package', { cache: new Map() })).toThrow(
      /some-package's export cache is neither a function, a primitive nor a plain object/,
    );
  });

  test.each([...ON_DEMAND_SHAPED_PACKAGES])(
    'GIVEN the installed dependencies WHEN %s is resolved from the project and from its importer THEN it is the same file',
    (name) => {
      // The on-demand file bundles the project's copy: it must be the one jsdom's cssstyle loads.
      const jsdomDir = path.dirname(require.resolve('jsdom/package.json', { paths: [PROJECT_ROOT] }));
      const cssstyleDir = path.dirname(require.resolve('cssstyle/package.json', { paths: [jsdomDir] }));
      expect(require.resolve(name, { paths: [cssstyleDir] })).toBe(
        require.resolve(name, { paths: [PROJECT_ROOT] }),
      );
    },
  );
});

describe('the code cache', () => {
  const CODE_CACHE_TEST_TIMEOUT_MS = 300_000;
  const SETTINGS = { ...pageWorkerSettings(), codeCache: true };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemapress-code-cache-'));
  const workerFile = path.join(dir, PAGE_WORKER_BUNDLE_FILE);
  const page = `<!doctype html><html lang="en"><head><title>Harbour reopens</title></head><body><article>
    <h1>Harbour reopens after storm</h1>
    <p>The harbour reopened on Friday after a week of repairs to the storm-damaged quay, officials said.</p>
    </article></body></html>`;

  beforeAll(() => {
    // GIVEN a handler bundle that refers to the page worker, and the worker built with a code cache
    fs.writeFileSync(
      path.join(dir, 'index.js'),
      `require('node:path').join(__dirname, '${PAGE_WORKER_BUNDLE_FILE}');`,
    );
    fs.writeFileSync(path.join(dir, XHR_SYNC_WORKER_FILE), '');
    expect(buildPageWorker(dir, SETTINGS)).toBe(true);
  }, CODE_CACHE_TEST_TIMEOUT_MS);

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Starts the worker the way a bundled PageWorker would (`bundledWorkerScript`), in a bare node,
   * sends it `page`; returns what it said about the cache and the headline it extracted.
   */
  async function runBundledWorker(): Promise<{ codeCache?: boolean; headline?: string }> {
    const script = bundledWorkerScript(dir);
    const child = `
      const { Worker } = require('node:worker_threads');
      const script = JSON.parse(process.env.WORKER_SCRIPT);
      const worker = new Worker(script.file, { eval: script.eval });
      const seen = {};
      worker.on('error', (error) => { console.error(error); process.exit(1); });
      worker.on('message', (reply) => {
        if (reply.type === 'code-cache') seen.codeCache = reply.accepted;
        else if (reply.type === 'ready') worker.postMessage({ id: 1, bytes: Buffer.from(process.env.PAGE), options: {} });
        else if (reply.type === 'result') {
          seen.headline = reply.result.facts.headline.value;
          process.stdout.write(JSON.stringify(seen));
          worker.terminate();
        } else { console.error(reply); process.exit(1); }
      });`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', child], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', WORKER_SCRIPT: JSON.stringify(script), PAGE: page },
      timeout: 120_000,
    });
    return JSON.parse(stdout);
  }

  test('GIVEN the builder and the worker WHEN they name the cache and wrap the bundle THEN they agree', () => {
    expect(codeCacheFileName(workerFile)).toBe(pageWorkerCodeCacheFile(workerFile));
    expect([...CODE_CACHE_WRAPPER]).toEqual([...PAGE_WORKER_CODE_CACHE_WRAPPER]);
    expect(pageWorkerCodeCacheFile(workerFile, '12.4.254.21-node.33', 'arm64')).toBe(
      `${workerFile}.v8-12.4.254.21-node.33-arm64.code-cache`,
    );
  });

  test(
    'GIVEN a worker built with a code cache WHEN started as the bundled handler starts it THEN V8 accepts the cache and the page is processed',
    async () => {
      expect(fs.existsSync(pageWorkerCodeCacheFile(workerFile))).toBe(true);
      expect(bundledWorkerScript(dir).eval).toBe(true);
      await expect(runBundledWorker()).resolves.toEqual({
        codeCache: true,
        headline: 'Harbour reopens after storm',
      });
    },
    CODE_CACHE_TEST_TIMEOUT_MS,
  );

  test(
    'GIVEN a cache V8 cannot use WHEN the worker starts THEN V8 compiles as usual and the page is processed',
    async () => {
      // GIVEN the cache overwritten with bytes that are no V8 cache
      fs.writeFileSync(pageWorkerCodeCacheFile(workerFile), Buffer.alloc(4096, 7));
      // WHEN / THEN the cache is refused, and nothing else changes
      await expect(runBundledWorker()).resolves.toEqual({
        codeCache: false,
        headline: 'Harbour reopens after storm',
      });
    },
    CODE_CACHE_TEST_TIMEOUT_MS,
  );

  test(
    'GIVEN no cache for this V8 WHEN the handler starts the worker THEN it runs the bundle file itself',
    async () => {
      fs.rmSync(pageWorkerCodeCacheFile(workerFile));
      expect(bundledWorkerScript(dir)).toEqual({ file: workerFile, eval: false });
      await expect(runBundledWorker()).resolves.toEqual({ headline: 'Harbour reopens after storm' });
    },
    CODE_CACHE_TEST_TIMEOUT_MS,
  );
});
