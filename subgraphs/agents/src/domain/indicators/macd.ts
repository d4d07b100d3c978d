import { emaSeries } from './moving-average';

export interface Macd {
  /** EMA(fast) − EMA(slow) of the closes. */
  readonly macd: number;
  /** EMA(signal) of the MACD line. */
  readonly signal: number;
  readonly histogram: number;
}

/**
 * MACD(fast, slow, signal) at the latest close. The MACD line starts once the slow EMA has its seed;
 * the signal line is an EMA of that line seeded the same way, so slow + signal − 1 closes are needed.
 */
export function macd(closes: readonly number[], fast = 12, slow = 26, signal = 9): Macd | null {
  if (fast >= slow) throw new RangeError(`the fast period (${fast}) must be shorter than the slow one (${slow})`);
  const slowLine = emaSeries(closes, slow);
  // Both series end at the latest close; the fast one starts slow − fast values earlier.
  const fastLine = emaSeries(closes, fast).slice(slow - fast);
  const line = slowLine.map((s, i) => fastLine[i] - s);
  const signalLine = emaSeries(line, signal);
  const latestSignal = signalLine.at(-1);
  if (latestSignal === undefined) return null;
  const latest = line[line.length - 1];
  return { macd: latest, signal: latestSignal, histogram: latest - latestSignal };
}
