/**
 * Reads the JSON-LD blocks a page already carries. Page text is hostile: a block may be
 * malformed, huge, or hold anything; a bad block is reported, never thrown.
 */
import type { JsonLdNode } from './types';

export interface JsonLdBlock {
  /** Position of the block among the page's JSON-LD scripts (0-based, document order). */
  index: number;
  element: Element;
  /** Object nodes of the block, flattened from top-level arrays and `@graph`. */
  nodes: JsonLdNode[];
  /** Why the block could not be read (malformed JSON); `nodes` is then empty. */
  error?: string;
}

/** Type attribute values that mark a JSON-LD script (compared case-insensitively, parameters ignored). */
const JSON_LD_TYPE = 'application/ld+json';
/** Nesting depth beyond which `@graph` flattening stops (hostile input). */
const DEFAULT_MAX_GRAPH_DEPTH = 8;
/** CDATA / HTML comment wrappers some CMSs still put around the JSON. */
const WRAPPER_PATTERN =
  /^\s*(?:<!--|\/\*\s*<!\[CDATA\[\s*\*\/|<!\[CDATA\[)|(?:-->|\/\*\s*\]\]>\s*\*\/|\]\]>)\s*$/g;

/**
 * Every `<script type="application/ld+json">` of the document, in document order.
 * Steps: 1. select the scripts; 2. strip comment/CDATA wrappers; 3. parse (retrying once
 * with raw control characters escaped, a frequent CMS fault); 4. flatten arrays and `@graph`.
 */
export function readJsonLdBlocks(
  document: Document,
  scriptElements: readonly Element[] = Array.from(document.querySelectorAll('script')),
): JsonLdBlock[] {
  const blocks: JsonLdBlock[] = [];
  const scripts = scriptElements.filter((element) => element.hasAttribute('type') && isJsonLdScript(element));
  scripts.forEach((element, index) => {
    const text = (element.textContent ?? '').replace(WRAPPER_PATTERN, '').trim();
    const parsed = parseLenient(text);
    if (!parsed.ok) {
      blocks.push({ index, element, nodes: [], error: parsed.error });
      return;
    }
    const nodes: JsonLdNode[] = [];
    flatten(parsed.value, nodes, 0);
    blocks.push({ index, element, nodes });
  });
  return blocks;
}

function isJsonLdScript(element: Element): boolean {
  const type = (element.getAttribute('type') ?? '').split(';')[0]?.trim().toLowerCase();
  return type === JSON_LD_TYPE;
}

type ParseOutcome = { ok: true; value: unknown } | { ok: false; error: string };

function parseLenient(text: string): ParseOutcome {
  if (text === '') return { ok: false, error: 'empty JSON-LD block' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    // Raw newlines/tabs inside strings are the most common fault; escaping them is lossless.
    try {
      return { ok: true, value: JSON.parse(escapeControlCharacters(text)) };
    } catch {
      return { ok: false, error: `malformed JSON-LD: ${(error as Error).message}` };
    }
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding raw control characters is the point.
const CONTROL_CHARACTER_PATTERN = /[\u0000-\u001f]/g;

function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTER_PATTERN, (character) =>
    /\s/.test(character) ? ' ' : `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function flatten(value: unknown, into: JsonLdNode[], depth: number): void {
  if (depth > DEFAULT_MAX_GRAPH_DEPTH || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) flatten(item, into, depth + 1);
    return;
  }
  const node = value as JsonLdNode;
  const graph = node['@graph'];
  if (graph !== undefined) {
    flatten(graph, into, depth + 1);
    // A graph container is only kept when it is itself a typed node.
    if (node['@type'] === undefined) return;
  }
  into.push(node);
}
