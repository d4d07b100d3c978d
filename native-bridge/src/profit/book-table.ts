import { asciiAt, drainBatches, type ShimLibrary } from './shim-library';

/**
 * Book snapshots from the shim's conflated table: the shim reads the top levels inside the DLL's depth
 * callback (the only place the DLL allows it) whenever the book is consistent, keeping the latest per asset;
 * a drain returns each asset that changed since the previous drain once, at its latest state.
 */

/** Byte offsets of `ShimBook` / `ShimBookLevel` (shim/profit_shim.h); checked against the compiler's by a test. */
export const SHIM_BOOK_LAYOUT = {
  size: 544,
  EnqueuedNs: 0,
  Sequence: 8,
  BidCount: 16,
  AskCount: 20,
  Auction: 24,
  Ticker: 32,
  Exchange: 56,
  Bids: 64,
  Asks: 304,
  levelSize: 24,
  levelPrice: 0,
  levelQuantity: 8,
  levelOrders: 16,
  levels: 10,
} as const;
/** Assets the shim's book table holds (SHIM_BOOK_SLOTS). */
export const SHIM_BOOK_SLOTS = 512;
const TICKER_BYTES = 24;
const EXCHANGE_BYTES = 8;

export interface BookLevel {
  price: number;
  quantity: number;
  /** Offers at this price (TConnectorPriceGroup.Count). */
  orders: number;
}

export interface BookSnapshot {
  ticker: string;
  exchange: string;
  /** Best (highest) first, at most 10. */
  bids: BookLevel[];
  /** Best (lowest) first, at most 10. */
  asks: BookLevel[];
  /** The DLL showed the auction's theoretical slot (not among the levels; GetTheoreticalValues has its price). */
  auction: boolean;
  /** Snapshots the shim took of this asset since install: 1, 2, ...; a gap is snapshots conflated away. */
  sequence: number;
  /** Nanoseconds between the snapshot (on the DLL's thread) and this drain. */
  waitedNs: number;
}

export class BookTable {
  private readonly batch: Buffer;

  constructor(
    private readonly shim: ShimLibrary,
    batchSize = 64,
  ) {
    this.batch = Buffer.alloc(SHIM_BOOK_LAYOUT.size * batchSize);
  }

  /** Every asset whose book changed since the last drain, at its latest snapshot, in the order they first changed. */
  drain(): BookSnapshot[] {
    const books: BookSnapshot[] = [];
    drainBatches(this.shim.Shim_DrainBooks, this.batch, SHIM_BOOK_LAYOUT.size, SHIM_BOOK_SLOTS, (offset, now) => books.push(this.decode(offset, now)));
    return books;
  }

  private decode(offset: number, now: bigint): BookSnapshot {
    const b = this.batch;
    const L = SHIM_BOOK_LAYOUT;
    const levels = (at: number, count: number): BookLevel[] => {
      const out: BookLevel[] = [];
      for (let i = 0; i < Math.min(count, L.levels); i++) {
        const level = offset + at + i * L.levelSize;
        out.push({
          price: b.readDoubleLE(level + L.levelPrice),
          quantity: Number(b.readBigInt64LE(level + L.levelQuantity)),
          orders: b.readUInt32LE(level + L.levelOrders),
        });
      }
      return out;
    };
    return {
      ticker: asciiAt(b, offset + L.Ticker, TICKER_BYTES),
      exchange: asciiAt(b, offset + L.Exchange, EXCHANGE_BYTES),
      bids: levels(L.Bids, b.readInt32LE(offset + L.BidCount)),
      asks: levels(L.Asks, b.readInt32LE(offset + L.AskCount)),
      auction: b.readUInt8(offset + L.Auction) !== 0,
      sequence: Number(b.readBigUInt64LE(offset + L.Sequence)),
      waitedNs: Number(now - b.readBigUInt64LE(offset + L.EnqueuedNs)),
    };
  }
}
