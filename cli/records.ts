/**
 * `schemapress records [--data DIR]` — prints every article record of a local data dir as
 * JSON lines (sorted by id).
 *
 * When a `schemapress run` is live on the data dir, its DynamoDB endpoint (from
 * `<data>/endpoints.json`) is read instead: dynalite's LevelDB store admits one process.
 * Otherwise the emulators are started on the data dir on free ports, scanned and stopped.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ArticleRecord } from '../lambdas/core/record';
import { DATA_LAYOUT, DEFAULT_DATA_DIR, DEFAULT_TABLE_NAME } from '../local/defaults';
import { findRunningInstance } from '../local/endpoints-file';
import { createLocalDocumentClient, scanAllRecords } from '../local/local-clients';

export const RECORDS_USAGE = `Usage: schemapress records [--data DIR] [--table NAME]

Prints every article record of the local pipeline's data dir as JSON lines.

Options:
  --data DIR     data dir of \`schemapress run\` (default ${DEFAULT_DATA_DIR})
  --table NAME   table name (default: the running instance's, else ${DEFAULT_TABLE_NAME})
  -h, --help     this help`;

export async function main(args: string[]): Promise<number> {
  let values: { data?: string; table?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        data: { type: 'string' },
        table: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${RECORDS_USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(RECORDS_USAGE);
    return 0;
  }
  // The SDK's notice that its 2027 releases need Node 22 would precede the records; engines says >=20.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dataDir = resolve(values.data ?? DEFAULT_DATA_DIR);
  if (!existsSync(dataDir)) {
    console.error(
      `No data dir at ${dataDir}: run \`schemapress run --data ${values.data ?? DEFAULT_DATA_DIR}\` first.`,
    );
    return 1;
  }
  try {
    const records = await readRecords(dataDir, values.table);
    for (const record of records.sort((a, b) => a.id.localeCompare(b.id)))
      console.log(JSON.stringify(record));
    return 0;
  } catch (error) {
    // startEmulators says clearly when another process holds the data dir's DynamoDB store.
    console.error(`schemapress records failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/** Every record of the data dir, through a live run when there is one. */
export async function readRecords(dataDir: string, tableName?: string): Promise<ArticleRecord[]> {
  const running = findRunningInstance(dataDir);
  if (running) {
    return scanEndpoint(running.dynamoEndpoint, tableName ?? running.tableName);
  }
  if (!existsSync(join(dataDir, DATA_LAYOUT.dynamodb))) return [];
  // Loaded only here: it pulls in the Lambda adapters, which read the environment when loaded.
  const { startEmulators } = require('../local/emulators') as typeof import('../local/emulators');
  const emulators = await startEmulators({ dataDir });
  try {
    return await scanEndpoint(emulators.dynamoEndpoint, tableName ?? DEFAULT_TABLE_NAME);
  } finally {
    await emulators.stop();
  }
}

async function scanEndpoint(endpoint: string, tableName: string): Promise<ArticleRecord[]> {
  const documents = createLocalDocumentClient(endpoint);
  try {
    return await scanAllRecords(documents, tableName);
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return [];
    throw error;
  } finally {
    documents.destroy();
  }
}
