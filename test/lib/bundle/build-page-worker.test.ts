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
import { buildSync } from 'esbuild';
import {
  bundledWorkerScript,
  PAGE_WORKER_BUNDLE_FILE,
  CODE_CACHE_WRAPPER as PAGE_WORKER_CODE_CACHE_WRAPPER,
  pageWorkerCodeCacheFile,
} from '../../../lambdas/adapters/page-worker';
import {
  buildPageWorker,
  CODE_CACHE_WRAPPER,
  codeCacheFileName,
  escapeNonAscii,
  shiftMappings,
} from '../../../lib/bundle/build-page-worker';
import { pageWorkerSettings, XHR_SYNC_WORKER_FILE } from '../../../lib/house-function';

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
