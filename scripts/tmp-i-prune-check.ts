import { decodeInput } from '../lambdas/core/decode';
import { extractFacts } from '../lambdas/core/extract';
import { readJsonLdBlocks } from '../lambdas/core/page-json-ld';
import { parseHtml } from '../lambdas/core/parse';
import { pruneForExtraction } from '../lambdas/core/prune';
import { DEFAULT_CORPUS_DIR, readCorpusPages } from './lib/bench-pages';

const pages = readCorpusPages(DEFAULT_CORPUS_DIR);
const step = Number(process.argv[2] ?? 5);
let n = 0,
  diff = 0,
  before = 0,
  after = 0,
  pruneMs = 0,
  parseA = 0,
  parseB = 0;
const fields = new Map<string, number>();
for (const [i, page] of pages.entries()) {
  if (
    process.env.ONLY
      ? !process.env.ONLY.split(',').includes(page.id)
      : (i + Number(process.env.OFFSET ?? 0)) % step
  )
    continue;
  let text: string;
  try {
    text = decodeInput(page.bytes, { sourceName: 'p.html' }).text;
  } catch {
    continue;
  }
  const run = (html: string) => {
    const t = performance.now();
    const p = parseHtml(html);
    const pt = performance.now() - t;
    try {
      const f = extractFacts(p.document, { url: page.url, now: new Date('2026-01-01') }) as unknown as Record<
        string,
        unknown
      >;
      const b = readJsonLdBlocks(p.document).map((x) => [x.index, x.error, x.nodes]);
      return { f, b, pt };
    } finally {
      p.dispose();
    }
  };
  let a, b;
  try {
    a = run(text);
  } catch {
    continue;
  }
  const t = performance.now();
  const pr = pruneForExtraction(text);
  pruneMs += performance.now() - t;
  b = run(pr.html);
  n++;
  before += text.length;
  after += pr.html.length;
  parseA += a.pt;
  parseB += b.pt;
  let d = false;
  for (const k of new Set([...Object.keys(a.f), ...Object.keys(b.f)])) {
    if (JSON.stringify(a.f[k]) !== JSON.stringify(b.f[k])) {
      fields.set(k, (fields.get(k) ?? 0) + 1);
      d = true;
      if (process.env.SHOW)
        console.log(
          page.id,
          k,
          JSON.stringify(a.f[k])?.slice(0, 200),
          '=>',
          JSON.stringify(b.f[k])?.slice(0, 200),
        );
    }
  }
  if (JSON.stringify(a.b) !== JSON.stringify(b.b)) {
    fields.set('jsonld', (fields.get('jsonld') ?? 0) + 1);
    d = true;
  }
  if (d) diff++;
}
console.log({
  n,
  diff,
  fields: Object.fromEntries(fields),
  mbBefore: before / 1e6,
  mbAfter: after / 1e6,
  pruneMs,
  parseA,
  parseB,
});
