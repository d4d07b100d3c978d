#!/usr/bin/env node
/**
 * Cold start and memory of the whole platform as `npm start` runs it (launcher + every child):
 * seconds from spawn to "all healthy", then the summed RSS of the process tree after a settle time.
 * Usage: node bench/platform-footprint.js [settleSeconds=60] [--fresh]   (--fresh: new empty data dir)
 */
const { spawn, execFileSync } = require('node:child_process');
const { mkdtempSync, readFileSync, readdirSync, rmSync } = require('node:fs');
const net = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const settle = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 60);
const fresh = process.argv.includes('--fresh');

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function treeRssKb(pid) {
  const children = {};
  for (const entry of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      (children[ppid] ??= []).push(Number(entry));
    } catch {}
  }
  const rows = [];
  const walk = (p) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').filter(Boolean).slice(-1)[0] ?? '';
      rows.push({ pid: p, rssMb: Math.round(rss / 1024), cmd: cmd.replace(root + '/', '') });
    } catch {}
    (children[p] ?? []).forEach(walk);
  };
  walk(pid);
  return rows;
}

(async () => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.js'), '--quiet'], { stdio: 'inherit' });
  const env = { ...process.env, NO_COLOR: '1', LOG_LEVEL: 'warn' };
  for (const name of ['LAUNCHER', 'DASHBOARD', 'BUS', 'GATEWAY', 'BRIDGE', 'MARKET', 'ORDERS', 'IDEAS', 'SIGNALS', 'DOCS', 'AGENTS']) {
    env[`${name}_PORT`] = String(await freePort());
  }
  const dataDir = fresh ? mkdtempSync(join(tmpdir(), 'b3-bench-')) : join(root, '.data');
  env.DATA_DIR = dataDir;
  const t0 = Date.now();
  const child = spawn(process.execPath, [join(root, 'launcher', 'dist', 'main.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('B3 platform is up')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`launcher exited ${code}\n${out}`)));
  });
  const coldStart = (Date.now() - t0) / 1000;
  console.log(`data dir: ${fresh ? 'fresh (first start, includes database creation)' : dataDir}`);
  console.log(`cold start to all healthy: ${coldStart.toFixed(1)} s`);
  await new Promise((r) => setTimeout(r, settle * 1000));
  const rows = treeRssKb(child.pid);
  for (const r of rows) console.log(`  ${String(r.rssMb).padStart(5)} MB  ${r.cmd}`);
  console.log(`total RSS after ${settle} s: ${rows.reduce((s, r) => s + r.rssMb, 0)} MB over ${rows.length} processes`);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  if (fresh) rmSync(dataDir, { recursive: true, force: true });
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
