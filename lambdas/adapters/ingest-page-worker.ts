/**
 * The ingest handler's page worker, started as soon as this module loads. ingest.ts imports it
 * before anything else, so the worker thread loads jsdom and the core while the handler's
 * thread loads the AWS SDK and Powertools: the two loads overlap at cold start. In Lambda its
 * heap is capped by the function's memory (see `pageWorkerResourceLimits`).
 */
import { functionMemoryMb } from './env';
import { PageWorker, pageWorkerResourceLimits } from './page-worker';

export const ingestPageWorker = new PageWorker({
  resourceLimits: pageWorkerResourceLimits(functionMemoryMb()),
});
ingestPageWorker.start();
