import { checkNative } from '../errors';
import { BookTable, type BookSnapshot } from './book-table';
import { DailyTable, type DailySnapshot } from './daily-table';
import type { SystemTime } from './profit.types';
import { asciiAt, drainBatches, histogramSummary, HIST_BUCKETS, loadShim, type ShimLibrary } from './shim-library';
import type { RawTrade } from './trade.mapper';

export { defaultShimPath, loadShim, shimAvailable, type ShimLibrary } from './shim-library';
export type { BookLevel, BookSnapshot } from './book-table';
export type { DailySnapshot } from './daily-table';

/**
 * Node's side of the callback shim (`native-bridge/shim/`): the shim's C callbacks copy every trade (live and
 * history) into a ring in native memory on the DLL's thread, and keep the latest book and daily aggregate per
 * asset in conflated tables; this drains them with one call each and decodes the records from reused buffers.
 */

/** Byte offsets of `ShimTrade` (shim/profit_shim.h); the layout test checks them against the compiler's. */
export const SHIM_TRADE_LAYOUT = {
  size: 104,
  EnqueuedNs: 0,
  Price: 8,
  Quantity: 16,
  Volume: 24,
  TradeDate: 32,
  TradeNumber: 48,
  BuyAgent: 52,
  SellAgent: 56,
  Flags: 60,
  TradeType: 64,
  Translated: 65,
  Ticker: 72,
  Exchange: 96,
} as const;
/** OR-ed into ShimTrade.Flags by the shim's history callback (SHIM_FLAG_HISTORY); never one of the DLL's flags. */
export const SHIM_FLAG_HISTORY = 0x10000;
const TICKER_BYTES = 24;
const EXCHANGE_BYTES = 8;
const STATS_BYTES = 8 * (5 + HIST_BUCKETS);
/** `ShimTableStats`: these u64 counters in this order, then the depth callback's histogram. */
const TABLE_COUNTERS = [
  'Features', 'HistoryReceived',
  'BookReceived', 'BookSnapshots', 'BookConflated', 'BookDropped', 'BookDrained', 'BookAssets', 'BookErrors', 'BookRetries',
  'DailyReceived', 'DailySnapshots', 'DailyConflated', 'DailyDropped', 'DailyDrained', 'DailyAssets', 'DailyRetries',
  'ProducerContended',
] as const;
export const SHIM_TABLE_STATS_BYTES = 8 * (TABLE_COUNTERS.length + HIST_BUCKETS);
const FEATURE_HISTORY = 2;
const FEATURE_BOOKS = 4;
const FEATURE_DAILIES = 8;

/** What the DLL exported and the shim registered besides live trades. */
export interface ShimFeatures {
  /** SetHistoryTradeCallbackV2: GetHistoryTrades results arrive through drain() with `history: true`. */
  history: boolean;
  /** SetPriceDepthCallback + GetPriceDepthSideCount + GetPriceGroup: drainBooks() has data after SubscribePriceDepth. */
  books: boolean;
  /** SetDailyCallback: drainDailies() has data for subscribed tickers. */
  dailies: boolean;
}

export interface BookTableStats {
  /** Price-depth notifications the DLL made. */
  received: number;
  /** Snapshots taken (full book, flush, or a change outside a burst). */
  snapshots: number;
  /** Snapshots replaced by a newer one of the same asset before a drain read them. */
  conflated: number;
  /** Notifications of assets the full table (512) had no slot for. */
  dropped: number;
  drained: number;
  /** Assets with a slot. */
  assets: number;
  /** GetPriceDepthSideCount / GetPriceGroup failures inside the callback. */
  errors: number;
  /** Drain copies redone because the DLL's thread was writing the same slot. */
  retries: number;
  /** Time the DLL's thread spent inside the shim's depth callback (100 ns buckets). */
  callbackP50Ns: number;
  callbackP99Ns: number;
  callbackMaxBucketNs: number;
}

export interface DailyTableStats {
  /** Daily callbacks the DLL made. */
  received: number;
  conflated: number;
  dropped: number;
  drained: number;
  assets: number;
}

export interface TradeRingStats {
  capacity: number;
  /** Trade callbacks the DLL made. */
  received: number;
  /** Trades lost because the ring was full. */
  dropped: number;
  /** Trades waiting to be drained. */
  depth: number;
  drained: number;
  /** Drained records TranslateTrade had failed on (not published). */
  untranslated: number;
  /** Time the DLL's thread spent inside the shim's callback, from its histogram (100 ns resolution). */
  callbackP50Ns: number;
  callbackP99Ns: number;
  callbackMaxBucketNs: number;
  /** Callback → drained, over the latest 8,192 trades drained. */
  drainLatencyP50Ms: number;
  drainLatencyP99Ms: number;
  features: ShimFeatures;
  /**
   * Shim callbacks that found another DLL thread inside the same structure. The DLL documents one callback
   * thread, so anything but 0 means it used more (the shim's locks kept the records intact).
   */
  producerContended: number;
  /** History trade callbacks (also counted in `received`: they share the ring). */
  history: { received: number };
  books: BookTableStats;
  dailies: DailyTableStats;
}

export interface DrainedTrade extends RawTrade {
  /** From GetHistoryTrades (the DLL's history callback) rather than the live feed; `flags` are the DLL's own. */
  history: boolean;
  /** The shim's EnqueuedNs: its clock is the one process.hrtime reads. */
  callbackAtNs: bigint;
}

function percentileOf(sorted: readonly number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;
}

export class TradeRing {
  private readonly batch: Buffer;
  /** The latest drain latencies, a ring of its own, so any number of readers see the same window. */
  private readonly waits = new Float64Array(8192);
  private waitCount = 0;
  private untranslated = 0;
  private readonly books: BookTable;
  private readonly dailies: DailyTable;

  private constructor(
    private readonly shim: ShimLibrary,
    batchSize: number,
    private readonly capacity: number,
  ) {
    this.batch = Buffer.alloc(SHIM_TRADE_LAYOUT.size * batchSize);
    this.books = new BookTable(shim);
    this.dailies = new DailyTable(shim);
  }

  /**
   * Registers the shim's callbacks with the DLL at `libraryPath` (already loaded and initialized) in place of
   * JS callbacks: live trades, and — each when the DLL exports its setter — history trades, price depth and
   * daily aggregates (see `features()`). Trades then wait in a ring of `capacity` records until drained; books
   * and dailies wait in per-asset tables, the latest replacing an unread older one.
   */
  static install(shimPath: string, libraryPath: string, capacity: number, batchSize = 4096): TradeRing {
    const shim = loadShim(shimPath);
    checkNative('Shim_Install', shim.Shim_Install(libraryPath, capacity));
    return new TradeRing(shim, batchSize, capacity);
  }

  /**
   * What is waiting, oldest first, in batches of `batchSize` — at most one ring's worth per call, so a producer
   * faster than the decoder cannot keep this loop (and the event loop) busy forever.
   */
  drain(): DrainedTrade[] {
    const trades: DrainedTrade[] = [];
    drainBatches(this.shim.Shim_Drain, this.batch, SHIM_TRADE_LAYOUT.size, this.capacity, (offset, now) => {
      // a trade the DLL could not translate has nothing to publish: counted, not guessed at
      if (this.batch.readUInt8(offset + SHIM_TRADE_LAYOUT.Translated) !== 1) this.untranslated++;
      else trades.push(this.decode(offset, now));
    });
    return trades;
  }

  /**
   * Every asset whose book changed since the last call, each once at its latest snapshot. Cheap when nothing
   * changed; call it as often as book latency matters (e.g. on the trade drain tick).
   */
  drainBooks(): BookSnapshot[] {
    return this.books.drain();
  }

  /** Every asset whose daily aggregate changed since the last call, each once at its latest. */
  drainDailies(): DailySnapshot[] {
    return this.dailies.drain();
  }

  features(): ShimFeatures {
    return this.tableStats().features;
  }

  stats(): TradeRingStats {
    const buffer = Buffer.alloc(STATS_BYTES);
    checkNative('Shim_GetStats', this.shim.Shim_GetStats(buffer));
    const counter = (index: number) => Number(buffer.readBigUInt64LE(index * 8));
    const callback = histogramSummary(buffer, 5 * 8);
    const waits = Array.from(this.waits.subarray(0, Math.min(this.waitCount, this.waits.length))).sort((a, b) => a - b);
    return {
      capacity: counter(0),
      received: counter(1),
      dropped: counter(2),
      depth: counter(3),
      drained: counter(4),
      untranslated: this.untranslated,
      callbackP50Ns: callback.p50Ns,
      callbackP99Ns: callback.p99Ns,
      callbackMaxBucketNs: callback.maxBucketNs,
      drainLatencyP50Ms: percentileOf(waits, 50) / 1e6,
      drainLatencyP99Ms: percentileOf(waits, 99) / 1e6,
      ...this.tableStats(),
    };
  }

  /** After DLLFinalize: the DLL can no longer call the shim, so its ring and tables can go. */
  uninstall(): void {
    this.shim.Shim_Uninstall();
  }

  private tableStats(): Pick<TradeRingStats, 'features' | 'producerContended' | 'history' | 'books' | 'dailies'> {
    const buffer = Buffer.alloc(SHIM_TABLE_STATS_BYTES);
    const size = this.shim.Shim_GetTableStats(buffer);
    checkNative('Shim_GetTableStats', size);
    if (size !== SHIM_TABLE_STATS_BYTES) throw new Error(`ShimTableStats is ${size} bytes, the decoder expects ${SHIM_TABLE_STATS_BYTES}`);
    const c = Object.fromEntries(TABLE_COUNTERS.map((name, i) => [name, Number(buffer.readBigUInt64LE(i * 8))])) as Record<
      (typeof TABLE_COUNTERS)[number],
      number
    >;
    const callback = histogramSummary(buffer, TABLE_COUNTERS.length * 8);
    return {
      features: {
        history: (c.Features & FEATURE_HISTORY) !== 0,
        books: (c.Features & FEATURE_BOOKS) !== 0,
        dailies: (c.Features & FEATURE_DAILIES) !== 0,
      },
      producerContended: c.ProducerContended,
      history: { received: c.HistoryReceived },
      books: {
        received: c.BookReceived,
        snapshots: c.BookSnapshots,
        conflated: c.BookConflated,
        dropped: c.BookDropped,
        drained: c.BookDrained,
        assets: c.BookAssets,
        errors: c.BookErrors,
        retries: c.BookRetries,
        callbackP50Ns: callback.p50Ns,
        callbackP99Ns: callback.p99Ns,
        callbackMaxBucketNs: callback.maxBucketNs,
      },
      dailies: {
        received: c.DailyReceived,
        conflated: c.DailyConflated,
        dropped: c.DailyDropped,
        drained: c.DailyDrained,
        assets: c.DailyAssets,
      },
    };
  }

  private decode(offset: number, now: bigint): DrainedTrade {
    const b = this.batch;
    const L = SHIM_TRADE_LAYOUT;
    const date = offset + L.TradeDate;
    const tradeDate: SystemTime = {
      wYear: b.readUInt16LE(date),
      wMonth: b.readUInt16LE(date + 2),
      wDayOfWeek: b.readUInt16LE(date + 4),
      wDay: b.readUInt16LE(date + 6),
      wHour: b.readUInt16LE(date + 8),
      wMinute: b.readUInt16LE(date + 10),
      wSecond: b.readUInt16LE(date + 12),
      wMilliseconds: b.readUInt16LE(date + 14),
    };
    const callbackAtNs = b.readBigUInt64LE(offset + L.EnqueuedNs);
    this.waits[this.waitCount++ % this.waits.length] = Number(now - callbackAtNs);
    const flags = b.readUInt32LE(offset + L.Flags);
    return {
      ticker: asciiAt(b, offset + L.Ticker, TICKER_BYTES),
      exchange: asciiAt(b, offset + L.Exchange, EXCHANGE_BYTES),
      flags: (flags & ~SHIM_FLAG_HISTORY) >>> 0,
      history: (flags & SHIM_FLAG_HISTORY) !== 0,
      callbackAtNs,
      trade: {
        Version: 0,
        TradeDate: tradeDate,
        TradeNumber: b.readUInt32LE(offset + L.TradeNumber),
        Price: b.readDoubleLE(offset + L.Price),
        Quantity: Number(b.readBigInt64LE(offset + L.Quantity)),
        Volume: b.readDoubleLE(offset + L.Volume),
        BuyAgent: b.readInt32LE(offset + L.BuyAgent),
        SellAgent: b.readInt32LE(offset + L.SellAgent),
        TradeType: b.readUInt8(offset + L.TradeType),
      },
    };
  }
}
