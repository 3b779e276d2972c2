/**
 * Options shared by the article commands (`extract`, `enrich`, `validate`): how to read the
 * command line into ProcessOptions, and how to run one file through the core.
 *
 * Pages run in the ingest handler's page worker (lambdas/adapters/page-worker.ts), each within a
 * time budget, as in Lambda: a hostile page is refused with PAGE_TOO_COMPLEX instead of hanging
 * the command, the same file gives the same answer on both, and the event loop turns between
 * pages (jsdom frees a window only after its load-event tick), so a long manifest stays flat in
 * memory. jsdom loads in the worker thread only.
 */
import { readFileSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { PageWorker } from '../lambdas/adapters/page-worker';
import { DEFAULT_PAGE_TIME_BUDGET_MS } from '../lambdas/contract';
import { isInputError } from '../lambdas/core/errors';
import type { OrganizationFact, ProcessOptions, ProcessResult } from '../lambdas/core/types';

/** Exit codes shared by the commands. */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2 } as const;

/** parseArgs definitions of the shared options. */
export const ARTICLE_OPTIONS = {
  url: { type: 'string' },
  'publisher-name': { type: 'string' },
  'publisher-url': { type: 'string' },
  'publisher-logo': { type: 'string' },
  'max-bytes': { type: 'string' },
  'time-budget': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** Help text for the shared options. */
export const ARTICLE_OPTIONS_HELP = [
  '  --url URL               the page’s public URL (base for relative links, @ids, canonical)',
  '  --publisher-name NAME   site-wide publisher, used when a page names none',
  '  --publisher-url URL     the publisher’s home page (with --publisher-name)',
  '  --publisher-logo URL    the publisher’s logo (with --publisher-name)',
  '  --max-bytes N           refuse files larger than N bytes (default 10 MB)',
  `  --time-budget MS        stop a page still processing after MS milliseconds: PAGE_TOO_COMPLEX (default ${DEFAULT_PAGE_TIME_BUDGET_MS})`,
  '  -h, --help              show this help',
].join('\n');

/** A command line error: the command prints the message and its usage, and exits 2. */
export class UsageError extends Error {}

export type ParsedArticleArgs<Extra extends ParseArgsConfig['options']> = ReturnType<
  typeof parseArgs<{ options: typeof ARTICLE_OPTIONS & Extra; allowPositionals: true; strict: true }>
>;

/** Parses `args` with the shared options plus `extra`; throws UsageError on unknown options. */
export function parseArticleArgs<Extra extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  extra: Extra,
): ParsedArticleArgs<Extra> {
  try {
    return parseArgs({
      args,
      options: { ...ARTICLE_OPTIONS, ...extra },
      allowPositionals: true,
      strict: true,
    }) as ParsedArticleArgs<Extra>;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** ProcessOptions from the shared options (without the per-file source name). */
export function processOptionsFrom(values: {
  url?: string;
  'publisher-name'?: string;
  'publisher-url'?: string;
  'publisher-logo'?: string;
  'max-bytes'?: string;
}): ProcessOptions {
  const publisherName = values['publisher-name']?.trim();
  if (!publisherName && (values['publisher-url'] || values['publisher-logo'])) {
    throw new UsageError(
      '--publisher-url and --publisher-logo need --publisher-name; add the publisher’s name.',
    );
  }
  let maxBytes: number | undefined;
  if (values['max-bytes'] !== undefined) {
    maxBytes = Number(values['max-bytes']);
    if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
      throw new UsageError(
        `--max-bytes must be a positive whole number of bytes, not "${values['max-bytes']}".`,
      );
    }
  }
  const url = values.url === undefined ? undefined : checkedUrl('--url', values.url);
  const publisher: OrganizationFact | undefined = publisherName
    ? {
        name: publisherName,
        url:
          values['publisher-url'] === undefined
            ? undefined
            : checkedUrl('--publisher-url', values['publisher-url']),
        logo:
          values['publisher-logo'] === undefined
            ? undefined
            : checkedUrl('--publisher-logo', values['publisher-logo']),
      }
    : undefined;
  return { url, publisher, maxBytes };
}

/** Milliseconds one page may take, from `--time-budget`. @default DEFAULT_PAGE_TIME_BUDGET_MS */
export function timeBudgetFrom(values: { 'time-budget'?: string }): number {
  const value = values['time-budget'];
  if (value === undefined) return DEFAULT_PAGE_TIME_BUDGET_MS;
  const ms = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(ms) || ms <= 0) {
    throw new UsageError(`--time-budget must be a positive whole number of milliseconds, not "${value}".`);
  }
  return ms;
}

function checkedUrl(option: string, value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    // Reported below.
  }
  throw new UsageError(`${option} must be an absolute http(s) URL, not "${value}".`);
}

export type FileOutcome =
  | { readonly ok: true; readonly result: ProcessResult }
  | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

/** Processes one page: in the page worker, within the command's time budget. */
export type PageProcessor = (bytes: Uint8Array, options: ProcessOptions) => Promise<ProcessResult>;

/**
 * Runs `work` with a page worker whose pages each get `budgetMs`, and stops the worker after
 * (also when `work` throws), so the command can exit.
 */
export async function withPageWorker<T>(
  budgetMs: number,
  work: (processPage: PageProcessor) => Promise<T>,
): Promise<T> {
  const worker = new PageWorker({ budgetMs });
  try {
    return await work((bytes, options) => worker.process(bytes, options));
  } finally {
    await worker.close();
  }
}

/** Reads and processes one file; every failure becomes `{ ok: false, error }`. */
export async function processFile(
  file: string,
  options: ProcessOptions,
  processPage: PageProcessor,
): Promise<FileOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return {
      ok: false,
      error: { code: 'READ_FAILED', message: `Cannot read ${file}: ${(error as Error).message}` },
    };
  }
  try {
    return { ok: true, result: await processPage(bytes, { ...options, sourceName: file }) };
  } catch (error) {
    if (isInputError(error)) return { ok: false, error: { code: error.code, message: error.message } };
    return {
      ok: false,
      error: {
        code: 'INTERNAL_ERROR',
        message: `Processing failed unexpectedly: ${(error as Error)?.message ?? error}`,
      },
    };
  }
}

/** Prints a usage problem and the command's help to stderr; returns the usage exit code. */
export function reportUsageError(command: string, error: unknown, help: string): number {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`schemapress ${command}: ${error.message}\n\n${help}\n`);
  return EXIT.USAGE;
}

/**
 * What `readArticleCommandLine` leads to: run the command (each page within `budgetMs`), or exit
 * with this code.
 */
export type ArticleCommandLine<T> =
  | { readonly run: T; readonly budgetMs: number }
  | { readonly exitCode: number };

/**
 * The start every article command shares.
 * Steps:
 * 1. parse the shared options plus `extra` (unknown options are usage errors);
 * 2. on --help, print `help` and exit 0;
 * 3. turn the shared options into ProcessOptions and the page time budget;
 * 4. let `interpret` read the command's own options and FILE arguments (it throws UsageError).
 * A usage error is printed with `help`, and the command exits 2.
 */
export function readArticleCommandLine<Extra extends NonNullable<ParseArgsConfig['options']>, T>(
  command: string,
  args: string[],
  help: string,
  extra: Extra,
  interpret: (parsed: ParsedArticleArgs<Extra>, options: ProcessOptions) => T,
): ArticleCommandLine<T> {
  try {
    const parsed = parseArticleArgs(args, extra);
    // The shared options are always there, whatever `extra` adds.
    const shared = parsed.values as ParsedArticleArgs<Record<never, never>>['values'];
    if (shared.help) {
      process.stdout.write(`${help}\n`);
      return { exitCode: EXIT.OK };
    }
    const budgetMs = timeBudgetFrom(shared);
    return { run: interpret(parsed, processOptionsFrom(shared)), budgetMs };
  } catch (error) {
    return { exitCode: reportUsageError(command, error, help) };
  }
}
