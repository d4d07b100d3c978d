/** What the native bridge publishes per symbol (see docs/event-bus.md); the market subscribes to each pattern. */
export const MARKET_TOPICS = {
  trades: 'market.trades.*',
  book: 'market.book.*',
  daily: 'market.daily.*',
} as const;
