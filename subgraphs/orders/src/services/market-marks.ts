import { type EventBus, feedTradeItems, MARKET_TOPICS, parseFeedDaily, parseFeedTrade } from '@b3/kit';
import type { CloseMark, MarkFeed, TradeMark } from './marks.port';
import type { MarketPrices } from './risk-inputs.port';

interface StoredTrade extends TradeMark {
  readonly tradeNumber: number;
}

export interface MarketMarksOptions {
  clock?: () => Date;
  logger?: { warn(obj: object, msg: string): void };
}

/**
 * Last trade and previous close per symbol, kept in memory from the bus. It serves the risk engine
 * (MarketPrices: the last trade for price bands and notionals) and positions (MarkFeed: the trade's time
 * too, and the previous close for the session start). Prices stay the canonical decimal text the kit
 * parses; nothing here is a float.
 */
export class MarketMarks implements MarkFeed, MarketPrices {
  private readonly trades = new Map<string, StoredTrade>();
  private readonly closes = new Map<string, CloseMark>();
  private readonly listeners = new Set<(symbol: string) => void>();
  private readonly clock: () => Date;
  private dropped = 0;

  constructor(private readonly options: MarketMarksOptions = {}) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** One bus message of `market.trades.<SYMBOL>`: an array of trades in order (a lone trade is accepted too). */
  ingestTrades(payload: unknown): void {
    const items = feedTradeItems(payload);
    const changed = new Set<string>();
    for (const item of items) {
      const trade = parseFeedTrade(item);
      if (!trade) {
        this.drop('trade', item);
        continue;
      }
      const current = this.trades.get(trade.symbol);
      // Older prints can arrive after newer ones across reconnects; the mark only moves forward. Equal time
      // and number is an edit of the current print, which replaces it.
      const newer =
        !current ||
        current.time.getTime() < trade.time.getTime() ||
        (current.time.getTime() === trade.time.getTime() && current.tradeNumber <= trade.tradeNumber);
      if (!newer) continue;
      this.trades.set(trade.symbol, { price: trade.price, time: trade.time, tradeNumber: trade.tradeNumber });
      if (!current || current.price !== trade.price || current.time.getTime() !== trade.time.getTime()) changed.add(trade.symbol);
    }
    // once per symbol per message: a burst of 500 prints is one revaluation, not 500
    for (const symbol of changed) this.notify(symbol);
  }

  /** One bus message of `market.daily.<SYMBOL>`. */
  ingestDaily(payload: unknown): void {
    const daily = parseFeedDaily(payload);
    if (!daily) {
      // a daily without a settlement yet is normal before the feed knows it; only a malformed one is dropped
      if (typeof (payload as { symbol?: unknown } | null)?.symbol !== 'string') this.drop('daily', payload);
      return;
    }
    this.closes.set(daily.symbol, { price: daily.previousClose, receivedAt: this.clock() });
  }

  async lastTrade(symbol: string): Promise<string | null> {
    return this.trades.get(symbol)?.price ?? null;
  }

  tradeMark(symbol: string): TradeMark | null {
    const trade = this.trades.get(symbol);
    return trade ? { price: trade.price, time: trade.time } : null;
  }

  closeMark(symbol: string): CloseMark | null {
    return this.closes.get(symbol) ?? null;
  }

  onTradeMark(listener: (symbol: string) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  stats(): { symbols: number; dropped: number } {
    return { symbols: this.trades.size, dropped: this.dropped };
  }

  private notify(symbol: string): void {
    for (const listener of this.listeners) {
      try {
        listener(symbol);
      } catch (error) {
        // one failing listener must not keep the others (or the bus handler) from seeing the price
        this.options.logger?.warn({ err: error, symbol }, 'a mark listener threw');
      }
    }
  }

  private drop(kind: string, payload: unknown): void {
    this.dropped++;
    if (this.dropped % 100 === 1) this.options.logger?.warn({ kind, payload, dropped: this.dropped }, 'dropped a malformed market message');
  }
}

/** Feeds `marks` from the bridge's trade and daily topics; resolves once both are subscribed. */
export async function subscribeMarketMarks(bus: EventBus, marks: MarketMarks): Promise<() => Promise<void>> {
  const stopTrades = await bus.subscribe(MARKET_TOPICS.trades, (payload) => marks.ingestTrades(payload));
  let stopDaily: () => Promise<void>;
  try {
    stopDaily = await bus.subscribe(MARKET_TOPICS.daily, (payload) => marks.ingestDaily(payload));
  } catch (error) {
    await stopTrades();
    throw error;
  }
  return async () => {
    await stopTrades();
    await stopDaily();
  };
}
