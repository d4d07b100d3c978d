'use strict';
// Child-process plumbing shared by the benches: start, wait for ready, read CPU and RSS from /proc,
// stop. Every process runs under kit's net guard in block mode, so a gateway that tries to phone home
// is both stopped and counted.
const { fork, spawn } = require('node:child_process');
const { mkdtempSync, readFileSync, existsSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const REPO_ROOT = join(__dirname, '..', '..');
const NET_GUARD = join(REPO_ROOT, 'kit', 'dist', 'testing', 'net-guard.js');
const CLK_TCK = 100; // Linux USER_HZ; `getconf CLK_TCK` is 100 on every kernel config we run on
const WORK_DIR = mkdtempSync(join(tmpdir(), 'b3-bench-'));
const NET_GUARD_LOG = join(WORK_DIR, 'net-guard.log');
process.on('exit', () => rmSync(WORK_DIR, { recursive: true, force: true }));

function guardedEnv(extra = {}) {
  return { ...process.env, NET_GUARD: 'block', NET_GUARD_LOG, APOLLO_TELEMETRY_DISABLED: '1', ...extra };
}

function guardArgs(extra = []) {
  if (!existsSync(NET_GUARD)) throw new Error(`${NET_GUARD} is missing: build kit first (npx tsc -b kit)`);
  return ['--require', NET_GUARD, ...extra];
}

/** Non-loopback connection attempts recorded by the net guard since the bench started. */
function netGuardViolations() {
  if (!existsSync(NET_GUARD_LOG)) return [];
  return readFileSync(NET_GUARD_LOG, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

/** Forks a node script that reports {type:'ready', ...} over IPC; rejects on early exit or timeout. */
function forkReady(script, args, { env = {}, execArgv = [], timeoutMs = 60_000 } = {}) {
  const child = fork(script, args, { env: guardedEnv(env), execArgv: guardArgs(execArgv), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} ${args.join(' ')} not ready in ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} ${args.join(' ')} exited with ${code} before it was ready`));
    });
    child.on('message', (message) => {
      if (message && message.type === 'ready') {
        clearTimeout(timer);
        resolve(message);
      }
    });
  });
  return { child, ready };
}

/** Sends a command over IPC and resolves with the next message of the given type. */
function ask(child, command, replyType, timeoutMs = 10_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`no ${replyType} reply in ${timeoutMs} ms`));
    }, timeoutMs);
    function onMessage(message) {
      if (message && message.type === replyType) {
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message);
      }
    }
    child.on('message', onMessage);
    child.send(command);
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Spawns a CLI under the net guard; ready once `probe()` resolves true (polled with a deadline). */
async function spawnUntil(args, probe, { env = {}, timeoutMs = 60_000 } = {}) {
  const child = spawn(process.execPath, [...guardArgs(), ...args], { env: guardedEnv(env), stdio: ['ignore', 'ignore', 'inherit'] });
  let exited = null;
  child.once('exit', (code) => (exited = code ?? -1));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`${args.join(' ')} exited with ${exited} before it was ready`);
    if (await probe().catch(() => false)) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`${args.join(' ')} not ready in ${timeoutMs} ms`);
}

/** utime + stime of a process in microseconds. */
function cpuMicros(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is the state (field 3 of stat), so utime (field 14) and stime (15) are at 11 and 12
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLK_TCK;
}

function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : NaN;
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function loadAverage() {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

module.exports = {
  REPO_ROOT,
  guardedEnv,
  guardArgs,
  WORK_DIR,
  forkReady,
  ask,
  freePort,
  spawnUntil,
  cpuMicros,
  rssBytes,
  stop,
  netGuardViolations,
  loadAverage,
  percentile,
  sleep,
};
