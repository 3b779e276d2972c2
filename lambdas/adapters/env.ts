/**
 * Typed getters for the environment the Lambda adapters read. Every variable name comes from
 * ENV in lambdas/contract.ts; a missing or malformed value throws an error that names the
 * variable and says what normally sets it.
 */
import {
  DEFAULT_ACCEPTED_SUFFIXES,
  DEFAULT_MAX_OBJECT_BYTES,
  DEFAULT_PAGE_TIME_BUDGET_MS,
  ENV,
  type EnvName,
  PREFIXES,
} from '../contract';
import type { OrganizationFact } from '../core/types';

/** Region used against local emulators when AWS_REGION is unset (they ignore it). */
export const DEFAULT_LOCAL_REGION = 'us-east-1';

const WHO_SETS_IT =
  'The SchemaPress CDK construct sets it on the Lambda function; `npm start` (the local runtime) sets it locally.';

export class EnvironmentError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Environment variable ${variable} ${problem}. ${WHO_SETS_IT}`);
    this.name = 'EnvironmentError';
  }
}

export function requiredEnv(name: EnvName): string {
  const value = process.env[name]?.trim();
  if (!value) throw new EnvironmentError(name, 'is not set');
  return value;
}

export function optionalEnv(name: EnvName): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}

export const sourceBucketName = (): string => requiredEnv(ENV.SOURCE_BUCKET);
export const publishBucketName = (): string => requiredEnv(ENV.PUBLISH_BUCKET);
export const articleTableName = (): string => requiredEnv(ENV.ARTICLE_TABLE);

/**
 * The folder of the source bucket publishers drop files into, e.g. `incoming/`. Checked like the
 * construct's `sourcePrefix` prop: a prefix without its slash (`incoming`) would also take in
 * `incoming-old/…`. @default PREFIXES.DEFAULT_SOURCE
 */
export function sourcePrefix(): string {
  const value = optionalEnv(ENV.SOURCE_PREFIX);
  if (value === undefined) return PREFIXES.DEFAULT_SOURCE;
  if (value.startsWith('/')) {
    throw new EnvironmentError(
      ENV.SOURCE_PREFIX,
      `must not start with '/' (S3 keys have none), got "${value}"; use "${value.replace(/^\/+/, '')}"`,
    );
  }
  if (!value.endsWith('/')) {
    throw new EnvironmentError(ENV.SOURCE_PREFIX, `must end with '/', got "${value}"; use "${value}/"`);
  }
  return value;
}

/** Comma-separated list, e.g. `.html,.md`. @default DEFAULT_ACCEPTED_SUFFIXES */
export function acceptedSuffixes(): readonly string[] {
  const value = optionalEnv(ENV.ACCEPTED_SUFFIXES);
  if (!value) return DEFAULT_ACCEPTED_SUFFIXES;
  const suffixes = value
    .split(',')
    .map((suffix) => suffix.trim())
    .filter(Boolean);
  if (suffixes.length === 0) throw new EnvironmentError(ENV.ACCEPTED_SUFFIXES, 'lists no suffix');
  return suffixes;
}

/** @default DEFAULT_MAX_OBJECT_BYTES */
export function maxObjectBytes(): number {
  return positiveIntegerEnv(ENV.MAX_OBJECT_BYTES, DEFAULT_MAX_OBJECT_BYTES, 'bytes');
}

/** Milliseconds one page may take before it is refused as too complex. @default DEFAULT_PAGE_TIME_BUDGET_MS */
export function pageTimeBudgetMs(): number {
  return positiveIntegerEnv(ENV.PAGE_TIME_BUDGET_MS, DEFAULT_PAGE_TIME_BUDGET_MS, 'milliseconds');
}

function positiveIntegerEnv(name: EnvName, fallback: number, unit: string): number {
  const value = optionalEnv(name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed <= 0) {
    throw new EnvironmentError(name, `must be a positive integer number of ${unit}, got "${value}"`);
  }
  return parsed;
}

/** Lambda sets this to the function's memory size in MB; absent outside Lambda. */
const LAMBDA_MEMORY_SIZE_ENV = 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE';

/** The function's memory size in MB when running in Lambda, else undefined (local runtime, CLI, tests). */
export function functionMemoryMb(): number | undefined {
  const value = process.env[LAMBDA_MEMORY_SIZE_ENV];
  if (value === undefined || value === '') return undefined;
  const mb = Number(value);
  return Number.isSafeInteger(mb) && mb > 0 ? mb : undefined;
}

/** The public base URL pages are published under, e.g. `https://news.example.com/`. */
export function siteUrl(): string {
  const value = requiredEnv(ENV.SITE_URL);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new EnvironmentError(ENV.SITE_URL, `must be an absolute http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new EnvironmentError(ENV.SITE_URL, `must be an absolute http(s) URL, got "${value}"`);
  }
  return url.href;
}

/** Site-wide publisher used when a page names none; undefined when no name is configured. */
export function publisher(): OrganizationFact | undefined {
  const name = optionalEnv(ENV.PUBLISHER_NAME);
  if (!name) return undefined;
  const logo = optionalEnv(ENV.PUBLISHER_LOGO);
  return logo ? { name, logo } : { name };
}

/** Local runtime and tests only. */
export const s3Endpoint = (): string | undefined => optionalEnv(ENV.S3_ENDPOINT);
/** Local runtime and tests only. */
export const dynamoEndpoint = (): string | undefined => optionalEnv(ENV.DYNAMODB_ENDPOINT);

/** True when running against local emulators rather than AWS. */
export const isLocalMode = (): boolean => s3Endpoint() !== undefined || dynamoEndpoint() !== undefined;

export const awsRegion = (): string | undefined =>
  process.env.AWS_REGION?.trim() || process.env.AWS_DEFAULT_REGION?.trim() || undefined;
