/**
 * Cold-start figures: a fresh `node` loading a module, next to an empty `node -e ''`.
 * Modules are bundled with esbuild as the Lambda construct bundles them (CJS, node20,
 * HOUSE_MINIFY, names kept, optional native add-ons external, and the page worker bundled next
 * to a handler that starts one, behind the prestart `index.js`), so the figure is what a Lambda
 * cold start pays for loading code, without the runtime's own start.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { HANDLER_BUNDLE_FILE } from '../../lambdas/adapters/page-worker';
import { ENV } from '../../lambdas/contract';
import { buildPageWorker } from '../../lib/bundle/build-page-worker';
import {
  HOUSE_BUNDLE_TARGET,
  HOUSE_MAIN_FIELDS,
  OPTIONAL_NATIVE_MODULES,
  pageWorkerSettings,
} from '../../lib/house-function';
import { median, round } from './bench-stats';

/** Runs per figure; the median is reported. */
export const DEFAULT_COLD_RUNS = 5;
const REPO = path.resolve(__dirname, '../..');
/** jsdom resolves this file next to its code when it loads; page scripts never run, so a stub will do. */
const XHR_SYNC_WORKER_STUB = "throw new Error('synchronous XMLHttpRequest is disabled');\n";

export interface ColdFigure {
  readonly name: string;
  /** Median wall time of the whole `node` process, ms. */
  readonly processMs: number;
  /** Median time spent inside `require`, measured in the child, ms. */
  readonly requireMs: number;
  /** processMs minus the empty node start. */
  readonly overEmptyNodeMs: number;
  /**
   * Median CPU time of the child (user + system, all its threads) when the work was done, ms:
   * steadier than wall time on a shared machine, and what a one-vCPU Lambda pays.
   */
  readonly cpuMs: number;
  /** cpuMs minus the CPU time of an empty node start. */
  readonly overEmptyNodeCpuMs: number;
  /** Size of the code the handler thread loads: `index.js`, and `handler.js` behind a prestart file. */
  readonly bundleBytes?: number;
  /** How the first page was processed, when the child processed one. */
  readonly firstPageVia?: FirstPageVia;
  /** Size of the page worker bundle shipped next to it, when there is one. */
  readonly workerBundleBytes?: number;
  readonly version?: string;
  readonly runs: readonly number[];
}

export interface ColdStartReport {
  readonly emptyNodeMs: number;
  /** CPU time of `node -e ''`, ms. */
  readonly emptyNodeCpuMs: number;
  readonly modules: readonly ColdFigure[];
}

/** Issue 7: import + first page of the shipped bundle, over a bare `node -e ''`. */
export const DEFAULT_COLD_BUDGET_MS = 500;

/**
 * What the ingest handler reads at import and when building its dependencies, for a cold run
 * of a shipped bundle; nothing is sent. Shared with scripts/bundle-check.ts.
 */
export const COLD_RUN_HANDLER_ENV: Readonly<Record<string, string>> = {
  [ENV.SOURCE_BUCKET]: 'cold-source',
  [ENV.PUBLISH_BUCKET]: 'cold-publish',
  [ENV.ARTICLE_TABLE]: 'cold-articles',
  [ENV.SITE_URL]: 'https://news.example.test/',
  // A cold first page on a busy machine may take longer than the default budget: measure it whole.
  [ENV.PAGE_TIME_BUDGET_MS]: '600000',
  AWS_REGION: 'eu-west-1',
  // The AWS SDK warns at import that it will soon need Node 22; the functions run Node 22, where
  // it does not, so the child neither writes the warning nor counts the time it takes.
  NODE_NO_WARNINGS: '1',
};

/** Appended to every child script: the process's CPU time, after the work's own figure. */
const PRINT_CPU =
  "const cpu = process.cpuUsage(); process.stdout.write(' ' + String((cpu.user + cpu.system) / 1000));";

function wallTime(args: readonly string[], cwd: string): { wall: number; inside: number; cpu: number } {
  const started = process.hrtime.bigint();
  const output = execFileSync(process.execPath, [...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...COLD_RUN_HANDLER_ENV },
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  const [inside = '0', cpu = '0'] = output.toString().trim().split(' ');
  return { wall, inside: Number(inside), cpu: Number(cpu) };
}

/**
 * How the child reaches the first page: the core bundle's own `processArticle`, or the ingest
 * handler's dependencies (its page worker, as an invocation would: the handler's clients and
 * settings are built, nothing is sent to AWS).
 */
export type FirstPageVia = 'core' | 'ingest-handler';

function requireScript(target: string, firstPage?: string, via: FirstPageVia = 'core'): string {
  // The page is read before the clock starts.
  const page = firstPage
    ? `const page = require('node:fs').readFileSync(${JSON.stringify(firstPage)}); `
    : '';
  const loaded = `require(${JSON.stringify(target)})`;
  const work = !firstPage
    ? loaded
    : via === 'core'
      ? `${loaded}.processArticle(page, { sourceName: 'page.html' })`
      : `${loaded}.ingestDependenciesFromEnv().processArticle(page, { sourceName: 'page.html' })`;
  return (
    `${page}const t = process.hrtime.bigint(); ` +
    `Promise.resolve(${work}).then(() => { ` +
    `process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6)); ${PRINT_CPU} });`
  );
}

function measureRequire(
  name: string,
  target: string,
  cwd: string,
  runs: number,
  empty: { readonly wall: number; readonly cpu: number },
  firstPage?: string,
  via?: FirstPageVia,
  nodeArgs: readonly string[] = [],
): ColdFigure {
  const walls: number[] = [];
  const insides: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { wall, inside, cpu } = wallTime([...nodeArgs, '-e', requireScript(target, firstPage, via)], cwd);
    walls.push(wall);
    insides.push(inside);
    cpus.push(cpu);
  }
  const processMs = median(walls);
  const cpuMs = median(cpus);
  return {
    name,
    processMs: round(processMs),
    requireMs: round(median(insides)),
    overEmptyNodeMs: round(processMs - empty.wall),
    cpuMs: round(cpuMs),
    overEmptyNodeCpuMs: round(cpuMs - empty.cpu),
    runs: walls.map((value) => round(value)),
  };
}

/**
 * Bundles `entry` (repo-relative) into a fresh temp directory, with the page worker next to it
 * when the entry starts one (as lib/house-function.ts does); returns that directory. Source
 * maps are written as in the Lambda asset, so `--enable-source-maps` can be measured.
 */
function bundle(entry: string, codeCache?: boolean): { dir: string; bytes: number; workerBytes?: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemapress-cold-'));
  const outfile = path.join(dir, 'index.js');
  const settings = { ...pageWorkerSettings(), ...(codeCache === undefined ? {} : { codeCache }) };
  buildSync({
    entryPoints: [path.join(REPO, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: HOUSE_BUNDLE_TARGET,
    format: 'cjs',
    minifyWhitespace: settings.minifyWhitespace,
    minifySyntax: settings.minifySyntax,
    minifyIdentifiers: settings.minifyIdentifiers,
    keepNames: settings.keepNames,
    sourcemap: settings.sourcemap ? 'linked' : false,
    sourcesContent: false,
    external: [...OPTIONAL_NATIVE_MODULES],
    mainFields: [...HOUSE_MAIN_FIELDS],
    logLevel: 'error',
  });
  fs.writeFileSync(path.join(dir, 'xhr-sync-worker.js'), XHR_SYNC_WORKER_STUB);
  const withWorker = buildPageWorker(dir, settings);
  const handlerFile = path.join(dir, HANDLER_BUNDLE_FILE);
  return {
    dir,
    bytes: fs.statSync(outfile).size + (fs.existsSync(handlerFile) ? fs.statSync(handlerFile).size : 0),
    ...(withWorker ? { workerBytes: fs.statSync(path.join(dir, 'page-worker.js')).size } : {}),
  };
}

function jsdomVersion(packageDir: string): string | undefined {
  try {
    return (
      JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version?: string }
    ).version;
  } catch {
    return undefined;
  }
}

export interface ColdEntry {
  readonly name: string;
  /** Repo-relative module to bundle. */
  readonly entry: string;
  /** When set, the child also processes this page (see `via`). */
  readonly firstPage?: Uint8Array;
  /**
   * How the first page is processed: 'core' calls the bundle's `processArticle`; 'ingest-handler'
   * goes through `ingestDependenciesFromEnv().processArticle` (the page worker).
   * @default 'core'
   */
  readonly via?: FirstPageVia;
  /** Node flags of the child, e.g. ['--enable-source-maps'] as the Lambda sets them. @default none */
  readonly nodeArgs?: readonly string[];
  /**
   * Ship the page worker's V8 code cache for this node, whatever the house settings say (they
   * make one only when the synth's node matches the Lambda runtime).
   * @default the house settings
   */
  readonly codeCache?: boolean;
}

/**
 * Measures:
 *  1. `node -e ''` (the floor);
 *  2. each entry bundled, loaded from a directory with no node_modules (and, when given,
 *     its first page processed);
 *  3. `require('jsdom')` from node_modules for each jsdom install given (unbundled);
 *  4. `require` of other modules from node_modules (e.g. tinyld builds), unbundled.
 */
export function measureColdStart(
  entries: readonly ColdEntry[],
  jsdomDirs: readonly string[],
  runs = DEFAULT_COLD_RUNS,
  modulesToRequire: readonly string[] = [],
): ColdStartReport {
  const emptyWalls: number[] = [];
  const emptyCpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { wall, cpu } = wallTime(['-e', `process.stdout.write('0'); ${PRINT_CPU}`], REPO);
    emptyWalls.push(wall);
    emptyCpus.push(cpu);
  }
  const empty = { wall: median(emptyWalls), cpu: median(emptyCpus) };
  const modules: ColdFigure[] = [];
  for (const { name, entry, firstPage, via, nodeArgs, codeCache } of entries) {
    try {
      const built = bundle(entry, codeCache);
      if (firstPage) fs.writeFileSync(path.join(built.dir, 'page.html'), firstPage);
      modules.push({
        ...measureRequire(
          name,
          './index.js',
          built.dir,
          runs,
          empty,
          firstPage ? './page.html' : undefined,
          via,
          nodeArgs,
        ),
        bundleBytes: built.bytes,
        ...(firstPage ? { firstPageVia: via ?? 'core' } : {}),
        ...(built.workerBytes !== undefined ? { workerBundleBytes: built.workerBytes } : {}),
      });
      fs.rmSync(built.dir, { recursive: true, force: true });
    } catch (error) {
      process.stderr.write(
        `cold start of ${entry} not measured: ${(error as Error).message.split('\n')[0]}\n`,
      );
    }
  }
  for (const dir of jsdomDirs) {
    if (!fs.existsSync(dir)) continue;
    const version = jsdomVersion(dir);
    modules.push({
      ...measureRequire(`require('jsdom') ${version ?? dir}`, dir, REPO, runs, empty),
      ...(version ? { version } : {}),
    });
  }
  for (const target of modulesToRequire) {
    modules.push(measureRequire(`require('${target}')`, target, REPO, runs, empty));
  }
  return { emptyNodeMs: round(empty.wall), emptyNodeCpuMs: round(empty.cpu), modules };
}
