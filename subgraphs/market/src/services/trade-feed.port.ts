/** Where trades come from (the event bus in production, an array in tests). */
export interface TradeFeed {
  subscribe(handler: (payload: unknown) => void): Promise<() => Promise<void>>;
}

export const TRADES_TOPIC_PREFIX = 'market.trades';
