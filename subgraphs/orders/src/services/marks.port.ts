import type { Price } from '@b3/kit';

/**
 * The market prices positions are valued at, as the position service needs them. market-marks.ts feeds
 * it from the event bus; tests use a plain in-memory one. Kept apart from MarketPrices (the risk engine's
 * port) because positions need the time of a trade and the session-start price, not just a number.
 */

export interface TradeMark {
  readonly price: Price;
  /** When the venue traded it: a last trade from an earlier session is not today's mark. */
  readonly time: Date;
}

export interface CloseMark {
  /** The previous session's close (for futures, its settlement price). */
  readonly price: Price;
  /** When the feed last reported it: it belongs to the session in which it was received. */
  readonly receivedAt: Date;
}

export interface MarkFeed {
  tradeMark(symbol: string): TradeMark | null;
  closeMark(symbol: string): CloseMark | null;
  /** Called with the symbol whenever its last trade changes; returns the function that stops it. */
  onTradeMark(listener: (symbol: string) => void): () => void;
}
