import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import koffi, { type KoffiFunc } from 'koffi';
import { SHIM_BOOK_LAYOUT, SHIM_BOOK_SLOTS, type BookSnapshot } from '../src/profit/book-table';
import { SHIM_DAILY_LAYOUT } from '../src/profit/daily-table';
import { defaultShimPath, loadShim, TradeRing } from '../src/profit/trade-ring';
import { buildSimulator } from './simulator.helper';

/*
 * The shim's book and daily tables and its history path against a fake DLL (shim/testing/fake_profitdll.c)
 * whose callbacks the test fires directly, or from a pthread of the fake's own while the test drains.
 */

const ROOT = path.resolve(__dirname, '..');
const FAKE_SOURCE = path.join(ROOT, 'shim/testing/fake_profitdll.c');
const FAKE = path.join(ROOT, 'build/libprofitdll_fake.so');
const SHIM = defaultShimPath(FAKE);

interface Fake {
  Fake_SetBook: KoffiFunc<(asset: number, generation: number, bids: number, asks: number, auction: number) => number>;
  Fake_Depth: KoffiFunc<(asset: number, side: number, position: number, updateType: number) => number>;
  Fake_Daily: KoffiFunc<(asset: number, close: number, trades: number) => number>;
  Fake_Trade: KoffiFunc<(asset: number, history: number, tradeNumber: number, price: number, flags: number) => number>;
  Fake_StressStart: KoffiFunc<(assets: number, rounds: number) => number>;
  Fake_StressDone: KoffiFunc<() => number>;
  Fake_Reset: KoffiFunc<() => number>;
}

function buildFake(): void {
  const mtime = (file: string) => {
    try {
      return statSync(file).mtimeMs;
    } catch {
      return -1;
    }
  };
  if (mtime(FAKE) > Math.max(mtime(FAKE_SOURCE), mtime(path.join(ROOT, 'include/profitdll_abi.h')))) return;
  const tmp = `${FAKE}.${process.pid}.tmp`;
  execFileSync('gcc', ['-Wall', '-Wextra', '-Werror', '-O2', '-std=c11', '-shared', '-fPIC', '-pthread', '-fvisibility=hidden', '-o', tmp, FAKE_SOURCE, '-lm']);
  execFileSync('mv', [tmp, FAKE]);
}

const ticker = (asset: number) => `FK${String(asset).padStart(4, '0')}`;
const UPDATE = { add: 0, edit: 1, delete: 2, insert: 3, fullBook: 4, prepare: 5, flush: 6, theoretical: 7, deleteFrom: 8 } as const;

describe('the shim tables (books, dailies) and history trades, against a fake DLL', () => {
  let fake: Fake;
  let ring: TradeRing | null = null;

  beforeAll(() => {
    buildSimulator(); // builds the shim too
    buildFake();
    const lib = koffi.load(FAKE);
    fake = {
      Fake_SetBook: lib.func('Fake_SetBook', 'int32', ['int32', 'int64', 'int32', 'int32', 'int32']),
      Fake_Depth: lib.func('Fake_Depth', 'int32', ['int32', 'int32', 'int32', 'int32']),
      Fake_Daily: lib.func('Fake_Daily', 'int32', ['int32', 'double', 'int32']),
      Fake_Trade: lib.func('Fake_Trade', 'int32', ['int32', 'int32', 'uint32', 'double', 'uint32']),
      Fake_StressStart: lib.func('Fake_StressStart', 'int32', ['int32', 'int64']),
      Fake_StressDone: lib.func('Fake_StressDone', 'int32', []),
      Fake_Reset: lib.func('Fake_Reset', 'int32', []),
    } as Fake;
  });
  beforeEach(() => {
    ring = TradeRing.install(SHIM, FAKE, 1024);
  });
  afterEach(() => {
    fake.Fake_Reset(); // as DLLFinalize: the DLL forgets the shim's callbacks before the shim goes
    ring?.uninstall();
    ring = null;
  });
  const installed = (): TradeRing => ring!;

  /** One full book of `asset` at `generation` through the depth callback. */
  function fullBook(asset: number, generation: number, bids = 10, asks = 10, auction = 0): void {
    expect(fake.Fake_SetBook(asset, generation, bids, asks, auction)).toBe(0);
    expect(fake.Fake_Depth(asset, 254, 0, UPDATE.fullBook)).toBe(0);
  }

  it('decodes books and dailies at the offsets the C compiler gave ShimBook and ShimDaily', () => {
    const shim = loadShim(SHIM);
    const book = new Int32Array(15);
    expect(shim.Shim_BookLayout(book, book.length)).toBe(15);
    const B = SHIM_BOOK_LAYOUT;
    expect([...book]).toEqual([
      B.size, B.EnqueuedNs, B.Sequence, B.BidCount, B.AskCount, B.Auction, B.Ticker, B.Exchange, B.Bids, B.Asks,
      B.levelSize, B.levelPrice, B.levelQuantity, B.levelOrders, B.levels,
    ]);
    const daily = new Int32Array(24);
    expect(shim.Shim_DailyLayout(daily, daily.length)).toBe(24);
    const D = SHIM_DAILY_LAYOUT;
    expect([...daily]).toEqual([
      D.size, D.EnqueuedNs, D.Sequence, D.Open, D.High, D.Low, D.Close, D.Volume, D.Settlement, D.MaxLimit, D.MinLimit,
      D.BuyerVolume, D.SellerVolume, D.Quantity, D.Trades, D.OpenInterest, D.BuyerQuantity, D.SellerQuantity, D.BuyerTrades,
      D.SellerTrades, D.Feed, D.Date, D.Ticker, D.Exchange,
    ]);
    expect(shim.Shim_BookLayout(book, 14)).toBe(0); // too small an array is refused, not overrun
  });

  it('registers every optional callback the DLL exports', () => {
    expect(installed().features()).toEqual({ history: true, books: true, dailies: true });
  });

  it('snapshots a full book: 10 levels a side, best first, with quantities and order counts', () => {
    fullBook(0, 5);
    const [book, ...rest] = installed().drainBooks();
    expect(rest).toHaveLength(0);
    expect(book).toMatchObject({ ticker: 'FK0000', exchange: 'X', auction: false, sequence: 1 });
    expect(book.bids.map((l) => l.price)).toEqual(Array.from({ length: 10 }, (_, k) => 500 - k));
    expect(book.asks.map((l) => l.price)).toEqual(Array.from({ length: 10 }, (_, k) => 501 + k));
    expect(book.bids[3]).toEqual({ price: 497, quantity: 5, orders: 4 });
    expect(book.waitedNs).toBeGreaterThan(0);
    expect(installed().drainBooks()).toEqual([]); // nothing changed since
  });

  it('keeps at most 10 levels, and fewer when the book is thinner', () => {
    fullBook(0, 5, 25, 3);
    const [book] = installed().drainBooks();
    expect(book.bids).toHaveLength(10);
    expect(book.asks.map((l) => l.price)).toEqual([501, 502, 503]);
  });

  it('skips the theoretical slot of an auction but flags the book', () => {
    fullBook(0, 5, 10, 10, 1);
    const [book] = installed().drainBooks();
    expect(book.auction).toBe(true);
    expect(book.bids).toHaveLength(10);
    expect(book.bids[0].price).toBe(500);
    expect(book.asks[0].price).toBe(501);
    expect(book.bids.every((l) => Number.isFinite(l.price))).toBe(true);
  });

  it('snapshots a burst once, at its flush, and a change no prepare bracketed at once', () => {
    fullBook(0, 1);
    installed().drainBooks();
    expect(fake.Fake_Depth(0, 254, 0, UPDATE.prepare)).toBe(0);
    expect(fake.Fake_SetBook(0, 2, 10, 10, 0)).toBe(0);
    for (const type of [UPDATE.edit, UPDATE.insert, UPDATE.delete, UPDATE.add, UPDATE.deleteFrom]) expect(fake.Fake_Depth(0, 0, 1, type)).toBe(0);
    expect(installed().drainBooks()).toEqual([]); // mid-burst: nothing taken
    expect(fake.Fake_Depth(0, 254, 0, UPDATE.flush)).toBe(0);
    const [flushed] = installed().drainBooks();
    expect(flushed).toMatchObject({ sequence: 2, bids: expect.arrayContaining([{ price: 200, quantity: 2, orders: 1 }]) });

    expect(fake.Fake_SetBook(0, 3, 10, 10, 0)).toBe(0);
    expect(fake.Fake_Depth(0, 1, 0, UPDATE.edit)).toBe(0); // lone change
    expect(installed().drainBooks()).toMatchObject([{ sequence: 3, asks: expect.arrayContaining([{ price: 301, quantity: 3, orders: 1 }]) }]);
    expect(fake.Fake_Depth(0, 254, 0, UPDATE.theoretical)).toBe(0); // no level moved
    expect(installed().drainBooks()).toEqual([]);
    expect(installed().stats().books).toMatchObject({ received: 10, snapshots: 3, conflated: 0, dropped: 0, errors: 0 });
  });

  it('takes a full book inside a burst at once, and what follows it in the burst at the flush', () => {
    expect(fake.Fake_Depth(0, 254, 0, UPDATE.prepare)).toBe(0);
    fullBook(0, 4);
    expect(installed().drainBooks()).toMatchObject([{ sequence: 1, bids: expect.arrayContaining([{ price: 400, quantity: 4, orders: 1 }]) }]);
    expect(fake.Fake_SetBook(0, 5, 10, 10, 0)).toBe(0);
    expect(fake.Fake_Depth(0, 0, 0, UPDATE.edit)).toBe(0); // still inside the burst
    expect(installed().drainBooks()).toEqual([]);
    expect(fake.Fake_Depth(0, 254, 0, UPDATE.flush)).toBe(0);
    expect(installed().drainBooks()).toMatchObject([{ sequence: 2, bids: expect.arrayContaining([{ price: 500, quantity: 5, orders: 1 }]) }]);
    expect(fake.Fake_Depth(0, 0, 0, UPDATE.edit)).toBe(0); // after the flush: a lone change
    expect(installed().drainBooks()).toMatchObject([{ sequence: 3 }]);
  });

  it('conflates: a slow drain sees each asset once, at its latest, and counts what it replaced', () => {
    for (let g = 1; g <= 5; g++) for (const asset of [0, 1, 2]) fullBook(asset, g);
    const books = installed().drainBooks();
    expect(books.map((b) => [b.ticker, b.sequence, b.bids[0].price])).toEqual([
      ['FK0000', 5, 500],
      ['FK0001', 5, 500],
      ['FK0002', 5, 500],
    ]);
    expect(installed().stats().books).toMatchObject({ snapshots: 15, conflated: 12, drained: 3, dropped: 0, assets: 3 });
  });

  it('drops (and counts) books of assets beyond the table, keeping the ones it has', () => {
    for (let asset = 0; asset < SHIM_BOOK_SLOTS + 3; asset++) fullBook(asset, 1);
    const books = installed().drainBooks();
    expect(books).toHaveLength(SHIM_BOOK_SLOTS);
    expect(new Set(books.map((b) => b.ticker)).size).toBe(SHIM_BOOK_SLOTS);
    expect(books.map((b) => b.ticker)).not.toContain(ticker(SHIM_BOOK_SLOTS));
    expect(installed().stats().books).toMatchObject({ assets: SHIM_BOOK_SLOTS, dropped: 3 });
    fullBook(7, 2); // assets already in the table still update
    expect(installed().drainBooks()).toMatchObject([{ ticker: 'FK0007', sequence: 2 }]);
  });

  it('hands out only consistent snapshots while the DLL thread rewrites them as fast as it can', () => {
    const ASSETS = 4;
    const ROUNDS = 100_000;
    expect(fake.Fake_StressStart(ASSETS, ROUNDS)).toBe(0);
    const last = new Map<string, number>();
    const torn: BookSnapshot[] = [];
    let drained = 0;
    const check = (books: BookSnapshot[]) => {
      for (const book of books) {
        drained++;
        const generation = book.bids[0].quantity;
        const consistent =
          book.bids.length === 10 && book.asks.length === 10 &&
          book.bids.every((l, k) => l.quantity === generation && l.price === generation * 100 - k && l.orders === k + 1) &&
          book.asks.every((l, k) => l.quantity === generation && l.price === generation * 100 + 1 + k);
        if (!consistent) torn.push(book);
        expect(book.sequence).toBeGreaterThan(last.get(book.ticker) ?? 0);
        last.set(book.ticker, book.sequence);
      }
    };
    for (let done = false; !done; ) {
      done = fake.Fake_StressDone() === 1;
      check(installed().drainBooks());
    }
    check(installed().drainBooks());
    expect(torn).toEqual([]);
    // the final state of every asset arrived: the flush of the last round, generation ROUNDS
    const final = new Map<string, number>();
    fullBook(0, ROUNDS); // one more on this thread, to read the table's state of asset 0 through the same path
    for (const book of installed().drainBooks()) final.set(book.ticker, book.sequence);
    expect(final.get('FK0000')).toBe(ROUNDS + 1);
    const stats = installed().stats().books;
    expect(stats).toMatchObject({ snapshots: ASSETS * ROUNDS + 1, dropped: 0, errors: 0 });
    expect(stats.conflated).toBeGreaterThan(0);
    expect(stats.drained).toBe(drained + 1);
    expect(stats.snapshots).toBe(stats.conflated + stats.drained);
    expect(stats.callbackP99Ns).toBeGreaterThan(0);
    expect(installed().stats().producerContended).toBe(0); // one DLL thread, as documented
  });

  it('keeps the latest daily aggregate per asset, with every field where the DLL put it', () => {
    expect(fake.Fake_Daily(0, 38.5, 10)).toBe(0);
    expect(fake.Fake_Daily(0, 38.75, 12)).toBe(0);
    expect(fake.Fake_Daily(1, 61.5, 3)).toBe(0);
    const dailies = installed().drainDailies();
    expect(dailies).toHaveLength(2);
    expect(dailies[0]).toEqual({
      ticker: 'FK0000', exchange: 'X', date: '01/12/2026 10:00:00.123',
      open: 37.75, high: 40.75, low: 35.75, close: 38.75, volume: 3875, settlement: 38.25,
      maxLimit: 38.75 * 1.1, minLimit: 38.75 * 0.9, buyerVolume: 38.75 * 60, sellerVolume: 38.75 * 40,
      quantity: 1200, trades: 12, openInterest: 5, buyerQuantity: 720, sellerQuantity: 480, buyerTrades: 6, sellerTrades: 6,
      sequence: 2, waitedNs: expect.any(Number),
    });
    expect(dailies[1]).toMatchObject({ ticker: 'FK0001', close: 61.5, sequence: 1 });
    expect(installed().drainDailies()).toEqual([]);
    expect(installed().stats().dailies).toMatchObject({ received: 3, conflated: 1, drained: 2, dropped: 0, assets: 2 });
  });

  it('puts history trades in the trade ring, marked, with the DLL flags untouched', () => {
    expect(fake.Fake_Trade(0, 0, 10, 38, 0)).toBe(0);
    expect(fake.Fake_Trade(0, 1, 1, 37, 0)).toBe(0);
    expect(fake.Fake_Trade(0, 0, 11, 38.01, 1)).toBe(0); // TC_IS_EDIT
    expect(fake.Fake_Trade(0, 1, 2, 37.01, 2)).toBe(0); // TC_LAST_PACKET
    const trades = installed().drain();
    expect(trades.map((t) => [t.trade.TradeNumber, t.history, t.flags])).toEqual([
      [10, false, 0],
      [1, true, 0],
      [11, false, 1],
      [2, true, 2],
    ]);
    expect(installed().stats()).toMatchObject({ received: 4, drained: 4, history: { received: 2 } });
  });

  it('drains nothing once uninstalled, and starts afresh when installed again', () => {
    fullBook(0, 1);
    expect(fake.Fake_Daily(0, 38, 1)).toBe(0);
    fake.Fake_Reset();
    installed().uninstall();
    expect(installed().drainBooks()).toEqual([]);
    expect(installed().drainDailies()).toEqual([]);
    ring = TradeRing.install(SHIM, FAKE, 64);
    expect(installed().drainBooks()).toEqual([]);
    fullBook(0, 2);
    expect(installed().drainBooks()).toMatchObject([{ ticker: 'FK0000', sequence: 1, bids: expect.arrayContaining([{ price: 200, quantity: 2, orders: 1 }]) }]);
    expect(installed().stats().books).toMatchObject({ snapshots: 1, assets: 1 });
  });
});
