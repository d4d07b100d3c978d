import { createHash } from 'node:crypto';
import {
  BridgeError,
  createProfitMarketData,
  DEFAULT_INSTRUMENTS,
  simulatorControls,
  type BridgeTrade,
  type ConnectionState,
  type InstrumentRef,
  type ProfitMarketDataOptions,
} from '../src';
import { buildSimulator, clientTracker, collectTrades, waitFor } from './simulator.helper';

const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const LOTS: Record<string, number> = { WINZ26: 1, WDOZ26: 1, PETR4: 100, VALE3: 100 };

/** Price on the instrument's tick grid, checked on the decimal string itself. */
function onTick(trade: BridgeTrade): boolean {
  switch (trade.symbol) {
    case 'WINZ26':
      return /^\d+$/.test(trade.price) && BigInt(trade.price) % 5n === 0n;
    case 'WDOZ26':
      return /^\d+\.[05]$/.test(trade.price);
    default:
      return /^\d+\.\d{2}$/.test(trade.price);
  }
}

const clients = clientTracker();
const client = (opts: ProfitMarketDataOptions = {}) => clients.track(createProfitMarketData(opts));

beforeAll(buildSimulator);
afterEach(() => clients.stopAll());

async function subscribeAll(c: ReturnType<typeof client>): Promise<void> {
  for (const { symbol, exchange } of DEFAULT_INSTRUMENTS) await c.subscribe(symbol, exchange);
}

describe('ProfitDLL market data over the simulator', () => {
  it('streams tick-aligned trades with UTC times for subscriptions made before and after start', async () => {
    const md = client({ meanInterArrivalMs: 20 });
    const trades = collectTrades(md);
    await md.subscribe('winz26', 'f'); // queued: not connected yet
    await md.start();
    expect(md.state()).toEqual({ login: 'CONNECTED', activation: 'VALID', marketData: 'CONNECTED', routing: 'DISABLED' });
    await md.subscribe('PETR4', 'B');
    await md.subscribe('VALE3', 'B');
    await md.subscribe('WDOZ26', 'F');

    const bySymbol = () => new Map(DEFAULT_INSTRUMENTS.map((i) => [i.symbol, trades.filter((t) => t.symbol === i.symbol)]));
    await waitFor(() => [...bySymbol().values()].every((list) => list.length >= 5), 'five trades per instrument');

    for (const [symbol, list] of bySymbol()) {
      expect(list.every((t) => t.exchange === (symbol.startsWith('W') ? 'F' : 'B'))).toBe(true);
      expect(list.filter((t) => !onTick(t))).toEqual([]);
      expect(list.every((t) => t.quantity > 0 && t.quantity % LOTS[symbol] === 0)).toBe(true);
      expect(list.every((t) => t.aggressor === 'BUY' || t.aggressor === 'SELL')).toBe(true);
      expect(list.map((t) => t.tradeNumber)).toEqual(list.map((_, i) => list[0].tradeNumber + i));
      for (const t of list) {
        expect(t.time).toMatch(ISO_UTC_MS);
        expect(Math.abs(Date.parse(t.time) - Date.now())).toBeLessThan(10_000);
      }
    }
    expect(md.stats().tradesReceived).toBeGreaterThanOrEqual(trades.length);
    // every trade came from a DLL callback (into the shim's ring by default), plus the state callbacks
    const stats = md.stats();
    expect(stats.tradePath).toBe('shim');
    expect(stats.callbacks + (stats.ring?.received ?? 0)).toBeGreaterThan(stats.tradesReceived);
  });

  it('moves prices by at most one tick between consecutive trades', async () => {
    const md = client({ virtualClock: true, seed: 7 });
    const trades = collectTrades(md);
    await md.start();
    await md.subscribe('WINZ26', 'F');
    await simulatorControls(md).advance(120_000);
    expect(trades.length).toBeGreaterThan(300);
    const steps = trades.slice(1).map((t, i) => Number(t.price) - Number(trades[i].price));
    expect(steps.every((d) => d === 0 || d === 5 || d === -5)).toBe(true);
    expect(new Set(steps).size).toBe(3);
  });

  describe('virtual clock', () => {
    async function run(seed: number): Promise<BridgeTrade[]> {
      const md = client({ virtualClock: true, seed });
      const trades = collectTrades(md);
      await md.start();
      await subscribeAll(md);
      const sim = simulatorControls(md);
      await sim.advance(0);
      expect(trades).toEqual([]); // time only moves when told to
      for (let i = 0; i < 60; i++) await sim.advance(1_000);
      await md.stop();
      return trades;
    }

    it('replays the identical trade stream for the same seed and differs for another seed', async () => {
      const first = await run(42);
      const again = await run(42);
      const other = await run(43);
      expect(first.length).toBeGreaterThan(800); // ~4 instruments x 60 s / 200 ms
      expect(again).toEqual(first);
      expect(other).not.toEqual(first);
      expect(first[0].time >= '2026-12-01T13:00:00.000Z').toBe(true);
      expect(first.at(-1)!.time <= '2026-12-01T13:01:00.000Z').toBe(true);
      const times = first.map((t) => t.time);
      expect([...times].sort()).toEqual(times);
    });

    it('matches the golden stream for seed 42', async () => {
      const trades = await run(42);
      const digest = createHash('sha256').update(JSON.stringify(trades)).digest('hex');
      // Changes only when the simulator's walk changes on purpose; update it together with that change.
      expect({ count: trades.length, first: trades[0], digest }).toMatchSnapshot();
    });
  });

  describe('credentials', () => {
    it.each([
      [{ password: '' }, 'BRIDGE_NO_PASSWORD'],
      [{ user: '' }, 'BRIDGE_NO_USER'],
      [{ activationKey: '' }, 'BRIDGE_INVALID_ARGS'],
    ])('rejects %j synchronously with %s', async (creds, code) => {
      await expect(client(creds).start()).rejects.toMatchObject({ code, extensions: { code } });
    });

    it('rejects with BRIDGE_LOGIN_FAILED when the server refuses the password', async () => {
      const md = client({ virtualClock: true });
      simulatorControls(md).failNextStartup({ login: 2 });
      const err = await md.start().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BridgeError);
      expect(err).toMatchObject({ code: 'BRIDGE_LOGIN_FAILED', details: { reason: 'INVALID_PASSWORD' } });
      expect(md.state().login).toBe('FAILED');
      expect(simulatorControls(md).stats().phase).toBe('idle'); // the failed session was finalized
    });

    it('rejects with BRIDGE_ACTIVATION_INVALID and can log in again afterwards', async () => {
      const failing = client({ virtualClock: true });
      simulatorControls(failing).failNextStartup({ activation: 1 });
      await expect(failing.start()).rejects.toMatchObject({ code: 'BRIDGE_ACTIVATION_INVALID' });
      const next = client({ virtualClock: true });
      await next.start();
      expect(next.state().marketData).toBe('CONNECTED');
    });

    it('times out when market data never connects in time', async () => {
      const md = client({ startupTimeoutMs: 1 });
      await expect(md.start()).rejects.toMatchObject({ code: 'BRIDGE_STARTUP_TIMEOUT' });
      expect(simulatorControls(md).stats().phase).toBe('idle');
    });
  });

  it('reports an unknown ticker and does not re-subscribe it', async () => {
    const md = client({ virtualClock: true });
    const invalid: InstrumentRef[] = [];
    md.onInvalidTicker((i) => invalid.push(i));
    await md.start();
    await md.subscribe('NOPE3', 'B');
    await simulatorControls(md).advance(0);
    expect(invalid).toEqual([{ symbol: 'NOPE3', exchange: 'B' }]);

    simulatorControls(md).disconnect('MARKET_DATA', 10);
    await simulatorControls(md).advance(10);
    await simulatorControls(md).advance(0);
    expect(invalid).toHaveLength(1);
  });

  it('re-subscribes after a market-data reconnect and resumes the tape without duplicates', async () => {
    const md = client({ virtualClock: true, seed: 3 });
    const trades = collectTrades(md);
    const states: ConnectionState['marketData'][] = [];
    md.onState((s) => states.push(s.marketData));
    await md.start();
    await md.subscribe('PETR4', 'B');
    const sim = simulatorControls(md);
    await sim.advance(5_000);
    const beforeDrop = trades.length;
    expect(beforeDrop).toBeGreaterThan(5);

    states.length = 0;
    sim.disconnect('MARKET_DATA', 2_000);
    await sim.advance(1_000);
    expect(md.state().marketData).toBe('DISCONNECTED');
    expect(trades.length).toBe(beforeDrop);

    await sim.advance(1_000); // link back: the client must subscribe again by itself
    expect(states).toEqual(['DISCONNECTED', 'CONNECTING', 'CONNECTED']);
    await sim.advance(5_000);
    expect(trades.length).toBeGreaterThan(beforeDrop + 5);
    const numbers = trades.map((t) => t.tradeNumber);
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0] + i));
  });

  it('stops an instrument on unsubscribe', async () => {
    const md = client({ virtualClock: true });
    const trades = collectTrades(md);
    await md.start();
    await md.subscribe('VALE3', 'B');
    await md.subscribe('WDOZ26', 'F');
    const sim = simulatorControls(md);
    await sim.advance(3_000);
    await md.unsubscribe('VALE3', 'B');
    const cut = trades.length;
    await sim.advance(3_000);
    const after = trades.slice(cut);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((t) => t.symbol === 'WDOZ26')).toBe(true);
  });

  it('delivers exchange edits with the corrected trade number and rounds scripted prices to the tick', async () => {
    const md = client({ virtualClock: true, meanInterArrivalMs: 1e9 });
    const trades = collectTrades(md);
    await md.start();
    await md.subscribe('PETR4', 'B');
    const sim = simulatorControls(md);
    sim.pushTrade({ symbol: 'PETR4', exchange: 'B', price: '38.02', quantity: 500 });
    sim.pushTrade({ symbol: 'PETR4', exchange: 'B', price: '38.0149999', quantity: 400, isEdit: true });
    await sim.advance(0);
    expect(trades.map(({ price, quantity, tradeNumber, aggressor, isEdit }) => ({ price, quantity, tradeNumber, aggressor, isEdit }))).toEqual([
      { price: '38.02', quantity: 500, tradeNumber: 1, aggressor: 'BUY', isEdit: false },
      { price: '38.01', quantity: 400, tradeNumber: 1, aggressor: 'SELL', isEdit: true },
    ]);
    expect(trades[0].time).toBe('2026-12-01T13:00:00.000Z');
  });

  describe('library loading', () => {
    const saved = process.env.PROFITDLL_PATH;
    afterEach(() => {
      if (saved === undefined) delete process.env.PROFITDLL_PATH;
      else process.env.PROFITDLL_PATH = saved;
    });

    it('fails with BRIDGE_LIBRARY_UNAVAILABLE for a missing library, from the option or PROFITDLL_PATH', () => {
      const missing = '/nonexistent/ProfitDLL64.so';
      expect(() => createProfitMarketData({ libraryPath: missing })).toThrow(
        expect.objectContaining({ code: 'BRIDGE_LIBRARY_UNAVAILABLE', details: expect.objectContaining({ libraryPath: missing }) }),
      );
      process.env.PROFITDLL_PATH = missing;
      expect(() => createProfitMarketData()).toThrow(expect.objectContaining({ code: 'BRIDGE_LIBRARY_UNAVAILABLE' }));
    });

    it('refuses simulator controls for a client it did not create', () => {
      const foreign = { ...createProfitMarketData() };
      expect(() => simulatorControls(foreign)).toThrow(expect.objectContaining({ code: 'BRIDGE_SIMULATOR_UNAVAILABLE' }));
    });
  });

  describe('stop', () => {
    it('returns promptly during a burst and delivers nothing once called', async () => {
      const md = client({ meanInterArrivalMs: 0.01 });
      let delivered = 0;
      md.onTrade(() => delivered++);
      await md.start();
      await subscribeAll(md);
      await waitFor(() => delivered > 2_000, 'a burst of trades');

      const stopped = md.stop();
      const atStop = delivered;
      const started = Date.now();
      await stopped;
      expect(Date.now() - started).toBeLessThan(2_000);
      const sim = simulatorControls(md);
      expect(sim.stats().phase).toBe('idle');
      await new Promise((resolve) => setImmediate(resolve));
      expect(delivered).toBe(atStop);
      expect(sim.stats().queueHighWater).toBeGreaterThan(1);
    });

    it('is idempotent and final', async () => {
      const md = client({ virtualClock: true });
      await md.start();
      await Promise.all([md.stop(), md.stop()]);
      await md.stop();
      await expect(md.start()).resolves.toBeUndefined(); // the original start already succeeded
      await expect(md.subscribe('PETR4', 'B')).rejects.toMatchObject({ code: 'BRIDGE_STOPPED' });
      await expect(client().stop()).resolves.toBeUndefined(); // never started
    });

    it('aborts a pending start', async () => {
      const md = client();
      const starting = md.start();
      await md.stop();
      await expect(starting).rejects.toMatchObject({ code: 'BRIDGE_STOPPED' });
      expect(simulatorControls(md).stats().phase).toBe('idle');
      // nothing was left running behind the stop (the trade ring would otherwise be drained forever)
      expect(md.stats().ring).toBeNull();
    });
  });
});
