'use strict';
/**
 * Native bridge under a trade burst: the simulator fires trades on its ConnectorThread at a target rate for a
 * fixed time; the bridge copies them through the C shim's ring, maps them and publishes them on the bus. Prints,
 * per rate: trades the DLL produced, trades delivered, drops counted by the ring, duplicates, the time the DLL's
 * thread spent inside the callback (p50/p99, the shim's 100 ns histogram), callback → handed to the bus
 * (publish accepted by the bus client), and callback → received by a subscriber in another process (end to end,
 * like the market subgraph), through the bridge's own TradePublisher.
 *
 *   node bench/bridge-burst.js [--rates 10000,50000,100000,200000] [--seconds 10] [--bus nats://127.0.0.1:4222]
 *
 * The bus defaults to NATS on loopback when it answers (else give --bus); the subscriber is another process.
 * Goals (issue 4): at 50k trades/s keep up or report drops exactly; callback p99 < 5 µs; callback → bus p99 < 5 ms.
 */
const net = require('node:net');
const { fork } = require('node:child_process');
const { option } = require('./lib/options');
const { printTable, fixed } = require('./lib/table');

const bridge = require('../native-bridge/dist');
const { TradePublisher } = require('../native-bridge/dist/services/trade-publisher.service');
const { createEventBus, createLogger } = require('../kit/dist');

const silentLogger = createLogger('bench', 'silent');

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

/**
 * The bus subscriber runs in its own process, like the market subgraph: it timestamps the sampled trades on
 * arrival with the monotonic clock, which the processes of one machine share (CLOCK_MONOTONIC).
 */
async function subscriberMain() {
  const busUrl = process.argv[process.argv.indexOf('--subscriber') + 1];
  const bus = await createEventBus(busUrl, { clientId: 'bench-bridge-subscriber' });
  const receivedAt = {};
  let trades = 0;
  await bus.subscribe('market.trades.*', (batch) => {
    const now = process.hrtime.bigint();
    for (const trade of batch) {
      trades++;
      if (trade.tradeNumber % SAMPLE === 0) receivedAt[`${trade.symbol}#${trade.tradeNumber}`] = String(now);
    }
  });
  process.send({ ready: true });
  process.on('message', async () => {
    await bus.close();
    // exit only once the (large) message is out
    process.send({ receivedAt, trades }, () => process.exit(0));
  });
}

function startSubscriber(busUrl) {
  const child = fork(__filename, ['--subscriber', busUrl], { stdio: 'inherit' });
  return new Promise((resolve) => child.once('message', () => resolve(child)));
}

function stopSubscriber(child) {
  return new Promise((resolve) => {
    child.once('message', resolve);
    child.send('stop');
  });
}

const SAMPLE = 8; // one trade in eight is timed end to end

async function run(rate, seconds, busUrl) {
  const subscriber = await startSubscriber(busUrl);
  const bus = await createEventBus(busUrl, { clientId: `bench-bridge-${rate}` });
  // mean time between trades of one instrument, so the instruments together produce `rate` trades/s
  const client = bridge.createProfitMarketData({ meanInterArrivalMs: (INSTRUMENTS.length * 1000) / rate, seed: 7 });
  const publisher = new TradePublisher(client, bus, silentLogger);
  const callbackAt = new Map();
  let delivered = 0;
  let measuring = false;
  client.onTrade((trade, callbackAtNs) => {
    delivered++;
    if (measuring && trade.tradeNumber % SAMPLE === 0) callbackAt.set(`${trade.symbol}#${trade.tradeNumber}`, callbackAtNs);
  });
  await publisher.start(INSTRUMENTS);
  await new Promise((resolve) => setTimeout(resolve, 500)); // warm-up, not counted
  const before = client.stats().ring;
  measuring = true;
  const started = process.hrtime.bigint();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  measuring = false;
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const atEnd = client.stats().ring;
  // stop the feed and let the ring empty, so every trade the DLL produced is either delivered or counted dropped
  await publisher.unsubscribe(INSTRUMENTS);
  while (client.stats().ring.depth > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  await new Promise((resolve) => setTimeout(resolve, 500)); // let the last bus messages land
  const after = client.stats();
  const produced = atEnd.received - before.received;
  const dropped = atEnd.dropped - before.dropped;
  const accountedFor = after.ring.received === delivered + after.duplicatesDropped + after.ring.dropped + after.ring.untranslated;
  const published = publisher.stats().published;
  await publisher.stop();
  await bus.close();
  const { receivedAt, trades: received } = await stopSubscriber(subscriber);
  const latenciesMs = [];
  let lost = 0;
  for (const [key, at] of callbackAt) {
    if (receivedAt[key] === undefined) lost++;
    else latenciesMs.push(Number(BigInt(receivedAt[key]) - at) / 1e6);
  }
  latenciesMs.sort((a, b) => a - b);
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
    onBus: `${received}/${published}`,
    lost,
    busP50: percentile(latenciesMs, 50),
    busP99: percentile(latenciesMs, 99),
    busMax: latenciesMs[latenciesMs.length - 1],
  };
}

async function main() {
  const rates = option('rates', '10000,50000,100000,200000').split(',').map(Number);
  const seconds = Number(option('seconds', '10'));
  const busUrl = option('bus', (await natsAnswers()) ? 'nats://127.0.0.1:4222' : 'mqtt://127.0.0.1:3510');
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
      r.onBus,
      `${fixed(r.busP50, 2)} / ${fixed(r.busP99, 2)} / ${fixed(r.busMax, 1)}`,
    ]);
  }
  printTable(
    ['target/s', 'produced/s', 'produced', 'delivered', 'dropped (ring)', 'every trade delivered or counted', 'duplicates', 'callback p50/p99 µs', 'received/published on the bus', 'callback→bus subscriber p50/p99/max ms'],
    rows,
  );
}

(process.argv.includes('--subscriber') ? subscriberMain() : main()).catch((err) => {
  console.error(err);
  process.exit(1);
});
