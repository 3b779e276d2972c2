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
/** Must equal HANDLER_BUNDLE_FILE in lambdas/adapters/page-worker.ts (test/lib checks it). */
const HANDLER_BUNDLE_FILE = 'handler.js';
/** What becomes `index.js` of a function with a page worker: starts the thread, then loads the handler. */
const PRESTART_ENTRY = path.resolve(__dirname, '../../lambdas/adapters/page-worker-prestart.ts');
const PROJECT_ROOT = path.resolve(__dirname, '../..');

/** Directory, next to the worker bundle, of the modules it loads only when a page needs them. */
const ON_DEMAND_DIR = 'page-worker-on-demand';

/**
 * Packages the worker needs only for some pages. Each is bundled on its own into
 * `page-worker-on-demand/<name>.js`, and the worker bundle gets a stand-in that loads that file
 * on first use, so a cold start neither reads nor compiles them (about 40% of the worker's
 * code). Only packages whose exports are read when used, never at load, may be listed.
 * - tinyld (737 KB of n-gram tables): only pages that declare no language (rules/language.ts).
 * - iconv-lite (482 KB, mostly CJK tables): jsdom's whatwg-encoding calls it only to decode
 *   bytes; schemapress decodes with TextDecoder (core/decode.ts) and hands jsdom strings.
 * - cssstyle (70 KB: CSSStyleDeclaration, its about 1,550 property accessors and their
 *   implementation modules; about 25 ms to load even with its `DEPENDENCY_PATCHES` edit): jsdom
 *   constructs a declaration only for an element's `.style` (which core/lazy-inline-style.ts
 *   builds on first read), getComputedStyle and style rules; extraction does none of these.
 *   jsdom takes the module apart when it loads and reads the class at each window's creation,
 *   so it gets a stand-in of the same shape (see `ON_DEMAND_SHAPED_PACKAGES`).
 * - @asamuzakjp/css-color (with the @csstools colour and calc parsers and lru-cache it brings,
 *   about 200 KB, about 30 ms to load): cssstyle calls it to parse colours, calc() and some
 *   lengths set in a declaration. It stays on demand from cssstyle's own on-demand file, so a
 *   first `.style` that parses only keywords (`display: none`) does not load it. cssstyle
 *   destructures its exports when it loads, so it gets a shaped stand-in too.
 * An on-demand file that imports another on-demand package gets that package's stand-in as well.
 * A module both the worker and an on-demand file import is in both (cssstyle parses cssText with
 * its own copy of rrweb-cssom, 25 KB, which jsdom also uses): neither keeps state the other reads.
 */
const ON_DEMAND_PACKAGES = ['tinyld', 'iconv-lite', 'cssstyle', '@asamuzakjp/css-color'];

/**
 * On-demand packages whose importers take exports apart when they load (`const { f } = require(…)`):
 * their stand-in has the real module's shape, read at build time, with every function and class a
 * forwarder that loads the real module on first use (see `onDemandShapedStandIn`).
 */
const ON_DEMAND_SHAPED_PACKAGES = new Set(['cssstyle', '@asamuzakjp/css-color']);

/**
 * File name, in ON_DEMAND_DIR, of an on-demand package: flat, so a scoped name makes no folder.
 * @param {string} name
 */
function onDemandFile(name) {
  return `${name.replace(/\//g, '__')}.js`;
}

/** How deep a shaped stand-in follows nested objects of functions. */
const DEFAULT_SHAPE_DEPTH = 3;

/**
 * The code a stand-in uses to load the real module, once, by `require(specifier)`, where
 * `specifier` is JavaScript code.
 * @param {string} specifier
 */
function lazyLoader(specifier) {
  return `let loaded;
const load = () => (loaded ??= require(${specifier}));`;
}

/**
 * The loader of an on-demand package's file: `relativeDir` is where the on-demand files are from
 * the directory of the bundle the stand-in is in.
 * @param {string} name
 * @param {string} relativeDir
 */
function onDemandLoader(name, relativeDir) {
  return lazyLoader(
    `require('node:path').join(__dirname, ${JSON.stringify(relativeDir)}, ${JSON.stringify(onDemandFile(name))})`,
  );
}

/**
 * The exports of a stand-in that loads its module (with the `load` it defines before) on first
 * access to anything the module exports.
 */
const LAZY_EXPORTS = `module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
    return descriptor && { ...descriptor, configurable: true };
  },
});
`;

/**
 * The stand-in for an on-demand package: a proxy that loads the real module on first access to
 * anything it exports.
 * @param {string} name
 * @param {string} [relativeDir] where the on-demand files are, from the bundle it goes in @default ON_DEMAND_DIR
 */
function onDemandStandIn(name, relativeDir = ON_DEMAND_DIR) {
  return `// Stand-in written by lib/bundle/build-page-worker.js: ${name} loads on first use.
${onDemandLoader(name, relativeDir)}
${LAZY_EXPORTS}`;
}

/**
 * Whether `value` is a plain object: its prototype is an `Object.prototype` (or null). Of any
 * realm: a module loaded under a test runner may have an exports object made in another one.
 */
function isPlainObject(value) {
  const prototype = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/** Whether `value` is a class (its source starts with `class`), not a plain function. */
function isClass(value) {
  return typeof value === 'function' && /^class\b/.test(Function.prototype.toString.call(value));
}

/**
 * The stand-in for an on-demand package that is taken apart at load: the module's own shape, with
 * each export forwarding to the real one, which loads on first use:
 * - a function is a forwarder that calls the real function with its real owner as `this` (or
 *   constructs it), and loads the module on its first call;
 * - a class is a proxy that loads the module when it is constructed or called, or any of its
 *   members is read, written or looked for (`prototype`, statics, `Symbol.hasInstance`), and
 *   forwards each of these to the real class: `new` gives real instances (with the real
 *   prototype) and `instanceof` answers for them, while jsdom can read and store the class
 *   itself at each window's creation without loading anything;
 * - primitive values are copied.
 * Anything else (a class instance, a Map, objects nested deeper than DEFAULT_SHAPE_DEPTH) cannot
 * be forwarded lazily, and the build stops.
 * @param {string} name
 * @param {unknown} [exported] the module's exports @default the installed package's
 * @param {string} [relativeDir] where the on-demand files are, from the bundle it goes in @default ON_DEMAND_DIR
 */
function onDemandShapedStandIn(
  name,
  exported = require(require.resolve(name, { paths: [PROJECT_ROOT] })),
  relativeDir = ON_DEMAND_DIR,
) {
  const shape = (value, keys) => {
    if (isClass(value)) return `lazyClass(${JSON.stringify(keys)})`;
    if (typeof value === 'function') return `lazyFunction(${JSON.stringify(keys)})`;
    if (value === undefined) return 'undefined';
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value))
      return JSON.stringify(value);
    if (isPlainObject(value) && keys.length < DEFAULT_SHAPE_DEPTH) {
      const entries = Object.keys(value).map(
        (key) => `${JSON.stringify(key)}: ${shape(value[key], [...keys, key])}`,
      );
      return `{ ${entries.join(', ')} }`;
    }
    throw new Error(
      `lib/bundle/build-page-worker.js: ${name}'s export ${keys.join('.') || '(module)'} is neither a function, a primitive nor a plain object within ${DEFAULT_SHAPE_DEPTH} levels: it cannot load on demand; remove it from ON_DEMAND_SHAPED_PACKAGES.`,
    );
  };
  return `// Stand-in written by lib/bundle/build-page-worker.js: ${name} loads on first use.
${onDemandLoader(name, relativeDir)}
const lazyFunction = (keys) => function (...args) {
  const owner = keys.slice(0, -1).reduce((value, key) => value[key], load());
  const target = owner[keys[keys.length - 1]];
  return new.target ? Reflect.construct(target, args, new.target) : Reflect.apply(target, owner, args);
};
// The proxy's target only carries the name: a strict function has a writable 'prototype' and no
// 'arguments' or 'caller', so the traps may answer with the real class's members instead.
const lazyClass = (keys) => {
  const name = keys[keys.length - 1];
  const real = () => keys.reduce((value, key) => value[key], load());
  const standIn = new Proxy({ [name]: function () { 'use strict'; } }[name], {
    construct: (_, args, newTarget) => Reflect.construct(real(), args, newTarget === standIn ? real() : newTarget),
    apply: (_, self, args) => Reflect.apply(real(), self, args),
    get: (_, key) => Reflect.get(real(), key),
    set: (_, key, value) => Reflect.set(real(), key, value),
    has: (_, key) => Reflect.has(real(), key),
  });
  return standIn;
};
module.exports = ${shape(exported, [])};
`;
}

/**
 * Modules jsdom loads at start but whose code can run only when a page's scripts run or jsdom
 * fetches something; schemapress does neither (parse.ts: no `runScripts`, no `resources`,
 * DOMParser documents). The worker bundle carries a stub instead of each (see `unreachableStub`),
 * so a cold start neither compiles nor runs them, nor loads the Node built-ins they need
 * (http, https, net, tls, zlib). Each entry says why it is unreachable; `file` entries are
 * paths inside node_modules, `module` entries bare package names. `constants` are values the
 * importer reads when it loads (ws's ready states, the same numbers ws exports).
 * @type {ReadonlyArray<{ module?: string, file?: string, reason: string, constants?: Record<string, number> }>}
 */
const UNREACHABLE_MODULES = [
  {
    file: 'jsdom/lib/jsdom/living/xhr/XMLHttpRequest-impl.js',
    reason: 'XMLHttpRequest objects are created only by page scripts',
  },
  {
    file: 'jsdom/lib/jsdom/living/helpers/agent-factory.js',
    reason: 'HTTP agents are made only to fetch resources',
  },
  {
    file: 'jsdom/lib/jsdom/living/helpers/http-request.js',
    reason: 'HTTP requests are made only to fetch resources',
  },
  {
    module: 'ws',
    reason: 'WebSocket connections are opened only by page scripts',
    // Read by jsdom's WebSocket-impl when it loads; ws's own values.
    constants: { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 },
  },
  {
    module: 'tldts',
    reason: 'public suffixes are looked up only when a cookie is set, by page scripts or fetched resources',
  },
  {
    module: 'decimal.js',
    reason:
      'number inputs do decimal arithmetic only in stepUp(), stepDown() and validity checks, which only scripts call',
  },
  {
    module: 'saxes',
    reason: 'the XML parser runs only for XML content types; schemapress parses every page as text/html',
  },
];

/**
 * Node built-ins a dependency requires when it loads but uses only inside functions that
 * extraction never calls: the worker bundle gets a stand-in that requires the built-in on first
 * use (see `onDemandStandIn`), so a cold start does not load it.
 * - crypto (about 10 ms to load in a fresh worker thread, with its 15 internal modules): jsdom's
 *   Crypto implementation calls it only for `crypto.getRandomValues()` and `randomUUID()`, which
 *   only page scripts call.
 */
const ON_DEMAND_BUILTINS = ['crypto'];

/**
 * The stand-in for an on-demand built-in: a proxy that requires it on first access.
 * @param {string} name
 */
function onDemandBuiltinStandIn(name) {
  return `// Stand-in written by lib/bundle/build-page-worker.js: node:${name} loads on first use.
${lazyLoader(JSON.stringify(`node:${name}`))}
${LAZY_EXPORTS}`;
}

/**
 * The stand-in for an unreachable module: a function that throws a clear error when called or
 * constructed. Reading any property but its `constants` gives that same function (so
 * `const { Agent } = require(…)` at load still works, and using `Agent` throws); `__esModule`
 * (bundler interop) reads as undefined, as for any CommonJS module.
 * @param {{ module?: string, file?: string, reason: string, constants?: Record<string, number> }} entry
 */
function unreachableStub(entry) {
  const name = entry.module ?? entry.file ?? '';
  const message = `schemapress: ${name} is not in the page worker bundle (${entry.reason}; schemapress runs no page scripts and fetches nothing). Reaching it means jsdom was configured to do so: see lib/bundle/build-page-worker.js.`;
  return `// Stub written by lib/bundle/build-page-worker.js: ${name} is unreachable here.
const constants = ${JSON.stringify(entry.constants ?? {})};
function unreachable() { throw new Error(${JSON.stringify(message)}); }
module.exports = new Proxy(unreachable, {
  get: (target, key) => (Object.hasOwn(constants, key) ? constants[key] : key === '__esModule' ? undefined : target),
  apply: unreachable,
  construct: unreachable,
});
`;
}

/**
 * Performance-only edits of dependencies' code in the worker bundle and its on-demand files
 * (cssstyle's lands in its own): each replaces the one occurrence of `find` in `file` (inside
 * node_modules) with `replace`, and the build fails when that text is gone (a new version of
 * the package: check whether the edit is still needed).
 * - cssstyle defines about 1,550 accessors, one by one, on CSSStyleDeclaration.prototype when it
 *   loads. While an object has fast properties, V8 copies its whole descriptor list for each new
 *   property, so this costs about 150 ms of CPU plus the garbage of every copy. A property added
 *   and deleted first puts the prototype in dictionary mode, where each addition is constant
 *   time. The prototype ends with the same properties in the same order, and in dictionary mode
 *   as before (V8 leaves fast mode past about 1,000 properties anyway).
 * - jsdom's API module reads `fs.promises` when it loads, for `JSDOM.fromFile` only (schemapress
 *   never calls it); the first read of `fs.promises` loads eight internal modules of Node's
 *   (readline among them): about 5 ms of a cold worker. It is read on that call instead.
 * - entities (parse5's character reference decoder) builds its 15,000-entry decoding table when it
 *   loads by splitting a string into one-character strings and mapping each to its code: about
 *   9 ms in a fresh worker thread, against 3 ms for a loop over the string's codes (same table).
 *   Two entries, for the call's two ends.
 * A file may have several entries; they apply in order.
 * @type {ReadonlyArray<{ file: string, find: string, replace: string, reason: string }>}
 */
const DEPENDENCY_PATCHES = [
  {
    file: 'cssstyle/lib/CSSStyleDeclaration.js',
    find: 'Object.defineProperties(CSSStyleDeclaration.prototype, generatedProperties);',
    replace:
      'CSSStyleDeclaration.prototype.__schemapressDictionaryMode = 0; delete CSSStyleDeclaration.prototype.__schemapressDictionaryMode;\n' +
      'Object.defineProperties(CSSStyleDeclaration.prototype, generatedProperties);',
    reason: 'about 1,550 accessors defined one by one on a prototype',
  },
  {
    file: 'entities/dist/commonjs/generated/decode-data-html.js',
    find: 'exports.htmlDecodeTree = new Uint16Array(',
    replace:
      'const charCodesOf = (text) => { const codes = new Uint16Array(text.length); for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i); return codes; };\n' +
      'exports.htmlDecodeTree = charCodesOf(',
    reason: 'a 15,000-entry table built through one-character strings',
  },
  {
    file: 'entities/dist/commonjs/generated/decode-data-html.js',
    find: '\n    .split("")\n    .map((c) => c.charCodeAt(0)));',
    replace: ');',
    reason: 'the other end of the same call',
  },
  {
    file: 'jsdom/lib/api.js',
    find: 'const fs = require("fs").promises;',
    replace: 'const fs = { readFile: (...args) => require("fs").promises.readFile(...args) };',
    reason: 'fs.promises loads eight internal modules, for JSDOM.fromFile only',
  },
];

/**
 * `code` of `file` with its `DEPENDENCY_PATCHES` entry applied.
 * @param {{ file: string, find: string, replace: string }} patch
 * @param {string} code
 */
function applyDependencyPatch(patch, code) {
  const at = code.indexOf(patch.find);
  if (at < 0 || code.indexOf(patch.find, at + 1) >= 0) {
    throw new Error(
      `lib/bundle/build-page-worker.js: ${patch.file} no longer contains exactly one "${patch.find}": check whether its patch is still needed, then update or remove it in DEPENDENCY_PATCHES.`,
    );
  }
  return code.slice(0, at) + patch.replace + code.slice(at + patch.find.length);
}

/** JSON files of this many characters or more are embedded as `JSON.parse("…")` (see `pageWorkerPlugin`). */
const JSON_PARSE_MIN_BYTES = 10 * 1024;

/**
 * esbuild plugin of the worker bundle and of its on-demand files:
 * - the `UNREACHABLE_MODULES` become their stubs, the `ON_DEMAND_BUILTINS` their stand-ins;
 * - the `DEPENDENCY_PATCHES` are applied;
 * - JSON files of `JSON_PARSE_MIN_BYTES` or more become `module.exports = JSON.parse("…")`: the
 *   same value, but V8 scans a string and parses JSON much faster than it parses and runs an
 *   object literal (tr46's 160 KB mapping table, which jsdom's URL code loads at start).
 * @returns {import('esbuild').Plugin}
 */
function pageWorkerPlugin() {
  const byModule = new Map(UNREACHABLE_MODULES.filter((e) => e.module).map((e) => [e.module, e]));
  const byFile = UNREACHABLE_MODULES.filter((e) => e.file);
  const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const moduleFilter = new RegExp(`^(${[...byModule.keys()].map(escapeRegExp).join('|')})$`);
  const builtinFilter = new RegExp(`^(node:)?(${ON_DEMAND_BUILTINS.map(escapeRegExp).join('|')})$`);
  const toPosix = (file) => file.split(path.sep).join('/');
  return {
    name: 'schemapress-page-worker',
    setup(build) {
      build.onResolve({ filter: moduleFilter }, (args) => ({ path: args.path, namespace: 'unreachable' }));
      // The stand-in's own require reaches the real built-in.
      build.onResolve({ filter: builtinFilter }, (args) =>
        args.namespace === 'on-demand-builtin'
          ? { path: args.path, external: true }
          : { path: args.path.replace(/^node:/, ''), namespace: 'on-demand-builtin' },
      );
      build.onLoad({ filter: /.*/, namespace: 'on-demand-builtin' }, (args) => ({
        contents: onDemandBuiltinStandIn(args.path),
        loader: 'js',
      }));
      build.onLoad({ filter: /.*/, namespace: 'unreachable' }, (args) => {
        const entry = byModule.get(args.path);
        if (!entry) throw new Error(`no unreachable module named ${args.path}`);
        return { contents: unreachableStub(entry), loader: 'js' };
      });
      build.onLoad({ filter: /\.(js|json)$/ }, (args) => {
        const file = toPosix(args.path);
        const entry = byFile.find((e) => file.endsWith(`/node_modules/${e.file}`));
        if (entry) return { contents: unreachableStub(entry), loader: 'js' };
        const patches = DEPENDENCY_PATCHES.filter((p) => file.endsWith(`/node_modules/${p.file}`));
        if (patches.length > 0) {
          const code = patches.reduce(
            (patched, patch) => applyDependencyPatch(patch, patched),
            fs.readFileSync(args.path, 'utf8'),
          );
          return { contents: code, loader: 'js' };
        }
        if (!file.endsWith('.json')) return undefined;
        const text = fs.readFileSync(args.path, 'utf8');
        if (text.length < JSON_PARSE_MIN_BYTES) return undefined;
        return {
          contents: `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(text)))});`,
          loader: 'js',
        };
      });
    },
  };
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
 * The page the code-cache build processes before saving what V8 compiled: a small article that
 * runs every stage (JSON-LD, meta, byline, body, enrich). It declares its language, so the
 * language detector stays out of the cache. Workers in Lambda do not warm up on it: that cost
 * more than it saved the first page (lambdas/adapters/page-worker.ts).
 */
const CODE_CACHE_WARM_UP_PAGE_FILE = path.join(__dirname, 'code-cache-warm-up.html');

/**
 * Makes the V8 code cache of the worker bundle: runs it in a worker thread of a fresh node, the
 * way the handler's loader compiles it, sends it the warm-up page as a page request, then saves
 * what V8 compiled (the top level and every function the warm-up page ran).
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
// Registered after the bundle's own listener, so this runs once the bundle has answered the page.
parentPort.on('message', () => {
  fs.writeFileSync(${JSON.stringify(cacheFile)}, script.createCachedData());
  parentPort.postMessage({ type: 'code-cache-written' });
});`;
  const warmUpPage = fs.readFileSync(CODE_CACHE_WARM_UP_PAGE_FILE, 'utf8');
  const main = `const { Worker } = require('node:worker_threads');
const worker = new Worker(${JSON.stringify(producer)}, { eval: true });
const page = new TextEncoder().encode(${JSON.stringify(warmUpPage)});
worker.on('message', (message) => {
  if (message.type === 'ready') worker.postMessage({ id: 0, bytes: page, options: { sourceName: 'warm-up.html' } });
  else if (message.type === 'code-cache-written') worker.terminate();
});
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
 * Bundles with each of `optionSets` plus `pageWorkerPlugin`, synchronously. esbuild runs plugins
 * only in its asynchronous API, and this builder must stay synchronous (the synth hook and the
 * bench call it inline), so the builds run in one child node that this call waits for.
 * @param {Array<Record<string, unknown>>} optionSets esbuild options without plugins (JSON-serialisable)
 */
function bundleWithPluginSync(optionSets) {
  const script = `const { bundleWithPlugin } = require(${JSON.stringify(__filename)});
Promise.all(JSON.parse(process.argv[1]).map(bundleWithPlugin))
  .catch((error) => { console.error(error); process.exitCode = 1; });`;
  require('node:child_process').execFileSync(process.execPath, ['-e', script, JSON.stringify(optionSets)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** The asynchronous build behind `bundleWithPluginSync`. @param {Record<string, unknown>} options */
async function bundleWithPlugin(options) {
  await require('esbuild').build({ ...options, plugins: [pageWorkerPlugin()] });
}

/**
 * Writes into `dir` a stand-in for each on-demand package, loading its file from `relativeDir`
 * (relative to the bundle it goes in), and returns the esbuild `alias` that puts them in place.
 * @param {string} dir
 * @param {string} relativeDir
 * @returns {Record<string, string>}
 */
function writeStandIns(dir, relativeDir) {
  fs.mkdirSync(dir, { recursive: true });
  const alias = {};
  for (const name of ON_DEMAND_PACKAGES) {
    alias[name] = path.join(dir, onDemandFile(name));
    fs.writeFileSync(
      alias[name],
      ON_DEMAND_SHAPED_PACKAGES.has(name)
        ? onDemandShapedStandIn(name, undefined, relativeDir)
        : onDemandStandIn(name, relativeDir),
    );
  }
  return alias;
}

/**
 * Builds `<outputDir>/page-worker.js` when `<outputDir>/index.js` refers to it.
 *
 * Steps:
 * 1. write a stand-in for each on-demand package (temp directory), twice: loading from
 *    ON_DEMAND_DIR for the worker bundle, and from the same directory for the on-demand files;
 * 2. bundle the worker, and each on-demand package into `<outputDir>/page-worker-on-demand/<name>.js`,
 *    with the stand-ins of the on-demand packages they import, stubs for the unreachable
 *    modules, the dependency patches and large JSON as `JSON.parse` (`pageWorkerPlugin`);
 * 3. move the handler bundle to HANDLER_BUNDLE_FILE and bundle PRESTART_ENTRY as `index.js` in
 *    its place (see `moveHandlerBehindPrestart`);
 * 4. rewrite every file written as ASCII (maps adjusted);
 * 5. with `settings.codeCache`, write the worker's V8 code cache for this node (see `writeCodeCache`).
 * @param {string} outputDir the handler bundle's directory
 * @param {{ target: string, minifyWhitespace: boolean, minifySyntax: boolean, minifyIdentifiers: boolean, keepNames: boolean, sourcemap: boolean, external: string[], codeCache?: boolean }} settings
 * @param {string} [entry] what to bundle as the worker (tests bundle probes) @default PAGE_WORKER_ENTRY
 * @returns {boolean} whether a worker bundle was written
 */
function buildPageWorker(outputDir, settings, entry = PAGE_WORKER_ENTRY) {
  const handler = path.join(outputDir, 'index.js');
  if (!fs.existsSync(handler) || !fs.readFileSync(handler, 'utf8').includes(PAGE_WORKER_BUNDLE_FILE)) {
    return false;
  }
  if (fs.existsSync(path.join(outputDir, HANDLER_BUNDLE_FILE))) {
    throw new Error(
      `lib/bundle/build-page-worker.js: ${outputDir} already holds ${HANDLER_BUNDLE_FILE}: its page worker was built before. Build into a fresh directory.`,
    );
  }
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: settings.target,
    minifyWhitespace: settings.minifyWhitespace,
    minifySyntax: settings.minifySyntax,
    minifyIdentifiers: settings.minifyIdentifiers,
    keepNames: settings.keepNames,
    sourcemap: settings.sourcemap ? 'linked' : false,
    sourcesContent: false,
    external: settings.external,
    logLevel: 'error',
  };
  const workerFile = path.join(outputDir, PAGE_WORKER_BUNDLE_FILE);
  const onDemandFiles = ON_DEMAND_PACKAGES.map((name) =>
    path.join(outputDir, ON_DEMAND_DIR, onDemandFile(name)),
  );
  const standIns = fs.mkdtempSync(path.join(os.tmpdir(), 'schemapress-on-demand-'));
  try {
    const workerAlias = writeStandIns(path.join(standIns, 'worker'), ON_DEMAND_DIR);
    // An entry is a file path, never the bare name an alias matches: each on-demand package is
    // bundled itself, with stand-ins only for the other on-demand packages it imports.
    const onDemandAlias = writeStandIns(path.join(standIns, 'on-demand'), '.');
    bundleWithPluginSync([
      { ...common, entryPoints: [entry], outfile: workerFile, alias: workerAlias },
      ...ON_DEMAND_PACKAGES.map((name, i) => ({
        ...common,
        entryPoints: [require.resolve(name, { paths: [PROJECT_ROOT] })],
        outfile: onDemandFiles[i],
        alias: onDemandAlias,
      })),
    ]);
  } finally {
    fs.rmSync(standIns, { recursive: true, force: true });
  }
  moveHandlerBehindPrestart(outputDir, common);
  for (const file of [workerFile, ...onDemandFiles, handler]) rewriteAsAscii(file);
  if (settings.codeCache) writeCodeCache(workerFile);
  return true;
}

/**
 * Makes `index.js` the small prestart file (PRESTART_ENTRY): the handler bundle becomes
 * HANDLER_BUNDLE_FILE, with its source map renamed and its `sourceMappingURL` pointed at it,
 * and PRESTART_ENTRY is bundled with the same settings as `index.js`. Node compiles a whole file
 * before it runs any of it, so the page worker thread now starts before the handler's megabyte
 * of AWS SDK is even read (lambdas/adapters/page-worker-prestart.ts).
 * @param {string} outputDir
 * @param {Record<string, unknown>} common the esbuild options of the worker bundle
 */
function moveHandlerBehindPrestart(outputDir, common) {
  const index = path.join(outputDir, 'index.js');
  const moved = path.join(outputDir, HANDLER_BUNDLE_FILE);
  const code = fs.readFileSync(index, 'utf8');
  const mapComment = /\/\/# sourceMappingURL=index\.js\.map\s*$/;
  fs.writeFileSync(moved, code.replace(mapComment, `//# sourceMappingURL=${HANDLER_BUNDLE_FILE}.map\n`));
  fs.rmSync(index);
  const map = `${index}.map`;
  if (fs.existsSync(map)) {
    const parsed = JSON.parse(fs.readFileSync(map, 'utf8'));
    fs.writeFileSync(`${moved}.map`, JSON.stringify({ ...parsed, file: HANDLER_BUNDLE_FILE }));
    fs.rmSync(map);
  }
  require('esbuild').buildSync({ ...common, entryPoints: [PRESTART_ENTRY], outfile: index });
}

module.exports = {
  applyDependencyPatch,
  buildPageWorker,
  bundleWithPlugin,
  CODE_CACHE_WARM_UP_PAGE_FILE,
  codeCacheFileName,
  CODE_CACHE_WRAPPER,
  DEPENDENCY_PATCHES,
  escapeNonAscii,
  HANDLER_BUNDLE_FILE,
  PRESTART_ENTRY,
  shiftMappings,
  JSON_PARSE_MIN_BYTES,
  ON_DEMAND_BUILTINS,
  ON_DEMAND_DIR,
  ON_DEMAND_PACKAGES,
  ON_DEMAND_SHAPED_PACKAGES,
  onDemandFile,
  onDemandShapedStandIn,
  PAGE_WORKER_BUNDLE_FILE,
  PAGE_WORKER_ENTRY,
  pageWorkerPlugin,
  UNREACHABLE_MODULES,
  unreachableStub,
};

if (require.main === module) {
  const [outputDir, settings] = process.argv.slice(2);
  if (!outputDir || !settings) {
    process.stderr.write('usage: node build-page-worker.js <bundle output dir> <settings JSON>\n');
    process.exit(2);
  }
  buildPageWorker(outputDir, JSON.parse(settings));
}
