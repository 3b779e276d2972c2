/**
 * The `index.js` of a bundled function whose handler uses the page worker (the build bundles
 * this file as it and moves the handler's own bundle to HANDLER_BUNDLE_FILE; see
 * lib/bundle/build-page-worker.js).
 *
 * Steps:
 * 1. start the page worker thread, with the limits the handler's PageWorker will ask for;
 * 2. load the handler bundle (its PageWorker adopts that thread) and export what it exports;
 * 3. stop the thread if nothing adopted it.
 *
 * Why: Node reads and compiles a whole file before running any of it. Inside the handler bundle
 * the thread started only once the AWS SDK's megabyte of code had been read and compiled; from
 * this small file it starts at once, and loads jsdom while the handler thread loads the SDK.
 */
import * as path from 'node:path';
import {
  functionPageWorkerLimits,
  HANDLER_BUNDLE_FILE,
  pageWorkerScript,
  prestartPageWorker,
  releasePrestartedPageWorker,
} from './page-worker';

// The bundled worker next to this file: the script the handler's PageWorker would start.
prestartPageWorker(pageWorkerScript(), functionPageWorkerLimits());
try {
  // A path esbuild cannot resolve at build time: the handler bundle stays a file of its own.
  module.exports = require(path.join(__dirname, HANDLER_BUNDLE_FILE));
} finally {
  releasePrestartedPageWorker();
}
