/**
 * Cold-start figures: a fresh `node` loading a module, next to an empty `node -e ''`.
 * Modules are bundled with esbuild as the Lambda construct bundles them (CJS, node20,
 * minified, names kept, optional native add-ons external), so the figure is what a
 * Lambda cold start pays for loading code, without the runtime's own start.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { median, round } from './bench-stats';

/** Runs per figure; the median is reported. */
export const DEFAULT_COLD_RUNS = 5;
const REPO = path.resolve(__dirname, '../..');
/** Optional add-ons jsdom, ws and the SDK load inside try/catch (see lib/house-function.ts). */
const OPTIONAL_NATIVE_MODULES = ['canvas', 'bufferutil', 'utf-8-validate', '@aws-sdk/signature-v4-crt'];
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
  readonly bundleBytes?: number;
  readonly version?: string;
  readonly runs: readonly number[];
}

export interface ColdStartReport {
  readonly emptyNodeMs: number;
  readonly modules: readonly ColdFigure[];
}

/** Issue 7: import + first page of the shipped bundle, over a bare `node -e ''`. */
export const DEFAULT_COLD_BUDGET_MS = 500;

function wallTime(args: readonly string[], cwd: string): { wall: number; inside: number } {
  const started = process.hrtime.bigint();
  const output = execFileSync(process.execPath, [...args], { cwd, env: { PATH: process.env.PATH ?? '' } });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  return { wall, inside: Number(output.toString() || '0') };
}

function requireScript(target: string, firstPage?: string): string {
  // With a first page: the bundle exports processArticle; the page is read before the clock starts.
  const page = firstPage
    ? `const page = require('node:fs').readFileSync(${JSON.stringify(firstPage)}); `
    : '';
  const call = firstPage ? ".processArticle(page, { sourceName: 'page.html' })" : '';
  return (
    `${page}const t = process.hrtime.bigint(); require(${JSON.stringify(target)})${call}; ` +
    'process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));'
  );
}

function measureRequire(
  name: string,
  target: string,
  cwd: string,
  runs: number,
  emptyNodeMs: number,
  firstPage?: string,
): ColdFigure {
  const walls: number[] = [];
  const insides: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { wall, inside } = wallTime(['-e', requireScript(target, firstPage)], cwd);
    walls.push(wall);
    insides.push(inside);
  }
  const processMs = median(walls);
  return {
    name,
    processMs: round(processMs),
    requireMs: round(median(insides)),
    overEmptyNodeMs: round(processMs - emptyNodeMs),
    runs: walls.map((value) => round(value)),
  };
}

/** Bundles `entry` (repo-relative) into a fresh temp directory; returns that directory. */
function bundle(entry: string): { dir: string; bytes: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemapress-cold-'));
  const outfile = path.join(dir, 'index.js');
  buildSync({
    entryPoints: [path.join(REPO, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    keepNames: true,
    external: OPTIONAL_NATIVE_MODULES,
    logLevel: 'error',
  });
  fs.writeFileSync(path.join(dir, 'xhr-sync-worker.js'), XHR_SYNC_WORKER_STUB);
  return { dir, bytes: fs.statSync(outfile).size };
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
  /** When set, the child also processes this page (the entry must export processArticle). */
  readonly firstPage?: Uint8Array;
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
  const empty: number[] = [];
  for (let i = 0; i < runs; i++) empty.push(wallTime(['-e', ''], REPO).wall);
  const emptyNodeMs = median(empty);
  const modules: ColdFigure[] = [];
  for (const { name, entry, firstPage } of entries) {
    try {
      const built = bundle(entry);
      if (firstPage) fs.writeFileSync(path.join(built.dir, 'page.html'), firstPage);
      modules.push({
        ...measureRequire(
          name,
          './index.js',
          built.dir,
          runs,
          emptyNodeMs,
          firstPage ? './page.html' : undefined,
        ),
        bundleBytes: built.bytes,
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
      ...measureRequire(`require('jsdom') ${version ?? dir}`, dir, REPO, runs, emptyNodeMs),
      ...(version ? { version } : {}),
    });
  }
  for (const target of modulesToRequire) {
    modules.push(measureRequire(`require('${target}')`, target, REPO, runs, emptyNodeMs));
  }
  return { emptyNodeMs: round(emptyNodeMs), modules };
}
