/**
 * `<data>/endpoints.json`: written by a running `schemapress run` so other commands
 * (`records`, `sitemaps`, any S3 client) can reach its emulators instead of opening the same
 * data dir a second time (dynalite's LevelDB store allows one process only).
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_LAYOUT } from './defaults';

export interface RunningEndpoints {
  readonly pid: number;
  readonly startedAt: string;
  readonly s3Endpoint: string;
  readonly dynamoEndpoint: string;
  /** Site and status page. */
  readonly httpUrl: string;
  /** Base URL of published pages (the handler's ENV.SITE_URL): httpUrl unless `--site-url` was given. */
  readonly siteUrl?: string;
  readonly sourceBucket: string;
  readonly publishBucket: string;
  readonly tableName: string;
  readonly sourcePrefix: string;
}

export function endpointsFilePath(dataDir: string): string {
  return join(dataDir, DATA_LAYOUT.endpoints);
}

export function writeEndpointsFile(dataDir: string, endpoints: RunningEndpoints): void {
  const path = endpointsFilePath(dataDir);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(endpoints, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

/** Removes the file if it still describes this process (a newer run may have replaced it). */
export function removeEndpointsFile(dataDir: string, pid = process.pid): void {
  const current = readEndpointsFile(dataDir);
  if (current && current.pid === pid) rmSync(endpointsFilePath(dataDir), { force: true });
}

export function readEndpointsFile(dataDir: string): RunningEndpoints | undefined {
  try {
    const parsed = JSON.parse(readFileSync(endpointsFilePath(dataDir), 'utf8')) as Partial<RunningEndpoints>;
    if (typeof parsed.pid !== 'number' || typeof parsed.s3Endpoint !== 'string') return undefined;
    if (typeof parsed.dynamoEndpoint !== 'string') return undefined;
    return parsed as RunningEndpoints;
  } catch {
    return undefined;
  }
}

/**
 * The endpoints of a live `run` on this data dir, or undefined when none runs (a file left
 * behind by a killed process names a dead pid and is ignored).
 */
export function findRunningInstance(dataDir: string): RunningEndpoints | undefined {
  const endpoints = readEndpointsFile(dataDir);
  if (!endpoints) return undefined;
  return isProcessAlive(endpoints.pid) ? endpoints : undefined;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
