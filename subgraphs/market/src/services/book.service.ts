import { comparePrices, createAsyncQueue, type Logger } from '@b3/kit';
import type { OrderBook, Quote } from '../domain/order-book';
import { priceToUnits, unitsToPrice } from '../domain/price-units';
import type { TickerSymbol } from '../domain/trade';
import { MarketErrors } from '../errors';
import { parseBook } from './parse-book';

export const MAX_BOOK_DEPTH = 10;
export const MAX_BOOK_RATE = 50;

/**
 * Latest book per symbol from the bridge (books are snapshots: each replaces the previous), best
 * bid/ask, and a per-client stream conflated to at most N updates per second.
 */
export class BookService {
  private readonly books = new Map<TickerSymbol, OrderBook>();
  private readonly listeners = new Map<TickerSymbol, Set<(book: OrderBook) => void>>();
  private received = 0;
  private rejected = 0;

  constructor(private readonly logger: Logger) {}

  ingest(payload: unknown): void {
    const parsed = parseBook(payload);
    if (!parsed) {
      this.rejected++;
      this.logger.warn('dropped malformed book from feed');
      return;
    }
    const book = bestFirst(parsed);
    const previous = this.books.get(book.symbol);
    // a reconnect can replay an older snapshot; never step the book back in time
    if (previous && previous.time > book.time) return;
    this.received++;
    this.books.set(book.symbol, book);
    for (const listener of this.listeners.get(book.symbol) ?? []) listener(book);
  }

  book(symbol: TickerSymbol, depth: number): OrderBook | null {
    checkDepth(depth);
    const book = this.books.get(symbol);
    return book ? trim(book, depth) : null;
  }

  quote(symbol: TickerSymbol): Quote | null {
    const book = this.books.get(symbol);
    if (!book) return null;
    const bid = book.bids[0] ?? null;
    const ask = book.asks[0] ?? null;
    const spread = bid && ask ? unitsToPrice(priceToUnits(ask.price) - priceToUnits(bid.price)) : null;
    return { symbol, bid, ask, spread, time: book.time };
  }

  /** The current book at once, then changes no more often than `maxPerSecond`; the newest state always arrives. */
  stream(symbol: TickerSymbol, depth: number, maxPerSecond: number): AsyncIterableIterator<OrderBook> {
    checkDepth(depth);
    if (!Number.isInteger(maxPerSecond) || maxPerSecond < 1 || maxPerSecond > MAX_BOOK_RATE) {
      throw MarketErrors.badArgument('maxUpdatesPerSecond', `maxUpdatesPerSecond must be 1–${MAX_BOOK_RATE}`);
    }
    const gapMs = 1000 / maxPerSecond;
    let lastSent = -Infinity;
    let timer: NodeJS.Timeout | null = null;
    let latest: OrderBook | null = null;
    const send = (): void => {
      timer = null;
      if (!latest) return;
      lastSent = performance.now();
      queue.push(trim(latest, depth));
      latest = null;
    };
    const listener = (book: OrderBook): void => {
      latest = book;
      if (timer) return;
      const wait = lastSent + gapMs - performance.now();
      if (wait <= 0) send();
      else timer = setTimeout(send, wait);
    };
    const queue = createAsyncQueue<OrderBook>({
      limit: 2,
      conflateBy: (book) => book.symbol,
      onClose: () => {
        if (timer) clearTimeout(timer);
        this.listeners.get(symbol)?.delete(listener);
      },
    });
    const set = this.listeners.get(symbol) ?? new Set();
    set.add(listener);
    this.listeners.set(symbol, set);
    const current = this.books.get(symbol);
    if (current) listener(current);
    return queue;
  }

  /** Counters for detailed health and metrics. */
  stats(): { received: number; rejected: number; symbols: number } {
    return { received: this.received, rejected: this.rejected, symbols: this.books.size };
  }
}

function checkDepth(depth: number): void {
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_BOOK_DEPTH) throw MarketErrors.badArgument('depth', `depth must be 1–${MAX_BOOK_DEPTH}`);
}

/**
 * The bridge sends best-first; sorting once on arrival anyway means a misordered feed can show neither a
 * wrong top of book in `quote` nor wrong depth, and readers only slice.
 */
function bestFirst(book: OrderBook): OrderBook {
  const bids = [...book.bids].sort((a, b) => comparePrices(b.price, a.price));
  const asks = [...book.asks].sort((a, b) => comparePrices(a.price, b.price));
  return { ...book, bids, asks };
}

function trim(book: OrderBook, depth: number): OrderBook {
  return { ...book, bids: book.bids.slice(0, depth), asks: book.asks.slice(0, depth) };
}
