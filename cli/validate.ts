/**
 * `schemapress validate FILE...`: builds each file's JSON-LD and prints its validation
 * report for people: errors and warnings, each with its code and JSON path.
 * Exit code 1 when any file has errors (or cannot be processed), 2 on a bad command line.
 */
import { formatIssue } from '../lambdas/core/validate';
import {
  ARTICLE_OPTIONS_HELP,
  EXIT,
  processFile,
  readArticleCommandLine,
  UsageError,
  withPageWorker,
} from './article-options';

export const HELP = [
  'Usage: schemapress validate [options] FILE...',
  '',
  "Checks the JSON-LD built for each file against Google's Article structured-data guidance",
  'and prints errors and warnings with their JSON path. Exits 1 when any file has errors.',
  '',
  'Options:',
  ARTICLE_OPTIONS_HELP,
].join('\n');

export async function main(args: string[]): Promise<number> {
  const line = readArticleCommandLine('validate', args, HELP, {}, ({ positionals }, options) => {
    if (positionals.length === 0) throw new UsageError('no FILE given; name at least one article file.');
    return { files: positionals, options };
  });
  if ('exitCode' in line) return line.exitCode;
  const { files, options } = line.run;

  let failed = false;
  await withPageWorker(line.budgetMs, async (processPage) => {
    for (const file of files) {
      const outcome = await processFile(file, options, processPage);
      if (!outcome.ok) {
        failed = true;
        process.stdout.write(
          `${file}: cannot be processed: ${outcome.error.code}: ${outcome.error.message}\n`,
        );
        continue;
      }
      const { errors, warnings } = outcome.result.report;
      if (errors.length > 0) failed = true;
      const verdict = errors.length === 0 ? 'valid' : 'INVALID';
      process.stdout.write(
        `${file}: ${verdict} (${count(errors.length, 'error')}, ${count(warnings.length, 'warning')})\n`,
      );
      for (const issue of [...errors, ...warnings]) process.stdout.write(`  ${formatIssue(issue)}\n`);
    }
  });
  return failed ? EXIT.FAILED : EXIT.OK;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
