/**
 * Accuracy on the shared corpus (`npm run eval`): extract every page in ONE process, write
 * JSON lines {corpus, id, jsonld}, score them with the shared scorer and print its table,
 * then the worst pages per field (what we emitted vs the truth).
 *
 *   npm run eval -- [--corpora fundus,trafilatura] [--limit N] [--worst N] [--split dev]
 *                   [--corpus-dir DIR] [--keep FILE] [--facts-only]
 *
 * The shared dir is `../shared` beside the repository (override: SCHEMAPRESS_SHARED_DIR).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeInput } from '../lambdas/core/decode';
import { extractFacts } from '../lambdas/core/extract';
import { parseHtml } from '../lambdas/core/parse';
import { pruneForExtraction } from '../lambdas/core/prune';
import type { ArticleFacts, JsonLdNode } from '../lambdas/core/types';

interface EvalArgs {
  corpora?: string[];
  limit?: number;
  worst: number;
  split: string;
  corpusDir: string;
  keep?: string;
  /** Score extractFacts alone (mapped here), not the full pipeline. */
  factsOnly: boolean;
}

interface CorpusPage {
  corpus: string;
  id: string;
  url?: string;
  split?: string;
  file: string;
}

type Truth = Record<string, unknown>;
type Emitted = { jsonld?: JsonLdNode; error?: string };

const DEFAULT_WORST = 8;
const SHARED_DIR = process.env.SCHEMAPRESS_SHARED_DIR ?? path.resolve(__dirname, '../../shared');
const DEFAULT_CORPUS_DIR = path.join(os.tmpdir(), 'eval-corpus');
/** The core's full pipeline, once its author lands it; until then facts are mapped here. */
const PROCESS_MODULE = path.resolve(__dirname, '../lambdas/core/process.ts');

function parseArgs(argv: string[]): EvalArgs {
  const args: EvalArgs = {
    worst: DEFAULT_WORST,
    split: 'all',
    corpusDir: DEFAULT_CORPUS_DIR,
    factsOnly: false,
  };
  for (let index = 0; index < argv.length; index++) {
    const key = argv[index];
    const value = argv[index + 1];
    const need = () => {
      if (value === undefined) throw new Error(`${key} needs a value`);
      index++;
      return value;
    };
    if (key === '--corpora') args.corpora = need().split(',').filter(Boolean);
    else if (key === '--limit') args.limit = Number(need());
    else if (key === '--worst') args.worst = Number(need());
    else if (key === '--split') args.split = need();
    else if (key === '--corpus-dir') args.corpusDir = need();
    else if (key === '--keep') args.keep = need();
    else if (key === '--facts-only') args.factsOnly = true;
    else throw new Error(`unknown option ${key}; see the header of scripts/eval.ts`);
  }
  return args;
}

/**
 * Steps: 1. find the shared dir (exit 0 with a message when absent); 2. materialize the
 * corpus when needed; 3. extract every page; 4. run the scorer; 5. print the worst pages.
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const scorer = path.join(SHARED_DIR, 'eval', 'score.mjs');
  if (!fs.existsSync(scorer)) {
    console.log(
      `No shared evaluation corpus at ${SHARED_DIR} (set SCHEMAPRESS_SHARED_DIR); nothing to evaluate.`,
    );
    return;
  }
  ensureMaterialized(args.corpusDir);
  const pages = listPages(args);
  const toJsonLd = loadPipeline(args.factsOnly);
  const resultsFile =
    args.keep ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'schemapress-eval-')), 'results.jsonl');
  const emitted = new Map<string, Emitted>();
  const lines: string[] = [];
  const started = Date.now();
  for (const [count, page] of pages.entries()) {
    const result = runOne(page, toJsonLd);
    emitted.set(`${page.corpus}/${page.id}`, result);
    lines.push(JSON.stringify({ corpus: page.corpus, id: page.id, ...result }));
    if ((count + 1) % 100 === 0) process.stderr.write(`\r${count + 1}/${pages.length} pages`);
  }
  process.stderr.write(
    `\r${pages.length} pages extracted in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  fs.writeFileSync(resultsFile, `${lines.join('\n')}\n`);

  const scoreArgs = [scorer, '--results', resultsFile, '--corpus-dir', args.corpusDir, '--split', args.split];
  if (args.corpora) scoreArgs.push('--corpora', args.corpora.join(','));
  if (args.limit) scoreArgs.push('--limit', String(args.limit));
  const scored = spawnSync(process.execPath, scoreArgs, { encoding: 'utf8' });
  process.stdout.write(scored.stdout);
  process.stderr.write(scored.stderr);
  if (args.worst > 0) await printWorst(pages, emitted, args.worst);
  console.log(`\nresults: ${resultsFile}`);
}

function ensureMaterialized(corpusDir: string): void {
  const corpusRoot = path.join(SHARED_DIR, 'corpus');
  const names = fs.existsSync(corpusRoot) ? fs.readdirSync(corpusRoot) : [];
  const missing = names.some(
    (name) =>
      fs.existsSync(path.join(corpusRoot, name, 'index.json')) &&
      !fs.existsSync(path.join(corpusDir, name, 'index.json')),
  );
  if (!missing) return;
  console.error(`materializing the corpus into ${corpusDir} ...`);
  const run = spawnSync(
    process.execPath,
    [path.join(SHARED_DIR, 'eval', 'materialize.mjs'), '--out', corpusDir],
    {
      stdio: 'inherit',
    },
  );
  if (run.status !== 0) throw new Error(`materialize.mjs failed (exit ${run.status}); check ${corpusRoot}`);
}

function listPages(args: EvalArgs): CorpusPage[] {
  const corpora =
    args.corpora ??
    fs
      .readdirSync(args.corpusDir)
      .filter((name) => fs.existsSync(path.join(args.corpusDir, name, 'index.json')))
      .sort();
  return corpora.flatMap((corpus) => {
    const index = JSON.parse(fs.readFileSync(path.join(args.corpusDir, corpus, 'index.json'), 'utf8')) as {
      pages: { id: string; url?: string; split?: string }[];
    };
    const selected = index.pages.filter((page) => args.split === 'all' || page.split === args.split);
    return selected.slice(0, args.limit ?? selected.length).map((page) => ({
      corpus,
      id: page.id,
      url: page.url,
      split: page.split,
      file: path.join(args.corpusDir, corpus, page.id, 'page.html'),
    }));
  });
}

type ToJsonLd = (bytes: Uint8Array, page: CorpusPage) => JsonLdNode;

/** processArticle when lambdas/core/process.ts exists, else a minimal mapping of the facts. */
function loadPipeline(factsOnly: boolean): ToJsonLd {
  if (fs.existsSync(PROCESS_MODULE) && !factsOnly) {
    try {
      const { processArticle } = require(PROCESS_MODULE) as {
        processArticle: (
          bytes: Uint8Array,
          options: { url?: string; sourceName?: string },
        ) => { jsonld: JsonLdNode };
      };
      return (bytes, page) => processArticle(bytes, { url: page.url, sourceName: `${page.id}.html` }).jsonld;
    } catch (error) {
      console.error(
        `lambdas/core/process.ts cannot be loaded yet (${(error as Error).message.split('\n')[0]}).`,
      );
    }
  }
  console.error('Mapping extracted facts to a minimal NewsArticle in eval.ts (not the full pipeline).');
  return (bytes, page) => {
    // The pipeline's own decode, prune and parser: the same DOM the rules see in production,
    // and a document that is freed after each page (a `new JSDOM` per page is not).
    const { text } = decodeInput(bytes, { sourceName: `${page.id}.html`, url: page.url });
    const parsed = parseHtml(pruneForExtraction(text).html);
    try {
      return factsToNewsArticle(extractFacts(parsed.document, { url: page.url }));
    } finally {
      parsed.dispose();
    }
  };
}

function factsToNewsArticle(facts: ArticleFacts): JsonLdNode {
  const node: JsonLdNode = { '@context': 'https://schema.org', '@type': 'NewsArticle' };
  if (facts.headline) node.headline = facts.headline.value;
  if (facts.description) node.description = facts.description.value;
  if (facts.authors) node.author = facts.authors.value.map((person) => ({ '@type': 'Person', ...person }));
  if (facts.datePublished) node.datePublished = facts.datePublished.value;
  if (facts.dateModified) node.dateModified = facts.dateModified.value;
  if (facts.publisher) node.publisher = { '@type': 'Organization', ...facts.publisher.value };
  if (facts.images) node.image = facts.images.value;
  if (facts.inLanguage) node.inLanguage = facts.inLanguage.value;
  if (facts.articleBody) node.articleBody = facts.articleBody.value;
  if (facts.wordCount !== undefined) node.wordCount = facts.wordCount;
  return node;
}

function runOne(page: CorpusPage, toJsonLd: ToJsonLd): Emitted {
  try {
    return { jsonld: toJsonLd(fs.readFileSync(page.file), page) };
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

interface ScorerText {
  normalizeLoose(text: string): string;
  normalizeName(text: string): string;
  splitAuthors(names: unknown): string[];
  sameCalendarDate(a: string, b: string): boolean;
  wordTokens(text: string): string[];
}

/** The worst pages per field, using the scorer's own normalisers. */
async function printWorst(pages: CorpusPage[], emitted: Map<string, Emitted>, count: number): Promise<void> {
  const text = (await import(path.join(SHARED_DIR, 'eval', 'lib', 'text.mjs'))) as ScorerText;
  const { extractFields } = (await import(path.join(SHARED_DIR, 'eval', 'lib', 'jsonld.mjs'))) as {
    extractFields: (doc: unknown) => Record<string, unknown>;
  };
  const misses: Record<string, { page: string; score: number; ours: string; truth: string }[]> = {
    headline: [],
    authors: [],
    datePublished: [],
    description: [],
  };
  for (const page of pages) {
    const truth = JSON.parse(
      fs.readFileSync(path.join(path.dirname(page.file), 'truth.json'), 'utf8'),
    ) as Truth;
    const result = emitted.get(`${page.corpus}/${page.id}`);
    const ours = result?.jsonld ? extractFields(result.jsonld) : {};
    const label = `${page.corpus}/${page.id}${result?.error ? ` [${result.error.slice(0, 80)}]` : ''}`;
    if (typeof truth.headline === 'string' && truth.headline.trim()) {
      const got = String(ours.headline ?? '');
      if (text.normalizeLoose(got) !== text.normalizeLoose(truth.headline))
        misses.headline?.push({ page: label, score: 0, ours: got, truth: truth.headline });
    }
    if (Array.isArray(truth.authors) && truth.authors.length > 0) {
      const got = text
        .splitAuthors(ours.authors ?? [])
        .map(text.normalizeName)
        .filter(Boolean);
      const want = text.splitAuthors(truth.authors).map(text.normalizeName).filter(Boolean);
      const hits = got.filter((name) => want.includes(name)).length;
      const f1 = got.length && want.length ? (2 * hits) / (got.length + want.length) : 0;
      if (f1 < 1)
        misses.authors?.push({ page: label, score: f1, ours: got.join('; '), truth: want.join('; ') });
    }
    if (typeof truth.datePublished === 'string' && truth.datePublished) {
      const got = String(ours.datePublished ?? '');
      if (!got || !text.sameCalendarDate(got, truth.datePublished))
        misses.datePublished?.push({ page: label, score: 0, ours: got, truth: truth.datePublished });
    }
    if (typeof truth.description === 'string' && truth.description) {
      const got = String(ours.description ?? '');
      const score = bagF1(text.wordTokens(got), text.wordTokens(truth.description));
      if (score < 0.6) misses.description?.push({ page: label, score, ours: got, truth: truth.description });
    }
  }
  for (const [field, list] of Object.entries(misses)) {
    if (list.length === 0) continue;
    console.log(`\n-- worst ${field} (${list.length} misses)`);
    for (const miss of list.sort((a, b) => a.score - b.score).slice(0, count)) {
      console.log(
        `  ${miss.page}\n    ours:  ${miss.ours.slice(0, 160) || '(none)'}\n    truth: ${miss.truth.slice(0, 160)}`,
      );
    }
  }
}

function bagF1(ours: string[], truth: string[]): number {
  if (ours.length === 0 || truth.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const word of truth) counts.set(word.toLowerCase(), (counts.get(word.toLowerCase()) ?? 0) + 1);
  let hits = 0;
  for (const word of ours) {
    const left = counts.get(word.toLowerCase()) ?? 0;
    if (left > 0) {
      hits++;
      counts.set(word.toLowerCase(), left - 1);
    }
  }
  const precision = hits / ours.length;
  const recall = hits / truth.length;
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
