/**
 * The bench's yardstick, `new JSDOM(html)` as jsdom ships it: in a worker thread that loads
 * jsdom on its own, so none of the patches the pipeline applies to jsdom in this process
 * (lazy inline styles, the parser fast path) make the yardstick cheaper. Each page is timed
 * inside the worker; the message round trip is not counted.
 */
import type { ResourceLimits } from 'node:worker_threads';
import { startRequestWorker } from './bench-worker';

export interface StockJsdom {
  /** Milliseconds `new JSDOM(text)` took in the worker (the window is closed after). */
  time(text: string): Promise<number>;
  close(): Promise<void>;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { JSDOM, VirtualConsole } = require(workerData.jsdomPath);
const virtualConsole = new VirtualConsole();
parentPort.on('message', (text) => {
  const started = performance.now();
  const dom = new JSDOM(text, { virtualConsole });
  const elapsed = performance.now() - started;
  dom.window.close();
  parentPort.postMessage(elapsed);
});
`;

/** A stock jsdom worker; `resourceLimits` gives it other heap limits than V8's defaults. */
export function startStockJsdom(resourceLimits?: ResourceLimits): StockJsdom {
  const worker = startRequestWorker(WORKER_SOURCE, {
    workerData: { jsdomPath: require.resolve('jsdom') },
    ...(resourceLimits ? { resourceLimits } : {}),
  });
  return { time: (text) => worker.ask<number>(text), close: () => worker.close() };
}
