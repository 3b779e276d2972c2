import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';

const REPO = path.resolve(__dirname, '../..');

/**
 * Bundles `entry` (a path from the repository root) with its own copy of jsdom, minified
 * with kept names as the page worker bundle is, and loads it. For the modules that patch
 * jsdom: their shape checks must still recognise jsdom's code once minified.
 */
export function loadMinifiedBundle<T>(entry: string): T {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'minified-bundle-'));
  const bundle = path.join(directory, 'bundle.js');
  try {
    buildSync({
      entryPoints: [path.join(REPO, entry)],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      minify: true,
      keepNames: true,
      outfile: bundle,
      external: ['canvas', 'bufferutil', 'utf-8-validate'],
      logLevel: 'error',
    });
    // jsdom resolves this file next to its code when it loads; the shipped bundles get the
    // same stub (lib/house-function.ts, XHR_SYNC_WORKER_STUB; not imported: it loads the CDK).
    fs.copyFileSync(
      path.join(REPO, 'lib/bundle/xhr-sync-worker-stub.js'),
      path.join(directory, 'xhr-sync-worker.js'),
    );
    return require(bundle) as T;
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}
