/** A trade printed on B3, as the market subgraph keeps it. Prices are exact decimal strings. */
export const AGGRESSORS = ['BUY', 'SELL', 'CROSS', 'AUCTION', 'UNKNOWN'] as const;
export type Aggressor = (typeof AGGRESSORS)[number];

export type TickerSymbol = string & { readonly __brand: 'TickerSymbol' };

export interface Trade {
  symbol: TickerSymbol;
  exchange: string;
  price: string;
  quantity: number;
  tradeNumber: number;
  aggressor: Aggressor;
  /** UTC ISO-8601 with milliseconds. */
  time: string;
  isEdit: boolean;
}

const SYMBOL = /^[A-Z0-9]{4,12}$/;

export function isTickerSymbol(value: string): value is TickerSymbol {
  return SYMBOL.test(value);
}
