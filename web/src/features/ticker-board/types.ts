// Hand-written until codegen types the documents in tickers.graphql.ts.

/** Quantities are whole contracts or shares; a gateway may send them as Int or as a decimal string. */
export type Quantity = number | string;

export interface Tick {
  readonly symbol: string;
  readonly price: string;
  readonly quantity: Quantity;
  readonly aggressor: string;
  readonly time: string;
}

export interface TickerSnapshot {
  readonly symbol: string;
  readonly lastTrade: Omit<Tick, 'symbol'> | null;
}

export interface TickersData {
  readonly tickers: readonly TickerSnapshot[];
}

export interface TicksData {
  readonly ticks: Tick;
}

export type TickDirection = 'up' | 'down' | 'flat';

export interface TickerRowState {
  readonly symbol: string;
  readonly price: string | null;
  readonly quantity: string | null;
  readonly aggressor: string | null;
  readonly time: string | null;
  /** Ticks received over the subscription since the page loaded; the snapshot does not count. */
  readonly tradeCount: number;
  /** Last price move that was not flat: drives the arrow and the price colour. */
  readonly trend: 'up' | 'down' | null;
  /** Direction of the latest tick: drives the flash, restarted whenever tradeCount changes. */
  readonly lastTick: TickDirection | null;
}
