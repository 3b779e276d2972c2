/**
 * `schemapress enrich FILE`: writes the article page, enriched with its JSON-LD and the
 * missing head tags, to stdout as bytes in the page's own encoding (UTF-8 when that
 * encoding cannot be written; the page's charset declaration then says so).
 */
import {
  ARTICLE_OPTIONS_HELP,
  EXIT,
  processFile,
  readArticleCommandLine,
  UsageError,
  withPageWorker,
} from './article-options';

export const HELP = [
  'Usage: schemapress enrich [options] FILE > enriched.html',
  '',
  'Writes the page with one JSON-LD block and the missing head tags (description, canonical,',
  'OpenGraph, article times, <html lang>) to stdout; every other byte of the page is kept.',
  'Plain-text and Markdown files become a clean HTML page.',
  '',
  'Options:',
  ARTICLE_OPTIONS_HELP,
].join('\n');

export async function main(args: string[]): Promise<number> {
  const line = readArticleCommandLine('enrich', args, HELP, {}, ({ positionals }, options) => {
    const [file] = positionals;
    if (positionals.length !== 1 || file === undefined) {
      throw new UsageError(`give exactly one FILE (got ${positionals.length}); enrich one page at a time.`);
    }
    return { file, options };
  });
  if ('exitCode' in line) return line.exitCode;
  const { file, options } = line.run;

  const outcome = await withPageWorker(line.budgetMs, (processPage) =>
    processFile(file, options, processPage),
  );
  if (!outcome.ok) {
    process.stderr.write(`schemapress enrich: ${file}: ${outcome.error.code}: ${outcome.error.message}\n`);
    return EXIT.FAILED;
  }
  for (const notice of outcome.result.notices)
    process.stderr.write(`schemapress enrich: ${file}: ${notice}\n`);
  await writeAll(outcome.result.page);
  return EXIT.OK;
}

function writeAll(bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), (error) =>
      error ? reject(error) : resolve(),
    );
  });
}
