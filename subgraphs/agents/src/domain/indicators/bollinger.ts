import { assertPeriod } from './moving-average';

export interface BollingerBands {
  readonly upper: number;
  readonly middle: number;
  readonly lower: number;
}

/**
 * Bollinger bands of the latest `period` closes: SMA ± k × the population standard deviation (Bollinger's
 * own definition divides by n, not n − 1). Null with fewer closes than the period.
 */
export function bollinger(closes: readonly number[], period = 20, k = 2): BollingerBands | null {
  assertPeriod(period);
  if (closes.length < period) return null;
  const window = closes.slice(-period);
  const middle = window.reduce((a, b) => a + b, 0) / period;
  const variance = window.reduce((a, c) => a + (c - middle) ** 2, 0) / period;
  const width = k * Math.sqrt(variance);
  return { upper: middle + width, middle, lower: middle - width };
}
