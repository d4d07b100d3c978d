import { type Check, invalid, valid } from './check';
import { compareContractMonths } from './contract-month';

/**
 * Delta buckets of a vol surface, a closed list from deep puts to deep calls: 10-delta put, 25-delta put,
 * at the money, 25-delta call, 10-delta call. The codes are B3's and the data vendors' own ("25P"); they
 * travel as strings because GraphQL enum values cannot start with a digit.
 */
export const DELTA_BUCKETS = ['10P', '25P', 'ATM', '25C', '10C'] as const;
export type DeltaBucket = (typeof DELTA_BUCKETS)[number];

export function checkDeltaBucket(text: string): Check<DeltaBucket> {
  return (DELTA_BUCKETS as readonly string[]).includes(text)
    ? valid(text as DeltaBucket)
    : invalid(`${JSON.stringify(text)} is not a delta bucket (${DELTA_BUCKETS.join(', ')})`);
}

/** Implied volatility of one (contract month, delta bucket) on one day; the key is (underlying, date, contractMonth, deltaBucket). */
export interface VolSurfacePoint {
  underlying: string;
  /** São Paulo date, YYYY-MM-DD. */
  date: string;
  contractMonth: string;
  deltaBucket: DeltaBucket;
  /** Annualised implied vol as a decimal fraction, 0 < vol < 5 ("0.1525" is 15.25 %). */
  vol: string;
}

/** A surface as a grid: one row per contract month (by expiry), one column per requested bucket. */
export interface VolSurfaceGrid {
  underlying: string;
  date: string;
  deltaBuckets: DeltaBucket[];
  contractMonths: string[];
  /** `vols[i]` belongs to `deltaBuckets[i]`; null where the point is missing. */
  rows: Array<{ contractMonth: string; vols: Array<string | null> }>;
  points: VolSurfacePoint[];
}

export function buildSurfaceGrid(underlying: string, date: string, points: readonly VolSurfacePoint[], buckets: readonly DeltaBucket[] = DELTA_BUCKETS): VolSurfaceGrid {
  const wanted = DELTA_BUCKETS.filter((bucket) => buckets.includes(bucket));
  const kept = points.filter((point) => wanted.includes(point.deltaBucket));
  const months = [...new Set(kept.map((point) => point.contractMonth))].sort(compareContractMonths);
  const byCell = new Map(kept.map((point) => [`${point.contractMonth}/${point.deltaBucket}`, point.vol]));
  return {
    underlying,
    date,
    deltaBuckets: wanted,
    contractMonths: months,
    rows: months.map((contractMonth) => ({ contractMonth, vols: wanted.map((bucket) => byCell.get(`${contractMonth}/${bucket}`) ?? null) })),
    points: [...kept].sort((a, b) => compareContractMonths(a.contractMonth, b.contractMonth) || wanted.indexOf(a.deltaBucket) - wanted.indexOf(b.deltaBucket)),
  };
}
