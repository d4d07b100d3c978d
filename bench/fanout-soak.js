'use strict';
// Soak: is gateway memory flat while ticks fan out for a long time? 100 graphql-ws subscribers × 10
// symbols receive 1,000 ticks/s through our gateway for 10 minutes; gateway RSS is sampled every few
// seconds (as the OS sees it, no forced GC) and after a forced GC at the end of minute 1 and at the end.
// Growth is judged from minute 2 on, so start-up allocation (JIT, pools, first queues) is not counted.
// Usage: node bench/fanout-soak.js [--minutes 10] [--clients 100] [--rate 1000] [--sample 5]
const { join } = require('node:path');
const P = require('./lib/processes');
const { option } = require('./lib/options');
const { printTable, fixed } = require('./lib/table');
const { createRecorder, openGatewaySubscribers, settledCount, startOurGateway, gcRss } = require('./lib/ticks');


const MINUTES = Number(option('minutes', 10));
const CLIENTS = Number(option('clients', 100));
const RATE = Number(option('rate', 1000));
const SAMPLE_S = Number(option('sample', 5));
/** Allowed RSS growth from the end of minute 1 to the end, in MB. */
const GROWTH_LIMIT_MB = 10;

const mb = (bytes) => bytes / 2 ** 20;

/** Least-squares slope of y over x. */
function slope(points) {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return num / den;
}

async function main() {
  const started = new Date().toISOString();
  const { child: market, ready } = P.forkReady(join(__dirname, 'fixtures', 'subgraph-process.js'), ['market'], { env: { NODE_ENV: 'production' } });
  const { url: marketUrl } = await ready;
  let gateway = null;
  const samples = [];
  const minutes = [];
  let gcAfterMinute1 = NaN;
  let gcAtEnd = NaN;
  let recorder;
  try {
    gateway = await startOurGateway(marketUrl);
    recorder = createRecorder();
    const close = openGatewaySubscribers(CLIENTS, gateway.url, recorder);
    const upstream = await settledCount(market, 'subscriptions');
    console.error(`${CLIENTS} subscribers on ${upstream} upstream subscription(s); ${RATE} ticks/s for ${MINUTES} min`);
    market.send({ cmd: 'rate', rate: RATE });
    const t0 = Date.now();
    for (let minute = 1; minute <= MINUTES; minute++) {
      recorder.reset();
      const cpuBefore = P.cpuMicros(gateway.child.pid);
      while (Date.now() - t0 < minute * 60_000) {
        await P.sleep(Math.min(SAMPLE_S * 1000, Math.max(0, minute * 60_000 - (Date.now() - t0))));
        samples.push({ x: (Date.now() - t0) / 60_000, y: mb(P.rssBytes(gateway.child.pid)) });
      }
      const latencies = recorder.take();
      const inMinute = samples.filter((s) => s.x > minute - 1 && s.x <= minute + 0.01).map((s) => s.y);
      minutes.push({
        minute,
        rssMin: Math.min(...inMinute),
        rssMax: Math.max(...inMinute),
        rssLast: inMinute[inMinute.length - 1],
        delivered: latencies.length / (RATE * 60 * CLIENTS),
        p50: P.percentile(latencies, 50),
        p99: P.percentile(latencies, 99),
        cpuPct: (100 * (P.cpuMicros(gateway.child.pid) - cpuBefore)) / 60e6,
        load: P.loadAverage(),
      });
      const m = minutes[minutes.length - 1];
      console.error(`minute ${minute}: RSS ${fixed(m.rssMin, 1)}–${fixed(m.rssMax, 1)} MB, delivered ${fixed(100 * m.delivered, 1)} %, p99 ${fixed(m.p99, 1)} ms`);
      if (minute === 1) gcAfterMinute1 = mb(await gcRss(gateway));
    }
    gcAtEnd = mb(await gcRss(gateway));
    market.send({ cmd: 'rate', rate: 0 });
    await close();
  } finally {
    if (gateway) await P.stop(gateway.child);
    await P.stop(market);
  }

  const afterWarmup = samples.filter((s) => s.x >= 1);
  const rssSlope = slope(afterWarmup);
  const growth = minutes[minutes.length - 1].rssLast - minutes[0].rssLast;
  console.log(`\n## Fan-out soak: ${started}, ${CLIENTS} subscribers × 10 symbols, ${RATE} ticks/s, ${MINUTES} min, RSS sampled every ${SAMPLE_S} s, node ${process.version}\n`);
  printTable(
    ['minute', 'gateway RSS min–max MB', 'RSS at end MB', 'delivered %', 'p50 ms', 'p99 ms', 'gateway CPU % of a core', 'load avg'],
    minutes.map((m) => [m.minute, `${fixed(m.rssMin, 1)}–${fixed(m.rssMax, 1)}`, fixed(m.rssLast, 1), fixed(100 * m.delivered, 1), fixed(m.p50, 1), fixed(m.p99, 1), fixed(m.cpuPct), m.load]),
  );
  console.log('');
  printTable(
    ['check', 'measured', 'target', 'pass'],
    [
      [`RSS growth, end of minute 1 → end of minute ${MINUTES}`, `${fixed(growth, 1)} MB`, `< ${GROWTH_LIMIT_MB} MB`, growth < GROWTH_LIMIT_MB ? 'yes' : 'NO'],
      ['RSS trend from minute 1 on (least squares)', `${fixed(rssSlope, 2)} MB/min`, 'about 0', ''],
      ['RSS after forced GC, end of minute 1 → end', `${fixed(gcAfterMinute1, 1)} → ${fixed(gcAtEnd, 1)} MB`, `< ${GROWTH_LIMIT_MB} MB more`, gcAtEnd - gcAfterMinute1 < GROWTH_LIMIT_MB ? 'yes' : 'NO'],
    ],
  );
  if (recorder && recorder.failure) console.log(`\nclients saw an error: ${recorder.failure}`);
  const violations = P.netGuardViolations();
  console.log(`\nnon-loopback connection attempts (net guard, blocked): ${violations.length}`);
  if (violations.length || !(growth < GROWTH_LIMIT_MB)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
