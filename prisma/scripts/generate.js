#!/usr/bin/env node
// @ts-check
/**
 * `prisma generate`, offline. The Prisma 7 CLI wants to download a native schema engine before any
 * command, but generate itself only uses the bundled wasm; pointing PRISMA_SCHEMA_ENGINE_BINARY at
 * any existing executable (node itself, so this works on every OS) skips the download.
 * CHECKPOINT_DISABLE stops the CLI's version check from calling home.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const cli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, 'generate', ...process.argv.slice(2)], {
  cwd: path.resolve(__dirname, '..'),
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  },
});
process.exit(result.status ?? 1);
