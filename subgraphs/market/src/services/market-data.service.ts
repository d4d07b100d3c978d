import { createAsyncQueue, type Logger } from '@b3/kit';
import type { Instrument } from '../domain/instrument';
import { isTickerSymbol, type TickerSymbol, type Trade } from '../domain/trade';
import { MarketErrors } from '../errors';
import type { TradeStore } from '../store/trade.store';
import { parseTrade } from './parse-trade';
import type { TradeFeed } from './trade-feed.port';

const MAX_SYMBOLS = 50;
const SUBSCRIBER_QUEUE = 256;

/**
 * Ingests trades from the feed, keeps the latest per symbol in memory for fast reads, persists in
 * small batches, and fans ticks out to subscribers (each with its own conflating queue, so a slow
 * client sees the newest price per symbol instead of stalling everyone).
 */
export class MarketDataService {
  private readonly latest = new Map<TickerSymbol, Trade>();
  private readonly listeners = new Map<TickerSymbol, Set<(trade: Trade) => void>>();
  private pending: Trade[] = [];
  private readonly flushTimer: NodeJS.Timeout;
  private unsubscribeFeed: (() => Promise<void>) | null = null;
  private readonly known: Set<TickerSymbol>;
  private ingested = 0;
  private rejected = 0;

  constructor(
    private readonly store: TradeStore,
    instruments: readonly Instrument[],
    private readonly logger: Logger,
    flushEveryMs = 200,
  ) {
    this.known = new Set(instruments.map((i) => i.symbol));
    this.flushTimer = setInterval(() => void this.flush(), flushEveryMs);
    this.flushTimer.unref();
  }

  /** A feed message is one trade or, from the bridge, the trades of one drain of a symbol in order. */
  async connect(feed: TradeFeed): Promise<void> {
    this.unsubscribeFeed = await feed.subscribe((payload) => {
      if (Array.isArray(payload)) for (const item of payload) this.ingest(item);
      else this.ingest(payload);
    });
  }

  ingest(payload: unknown): void {
    const trade = parseTrade(payload);
    if (!trade) {
      this.rejected++;
      this.logger.warn({ payload }, 'dropped malformed trade from feed');
      return;
    }
    this.ingested++;
    this.known.add(trade.symbol);
    const previous = this.latest.get(trade.symbol);
    if (!previous || previous.time <= trade.time) this.latest.set(trade.symbol, trade);
    this.pending.push(trade);
    for (const listener of this.listeners.get(trade.symbol) ?? []) listener(trade);
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    try {
      await this.store.append(batch);
    } catch (error) {
      this.logger.error({ err: error, trades: batch.length }, 'failed to persist trades');
    }
  }

  /** Validates a client-supplied symbol list: format, size, and that the market knows the symbol. */
  checkSymbols(symbols: readonly string[]): TickerSymbol[] {
    if (symbols.length > MAX_SYMBOLS) throw MarketErrors.tooManySymbols(MAX_SYMBOLS);
    return symbols.map((symbol) => {
      if (!isTickerSymbol(symbol)) throw MarketErrors.badSymbol(symbol);
      if (!this.known.has(symbol)) throw MarketErrors.unknownSymbol(symbol);
      return symbol;
    });
  }

  /** Batch lookup for DataLoader: one store query for every symbol the cache cannot answer. */
  async lastTrades(symbols: readonly TickerSymbol[]): Promise<Array<Trade | null>> {
    const missing = symbols.filter((s) => !this.latest.has(s));
    if (missing.length > 0) {
      for (const [symbol, trade] of await this.store.lastTrades([...new Set(missing)])) this.latest.set(symbol, trade);
    }
    return symbols.map((s) => this.latest.get(s) ?? null);
  }

  streamTicks(symbols: readonly string[]): AsyncIterableIterator<Trade> {
    const wanted = this.checkSymbols(symbols);
    const listener = (trade: Trade): void => queue.push(trade);
    const queue = createAsyncQueue<Trade>({
      limit: SUBSCRIBER_QUEUE,
      conflateBy: (trade) => trade.symbol,
      onClose: () => wanted.forEach((s) => this.listeners.get(s)?.delete(listener)),
    });
    for (const symbol of wanted) {
      const set = this.listeners.get(symbol) ?? new Set();
      set.add(listener);
      this.listeners.set(symbol, set);
    }
    return queue;
  }

  stats(): { ingested: number; rejected: number; subscribers: number } {
    let subscribers = 0;
    for (const set of this.listeners.values()) subscribers += set.size;
    return { ingested: this.ingested, rejected: this.rejected, subscribers };
  }

  async close(): Promise<void> {
    clearInterval(this.flushTimer);
    await this.unsubscribeFeed?.();
    await this.flush();
  }
}
