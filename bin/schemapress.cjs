#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx schemapress` works right after `npm ci`.
require('tsx/cjs');
require('./schemapress.ts');
