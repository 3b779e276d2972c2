// Run by the house function's afterBundling hook (lib/house-function.ts) with the bundle's
// output directory and the house esbuild settings as JSON. A handler bundle that starts the
// page worker (lambdas/adapters/page-worker.ts names the file it loads) gets that worker
// bundled next to it, with the same settings; other bundles are left as they are.
// Plain JavaScript: it runs in a bare `node` during synth, before any TypeScript tooling.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** Must equal PAGE_WORKER_BUNDLE_FILE in lambdas/adapters/page-worker.ts (test/lib checks it). */
const PAGE_WORKER_BUNDLE_FILE = 'page-worker.js';
const PAGE_WORKER_ENTRY = path.resolve(__dirname, '../../lambdas/adapters/page-worker-entry.ts');
const PROJECT_ROOT = path.resolve(__dirname, '../..');

/** Directory, next to the worker bundle, of the modules it loads only when a page needs them. */
const ON_DEMAND_DIR = 'page-worker-on-demand';

/**
 * Packages the worker needs only for some pages. Each is bundled on its own into
 * `page-worker-on-demand/<name>.js`, and the worker bundle gets a stand-in that loads that file
 * on first use, so a cold start neither reads nor compiles them (about a quarter of the worker's
 * code). Only packages whose exports are read when used, never at load, may be listed.
 * - tinyld (737 KB of n-gram tables): only pages that declare no language (rules/language.ts).
 * - iconv-lite (482 KB, mostly CJK tables): jsdom's whatwg-encoding calls it only to decode
 *   bytes; schemapress decodes with TextDecoder (core/decode.ts) and hands jsdom strings.
 */
const ON_DEMAND_PACKAGES = ['tinyld', 'iconv-lite'];

/**
 * The stand-in for an on-demand package: a proxy that loads the real module on first access to
 * anything it exports.
 * @param {string} name
 */
function onDemandStandIn(name) {
  const file = JSON.stringify(`${name}.js`);
  return `// Stand-in written by lib/bundle/build-page-worker.js: ${name} loads on first use.
let loaded;
const load = () => (loaded ??= require(require('node:path').join(__dirname, ${JSON.stringify(ON_DEMAND_DIR)}, ${file})));
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
    return descriptor && { ...descriptor, configurable: true };
  },
});
`;
}

/**
 * Escapes every non-ASCII UTF-16 unit of JavaScript code as `\uXXXX`. esbuild escapes strings
 * but leaves regular expression literals as written; one non-ASCII character makes Node decode
 * the whole file on its slow UTF-8 path and hold it as a two-byte string, which V8 then scans.
 * `\uXXXX` means the same unit in strings, templates, identifiers and regular expressions (with
 * or without the u flag); an identity escape (`\é`) loses its backslash.
 * @param {string} code
 * @returns {{ code: string, shifts: Map<number, Array<[number, number]>> }} the code, and per
 *   line the columns (in the input) after which the line grew, with the growth
 */
function escapeNonAscii(code) {
  let out = '';
  let last = 0;
  let line = 0;
  let lineStart = 0;
  /** @type {Map<number, Array<[number, number]>>} */
  const shifts = new Map();
  for (let i = 0; i < code.length; i++) {
    const unit = code.charCodeAt(i);
    if (unit === 10) {
      line++;
      lineStart = i + 1;
    }
    if (unit < 0x80) continue;
    let backslashes = 0;
    for (let j = i - 1; j >= lineStart && code.charCodeAt(j) === 92; j--) backslashes++;
    const identityEscape = backslashes % 2 === 1;
    out += `${code.slice(last, identityEscape ? i - 1 : i)}\\u${unit.toString(16).padStart(4, '0')}`;
    last = i + 1;
    const lineShifts = shifts.get(line) ?? [];
    lineShifts.push([i - lineStart, identityEscape ? 4 : 5]);
    shifts.set(line, lineShifts);
  }
  return { code: out + code.slice(last), shifts };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Moves the generated columns of a source map's `mappings` by the growth `escapeNonAscii`
 * reported, so the map still points at the right code. Only the first field of each segment
 * (generated column, relative within the line) changes.
 * @param {string} mappings
 * @param {Map<number, Array<[number, number]>>} shifts
 */
function shiftMappings(mappings, shifts) {
  return mappings
    .split(';')
    .map((lineMappings, line) => {
      const lineShifts = shifts.get(line);
      if (!lineShifts || lineMappings === '') return lineMappings;
      let column = 0;
      let shiftedPrevious = 0;
      return lineMappings
        .split(',')
        .map((segment) => {
          const fields = decodeVlq(segment);
          column += fields[0] ?? 0;
          let shifted = column;
          for (const [at, growth] of lineShifts) if (at < column) shifted += growth;
          fields[0] = shifted - shiftedPrevious;
          shiftedPrevious = shifted;
          return fields.map(encodeVlq).join('');
        })
        .join(',');
    })
    .join(';');
}

/** @param {string} segment @returns {number[]} */
function decodeVlq(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/** @param {number} value */
function encodeVlq(value) {
  let rest = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = '';
  do {
    let digit = rest & 31;
    rest >>>= 5;
    if (rest > 0) digit |= 32;
    out += BASE64[digit];
  } while (rest > 0);
  return out;
}

/**
 * The CommonJS wrapper the worker's code-cache loader compiles the bundle in. Must equal
 * CODE_CACHE_WRAPPER in lambdas/adapters/page-worker.ts: V8 accepts a cache only for the very
 * source it was made from (a test loads a cache made here with the worker's loader).
 */
const CODE_CACHE_WRAPPER = ['(function (exports, require, module, __filename, __dirname) {\n', '\n})'];

/**
 * Name of the code cache of `workerFile` for the V8 and CPU architecture of the node running
 * this script. Must equal pageWorkerCodeCacheFile in lambdas/adapters/page-worker.ts.
 * @param {string} workerFile
 */
function codeCacheFileName(workerFile) {
  return `${workerFile}.v8-${process.versions.v8}-${process.arch}.code-cache`;
}

/**
 * Makes the V8 code cache of the worker bundle: runs it in a worker thread of a fresh node, the
 * way the handler's loader compiles it, lets it load and process its warm-up page, then saves
 * what V8 compiled (the top level and every function the warm-up ran).
 * @param {string} workerFile
 * @returns {string} the cache file
 */
function writeCodeCache(workerFile) {
  const cacheFile = codeCacheFileName(workerFile);
  const producer = `const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire } = require('node:module');
const { parentPort } = require('node:worker_threads');
const file = ${JSON.stringify(workerFile)};
const source = ${JSON.stringify(CODE_CACHE_WRAPPER[0])} + fs.readFileSync(file, 'utf8') + ${JSON.stringify(CODE_CACHE_WRAPPER[1])};
const script = new vm.Script(source, { filename: file, lineOffset: -1 });
const bundle = { exports: {} };
script.runInThisContext().call(bundle.exports, bundle.exports, createRequire(file), bundle, file, path.dirname(file));
fs.writeFileSync(${JSON.stringify(cacheFile)}, script.createCachedData());
parentPort.postMessage({ type: 'code-cache-written' });`;
  const main = `const { Worker } = require('node:worker_threads');
const worker = new Worker(${JSON.stringify(producer)}, { eval: true });
worker.on('message', (message) => { if (message.type === 'code-cache-written') worker.terminate(); });
worker.on('error', (error) => { console.error(error); process.exitCode = 1; });`;
  require('node:child_process').execFileSync(process.execPath, ['-e', main], {
    cwd: path.dirname(workerFile),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (!fs.existsSync(cacheFile))
    throw new Error(`the page worker's code cache was not written: ${cacheFile}`);
  return cacheFile;
}

/** Rewrites `file` (and its `.map`, when there is one) as ASCII; see `escapeNonAscii`. */
function rewriteAsAscii(file) {
  const { code, shifts } = escapeNonAscii(fs.readFileSync(file, 'utf8'));
  if (shifts.size === 0) return;
  fs.writeFileSync(file, code);
  const mapFile = `${file}.map`;
  if (!fs.existsSync(mapFile)) return;
  const map = JSON.parse(fs.readFileSync(mapFile, 'utf8'));
  map.mappings = shiftMappings(map.mappings, shifts);
  fs.writeFileSync(mapFile, JSON.stringify(map));
}

/**
 * Builds `<outputDir>/page-worker.js` when `<outputDir>/index.js` refers to it.
 *
 * Steps:
 * 1. write a stand-in for each on-demand package (temp directory) and bundle the worker with them;
 * 2. bundle each on-demand package into `<outputDir>/page-worker-on-demand/<name>.js`;
 * 3. rewrite every file written as ASCII (maps adjusted);
 * 4. with `settings.codeCache`, write the worker's V8 code cache for this node (see `writeCodeCache`).
 * @param {string} outputDir the handler bundle's directory
 * @param {{ target: string, minify: boolean, keepNames: boolean, sourcemap: boolean, external: string[], codeCache?: boolean }} settings
 * @returns {boolean} whether a worker bundle was written
 */
function buildPageWorker(outputDir, settings) {
  const handler = path.join(outputDir, 'index.js');
  if (!fs.existsSync(handler) || !fs.readFileSync(handler, 'utf8').includes(PAGE_WORKER_BUNDLE_FILE)) {
    return false;
  }
  const esbuild = require('esbuild');
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: settings.target,
    minify: settings.minify,
    keepNames: settings.keepNames,
    sourcemap: settings.sourcemap ? 'linked' : false,
    sourcesContent: false,
    external: settings.external,
    logLevel: 'error',
  };
  const standIns = fs.mkdtempSync(path.join(os.tmpdir(), 'schemapress-on-demand-'));
  const written = [];
  try {
    const alias = {};
    for (const name of ON_DEMAND_PACKAGES) {
      alias[name] = path.join(standIns, `${name}.js`);
      fs.writeFileSync(alias[name], onDemandStandIn(name));
    }
    const workerFile = path.join(outputDir, PAGE_WORKER_BUNDLE_FILE);
    esbuild.buildSync({ ...common, entryPoints: [PAGE_WORKER_ENTRY], outfile: workerFile, alias });
    written.push(workerFile);
  } finally {
    fs.rmSync(standIns, { recursive: true, force: true });
  }
  for (const name of ON_DEMAND_PACKAGES) {
    const file = path.join(outputDir, ON_DEMAND_DIR, `${name}.js`);
    esbuild.buildSync({
      ...common,
      entryPoints: [require.resolve(name, { paths: [PROJECT_ROOT] })],
      outfile: file,
    });
    written.push(file);
  }
  for (const file of written) rewriteAsAscii(file);
  if (settings.codeCache) writeCodeCache(path.join(outputDir, PAGE_WORKER_BUNDLE_FILE));
  return true;
}

module.exports = {
  buildPageWorker,
  codeCacheFileName,
  CODE_CACHE_WRAPPER,
  escapeNonAscii,
  shiftMappings,
  ON_DEMAND_DIR,
  ON_DEMAND_PACKAGES,
  PAGE_WORKER_BUNDLE_FILE,
  PAGE_WORKER_ENTRY,
};

if (require.main === module) {
  const [outputDir, settings] = process.argv.slice(2);
  if (!outputDir || !settings) {
    process.stderr.write('usage: node build-page-worker.js <bundle output dir> <settings JSON>\n');
    process.exit(2);
  }
  buildPageWorker(outputDir, JSON.parse(settings));
}
