import { execFileSync } from 'node:child_process';
import koffi, { type KoffiFunc } from 'koffi';
import { type BookSnapshot } from '../src/profit/book-table';
import { DEFAULT_SIMULATOR_PATH, loadProfitLibrary, type SimulatorLibrary } from '../src/profit/profit.library';
import { callOffThread, ProfitSession } from '../src/profit/profit.session';
import { TConnectorAssetIdentifier } from '../src/profit/profit.types';
import { defaultShimPath, TradeRing, type DrainedTrade } from '../src/profit/trade-ring';
import { buildSimulator } from './simulator.helper';

/*
 * The shim's book and daily tables and its history path against the simulator: the session logs in with
 * direct JS callbacks, then TradeRing.install puts the shim's C callbacks in their place (as the session
 * does with a ring configured), and the test drains by hand between virtual-clock steps.
 */

const CREDENTIALS = { activationKey: 'key', user: 'user', password: 'secret' };
const SHIM = defaultShimPath(DEFAULT_SIMULATOR_PATH);
const PETR4 = { Version: 0, Ticker: 'PETR4', Exchange: 'B', FeedType: 0 };
const TC_LAST_PACKET = 2;

/** The requests these tests make, bound here so they do not depend on what the session exposes. */
interface Requests {
  SubscribePriceDepth: KoffiFunc<(asset: typeof PETR4) => number>;
  UnsubscribePriceDepth: KoffiFunc<(asset: typeof PETR4) => number>;
  GetHistoryTrades: KoffiFunc<(ticker: string, exchange: string, start: string, end: string) => number>;
}

function simulatorExports(): string {
  try {
    return execFileSync('nm', ['-D', '--defined-only', DEFAULT_SIMULATOR_PATH], { encoding: 'utf8' });
  } catch {
    return '';
  }
}

buildSimulator();
const EXPORTS = simulatorExports();
const has = (...names: string[]) => names.every((name) => new RegExp(` T ${name}$`, 'm').test(EXPORTS));
const BOOKS = has('SubscribePriceDepth', 'SetPriceDepthCallback', 'GetPriceDepthSideCount', 'GetPriceGroup');
const DAILIES = has('SetDailyCallback');
const HISTORY = has('SetHistoryTradeCallbackV2', 'GetHistoryTrades');

/** Prices on the 0.01 grid, checked on the decimal string. */
const onCentGrid = (price: number) => /^\d+(\.\d{1,2})?$/.test(String(price));

describe('the shim tables and history trades against the simulator', () => {
  let lib: ReturnType<typeof loadProfitLibrary>;
  let sim: SimulatorLibrary;
  let requests: Requests;
  let session: ProfitSession | null = null;
  let ring: TradeRing | null = null;

  beforeAll(() => {
    lib = loadProfitLibrary(DEFAULT_SIMULATOR_PATH);
    sim = lib.simulator!;
    const raw = koffi.load(DEFAULT_SIMULATOR_PATH);
    const asset = koffi.pointer(TConnectorAssetIdentifier);
    requests = {
      SubscribePriceDepth: BOOKS ? raw.func('__stdcall', 'SubscribePriceDepth', 'int32', [asset]) : (null as never),
      UnsubscribePriceDepth: BOOKS ? raw.func('__stdcall', 'UnsubscribePriceDepth', 'int32', [asset]) : (null as never),
      GetHistoryTrades: HISTORY ? raw.func('__stdcall', 'GetHistoryTrades', 'int32', ['str16', 'str16', 'str16', 'str16']) : (null as never),
    } as Requests;
  });
  beforeEach(() => {
    expect(sim.Sim_Reset()).toBe(0);
    expect(sim.Sim_SetClockMode(1, 1)).toBe(0); // virtual clock: market data flows only on Sim_Advance
  });
  afterEach(async () => {
    await session?.finalize().catch(() => undefined);
    ring?.uninstall(); // after DLLFinalize, as the session does
    session = null;
    ring = null;
  });

  /** Logged in (market data only), with the shim's callbacks registered in place of the session's. */
  async function start(capacity = 1 << 16): Promise<TradeRing> {
    session = new ProfitSession(lib, () => undefined);
    await session.initialize(CREDENTIALS, false);
    expect(await callOffThread(sim.Sim_Advance, 0)).toBe(0);
    ring = TradeRing.install(SHIM, lib.path, capacity);
    return ring;
  }
  const advance = async (ms: number) => expect(await callOffThread(sim.Sim_Advance, ms)).toBe(0);

  it('registers what the simulator exports', async () => {
    const r = await start();
    expect(r.features()).toEqual({ history: HISTORY, books: BOOKS, dailies: DAILIES });
  });

  (BOOKS ? describe : describe.skip)('books', () => {
    const expectSane = (book: BookSnapshot) => {
      expect(book).toMatchObject({ ticker: 'PETR4', exchange: 'B', auction: false });
      expect(book.bids).toHaveLength(10);
      expect(book.asks).toHaveLength(10);
      const bids = book.bids.map((l) => l.price);
      const asks = book.asks.map((l) => l.price);
      expect([...bids].sort((a, b) => b - a)).toEqual(bids);
      expect(new Set(bids).size).toBe(10);
      expect([...asks].sort((a, b) => a - b)).toEqual(asks);
      expect(new Set(asks).size).toBe(10);
      expect(bids[0]).toBeLessThan(asks[0]);
      expect([...bids, ...asks].filter((p) => !onCentGrid(p))).toEqual([]);
      for (const level of [...book.bids, ...book.asks]) {
        expect(level.quantity).toBeGreaterThan(0);
        expect(level.orders).toBeGreaterThan(0);
      }
    };

    it('takes the full book PETR4 gets on subscribe: 10 levels a side, ordered, on the tick grid', async () => {
      const r = await start();
      expect(requests.SubscribePriceDepth(PETR4)).toBe(0);
      await advance(0);
      const books = r.drainBooks();
      expect(books).toHaveLength(1);
      expectSane(books[0]);
      expect(books[0].sequence).toBe(1);
      expect(r.drainBooks()).toEqual([]);
      expect(r.stats().books).toMatchObject({ snapshots: 1, drained: 1, conflated: 0, dropped: 0, errors: 0, assets: 1 });
    });

    it('keeps snapshotting as the walk moves the book, each drain seeing the latest', async () => {
      const r = await start();
      expect(requests.SubscribePriceDepth(PETR4)).toBe(0);
      expect(lib.SubscribeTicker('PETR4', 'B')).toBe(0); // the walk (and with it the book) moves with trades
      await advance(0);
      const seen: BookSnapshot[] = [...r.drainBooks()];
      for (let step = 0; step < 60; step++) {
        await advance(250);
        seen.push(...r.drainBooks());
      }
      const sequences = seen.map((b) => b.sequence);
      expect(sequences.length).toBeGreaterThan(10);
      expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
      expect(new Set(sequences).size).toBe(sequences.length);
      for (const book of seen) expectSane(book);
      const prices = new Set(seen.map((b) => b.bids[0].price));
      expect(prices.size).toBeGreaterThan(1); // the book moved
      expect(r.stats().books.received).toBeGreaterThan(r.stats().books.snapshots); // prepares and edits are not snapshots
    });

    it('conflates a slow drain: nothing dropped, one snapshot at the latest state', async () => {
      const r = await start();
      expect(requests.SubscribePriceDepth(PETR4)).toBe(0);
      expect(lib.SubscribeTicker('PETR4', 'B')).toBe(0);
      await advance(0);
      for (let step = 0; step < 20; step++) await advance(500); // nobody drains meanwhile
      const stats = r.stats().books;
      expect(stats.snapshots).toBeGreaterThan(2);
      const books = r.drainBooks();
      expect(books).toHaveLength(1);
      expectSane(books[0]);
      expect(books[0].sequence).toBe(stats.snapshots); // the latest one
      const after = r.stats().books;
      expect(after).toMatchObject({ dropped: 0, errors: 0, drained: 1, conflated: stats.snapshots - 1 });
      expect(after.callbackP99Ns).toBeGreaterThan(0);
    });

    it('stops after unsubscribe', async () => {
      const r = await start();
      expect(requests.SubscribePriceDepth(PETR4)).toBe(0);
      expect(lib.SubscribeTicker('PETR4', 'B')).toBe(0);
      await advance(1000);
      r.drainBooks();
      expect(requests.UnsubscribePriceDepth(PETR4)).toBe(0);
      await advance(0);
      r.drainBooks(); // whatever was already on its way
      const before = r.stats().books.snapshots;
      await advance(5000);
      expect(r.drainBooks()).toEqual([]);
      expect(r.stats().books.snapshots).toBe(before);
    });
  });

  (DAILIES ? it : it.skip)('keeps the latest daily aggregate of a subscribed ticker, growing with its trades', async () => {
    const r = await start();
    expect(lib.SubscribeTicker('PETR4', 'B')).toBe(0);
    await advance(0);
    const seen = [];
    for (let step = 0; step < 10; step++) {
      await advance(2000);
      seen.push(...r.drainDailies());
    }
    expect(seen.length).toBeGreaterThan(3);
    for (const daily of seen) {
      expect(daily).toMatchObject({ ticker: 'PETR4', exchange: 'B' });
      expect(daily.date).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d\.\d{3}$/);
      expect(daily.high).toBeGreaterThanOrEqual(daily.close);
      expect(daily.close).toBeGreaterThanOrEqual(daily.low);
      expect(daily.high).toBeGreaterThanOrEqual(daily.open);
      expect(daily.open).toBeGreaterThanOrEqual(daily.low);
      expect(onCentGrid(daily.close)).toBe(true);
    }
    const trades = seen.map((d) => d.trades);
    expect([...trades].sort((a, b) => a - b)).toEqual(trades);
    expect(trades[trades.length - 1]).toBeGreaterThan(trades[0]);
    expect(seen.map((d) => d.sequence)).toEqual([...seen.map((d) => d.sequence)].sort((a, b) => a - b));
    const stats = r.stats().dailies;
    expect(stats).toMatchObject({ dropped: 0, assets: 1, drained: seen.length });
    expect(stats.received).toBe(seen[seen.length - 1].sequence);
  });

  (HISTORY ? it : it.skip)('drains a GetHistoryTrades answer through the trade ring, marked history, gapless, the last flagged', async () => {
    const r = await start();
    // the virtual session starts Tuesday 01/12/2026 10:00 exchange time: history from Monday's session
    expect(requests.GetHistoryTrades('PETR4', 'B', '30/11/2026 10:00:00', '30/11/2026 10:30:00')).toBe(0);
    const got: DrainedTrade[] = [];
    for (let step = 0; step < 50 && !got.some((t) => t.flags & TC_LAST_PACKET); step++) {
      await advance(100);
      got.push(...r.drain());
    }
    const history = got.filter((t) => t.history);
    expect(history.length).toBeGreaterThan(1);
    expect(history.every((t) => t.ticker === 'PETR4' && t.exchange === 'B')).toBe(true);
    const numbers = history.map((t) => t.trade.TradeNumber);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => numbers[0] + i));
    expect(history[history.length - 1].flags & TC_LAST_PACKET).toBe(TC_LAST_PACKET);
    expect(history.slice(0, -1).every((t) => (t.flags & TC_LAST_PACKET) === 0)).toBe(true);
    expect(r.stats()).toMatchObject({ dropped: 0, history: { received: history.length } });
  });

  it('uninstalls after DLLFinalize and installs again for the next session', async () => {
    const first = await start();
    if (BOOKS) expect(requests.SubscribePriceDepth(PETR4)).toBe(0);
    expect(lib.SubscribeTicker('PETR4', 'B')).toBe(0);
    await advance(1000);
    await session!.finalize();
    first.uninstall();
    expect(first.drain()).toEqual([]);
    expect(first.drainBooks()).toEqual([]);
    expect(first.drainDailies()).toEqual([]);
    ring = null;

    expect(sim.Sim_Reset()).toBe(0);
    expect(sim.Sim_SetClockMode(1, 1)).toBe(0);
    const again = await start();
    if (BOOKS) expect(requests.SubscribePriceDepth(PETR4)).toBe(0);
    expect(lib.SubscribeTicker('PETR4', 'B')).toBe(0);
    await advance(2000);
    expect(again.drain().length).toBeGreaterThan(0);
    if (BOOKS) expect(again.drainBooks()).toMatchObject([{ ticker: 'PETR4', sequence: expect.any(Number) }]);
    if (DAILIES) expect(again.drainDailies()).toMatchObject([{ ticker: 'PETR4' }]);
    expect(again.stats()).toMatchObject({ dropped: 0, books: { dropped: 0 } });
  });
});
