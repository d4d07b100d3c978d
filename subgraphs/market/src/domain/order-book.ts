import type { TickerSymbol } from './trade';

export interface BookLevel {
  /** Exact decimal string. */
  price: string;
  quantity: number;
  orders: number;
}

/** Aggregated price depth of a symbol, best level first on each side. */
export interface OrderBook {
  symbol: TickerSymbol;
  bids: BookLevel[];
  asks: BookLevel[];
  auction: boolean;
  /** Increases with every snapshot; a gap means intermediate states were conflated upstream. */
  sequence: number;
  /** UTC ISO-8601. */
  time: string;
}

export interface Quote {
  symbol: TickerSymbol;
  bid: BookLevel | null;
  ask: BookLevel | null;
  /** ask − bid, null unless both sides are present. */
  spread: string | null;
  time: string;
}
