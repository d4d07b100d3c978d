#!/usr/bin/env node
'use strict';
/**
 * Compiles the native pieces from source into build/:
 * - libprofitdll_sim.so: the ProfitDLL simulator (Linux);
 * - libprofit_shim.so: the market-data callback shim (Linux), loaded next to the simulator or the real DLL;
 * - profit_shim.dll: the same shim for Windows x64, with Debian's mingw-w64 cross compiler when it is
 *   installed (`apt-get install gcc-mingw-w64-x86-64`); `--windows` makes a missing compiler an error (CI).
 * A target is skipped when it is newer than every source, so this is cheap enough for postinstall, npm run
 * build and test setup. `--optional` (postinstall) reports a failure without failing the install.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const abi = path.join(root, 'include', 'profitdll_abi.h');
const common = ['-Wall', '-Wextra', '-Werror', '-O2', '-shared', '-std=c11'];

const TARGETS = {
  sim: {
    output: path.join(root, 'build', 'libprofitdll_sim.so'),
    dir: 'sim',
    cc: () => process.env.CC || 'gcc',
    flags: [...common, '-fPIC', '-pthread', '-fvisibility=hidden'],
    libs: ['-lm'],
    linuxOnly: true,
  },
  shim: {
    output: path.join(root, 'build', 'libprofit_shim.so'),
    dir: 'shim',
    cc: () => process.env.CC || 'gcc',
    flags: [...common, '-fPIC', '-fvisibility=hidden', '-D_GNU_SOURCE'],
    libs: ['-ldl'],
    linuxOnly: true,
  },
  'shim-windows': {
    output: path.join(root, 'build', 'profit_shim.dll'),
    dir: 'shim',
    cc: () => process.env.MINGW_CC || 'x86_64-w64-mingw32-gcc',
    flags: [...common, '-static-libgcc'],
    libs: [],
    linuxOnly: false,
  },
};

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/** 0 built or fresh, 1 failed, 2 compiler missing. */
function buildTarget(name) {
  const target = TARGETS[name];
  // every .c of the target's folder is compiled; its headers and the shared ABI header count for freshness
  const files = fs.readdirSync(path.join(root, target.dir)).filter((f) => /\.[ch]$/.test(f)).sort();
  const units = files.filter((f) => f.endsWith('.c')).map((f) => path.join(root, target.dir, f));
  const sources = [...files.map((f) => path.join(root, target.dir, f)), abi];
  const built = mtime(target.output);
  if (built > 0 && sources.every((s) => mtime(s) < built)) return 0;
  const cc = target.cc();
  fs.mkdirSync(path.dirname(target.output), { recursive: true });
  // written aside and renamed, so a concurrent loader never maps a half-written library
  const tmp = `${target.output}.${process.pid}.tmp`;
  const result = spawnSync(cc, [...target.flags, '-o', tmp, ...units, ...target.libs], { stdio: 'inherit' });
  if (result.error && result.error.code === 'ENOENT') return 2;
  if (result.status !== 0) {
    fs.rmSync(tmp, { force: true });
    console.error(`build-native: ${cc} failed for ${name} (exit ${result.status ?? result.signal})`);
    return 1;
  }
  fs.renameSync(tmp, target.output);
  console.log(`build-native: built ${path.relative(process.cwd(), target.output)}`);
  return 0;
}

function build({ windows = false } = {}) {
  if (process.platform === 'win32') {
    console.log('build-native: the simulator is Linux-only; build the shim DLL on Linux with mingw-w64');
    return 0;
  }
  let status = 0;
  for (const name of ['sim', 'shim']) {
    const result = buildTarget(name);
    if (result === 2) console.error(`build-native: C compiler "${TARGETS[name].cc()}" not found. Install gcc (apt-get install gcc) or set CC.`);
    if (result !== 0) status = 1;
  }
  const win = buildTarget('shim-windows');
  if (win === 2) {
    const message = `build-native: ${TARGETS['shim-windows'].cc()} not found; the Windows shim was not built (apt-get install gcc-mingw-w64-x86-64)`;
    if (windows) {
      console.error(message);
      status = 1;
    } else if (process.env.npm_lifecycle_event !== 'postinstall') {
      console.log(message);
    }
  } else if (win !== 0) {
    status = 1;
  }
  return status;
}

if (require.main === module) {
  const status = build({ windows: process.argv.includes('--windows') || process.env.REQUIRE_WINDOWS_SHIM === '1' });
  process.exitCode = status !== 0 && process.argv.includes('--optional') ? 0 : status;
}
module.exports = { build, outputs: Object.fromEntries(Object.entries(TARGETS).map(([k, t]) => [k, t.output])) };
