import type { PriceBar } from '../candle';
import { assertPeriod } from './moving-average';

/**
 * True range of a bar against the previous close: the largest of high − low, |high − previous close| and
 * |low − previous close|, so a gap counts as movement.
 */
export function trueRange(bar: PriceBar, previousClose: number): number {
  return Math.max(bar.high - bar.low, Math.abs(bar.high - previousClose), Math.abs(bar.low - previousClose));
}

/**
 * Wilder's average true range at the latest bar. True ranges start at the second bar (each needs the
 * previous close); the first ATR is the mean of the first `period` of them, later ones Wilder-smoothed.
 * Needs period + 1 bars (null with fewer).
 */
export function atr(bars: readonly PriceBar[], period = 14): number | null {
  assertPeriod(period);
  if (bars.length < period + 1) return null;
  let sum = 0;
  for (let i = 1; i <= period; i++) sum += trueRange(bars[i], bars[i - 1].close);
  let current = sum / period;
  for (let i = period + 1; i < bars.length; i++) {
    current = (current * (period - 1) + trueRange(bars[i], bars[i - 1].close)) / period;
  }
  return current;
}
