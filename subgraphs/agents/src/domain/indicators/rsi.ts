import { assertPeriod } from './moving-average';

/**
 * Wilder's RSI of the latest close: the first average gain and loss are plain means of the first
 * `period` changes, later ones Wilder-smoothed, avg = (previous × (period − 1) + current) / period.
 * Needs period + 1 closes (null with fewer). No movement at all reads 50; only gains read 100.
 */
export function rsi(closes: readonly number[], period = 14): number | null {
  assertPeriod(period);
  if (closes.length < period + 1) return null;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const change = closes[i] - closes[i - 1];
    if (change > 0) gain += change;
    else loss -= change;
  }
  gain /= period;
  loss /= period;
  for (let i = period + 1; i < closes.length; i++) {
    const change = closes[i] - closes[i - 1];
    gain = (gain * (period - 1) + Math.max(change, 0)) / period;
    loss = (loss * (period - 1) + Math.max(-change, 0)) / period;
  }
  if (loss === 0) return gain === 0 ? 50 : 100;
  return 100 - 100 / (1 + gain / loss);
}
