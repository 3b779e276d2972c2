/** Reading values out of page JSON-LD nodes: references, lists, strings-or-objects. */
import type { JsonLdNode } from '../types';
import type { ExtractionContext } from './context';

/** Values of a property as a list (a single value becomes a one-element list). */
export function valuesOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Follow an `{"@id": ...}` reference to its full node in the page graph. */
export function deref(value: unknown, context: ExtractionContext): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const id = (value as JsonLdNode)['@id'];
    if (typeof id === 'string' && Object.keys(value).length <= 2) return context.nodeById.get(id) ?? value;
  }
  return value;
}

/** A string for a value that is a string, a number, `{@value}`, or a node with `name`. */
export function textValue(value: unknown, context: ExtractionContext): string | undefined {
  const resolved = deref(value, context);
  if (typeof resolved === 'string') return resolved;
  if (typeof resolved === 'number') return String(resolved);
  if (Array.isArray(resolved)) return textValue(resolved[0], context);
  if (resolved && typeof resolved === 'object') {
    const node = resolved as JsonLdNode;
    for (const key of ['@value', 'name', 'text']) {
      const inner = node[key];
      if (typeof inner === 'string') return inner;
    }
  }
  return undefined;
}

/** A URL for a value that is a string or a node with `url` / `contentUrl` / `@id`. */
export function urlValue(value: unknown, context: ExtractionContext): string | undefined {
  const resolved = deref(value, context);
  if (typeof resolved === 'string') return resolved;
  if (Array.isArray(resolved)) return urlValue(resolved[0], context);
  if (resolved && typeof resolved === 'object') {
    const node = resolved as JsonLdNode;
    for (const key of ['url', 'contentUrl', '@id']) {
      const inner = node[key];
      if (typeof inner === 'string') return inner;
      if (Array.isArray(inner) && typeof inner[0] === 'string') return inner[0];
    }
  }
  return undefined;
}

/** First defined value of the first key present on the main article node, then the other article nodes. */
export function articleProperty(context: ExtractionContext, ...keys: string[]): unknown {
  const main = context.articleNodes[0];
  if (main === undefined) return undefined;
  for (const key of keys) {
    if (main[key] !== undefined && main[key] !== null && main[key] !== '') return main[key];
  }
  return undefined;
}

/** First value of a property across WebPage nodes (Yoast keeps dates and names there). */
export function webPageProperty(context: ExtractionContext, ...keys: string[]): unknown {
  for (const node of context.webPageNodes) {
    for (const key of keys) {
      if (node[key] !== undefined && node[key] !== null && node[key] !== '') return node[key];
    }
  }
  return undefined;
}
