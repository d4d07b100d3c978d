import { createAsyncQueue, type Logger } from '@b3/kit';
import type { Instrument } from '../domain/instrument';
import { isTickerSymbol, type TickerSymbol, type Trade } from '../domain/trade';
import { MarketErrors } from '../errors';
import type { TickStore } from '../store/tick.store';
import { parseTrade } from './parse-trade';

const MAX_SYMBOLS = 50;
const TICK_QUEUE = 256;
/** A trades tape must not skip prints: a client this far behind is disconnected instead. */
const TAPE_QUEUE = 10_000;
/** Flush as soon as this many trades wait, without waiting for the timer. */
const FLUSH_ROWS = 50_000;
const RATE_WINDOW_MS = 10_000;

export interface IngestStats {
  ingested: number;
  rejected: number;
  subscribers: number;
  /** Trades per second over the last 10 s. */
  ingestRate: number;
  /** Trades waiting to be written, and the age of the oldest of them. */
  pendingRows: number;
  writeLagMs: number;
  flushFailures: number;
  lastFlushMs: number;
  /** Seconds since each known symbol's latest trade arrived (null: none since start). */
  lastTickAgeSeconds: Record<string, number | null>;
}

/**
 * Ingests trades from the feed, keeps the latest per symbol in memory for fast reads, persists in
 * batches, and fans trades out: `ticks` conflates per symbol for dashboards, `trades` is lossless.
 */
export class MarketDataService {
  private readonly latest = new Map<TickerSymbol, Trade>();
  private readonly receivedAt = new Map<TickerSymbol, number>();
  private readonly listeners = new Map<TickerSymbol, Set<(trade: Trade) => void>>();
  private readonly observers: Array<(trade: Trade) => void> = [];
  private pending: Trade[] = [];
  private pendingSince = 0;
  private flushing: Promise<void> | null = null;
  private readonly flushTimer: NodeJS.Timeout;
  private readonly known: Set<TickerSymbol>;
  private ingested = 0;
  private rejected = 0;
  private flushFailures = 0;
  private lastFlushMs = 0;
  private readonly rateBuckets = new Map<number, number>();

  constructor(
    private readonly store: TickStore,
    instruments: readonly Instrument[],
    private readonly logger: Logger,
    private readonly read: <T>(operation: () => Promise<T>) => Promise<T> = (operation) => operation(),
    flushEveryMs = 200,
  ) {
    this.known = new Set(instruments.map((i) => i.symbol));
    this.flushTimer = setInterval(() => void this.flush(), flushEveryMs);
    this.flushTimer.unref();
  }

  /** Called for every accepted trade, in arrival order (forming bars). */
  onTrade(observer: (trade: Trade) => void): void {
    this.observers.push(observer);
  }

  /** A feed message is one trade or, from the bridge, the trades of one drain of a symbol in order. */
  ingestMessage(payload: unknown): void {
    if (Array.isArray(payload)) for (const item of payload) this.ingest(item);
    else this.ingest(payload);
  }

  ingest(payload: unknown): void {
    const trade = parseTrade(payload);
    if (!trade) {
      this.rejected++;
      this.logger.warn({ payload }, 'dropped malformed trade from feed');
      return;
    }
    const now = Date.now();
    this.ingested++;
    const second = Math.floor(now / 1000);
    this.rateBuckets.set(second, (this.rateBuckets.get(second) ?? 0) + 1);
    this.known.add(trade.symbol);
    this.receivedAt.set(trade.symbol, now);
    const previous = this.latest.get(trade.symbol);
    if (!previous || previous.time < trade.time || (previous.time === trade.time && previous.tradeNumber <= trade.tradeNumber)) {
      this.latest.set(trade.symbol, trade);
    }
    if (this.pending.length === 0) this.pendingSince = now;
    this.pending.push(trade);
    for (const observer of this.observers) observer(trade);
    for (const listener of this.listeners.get(trade.symbol) ?? []) listener(trade);
    if (this.pending.length >= FLUSH_ROWS) void this.flush();
  }

  /** Writes what is pending; concurrent calls share one write so batches stay in order. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const started = performance.now();
    this.flushing = this.store
      .append(batch)
      .then(() => void (this.lastFlushMs = performance.now() - started))
      .catch((error: unknown) => {
        this.flushFailures++;
        this.logger.error({ err: error, trades: batch.length }, 'failed to persist trades');
      })
      .finally(() => (this.flushing = null));
    await this.flushing;
  }

  /** Validates a client-supplied symbol list: format, size, and that the market knows the symbol. */
  checkSymbols(symbols: readonly string[]): TickerSymbol[] {
    if (symbols.length > MAX_SYMBOLS) throw MarketErrors.tooManySymbols(MAX_SYMBOLS);
    return symbols.map((symbol) => this.checkSymbol(symbol));
  }

  checkSymbol(symbol: string): TickerSymbol {
    if (!isTickerSymbol(symbol)) throw MarketErrors.badSymbol(symbol);
    if (!this.known.has(symbol)) throw MarketErrors.unknownSymbol(symbol);
    return symbol;
  }

  knownSymbols(): TickerSymbol[] {
    return [...this.known];
  }

  /** Batch lookup for DataLoader: one store query for every symbol the cache cannot answer. */
  async lastTrades(symbols: readonly TickerSymbol[]): Promise<Array<Trade | null>> {
    const missing = symbols.filter((s) => !this.latest.has(s));
    if (missing.length > 0) {
      const stored = await this.read(() => this.store.lastTrades([...new Set(missing)]));
      for (const [symbol, trade] of stored) this.latest.set(symbol, trade);
    }
    return symbols.map((s) => this.latest.get(s) ?? null);
  }

  /** Latest trade per symbol; a slow client skips to the newest price. */
  streamTicks(symbols: readonly string[]): AsyncIterableIterator<Trade> {
    return this.stream(this.checkSymbols(symbols), { limit: TICK_QUEUE, conflateBy: (trade) => trade.symbol });
  }

  /** Every trade in order; a client that falls 10,000 trades behind gets an error and is disconnected. */
  streamTrades(symbols: readonly string[]): AsyncIterableIterator<Trade> {
    return this.stream(this.checkSymbols(symbols), { limit: TAPE_QUEUE });
  }

  stats(): IngestStats {
    let subscribers = 0;
    for (const set of this.listeners.values()) subscribers += set.size;
    const now = Date.now();
    const oldest = Math.floor((now - RATE_WINDOW_MS) / 1000);
    let recent = 0;
    for (const [second, count] of this.rateBuckets) {
      if (second <= oldest) this.rateBuckets.delete(second);
      else if (second < Math.floor(now / 1000)) recent += count;
    }
    const lastTickAgeSeconds: Record<string, number | null> = {};
    for (const symbol of this.known) {
      const at = this.receivedAt.get(symbol);
      lastTickAgeSeconds[symbol] = at === undefined ? null : Math.round((now - at) / 100) / 10;
    }
    const pendingRows = this.pending.length + this.store.bufferedRows();
    return {
      ingested: this.ingested,
      rejected: this.rejected,
      subscribers,
      ingestRate: Math.round(recent / ((RATE_WINDOW_MS - 1000) / 1000)),
      pendingRows,
      writeLagMs: this.pending.length > 0 ? now - this.pendingSince : 0,
      flushFailures: this.flushFailures,
      lastFlushMs: Math.round(this.lastFlushMs * 10) / 10,
      lastTickAgeSeconds,
    };
  }

  async close(): Promise<void> {
    clearInterval(this.flushTimer);
    await this.flush();
  }

  private stream(symbols: TickerSymbol[], options: { limit: number; conflateBy?: (trade: Trade) => string }): AsyncIterableIterator<Trade> {
    const listener = (trade: Trade): void => queue.push(trade);
    const queue = createAsyncQueue<Trade>({
      ...options,
      onClose: () => symbols.forEach((s) => this.listeners.get(s)?.delete(listener)),
    });
    for (const symbol of symbols) {
      const set = this.listeners.get(symbol) ?? new Set();
      set.add(listener);
      this.listeners.set(symbol, set);
    }
    return queue;
  }
}
