/**
 * The pipeline as the Lambda and `npm start` run it: `processArticleTimed` in a worker thread
 * with the page worker's heap limits (`pageWorkerResourceLimits`: a 192 MB young generation,
 * see lambdas/adapters/page-worker.ts). The bench's own process keeps V8's defaults for the
 * yardstick and the competitors. Each page is timed inside the worker, and the GC meter
 * (bench-gc.ts) runs there too; the message round trip is not counted.
 */
import type { ResourceLimits } from 'node:worker_threads';
import { pageWorkerResourceLimits } from '../../lambdas/adapters/page-worker';
import type { ProcessStage } from '../../lambdas/core/process';
import type { GcFigures } from './bench-gc';
import { startRequestWorker } from './bench-worker';

export interface PipelinePage {
  readonly bytes: Uint8Array;
  readonly url?: string;
}

export type PipelineRun =
  | { readonly ok: true; readonly timings: Partial<Record<ProcessStage, number>>; readonly wallMs: number }
  | { readonly ok: false; readonly code: string; readonly stack: string };

export interface PipelineWorker {
  /** The heap limits the worker runs with. */
  readonly resourceLimits: ResourceLimits;
  /** Processes one page; `measured` pages count towards the GC figures. */
  run(page: PipelinePage, measured: boolean): Promise<PipelineRun>;
  /** GC pauses and page faults inside the measured calls (see bench-gc.ts). */
  gcFigures(): Promise<GcFigures>;
  close(): Promise<void>;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
require('tsx/cjs');
const { processArticleTimed } = require(workerData.processModule);
const { isInputError } = require(workerData.errorsModule);
const { PipelineGcMeter } = require(workerData.gcModule);
const meter = new PipelineGcMeter();
parentPort.on('message', async (message) => {
  if (message.type === 'gc') {
    parentPort.postMessage({ type: 'gc', figures: await meter.figures() });
    return;
  }
  const work = () => processArticleTimed(message.bytes, { sourceName: 'page.html', url: message.url });
  const started = performance.now();
  try {
    const result = message.measured ? meter.measure(work) : work();
    parentPort.postMessage({ type: 'page', ok: true, timings: result.timings, wallMs: performance.now() - started });
  } catch (error) {
    const code = isInputError(error) ? error.code : 'CRASH';
    parentPort.postMessage({ type: 'page', ok: false, code, stack: String(error && error.stack ? error.stack : error) });
  }
});
`;

export function startPipelineWorker(): PipelineWorker {
  const resourceLimits = pageWorkerResourceLimits(undefined);
  const worker = startRequestWorker(WORKER_SOURCE, {
    resourceLimits,
    workerData: {
      processModule: require.resolve('../../lambdas/core/process'),
      errorsModule: require.resolve('../../lambdas/core/errors'),
      gcModule: require.resolve('./bench-gc'),
    },
  });
  return {
    resourceLimits,
    run: (page, measured) =>
      worker.ask<PipelineRun>({ type: 'page', bytes: page.bytes, url: page.url, measured }),
    gcFigures: async () => (await worker.ask<{ figures: GcFigures }>({ type: 'gc' })).figures,
    close: () => worker.close(),
  };
}
