// Copied into every Lambda bundle as `xhr-sync-worker.js` (see lib/house-function.ts).
// jsdom spawns its worker only for synchronous XMLHttpRequest made by page scripts, and
// schemapress never runs page scripts, so reaching this file means that invariant broke.
process.stderr.write('schemapress: synchronous XMLHttpRequest is disabled: page scripts never run.\n');
process.exitCode = 1;
