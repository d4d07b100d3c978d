#!/usr/bin/env node
/**
 * Order latency through the real platform (issue 6): a trader's `placeOrder` through the gateway, the
 * orders subgraph (validation, risk check with every rule, PENDING write, route to the bridge, SUBMITTED
 * write) and back: that round trip is submit → ack, the venue having taken the order. Then place → FILLED
 * as seen on the trader's `orderUpdates` subscription, which adds the simulator's own ack and fill delays
 * (20 ms each by default, Sim_SetOrderTiming), so it is dominated by them and reported for completeness.
 * Orders alternate BUY and SELL at marketable limits, so the position stays near flat.
 * Needs `npm run build`. Usage: node bench/order-latency.js [--orders 300] [--warmup 30] [--symbol PETR4]
 */
const { createClient } = require('graphql-ws');
const WebSocket = require('ws');
const { option } = require('./lib/options');
const { printTable, fixed } = require('./lib/table');
const { loadAverage, netGuardViolations, percentile } = require('./lib/processes');
const { gql, startPlatform } = require('./lib/platform');

const ORDERS = Number(option('orders', 300));
const WARMUP = Number(option('warmup', 30));
const SYMBOL = option('symbol', 'PETR4');

const PLACE = `mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id account status } }`;

/** A limit 1 % through the last trade, on the 0.01 tick: marketable, and well inside the ±10 % band. */
function marketable(last, side) {
  const cents = Math.round(Number(last) * 100 * (side === 'BUY' ? 1.01 : 0.99));
  return (cents / 100).toFixed(2);
}

(async () => {
  const platform = await startPlatform();
  console.log(`platform up in ${platform.startSeconds.toFixed(1)} s; ${ORDERS} orders after ${WARMUP} warm-up, ${SYMBOL}`);
  const { trader, admin } = platform.tokens;
  const ws = createClient({ url: platform.gatewayWsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${trader}` }, retryAttempts: 0 });
  try {
    let last = null;
    for (let i = 0; i < 100 && !last; i++) {
      const data = await gql(platform.gatewayUrl, `{ ticker(symbol: "${SYMBOL}") { lastTrade { price } } }`);
      last = data.ticker?.lastTrade?.price ?? null;
      if (!last) await new Promise((r) => setTimeout(r, 200));
    }
    if (!last) throw new Error(`no last trade for ${SYMBOL}`);

    const filledAt = new Map();
    const waiting = new Map();
    ws.subscribe(
      { query: 'subscription { orderUpdates { id status } }' },
      {
        next: ({ data }) => {
          if (data?.orderUpdates.status !== 'FILLED') return;
          filledAt.set(data.orderUpdates.id, performance.now());
          waiting.get(data.orderUpdates.id)?.();
        },
        error: (e) => console.error('orderUpdates failed', e),
        complete: () => undefined,
      },
    );
    await new Promise((r) => setTimeout(r, 500));

    const place = async (n) => {
      const side = n % 2 === 0 ? 'BUY' : 'SELL';
      const input = { symbol: SYMBOL, side, type: 'LIMIT', quantity: 100, price: marketable(last, side), timeInForce: 'DAY', idempotencyKey: `bench-${process.pid}-${n}` };
      const t0 = performance.now();
      const { placeOrder } = await gql(platform.gatewayUrl, PLACE, { i: input }, trader);
      const acked = performance.now();
      if (placeOrder.status !== 'SUBMITTED' && placeOrder.status !== 'PARTIALLY_FILLED' && placeOrder.status !== 'FILLED') {
        throw new Error(`order ${n} came back ${placeOrder.status}`);
      }
      if (!filledAt.has(placeOrder.id)) {
        await new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`order ${n} not filled in 5 s`)), 5_000);
          waiting.set(placeOrder.id, () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      waiting.delete(placeOrder.id);
      return { account: placeOrder.account, ack: acked - t0, fill: filledAt.get(placeOrder.id) - t0 };
    };

    // The default throttle (10 orders/s per account) would refuse a sequential bench: an admin raises it, audited like any edit.
    const first = await place(0);
    await gql(platform.gatewayUrl, 'mutation($a: String!) { setRiskLimits(account: $a, input: { maxOrdersPerSecond: 1000, maxPositionPerSymbol: 100000 }, reason: "order latency bench") { maxOrdersPerSecond } }', { a: first.account }, admin);

    for (let n = 1; n <= WARMUP; n++) await place(n);
    const acks = [];
    const fills = [];
    const t0 = performance.now();
    for (let n = WARMUP + 1; n <= WARMUP + ORDERS; n++) {
      const r = await place(n);
      acks.push(r.ack);
      fills.push(r.fill);
    }
    const seconds = (performance.now() - t0) / 1000;
    acks.sort((a, b) => a - b);
    fills.sort((a, b) => a - b);
    const row = (name, xs) => [name, fixed(percentile(xs, 50), 1), fixed(percentile(xs, 95), 1), fixed(percentile(xs, 99), 1), fixed(xs[xs.length - 1], 1)];
    printTable(['ms', 'p50', 'p95', 'p99', 'max'], [row('submit → ack (placeOrder round trip)', acks), row('submit → FILLED (orderUpdates)', fills)]);
    console.log(`${ORDERS} orders in ${seconds.toFixed(1)} s (${(ORDERS / seconds).toFixed(0)} orders/s sequential); load average ${loadAverage()}`);
  } finally {
    await ws.dispose();
    await platform.stop();
  }
  const violations = netGuardViolations();
  console.log(`non-loopback connection attempts: ${violations.length}`);
  if (violations.length) process.exit(1);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
