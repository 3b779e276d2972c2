/**
 * `schemapress extract`: prints the JSON-LD of article files.
 *
 * Output contract (scripts depend on it):
 * - default: the JSON-LD of each file as pretty JSON, one document per file;
 * - `--jsonl`: one line per file, `{"file","ok":true,"jsonld","report"}` or
 *   `{"file","ok":false,"error":{"code","message"}}`;
 * - `--manifest FILE`: JSON lines `{"file","url"}` (other keys, e.g. `id`, `corpus`, are
 *   echoed into the output line), many files in one process; implies `--jsonl`.
 * Exit code 1 when any file failed, 2 on a bad command line.
 */
import { readFileSync } from 'node:fs';
import {
  ARTICLE_OPTIONS_HELP,
  EXIT,
  type FileOutcome,
  processFile,
  readArticleCommandLine,
  UsageError,
  withPageWorker,
} from './article-options';

export const HELP = [
  'Usage: schemapress extract [options] FILE...',
  '       schemapress extract --manifest MANIFEST [options]',
  '',
  'Prints the schema.org JSON-LD built for each article file (HTML, .txt or .md).',
  '',
  'Options:',
  '  --jsonl                 one JSON line per file: {"file","ok","jsonld","report"} or {"file","ok":false,"error"}',
  '  --manifest MANIFEST     JSON lines {"file","url"} to process in one run (implies --jsonl);',
  '                          relative file paths are read from the current directory',
  ARTICLE_OPTIONS_HELP,
].join('\n');

interface Job {
  readonly file: string;
  readonly url?: string;
  /** Manifest keys echoed into the output line. */
  readonly echo?: Record<string, unknown>;
  /** Set when the manifest line itself is unusable. */
  readonly invalid?: { readonly code: string; readonly message: string };
}

export async function main(args: string[]): Promise<number> {
  const extra = { jsonl: { type: 'boolean' }, manifest: { type: 'string' } } as const;
  const line = readArticleCommandLine('extract', args, HELP, extra, ({ values, positionals }, options) => {
    if (values.manifest !== undefined && positionals.length > 0) {
      throw new UsageError('give either FILE arguments or --manifest, not both.');
    }
    const jobs: Job[] =
      values.manifest !== undefined
        ? readManifest(values.manifest)
        : positionals.map((file) => ({ file, url: options.url }));
    if (jobs.length === 0) throw new UsageError('no FILE given; name at least one article file.');
    return { jobs, options, jsonl: values.jsonl === true || values.manifest !== undefined };
  });
  if ('exitCode' in line) return line.exitCode;
  const { jobs, options, jsonl } = line.run;

  let failed = false;
  let first = true;
  await withPageWorker(line.budgetMs, async (processPage) => {
    for (const job of jobs) {
      const outcome: FileOutcome = job.invalid
        ? { ok: false, error: job.invalid }
        : await processFile(job.file, { ...options, url: job.url ?? options.url }, processPage);
      if (!outcome.ok) failed = true;
      if (jsonl) {
        process.stdout.write(`${JSON.stringify(jsonLine(job, outcome))}\n`);
        continue;
      }
      if (outcome.ok) {
        process.stdout.write(`${first ? '' : '\n'}${JSON.stringify(outcome.result.jsonld, null, 2)}\n`);
        first = false;
      } else {
        process.stderr.write(
          `schemapress extract: ${job.file}: ${outcome.error.code}: ${outcome.error.message}\n`,
        );
      }
    }
  });
  return failed ? EXIT.FAILED : EXIT.OK;
}

function jsonLine(job: Job, outcome: FileOutcome): Record<string, unknown> {
  const head = { ...job.echo, file: job.file };
  return outcome.ok
    ? { ...head, ok: true, jsonld: outcome.result.jsonld, report: outcome.result.report }
    : { ...head, ok: false, error: outcome.error };
}

/** Reads manifest lines; a line that cannot be read becomes a failed job (every line gets an answer). */
function readManifest(manifest: string): Job[] {
  let text: string;
  try {
    text = readFileSync(manifest, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the manifest ${manifest}: ${(error as Error).message}`);
  }
  const jobs: Job[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const badLine = (why: string): Job => ({
      file: '',
      echo: { line: index + 1 },
      invalid: { code: 'BAD_MANIFEST_LINE', message: `Manifest line ${index + 1} ${why}.` },
    });
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      jobs.push(badLine('is not JSON; write one {"file","url"} object per line'));
      return;
    }
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      jobs.push(badLine('is not a JSON object'));
      return;
    }
    const { file, url, ...echo } = entry as Record<string, unknown>;
    if (typeof file !== 'string' || file === '') {
      jobs.push(badLine('has no "file"'));
      return;
    }
    jobs.push({ file, url: typeof url === 'string' && url !== '' ? url : undefined, echo });
  });
  return jobs;
}
