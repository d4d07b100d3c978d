#!/usr/bin/env node
'use strict';
/**
 * Compiles the ProfitDLL simulator into build/libprofitdll_sim.so. Skips the compiler when the library is
 * newer than every source, so it is cheap enough to run from postinstall, npm run build and test setup.
 * `--optional` (postinstall) reports a failure without failing the install; the build and tests still fail.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const sources = ['sim/profitdll_sim.c', 'sim/profitdll_sim.h'].map((f) => path.join(root, f));
const output = path.join(root, 'build', 'libprofitdll_sim.so');
const flags = ['-Wall', '-Wextra', '-O2', '-fPIC', '-shared', '-pthread', '-fvisibility=hidden'];

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

function build() {
  if (process.platform === 'win32') {
    console.log('build-sim: skipped on Windows (the real ProfitDLL64.dll is used there)');
    return 0;
  }
  const built = mtime(output);
  if (built > 0 && sources.every((s) => mtime(s) < built)) return 0;

  const cc = process.env.CC || 'gcc';
  fs.mkdirSync(path.dirname(output), { recursive: true });
  const tmp = `${output}.${process.pid}.tmp`;
  const result = spawnSync(cc, [...flags, '-o', tmp, sources[0], '-lm'], { stdio: 'inherit' });
  if (result.error && result.error.code === 'ENOENT') {
    console.error(`build-sim: C compiler "${cc}" not found. Install gcc (e.g. apt-get install gcc) or set CC.`);
    return 1;
  }
  if (result.status !== 0) {
    fs.rmSync(tmp, { force: true });
    console.error(`build-sim: ${cc} failed (exit ${result.status ?? result.signal})`);
    return 1;
  }
  // Rename so a concurrent loader never maps a half-written library.
  fs.renameSync(tmp, output);
  console.log(`build-sim: built ${path.relative(process.cwd(), output)}`);
  return 0;
}

if (require.main === module) {
  const status = build();
  process.exitCode = status !== 0 && process.argv.includes('--optional') ? 0 : status;
}
module.exports = { build, output };
