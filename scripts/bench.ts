/**
 * Throughput and latency of the core pipeline on real pages, run as the Lambda runs it (in a
 * worker thread with the page worker's heap limits, bench-pipeline.ts), with `new JSDOM(html)`
 * of the same pages in the same run as the yardstick (stock jsdom in a worker thread with
 * V8's default heap and with the page worker's, and in this process with the pipeline's
 * jsdom patches), and cold-start figures.
 *
 * Usage: npm run bench -- [--limit N] [--corpus DIR] [--generated N] [--no-yardstick]
 *                         [--no-competitors] [--no-hostile] [--no-cold] [--cold-runs N]
 *                         [--jsdom-compare DIR] [--soak N] [--prune-check] [--json]
 *                         [--local-files N] [--no-local] [--node-options="FLAGS"]
 *
 * Last, the local runtime's end-to-end run: --local-files N files (default 1,000) dropped at
 * once into embedded S3, throughput in files/s and peak RSS; --no-local skips it.
 *
 * --node-options="FLAGS" runs the whole bench in a child process whose NODE_OPTIONS end with
 * FLAGS (e.g. the Lambda's heap flags, "--max-old-space-size=1024 --max-semi-space-size=32"),
 * so that V8 flags, which cannot change in a running process, can be compared run by run.
 *
 * --soak N processes N pages in a loop over a sample of the corpus (--limit, default 100
 * pages) instead, and prints RSS at page 100 and at page N (issue 7: peak RSS within 10%);
 * with NODE_OPTIONS=--expose-gc the heap figures are taken after a full collection.
 * --prune-check instead checks that extraction reads the same facts from the pruned text
 * as from the whole page (see bench-prune-check.ts), and what pruning saves.
 *
 * Pages: the shared corpus (../shared/corpus, read in place) or, when it is absent,
 * generated article pages. Figures depend on the machine and its load: compare runs made
 * on the same machine at the same time, never against a fixed number.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { JSDOM, VirtualConsole } from 'jsdom';
import { decodeInput } from '../lambdas/core/decode';
import { type ProcessStage, processArticleTimed } from '../lambdas/core/process';
import { type LoadTestResult, runLoadTest } from '../local/load-test';
import {
  type ColdStartReport,
  DEFAULT_COLD_BUDGET_MS,
  DEFAULT_COLD_RUNS,
  measureColdStart,
} from './lib/bench-cold';
import { type Competitors, loadCompetitors } from './lib/bench-competitors';
import type { GcFigures } from './lib/bench-gc';
import { DEFAULT_HOSTILE_BUDGET_MS, type HostileFigure, runHostile } from './lib/bench-hostile';
import {
  type BenchPage,
  DEFAULT_CORPUS_DIR,
  DEFAULT_GENERATED_PAGES,
  generatePages,
  readCorpusPages,
} from './lib/bench-pages';
import { startPipelineWorker } from './lib/bench-pipeline';
import { checkPruneEquivalence } from './lib/bench-prune-check';
import {
  DEFAULT_SOAK_BASELINE_PAGE,
  DEFAULT_SOAK_TOLERANCE,
  runSoak,
  type SoakReport,
} from './lib/bench-soak';
import { type Distribution, distribution, median, round } from './lib/bench-stats';
import { startStockJsdom } from './lib/bench-yardstick';

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
/** Issue 7 targets: our pipeline / new JSDOM at most this; competitors / ours at least this. */
const DEFAULT_MAX_PIPELINE_TO_JSDOM = 0.6;
const DEFAULT_MIN_SPEEDUP_OVER_COMPETITORS = 2.5;
/** Files dropped at once into the local runtime (issue 4: 1,000, none lost, none duplicated). */
const DEFAULT_LOCAL_RUN_FILES = 1000;

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
  /** The heap limits the pipeline ran with (its worker's, as shipped). */
  readonly heap: string;
  /** GC pauses and page faults inside the pipeline's calls (bench-gc.ts). */
  readonly gc: GcFigures;
}

interface YardstickFigures {
  readonly pages: number;
  /** `new JSDOM(html)` of stock jsdom (a worker thread without the pipeline's patches). */
  readonly newJsdomMs: Distribution;
  /** The same stock jsdom given the page worker's heap limits (what the heap alone is worth). */
  readonly sameHeapNewJsdomMs: Distribution;
  /** Our whole-pipeline p50 / that p50. */
  readonly ourTotalToSameHeapJsdomP50: number;
  /** The same in this process, where the pipeline's jsdom patches apply to it too. */
  readonly inProcessNewJsdomMs: Distribution;
  /** Our whole-pipeline p50 / the in-process new JSDOM p50 (the stricter comparison). */
  readonly ourTotalToInProcessJsdomP50: number;
  /** Median over pages of (new JSDOM ms / our parse-stage ms) for the same page. */
  readonly perPageRatioToOurParseP50: number;
  /** new JSDOM p50 / our parse-stage p50 and / our whole-pipeline p50. */
  readonly ratioToOurParseP50: number;
  readonly ratioToOurTotalP50: number;
  /** Our whole-pipeline p50 / new JSDOM p50 (issue 7: at most 0.6). */
  readonly ourTotalToJsdomP50: number;
}

interface CompetitorFigures {
  readonly pages: number;
  readonly readabilityMs: Distribution;
  readonly metascraperMs: Distribution;
  /** Readability + metascraper on the same page. */
  readonly bothMs: Distribution;
  /** (Readability + metascraper) p50 / our whole-pipeline p50 (issue 7: at least 2.5). */
  readonly speedupP50: number;
  /** Median over pages of the same ratio, page by page. */
  readonly perPageSpeedupP50: number;
}

interface BenchReport {
  readonly source: string;
  readonly node: string;
  readonly pipeline: PipelineFigures;
  readonly yardstick?: YardstickFigures;
  readonly competitors?: CompetitorFigures;
  readonly hostile?: readonly HostileFigure[];
  readonly coldStart?: ColdStartReport;
  /** The local runtime end to end: N files dropped at once into embedded S3 (issue 4). */
  readonly localRun?: LoadTestResult;
  readonly loadAverage: readonly number[];
  /** NODE_OPTIONS of the measuring process, when set. */
  readonly nodeOptions?: string;
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
 *  1. Warm every contender up on as many other pages (JIT, modules loaded on first use), not counted.
 *  2. For every page: processArticleTimed in the pipeline worker (bench-pipeline.ts: stage
 *     timings and wall time, with the page worker's heap) and, when asked,
 *     `new JSDOM(text)` of the same page, stock (bench-yardstick.ts) and in this process,
 *     in alternating order so that the shared machine's changing load falls on all alike.
 *  3. When asked, Readability and metascraper on the same page, right after ours.
 *  4. Cold start in fresh processes (see bench-cold.ts).
 */
async function runPages(
  pages: readonly BenchPage[],
  warmUpPages: readonly BenchPage[],
  withYardstick: boolean,
  competitors: Competitors | undefined,
): Promise<{ pipeline: PipelineFigures; yardstick?: YardstickFigures; competitors?: CompetitorFigures }> {
  const virtualConsole = new VirtualConsole();
  const pipelineWorker = startPipelineWorker();
  const stock = withYardstick ? startStockJsdom() : undefined;
  // The same stock jsdom given the page worker's heap limits: what the heap alone is worth.
  const stockSameHeap = withYardstick ? startStockJsdom(pipelineWorker.resourceLimits) : undefined;
  /** new JSDOM of the page: stock (in the workers) and in this process, in ms. */
  const theirs = async (
    page: BenchPage,
  ): Promise<{ stock: number; sameHeap: number; inProcess: number } | undefined> => {
    let text: string;
    try {
      text = decodeInput(page.bytes, { sourceName: 'page.html' }).text;
    } catch {
      return undefined;
    }
    const started = performance.now();
    const dom = new JSDOM(text, { virtualConsole });
    const inProcess = performance.now() - started;
    dom.window.close();
    return {
      stock: (await stock?.time(text)) ?? Number.NaN,
      sameHeap: (await stockSameHeap?.time(text)) ?? Number.NaN,
      inProcess,
    };
  };
  // Every contender is warmed up first, uncounted, on as many other pages of the corpus: the
  // pipeline in its worker, stock jsdom in theirs, `new JSDOM` in this process and the
  // competitors. A warm Lambda container has seen many pages, and a first pass over the corpus
  // is about 1.6x slower than the next (JIT feedback, modules loaded on first use such as the
  // language detector); warming only some contenders would flatter the others.
  for (const page of warmUpPages) {
    await pipelineWorker.run(page, false);
    if (withYardstick) await theirs(page);
    if (competitors) {
      try {
        await competitors.time(decodeInput(page.bytes, { sourceName: 'page.html' }).text, page.url);
      } catch {
        // A page that does not decode warms nothing.
      }
    }
  }

  const stages = new Map<string, number[]>(STAGES.map((stage) => [stage, []]));
  const totals: number[] = [];
  const jsdomTimes: number[] = [];
  const sameHeapJsdomTimes: number[] = [];
  const inProcessJsdomTimes: number[] = [];
  const parseRatios: number[] = [];
  const refused: Record<string, string[]> = {};
  const readabilityTimes: number[] = [];
  const metascraperTimes: number[] = [];
  const bothTimes: number[] = [];
  const speedups: number[] = [];
  let bytes = 0;
  for (const [index, page] of pages.entries()) {
    bytes += page.bytes.byteLength;
    let jsdomMs: { stock: number; sameHeap: number; inProcess: number } | undefined;
    if (withYardstick && index % 2 === 1) jsdomMs = await theirs(page);
    const run = await pipelineWorker.run(page, true);
    if (run.ok) {
      totals.push(run.wallMs);
      for (const [stage, ms] of Object.entries(run.timings)) stages.get(stage)?.push(ms ?? 0);
      if (withYardstick && index % 2 === 0) jsdomMs = await theirs(page);
      if (jsdomMs !== undefined && run.timings.parse) parseRatios.push(jsdomMs.stock / run.timings.parse);
      if (competitors) {
        const html = decodeInput(page.bytes, { sourceName: 'page.html' }).text;
        const times = await competitors.time(html, page.url);
        readabilityTimes.push(times.readabilityMs);
        metascraperTimes.push(times.metascraperMs);
        bothTimes.push(times.readabilityMs + times.metascraperMs);
        speedups.push((times.readabilityMs + times.metascraperMs) / run.wallMs);
      }
    } else {
      refused[run.code] = [...(refused[run.code] ?? []), page.id];
      if (run.code === 'CRASH') process.stderr.write(`${page.id}: ${run.stack}\n`);
    }
    if (jsdomMs !== undefined) {
      jsdomTimes.push(jsdomMs.stock);
      sameHeapJsdomTimes.push(jsdomMs.sameHeap);
      inProcessJsdomTimes.push(jsdomMs.inProcess);
    }
  }
  const gc = await pipelineWorker.gcFigures();
  await pipelineWorker.close();
  await stockSameHeap?.close();
  await stock?.close();
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
    heap: `page worker's: young generation ${pipelineWorker.resourceLimits.maxYoungGenerationSizeMb} MB`,
    gc,
  };
  const competitorFigures: CompetitorFigures | undefined = competitors
    ? {
        pages: bothTimes.length,
        readabilityMs: roundDistribution(distribution(readabilityTimes)),
        metascraperMs: roundDistribution(distribution(metascraperTimes)),
        bothMs: roundDistribution(distribution(bothTimes)),
        speedupP50: round(median(bothTimes) / (pipeline.totalMs.p50 || Number.NaN), 2),
        perPageSpeedupP50: round(median(speedups), 2),
      }
    : undefined;
  const withCompetitors = competitorFigures ? { competitors: competitorFigures } : {};
  if (!withYardstick) return { pipeline, ...withCompetitors };
  const newJsdomMs = roundDistribution(distribution(jsdomTimes));
  const sameHeapNewJsdomMs = roundDistribution(distribution(sameHeapJsdomTimes));
  const inProcessNewJsdomMs = roundDistribution(distribution(inProcessJsdomTimes));
  return {
    pipeline,
    ...withCompetitors,
    yardstick: {
      pages: jsdomTimes.length,
      newJsdomMs,
      sameHeapNewJsdomMs,
      ourTotalToSameHeapJsdomP50: round(pipeline.totalMs.p50 / (sameHeapNewJsdomMs.p50 || Number.NaN), 2),
      inProcessNewJsdomMs,
      ourTotalToInProcessJsdomP50: round(pipeline.totalMs.p50 / (inProcessNewJsdomMs.p50 || Number.NaN), 2),
      perPageRatioToOurParseP50: round(median(parseRatios), 2),
      ratioToOurParseP50: round(newJsdomMs.p50 / (pipeline.stagesMs.parse?.p50 || Number.NaN), 2),
      ratioToOurTotalP50: round(newJsdomMs.p50 / (pipeline.totalMs.p50 || Number.NaN), 2),
      ourTotalToJsdomP50: round(pipeline.totalMs.p50 / (newJsdomMs.p50 || Number.NaN), 2),
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

const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');

function printReport(report: BenchReport): void {
  const { pipeline, yardstick, competitors, hostile, coldStart, localRun } = report;
  const lines = [
    `schemapress bench: ${report.source}, node ${report.node}, load average ${report.loadAverage.join(' ')}${report.nodeOptions ? `, NODE_OPTIONS "${report.nodeOptions}"` : ''}`,
    `pages ${pipeline.pages}, processed ${pipeline.processed}, refused ${JSON.stringify(pipeline.refused)}`,
    `throughput ${pipeline.pagesPerSecond} pages/s, ${pipeline.megabytesPerSecond} MB/s (${pipeline.megabytes} MB in ${pipeline.seconds} s)`,
    '',
    'stage        p50 ms    p90 ms    p99 ms    max ms',
    ...[...Object.entries(pipeline.stagesMs), ['total', pipeline.totalMs] as const].map(
      ([stage, d]) =>
        `${stage.padEnd(10)} ${String(d.p50).padStart(8)} ${String(d.p90).padStart(9)} ${String(d.p99).padStart(9)} ${String(d.max).padStart(9)}`,
    ),
    `peak RSS: ${pipeline.peakRssMb} MB${yardstick || competitors ? ' (pipeline, yardstick and competitors in one process)' : ''}`,
    `the pipeline ran in a worker thread with the ${pipeline.heap} (the yardstick and the competitors with V8's defaults)`,
    `inside the pipeline's calls: ${pipeline.gc.scavenges} scavenges (${pipeline.gc.scavengeMs} ms) and ${pipeline.gc.otherMs} ms of other GC pauses, ${round(pipeline.gc.shareOfWall * 100, 1)}% of its wall time; ${pipeline.gc.minorPageFaultsPerPage} minor page faults per page`,
  ];
  if (localRun) {
    lines.push(
      '',
      `local run (npm start's runtime, embedded s3rver + dynalite): ${localRun.files} files dropped at once`,
      `  ${localRun.records} records (${localRun.published} published, ${localRun.failed} failed), ${localRun.missing.length} missing, ${localRun.duplicates} duplicated`,
      `  ${round(localRun.filesPerSecond, 1)} files/s end to end (${round(localRun.seconds, 1)} s, ${localRun.batches} batches), peak RSS ${Math.round(localRun.peakRssBytes / 2 ** 20)} MB`,
    );
  }
  if (yardstick) {
    lines.push(
      '',
      `yardstick new JSDOM(html), stock jsdom in a worker thread: p50 ${yardstick.newJsdomMs.p50} ms, p99 ${yardstick.newJsdomMs.p99} ms over ${yardstick.pages} pages`,
      `  the same given the page worker's heap: p50 ${yardstick.sameHeapNewJsdomMs.p50} ms; our whole pipeline / it (p50): ${yardstick.ourTotalToSameHeapJsdomP50}x`,
      `  in this process, with the pipeline's jsdom patches: p50 ${yardstick.inProcessNewJsdomMs.p50} ms; our whole pipeline / it (p50): ${yardstick.ourTotalToInProcessJsdomP50}x`,
      `  per page, median new JSDOM / our parse stage: ${yardstick.perPageRatioToOurParseP50}x`,
      `  p50 vs p50: ${yardstick.ratioToOurParseP50}x our parse stage, ${yardstick.ratioToOurTotalP50}x our whole pipeline`,
      `  our whole pipeline / new JSDOM (p50): ${yardstick.ourTotalToJsdomP50}x (target <= ${DEFAULT_MAX_PIPELINE_TO_JSDOM}: ${verdict(yardstick.ourTotalToJsdomP50 <= DEFAULT_MAX_PIPELINE_TO_JSDOM)})`,
    );
  }
  if (competitors) {
    lines.push(
      '',
      `competitors over ${competitors.pages} pages: Readability (new JSDOM + parse) p50 ${competitors.readabilityMs.p50} ms, metascraper p50 ${competitors.metascraperMs.p50} ms, both p50 ${competitors.bothMs.p50} ms`,
      `  (Readability + metascraper) / our pipeline: ${competitors.speedupP50}x p50 vs p50, ${competitors.perPageSpeedupP50}x median per page (target >= ${DEFAULT_MIN_SPEEDUP_OVER_COMPETITORS}: ${verdict(competitors.speedupP50 >= DEFAULT_MIN_SPEEDUP_OVER_COMPETITORS)})`,
    );
  }
  if (hostile) {
    lines.push('', `hostile pages (budget ${DEFAULT_HOSTILE_BUDGET_MS} ms each):`);
    for (const figure of hostile) {
      lines.push(
        `  ${figure.name.padEnd(62)} ${String(figure.ms).padStart(6)} ms  ${figure.outcome}${figure.withinBudget ? '' : '  OVER BUDGET'}`,
      );
    }
  }
  if (coldStart) {
    lines.push('', `cold start (median of runs): node -e '' ${coldStart.emptyNodeMs} ms`);
    for (const figure of coldStart.modules) {
      const sizes = [
        figure.bundleBytes ? `bundle ${round(figure.bundleBytes / 1024, 0)} KB` : '',
        figure.workerBundleBytes ? `page worker ${round(figure.workerBundleBytes / 1024, 0)} KB` : '',
      ].filter(Boolean);
      lines.push(
        `  ${figure.name.padEnd(50)} process ${figure.processMs} ms (+${figure.overEmptyNodeMs}), CPU +${figure.overEmptyNodeCpuMs} ms, inside ${figure.requireMs} ms${sizes.length ? `, ${sizes.join(', ')}` : ''}`,
      );
    }
    // The real Lambda cold path: the handler bundle, its first page through the page worker.
    const firstPage =
      coldStart.modules.find((figure) => figure.firstPageVia === 'ingest-handler') ??
      coldStart.modules.find((figure) => figure.firstPageVia !== undefined);
    if (firstPage) {
      // Judged on the time measured in the child, from before the import to the first result:
      // node's own start is the same in both processes, and the process figure also counts
      // node's exit with a live worker thread, which a Lambda never pays.
      lines.push(
        `  import + first page (${firstPage.name}): ${firstPage.requireMs} ms measured in the child (target <= ${DEFAULT_COLD_BUDGET_MS}: ${verdict(firstPage.requireMs <= DEFAULT_COLD_BUDGET_MS)}); whole process +${firstPage.overEmptyNodeMs} ms over node -e '' (exit included), CPU +${firstPage.overEmptyNodeCpuMs} ms`,
      );
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printSoak(report: SoakReport): void {
  process.stdout.write(
    `${[
      `soak: ${report.pages} pages${process.env.NODE_OPTIONS ? ` (NODE_OPTIONS "${process.env.NODE_OPTIONS}")` : ''}; peak RSS ${report.baseline.peakRssMb} MB at page ${report.baseline.page}, ${report.last.peakRssMb} MB at page ${report.last.page}: ratio ${report.peakRssRatio} (target <= ${1 + DEFAULT_SOAK_TOLERANCE}: ${verdict(report.flat)})`,
      `  RSS now ${report.baseline.rssMb} -> ${report.last.rssMb} MB, heap used ${report.baseline.heapUsedMb} -> ${report.last.heapUsedMb} MB`,
      `  active resources at page ${report.baseline.page}: [${report.baseline.activeResources.join(', ')}], at page ${report.last.page}: [${report.last.activeResources.join(', ')}]`,
    ].join('\n')}\n`,
  );
}

/** The page the cold-start child processes: the first corpus page that processes. */
function firstProcessablePage(pages: readonly BenchPage[]): Uint8Array | undefined {
  for (const page of pages) {
    try {
      processArticleTimed(page.bytes, { sourceName: 'page.html' });
      return page.bytes;
    } catch {
      // Try the next one.
    }
  }
  return undefined;
}

/** Set in the child that --node-options starts, so that it runs the bench itself. */
const BENCH_CHILD_ENV = 'SCHEMAPRESS_BENCH_CHILD';

/**
 * Runs this script again in a child process with `flags` appended to NODE_OPTIONS (the
 * same arguments otherwise); returns its exit code.
 */
function runInChild(flags: string): number {
  const nodeOptions = `${process.env.NODE_OPTIONS ?? ''} ${flags}`.trim();
  process.stderr.write(`bench: running in a child process with NODE_OPTIONS="${nodeOptions}"\n`);
  const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_OPTIONS: nodeOptions, [BENCH_CHILD_ENV]: '1' },
  });
  if (child.error) throw child.error;
  return child.status ?? 1;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      limit: { type: 'string' },
      corpus: { type: 'string' },
      generated: { type: 'string' },
      'no-yardstick': { type: 'boolean', default: false },
      'no-competitors': { type: 'boolean', default: false },
      'no-hostile': { type: 'boolean', default: false },
      'no-cold': { type: 'boolean', default: false },
      'cold-runs': { type: 'string', default: String(DEFAULT_COLD_RUNS) },
      'jsdom-compare': { type: 'string', default: DEFAULT_JSDOM_COMPARE_DIR },
      soak: { type: 'string' },
      'prune-check': { type: 'boolean', default: false },
      'local-files': { type: 'string', default: String(DEFAULT_LOCAL_RUN_FILES) },
      'no-local': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'node-options': { type: 'string' },
    },
  });
  if (values['node-options'] !== undefined && process.env[BENCH_CHILD_ENV] === undefined) {
    process.exitCode = runInChild(values['node-options']);
    return;
  }
  const loaded = loadPages(
    values.corpus,
    values.generated === undefined ? undefined : Number(values.generated),
  );
  const limit =
    values.limit === undefined
      ? values.soak === undefined
        ? loaded.pages.length
        : DEFAULT_SOAK_BASELINE_PAGE
      : Number(values.limit);
  // Spread the sample over all corpora rather than taking the first ones.
  const step = Math.max(1, Math.floor(loaded.pages.length / limit));
  const pages = loaded.pages.filter((_, i) => i % step === 0).slice(0, limit);
  // Warm-up pages: as many others, half a step along, so that no contender is measured on a page
  // it has already seen (the sample itself when the corpus has no other pages).
  const others = loaded.pages.filter((_, i) => i % step === Math.floor(step / 2)).slice(0, limit);
  const warmUpPages = step > 1 && others.length > 0 ? others : pages;
  if (values['prune-check']) {
    const check = checkPruneEquivalence(pages);
    process.stdout.write(`${JSON.stringify({ source: loaded.source, pruneCheck: check }, null, 2)}\n`);
    if (Object.keys(check.differences).length > 0) process.exitCode = 1;
    return;
  }
  if (values.soak !== undefined) {
    // Cycling over a sample no longer than the baseline means every page has been seen
    // once by the baseline, so a later rise in peak RSS is growth, not a bigger page.
    const soak = runSoak(pages, Number(values.soak), (sample) => {
      if (!values.json)
        process.stderr.write(
          `soak page ${sample.page}: RSS ${sample.rssMb} MB, peak ${sample.peakRssMb} MB\n`,
        );
    });
    if (values.json) process.stdout.write(`${JSON.stringify({ source: loaded.source, soak }, null, 2)}\n`);
    else printSoak(soak);
    return;
  }
  const competitors = values['no-competitors'] ? undefined : loadCompetitors();
  const {
    pipeline,
    yardstick,
    competitors: competitorFigures,
  } = await runPages(pages, warmUpPages, !values['no-yardstick'], competitors);
  const hostile = values['no-hostile'] ? undefined : runHostile();
  const firstPage = values['no-cold'] ? undefined : firstProcessablePage(pages);
  const coldStart = values['no-cold']
    ? undefined
    : measureColdStart(
        [
          { name: 'handler lambdas/handlers/ingest.ts', entry: 'lambdas/handlers/ingest.ts' },
          { name: 'core lambdas/core/process.ts', entry: 'lambdas/core/process.ts' },
          ...(firstPage
            ? [
                { name: 'core process.ts + first page', entry: 'lambdas/core/process.ts', firstPage },
                {
                  name: 'handler ingest.ts + first page via its page worker',
                  entry: 'lambdas/handlers/ingest.ts',
                  firstPage,
                  via: 'ingest-handler' as const,
                },
                {
                  name: 'the same, worker with a V8 code cache for this node',
                  entry: 'lambdas/handlers/ingest.ts',
                  firstPage,
                  via: 'ingest-handler' as const,
                  codeCache: true,
                },
              ]
            : []),
        ],
        [path.join(REPO, 'node_modules/jsdom'), values['jsdom-compare']],
        Number(values['cold-runs']),
        ['tinyld', 'tinyld/light'],
      );
  // Last, so its servers and memory do not disturb the per-page figures above.
  const localRun = values['no-local']
    ? undefined
    : await runLoadTest({ files: Number(values['local-files']) });
  const report: BenchReport = {
    source: `${loaded.source}${pages.length < loaded.pages.length ? ` (${pages.length} of ${loaded.pages.length})` : ''}`,
    node: process.versions.node,
    loadAverage: os.loadavg().map((value) => round(value, 2)),
    ...(process.env.NODE_OPTIONS ? { nodeOptions: process.env.NODE_OPTIONS } : {}),
    pipeline,
    ...(yardstick ? { yardstick } : {}),
    ...(competitorFigures ? { competitors: competitorFigures } : {}),
    ...(hostile ? { hostile } : {}),
    ...(coldStart ? { coldStart } : {}),
    ...(localRun ? { localRun } : {}),
  };
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else printReport(report);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
