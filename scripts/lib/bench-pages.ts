/**
 * Pages for the benchmark: the shared evaluation corpus read in place (gzipped pages are
 * inflated in memory, nothing is copied), or generated article pages when it is absent.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface BenchPage {
  readonly id: string;
  readonly url?: string;
  readonly bytes: Uint8Array;
}

/** Where the shared corpus lives, relative to the repository. */
export const DEFAULT_CORPUS_DIR = path.resolve(__dirname, '../../../shared/corpus');
/** Number of generated pages when no corpus is available. */
export const DEFAULT_GENERATED_PAGES = 120;

interface CorpusIndex {
  readonly pages: readonly { readonly id: string; readonly url?: string }[];
}

/** Reads every page of every corpus under `dir` (`<corpus>/index.json`, `<corpus>/<id>/page.html[.gz]`). */
export function readCorpusPages(dir: string): BenchPage[] {
  const pages: BenchPage[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const indexFile = path.join(dir, name, 'index.json');
    if (!fs.existsSync(indexFile)) continue;
    const index = JSON.parse(fs.readFileSync(indexFile, 'utf8')) as CorpusIndex;
    for (const page of index.pages) {
      const base = path.join(dir, name, page.id, 'page.html');
      const bytes = fs.existsSync(`${base}.gz`)
        ? gunzipSync(fs.readFileSync(`${base}.gz`))
        : fs.existsSync(base)
          ? fs.readFileSync(base)
          : undefined;
      if (bytes) pages.push({ id: `${name}/${page.id}`, ...(page.url ? { url: page.url } : {}), bytes });
    }
  }
  return pages;
}

const WORDS = (
  'harbour council ferry budget river school winter market railway museum festival storm ' +
  'volunteers bridge library hospital election county station repairs timetable survey'
).split(' ');

/** A deterministic pseudo-random article page of realistic shape (nav, article, aside, footer). */
export function generatePage(seed: number): BenchPage {
  let state = seed * 2654435761;
  const next = (n: number): number => {
    state = (state * 1103515245 + 12345) >>> 0;
    return state % n;
  };
  const sentence = (length: number): string => {
    const words = Array.from({ length }, () => WORDS[next(WORDS.length)] ?? 'news');
    const first = words[0] ?? 'news';
    return `${first.charAt(0).toUpperCase()}${first.slice(1)} ${words.slice(1).join(' ')}.`;
  };
  const paragraphs = Array.from(
    { length: 8 + next(20) },
    () => `<p>${Array.from({ length: 2 + next(4) }, () => sentence(8 + next(14))).join(' ')}</p>`,
  );
  const nav = Array.from(
    { length: 30 },
    (_, i) => `<li><a href="/section/${i}">${sentence(2)}</a></li>`,
  ).join('');
  const related = Array.from(
    { length: 12 },
    (_, i) =>
      `<li><a href="/story/${seed}-${i}"><img src="/img/${i}.jpg" alt=""><span>${sentence(6)}</span></a></li>`,
  ).join('');
  const headline = sentence(9);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${headline} | Example News</title>
<meta property="og:title" content="${headline}"><meta name="description" content="${sentence(20)}">
<meta property="article:published_time" content="2024-0${1 + next(9)}-1${next(9)}T08:00:00Z">
<link rel="canonical" href="https://news.example/story/${seed}"><style>body{font:16px sans-serif}</style>
<script>window.dataLayer=[];</script></head><body><header><nav><ul>${nav}</ul></nav></header>
<main><article><h1>${headline}</h1><p class="byline">By <a rel="author" href="/staff/a">Alex Example</a></p>
<time datetime="2024-03-0${1 + next(8)}">March 2024</time>${paragraphs.join('\n')}</article>
<aside><h2>Related</h2><ul>${related}</ul></aside></main><footer><p>© Example News</p></footer></body></html>`;
  return {
    id: `generated/${seed}`,
    url: `https://news.example/story/${seed}`,
    bytes: new TextEncoder().encode(html),
  };
}

export function generatePages(count: number): BenchPage[] {
  return Array.from({ length: count }, (_, i) => generatePage(i + 1));
}
