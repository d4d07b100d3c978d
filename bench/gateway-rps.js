'use strict';
// Bench (a): our gateway vs plain @apollo/gateway + @apollo/server vs @graphql-hive/gateway, all serving
// one composed supergraph over the same three fixture subgraphs, loaded by autocannon in two workloads.
// Each gateway gets its own warm-up per workload; the subgraphs get 5 s more before the first gateway.
// Usage: node bench/gateway-rps.js [--warmup 3] [--duration 10] [--connections 50] [--only ours,apollo,hive]
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const autocannon = require('autocannon');
const { FIXTURE_SUBGRAPHS, sdlFileOf, composeFixtureSupergraph } = require('./fixtures/compose');
const P = require('./lib/processes');
const { option } = require('./lib/options');
const { printTable, fixed, ratio } = require('./lib/table');

const QUERY = `query Board($first: Int!, $offset: Int!) {
  tickers(first: $first, offset: $offset) {
    symbol name lastTrade { price quantity at }
    bestBid bestAsk
    ideas { id title author }
  }
}`;
const OFFSETS = 9_990; // varied workload cycles through this many distinct windows


const WARMUP_S = Number(option('warmup', 3));
const DURATION_S = Number(option('duration', 10));
const CONNECTIONS = Number(option('connections', 50));
const ONLY = option('only', 'ours,apollo,hive').split(',');
const SUBGRAPH_WARMUP_S = 5;

const bodyFor = (offset) => JSON.stringify({ query: QUERY, variables: { first: 5, offset } });

/** One request per workload through the gateway, checked for a full 3-subgraph answer. */
async function checkAnswers(url) {
  for (const offset of [0, 1234]) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodyFor(offset) });
    const json = await res.json();
    const rows = json.data && json.data.tickers;
    const ok = !json.errors && rows && rows.length === 5 && rows.every((t) => t.bestAsk && t.ideas.length > 0 && t.lastTrade.price);
    if (!ok) throw new Error(`bad answer from ${url}: ${JSON.stringify(json).slice(0, 400)}`);
  }
}

function runAutocannon(url, seconds, varied) {
  let next = 0;
  const latencies = [];
  const instance = autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: bodyFor(0),
    // a fresh offset per request so no two in-flight requests share subgraph fetches
    requests: varied ? [{ setupRequest: (req) => ({ ...req, body: bodyFor(next++ % OFFSETS) }) }] : undefined,
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  return new Promise((resolve, reject) => {
    instance.once('done', (result) => resolve({ result, latencies }));
    instance.once('error', reject);
  });
}

async function subgraphRequests(subgraphChildren) {
  const stats = await Promise.all(subgraphChildren.map((c) => P.ask(c, { cmd: 'stats' }, 'stats')));
  return stats.reduce((sum, s) => sum + s.requests, 0);
}

async function measure(gateway, subgraphChildren, workload) {
  const subgraphPids = subgraphChildren.map((c) => c.pid);
  const varied = workload === 'varied';
  await runAutocannon(gateway.url, WARMUP_S, varied);
  const load = P.loadAverage();
  const gwBefore = P.cpuMicros(gateway.pid);
  const sgBefore = subgraphPids.reduce((sum, pid) => sum + P.cpuMicros(pid), 0);
  const fetchesBefore = await subgraphRequests(subgraphChildren);
  const { result, latencies } = await runAutocannon(gateway.url, DURATION_S, varied);
  const gwCpu = P.cpuMicros(gateway.pid) - gwBefore;
  const sgCpu = subgraphPids.reduce((sum, pid) => sum + P.cpuMicros(pid), 0) - sgBefore;
  const fetches = (await subgraphRequests(subgraphChildren)) - fetchesBefore;
  latencies.sort((a, b) => a - b);
  const requests = result.requests.total;
  return {
    gateway: gateway.name,
    workload,
    rps: requests / DURATION_S,
    p50: P.percentile(latencies, 50),
    p95: P.percentile(latencies, 95),
    p99: P.percentile(latencies, 99),
    errors: result.errors + result.timeouts + result.non2xx,
    gatewayCpuPerReq: gwCpu / requests,
    subgraphCpuPerReq: sgCpu / requests,
    fetchesPerReq: fetches / requests,
    load,
  };
}

async function startGateway(name, subgraphs, supergraphFile) {
  if (name === 'hive') {
    const port = await P.freePort();
    const url = `http://127.0.0.1:${port}/graphql`;
    const bin = require.resolve('@graphql-hive/gateway/package.json').replace(/package\.json$/, 'dist/bin.js');
    const child = await P.spawnUntil([bin, 'supergraph', supergraphFile, '--host', '127.0.0.1', '--port', String(port)], async () => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}' });
      return res.ok;
    }, { env: { NODE_ENV: 'production' } });
    return { name, url, pid: child.pid, child };
  }
  const { child, ready } = P.forkReady(join(__dirname, 'lib', 'gateway-process.js'), [name], {
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      BENCH_GATEWAY: JSON.stringify({ supergraphFile, subgraphs: subgraphs.map((s) => ({ ...s, sdlFile: sdlFileOf(s.name) })) }),
    },
  });
  const { url } = await ready;
  return { name, url, pid: child.pid, child };
}

const LABELS = {
  ours: 'ours (gateway/dist)',
  apollo: 'plain @apollo/gateway + @apollo/server',
  hive: '@graphql-hive/gateway CLI defaults',
};

async function main() {
  const started = new Date().toISOString();
  const subgraphChildren = [];
  const results = [];
  try {
    const subgraphs = [];
    for (const name of FIXTURE_SUBGRAPHS) {
      const { child, ready } = P.forkReady(join(__dirname, 'fixtures', 'subgraph-process.js'), [name], { env: { NODE_ENV: 'production' } });
      subgraphChildren.push(child);
      subgraphs.push({ name, url: (await ready).url });
    }
    const supergraphFile = join(P.WORK_DIR, 'supergraph.graphql');
    writeFileSync(supergraphFile, composeFixtureSupergraph(Object.fromEntries(subgraphs.map((s) => [s.name, s.url]))));

    let subgraphsWarm = false;
    for (const name of ONLY) {
      const gateway = await startGateway(name, subgraphs, supergraphFile);
      try {
        await checkAnswers(gateway.url);
        if (!subgraphsWarm) {
          // the subgraphs' JIT warm-up would otherwise be billed to whichever gateway runs first
          await runAutocannon(gateway.url, SUBGRAPH_WARMUP_S, true);
          subgraphsWarm = true;
        }
        for (const workload of ['repeated', 'varied']) {
          const r = await measure(gateway, subgraphChildren, workload);
          results.push(r);
          console.error(`${name} ${workload}: ${fixed(r.rps)} req/s, p99 ${fixed(r.p99)} ms, gateway ${fixed(r.gatewayCpuPerReq)} µs/req (load ${r.load})`);
        }
      } finally {
        await P.stop(gateway.child);
      }
    }
  } finally {
    for (const child of subgraphChildren) await P.stop(child);
  }

  const violations = P.netGuardViolations();
  console.log(`\n## Gateway RPS: ${started}, ${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s, node ${process.version}\n`);
  printTable(
    ['gateway', 'workload', 'RPS', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'gateway CPU µs/req', 'subgraphs CPU µs/req', 'subgraph fetches/req', 'load avg (1/5/15)'],
    results.map((r) => [LABELS[r.gateway], r.workload, fixed(r.rps), fixed(r.p50), fixed(r.p95), fixed(r.p99), r.errors, fixed(r.gatewayCpuPerReq), fixed(r.subgraphCpuPerReq), fixed(r.fetchesPerReq, 2), r.load]),
  );
  const find = (g, w) => results.find((r) => r.gateway === g && r.workload === w);
  const ratioRows = [];
  for (const workload of ['repeated', 'varied']) {
    const ours = find('ours', workload);
    if (!ours) continue;
    for (const other of ['apollo', 'hive']) {
      const base = find(other, workload);
      if (!base) continue;
      ratioRows.push([workload, `ours / ${other}`, ratio(ours.rps, base.rps), ratio(ours.p95, base.p95), ratio(ours.p99, base.p99), ratio(ours.gatewayCpuPerReq, base.gatewayCpuPerReq)]);
    }
  }
  if (ratioRows.length) {
    console.log('\nRatios (RPS: higher is better for us; p95/p99/CPU: lower is better for us)\n');
    printTable(['workload', 'ratio', 'RPS', 'p95', 'p99', 'gateway CPU/req'], ratioRows);
  }
  console.log(`\nnon-loopback connection attempts (net guard, blocked): ${violations.length}`);
  for (const v of violations) console.log(`  ${JSON.stringify(v)}`);
  if (violations.length) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
