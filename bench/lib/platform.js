'use strict';
// The whole platform as `npm start` runs it (launcher + every child), on OS-chosen ports and a throw-away
// data directory, under the net guard; for benches that measure through the real gateway.
const { spawn } = require('node:child_process');
const { join } = require('node:path');
const { REPO_ROOT, WORK_DIR, freePort, guardedEnv, guardArgs } = require('./processes');

const PORT_ENVS = ['LAUNCHER', 'DASHBOARD', 'BUS', 'GATEWAY', 'BRIDGE', 'MARKET', 'ORDERS', 'IDEAS', 'SIGNALS', 'DOCS', 'AGENTS'];

async function startPlatform({ env = {}, timeoutMs = 120_000 } = {}) {
  const ports = {};
  for (const name of PORT_ENVS) ports[name] = await freePort();
  const childEnv = guardedEnv({ NO_COLOR: '1', LOG_LEVEL: 'warn', DATA_DIR: join(WORK_DIR, 'platform-data'), ...env });
  for (const name of PORT_ENVS) childEnv[`${name}_PORT`] = String(ports[name]);
  delete childEnv.BUS_URL;
  const started = Date.now();
  const child = spawn(process.execPath, guardArgs([join(REPO_ROOT, 'launcher', 'dist', 'main.js')]), { cwd: REPO_ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`platform not up in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const poll = setInterval(() => {
      if (output.includes('B3 platform is up')) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`launcher exited ${code}:\n${output}`));
    });
  });
  const token = (role) => {
    const match = new RegExp(`^\\s+${role}\\s+(\\S+)$`, 'm').exec(output);
    if (!match) throw new Error(`no ${role} token in the launcher output`);
    return match[1];
  };
  return {
    pid: child.pid,
    startSeconds: (Date.now() - started) / 1000,
    gatewayUrl: `http://127.0.0.1:${ports.GATEWAY}/graphql`,
    gatewayWsUrl: `ws://127.0.0.1:${ports.GATEWAY}/graphql`,
    tokens: { trader: token('trader'), admin: token('admin'), viewer: token('viewer') },
    stop: async () => {
      if (child.exitCode !== null) return;
      child.removeAllListeners('exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await new Promise((resolve) => child.once('exit', resolve));
      clearTimeout(timer);
    },
  };
}

/** One GraphQL request; throws on GraphQL errors so a bench never measures a refusal as a success. */
async function gql(url, query, variables, token) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

module.exports = { startPlatform, gql };
