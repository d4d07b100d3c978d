import { barEnd, barStart, type CandleInterval, foldHoursIntoDays } from '../candle';
import { compareDecimals } from './decimal';

/** One print of the US dollar index; the key is the time. */
export interface DxyTick {
  /** UTC ISO-8601. */
  time: string;
  /** Exact decimal. */
  price: string;
}

/** OHLC and tick count of one interval (D1 is a São Paulo day). Intervals without ticks have no bar. */
export interface DxyBar {
  /** UTC ISO-8601 of the first instant inside the bar. */
  start: string;
  /** UTC ISO-8601 of the first instant after it. */
  end: string;
  open: string;
  high: string;
  low: string;
  close: string;
  count: number;
}

/** A bar as a store aggregates it, before the ends are formatted. */
export interface DxyAggregate {
  startMs: number;
  open: string;
  high: string;
  low: string;
  close: string;
  count: number;
}

export function dxyBar(interval: CandleInterval, bar: DxyAggregate): DxyBar {
  const { startMs, ...prices } = bar;
  return { start: new Date(startMs).toISOString(), end: new Date(barEnd(interval, startMs)).toISOString(), ...prices };
}

/** Hourly bars (in start order) as São Paulo days. */
export function dxyDays(hours: readonly DxyAggregate[]): DxyAggregate[] {
  return foldHoursIntoDays(hours, (day, hour) => {
    if (compareDecimals(hour.high, day.high) > 0) day.high = hour.high;
    if (compareDecimals(hour.low, day.low) < 0) day.low = hour.low;
    day.close = hour.close;
    day.count += hour.count;
  });
}

/** Reference aggregation of ticks into bars, in start order: what the stores are tested against. */
export function aggregateDxyTicks(ticks: readonly DxyTick[], interval: CandleInterval): DxyBar[] {
  const sorted = [...ticks].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const bars = new Map<number, DxyAggregate>();
  for (const tick of sorted) {
    const start = barStart(interval, Date.parse(tick.time));
    const bar = bars.get(start);
    if (!bar) {
      bars.set(start, { startMs: start, open: tick.price, high: tick.price, low: tick.price, close: tick.price, count: 1 });
      continue;
    }
    if (compareDecimals(tick.price, bar.high) > 0) bar.high = tick.price;
    if (compareDecimals(tick.price, bar.low) < 0) bar.low = tick.price;
    bar.close = tick.price;
    bar.count += 1;
  }
  return [...bars.values()].sort((a, b) => a.startMs - b.startMs).map((bar) => dxyBar(interval, bar));
}
