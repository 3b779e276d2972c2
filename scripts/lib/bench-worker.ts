/**
 * A worker thread that answers one message at a time: the bench's pipeline worker and its
 * stock jsdom yardsticks post a request and await the reply before the next one.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

export interface RequestWorker {
  /** Posts `message` and resolves with the worker's reply (rejects if the worker fails). */
  ask<T>(message: unknown): Promise<T>;
  close(): Promise<void>;
}

/** Starts `source` (evaluated) as a worker with `options`. */
export function startRequestWorker(source: string, options: WorkerOptions): RequestWorker {
  const worker = new Worker(source, { ...options, eval: true });
  let pending: { resolve(value: unknown): void; reject(error: Error): void } | undefined;
  worker.on('message', (message: unknown) => pending?.resolve(message));
  worker.on('error', (error) => pending?.reject(error));
  return {
    ask: <T>(message: unknown) =>
      new Promise<T>((resolve, reject) => {
        pending = { resolve: resolve as (value: unknown) => void, reject };
        worker.postMessage(message);
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}
