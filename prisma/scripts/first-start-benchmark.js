#!/usr/bin/env node
// @ts-check
/**
 * Measures what `npm start` pays for its databases: four service processes opening their embedded
 * PGlite databases at the same moment, in a fresh temp folder, then the same again (a restart).
 *
 *   node prisma/scripts/first-start-benchmark.js [--cold-template] [--dist <dir>]
 *
 * --cold-template gives the processes an empty TMPDIR, so no migrated template is cached yet (the very
 * first start on a machine). --dist picks the built @b3/prisma to measure (default prisma/dist; run
 * `npx tsc -b prisma` first). Prints wall time, CPU time and peak memory; Linux only for the sampled
 * total RSS.
 */
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const SERVICES = ['orders', 'ideas', 'signals', 'docs'];
const SAMPLE_EVERY_MS = 20;

const CHILD = `
const started = performance.now();
const { openDatabase } = require(process.env.BENCH_DIST);
openDatabase({ service: process.env.BENCH_SERVICE, dataDir: process.env.BENCH_DATA_DIR }).then(async (db) => {
  const openMs = performance.now() - started;
  await db.close();
  const usage = process.resourceUsage();
  process.stdout.write(JSON.stringify({
    openMs,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    maxRssMb: usage.maxRSS / 1024,
  }));
});
`;

/**
 * @typedef {{ openMs: number, cpuMs: number, maxRssMb: number }} ChildReport
 * @param {string} pid
 */
function rssMb(pid) {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0; // exited between samples
  }
}

/**
 * @param {string} root
 * @param {string} dist
 * @param {NodeJS.ProcessEnv} env
 */
async function startAll(root, dist, env) {
  const started = performance.now();
  /** @type {import('node:child_process').ChildProcess[]} */
  const children = [];
  let peakTotalRssMb = 0;
  const sampler = setInterval(() => {
    const total = children.reduce((sum, child) => sum + (child.pid ? rssMb(String(child.pid)) : 0), 0);
    peakTotalRssMb = Math.max(peakTotalRssMb, total);
  }, SAMPLE_EVERY_MS);
  try {
    const reports = await Promise.all(
      SERVICES.map((service) => {
        const child = spawn(process.execPath, ['-e', CHILD], {
          env: {
            ...env,
            BENCH_DIST: dist,
            BENCH_SERVICE: service,
            BENCH_DATA_DIR: path.join(root, '.data', service, 'pglite'),
          },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        children.push(child);
        let out = '';
        child.stdout?.on('data', (chunk) => (out += chunk));
        return /** @type {Promise<ChildReport & { service: string }>} */ (
          new Promise((resolve, reject) => {
            child.once('error', reject);
            child.once('exit', (code) =>
              code === 0 ? resolve({ service, ...JSON.parse(out) }) : reject(new Error(`${service} exited with ${code}`)),
            );
          })
        );
      }),
    );
    return { wallMs: performance.now() - started, peakTotalRssMb, reports };
  } finally {
    clearInterval(sampler);
  }
}

/** @param {string} label @param {Awaited<ReturnType<typeof startAll>>} result */
function print(label, { wallMs, peakTotalRssMb, reports }) {
  const cpuMs = reports.reduce((sum, r) => sum + r.cpuMs, 0);
  const maxRssMb = Math.max(...reports.map((r) => r.maxRssMb));
  console.log(
    `${label}: wall ${(wallMs / 1000).toFixed(2)} s, CPU ${(cpuMs / 1000).toFixed(1)} s, ` +
      `peak total RSS ${peakTotalRssMb.toFixed(0)} MB, largest process ${maxRssMb.toFixed(0)} MB`,
  );
  for (const r of reports) {
    console.log(
      `  ${r.service.padEnd(8)} open ${(r.openMs / 1000).toFixed(2)} s, ` +
        `CPU ${(r.cpuMs / 1000).toFixed(1)} s, max RSS ${r.maxRssMb.toFixed(0)} MB`,
    );
  }
}

async function main() {
  const args = process.argv.slice(2);
  const distArg = args.indexOf('--dist');
  const dist = path.resolve(distArg >= 0 ? args[distArg + 1] ?? '' : path.join(__dirname, '..', 'dist'));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'b3-first-start-'));
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env };
  delete env.DATABASE_URL;
  if (args.includes('--cold-template')) {
    env.TMPDIR = path.join(root, 'tmp');
    fs.mkdirSync(env.TMPDIR);
  }
  try {
    console.log(`${os.cpus().length} CPUs; ${dist}; template cache ${env.TMPDIR ? 'empty' : 'as found in ' + os.tmpdir()}`);
    print('first start', await startAll(root, dist, env));
    print('restart    ', await startAll(root, dist, env));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
