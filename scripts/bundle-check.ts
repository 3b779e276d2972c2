/**
 * Bundles the Lambda functions exactly as `cdk synth` does and reports, for each: bundle size
 * (raw and gzipped), and the time a fresh `node` takes to load it (median of several runs,
 * from a temp copy with no node_modules around), next to an empty `node -e ''` start.
 *
 * Usage: npx tsx scripts/bundle-check.ts [--runs N] [--json]
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { App } from 'aws-cdk-lib';
import { SchemaPressStack } from '../lib/schemapress-stack';

const DEFAULT_RUNS = 5;
const FUNCTIONS = { ingest: 'PipelineIngestFunction', discovery: 'PipelineDiscoveryFunction' } as const;

interface BundleFigures {
  readonly name: string;
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

/** Milliseconds a fresh node spends in `require('./index.js')` (measured inside the child). */
function loadTime(dir: string): number {
  const script =
    "const t = process.hrtime.bigint(); require('./index.js'); " +
    'process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));';
  const output = execFileSync(process.execPath, ['-e', script], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '' },
  });
  return Number(output.toString());
}

/** Milliseconds for a whole `node -e ''` process, the floor of any cold start here. */
function emptyNodeTime(): number {
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, ['-e', '']);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: String(DEFAULT_RUNS) },
      json: { type: 'boolean', default: false },
    },
  });
  const runs = Math.max(1, Number(values.runs) || DEFAULT_RUNS);
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
      const code = fs.readFileSync(path.join(dir, 'index.js'));
      const loadMsRuns = Array.from({ length: runs }, () => loadTime(dir));
      figures.push({
        name,
        bytes: code.byteLength,
        gzipBytes: gzipSync(code).byteLength,
        mapBytes: fs.statSync(path.join(dir, 'index.js.map')).size,
        loadMsMedian: median(loadMsRuns),
        loadMsRuns,
      });
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
      process.stdout.write(
        `${f.name.padEnd(10)} ${(f.bytes / 1e6).toFixed(2)} MB (gzip ${(f.gzipBytes / 1e6).toFixed(2)} MB, map ` +
          `${(f.mapBytes / 1e6).toFixed(2)} MB); require: median ${f.loadMsMedian.toFixed(0)} ms ` +
          `[${f.loadMsRuns.map((ms) => ms.toFixed(0)).join(', ')}]\n`,
      );
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main();
