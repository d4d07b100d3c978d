import { add, divide, type Fixed, formatFixed, fromInteger, parseFixed } from '../decimal';

/** What VWAP needs of a bar: its exact turnover (Σ price × quantity) and volume. */
export interface VolumeBar {
  readonly turnover: string;
  readonly volume: number;
}

/**
 * Volume-weighted average price of the bars: Σ turnover / Σ volume, exact, rounded half away from zero
 * to 4 decimals (the market's own VWAP rounding). Null when nothing traded.
 */
export function vwap(bars: readonly VolumeBar[]): string | null {
  let turnover: Fixed = fromInteger(0);
  let volume = 0n;
  for (const bar of bars) {
    turnover = add(turnover, parseFixed(bar.turnover));
    volume += BigInt(bar.volume);
  }
  if (volume === 0n) return null;
  return formatFixed(divide(turnover, fromInteger(volume), 4));
}
