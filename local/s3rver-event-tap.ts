/**
 * Hears the events s3rver emits (`server.emit('event', …)` after each PUT, POST, copy and
 * delete) for the s3rver listening on a given endpoint.
 *
 * `startEmulators` (local/emulators.ts) does not hand out the s3rver instance, so the tap
 * wraps `emit` on s3rver's prototype once per process and routes each event by the port of
 * the server that emitted it. The event is emitted before s3rver answers the request, so a
 * listener that persists synchronously has done so by the time the client sees its 200.
 */
import type { AddressInfo } from 'node:net';

// s3rver ships no types; only its prototype's emit is touched here.
const S3rver = require('s3rver') as { prototype: object };

export type S3rverEventListener = (event: unknown) => void;

const listenersByPort = new Map<number, Set<S3rverEventListener>>();
let prototypePatched = false;

interface EmitterWithServer {
  readonly httpServer?: { address(): AddressInfo | string | null };
}

function patchPrototypeOnce(): void {
  if (prototypePatched) return;
  prototypePatched = true;
  const prototype = S3rver.prototype as unknown as {
    emit: (name: string | symbol, ...args: unknown[]) => boolean;
  };
  const originalEmit = prototype.emit;
  prototype.emit = function emitAndTap(this: EmitterWithServer, name: string | symbol, ...args: unknown[]) {
    if (name === 'event') {
      const address = this.httpServer?.address();
      const port = typeof address === 'object' && address ? address.port : undefined;
      for (const listener of (port !== undefined && listenersByPort.get(port)) || []) listener(args[0]);
    }
    return originalEmit.call(this, name, ...args);
  };
}

/** Calls `listener` with every event of the s3rver at `s3Endpoint`; returns the unsubscribe function. */
export function tapS3rverEvents(s3Endpoint: string, listener: S3rverEventListener): () => void {
  patchPrototypeOnce();
  const port = Number(new URL(s3Endpoint).port);
  if (!Number.isInteger(port) || port <= 0) {
    throw new Error(`Cannot tap s3rver events: the endpoint ${s3Endpoint} has no explicit port.`);
  }
  let listeners = listenersByPort.get(port);
  if (!listeners) {
    listeners = new Set();
    listenersByPort.set(port, listeners);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) listenersByPort.delete(port);
  };
}
