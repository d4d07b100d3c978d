/**
 * Simple moving average: one value per full window, the i-th belonging to input index i + period − 1.
 * Empty when there are fewer than `period` values.
 */
export function smaSeries(values: readonly number[], period: number): number[] {
  assertPeriod(period);
  const out: number[] = [];
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    if (i >= period) sum -= values[i - period];
    if (i >= period - 1) out.push(sum / period);
  }
  return out;
}

/**
 * Exponential moving average, α = 2 / (period + 1), seeded with the SMA of the first `period` values
 * (the convention charting packages use, so the numbers match what a trader sees). One value per input
 * from index period − 1 on; empty when the input is shorter than `period`.
 */
export function emaSeries(values: readonly number[], period: number): number[] {
  assertPeriod(period);
  if (values.length < period) return [];
  const alpha = 2 / (period + 1);
  let current = values.slice(0, period).reduce((a, b) => a + b, 0) / period;
  const out = [current];
  for (let i = period; i < values.length; i++) {
    current = alpha * values[i] + (1 - alpha) * current;
    out.push(current);
  }
  return out;
}

/** The latest EMA, or null when there are fewer than `period` values. */
export function ema(values: readonly number[], period: number): number | null {
  return emaSeries(values, period).at(-1) ?? null;
}

export function assertPeriod(period: number): void {
  if (!Number.isInteger(period) || period < 1) throw new RangeError(`period must be a positive whole number, got ${period}`);
}
