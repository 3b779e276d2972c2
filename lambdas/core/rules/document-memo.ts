/**
 * A value remembered per document, kept on the document object itself.
 *
 * Why not a module-level WeakMap: V8's young-generation collector (Node 20) treats a WeakMap
 * entry's value as live whenever the map itself is old, and a cached index or element refers
 * back to its document. So every page's whole DOM survived each scavenge, was copied into
 * the old generation and waited there for a full collection: about 2.7 MB a corpus page
 * (.prof measurements, forced minor GCs after each page). Stored on the document, the cache
 * is part of the page's own object graph and dies with it.
 *
 * A WeakMap stays right for values that do not reach the key (a boolean per element, say).
 */
export interface DocumentMemo<T> {
  get(document: Document): T | undefined;
  set(document: Document, value: T): T;
}

/** A memo slot named `description` (shown by debuggers only). */
export function documentMemo<T>(description: string): DocumentMemo<T> {
  const slot = Symbol(description);
  return {
    get: (document) => (document as unknown as Record<symbol, T | undefined>)[slot],
    set: (document, value) => {
      // Not enumerable: nothing that walks the document's own properties sees it.
      Object.defineProperty(document, slot, { value, configurable: true, writable: true });
      return value;
    },
  };
}
