import type { OptionChain } from '../option-chain';

export const OPTION_KINDS = ['CALL', 'PUT'] as const;
export type OptionKind = (typeof OPTION_KINDS)[number];

/**
 * One row of an imported options chain; the key is (underlying, asOf, symbol). The chain-level values
 * (underlyingPrice, rate) repeat on every row of a chain and must agree. Rate and implied vol are exact
 * decimal strings here and become numbers only in OptionChain, where pricing models use them.
 */
export interface OptionChainRow {
  /** UTC ISO-8601 of the chain's snapshot. */
  asOf: string;
  underlying: string;
  underlyingPrice: string;
  /** Continuously compounded annual rate as a fraction, e.g. "0.15". */
  rate: string;
  symbol: string;
  kind: OptionKind;
  strike: string;
  openInterest: number;
  /** Annualised implied vol as a fraction, 0 < impliedVol < 5. */
  impliedVol: string;
  /** São Paulo date, YYYY-MM-DD. */
  expiry: string;
  multiplier: number;
}

/** Rows of one (underlying, asOf) → the chain gamma levels are computed from; null when there are none. */
export function toOptionChain(rows: readonly OptionChainRow[]): OptionChain | null {
  if (rows.length === 0) return null;
  const [first] = rows;
  return {
    underlying: first.underlying,
    underlyingPrice: first.underlyingPrice,
    rate: Number(first.rate),
    asOf: first.asOf,
    options: rows.map((row) => ({
      symbol: row.symbol,
      underlying: row.underlying,
      kind: row.kind,
      strike: row.strike,
      openInterest: row.openInterest,
      impliedVol: Number(row.impliedVol),
      expiry: row.expiry,
      multiplier: row.multiplier,
    })),
  };
}
