/**
 * Hostile pages: each must be refused (PageTooComplexError, InputTooLargeError…) or
 * processed, never hang. The bench prints how long each took; the bound is 2 s.
 */
import { isInputError } from '../../lambdas/core/errors';
import { processArticle } from '../../lambdas/core/process';

/** Longest a hostile page may take to be refused or processed. */
export const DEFAULT_HOSTILE_BUDGET_MS = 2000;

export interface HostileFigure {
  readonly name: string;
  readonly bytes: number;
  /** `processed`, or the refusal code. */
  readonly outcome: string;
  readonly ms: number;
  readonly withinBudget: boolean;
}

const ARTICLE_HEAD =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile page</title></head><body><article><h1>Hostile page</h1>';
const ARTICLE_TAIL = '<p>The end of a page built to hurt a parser.</p></article></body></html>';

/** The cases of issue 7, built in memory (nothing written to disk). */
export function hostileCases(): { name: string; html: string }[] {
  const wrap = (middle: string) => `${ARTICLE_HEAD}${middle}${ARTICLE_TAIL}`;
  const attributes = Array.from({ length: 100_000 }, (_, i) => ` data-a${i}="${i}"`).join('');
  return [
    { name: 'deep nesting, 100,000 <div> levels', html: wrap('<div>'.repeat(100_000)) },
    { name: 'text node of 20 MB', html: wrap(`<p>${'lorem ipsum '.repeat((20 * 1024 * 1024) / 12)}</p>`) },
    { name: '100,000 attributes on one element', html: wrap(`<p${attributes}>text</p>`) },
    { name: 'attribute value of 1 MB', html: wrap(`<p title="${'x'.repeat(1024 * 1024)}">text</p>`) },
    {
      name: 'unclosed formatting tags in bulk (5,000 <b> then 5,000 <p>)',
      html: wrap(`${'<b>'.repeat(5000)}${'<p>word '.repeat(5000)}`),
    },
    { name: '100,000 unclosed <a> in <p>', html: wrap('<p><a href="/x">link '.repeat(100_000)) },
  ];
}

/** Processes every hostile case with the page-size limit raised so the guard, not decode, decides. */
export function runHostile(budgetMs = DEFAULT_HOSTILE_BUDGET_MS): HostileFigure[] {
  return hostileCases().map(({ name, html }) => {
    const bytes = new TextEncoder().encode(html);
    const started = performance.now();
    let outcome = 'processed';
    try {
      processArticle(bytes, { sourceName: 'hostile.html', maxBytes: 64 * 1024 * 1024 });
    } catch (error) {
      outcome = isInputError(error) ? error.code : `CRASH ${(error as Error).message}`;
    }
    const ms = Math.round(performance.now() - started);
    return { name, bytes: bytes.byteLength, outcome, ms, withinBudget: ms <= budgetMs };
  });
}
