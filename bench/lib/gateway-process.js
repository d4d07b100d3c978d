'use strict';
// Runs one gateway in its own process so its CPU and memory can be read from /proc on its own.
// `node gateway-process.js <ours|apollo>` with BENCH_GATEWAY (JSON: supergraphFile, subgraphs) in the
// environment. Sends {type:'ready', url} over IPC; answers {cmd:'gc'} with {type:'gc'} (needs --expose-gc).
process.env.APOLLO_TELEMETRY_DISABLED = '1';

const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const REPO_ROOT = join(__dirname, '..', '..');

/**
 * Our gateway with its own defaults (loadGatewayConfig), pointed at the fixtures. The bench is one
 * client IP sending ad-hoc documents, so unless the caller says otherwise the per-IP/user rate limits
 * are raised out of reach (they still run on every request) and persisted-only mode is off.
 */
async function startOurs(spec) {
  const { createLogger } = require('@b3/kit');
  const { loadGatewayConfig } = require(join(REPO_ROOT, 'gateway', 'dist', 'config.js'));
  const { startGateway } = require(join(REPO_ROOT, 'gateway', 'dist', 'gateway.js'));
  const env = {
    PERSISTED_ONLY: 'false',
    RATE_LIMIT_IP_PER_MINUTE: '1000000000',
    RATE_LIMIT_USER_PER_MINUTE: '1000000000',
    ...process.env,
  };
  const config = { ...loadGatewayConfig(env), port: 0, host: '127.0.0.1', subgraphs: spec.subgraphs, corsOrigins: [] };
  const running = await startGateway(config, createLogger('gateway', process.env.LOG_LEVEL ?? 'warn'));
  return running.url;
}

/** Stock @apollo/gateway + @apollo/server standalone, defaults only (telemetry off, set above). */
async function startPlainApollo(spec) {
  const { ApolloGateway } = require('@apollo/gateway');
  const { ApolloServer } = require('@apollo/server');
  const { startStandaloneServer } = require('@apollo/server/standalone');
  const gateway = new ApolloGateway({ supergraphSdl: readFileSync(spec.supergraphFile, 'utf8') });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return url;
}

// BENCH_CPU_PROFILE=<dir>: a V8 CPU profile of the whole run, written when the bench disconnects
// (--cpu-prof writes nothing when the parent kills the child).
let stopProfile = async () => {};
function startProfile(dir) {
  const inspector = require('node:inspector');
  const { mkdirSync } = require('node:fs');
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
  const started = post('Profiler.enable').then(() => post('Profiler.start'));
  stopProfile = async () => {
    await started;
    const { profile } = await post('Profiler.stop');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${process.argv[2]}-${process.pid}.cpuprofile`), JSON.stringify(profile));
  };
  process.once('SIGTERM', () => stopProfile().finally(() => process.exit(0)));
}

async function main() {
  if (process.env.BENCH_CPU_PROFILE) startProfile(process.env.BENCH_CPU_PROFILE);
  const kind = process.argv[2];
  const spec = JSON.parse(process.env.BENCH_GATEWAY ?? '{}');
  const start = { ours: startOurs, apollo: startPlainApollo }[kind];
  if (!start) throw new Error(`unknown gateway kind ${kind}`);
  const url = await start(spec);
  process.on('message', (message) => {
    if (message.cmd === 'gc') {
      if (global.gc) global.gc();
      process.send({ type: 'gc' });
    }
  });
  process.on('disconnect', () => stopProfile().finally(() => process.exit(0)));
  process.send({ type: 'ready', url });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
