/**
 * Quick measure of the articleBody extractor on the shared corpora, in one process.
 *
 *   node /work/shared/eval/materialize.mjs --out /tmp/eval-corpus   # once
 *   npx tsx scripts/eval-body.ts [--corpus-dir /tmp/eval-corpus] [--corpora zyte,fundus]
 *                                [--no-json-ld] [--standfirst] [--worst 15] [--out /tmp/body.jsonl]
 *
 * Steps: 1. parse each page with jsdom (no scripts, no resources); 2. build the extraction
 * context and run `extractArticleBody`, timing parse and extraction apart; 3. write JSON
 * lines and score them with the shared scorer; 4. print the worst pages by token F1.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extractArticleBody } from '../lambdas/core/rules/body';
import { createExtractionContext } from '../lambdas/core/rules/context';

const DEFAULT_CORPORA = 'zyte,fundus,readability,trafilatura';
const SCORER = '/work/shared/eval/score.mjs';
const WORD_PATTERN = /[\p{L}\p{N}_]+/gu;

interface Options {
  corpusDir: string;
  corpora: string[];
  useJsonLd: boolean;
  /** Print the standfirst as the first paragraph (`ArticleBodyOptions.standfirst`). */
  standfirst: boolean;
  worst: number;
  out: string;
  verbose: boolean;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string, fallback: string): string => {
    const index = argv.indexOf(name);
    return index >= 0 ? (argv[index + 1] ?? fallback) : fallback;
  };
  return {
    corpusDir: value('--corpus-dir', '/tmp/eval-corpus'),
    corpora: value('--corpora', DEFAULT_CORPORA).split(','),
    useJsonLd: !argv.includes('--no-json-ld'),
    standfirst: argv.includes('--standfirst'),
    worst: Number(value('--worst', '15')),
    out: value('--out', '/tmp/eval-body.jsonl'),
    verbose: argv.includes('--verbose'),
  };
}

/** Token-level F1 of one page, to rank the worst pages. */
function tokenF1(predicted: string, truth: string): number {
  const count = (text: string) => {
    const counts = new Map<string, number>();
    for (const word of text.match(WORD_PATTERN) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
    return counts;
  };
  const p = count(predicted);
  const t = count(truth);
  let overlap = 0;
  let pTotal = 0;
  let tTotal = 0;
  for (const [word, n] of p) {
    pTotal += n;
    overlap += Math.min(n, t.get(word) ?? 0);
  }
  for (const n of t.values()) tTotal += n;
  if (pTotal === 0 || tTotal === 0) return 0;
  const precision = overlap / pTotal;
  const recall = overlap / tTotal;
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const lines: string[] = [];
  const ranked: { corpus: string; id: string; f1: number; got: number; want: number }[] = [];
  let parseMs = 0;
  let extractMs = 0;
  let bodyMs = 0;
  for (const corpus of options.corpora) {
    const dir = join(options.corpusDir, corpus);
    if (!existsSync(dir))
      throw new Error(`No corpus at ${dir}: run materialize.mjs --out ${options.corpusDir} first.`);
    for (const id of readdirSync(dir).sort()) {
      const pagePath = join(dir, id, 'page.html');
      if (!existsSync(pagePath)) continue;
      const truth = JSON.parse(readFileSync(join(dir, id, 'truth.json'), 'utf8'));
      const url: string | undefined = truth._meta?.url || undefined;
      const html = readFileSync(pagePath, 'utf8');
      const parseStart = performance.now();
      // A silent console: pages' CSS parse errors are not our concern here.
      const dom = new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
      const document = dom.window.document;
      parseMs += performance.now() - parseStart;
      const extractStart = performance.now();
      const context = createExtractionContext(document, { url });
      const bodyStart = performance.now();
      const body = extractArticleBody(
        document,
        options.useJsonLd ? context : { ...context, articleNodes: [] },
        { standfirst: options.standfirst },
      );
      extractMs += performance.now() - extractStart;
      bodyMs += performance.now() - bodyStart;
      if (options.verbose)
        process.stderr.write(`${corpus}/${id} ${(performance.now() - parseStart).toFixed(0)} ms\n`);
      dom.window.close();
      const articleBody = body?.value ?? '';
      lines.push(JSON.stringify({ corpus, id, jsonld: { '@type': 'NewsArticle', articleBody } }));
      if (typeof truth.articleBody === 'string') {
        ranked.push({
          corpus,
          id,
          f1: tokenF1(articleBody, truth.articleBody),
          got: articleBody.length,
          want: truth.articleBody.length,
        });
      }
    }
  }
  writeFileSync(options.out, `${lines.join('\n')}\n`);
  console.log(
    `${lines.length} pages; jsdom parse ${parseMs.toFixed(0)} ms; context + body ${extractMs.toFixed(0)} ms, body alone ${bodyMs.toFixed(0)} ms (${((100 * bodyMs) / parseMs).toFixed(1)}% of parse)`,
  );
  console.log(
    execFileSync(
      'node',
      [
        SCORER,
        '--results',
        options.out,
        '--corpus-dir',
        options.corpusDir,
        '--corpora',
        options.corpora.join(','),
      ],
      { encoding: 'utf8' },
    ),
  );
  ranked.sort((a, b) => a.f1 - b.f1);
  console.log('worst pages (token F1, chars got / wanted):');
  for (const page of ranked.slice(0, options.worst)) {
    console.log(`  ${page.f1.toFixed(3)}  ${page.got}/${page.want}  ${page.corpus}/${page.id}`);
  }
}

main();
