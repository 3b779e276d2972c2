/**
 * The local status page: every article record with its status, headline, authors, date,
 * validation warnings and errors, linking to the source and the enriched page. Pure.
 *
 * Every value shown comes from hostile pages (headlines, author names, error messages quoting
 * them), so everything is escaped, links are built from keys we percent-encode ourselves,
 * and the page is served with a CSP that forbids scripts.
 */
import type { ArticleRecord } from '../lambdas/core/record';

export interface StatusView {
  readonly records: readonly ArticleRecord[];
  /** Messages waiting or being processed. */
  readonly queueDepth: number;
  readonly deadLetters: readonly { messageId: string; keys: readonly string[]; lastError: string }[];
  readonly sourcePrefix: string;
  readonly generatedAt: Date;
}

/** Path under which the runtime serves source objects (as plain text). */
export const SOURCE_ROUTE = '/_source/';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const HTML_SPECIALS = /[&<>"']/g;

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(HTML_SPECIALS, (c) => HTML_ESCAPES[c] ?? c);
}

/** `a/b c.html` -> `a/b%20c.html`: each segment encoded, slashes kept. */
export function encodeKeyPath(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

const STATUS_ORDER: Record<string, number> = { failed: 0, published: 1, removed: 2 };

/** Failed first (they need attention), then published, then removed; by key within each. */
export function sortForStatus(records: readonly ArticleRecord[]): ArticleRecord[] {
  return [...records].sort(
    (a, b) =>
      (STATUS_ORDER[a.status] ?? 3) - (STATUS_ORDER[b.status] ?? 3) ||
      a.source.key.localeCompare(b.source.key),
  );
}

export function renderStatusPage(view: StatusView): string {
  const records = sortForStatus(view.records);
  const counts = countByStatus(records);
  const rows = records.map(renderRow).join('\n');
  const deadLetters = view.deadLetters.length
    ? `<section id="dead-letters"><h2>Dead letters (${view.deadLetters.length})</h2><ul>${view.deadLetters
        .map(
          (letter) =>
            `<li><code>${escapeHtml(letter.keys.join(', ') || letter.messageId)}</code>: ${escapeHtml(letter.lastError)}</li>`,
        )
        .join('')}</ul></section>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>schemapress status</title>
<style>
body{font:15px/1.4 system-ui,sans-serif;margin:1.5rem;color:#222}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}
.status-failed{color:#a00;font-weight:600}.status-published{color:#070}.status-removed{color:#777}
.issues{margin:0;padding-left:1rem;font-size:13px}
</style>
</head>
<body>
<h1>schemapress status</h1>
<p id="summary">${records.length} articles: ${counts.published} published, ${counts.failed} failed, ${counts.removed} removed; ${view.queueDepth} waiting in the queue. Generated ${escapeHtml(view.generatedAt.toISOString())}. <a href="/_status.json">JSON</a></p>
${deadLetters}
<table id="articles">
<thead><tr><th>Status</th><th>Headline</th><th>Authors</th><th>Published</th><th>Issues</th><th>Links</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}

function renderRow(record: ArticleRecord): string {
  const facts = record.facts ?? {};
  const issues: string[] = [];
  if (record.error)
    issues.push(
      `<li class="error">${escapeHtml(record.error.code)}: ${escapeHtml(record.error.message)}</li>`,
    );
  for (const error of record.report?.errors ?? []) {
    issues.push(`<li class="error">${escapeHtml(error.code)}: ${escapeHtml(error.message)}</li>`);
  }
  for (const warning of record.report?.warnings ?? []) {
    issues.push(`<li class="warning">${escapeHtml(warning.code)}: ${escapeHtml(warning.message)}</li>`);
  }
  const links = [`<a href="${SOURCE_ROUTE}${escapeHtml(encodeKeyPath(record.source.key))}">source</a>`];
  if (record.status === 'published' && record.publishedKey) {
    links.push(`<a href="/${escapeHtml(encodeKeyPath(record.publishedKey))}">enriched page</a>`);
  }
  return `<tr class="article" data-status="${escapeHtml(record.status)}" data-key="${escapeHtml(record.source.key)}">
<td class="status status-${escapeHtml(record.status)}">${escapeHtml(record.status)}</td>
<td class="headline">${escapeHtml(facts.headline ?? '')}<div><small><code>${escapeHtml(record.source.key)}</code></small></div></td>
<td class="authors">${escapeHtml((facts.authors ?? []).join(', '))}</td>
<td class="date">${escapeHtml(facts.datePublished ?? '')}</td>
<td class="issues-cell">${issues.length ? `<ul class="issues">${issues.join('')}</ul>` : ''}</td>
<td class="links">${links.join(' · ')}</td>
</tr>`;
}

function countByStatus(
  records: readonly ArticleRecord[],
): Record<'published' | 'failed' | 'removed', number> {
  const counts = { published: 0, failed: 0, removed: 0 };
  for (const record of records) if (record.status in counts) counts[record.status] += 1;
  return counts;
}

/** The same view as JSON (`/_status.json`). */
export function statusJson(view: StatusView): unknown {
  return {
    generatedAt: view.generatedAt.toISOString(),
    queueDepth: view.queueDepth,
    deadLetters: view.deadLetters,
    articles: sortForStatus(view.records).map((record) => ({
      id: record.id,
      key: record.source.key,
      status: record.status,
      headline: record.facts?.headline,
      authors: record.facts?.authors ?? [],
      datePublished: record.facts?.datePublished,
      publishedKey: record.publishedKey,
      publishedUrl: record.publishedUrl,
      error: record.error,
      errors: record.report?.errors ?? [],
      warnings: record.report?.warnings ?? [],
      updatedAt: record.updatedAt,
    })),
  };
}
