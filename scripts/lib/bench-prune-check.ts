/**
 * Pruning must never change what extraction reads: for each page, extract facts and the
 * page's JSON-LD blocks from the whole text and from the pruned text, and compare them.
 * Also reports what pruning saves (bytes, parse time).
 */
import { decodeInput } from '../../lambdas/core/decode';
import { extractFacts } from '../../lambdas/core/extract';
import { readJsonLdBlocks } from '../../lambdas/core/page-json-ld';
import { parseHtml } from '../../lambdas/core/parse';
import { pruneForExtraction } from '../../lambdas/core/prune';
import type { BenchPage } from './bench-pages';
import { round } from './bench-stats';

/** A fixed clock, so relative dates read the same in both passes. */
const FIXED_NOW = new Date('2026-01-01T00:00:00Z');

export interface PruneCheckReport {
  readonly pages: number;
  /** Page id -> fields that differ (facts by name, `jsonld` for the blocks). */
  readonly differences: Readonly<Record<string, readonly string[]>>;
  readonly megabytesBefore: number;
  readonly megabytesAfter: number;
  readonly pruneSeconds: number;
  /** Guard + DOMParser time on the whole and on the pruned text. */
  readonly parseSecondsWhole: number;
  readonly parseSecondsPruned: number;
}

function read(
  html: string,
  url: string | undefined,
): { facts: Record<string, unknown>; blocks: string; ms: number } {
  const started = performance.now();
  const parsed = parseHtml(html);
  const ms = performance.now() - started;
  try {
    const facts = extractFacts(parsed.document, { url, now: FIXED_NOW }) as unknown as Record<
      string,
      unknown
    >;
    const blocks = JSON.stringify(
      readJsonLdBlocks(parsed.document).map((block) => [block.index, block.error, block.nodes]),
    );
    return { facts, blocks, ms };
  } finally {
    parsed.dispose();
  }
}

/** Steps: 1. decode; 2. read the whole text; 3. prune and read again; 4. compare field by field. */
export function checkPruneEquivalence(pages: readonly BenchPage[]): PruneCheckReport {
  const differences: Record<string, string[]> = {};
  let checked = 0;
  let before = 0;
  let after = 0;
  let pruneMs = 0;
  let wholeMs = 0;
  let prunedMs = 0;
  for (const page of pages) {
    let whole: ReturnType<typeof read>;
    let text: string;
    try {
      text = decodeInput(page.bytes, { sourceName: 'page.html' }).text;
      whole = read(text, page.url);
    } catch {
      continue; // Refused pages are refused either way (the guard sees the pruned text).
    }
    const started = performance.now();
    const pruned = pruneForExtraction(text);
    pruneMs += performance.now() - started;
    const lean = read(pruned.html, page.url);
    checked++;
    before += text.length;
    after += pruned.html.length;
    wholeMs += whole.ms;
    prunedMs += lean.ms;
    const fields = [...new Set([...Object.keys(whole.facts), ...Object.keys(lean.facts)])].filter(
      (field) => JSON.stringify(whole.facts[field]) !== JSON.stringify(lean.facts[field]),
    );
    if (whole.blocks !== lean.blocks) fields.push('jsonld');
    if (fields.length > 0) differences[page.id] = fields;
  }
  return {
    pages: checked,
    differences,
    megabytesBefore: round(before / 1024 / 1024, 1),
    megabytesAfter: round(after / 1024 / 1024, 1),
    pruneSeconds: round(pruneMs / 1000, 1),
    parseSecondsWhole: round(wholeMs / 1000, 1),
    parseSecondsPruned: round(prunedMs / 1000, 1),
  };
}
