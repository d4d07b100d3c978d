import type { EventBus, Logger } from '@b3/kit';
import type { BridgeBook, BridgeDaily, BridgeTrade, MarketDataClient } from '../index';

/**
 * Topic per symbol so consumers can take one instrument or all (`market.trades.*`). A message carries the
 * symbol's trades of one drain of the DLL (an array, in order), not one trade: at 50k trades/s a message per
 * trade costs more in bus overhead than everything else the bridge does.
 */
export const tradeTopic = (symbol: string): string => `market.trades.${symbol}`;
/** About 100 KB of JSON: well under NATS' default 1 MB max_payload, whatever a burst puts in one drain. */
const MAX_TRADES_PER_MESSAGE = 500;
/** Latest price-depth book of a symbol (conflated: each message replaces the previous). */
export const bookTopic = (symbol: string): string => `market.book.${symbol}`;
/** The DLL's daily aggregate of a symbol (open/high/low/close, volume, trades), at most every DAILY_EVERY_MS. */
export const dailyTopic = (symbol: string): string => `market.daily.${symbol}`;
/** The DLL updates the daily aggregate on every trade; consumers need it a few times a second at most. */
const DAILY_EVERY_MS = 250;

/**
 * Moves trades from the DLL to the bus. The bridge only translates: prices arrive here already
 * as exact decimal strings and times as UTC ISO, so nothing downstream sees DLL encodings.
 */
export class TradePublisher {
  private published = 0;
  private booksPublished = 0;
  private failed = 0;
  /** Insertion-ordered `SYMBOL:EXCHANGE` → whether the book is wanted too. */
  private readonly subscribed = new Map<string, { symbol: string; exchange: string; book: boolean }>();
  private stopListening: Array<() => void> = [];
  /** Trades of the batch of DLL events being handled, per symbol, published together once it is handled. */
  private batches = new Map<string, BridgeTrade[]>();
  private flushScheduled = false;
  /** Latest daily aggregate per symbol not yet published. */
  private dailies = new Map<string, BridgeDaily>();
  private dailyTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly client: MarketDataClient,
    private readonly bus: EventBus,
    private readonly logger: Logger,
  ) {}

  async start(symbols: ReadonlyArray<{ symbol: string; exchange: string }>, books = false): Promise<void> {
    this.stopListening = [
      this.client.onTrade((trade) => this.batch(trade)),
      this.client.onBook((book) => this.publish(bookTopic(book.symbol), book, () => void this.booksPublished++)),
      this.client.onDaily((daily) => void this.dailies.set(daily.symbol, daily)),
    ];
    this.dailyTimer = setInterval(() => this.flushDailies(), DAILY_EVERY_MS);
    this.dailyTimer.unref();
    await this.client.start();
    await this.subscribe(symbols, books);
  }

  /** Subscribes trades (and the book when asked); the client re-issues them after every reconnect. */
  async subscribe(symbols: ReadonlyArray<{ symbol: string; exchange: string }>, book: boolean): Promise<void> {
    for (const { symbol, exchange } of symbols) {
      await this.client.subscribe(symbol, exchange);
      if (book) await this.client.subscribeBook(symbol, exchange);
      const key = `${symbol}:${exchange}`;
      this.subscribed.set(key, { symbol, exchange, book: book || (this.subscribed.get(key)?.book ?? false) });
    }
  }

  async unsubscribe(symbols: ReadonlyArray<{ symbol: string; exchange: string }>): Promise<void> {
    for (const { symbol, exchange } of symbols) {
      await this.client.unsubscribe(symbol, exchange);
      await this.client.unsubscribeBook(symbol, exchange);
      this.subscribed.delete(`${symbol}:${exchange}`);
    }
  }

  private batch(trade: BridgeTrade): void {
    const batch = this.batches.get(trade.symbol);
    if (batch) batch.push(trade);
    else this.batches.set(trade.symbol, [trade]);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // right after the client's current batch of DLL events, not a loop turn later
    queueMicrotask(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    const batches = this.batches;
    this.batches = new Map();
    for (const [symbol, trades] of batches) {
      for (let i = 0; i < trades.length; i += MAX_TRADES_PER_MESSAGE) {
        const chunk = trades.slice(i, i + MAX_TRADES_PER_MESSAGE);
        this.publish(tradeTopic(symbol), chunk, () => void (this.published += chunk.length));
      }
    }
  }

  private flushDailies(): void {
    const dailies = this.dailies;
    this.dailies = new Map();
    for (const [symbol, daily] of dailies) this.publish(dailyTopic(symbol), daily, () => undefined);
  }

  private publish(topic: string, message: BridgeTrade[] | BridgeBook | BridgeDaily, count: () => void): void {
    this.bus.publish(topic, message).then(
      count,
      (error: unknown) => {
        this.failed++;
        if (this.failed % 100 === 1) this.logger.warn({ err: error, failed: this.failed }, 'could not publish to the bus');
      },
    );
  }

  stats(): { published: number; booksPublished: number; failed: number; subscriptions: Array<{ symbol: string; exchange: string; book: boolean }> } {
    return { published: this.published, booksPublished: this.booksPublished, failed: this.failed, subscriptions: [...this.subscribed.values()].map((s) => ({ ...s })) };
  }

  async stop(): Promise<void> {
    for (const stop of this.stopListening.splice(0)) stop();
    if (this.dailyTimer) clearInterval(this.dailyTimer);
    this.dailyTimer = null;
    await this.client.stop();
    this.flush(); // what the last drain delivered still goes out

  }
}
