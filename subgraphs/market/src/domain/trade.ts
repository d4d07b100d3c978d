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

/** Removes the scale padding a DECIMAL column adds ("38.0100" → "38.01", "125005.0000" → "125005"). */
export function normalizeDecimal(value: string): string {
  if (!value.includes('.')) return value;
  const trimmed = value.replace(/0+$/, '');
  return trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
}
