import { asciiAt, drainBatches, type ShimLibrary } from './shim-library';

/**
 * Daily aggregates from the shim's conflated table: the DLL sends one after every trade; only the latest per
 * asset is kept, and a drain returns each asset that changed since the previous drain once.
 */

/** Byte offsets of `ShimDaily` (shim/profit_shim.h); checked against the compiler's by a test. */
export const SHIM_DAILY_LAYOUT = {
  size: 192,
  EnqueuedNs: 0,
  Sequence: 8,
  Open: 16,
  High: 24,
  Low: 32,
  Close: 40,
  Volume: 48,
  Settlement: 56,
  MaxLimit: 64,
  MinLimit: 72,
  BuyerVolume: 80,
  SellerVolume: 88,
  Quantity: 96,
  Trades: 100,
  OpenInterest: 104,
  BuyerQuantity: 108,
  SellerQuantity: 112,
  BuyerTrades: 116,
  SellerTrades: 120,
  Feed: 124,
  Date: 128,
  Ticker: 160,
  Exchange: 184,
} as const;
/** Assets the shim's daily table holds (SHIM_DAILY_SLOTS). */
export const SHIM_DAILY_SLOTS = 512;
const DATE_BYTES = 32;
const TICKER_BYTES = 24;
const EXCHANGE_BYTES = 8;

export interface DailySnapshot {
  ticker: string;
  exchange: string;
  /** As the DLL sent it: `DD/MM/YYYY HH:mm:SS.ZZZ`, exchange local time. */
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Financial volume. */
  volume: number;
  /** dAjuste. */
  settlement: number;
  maxLimit: number;
  minLimit: number;
  buyerVolume: number;
  sellerVolume: number;
  /** Traded quantity (nQtd). */
  quantity: number;
  /** Number of trades (nNegocios). */
  trades: number;
  /** nContratosOpen. */
  openInterest: number;
  buyerQuantity: number;
  sellerQuantity: number;
  buyerTrades: number;
  sellerTrades: number;
  /** Daily callbacks of this asset since install: 1, 2, ...; a gap is updates conflated away. */
  sequence: number;
  /** Nanoseconds between the DLL's callback and this drain. */
  waitedNs: number;
}

export class DailyTable {
  private readonly batch: Buffer;

  constructor(
    private readonly shim: ShimLibrary,
    batchSize = 64,
  ) {
    this.batch = Buffer.alloc(SHIM_DAILY_LAYOUT.size * batchSize);
  }

  /** Every asset whose daily aggregate changed since the last drain, at its latest, in the order they first changed. */
  drain(): DailySnapshot[] {
    const dailies: DailySnapshot[] = [];
    drainBatches(this.shim.Shim_DrainDailies, this.batch, SHIM_DAILY_LAYOUT.size, SHIM_DAILY_SLOTS, (offset, now) => dailies.push(this.decode(offset, now)));
    return dailies;
  }

  private decode(offset: number, now: bigint): DailySnapshot {
    const b = this.batch;
    const L = SHIM_DAILY_LAYOUT;
    const f64 = (field: number) => b.readDoubleLE(offset + field);
    const i32 = (field: number) => b.readInt32LE(offset + field);
    return {
      ticker: asciiAt(b, offset + L.Ticker, TICKER_BYTES),
      exchange: asciiAt(b, offset + L.Exchange, EXCHANGE_BYTES),
      date: asciiAt(b, offset + L.Date, DATE_BYTES),
      open: f64(L.Open),
      high: f64(L.High),
      low: f64(L.Low),
      close: f64(L.Close),
      volume: f64(L.Volume),
      settlement: f64(L.Settlement),
      maxLimit: f64(L.MaxLimit),
      minLimit: f64(L.MinLimit),
      buyerVolume: f64(L.BuyerVolume),
      sellerVolume: f64(L.SellerVolume),
      quantity: i32(L.Quantity),
      trades: i32(L.Trades),
      openInterest: i32(L.OpenInterest),
      buyerQuantity: i32(L.BuyerQuantity),
      sellerQuantity: i32(L.SellerQuantity),
      buyerTrades: i32(L.BuyerTrades),
      sellerTrades: i32(L.SellerTrades),
      sequence: Number(b.readBigUInt64LE(offset + L.Sequence)),
      waitedNs: Number(now - b.readBigUInt64LE(offset + L.EnqueuedNs)),
    };
  }
}
