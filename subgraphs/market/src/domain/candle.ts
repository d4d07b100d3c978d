import { divideRounded, priceToUnits, unitsToPrice } from './price-units';
import { saoPauloDayStart } from './session-time';
import type { TickerSymbol, Trade } from './trade';
import { epochMs } from './utc-time';

export const CANDLE_INTERVALS = ['M1', 'M5', 'M15', 'H1', 'D1'] as const;
export type CandleInterval = (typeof CANDLE_INTERVALS)[number];

const MINUTE_MS = 60_000;
export const INTERVAL_MS: Record<CandleInterval, number> = {
  M1: MINUTE_MS,
  M5: 5 * MINUTE_MS,
  M15: 15 * MINUTE_MS,
  H1: 60 * MINUTE_MS,
  D1: 24 * 60 * MINUTE_MS,
};

/** Start (epoch ms, UTC) of the bar that contains `epochMs`; a trade exactly on a boundary opens the new bar. */
export function barStart(interval: CandleInterval, epochMs: number): number {
  if (interval === 'D1') return saoPauloDayStart(epochMs);
  const size = INTERVAL_MS[interval];
  return Math.floor(epochMs / size) * size;
}

/** Start of the bar after the one starting at `start` (D1: the next São Paulo midnight). */
export function barEnd(interval: CandleInterval, start: number): number {
  if (interval === 'D1') return saoPauloDayStart(start + INTERVAL_MS.D1 + 3 * 3_600_000);
  return start + INTERVAL_MS[interval];
}

/** First bar boundary at or after `epochMs`. */
function boundaryAtOrAfter(interval: CandleInterval, epochMs: number): number {
  const start = barStart(interval, epochMs);
  return start === epochMs ? start : barEnd(interval, start);
}

/**
 * The time span holding exactly the bars whose start is in [fromMs, toMs): from the first boundary at
 * or after fromMs to the first boundary at or after toMs. Filtering on [fromMs, toMs) instead would cut
 * the bar that straddles fromMs and drop the tail of the last bar.
 */
export function barSpan(interval: CandleInterval, fromMs: number, toMs: number): { fromMs: number; toMs: number } {
  return { fromMs: boundaryAtOrAfter(interval, fromMs), toMs: boundaryAtOrAfter(interval, toMs) };
}

/**
 * Folds hourly bars, in start order, into São Paulo days: `merge` adds a later hour into its day. Brazil's
 * offsets are whole hours, so an hour never straddles two days and the fold is exact.
 */
export function foldHoursIntoDays<T extends { startMs: number }>(hours: readonly T[], merge: (day: T, hour: T) => void): T[] {
  const days = new Map<number, T>();
  for (const hour of hours) {
    const start = barStart('D1', hour.startMs);
    const day = days.get(start);
    if (day) merge(day, hour);
    else days.set(start, { ...hour, startMs: start });
  }
  return [...days.values()];
}

/**
 * One OHLCV bar. Prices are exact decimal strings; `turnover` is Σ price × quantity and `vwap` is
 * turnover / volume rounded half away from zero to 4 decimals. Intervals without trades have no bar.
 */
export interface Candle {
  symbol: TickerSymbol;
  interval: CandleInterval;
  /** UTC ISO-8601 of the first instant inside the bar. */
  start: string;
  /** UTC ISO-8601 of the first instant after the bar. */
  end: string;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: number;
  trades: number;
  turnover: string;
  vwap: string;
}

/** What a store aggregates per bar, in integer price units (see price-units.ts). */
export interface BarAggregate {
  startMs: number;
  open: bigint;
  high: bigint;
  low: bigint;
  close: bigint;
  volume: bigint;
  trades: number;
  /** Σ price units × quantity. */
  turnover: bigint;
}

export function candleFromAggregate(symbol: TickerSymbol, interval: CandleInterval, bar: BarAggregate): Candle {
  return {
    symbol,
    interval,
    start: new Date(bar.startMs).toISOString(),
    end: new Date(barEnd(interval, bar.startMs)).toISOString(),
    open: unitsToPrice(bar.open),
    high: unitsToPrice(bar.high),
    low: unitsToPrice(bar.low),
    close: unitsToPrice(bar.close),
    volume: Number(bar.volume),
    trades: bar.trades,
    turnover: unitsToPrice(bar.turnover),
    vwap: unitsToPrice(divideRounded(bar.turnover, bar.volume)),
  };
}

/** Order of trades inside a bar: by time, then by exchange trade number. */
function isBefore(a: Trade, b: Trade): boolean {
  return a.time < b.time || (a.time === b.time && a.tradeNumber < b.tradeNumber);
}

/**
 * Builds one bar from trades in any order (the forming bar of a subscription, and the reference the
 * stores are tested against). Trades outside the bar are refused by the caller, not here.
 */
export class BarAccumulator {
  private first: Trade | null = null;
  private last: Trade | null = null;
  private bar: BarAggregate;

  constructor(
    readonly symbol: TickerSymbol,
    readonly interval: CandleInterval,
    readonly startMs: number,
    seed?: BarAggregate,
  ) {
    this.bar = seed ? { ...seed } : { startMs, open: 0n, high: 0n, low: 0n, close: 0n, volume: 0n, trades: 0, turnover: 0n };
  }

  get endMs(): number {
    return barEnd(this.interval, this.startMs);
  }

  get empty(): boolean {
    return this.bar.trades === 0;
  }

  /** `units` is the trade's price in price units, when the caller already has it. */
  add(trade: Trade, units = priceToUnits(trade.price)): void {
    const bar = this.bar;
    if (bar.trades === 0) {
      bar.open = bar.high = bar.low = bar.close = units;
      this.first = this.last = trade;
    } else {
      if (units > bar.high) bar.high = units;
      if (units < bar.low) bar.low = units;
      // a seeded bar has no first/last trade: later trades are later than everything the seed saw
      if (this.first && isBefore(trade, this.first)) {
        this.first = trade;
        bar.open = units;
      }
      if (!this.last || !isBefore(trade, this.last)) {
        this.last = trade;
        bar.close = units;
      }
    }
    const quantity = BigInt(trade.quantity);
    bar.volume += quantity;
    bar.trades += 1;
    bar.turnover += units * quantity;
  }

  candle(): Candle {
    return candleFromAggregate(this.symbol, this.interval, this.bar);
  }
}

/** Reference aggregation of a trade list into bars, in start order (empty intervals have no bar). */
export function aggregateTrades(trades: readonly Trade[], symbol: TickerSymbol, interval: CandleInterval): Candle[] {
  const bars = new Map<number, BarAccumulator>();
  for (const trade of trades) {
    if (trade.symbol !== symbol) continue;
    const start = barStart(interval, epochMs(trade.time));
    let bar = bars.get(start);
    if (!bar) bars.set(start, (bar = new BarAccumulator(symbol, interval, start)));
    bar.add(trade);
  }
  return [...bars.entries()].sort(([a], [b]) => a - b).map(([, bar]) => bar.candle());
}

/** Back from a stored bar to integer units, to keep aggregating it (a bar forming across a restart). */
export function aggregateFromCandle(candle: Candle): BarAggregate {
  return {
    startMs: Date.parse(candle.start),
    open: priceToUnits(candle.open),
    high: priceToUnits(candle.high),
    low: priceToUnits(candle.low),
    close: priceToUnits(candle.close),
    volume: BigInt(candle.volume),
    trades: candle.trades,
    turnover: priceToUnits(candle.turnover),
  };
}
