#!/usr/bin/env node
/**
 * Pre-trade risk check latency, in-process (issue 6 goal: p95 < 1 ms). Runs `checkOrder` over varied
 * orders (shares and futures, all four order types, prices in and out of the band, losing and winning
 * accounts, a hot account that trips the throttle, a few after-hours and kill-switch orders) so every
 * rule's path is measured, not only the early exits.
 * Needs `npx tsc -b subgraphs/orders`. Usage: node bench/risk-check.js [--checks 200000] [--warmup 50000] [--accounts 50]
 */
const { option } = require('./lib/options');
const { printTable, fixed } = require('./lib/table');
const { percentile } = require('./lib/processes');
const { checkOrder, TradingCalendar, OrderRateLimiter, RISK_RULES } = require('../subgraphs/orders/dist/domain/risk/risk-engine');

const CHECKS = Number(option('checks', 200_000));
const WARMUP = Number(option('warmup', 50_000));
const ACCOUNTS = Number(option('accounts', 50));
const GOAL_P95_US = 1_000;
// Monday 2 March 2026, 12:00 São Paulo: the clock then advances 10 ms per check (100 orders/s overall),
// so a run of 250,000 checks stays inside the session
const START = Date.parse('2026-03-02T15:00:00.000Z');
const POOL = 8_192;
const STEP_MS = 10;

const INSTRUMENTS = [
  { symbol: 'PETR4', last: 3847, tick: 1, scale: 2, multiplier: '1', lot: 100 },
  { symbol: 'VALE3', last: 6012, tick: 1, scale: 2, multiplier: '1', lot: 100 },
  { symbol: 'ITUB4', last: 3455, tick: 1, scale: 2, multiplier: '1', lot: 100 },
  { symbol: 'WINZ26', last: 125_000, tick: 5, scale: 0, multiplier: '0.2', lot: 1 },
  { symbol: 'WDOF27', last: 55_125, tick: 5, scale: 1, multiplier: '10', lot: 1 },
];
const TYPES = ['LIMIT', 'LIMIT', 'LIMIT', 'MARKET', 'STOP_LIMIT', 'STOP'];
const LIMITS = { dailyLossLimit: '50000', maxPositionPerSymbol: 15_000, maxOrderQuantity: 2_500, maxOrderNotional: '2000000', priceBandPct: '10', maxOrdersPerSecond: 10 };

/** Deterministic, so two runs measure the same inputs. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Integer price steps to decimal text at the instrument's scale ("3847" at scale 2 → "38.47"). */
function priceText(steps, scale) {
  if (scale === 0) return String(steps);
  const digits = String(steps).padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

function money(rand, maxAbs) {
  const cents = Math.round((rand() * 2 - 1) * maxAbs * 100);
  return `${cents < 0 ? '-' : ''}${priceText(Math.abs(cents), 2)}`;
}

function makeInputs() {
  const rand = random(6);
  const inputs = [];
  for (let i = 0; i < POOL; i++) {
    const instrument = INSTRUMENTS[Math.floor(rand() * INSTRUMENTS.length)];
    const type = TYPES[Math.floor(rand() * TYPES.length)];
    // mostly within ±8 % of the last trade; one in ten outside the ±10 % band
    const offset = rand() < 0.1 ? 0.11 + rand() * 0.1 : rand() * 0.08;
    const steps = Math.max(1, Math.round((instrument.last * (1 + (rand() < 0.5 ? -offset : offset))) / instrument.tick) * instrument.tick);
    const hot = rand() < 0.1; // one account sends a tenth of all orders: ~10/s, right at its limit of 10/s
    inputs.push({
      account: hot ? 'HOT' : `ACC-${Math.floor(rand() * ACCOUNTS)}`,
      order: {
        symbol: instrument.symbol,
        side: rand() < 0.5 ? 'BUY' : 'SELL',
        type,
        quantity: instrument.lot * (1 + Math.floor(rand() * (instrument.lot === 1 ? 50 : 30))),
        price: type === 'MARKET' ? null : priceText(steps, instrument.scale),
      },
      limits: LIMITS,
      killSwitch: rand() < 0.01 ? { active: true, reason: 'bench', activatedAt: new Date(START) } : { active: false, reason: null, activatedAt: null },
      pnl: { realizedToday: money(rand, 30_000), unrealized: money(rand, 30_000) },
      position: Math.round((rand() * 2 - 1) * 15_000),
      lastTradePrice: rand() < 0.02 ? null : priceText(instrument.last, instrument.scale),
      multiplier: instrument.multiplier,
      now: START,
      // 1 % of orders arrive after the close (a client clock or a queued retry)
      afterHours: rand() < 0.01,
    });
  }
  return inputs;
}


/** Runs `count` checks; with `timings`, times each one (ns → µs) and tallies the outcomes. */
function run(inputs, count, timings, outcomes) {
  const context = { calendar: new TradingCalendar(), rateLimiter: new OrderRateLimiter(() => START) };
  let now = START;
  let approved = 0;
  for (let i = 0; i < count; i++) {
    const input = inputs[i % POOL];
    now += STEP_MS;
    input.now = input.afterHours ? now + 7 * 3_600_000 : now;
    if (timings) {
      const t0 = process.hrtime.bigint();
      const decision = checkOrder(input, context);
      timings[i] = Number(process.hrtime.bigint() - t0) / 1_000;
      outcomes[i] = decision.approved ? -1 : RISK_RULES.indexOf(decision.rejection.rule);
    } else if (checkOrder(input, context).approved) approved += 1;
  }
  return approved;
}

function row(label, values) {
  const sorted = Float64Array.from(values).sort();
  return [label, sorted.length.toLocaleString('en-US'), fixed(percentile(sorted, 50), 1), fixed(percentile(sorted, 95), 1), fixed(percentile(sorted, 99), 1), fixed(sorted[sorted.length - 1], 0)];
}

function main() {
  const inputs = makeInputs();
  run(inputs, WARMUP, null, null); // let the JIT settle before anything is measured

  const timings = new Float64Array(CHECKS);
  const outcomes = new Int8Array(CHECKS);
  run(inputs, CHECKS, timings, outcomes);

  // throughput without the per-call timer in the loop
  const started = process.hrtime.bigint();
  run(inputs, CHECKS, null, null);
  const perSecond = CHECKS / (Number(process.hrtime.bigint() - started) / 1e9);

  const all = [];
  const approved = [];
  const rejected = [];
  const byRule = new Map(RISK_RULES.map((rule) => [rule, 0]));
  for (let i = 0; i < CHECKS; i++) {
    all.push(timings[i]);
    if (outcomes[i] < 0) approved.push(timings[i]);
    else {
      rejected.push(timings[i]);
      const rule = RISK_RULES[outcomes[i]];
      byRule.set(rule, byRule.get(rule) + 1);
    }
  }

  process.stdout.write(`\n${CHECKS.toLocaleString('en-US')} pre-trade checks after ${WARMUP.toLocaleString('en-US')} warm-up, ${POOL} distinct orders over ${INSTRUMENTS.length} instruments and ${ACCOUNTS + 1} accounts (node ${process.version})\n\n`);
  printTable(['decisions', 'count', 'p50 µs', 'p95 µs', 'p99 µs', 'max µs'], [
    row('all', all),
    row('approved (all 8 rules run)', approved),
    row('rejected (stops at first failure)', rejected),
  ]);
  process.stdout.write(`\nrejections by rule: ${[...byRule].map(([rule, n]) => `${rule} ${n}`).join(', ')}\n`);
  process.stdout.write(`throughput (no per-check timer): ${fixed(perSecond)} checks/s on one core\n`);
  const p95 = percentile(Float64Array.from(all).sort(), 95);
  process.stdout.write(`\ngoal: risk check p95 < 1 ms in-process → ${p95 < GOAL_P95_US ? 'met' : 'NOT met'} (p95 ${fixed(p95, 1)} µs, ${fixed(GOAL_P95_US / p95, 0)}× headroom)\n`);
}

main();
