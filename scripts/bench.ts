/**
 * Throughput and latency of the core pipeline on real pages, with `new JSDOM(html)` of the
 * same pages in the same run as the yardstick, and cold-start figures.
 *
 * Usage: npm run bench -- [--limit N] [--corpus DIR] [--generated N] [--no-yardstick]
 *                         [--no-cold] [--cold-runs N] [--jsdom-compare DIR] [--json]
 *
 * Pages: the shared corpus (../shared/corpus, read in place) or, when it is absent,
 * generated article pages. Figures depend on the machine and its load: compare runs made
 * on the same machine at the same time, never against a fixed number.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { JSDOM, VirtualConsole } from 'jsdom';
import { decodeInput } from '../lambdas/core/decode';
import { isInputError } from '../lambdas/core/errors';
import { type ProcessStage, processArticleTimed } from '../lambdas/core/process';
import { type ColdStartReport, DEFAULT_COLD_RUNS, measureColdStart } from './lib/bench-cold';
import {
  type BenchPage,
  DEFAULT_CORPUS_DIR,
  DEFAULT_GENERATED_PAGES,
  generatePages,
  readCorpusPages,
} from './lib/bench-pages';
import { type Distribution, distribution, median, round } from './lib/bench-stats';

const STAGES: readonly ProcessStage[] = [
  'decode',
  'parse',
  'extract',
  'jsonld',
  'validate',
  'enrich',
  'encode',
];
/** A second jsdom to compare `require` cold time with (install it there yourself). */
const DEFAULT_JSDOM_COMPARE_DIR = '/tmp/j29/node_modules/jsdom';
const REPO = path.resolve(__dirname, '..');
const WARM_UP_PAGES = 3;

interface PipelineFigures {
  readonly pages: number;
  readonly processed: number;
  /** Page ids by refusal code. */
  readonly refused: Readonly<Record<string, readonly string[]>>;
  readonly megabytes: number;
  readonly seconds: number;
  readonly pagesPerSecond: number;
  readonly megabytesPerSecond: number;
  readonly stagesMs: Readonly<Record<string, Distribution>>;
  readonly totalMs: Distribution;
  /** Peak RSS of this process (yardstick included when it ran in the same pass). */
  readonly peakRssMb: number;
}

interface YardstickFigures {
  readonly pages: number;
  readonly newJsdomMs: Distribution;
  /** Median over pages of (new JSDOM ms / our parse-stage ms) for the same page. */
  readonly perPageRatioToOurParseP50: number;
  /** new JSDOM p50 / our parse-stage p50 and / our whole-pipeline p50. */
  readonly ratioToOurParseP50: number;
  readonly ratioToOurTotalP50: number;
}

interface BenchReport {
  readonly source: string;
  readonly node: string;
  readonly pipeline: PipelineFigures;
  readonly yardstick?: YardstickFigures;
  readonly coldStart?: ColdStartReport;
}

function loadPages(
  corpus: string | undefined,
  generated: number | undefined,
): { source: string; pages: BenchPage[] } {
  const dir = corpus ?? DEFAULT_CORPUS_DIR;
  if (generated === undefined && fs.existsSync(dir)) {
    const pages = readCorpusPages(dir);
    if (pages.length > 0) return { source: `corpus ${dir}`, pages };
  }
  const count = generated ?? DEFAULT_GENERATED_PAGES;
  return { source: `${count} generated pages`, pages: generatePages(count) };
}

function peakRssMb(): number {
  return round(process.resourceUsage().maxRSS / 1024, 0);
}

/**
 * Steps:
 *  1. Warm up on a few pages (JIT, lazy jsdom internals), not counted.
 *  2. For every page: processArticleTimed (stage timings and wall time) and, when asked,
 *     `new JSDOM(text)` of the same page, in alternating order so that the shared
 *     machine's changing load falls on both alike.
 *  3. Cold start in fresh processes (see bench-cold.ts).
 */
function runPages(
  pages: readonly BenchPage[],
  withYardstick: boolean,
): { pipeline: PipelineFigures; yardstick?: YardstickFigures } {
  const virtualConsole = new VirtualConsole();
  const ours = (page: BenchPage) =>
    processArticleTimed(page.bytes, { sourceName: 'page.html', url: page.url });
  const theirs = (page: BenchPage): number | undefined => {
    let text: string;
    try {
      text = decodeInput(page.bytes, { sourceName: 'page.html' }).text;
    } catch {
      return undefined;
    }
    const started = performance.now();
    const dom = new JSDOM(text, { virtualConsole });
    const elapsed = performance.now() - started;
    dom.window.close();
    return elapsed;
  };
  for (const page of pages.slice(0, WARM_UP_PAGES)) {
    try {
      ours(page);
      if (withYardstick) theirs(page);
    } catch {
      // Refusals are counted in the measured pass.
    }
  }

  const stages = new Map<string, number[]>(STAGES.map((stage) => [stage, []]));
  const totals: number[] = [];
  const jsdomTimes: number[] = [];
  const parseRatios: number[] = [];
  const refused: Record<string, string[]> = {};
  let bytes = 0;
  for (const [index, page] of pages.entries()) {
    bytes += page.bytes.byteLength;
    let jsdomMs: number | undefined;
    if (withYardstick && index % 2 === 1) jsdomMs = theirs(page);
    const started = performance.now();
    try {
      const result = ours(page);
      totals.push(performance.now() - started);
      for (const [stage, ms] of Object.entries(result.timings)) stages.get(stage)?.push(ms ?? 0);
      if (withYardstick && index % 2 === 0) jsdomMs = theirs(page);
      if (jsdomMs !== undefined && result.timings.parse) parseRatios.push(jsdomMs / result.timings.parse);
    } catch (error) {
      const code = isInputError(error) ? error.code : 'CRASH';
      refused[code] = [...(refused[code] ?? []), page.id];
      if (!isInputError(error)) process.stderr.write(`${page.id}: ${(error as Error).stack ?? error}\n`);
    }
    if (jsdomMs !== undefined) jsdomTimes.push(jsdomMs);
  }
  const seconds = totals.reduce((sum, ms) => sum + ms, 0) / 1000;
  const megabytes = bytes / 1024 / 1024;
  const pipeline: PipelineFigures = {
    pages: pages.length,
    processed: totals.length,
    refused,
    megabytes: round(megabytes, 1),
    seconds: round(seconds, 2),
    pagesPerSecond: round(totals.length / seconds, 2),
    megabytesPerSecond: round(megabytes / seconds, 2),
    stagesMs: Object.fromEntries(
      [...stages].map(([stage, values]) => [stage, roundDistribution(distribution(values))]),
    ),
    totalMs: roundDistribution(distribution(totals)),
    peakRssMb: peakRssMb(),
  };
  if (!withYardstick) return { pipeline };
  const newJsdomMs = roundDistribution(distribution(jsdomTimes));
  return {
    pipeline,
    yardstick: {
      pages: jsdomTimes.length,
      newJsdomMs,
      perPageRatioToOurParseP50: round(median(parseRatios), 2),
      ratioToOurParseP50: round(newJsdomMs.p50 / (pipeline.stagesMs.parse?.p50 || Number.NaN), 2),
      ratioToOurTotalP50: round(newJsdomMs.p50 / (pipeline.totalMs.p50 || Number.NaN), 2),
    },
  };
}

function roundDistribution(d: Distribution): Distribution {
  return {
    count: d.count,
    p50: round(d.p50, 2),
    p90: round(d.p90, 2),
    p99: round(d.p99, 2),
    max: round(d.max, 2),
    mean: round(d.mean, 2),
    total: round(d.total, 0),
  };
}

function printReport(report: BenchReport): void {
  const { pipeline, yardstick, coldStart } = report;
  const lines = [
    `schemapress bench: ${report.source}, node ${report.node}`,
    `pages ${pipeline.pages}, processed ${pipeline.processed}, refused ${JSON.stringify(pipeline.refused)}`,
    `throughput ${pipeline.pagesPerSecond} pages/s, ${pipeline.megabytesPerSecond} MB/s (${pipeline.megabytes} MB in ${pipeline.seconds} s)`,
    '',
    'stage        p50 ms    p90 ms    p99 ms    max ms',
    ...[...Object.entries(pipeline.stagesMs), ['total', pipeline.totalMs] as const].map(
      ([stage, d]) =>
        `${stage.padEnd(10)} ${String(d.p50).padStart(8)} ${String(d.p90).padStart(9)} ${String(d.p99).padStart(9)} ${String(d.max).padStart(9)}`,
    ),
    `peak RSS: ${pipeline.peakRssMb} MB${yardstick ? ' (pipeline and yardstick in one process)' : ''}`,
  ];
  if (yardstick) {
    lines.push(
      '',
      `yardstick new JSDOM(html): p50 ${yardstick.newJsdomMs.p50} ms, p99 ${yardstick.newJsdomMs.p99} ms over ${yardstick.pages} pages`,
      `  per page, median new JSDOM / our parse stage: ${yardstick.perPageRatioToOurParseP50}x`,
      `  p50 vs p50: ${yardstick.ratioToOurParseP50}x our parse stage, ${yardstick.ratioToOurTotalP50}x our whole pipeline`,
    );
  }
  if (coldStart) {
    lines.push('', `cold start (median of runs): node -e '' ${coldStart.emptyNodeMs} ms`);
    for (const figure of coldStart.modules) {
      const size = figure.bundleBytes ? `, bundle ${round(figure.bundleBytes / 1024, 0)} KB` : '';
      lines.push(
        `  ${figure.name.padEnd(34)} process ${figure.processMs} ms (+${figure.overEmptyNodeMs}), require ${figure.requireMs} ms${size}`,
      );
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      limit: { type: 'string' },
      corpus: { type: 'string' },
      generated: { type: 'string' },
      'no-yardstick': { type: 'boolean', default: false },
      'no-cold': { type: 'boolean', default: false },
      'cold-runs': { type: 'string', default: String(DEFAULT_COLD_RUNS) },
      'jsdom-compare': { type: 'string', default: DEFAULT_JSDOM_COMPARE_DIR },
      json: { type: 'boolean', default: false },
    },
  });
  const loaded = loadPages(
    values.corpus,
    values.generated === undefined ? undefined : Number(values.generated),
  );
  const limit = values.limit === undefined ? loaded.pages.length : Number(values.limit);
  // Spread the sample over all corpora rather than taking the first ones.
  const step = Math.max(1, Math.floor(loaded.pages.length / limit));
  const pages = loaded.pages.filter((_, i) => i % step === 0).slice(0, limit);

  const { pipeline, yardstick } = runPages(pages, !values['no-yardstick']);
  const coldStart = values['no-cold']
    ? undefined
    : measureColdStart(
        [
          { name: 'handler lambdas/handlers/ingest.ts', entry: 'lambdas/handlers/ingest.ts' },
          { name: 'core lambdas/core/process.ts', entry: 'lambdas/core/process.ts' },
        ],
        [path.join(REPO, 'node_modules/jsdom'), values['jsdom-compare']],
        Number(values['cold-runs']),
      );
  const report: BenchReport = {
    source: `${loaded.source}${pages.length < loaded.pages.length ? ` (${pages.length} of ${loaded.pages.length})` : ''}`,
    node: process.versions.node,
    pipeline,
    ...(yardstick ? { yardstick } : {}),
    ...(coldStart ? { coldStart } : {}),
  };
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else printReport(report);
}

main();
