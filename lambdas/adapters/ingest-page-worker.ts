/**
 * The ingest handler's page worker, started as soon as this module loads. ingest.ts imports it
 * before anything else, so the worker thread loads jsdom and the core while the handler's
 * thread loads the AWS SDK and Powertools: the two loads overlap at cold start. In the bundled
 * function the thread is already running by then: `index.js` (page-worker-prestart.ts) started
 * it, and this PageWorker adopts it. In Lambda its heap is capped by the function's memory (see
 * `pageWorkerResourceLimits`).
 */
import { functionPageWorkerLimits, loadSharedIcuData, PageWorker } from './page-worker';

export const ingestPageWorker = new PageWorker({ resourceLimits: functionPageWorkerLimits() });
ingestPageWorker.start();
loadSharedIcuData();
