import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  HANDLER_BUNDLE_FILE,
  PAGE_WORKER_BUNDLE_FILE,
  PAGE_WORKER_SOURCE_ENTRY,
} from '../../lambdas/adapters/page-worker';
import * as pageWorkerBuilder from '../../lib/bundle/build-page-worker';
import {
  HOUSE_MINIFY,
  houseBundlingOptions,
  OPTIONAL_NATIVE_MODULES,
  pageWorkerSettings,
  synthNodeMatchesRuntime,
  XHR_SYNC_WORKER_FILE,
  XHR_SYNC_WORKER_STUB,
} from '../../lib/house-function';

describe('houseBundlingOptions', () => {
  test('bundle locally, with the SDK and jsdom inside, never installing modules', () => {
    // GIVEN the house bundling options
    const options = houseBundlingOptions();
    // THEN esbuild runs locally, everything but the optional native add-ons is bundled,
    // and nothing asks npm to install modules at synth time
    expect(options.forceDockerBundling).toBe(false);
    expect(options.bundleAwsSDK).toBe(true);
    expect(options.nodeModules).toBeUndefined();
    expect(options.externalModules).toEqual([...OPTIONAL_NATIVE_MODULES]);
    expect(options.sourceMap).toBe(true);
    // ES module builds first, so the SDK tree-shakes (the bundle test runs both handlers)
    expect(options.mainFields).toEqual(['module', 'main']);
  });

  test('minify whitespace and syntax, never identifiers, in the handler bundles and the page worker alike', () => {
    // GIVEN the house bundling options and the page worker's settings
    const options = houseBundlingOptions();
    // THEN esbuild's all-in-one `minify` (which renames identifiers) is off, and the two other
    // minifications are asked for by name, as for the page worker
    expect(HOUSE_MINIFY).toEqual({ minifyWhitespace: true, minifySyntax: true, minifyIdentifiers: false });
    expect(options.minify).toBe(false);
    expect(options.esbuildArgs).toEqual({
      '--minify-whitespace': true,
      '--minify-syntax': true,
      '--minify-identifiers': false,
    });
    expect(pageWorkerSettings()).toMatchObject(HOUSE_MINIFY);
  });

  test('the afterBundling hook copies the XHR worker stand-in, whatever the output path', () => {
    // GIVEN an output directory whose path needs shell quoting
    const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), "schemapress out 'quoted' $HOME "));
    try {
      const commands = houseBundlingOptions().commandHooks?.afterBundling('/input', outputDir) ?? [];
      // WHEN the commands run in a shell, chained as CDK chains them
      execFileSync('bash', ['-c', commands.join(' && ')]);
      // THEN the stand-in is in the output directory under the name jsdom resolves
      expect(fs.readFileSync(path.join(outputDir, XHR_SYNC_WORKER_FILE), 'utf8')).toBe(
        fs.readFileSync(XHR_SYNC_WORKER_STUB, 'utf8'),
      );
    } finally {
      fs.rmSync(outputDir, { recursive: true, force: true });
    }
  });

  test('the afterBundling hook bundles the page worker next to a handler that starts one, and only there', () => {
    // GIVEN two bundle directories: one whose code loads the page worker, one whose code does not
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'schemapress-hook-'));
    const withWorker = path.join(root, 'with worker');
    const without = path.join(root, 'without');
    try {
      const handlerCode = `require('node:path').join(__dirname, '${PAGE_WORKER_BUNDLE_FILE}'); exports.handler = async () => 2;`;
      for (const [dir, code] of [
        [withWorker, handlerCode],
        [without, 'exports.handler = async () => 1;'],
      ] as const) {
        fs.mkdirSync(dir);
        fs.writeFileSync(path.join(dir, 'index.js'), code);
        // WHEN the hook's commands run for it
        const commands = houseBundlingOptions().commandHooks?.afterBundling('/input', dir) ?? [];
        execFileSync('bash', ['-c', commands.join(' && ')]);
      }
      // THEN only the first gets the worker bundle, with its linked source map, and the worker's
      // on-demand packages, each with its map; its handler code moved to HANDLER_BUNDLE_FILE, and
      // index.js is the prestart file that loads it
      expect(fs.readdirSync(withWorker).sort()).toEqual(
        [
          'index.js',
          'index.js.map',
          HANDLER_BUNDLE_FILE,
          PAGE_WORKER_BUNDLE_FILE,
          `${PAGE_WORKER_BUNDLE_FILE}.map`,
          XHR_SYNC_WORKER_FILE,
          pageWorkerBuilder.ON_DEMAND_DIR,
        ].sort(),
      );
      expect(fs.readdirSync(path.join(withWorker, pageWorkerBuilder.ON_DEMAND_DIR)).sort()).toEqual(
        pageWorkerBuilder.ON_DEMAND_PACKAGES.map(pageWorkerBuilder.onDemandFile)
          .flatMap((file) => [file, `${file}.map`])
          .sort(),
      );
      expect(fs.readFileSync(path.join(withWorker, HANDLER_BUNDLE_FILE), 'utf8')).toBe(handlerCode);
      const prestart = fs.readFileSync(path.join(withWorker, 'index.js'), 'utf8');
      expect(prestart).toContain('prestartPageWorker');
      expect(prestart).toContain(`"${HANDLER_BUNDLE_FILE}"`);
      expect(fs.readdirSync(without).sort()).toEqual(['index.js', XHR_SYNC_WORKER_FILE].sort());
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);

  test("a code cache is made only when the synth runs the Lambda runtime's Node major on its architecture", () => {
    // GIVEN the house runtime (nodejs22.x) on arm64
    // THEN only a node 22 on arm64 makes a cache the functions could use
    expect(synthNodeMatchesRuntime('22.11.0', 'arm64')).toBe(true);
    expect(synthNodeMatchesRuntime('22.11.0', 'x64')).toBe(false);
    expect(synthNodeMatchesRuntime('20.20.2', 'arm64')).toBe(false);
    expect(synthNodeMatchesRuntime('2.0.0', 'arm64')).toBe(false);
    expect(pageWorkerSettings().codeCache).toBe(synthNodeMatchesRuntime());
  });

  test('the builder and the page worker agree on the file names and the entries', () => {
    expect(pageWorkerBuilder.PAGE_WORKER_BUNDLE_FILE).toBe(PAGE_WORKER_BUNDLE_FILE);
    expect(pageWorkerBuilder.HANDLER_BUNDLE_FILE).toBe(HANDLER_BUNDLE_FILE);
    expect(pageWorkerBuilder.PAGE_WORKER_ENTRY).toBe(PAGE_WORKER_SOURCE_ENTRY);
    expect(fs.existsSync(PAGE_WORKER_SOURCE_ENTRY)).toBe(true);
    expect(fs.existsSync(pageWorkerBuilder.PRESTART_ENTRY)).toBe(true);
  });

  test('the stand-in refuses to act as a worker', () => {
    // GIVEN the stand-in run the way jsdom would spawn its worker
    // WHEN it runs
    // THEN it exits with an error that names the broken invariant
    let failure: { status?: number; stderr?: Buffer } = {};
    try {
      execFileSync(process.execPath, [XHR_SYNC_WORKER_STUB], { input: '{}', stdio: 'pipe' });
    } catch (error) {
      failure = error as typeof failure;
    }
    expect(failure.status).toBe(1);
    expect(String(failure.stderr)).toContain('page scripts never run');
  });
});
