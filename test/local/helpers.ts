/**
 * Helpers for the local runtime tests: temp dirs, small article pages written for these tests,
 * and polling for a condition (file watching is asynchronous; nothing here measures time).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function temporaryDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `schemapress-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A small news page with the given headline and author, and enough text to be an article. */
export function articlePage(
  headline: string,
  author = 'Ada Lovelace',
  date = '2025-03-01T10:00:00Z',
): string {
  const text = (n: number) =>
    `<p>Paragraph ${n} about ${headline.toLowerCase()}: the committee met for three hours, heard from residents ` +
    'and agreed to publish its findings before the end of the month, after a vote of seven to two.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${headline}</title>
<meta name="author" content="${author}">
<meta property="article:published_time" content="${date}">
</head><body><article><h1>${headline}</h1><p class="byline">By ${author}</p>
${[1, 2, 3, 4].map(text).join('\n')}
</article></body></html>
`;
}

/** Polls `condition` until it holds; fails with `description` when it never does. */
export async function eventually(
  condition: () => Promise<boolean>,
  description: string,
  attempts = 400,
  intervalMs = 50,
): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`Never happened: ${description}`);
}
