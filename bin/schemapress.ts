/**
 * `schemapress` command line: dispatches `schemapress <command> [options]` to the module
 * `cli/<command>.ts`, which exports `main(args): Promise<number>` (the exit code).
 * Command modules load lazily, so `schemapress extract` never loads the local runtime.
 */
import path from 'node:path';
import { EXTRACTOR_VERSION } from '../lambdas/core/version';

type CommandMain = (args: string[]) => Promise<number>;

/** Every command, with the line `schemapress --help` shows for it. */
const COMMANDS: Readonly<Record<string, string>> = {
  extract: 'print the JSON-LD of article files (--jsonl / --manifest for many)',
  enrich: 'write an article page enriched with JSON-LD and head tags to stdout',
  validate: "check article files' JSON-LD against Google's Article guidance",
  run: 'run the whole pipeline locally on embedded S3 and DynamoDB',
  records: 'list the article records of the local runtime',
  sitemaps: 'write sitemaps, the news sitemap, feeds and robots.txt',
};

const DEFAULT_COMMAND_DIR = path.join(__dirname, '..', 'cli');
/** Exit code for a command line that cannot be understood. */
const EXIT_USAGE = 2;

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`);
  return [
    'Usage: schemapress <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `schemapress <command> --help` for the options of a command.',
  ].join('\n');
}

export interface CliOptions {
  /** Where the command modules live. @default the repository's cli/ directory */
  readonly commandDir?: string;
}

/** Runs the command line `args` (without node and the script) and returns the exit code. */
export async function runCli(args: readonly string[], options: CliOptions = {}): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined) {
    process.stderr.write(`${usage()}\n`);
    return EXIT_USAGE;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${EXTRACTOR_VERSION}\n`);
    return 0;
  }
  if (!Object.hasOwn(COMMANDS, command)) {
    process.stderr.write(`schemapress: unknown command "${command}".\n\n${usage()}\n`);
    return EXIT_USAGE;
  }
  const main = loadCommand(command, options.commandDir ?? DEFAULT_COMMAND_DIR);
  return main(rest);
}

function loadCommand(command: string, commandDir: string): CommandMain {
  const modulePath = path.join(commandDir, command);
  let loaded: { main?: unknown };
  try {
    loaded = require(modulePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'MODULE_NOT_FOUND' && String((error as Error).message).includes(modulePath)) {
      throw new Error(
        `The "${command}" command is not available in this build (cli/${command}.ts is missing); reinstall schemapress or use another command.`,
      );
    }
    throw error;
  }
  if (typeof loaded.main !== 'function') {
    throw new Error(`cli/${command}.ts does not export main(args); it cannot run as a command.`);
  }
  return loaded.main as CommandMain;
}

/** Run when started directly (`tsx bin/schemapress.ts`) or through `bin/schemapress.cjs` (npx). */
const LAUNCHER_FILE = path.join(__dirname, 'schemapress.cjs');
if (require.main === module || require.main?.filename === LAUNCHER_FILE) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`schemapress: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
