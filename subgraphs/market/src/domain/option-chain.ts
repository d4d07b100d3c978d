/** One listed option of a chain, as imported (B3 options on stocks, indices and futures). */
export interface OptionQuote {
  /** Option ticker, e.g. BOVAL130 or PETRL380. */
  symbol: string;
  underlying: string;
  kind: 'CALL' | 'PUT';
  /** Exact decimal string. */
  strike: string;
  /** Contracts open. */
  openInterest: number;
  /** Annualised implied volatility as a fraction (0.25 = 25 %). */
  impliedVol: number;
  /** Expiry date in São Paulo (YYYY-MM-DD). */
  expiry: string;
  /** Units of the underlying per contract (100 for most stock options). */
  multiplier: number;
}

/** An options chain at one moment: what gamma levels are computed from. */
export interface OptionChain {
  underlying: string;
  /** Exact decimal string (the futures or spot price the chain is priced against). */
  underlyingPrice: string;
  /** Continuously compounded annual risk-free rate as a fraction (e.g. 0.1075). */
  rate: number;
  /** UTC ISO-8601 of the chain's snapshot. */
  asOf: string;
  options: OptionQuote[];
}
