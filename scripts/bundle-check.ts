/**
 * Bundles the Lambda functions exactly as `cdk synth` does and reports, for each code file of
 * each asset (the handler's `index.js`, and the ingest function's prestart `index.js`, its
 * `handler.js` and `page-worker.js`): size (raw, gzipped, map) and the time a fresh `node`
 * takes to load it (median of several runs, from a temp copy with no node_modules around), next
 * to an empty `node -e ''` start:
 * - `index.js`, `handler.js`: `require` in the main thread;
 * - `page-worker.js`: a worker thread started on it, until it says it is ready;
 * - the ingest function's real cold path: `index.js` imported, then one page processed through
 *   its page worker (`--page FILE`; default: a small built-in article).
 *
 * Usage: npx tsx scripts/bundle-check.ts [--runs N] [--page FILE] [--json]
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { App } from 'aws-cdk-lib';
import { HANDLER_BUNDLE_FILE, PAGE_WORKER_BUNDLE_FILE } from '../lambdas/adapters/page-worker';
import { SchemaPressStack } from '../lib/schemapress-stack';
import { COLD_RUN_HANDLER_ENV } from './lib/bench-cold';

const DEFAULT_RUNS = 5;
const FUNCTIONS = { ingest: 'PipelineIngestFunction', discovery: 'PipelineDiscoveryFunction' } as const;
/** The first page when no --page is given: a small article, enough to run every stage once. */
const DEFAULT_FIRST_PAGE = `<!doctype html><html lang="en"><head><title>Harbour reopens after storm | Example Times</title>
<meta property="og:title" content="Harbour reopens after storm"><meta name="author" content="Ana Lima">
<meta property="article:published_time" content="2026-11-20T08:00:00Z"></head>
<body><article><h1>Harbour reopens after storm</h1>
<p>The harbour reopened on Friday after a week of repairs to the storm-damaged quay, officials said.</p>
<p>Fishing boats returned to their moorings by noon and the ferry service resumes on Monday.</p>
</article></body></html>`;

interface BundleFigures {
  /** `<function>/<file>`, or `<function> import + first page` for the cold path. */
  readonly name: string;
  /** What was timed: see `childScript`. */
  readonly kind: LoadKind;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly mapBytes: number;
  readonly loadMsMedian: number;
  readonly loadMsRuns: readonly number[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** What a child measures, from its own clock start to the end of the work. */
type LoadKind = 'require' | 'worker-ready' | 'first-page';
const LOAD_LABELS: Record<LoadKind, string> = {
  require: 'require',
  'worker-ready': 'worker thread ready',
  'first-page': 'import + first page via the worker',
};

/**
 * The child's script for `kind` on `file`:
 * - require: `require(file)`;
 * - worker-ready: a worker thread on `file`, until its 'ready' message (see page-worker.ts);
 * - first-page: `require(file)`, then `page.html` through `ingestDependenciesFromEnv().processArticle`.
 */
function childScript(kind: LoadKind, file: string): string {
  const target = JSON.stringify(`./${file}`);
  const done = 'process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6))';
  switch (kind) {
    case 'require':
      return `const t = process.hrtime.bigint(); require(${target}); ${done};`;
    case 'worker-ready':
      return (
        `const { Worker } = require('node:worker_threads'); const t = process.hrtime.bigint(); ` +
        `const w = new Worker(${target}); w.on('message', (m) => { if (m && m.type === 'ready') { ${done}; w.terminate(); } });`
      );
    case 'first-page':
      return (
        `const page = require('node:fs').readFileSync('./page.html'); const t = process.hrtime.bigint(); ` +
        `Promise.resolve(require(${target}).ingestDependenciesFromEnv().processArticle(page, { sourceName: 'page.html' }))` +
        `.then(() => { ${done}; });`
      );
  }
}

/** Milliseconds a fresh node spends on `kind` of `file` in `dir` (measured inside the child). */
function loadTime(dir: string, kind: LoadKind, file: string): number {
  const output = execFileSync(process.execPath, ['-e', childScript(kind, file)], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...COLD_RUN_HANDLER_ENV },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return Number(output.toString());
}

/** Milliseconds for a whole `node -e ''` process, the floor of any cold start here. */
function fileFigures(name: string, dir: string, file: string, runs: number, kind: LoadKind): BundleFigures {
  const code = fs.readFileSync(path.join(dir, file));
  const map = path.join(dir, `${file}.map`);
  const loadMsRuns = Array.from({ length: runs }, () => loadTime(dir, kind, file));
  return {
    name,
    kind,
    bytes: code.byteLength,
    gzipBytes: gzipSync(code).byteLength,
    mapBytes: fs.existsSync(map) ? fs.statSync(map).size : 0,
    loadMsMedian: median(loadMsRuns),
    loadMsRuns,
  };
}

function emptyNodeTime(): number {
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, ['-e', '']);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: String(DEFAULT_RUNS) },
      page: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const runs = Math.max(1, Number(values.runs) || DEFAULT_RUNS);
  const firstPage = values.page === undefined ? DEFAULT_FIRST_PAGE : fs.readFileSync(values.page);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemapress-bundle-check-'));
  try {
    const app = new App({ outdir: path.join(workDir, 'cdk.out'), builtinCloudFormationValidation: false });
    const stack = new SchemaPressStack(app, 'BundleCheck');
    const assembly = app.synth();
    const template = JSON.parse(
      fs.readFileSync(path.join(assembly.directory, stack.templateFile), 'utf8'),
    ) as {
      Resources: Record<string, { Type: string; Properties: { Code?: { S3Key?: string } } }>;
    };
    const figures: BundleFigures[] = [];
    for (const [name, prefix] of Object.entries(FUNCTIONS)) {
      const [, fn] = Object.entries(template.Resources).find(([id]) => id.startsWith(prefix)) ?? [];
      const key = fn?.Properties.Code?.S3Key?.replace(/\.zip$/, '');
      if (!key) throw new Error(`no bundled ${name} function in the template`);
      const dir = path.join(workDir, name);
      fs.cpSync(path.join(assembly.directory, `asset.${key}`), dir, { recursive: true });
      const files = ['index.js', HANDLER_BUNDLE_FILE, PAGE_WORKER_BUNDLE_FILE].filter((file) =>
        fs.existsSync(path.join(dir, file)),
      );
      for (const file of files) {
        const kind: LoadKind = file === PAGE_WORKER_BUNDLE_FILE ? 'worker-ready' : 'require';
        figures.push(fileFigures(`${name}/${file}`, dir, file, runs, kind));
      }
      if (files.includes(PAGE_WORKER_BUNDLE_FILE)) {
        fs.writeFileSync(path.join(dir, 'page.html'), firstPage);
        figures.push(fileFigures(`${name} import + first page`, dir, 'index.js', runs, 'first-page'));
      }
    }
    const emptyNodeMs = median(Array.from({ length: runs }, emptyNodeTime));
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({ node: process.version, runs, emptyNodeMs, bundles: figures }, null, 2)}\n`,
      );
      return;
    }
    process.stdout.write(
      `node ${process.version}, ${runs} runs; empty \`node -e ''\` process: ${emptyNodeMs.toFixed(0)} ms\n`,
    );
    for (const f of figures) {
      const size =
        f.kind === 'first-page'
          ? ''
          : `${(f.bytes / 1e6).toFixed(2)} MB (gzip ${(f.gzipBytes / 1e6).toFixed(2)} MB, map ${(f.mapBytes / 1e6).toFixed(2)} MB); `;
      process.stdout.write(
        `${f.name.padEnd(32)} ${size}${LOAD_LABELS[f.kind]}: median ${f.loadMsMedian.toFixed(0)} ms ` +
          `[${f.loadMsRuns.map((ms) => ms.toFixed(0)).join(', ')}]\n`,
      );
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main();
