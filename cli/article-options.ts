/**
 * Options shared by the article commands (`extract`, `enrich`, `validate`): how to read the
 * command line into ProcessOptions, and how to run one file through the core.
 */
import { readFileSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { isInputError } from '../lambdas/core/errors';
import { processArticle } from '../lambdas/core/process';
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
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** Help text for the shared options. */
export const ARTICLE_OPTIONS_HELP = [
  '  --url URL               the page’s public URL (base for relative links, @ids, canonical)',
  '  --publisher-name NAME   site-wide publisher, used when a page names none',
  '  --publisher-url URL     the publisher’s home page (with --publisher-name)',
  '  --publisher-logo URL    the publisher’s logo (with --publisher-name)',
  '  --max-bytes N           refuse files larger than N bytes (default 10 MB)',
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

/** Reads and processes one file; every failure becomes `{ ok: false, error }`. */
export function processFile(file: string, options: ProcessOptions): FileOutcome {
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
    return { ok: true, result: processArticle(bytes, { ...options, sourceName: file }) };
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

/** What `readArticleCommandLine` leads to: run the command, or exit with this code. */
export type ArticleCommandLine<T> = { readonly run: T } | { readonly exitCode: number };

/**
 * The start every article command shares.
 * Steps:
 * 1. parse the shared options plus `extra` (unknown options are usage errors);
 * 2. on --help, print `help` and exit 0;
 * 3. turn the shared options into ProcessOptions;
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
    return { run: interpret(parsed, processOptionsFrom(shared)) };
  } catch (error) {
    return { exitCode: reportUsageError(command, error, help) };
  }
}
