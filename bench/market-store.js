#!/usr/bin/env node
/**
 * Market tick store: ingest rate into the embedded DuckDB store and candle query latency over 1M
 * trades (issue goals: ≥ 500k trades/s sustained, 1-minute candles over 1M trades < 50 ms).
 * Needs `npm run build`. Usage: node bench/market-store.js [--trades 1000000] [--batch 50000] [--queries 30]
 */
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { option } = require('./lib/options');
const { printTable, fixed } = require('./lib/table');
const { percentile } = require('./lib/processes');
const { openDuckDbTickStore } = require('../subgraphs/market/dist/store/duckdb-tick.store');
const { MarketDataService } = require('../subgraphs/market/dist/services/market-data.service');
const { FormingBars } = require('../subgraphs/market/dist/services/forming-bars');
const { createLogger } = require('../kit/dist');

const TRADES = Number(option('trades', 1_000_000));
const BATCH = Number(option('batch', 50_000));
const QUERIES = Number(option('queries', 30));
// one B3 session for one symbol: 10:00–18:00 São Paulo = 13:00–21:00 UTC
const SESSION_START = Date.parse('2026-11-26T13:00:00.000Z');
const SESSION_MS = 8 * 3_600_000;

/**
 * Trades [offset, offset + size) of the session, made on demand: holding a million trade objects would
 * put the bench's own garbage collection into the query timings.
 */
function syntheticTrades(offset, size) {
  const trades = new Array(size);
  for (let k = 0; k < size; k++) {
    const i = offset + k;
    const steps = 25_000 + ((((i * 2654435761) >>> 0) % 41) - 20); // WIN quotes on a 5-point grid: price = steps × 5
    const time = new Date(SESSION_START + Math.floor((i * SESSION_MS) / TRADES)).toISOString();
    trades[k] = { symbol: 'WINZ26', exchange: 'F', price: String(steps * 5), quantity: 1 + (i % 7), tradeNumber: i + 1, aggressor: i % 2 ? 'BUY' : 'SELL', time, isEdit: false };
  }
  return trades;
}

/** The service's path: messages as the bridge publishes them, parsed, fed to forming bars, flushed by the service. */
async function serviceIngest(path) {
  const store = await openDuckDbTickStore(path);
  const market = new MarketDataService(store, [{ symbol: 'WINZ26', exchange: 'F' }], createLogger('bench', 'silent'));
  const bars = new FormingBars();
  market.onTrade((trade) => bars.add(trade));
  let maxLagMs = 0;
  const started = performance.now();
  let making = 0; // time spent making the messages, taken out of the rate
  for (let offset = 0; offset < TRADES; offset += 500) {
    const t0 = performance.now();
    const message = JSON.parse(JSON.stringify(syntheticTrades(offset, 500))); // as decoded from the bus
    making += performance.now() - t0;
    market.ingestMessage(message);
    if (offset % 20_000 === 0) {
      maxLagMs = Math.max(maxLagMs, market.stats().writeLagMs);
      await new Promise((resolve) => setImmediate(resolve)); // let the bus client's socket and the timer run, as in production
    }
  }
  await market.close();
  const rate = TRADES / ((performance.now() - started - making) / 1000);
  bars.close();
  await store.close();
  return { rate, maxLagMs };
}


async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'market-bench-'));
  const results = [];
  // warm the JIT on a throwaway store so the first measured store does not pay for it
  const warm = await openDuckDbTickStore(':memory:');
  for (let offset = 0; offset < 200_000; offset += BATCH) await warm.append(syntheticTrades(offset, BATCH));
  await warm.close();
  for (const [label, path] of [['file', join(dir, 'ticks.duckdb')], ['memory', ':memory:']]) {
    const store = await openDuckDbTickStore(path);
    let ingestMs = 0; // time inside append() only, not making the synthetic trades
    for (let offset = 0; offset < TRADES; offset += BATCH) {
      const batch = syntheticTrades(offset, Math.min(BATCH, TRADES - offset));
      const started = performance.now();
      await store.append(batch);
      ingestMs += performance.now() - started;
    }
    const query = async (interval, fromMs = SESSION_START, toMs = SESSION_START + SESSION_MS) => {
      const timings = [];
      let bars = 0;
      for (let i = 0; i < QUERIES; i++) {
        const t0 = performance.now();
        bars = (await store.candles({ symbol: 'WINZ26', interval, fromMs, toMs, limit: 10_000 })).length;
        timings.push(performance.now() - t0);
      }
      timings.sort((a, b) => a - b);
      return { bars, p50: percentile(timings, 50), p95: percentile(timings, 95) };
    };
    const m1 = await query('M1');
    // D1 bars start at São Paulo midnight (03:00 UTC): ask for the day that holds the session
    const d1 = await query('D1', Date.parse('2026-11-26T03:00:00.000Z'), Date.parse('2026-11-27T03:00:00.000Z'));
    if (d1.bars !== 1) throw new Error(`expected one daily bar, got ${d1.bars}`);
    const replayStarted = performance.now();
    await store.append(syntheticTrades(0, BATCH)); // a replayed batch: replaces, adds nothing
    const replayMs = performance.now() - replayStarted;
    const again = await query('M1');
    await store.close();
    results.push([label, fixed(TRADES / (ingestMs / 1000)), `${m1.bars}`, fixed(m1.p50, 1), fixed(m1.p95, 1), fixed(d1.p95, 1), fixed(replayMs, 0), again.bars === m1.bars ? 'yes' : 'NO']);
  }
  const service = await serviceIngest(join(dir, 'service.duckdb'));
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`\n${TRADES.toLocaleString('en-US')} WINZ26 trades over one session, appended in batches of ${BATCH.toLocaleString('en-US')}\n\n`);
  printTable(['store', 'ingest trades/s', 'M1 bars', 'M1 query p50 ms', 'M1 query p95 ms', 'D1 query p95 ms', `replay of ${BATCH} ms`, 'replay adds no bar'], results);
  process.stdout.write(`\nthrough the market service (bus messages of 500 trades → validation, forming bars, flush every 200 ms or 50,000 trades, file store): ${fixed(service.rate)} trades/s, ${fixed(service.maxLagMs)} ms worst write lag\n`);
  const fileRate = Number(results[0][1]);
  const m1p95 = Number(results[0][4]);
  process.stdout.write(`\ngoals (file store): ingest ≥ 500,000 trades/s → ${fileRate >= 500_000 ? 'met' : 'NOT met'} (${fixed(fileRate / 500_000, 2)}×); M1 candles < 50 ms → ${m1p95 < 50 ? 'met' : 'NOT met'} (p95 ${m1p95} ms)\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
