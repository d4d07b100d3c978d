import type { Candle } from './candle';
import { divideRounded, priceToUnits, unitsToPrice } from './price-units';
import { saoPauloDate } from './session-time';
import type { TickerSymbol } from './trade';

export type ReferenceKind = 'PREVIOUS_CLOSE' | 'SETTLEMENT';

/** A symbol's session so far (or its last session when the market is closed), against a reference price. */
export interface DailyStats {
  symbol: TickerSymbol;
  /** São Paulo session date, YYYY-MM-DD. */
  date: string;
  open: string;
  high: string;
  low: string;
  last: string;
  volume: number;
  trades: number;
  turnover: string;
  vwap: string;
  /** What change is measured against: the previous session's settlement for futures when known, else its close. */
  reference: string | null;
  referenceKind: ReferenceKind | null;
  change: string | null;
  /** Percent, rounded half away from zero to 2 decimals. */
  changePercent: string | null;
}

export function dailyStatsOf(today: Candle, previous: Candle | null, settlement: string | null): DailyStats {
  const referenceKind: ReferenceKind | null = settlement ? 'SETTLEMENT' : previous ? 'PREVIOUS_CLOSE' : null;
  const reference = settlement ?? previous?.close ?? null;
  let change: string | null = null;
  let changePercent: string | null = null;
  if (reference) {
    const ref = priceToUnits(reference);
    const delta = priceToUnits(today.close) - ref;
    change = unitsToPrice(delta);
    // percent with 2 decimals = delta × 100 / ref, kept in units of 1/100 and shown with the 4-decimal formatter
    changePercent = ref === 0n ? null : unitsToPrice(divideRounded(delta * 10_000n, ref) * 100n);
  }
  return {
    symbol: today.symbol,
    date: saoPauloDate(Date.parse(today.start)),
    open: today.open,
    high: today.high,
    low: today.low,
    last: today.close,
    volume: today.volume,
    trades: today.trades,
    turnover: today.turnover,
    vwap: today.vwap,
    reference,
    referenceKind,
    change,
    changePercent,
  };
}
