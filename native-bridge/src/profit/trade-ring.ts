import { existsSync } from 'node:fs';
import path from 'node:path';
import koffi, { type KoffiFunc } from 'koffi';
import { checkNative } from '../errors';
import type { SystemTime } from './profit.types';
import type { RawTrade } from './trade.mapper';

/**
 * Node's side of the callback shim (`native-bridge/shim/`): the shim's C callback copies every trade into a
 * ring in native memory on the DLL's thread; this drains it with one call and decodes the records from a
 * reused buffer.
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
const TICKER_BYTES = 24;
const EXCHANGE_BYTES = 8;
const HIST_BUCKET_NS = 100;
const HIST_BUCKETS = 256;
const STATS_BYTES = 8 * (5 + HIST_BUCKETS);

export interface ShimLibrary {
  Shim_Install: KoffiFunc<(libraryPath: string, capacity: number) => number>;
  Shim_Drain: KoffiFunc<(out: Buffer, max: number) => number>;
  Shim_GetStats: KoffiFunc<(out: Buffer) => number>;
  Shim_NowNs: KoffiFunc<() => bigint>;
  Shim_RecordLayout: KoffiFunc<(out: Int32Array, max: number) => number>;
  Shim_Uninstall: KoffiFunc<() => number>;
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
}

export interface DrainedTrade extends RawTrade {
  /** Nanoseconds between the DLL's callback and this drain. */
  waitedNs: number;
}

/** The shim next to a library: build/libprofit_shim.so on Linux, profit_shim.dll beside the DLL on Windows. */
export function defaultShimPath(libraryPath: string): string {
  if (process.env.PROFIT_SHIM_PATH) return process.env.PROFIT_SHIM_PATH;
  if (process.platform === 'win32') return path.join(path.dirname(libraryPath), 'profit_shim.dll');
  return path.resolve(__dirname, '../../build/libprofit_shim.so');
}

export function shimAvailable(shimPath: string): boolean {
  return existsSync(shimPath);
}

let loaded: { path: string; lib: ShimLibrary } | null = null;

/** koffi maps a library once per process; the shim holds one ring, like the DLL holds one session. */
export function loadShim(shimPath: string): ShimLibrary {
  if (loaded?.path === shimPath) return loaded.lib;
  const lib = koffi.load(shimPath);
  const bound: ShimLibrary = {
    Shim_Install: lib.func('Shim_Install', 'int32', ['str', 'uint32']),
    Shim_Drain: lib.func('Shim_Drain', 'int32', ['void *', 'int32']),
    Shim_GetStats: lib.func('Shim_GetStats', 'int32', ['void *']),
    Shim_NowNs: lib.func('Shim_NowNs', 'uint64', []),
    Shim_RecordLayout: lib.func('Shim_RecordLayout', 'int32', ['void *', 'int32']),
    Shim_Uninstall: lib.func('Shim_Uninstall', 'int32', []),
  } as ShimLibrary;
  loaded = { path: shimPath, lib: bound };
  return bound;
}

function asciiAt(buffer: Buffer, offset: number, length: number): string {
  const end = buffer.indexOf(0, offset);
  return buffer.toString('latin1', offset, end < 0 || end > offset + length ? offset + length : end);
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

  private constructor(
    private readonly shim: ShimLibrary,
    private readonly batchSize: number,
    private readonly capacity: number,
  ) {
    this.batch = Buffer.alloc(SHIM_TRADE_LAYOUT.size * batchSize);
  }

  /**
   * Registers the shim's trade callback with the DLL at `libraryPath` (already loaded and initialized) in
   * place of a JS callback. Trades then wait in a ring of `capacity` records until drained.
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
    for (let taken = 0; taken < this.capacity; ) {
      const count = this.shim.Shim_Drain(this.batch, this.batchSize);
      if (count <= 0) break;
      taken += count;
      const now = process.hrtime.bigint();
      for (let i = 0; i < count; i++) {
        const offset = i * SHIM_TRADE_LAYOUT.size;
        // a trade the DLL could not translate has nothing to publish: counted, not guessed at
        if (this.batch.readUInt8(offset + SHIM_TRADE_LAYOUT.Translated) !== 1) this.untranslated++;
        else trades.push(this.decode(offset, now));
      }
      if (count < this.batchSize) break;
    }
    return trades;
  }

  stats(): TradeRingStats {
    const buffer = Buffer.alloc(STATS_BYTES);
    checkNative('Shim_GetStats', this.shim.Shim_GetStats(buffer));
    const counter = (index: number) => Number(buffer.readBigUInt64LE(index * 8));
    const histogram = Array.from({ length: HIST_BUCKETS }, (_, i) => counter(5 + i));
    const total = histogram.reduce((a, b) => a + b, 0);
    const bucketAt = (p: number): number => {
      let seen = 0;
      for (let i = 0; i < HIST_BUCKETS; i++) {
        seen += histogram[i];
        if (total > 0 && seen >= (p / 100) * total) return (i + 1) * HIST_BUCKET_NS;
      }
      return 0;
    };
    const highest = histogram.reduce((max, n, i) => (n > 0 ? i : max), -1);
    const waits = Array.from(this.waits.subarray(0, Math.min(this.waitCount, this.waits.length))).sort((a, b) => a - b);
    return {
      capacity: counter(0),
      received: counter(1),
      dropped: counter(2),
      depth: counter(3),
      drained: counter(4),
      untranslated: this.untranslated,
      callbackP50Ns: bucketAt(50),
      callbackP99Ns: bucketAt(99),
      callbackMaxBucketNs: (highest + 1) * HIST_BUCKET_NS,
      drainLatencyP50Ms: percentileOf(waits, 50) / 1e6,
      drainLatencyP99Ms: percentileOf(waits, 99) / 1e6,
    };
  }

  /** After DLLFinalize: the DLL can no longer call the shim, so its ring can go. */
  uninstall(): void {
    this.shim.Shim_Uninstall();
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
    const waitedNs = Number(now - b.readBigUInt64LE(offset + L.EnqueuedNs));
    this.waits[this.waitCount++ % this.waits.length] = waitedNs;
    return {
      ticker: asciiAt(b, offset + L.Ticker, TICKER_BYTES),
      exchange: asciiAt(b, offset + L.Exchange, EXCHANGE_BYTES),
      flags: b.readUInt32LE(offset + L.Flags),
      waitedNs,
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
