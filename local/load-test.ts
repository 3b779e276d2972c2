/**
 * End-to-end load measurement of the local pipeline (the load part of `npm run bench`):
 * drops N generated article pages into the source bucket at once and measures how long the
 * pipeline takes to turn them into records and pages, and the process's peak memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalPipeline } from './pipeline';

/** Uploads in flight at once while dropping the files. */
const DEFAULT_UPLOAD_CONCURRENCY = 16;
const MEMORY_SAMPLE_INTERVAL_MS = 50;

export interface LoadTestOptions {
  /** How many files to drop. */
  readonly files: number;
  /** @default a temp dir, removed afterwards */
  readonly dataDir?: string;
  /** @default DEFAULT_UPLOAD_CONCURRENCY */
  readonly uploadConcurrency?: number;
  /** Progress lines of the pipeline. @default discarded */
  readonly log?: (line: string) => void;
}

export interface LoadTestResult {
  readonly files: number;
  /** Records found for the dropped keys. */
  readonly records: number;
  readonly published: number;
  readonly failed: number;
  /** Dropped keys without a record. */
  readonly missing: readonly string[];
  /** Records of keys that were not dropped, or events processed more than once. */
  readonly duplicates: number;
  /** From the first upload to the drained queue. */
  readonly seconds: number;
  readonly filesPerSecond: number;
  readonly peakRssBytes: number;
  readonly batches: number;
}

/** A small, distinct, realistic news page for file `index`. */
export function generatedArticle(index: number): string {
  const day = String((index % 28) + 1).padStart(2, '0');
  const paragraphs = Array.from(
    { length: 6 },
    (_, p) =>
      `<p>Paragraph ${p + 1} of report ${index}: the council of district ${index % 17} met on Tuesday to discuss ` +
      `road repairs, school places and the budget for the coming year, and residents asked questions for an hour.</p>`,
  ).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>District ${index % 17} council report number ${index}</title>
<meta name="author" content="Reporter ${index % 9}">
<meta property="article:published_time" content="2025-02-${day}T09:00:00Z">
</head><body><article>
<h1>District ${index % 17} council report number ${index}</h1>
<p class="byline">By Reporter ${index % 9}</p>
${paragraphs}
</article></body></html>
`;
}

/**
 * Steps:
 * 1. Start a pipeline on a fresh data dir (no folder, no discovery: the ingest path only).
 * 2. Sample RSS; upload every file with bounded concurrency; drain.
 * 3. Count records per dropped key and events per outcome; stop; report.
 */
export async function runLoadTest(options: LoadTestOptions): Promise<LoadTestResult> {
  const temporaryDir = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'schemapress-load-'));
  const pipeline = await startLocalPipeline({
    dataDir: options.dataDir ?? (temporaryDir as string),
    discovery: false,
    reconcileIntervalMs: 0,
    ...(options.log ? { log: options.log } : {}),
  });
  let peakRssBytes = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss);
  }, MEMORY_SAMPLE_INTERVAL_MS);
  try {
    const names = Array.from(
      { length: options.files },
      (_, i) => `load/article-${String(i).padStart(5, '0')}.html`,
    );
    const started = performance.now();
    let next = 0;
    const uploader = async () => {
      while (next < names.length) {
        const index = next++;
        await pipeline.putSource(names[index] as string, generatedArticle(index));
      }
    };
    await Promise.all(
      Array.from({ length: options.uploadConcurrency ?? DEFAULT_UPLOAD_CONCURRENCY }, uploader),
    );
    const summary = await pipeline.drain();
    const seconds = (performance.now() - started) / 1000;
    peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss);

    const dropped = new Set(names.map((name) => pipeline.sourcePrefix + name));
    const records = (await pipeline.records()).filter((record) => dropped.has(record.source.key));
    const seen = new Set(records.map((record) => record.source.key));
    const processedEvents = summary.published + summary.failed.length + summary.superseded;
    return {
      files: options.files,
      records: records.length,
      published: records.filter((record) => record.status === 'published').length,
      failed: records.filter((record) => record.status === 'failed').length,
      missing: [...dropped].filter((key) => !seen.has(key)),
      duplicates: Math.max(0, processedEvents - options.files) + (records.length - seen.size),
      seconds,
      filesPerSecond: options.files / seconds,
      peakRssBytes,
      batches: summary.batches,
    };
  } finally {
    clearInterval(sampler);
    await pipeline.stop();
    if (temporaryDir) rmSync(temporaryDir, { recursive: true, force: true });
  }
}

/** `npx tsx local/load-test.ts [FILES]`: prints one load measurement as JSON. */
if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const files = Number(process.argv[2] ?? 1000);
  runLoadTest({ files })
    .then((result) => {
      const { missing, ...figures } = result;
      console.log(
        JSON.stringify({
          ...figures,
          missing: missing.length,
          peakRssMB: Math.round(result.peakRssBytes / 2 ** 20),
        }),
      );
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
