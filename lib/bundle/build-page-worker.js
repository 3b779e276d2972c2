// Run by the house function's afterBundling hook (lib/house-function.ts) with the bundle's
// output directory and the house esbuild settings as JSON. A handler bundle that starts the
// page worker (lambdas/adapters/page-worker.ts names the file it loads) gets that worker
// bundled next to it, with the same settings; other bundles are left as they are.
// Plain JavaScript: it runs in a bare `node` during synth, before any TypeScript tooling.
const fs = require('node:fs');
const path = require('node:path');

/** Must equal PAGE_WORKER_BUNDLE_FILE in lambdas/adapters/page-worker.ts (test/lib checks it). */
const PAGE_WORKER_BUNDLE_FILE = 'page-worker.js';
const PAGE_WORKER_ENTRY = path.resolve(__dirname, '../../lambdas/adapters/page-worker-entry.ts');

/**
 * Builds `<outputDir>/page-worker.js` when `<outputDir>/index.js` refers to it.
 * @param {string} outputDir the handler bundle's directory
 * @param {{ target: string, minify: boolean, keepNames: boolean, sourcemap: boolean, external: string[] }} settings
 * @returns {boolean} whether a worker bundle was written
 */
function buildPageWorker(outputDir, settings) {
  const handler = path.join(outputDir, 'index.js');
  if (!fs.existsSync(handler) || !fs.readFileSync(handler, 'utf8').includes(PAGE_WORKER_BUNDLE_FILE)) {
    return false;
  }
  require('esbuild').buildSync({
    entryPoints: [PAGE_WORKER_ENTRY],
    outfile: path.join(outputDir, PAGE_WORKER_BUNDLE_FILE),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: settings.target,
    minify: settings.minify,
    keepNames: settings.keepNames,
    sourcemap: settings.sourcemap ? 'linked' : false,
    sourcesContent: false,
    external: settings.external,
    logLevel: 'error',
  });
  return true;
}

module.exports = { buildPageWorker, PAGE_WORKER_BUNDLE_FILE, PAGE_WORKER_ENTRY };

if (require.main === module) {
  const [outputDir, settings] = process.argv.slice(2);
  if (!outputDir || !settings) {
    process.stderr.write('usage: node build-page-worker.js <bundle output dir> <settings JSON>\n');
    process.exit(2);
  }
  buildPageWorker(outputDir, JSON.parse(settings));
}
