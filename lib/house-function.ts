/**
 * The one way schemapress defines a Lambda function: Node.js 22 on ARM, X-Ray tracing, source
 * maps shipped (not loaded at start), a log group with retention, its own role with only the log
 * permissions it needs (callers add grants), and a local esbuild bundle that carries jsdom and
 * the AWS SDK inside the asset (jsdom in the page worker's bundle when the handler has one).
 */
import * as path from 'node:path';
import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { PageWorkerBundleSettings } from './bundle/build-page-worker';
import { DEFAULT_LOG_RETENTION } from './defaults';

/** Repository root: entries, package-lock.json and tsconfig.json are resolved from here. */
export const PROJECT_ROOT = path.resolve(__dirname, '..');

/** Lambda runtime (nodejs20.x is deprecated on Lambda). */
export const HOUSE_RUNTIME = lambda.Runtime.NODEJS_22_X;

/** Bundle for Node 20 so the same bundle also runs on the development machines and CI (Node 20). */
export const HOUSE_BUNDLE_TARGET = 'node20';

/**
 * Optional native add-ons loaded inside try/catch: jsdom (canvas), ws (bufferutil,
 * utf-8-validate) and the AWS SDK (the CRT signer, only for SigV4a). Left out of the bundle,
 * those `require`s fail and the libraries use their pure JavaScript paths.
 */
export const OPTIONAL_NATIVE_MODULES = [
  'canvas',
  'bufferutil',
  'utf-8-validate',
  '@aws-sdk/signature-v4-crt',
] as const;

/**
 * jsdom resolves `./xhr-sync-worker.js` next to its own code when it loads (it spawns that file
 * to run synchronous XMLHttpRequest for page scripts). Bundled, "next to its own code" is the
 * bundle directory, so a file of that name must exist there or `require('jsdom')` throws.
 * Page scripts never run in schemapress, so a stub that refuses to work takes its place.
 */
export const XHR_SYNC_WORKER_FILE = 'xhr-sync-worker.js';
export const XHR_SYNC_WORKER_STUB = path.join(__dirname, 'bundle', 'xhr-sync-worker-stub.js');

/**
 * A handler that processes pages in a worker thread (lambdas/adapters/page-worker.ts) loads
 * `page-worker.js` from its bundle directory: this script bundles it there, with the same
 * esbuild settings, when the handler bundle refers to it. jsdom and the core then live in the
 * worker's bundle only.
 */
export const PAGE_WORKER_BUILDER = path.join(__dirname, 'bundle', 'build-page-worker.js');

/**
 * No NODE_OPTIONS, in particular no `--enable-source-maps`: with it, Node reads and decodes each
 * bundle's whole map as the bundle loads (about +0.1 s of CPU per cold start for the 3.8 MB map
 * of the page worker), to improve stack traces that only errors need. The maps still ship next
 * to the code; names stay readable in traces (keepNames).
 */

/**
 * How every house bundle is minified: whitespace and syntax, not identifiers. With identifiers
 * renamed, esbuild wraps each CommonJS module of a bundle in an arrow function passed to its
 * loader (`h((e,t)=>{…})`) where it otherwise writes an object method; V8 compiles the arrow
 * form about 3 times slower than a function expression and the method form about 1.7 times
 * (synthetic code, never called, Node 20). The page worker bundle then took 130 ms to compile
 * and 130 ms to run its top level, against 60 and 100 ms without renaming, though it is 2.4
 * instead of 3.3 MB (`vm.compileFunction` in a worker, this 2-core machine, three runs each):
 * the renaming cost about 90 ms of CPU per cold start. Names and stack traces stay readable.
 */
export const HOUSE_MINIFY = {
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: false,
} as const;

/**
 * Package entry fields esbuild reads, ES module builds first: the AWS SDK and Powertools ship ES
 * builds that tree-shake, so the ingest handler's bundle shrinks from about 970 to 700 KB and its
 * import from about 1.8 to 1.2 s on a busy machine (/work/notes/s3/H5-figures.md). Packages with
 * an `exports` map still resolve through it; no package ends up bundled twice (CJS and ESM).
 */
export const HOUSE_MAIN_FIELDS = ['module', 'main'] as const;

/**
 * The esbuild options of every house function. Exported so tests bundle exactly what deploys.
 *
 * - bundleAwsSDK: the asset carries the SDK version the code was tested with, and needs no
 *   node_modules at run time (the Lambda runtime's SDK version drifts).
 * - no `nodeModules`: that would run `npm install` during synth and need the registry.
 */
export function houseBundlingOptions(): nodejs.BundlingOptions {
  return {
    target: HOUSE_BUNDLE_TARGET,
    format: nodejs.OutputFormat.CJS,
    // HOUSE_MINIFY: `minify` would also rename identifiers.
    minify: false,
    esbuildArgs: {
      '--minify-whitespace': HOUSE_MINIFY.minifyWhitespace,
      '--minify-syntax': HOUSE_MINIFY.minifySyntax,
      '--minify-identifiers': HOUSE_MINIFY.minifyIdentifiers,
    },
    // Error names and stack frames stay readable, and code that reads `constructor.name` keeps
    // working: `--minify-syntax` drops function-expression names their body does not use, and
    // esbuild renames a hoisted module's top-level name that clashes with another's.
    keepNames: true,
    sourceMap: true,
    // Linked map, read only by whoever decodes a stack trace (see the note on NODE_OPTIONS).
    sourceMapMode: nodejs.SourceMapMode.DEFAULT,
    sourcesContent: false,
    bundleAwsSDK: true,
    mainFields: [...HOUSE_MAIN_FIELDS],
    externalModules: [...OPTIONAL_NATIVE_MODULES],
    forceDockerBundling: false,
    // esbuild's one warning here is jsdom's require.resolve of its XHR worker, handled below.
    logLevel: nodejs.LogLevel.ERROR,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (_inputDir: string, outputDir: string) => [
        `node -e ${shellQuote(copyFileScript(XHR_SYNC_WORKER_STUB, path.join(outputDir, XHR_SYNC_WORKER_FILE)))}`,
        `node ${shellQuote(PAGE_WORKER_BUILDER)} ${shellQuote(outputDir)} ${shellQuote(JSON.stringify(pageWorkerSettings()))}`,
      ],
    },
  };
}

/**
 * Whether a V8 code cache made by the node running this synth could serve the functions: the
 * same Node major version as HOUSE_RUNTIME on the same architecture (the worker then uses it
 * only if the V8 versions match exactly; see lambdas/adapters/page-worker.ts). Anywhere else,
 * the cache would be dead weight in the asset.
 */
export function synthNodeMatchesRuntime(
  nodeVersion: string = process.versions.node,
  arch: string = process.arch,
): boolean {
  const runtimeMajor = /^nodejs(\d+)\./.exec(HOUSE_RUNTIME.name)?.[1];
  // The architecture HouseFunction sets below.
  return nodeVersion.split('.')[0] === runtimeMajor && arch === lambda.Architecture.ARM_64.name;
}

/**
 * The esbuild settings above, for the page worker bundle. `keepNames` stays, though its naming
 * calls cost the worker about 15-20 ms at load: without it, `--minify-syntax` drops the name of
 * a function expression its body does not use, and jsdom compares such names (its window's
 * constructor, `function Window()`, must be named "Window"; stubbed-jsdom-probe.ts checks it).
 */
export function pageWorkerSettings(): PageWorkerBundleSettings {
  return {
    target: HOUSE_BUNDLE_TARGET,
    ...HOUSE_MINIFY,
    keepNames: true,
    sourcemap: true,
    external: [...OPTIONAL_NATIVE_MODULES],
    codeCache: synthNodeMatchesRuntime(),
  };
}

/** A copy with node rather than `cp`, so the hook works in every shell CDK may use. */
function copyFileScript(from: string, to: string): string {
  return `require('node:fs').copyFileSync(${JSON.stringify(from)}, ${JSON.stringify(to)})`;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export interface HouseFunctionProps {
  /** Handler file, relative to the repository root, exporting `handler`. */
  readonly entry: string;
  readonly description: string;
  /** Every house function states its timeout and memory: no silent platform defaults. */
  readonly timeout: Duration;
  readonly memorySize: number;
  /** Variables for the adapters (names from lambdas/contract.ts ENV) and Powertools. */
  readonly environment: Readonly<Record<string, string>>;
  /** @default DEFAULT_LOG_RETENTION */
  readonly logRetention?: logs.RetentionDays;
  /** Removal policy of the function's log group. @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/** A NodejsFunction with the house settings. Grants are added by the caller, one by one. */
export class HouseFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly logGroup: logs.LogGroup;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: HouseFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? DEFAULT_LOG_RETENTION,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });

    // An explicit role instead of the AWSLambdaBasicExecutionRole managed policy, whose log
    // permissions cover every log group in the account.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.description}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      entry: path.join(PROJECT_ROOT, props.entry),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: HOUSE_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      tracing: lambda.Tracing.ACTIVE,
      timeout: props.timeout,
      memorySize: props.memorySize,
      role: this.role,
      logGroup: this.logGroup,
      environment: { ...props.environment },
      bundling: houseBundlingOptions(),
    });
  }
}
