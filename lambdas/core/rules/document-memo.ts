/**
 * A value remembered per document, kept on the document object itself.
 *
 * Why not a module-level WeakMap: V8's young-generation collector (Node 20) keeps a WeakMap
 * entry alive while the map itself is old and the value refers back to the key, and a cached
 * index or element refers to its document. So the whole DOM of each page survived every
 * scavenge and was promoted to the old generation, to wait there for a full collection
 * (test/core/rules/document-memo.test.ts shows it on plain objects). Over 164 corpus pages
 * processed twice with a 64 MB semi-space, the three per-document caches in WeakMaps made
 * scavenges promote 830-850 MB; stored on the document, 120-570 MB (the rest is jsdom's, see
 * window-event-proxy.ts). The cache is then part of the page's own object graph and dies
 * with it.
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
