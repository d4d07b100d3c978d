'use strict';
/**
 * Native bridge under a trade burst: the simulator fires trades on its ConnectorThread at a target rate for a
 * fixed time; the bridge copies them through the C shim's ring, maps them and publishes them on the bus. Prints,
 * per rate: trades the DLL produced, trades delivered, drops counted by the ring, duplicates, the time the DLL's
 * thread spent inside the callback (p50/p99, the shim's 100 ns histogram), callback → handed to the bus
 * (publish accepted by the bus client), and callback → received by a subscriber of that bus in this same
 * process (end to end; the subscriber's decoding competes with the bridge for the one event loop).
 *
 *   node bench/bridge-burst.js [--rates 10000,50000,100000,200000] [--seconds 10] [--bus nats://127.0.0.1:4222]
 *
 * The bus defaults to NATS on loopback when it answers, else the in-process memory bus (printed).
 * Goals (issue 4): at 50k trades/s keep up or report drops exactly; callback p99 < 5 µs; callback → bus p99 < 5 ms.
 */
const net = require('node:net');
const { option } = require('./lib/options');
const { printTable, fixed } = require('./lib/table');

const bridge = require('../native-bridge/dist');
const { createEventBus } = require('../kit/dist');

const INSTRUMENTS = bridge.DEFAULT_INSTRUMENTS;

function natsAnswers() {
  return new Promise((resolve) => {
    const socket = net.connect(4222, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.setTimeout(500, () => (socket.destroy(), resolve(false)));
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function run(rate, seconds, busUrl) {
  const bus = await createEventBus(busUrl, { clientId: `bench-bridge-${rate}` });
  // mean time between trades of one instrument, so the instruments together produce `rate` trades/s
  const client = bridge.createProfitMarketData({ meanInterArrivalMs: (INSTRUMENTS.length * 1000) / rate, seed: 7 });
  const sentAt = new Map();
  const latenciesMs = [];
  const publishedMs = [];
  let delivered = 0;
  let measuring = false;
  client.onTrade((trade, callbackAtNs) => {
    delivered++;
    if (!measuring) return;
    // one in eight trades is timed end to end, so the bookkeeping stays small at 200k/s
    const timed = trade.tradeNumber % 8 === 0;
    if (timed) sentAt.set(`${trade.symbol}#${trade.tradeNumber}`, callbackAtNs);
    const published = bus.publish(`bench.trades.${trade.symbol}`, trade);
    if (timed) void published.then(() => publishedMs.push(Number(process.hrtime.bigint() - callbackAtNs) / 1e6));
  });
  const unsubscribe = await bus.subscribe('bench.trades.*', (trade) => {
    const key = `${trade.symbol}#${trade.tradeNumber}`;
    const at = sentAt.get(key);
    if (at === undefined) return;
    sentAt.delete(key);
    latenciesMs.push(Number(process.hrtime.bigint() - at) / 1e6);
  });
  await client.start();
  for (const { symbol, exchange } of INSTRUMENTS) await client.subscribe(symbol, exchange);
  await new Promise((resolve) => setTimeout(resolve, 500)); // warm-up, not counted
  const before = client.stats().ring;
  measuring = true;
  const started = process.hrtime.bigint();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  measuring = false;
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const atEnd = client.stats().ring;
  // stop the feed and let the ring empty, so every trade the DLL produced is either delivered or counted dropped
  for (const { symbol, exchange } of INSTRUMENTS) await client.unsubscribe(symbol, exchange);
  while (client.stats().ring.depth > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  await new Promise((resolve) => setTimeout(resolve, 300)); // let the last bus messages land
  const after = client.stats();
  const produced = atEnd.received - before.received;
  const dropped = atEnd.dropped - before.dropped;
  const accountedFor = after.ring.received === delivered + after.duplicatesDropped + after.ring.dropped + after.ring.untranslated;
  await client.stop();
  await unsubscribe();
  await bus.close();
  latenciesMs.sort((a, b) => a - b);
  publishedMs.sort((a, b) => a - b);
  return {
    rate,
    producedPerSecond: produced / elapsed,
    produced,
    delivered: produced - dropped,
    dropped,
    accountedFor,
    totals: `${after.ring.received} = ${delivered} + ${after.duplicatesDropped} + ${after.ring.dropped} + ${after.ring.untranslated}`,
    duplicates: after.duplicatesDropped,
    callbackP50Ns: after.ring.callbackP50Ns,
    callbackP99Ns: after.ring.callbackP99Ns,
    pubP50: percentile(publishedMs, 50),
    pubP99: percentile(publishedMs, 99),
    busP50: percentile(latenciesMs, 50),
    busP99: percentile(latenciesMs, 99),
    busMax: latenciesMs[latenciesMs.length - 1],
    timed: latenciesMs.length,
  };
}

async function main() {
  const rates = option('rates', '10000,50000,100000,200000').split(',').map(Number);
  const seconds = Number(option('seconds', '10'));
  const busUrl = option('bus', (await natsAnswers()) ? 'nats://127.0.0.1:4222' : 'memory://');
  console.log(`bridge burst: ${seconds} s per rate, ${INSTRUMENTS.length} instruments, bus ${busUrl}, shim ring ${65536} slots`);
  const rows = [];
  for (const rate of rates) {
    const r = await run(rate, seconds, busUrl);
    rows.push([
      r.rate,
      fixed(r.producedPerSecond),
      r.produced,
      r.delivered,
      r.dropped,
      r.accountedFor ? 'yes' : `no: ${r.totals}`,
      r.duplicates,
      `${fixed(r.callbackP50Ns / 1000, 1)} / ${fixed(r.callbackP99Ns / 1000, 1)}`,
      `${fixed(r.pubP50, 2)} / ${fixed(r.pubP99, 2)}`,
      `${fixed(r.busP50, 2)} / ${fixed(r.busP99, 2)} / ${fixed(r.busMax, 1)}`,
    ]);
  }
  printTable(
    ['target/s', 'produced/s', 'produced', 'delivered', 'dropped (ring)', 'every trade delivered or counted', 'duplicates', 'callback p50/p99 µs', 'callback→published p50/p99 ms', 'callback→subscriber (same process) p50/p99/max ms'],
    rows,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
