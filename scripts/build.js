#!/usr/bin/env node
/**
 * Builds everything `npm start` and `npm test` need, skipping what is already up to date:
 * the C simulator, the Prisma client, the TypeScript project references and the dashboard.
 */
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const quiet = process.argv.includes('--quiet');

function run(cmd, args, cwd = root) {
  if (!quiet) process.stdout.write(`> ${cmd} ${args.join(' ')}\n`);
  execFileSync(cmd, args, { cwd, stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' });
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => (name === 'node_modules' ? max : Math.max(max, newestMtime(join(path, name)))), stat.mtimeMs);
}

run(process.execPath, [join(root, 'native-bridge', 'scripts', 'build-native.js')]);
if (existsSync(join(root, 'prisma', 'scripts', 'generate.js'))) run(process.execPath, [join(root, 'prisma', 'scripts', 'generate.js')]);
run(process.execPath, [require.resolve('typescript/bin/tsc'), '-b']);

const web = join(root, 'web');
const built = newestMtime(join(web, 'dist'));
const sources = Math.max(newestMtime(join(web, 'src')), newestMtime(join(web, 'index.html')), newestMtime(join(web, 'vite.config.ts')));
if (!existsSync(join(web, 'dist', 'index.html')) || sources > built) run('npm', ['run', 'build', '-w', '@b3/web']);
