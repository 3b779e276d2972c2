/**
 * `schemapress run [--once] [--data DIR] [--out DIR] [--port N] [INCOMING_DIR]` — the whole
 * pipeline on this machine (`npm start`). See local/pipeline.ts for what runs.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_DATA_DIR,
  DEFAULT_HTTP_PORT,
  DEFAULT_INCOMING_DIR,
  DEFAULT_OUT_DIR,
} from '../local/defaults';
import { oneLine, type PipelineSummary } from '../local/delivery';
import { type ListeningEndpoints, type LocalPipeline, startLocalPipeline } from '../local/pipeline';

export const RUN_USAGE = `Usage: schemapress run [options] [INCOMING_DIR]

Runs the pipeline locally: embedded S3 (s3rver) and DynamoDB (dynalite), the ingest
handler, and a site with a status page. Uploads INCOMING_DIR (default ${DEFAULT_INCOMING_DIR})
to the source bucket, then watches it: new, changed and deleted files flow through.

Options:
  --once               process what is there, mirror the site into --out, print a summary, exit
  --data DIR           emulator data, queue and dead letters (default ${DEFAULT_DATA_DIR}); kept between runs
  --out DIR            with --once: where the publish bucket is mirrored (default ${DEFAULT_OUT_DIR})
  --port N             site and status page port (default ${DEFAULT_HTTP_PORT}; with --once a free one; 0 = any free one)
  --s3-port N          S3 endpoint port (default: any free one)
  --dynamo-port N      DynamoDB endpoint port (default: any free one)
  --site-url URL       public base URL of published pages (default: the local site's URL)
  --no-watch           upload INCOMING_DIR once, do not watch it
  --quiet              no per-file progress lines
  -h, --help           this help

Exit status: 0 when the pipeline ran (whatever individual files did); 1 when it could not
run (emulators, handler, folder or port problems); 2 on a usage error.`;

export async function main(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${RUN_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  // The SDK's notice that its 2027 releases will need Node 22 would open every run; engines says >=20.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  if (values.help) {
    console.log(RUN_USAGE);
    return 0;
  }
  if (positionals.length > 1) {
    console.error(`Expected at most one INCOMING_DIR, got ${positionals.length}.\n\n${RUN_USAGE}`);
    return 2;
  }
  const ports = {
    httpPort: portOption(values.port, '--port') ?? (values.once ? 0 : DEFAULT_HTTP_PORT),
    s3Port: portOption(values['s3-port'], '--s3-port'),
    dynamoPort: portOption(values['dynamo-port'], '--dynamo-port'),
  };
  if ([ports.httpPort, ports.s3Port, ports.dynamoPort].includes(Number.NaN)) {
    console.error(`Ports must be integers from 0 to 65535.\n\n${RUN_USAGE}`);
    return 2;
  }
  const incomingDir = positionals[0] ?? DEFAULT_INCOMING_DIR;
  if (!existsSync(incomingDir)) {
    console.error(`The incoming folder ${incomingDir} does not exist; create it or name another one.`);
    return 1;
  }
  const log = values.quiet ? () => undefined : (line: string) => console.log(line);

  let pipeline: LocalPipeline;
  try {
    pipeline = await startLocalPipeline({
      dataDir: values.data ?? DEFAULT_DATA_DIR,
      incomingDir,
      watch: !values.once && !values['no-watch'],
      httpPort: ports.httpPort,
      ...(ports.s3Port !== undefined ? { s3Port: ports.s3Port } : {}),
      ...(ports.dynamoPort !== undefined ? { dynamoPort: ports.dynamoPort } : {}),
      ...(values['site-url'] ? { siteUrl: values['site-url'] } : {}),
      ...(values.once ? { reconcileIntervalMs: 0 } : {}),
      log,
      onListening: (endpoints) => printBanner(endpoints, incomingDir),
    });
  } catch (error) {
    console.error(`schemapress run could not start: ${describeStartError(error, ports.httpPort)}`);
    return 1;
  }
  if (pipeline.initialSync) {
    const { uploaded, unchanged, deleted } = pipeline.initialSync;
    console.log(`folder sync: ${uploaded} uploaded, ${unchanged} unchanged, ${deleted} deleted`);
  }

  if (values.once) return runOnce(pipeline, values.out ?? DEFAULT_OUT_DIR);
  return runUntilSignalled(pipeline);
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      once: { type: 'boolean', default: false },
      data: { type: 'string' },
      out: { type: 'string' },
      port: { type: 'string' },
      's3-port': { type: 'string' },
      'dynamo-port': { type: 'string' },
      'site-url': { type: 'string' },
      'no-watch': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

/** undefined when absent, NaN when invalid. */
function portOption(value: string | undefined, _name: string): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  return Number.isInteger(port) && port >= 0 && port <= 65535 && /^\d+$/.test(value) ? port : Number.NaN;
}

function printBanner(pipeline: ListeningEndpoints, incomingDir: string): void {
  const s3Url = `s3://${pipeline.sourceBucket}/${pipeline.sourcePrefix}`;
  console.log(`schemapress local pipeline
  site and status:  ${pipeline.url}
  S3 endpoint:      ${pipeline.s3Endpoint}   (buckets ${pipeline.sourceBucket}, ${pipeline.publishBucket})
  DynamoDB:         ${pipeline.dynamoEndpoint}   (table ${pipeline.tableName})
  data:             ${relative(process.cwd(), pipeline.dataDir) || '.'}
  incoming:         ${incomingDir} -> ${s3Url}
  drop files with any S3 client, e.g.
    AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER aws s3 cp FILE ${s3Url} --endpoint-url ${pipeline.s3Endpoint}`);
}

async function runOnce(pipeline: LocalPipeline, outDir: string): Promise<number> {
  try {
    const summary = await pipeline.drain();
    const files = await pipeline.mirror(outDir);
    printSummary(summary);
    console.log(`mirrored ${files} file(s) of ${pipeline.publishBucket} into ${outDir}`);
    return 0;
  } catch (error) {
    console.error(`schemapress run --once failed: ${(error as Error).message ?? String(error)}`);
    return 1;
  } finally {
    await pipeline.stop();
  }
}

async function runUntilSignalled(pipeline: LocalPipeline): Promise<number> {
  console.log('watching for changes; Ctrl-C stops (nothing is lost: the queue is on disk)');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  console.log('stopping after the batch in progress (Ctrl-C again to quit at once)…');
  process.once('SIGINT', () => process.exit(130));
  const summary = pipeline.summary();
  await pipeline.stop();
  printSummary(summary);
  return 0;
}

export function printSummary(summary: PipelineSummary): void {
  const seconds = (summary.elapsedMs / 1000).toFixed(2);
  console.log(
    `summary: ${summary.published} published, ${summary.failed.length} failed, ${summary.skipped} skipped, ` +
      `${summary.removed} removed, ${summary.superseded} superseded, ${summary.deadLettered.length} dead-lettered ` +
      `(${summary.messages} messages in ${summary.batches} batches, ${seconds} s)`,
  );
  for (const failure of summary.failed) {
    console.log(`  failed ${oneLine(failure.key)}: ${failure.code}: ${oneLine(failure.message)}`);
  }
  for (const letter of summary.deadLettered) {
    console.log(
      `  dead-lettered ${oneLine(letter.key)}: ${oneLine(letter.error)} (dead-letter/${letter.messageId}.json)`,
    );
  }
  for (const error of summary.hookErrors) console.log(`  discovery failed: ${oneLine(error)}`);
}

function describeStartError(error: unknown, httpPort: number): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return `a port is already in use (site port ${httpPort}); choose another with --port N, or --port 0 for any free one.`;
  }
  return error instanceof Error ? error.message : String(error);
}
